"""Failures of the machine while writing — a full disk, PostgreSQL gone mid-ingest, a record other writers keep
locked — end in one line naming what failed and what to do, exit 3, no traceback; what was stored stays
whole, and the same command run again completes the record."""

from __future__ import annotations

import sqlite3
import time

import pytest
from helpers import write_pages
from launch import start
from pgserver import PostgresServer
from record_content import assert_same_content

from yaowen.cli import main
from yaowen.record import Record, db, txn
from yaowen.record.check import check_record


def _yaowen(argv: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    return exit_.value.code, capsys.readouterr().err


def _one_line(err: str, start: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("yaowen:")]
    assert len(lines) == 1 and lines[0].startswith(start), err
    assert "Traceback" not in err
    return lines[0]


def test_disk_full_is_one_line_and_the_rerun_completes(tmp_path, monkeypatch, capsys):
    pages = tmp_path / "pages"
    write_pages(pages, 120)
    target = tmp_path / "full.db"
    Record.open(str(target)).close()
    size = sqlite3.connect(target).execute("PRAGMA page_count").fetchone()[0]
    limited = db._sqlite_pragmas

    def small_disk(dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
        limited(dbapi_conn, record)
        dbapi_conn.execute(f"PRAGMA max_page_count = {size + 80}")  # room for a batch of 50 pages, not all 120

    monkeypatch.setattr(db, "_sqlite_pragmas", small_disk)
    code, err = _yaowen(["ingest", str(pages), "--db", str(target)], capsys)
    line = _one_line(err, f"yaowen: disk full: cannot write to the record {target}")
    assert code == 3 and "free space, then rerun the same command" in line
    monkeypatch.setattr(db, "_sqlite_pragmas", limited)
    rec = Record.open(str(target))
    assert 0 < rec.stats()["pages"] < 120  # the batches that fitted are stored, whole
    # whole: integrity and index hold; only the global steps the full disk interrupted are due
    assert {f.check for f in check_record(rec.engine) if not f.ok} == {"pending work", "people"}
    code, err = _yaowen(["ingest", str(pages), "--db", str(target)], capsys)
    assert code == 0, err
    clean = Record.open(str(tmp_path / "clean.db"))
    clean.ingest([str(pages)])
    assert_same_content(rec.engine, clean.engine)


def test_a_record_locked_through_every_retry_is_one_line(tmp_path, monkeypatch, capsys):
    write_pages(tmp_path / "pages", 2)
    target = tmp_path / "locked.db"
    Record.open(str(target)).close()
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer that never lets go
    patient = db._sqlite_pragmas

    def impatient(dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
        patient(dbapi_conn, record)
        dbapi_conn.execute("PRAGMA busy_timeout = 50")

    monkeypatch.setattr(db, "_sqlite_pragmas", impatient)
    monkeypatch.setattr(txn, "RETRIES", 3)
    try:
        code, err = _yaowen(["ingest", str(tmp_path / "pages"), "--db", str(target)], capsys)
    finally:
        holder.rollback()
        holder.close()
    line = _one_line(err, f"yaowen: record {target} busy: storing 2 page(s): still locked by other writers after 3")
    assert code == 3 and "rerun the same command" in line


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgresql_lost_mid_ingest_is_one_line(tmp_path, db_url, pg_server):
    server = PostgresServer()  # a server of its own, to stop
    if server.external:
        pytest.skip("YAOWEN_TEST_PG names a server this test must not stop")
    server.start()
    try:
        url = server.new_database()
        write_pages(tmp_path / "pages", 40)
        proc = start(["ingest", str(tmp_path / "pages"), "--db", url], tmp_path / "ingest.log", batch=2)
        rec = Record.open(url)
        deadline = time.monotonic() + 120
        while rec.stats()["pages"] == 0 and proc.is_alive() and time.monotonic() < deadline:
            time.sleep(0.01)
        rec.close()
    finally:
        server.stop()
    proc.join(120)
    err = (tmp_path / "ingest.log").read_text()
    line = _one_line(err, "yaowen: lost the connection to PostgreSQL postgresql+psycopg://postgres@/")
    assert proc.exitcode == 3 and "when the server is back, then rerun the same command" in line
