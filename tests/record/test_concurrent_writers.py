"""Several `yaowen ingest` processes writing into one record at once — a new record, overlapping pages, disjoint
pages of the same paper — all exit 0 and leave what one clean ingest of all the pages leaves, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import write_page_set
from launch import start
from record_content import assert_same_content

from yaowen.record import Record

PAGES = 22  # 20 dated pages and 2 that print neither paper nor year


@pytest.fixture(scope="module")
def page_set(tmp_path_factory) -> list[Path]:
    return write_page_set(tmp_path_factory.mktemp("pages"), PAGES - 2)


@pytest.fixture(scope="module")
def clean_records(page_set, tmp_path_factory, pg_server) -> dict[str, Record]:
    """One clean ingest of every page, per backend."""
    records = {"sqlite": Record.open(str(tmp_path_factory.mktemp("clean") / "clean.db")),
               "postgresql": Record.open(pg_server.new_database())}
    for rec in records.values():
        report = rec.ingest([str(p) for p in page_set])
        assert report.stored == PAGES and report.failed == 0
    yield records
    for rec in records.values():
        rec.close()


def _shares(pages: list[Path], writers: int, how: str) -> list[list[Path]]:
    if how == "same":  # every writer ingests every page
        return [pages] * writers
    if how == "disjoint":  # each its own pages; the undated ones go to the last writer
        return [pages[i::writers] for i in range(writers)]
    window = len(pages) // writers + 4  # overlapping: windows that share 4 pages with the next one
    shares = [pages[i * (window - 4): i * (window - 4) + window] for i in range(writers)]
    shares[-1] = pages[(writers - 1) * (window - 4):]
    return shares


@pytest.mark.parametrize("how", ["same", "overlapping", "disjoint"])
@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_ingests_give_the_clean_record(db_url, tmp_path, page_set, clean_records, how, writers):
    if how != "same":  # the record exists before they start (a new record is the "same" case)
        Record.open(db_url).close()
    shares = _shares(page_set, writers, how)
    assert {p for share in shares for p in share} == set(page_set)
    procs = [start(["ingest", *map(str, share), "--db", db_url], tmp_path / f"writer{i}.log", batch=3)
             for i, share in enumerate(shares)]
    for proc in procs:
        proc.join(300)
    logs = [(tmp_path / f"writer{i}.log").read_text() for i in range(writers)]
    assert [p.exitcode for p in procs] == [0] * writers, logs
    assert not any("Traceback" in log or "yaowen:" in log for log in logs), logs
    rec = Record.open(db_url)
    try:
        backend = "sqlite" if rec.backend == "sqlite" else "postgresql"
        assert_same_content(rec.engine, clean_records[backend].engine)
    finally:
        rec.close()
