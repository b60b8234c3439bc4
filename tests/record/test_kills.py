"""SIGKILL `yaowen ingest` at random moments — while it starts, between and inside batches, inside the final
people refresh and tenure dating, with one worker or two — and run the same command again: each time the
record equals a clean ingest of the pages, and the killed command leaves no process behind."""

from __future__ import annotations

import random
import time

import pytest
from helpers import write_page_set
from launch import alive, descendants, kill_all, run, start
from record_content import assert_same_content
from sqlalchemy import func, select

from yaowen.record import Record
from yaowen.record import schema as s

DATED = 4
PAGES = DATED + 2
BATCH = 2  # three batches of pages, so kills land between them as well as in them
KILLS = {"sqlite": 14, "postgresql": 6}  # 20 kills in all, every kind of moment on each backend


def _state(rec: Record) -> tuple[int, int]:
    """(pages stored, pending rows) as the killed process left them."""
    with rec.engine.connect() as conn:
        return (conn.execute(select(func.count()).select_from(s.pages)).scalar(),
                conn.execute(select(func.count()).select_from(s.pending_work)).scalar())


def _wait(rec: Record, proc, pages: int) -> None:
    deadline = time.monotonic() + 120
    while _state(rec)[0] < pages and proc.is_alive() and time.monotonic() < deadline:
        time.sleep(0.02)


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
def test_random_kills_then_reruns_give_the_clean_record(db_url, tmp_path, pg_server):
    """Kill moments are drawn from the ingest's own progress (a start, a number of pages stored, the global
    steps after the last batch), plus a random delay: the same kinds of moment on a fast or a busy machine."""
    write_page_set(tmp_path / "pages", DATED)
    clean_url = str(tmp_path / "clean.db") if "://" not in db_url else pg_server.new_database()
    clean = Record.open(clean_url)
    clean.ingest([str(tmp_path / "pages")])
    rng = random.Random(20240613)
    landed = {"before any page": 0, "among the batches": 0, "in the global steps": 0, "after the end": 0}
    leftovers: dict[int, set[int]] = {1: set(), 2: set()}  # by --workers
    for cycle in range(KILLS[clean.backend]):
        workers = 2 if cycle % 3 == 0 else 1
        url = str(tmp_path / f"k{cycle}.db") if clean.backend == "sqlite" else pg_server.new_database()
        Record.open(url).close()  # the schema exists: the kill moments are spent on the ingest itself
        rec = Record.open(url)
        argv = ["ingest", str(tmp_path / "pages"), "--db", url, "-w", str(workers)]
        proc = start(argv, tmp_path / f"k{cycle}.log", BATCH)
        moment = cycle % 4
        if moment:  # 1, 2: after some batches; 3: after the last one, in the global steps
            _wait(rec, proc, PAGES if moment == 3 else rng.randint(1, PAGES - 1))
        # among the batches the kill follows the sight of stored pages closely: six small pages store in a
        # blink, and a longer delay lets the last batches land before the kill on a fast machine
        time.sleep(rng.uniform(0, {0: 0.5, 1: 0.02, 2: 0.02, 3: 0.2}[moment]))
        children = descendants(proc.pid)
        proc.kill()
        proc.join()
        leftovers[workers] |= alive(children)
        kill_all(leftovers[workers])
        stored, waiting = _state(rec)
        landed["before any page" if stored == 0 else "among the batches" if stored < PAGES else
               "in the global steps" if waiting else "after the end"] += 1
        assert run(argv, tmp_path / f"r{cycle}.log", BATCH) == 0, (tmp_path / f"r{cycle}.log").read_text()
        assert_same_content(rec.engine, clean.engine)
        rec.close()
    clean.close()
    assert landed["among the batches"] >= 1 and landed["in the global steps"] >= 2, landed  # timing varies by machine
    left = leftovers[1] | leftovers[2]
    assert not left, f"{len(left)} process(es) outlived the ingest that started them"


def test_a_killed_ingest_with_two_workers_leaves_no_process(tmp_path):
    write_page_set(tmp_path / "pages", DATED)
    url = str(tmp_path / "yaowen.db")
    Record.open(url).close()
    rec = Record.open(url)
    proc = start(["ingest", str(tmp_path / "pages"), "--db", url, "-w", "2"], tmp_path / "k.log", BATCH)
    _wait(rec, proc, 1)
    rec.close()
    children = descendants(proc.pid)
    assert children, "the ingest ended before it could be killed"
    proc.kill()
    proc.join()
    left = alive(children)
    kill_all(left)
    assert not left, f"{len(left)} worker(s) outlived the ingest that started them"
