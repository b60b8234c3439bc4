"""The Ray engine on a local Ray started here (two CPUs): the same records as the local engine, table by
table, and an ingest that completes, each page once, when Ray workers are killed under it."""

from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_local_engine import page_inputs, page_text, write_pages

from yaowen.batch import Extraction, PageOutcome
from yaowen.batch.local import LocalEngine
from yaowen.read.inputs import PageInput
from yaowen.record import Record
from yaowen.record import schema as s

try:
    import ray
except ImportError:
    if os.environ.get("CI"):
        raise  # CI installs the test extra, which brings Ray: its tests must run there
    pytest.skip('Ray is not installed (pip install -e ".[test]" brings it)', allow_module_level=True)

from yaowen.batch.ray_engine import RayEngine  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"
TIMESTAMPS = {"ingested_at", "at"}  # when a row was written: the only columns two ingests may differ in


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    yield
    ray.shutdown()


def table_rows(rec: Record) -> dict[str, list[tuple]]:
    rows = {}
    with rec.engine.connect() as conn:
        for table in s.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name not in TIMESTAMPS]
            rows[table.name] = [tuple(r) for r in conn.execute(select(*columns).order_by(*table.primary_key))]
    return rows


def test_local_and_ray_engines_store_identical_records(local_ray, shared, tmp_path):
    sources = [str(EXAMPLES), str(shared / "seeds"), *(str(shared / "dev" / "raw" / f"d00{n}.txt") for n in range(1, 7))]
    records = {}
    for name, engine in (("local", LocalEngine(1)), ("ray", RayEngine(2))):
        rec = Record.open(str(tmp_path / f"{name}.db"))
        with engine:
            report = rec.ingest(sources, pages=engine)
        assert report.stored == 18 and report.failed == 0
        records[name] = table_rows(rec)
        rec.close()
    for table, rows in records["local"].items():
        assert rows == records["ray"][table], f"table {table} differs between the engines"
    assert len(records["local"]["mentions"]) > 100  # the comparison covered real extraction


@ray.remote
def _worker_pid() -> int:
    return os.getpid()


def test_an_ingest_completes_once_when_ray_workers_are_killed(local_ray, tmp_path):
    write_pages(tmp_path / "pages", 40)
    rec = Record.open(str(tmp_path / "r.db"))
    killed: list[int] = []

    def kill_workers(source: str, error: str | None) -> None:
        if not killed:  # the first page is back: the others are in flight on the workers
            killed.extend(set(ray.get([_worker_pid.remote() for _ in range(8)])))
            for pid in killed:
                os.kill(pid, signal.SIGKILL)

    with RayEngine(2, window=8) as engine:
        report = rec.ingest([str(tmp_path / "pages")], on_page=kill_workers, pages=engine)
    assert killed and report.stored == 40 and report.failed == 0
    with rec.engine.connect() as conn:
        assert conn.execute(select(func.count(func.distinct(s.pages.c.sha256)))).scalar() == 40
        assert conn.execute(select(func.count()).select_from(s.pages)).scalar() == 40
        assert conn.execute(select(func.count(func.distinct(s.articles.c.page_id)))).scalar() == 40
    rec.close()


def test_batched_outcomes_come_in_input_order_and_read_only_a_window_ahead(local_ray):
    pulled: list[int] = []
    ahead: list[int] = []
    outcomes: list[PageOutcome] = []
    # batches of at most 3 pages or 600 bytes (a page is ~300), so both limits cut them
    with RayEngine(2, batch_pages=3, batch_bytes=600) as engine:
        for outcome in engine.outcomes(page_inputs(60, pulled), Extraction()):
            ahead.append(len(pulled) - len(outcomes))
            outcomes.append(outcome)
        local = list(LocalEngine(1).outcomes(page_inputs(60), Extraction()))
    assert [o.source for o in outcomes] == [o.source for o in local]
    assert [(o.record, o.error) for o in outcomes] == [(o.record, o.error) for o in local]
    assert sum(o.record is not None for o in outcomes) == 48
    assert max(ahead) <= engine.window * 2 < 60, ahead


def test_a_page_that_kills_its_workers_loses_only_itself(local_ray, monkeypatch):
    import yaowen.batch.ray_engine as ray_engine

    # no reruns: each worker Ray starts again costs seconds, and the fallback is the same after any number
    monkeypatch.setattr(ray_engine, "BATCH_RETRIES", 0)
    monkeypatch.setattr(ray_engine, "MAX_RETRIES", 0)

    class KillsItsWorker(Extraction):  # defined here, so Ray ships it by value (workers cannot import tests)
        """Ends the worker process outright on a page that says so, as a crash in native code would."""

        def __call__(self, item: PageInput) -> PageOutcome:
            if b"KILL" in item.raw:
                os._exit(1)
            return super().__call__(item)

    items = [PageInput(f"p{n}.txt", b"KILL" if n == 5 else page_text(n).encode(), f"p{n}") for n in range(12)]
    with RayEngine(2, batch_pages=8) as engine:
        outcomes = list(engine.outcomes(items, KillsItsWorker()))
    assert [o.source for o in outcomes] == [f"p{n}.txt" for n in range(12)]
    assert [n for n, o in enumerate(outcomes) if o.record is None] == [5], [o.error for o in outcomes]
    assert outcomes[5].error is not None and outcomes[5].error.startswith("p5.txt: the Ray task extracting it failed")
    assert "\n" not in outcomes[5].error and "\x1b" not in outcomes[5].error
