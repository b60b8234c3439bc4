"""Ingest: idempotent, resumable, bad files reported and harmless, readers undisturbed; on both backends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import write_pages
from sqlalchemy import func, select

from yaowen.record import Record
from yaowen.record import schema as s
from yaowen.record.ingest import ingest_sources

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"
COUNTED = (s.pages, s.articles, s.mentions, s.posts, s.meetings, s.participants, s.documents, s.figures,
           s.appointments, s.people, s.article_topics)


def counts(rec: Record) -> dict[str, int]:
    with rec.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar() for t in COUNTED}


def test_examples_ingest_and_reingest_changes_nothing(record):
    first = record.ingest([str(EXAMPLES)])
    assert first.stored == 7 and first.failed == 0
    assert first.articles >= 15
    before = counts(record)
    assert before["meetings"] >= 5 and before["people"] >= 20 and before["figures"] >= 20
    again = record.ingest([str(EXAMPLES)])
    assert (again.stored, again.skipped) == (0, 7)
    assert counts(record) == before


def test_same_bytes_under_another_name_is_one_page(record, tmp_path):
    src = EXAMPLES / "02_standing_committee.txt"
    copy = tmp_path / "copy.txt"
    copy.write_bytes(src.read_bytes())
    report = record.ingest([str(src), str(copy)])
    assert (report.stored, report.skipped) == (1, 1)


def test_a_copy_read_after_the_remembered_hashes_is_still_one_page(record, tmp_path, monkeypatch):
    import yaowen.record.ingest as ingest

    monkeypatch.setattr(ingest, "RECENT_PAGES", 2)  # the hashes of pages in flight are bounded
    pages = write_pages(tmp_path / "pages", 5)
    copy = tmp_path / "pages" / "zz_copy.txt"
    copy.write_bytes(Path(pages[0]).read_bytes())  # read last, in the same batch as the first, not yet written
    report = record.ingest([str(tmp_path / "pages")])
    assert (report.stored, report.skipped, report.failed) == (5, 1, 0)
    assert counts(record)["pages"] == 5


def test_bad_files_are_reported_and_the_rest_goes_on(record, tmp_path):
    record.ingest([str(EXAMPLES / "01_audit_markdown.txt")])
    before = counts(record)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "english.txt").write_text("This is not a Chinese newspaper page at all. " * 20)
    good = write_pages(tmp_path, 2)
    seen: list[tuple[str, str | None]] = []
    report = record.ingest([str(tmp_path), str(tmp_path / "missing.txt")], on_page=lambda p, e: seen.append((p, e)))
    assert report.stored == 2 and report.failed == 4
    failed = {Path(p).name: e for p, e in seen if e}
    assert set(failed) == {"empty.txt", "binary.txt", "english.txt", "missing.txt"}
    assert all(e.startswith(str(tmp_path)) and "\n" not in e for e in failed.values())  # one line naming the file
    after = counts(record)
    assert after["pages"] == before["pages"] + len(good)
    assert record.stats()["ingest_errors"] == 4
    assert record.search("审计").total >= 1  # what was stored before is intact


def test_interrupted_ingest_resumes_without_duplicates(record, db_url, tmp_path):
    pages = write_pages(tmp_path / "pages", 12)

    class Stop(Exception):
        pass

    calls = 0

    def stop_after_five(source: str, error: str | None) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise Stop

    with pytest.raises(Stop):
        ingest_sources(record.engine, [str(p) for p in pages], batch=4, on_page=stop_after_five)
    partial = counts(record)["pages"]
    assert partial in (4, 8)  # whole batches only: nothing half-written
    report = record.ingest([str(p) for p in pages])
    assert report.stored == 12 - partial and report.skipped == partial

    clean = Record.open(str(tmp_path / "clean.db"))
    clean.ingest([str(p) for p in pages])
    assert counts(record) == counts(clean)


def test_killed_ingest_process_resumes(db_url, tmp_path):
    """A real SIGKILL in the middle of a CLI ingest, then the same command again."""
    pages = write_pages(tmp_path / "pages", 120)
    cmd = [sys.executable, "-m", "yaowen", "ingest", str(tmp_path / "pages"), "--db", db_url, "--batch", "20"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rec = Record.open(db_url)
    try:
        deadline = time.monotonic() + 120
        while counts(rec)["pages"] == 0 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        partial = counts(rec)["pages"]
        assert partial < len(pages), "the ingest finished before it could be killed"
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = counts(rec)
        assert after["pages"] == len(pages)
        with rec.engine.connect() as conn:
            dupes = conn.execute(select(s.pages.c.sha256).group_by(s.pages.c.sha256)
                                 .having(func.count() > 1)).all()
            orphan_pages = conn.execute(select(func.count()).select_from(s.pages).where(
                ~s.pages.c.id.in_(select(s.articles.c.page_id)))).scalar()
        assert not dupes and orphan_pages == 0
    finally:
        rec.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_readers_keep_reading_during_an_ingest(db_url, tmp_path):
    writer = Record.open(db_url)
    writer.ingest([str(EXAMPLES)])
    pages = write_pages(tmp_path / "pages", 60)
    errors: list[BaseException] = []
    seen: list[list[int]] = [[], []]  # per reader: what it saw, in order
    done = threading.Event()

    def read(totals: list[int]) -> None:
        reader = Record.open(db_url)
        try:
            while not done.is_set():
                totals.append(reader.search("安全生产").total)
                reader.stats()
        except BaseException as e:  # noqa: BLE001 - the test reports it
            errors.append(e)
        finally:
            reader.close()

    threads = [threading.Thread(target=read, args=(totals,)) for totals in seen]
    for t in threads:
        t.start()
    try:
        writer.ingest([str(p) for p in pages])
    finally:
        done.set()
        for t in threads:
            t.join()
    assert not errors
    for totals in seen:  # each reader only ever saw whole batches arrive, never a count go back
        assert totals and totals == sorted(totals)
    assert writer.search("安全生产").total >= 60


def test_reextract_rebuilds_facts_from_stored_bytes(record, tmp_path):
    pages = write_pages(tmp_path / "pages", 3)
    record.ingest([str(p) for p in pages])
    before = counts(record)
    for p in pages:
        os.remove(p)  # the sources are gone: reextract needs only the database
    with record.engine.begin() as conn:
        conn.execute(s.pages.update().values(extractor="yaowen 0.0.1"))
    report = record.reextract()
    assert report.stored == 3 and report.failed == 0
    assert counts(record) == before
    assert record.reextract().stored == 0  # nothing stale any more
    assert record.search("安全生产").total == 3
