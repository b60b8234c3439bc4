"""Re-extraction goes through the bulk writer, a batch of pages per transaction: the record it leaves is that
of a fresh ingest of the same pages with the current extractor, and a kill mid-way, then the same command
again, re-derives only the pages not done yet and gives the same record."""

from __future__ import annotations

import time

import pytest
from helpers import varied_inputs, write_page_set
from launch import run, start
from record_content import assert_same_content
from sqlalchemy import func, select, text

from yaowen.record import Record, batches, extractor_version
from yaowen.record import schema as s

FACTS = ("posts", "participants", "mentions", "documents", "figures", "appointments", "meetings")


def _stale(rec: Record) -> int:
    """Every page's facts (all but its articles) gone and the page marked as an older extractor's, as an
    extractor that found fewer facts would have left them; returns how many pages."""
    with rec.engine.begin() as conn:
        for table in FACTS:
            conn.execute(text(f"DELETE FROM {table}"))
        return conn.execute(s.pages.update().values(extractor="yaowen 0.0.1")).rowcount


def _done(rec: Record) -> int:
    with rec.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(s.pages)
                            .where(s.pages.c.extractor == extractor_version())).scalar()


def _url(db_url: str, pg_server, tmp_path, name: str) -> str:
    return str(tmp_path / f"{name}.db") if "://" not in db_url else pg_server.new_database()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_reextract_leaves_the_record_of_a_fresh_ingest(db_url, tmp_path, shared, pg_server, monkeypatch):
    monkeypatch.setattr(batches, "BATCH_PAGES", 7)  # several batches, as many pages a transaction on both
    monkeypatch.setattr(batches, "BULK_BATCH_PAGES", 7)
    sources = varied_inputs(tmp_path, shared)
    fresh = Record.open(_url(db_url, pg_server, tmp_path, "fresh"))
    fresh.ingest(sources)
    rec = Record.open(_url(db_url, pg_server, tmp_path, "again"))
    rec.ingest(sources)
    pages = _stale(rec)
    report = rec.reextract()
    assert report.stored == pages > 20 and report.failed == 0
    assert report.rows_written > pages  # through the bulk writer
    assert_same_content(rec.engine, fresh.engine)
    assert rec.reextract().stored == 0  # nothing stale any more


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_a_killed_reextract_then_the_same_command_redoes_only_the_rest(db_url, tmp_path, pg_server):
    write_page_set(tmp_path / "pages", 8)
    clean = Record.open(_url(db_url, pg_server, tmp_path, "clean"))
    clean.ingest([str(tmp_path / "pages")])
    landed = False
    for cycle in range(4):  # until a kill lands between two batches (a batch is two pages)
        url = _url(db_url, pg_server, tmp_path, f"k{cycle}")
        rec = Record.open(url)
        rec.ingest([str(tmp_path / "pages")])
        pages = _stale(rec)
        proc = start(["reextract", "--db", url], tmp_path / f"k{cycle}.log", 2)
        deadline = time.monotonic() + 60
        while _done(rec) == 0 and proc.is_alive() and time.monotonic() < deadline:
            time.sleep(0.002)
        proc.kill()
        proc.join()
        done = _done(rec)
        landed = 0 < done < pages
        log = tmp_path / f"r{cycle}.log"
        assert run(["reextract", "--db", url], log, 2) == 0, log.read_text()
        assert f"{pages - done} page(s) stored" in log.read_text()  # only the rest is re-derived
        assert_same_content(rec.engine, clean.engine)
        rec.close()
        if landed:
            break
    assert landed
