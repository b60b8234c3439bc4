"""The local engine: outcomes in input order, a bounded read-ahead, workers that die with their parent, and
a batch that survives a worker killed under it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from yaowen.batch import Extraction, open_engine
from yaowen.batch.local import LocalEngine
from yaowen.errors import PageError
from yaowen.read.inputs import PageInput
from yaowen.record import Record

PAGE = ("临江日报 2023年{m}月{d}日 星期一\n\n# 临江召开第{n}次安全生产工作会议\n\n本报讯（记者 苏晴）{m}月{d}日，全市第{n}次"
        "安全生产工作会议召开。市委副书记、市长韩松涛主持会议并讲话。副市长邱建国出席。会议强调，要压实安全生产责任，"
        "共排查企业{firms}家。\n")


def page_text(n: int) -> str:
    return PAGE.format(m=1 + n % 12, d=1 + n % 27, n=n + 1, firms=100 + n)


def page_inputs(count: int, pulled: list[int] | None = None) -> Iterator[PageInput | PageError]:
    """``count`` pages, every fifth an unreadable one; ``pulled`` counts how many were taken."""
    for n in range(count):
        if pulled is not None:
            pulled.append(n)
        if n % 5 == 4:
            yield PageError(f"bad{n}.txt", "cannot be read")
        else:
            yield PageInput(f"p{n}.txt", page_text(n).encode(), f"p{n}")


def write_pages(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"page_{n:04d}.txt").write_text(page_text(n), encoding="utf-8")


@pytest.mark.parametrize("workers", [1, 2])
def test_outcomes_come_in_input_order_and_read_only_a_window_ahead(workers):
    pulled: list[int] = []
    ahead: list[int] = []
    with LocalEngine(workers) as engine:
        outcomes = []
        for outcome in engine.outcomes(page_inputs(40, pulled), Extraction()):
            ahead.append(len(pulled) - len(outcomes))
            outcomes.append(outcome)
    assert [o.source for o in outcomes] == [f"bad{n}.txt" if n % 5 == 4 else f"p{n}.txt" for n in range(40)]
    assert all((o.error is not None) == o.source.startswith("bad") for o in outcomes)
    assert all(o.item is not None and o.item.source == o.source for o in outcomes if o.record)
    # never the whole stream up front: the pages in flight, and the unreadable ones queued between them
    assert max(ahead) <= engine.window * 2 < 40, ahead


def test_ingest_reads_only_a_few_batches_ahead_of_what_it_wrote(tmp_path, monkeypatch):
    import yaowen.read.inputs as inputs
    from yaowen.record.ingest import ingest_sources

    write_pages(tmp_path / "pages", 60)
    read: list[str] = []
    written = 0
    ahead: list[int] = []
    read_raw = inputs.read_raw

    def counted_read(source: str, max_bytes: int | None) -> bytes:
        read.append(source)
        return read_raw(source, max_bytes)

    def on_page(source: str, error: str | None) -> None:
        nonlocal written
        written += 1
        ahead.append(len(read) - written)

    monkeypatch.setattr(inputs, "read_raw", counted_read)  # every page file's bytes are read through it
    rec = Record.open(str(tmp_path / "r.db"))
    with LocalEngine(2) as engine:
        report = ingest_sources(rec.engine, [str(tmp_path / "pages")], on_page=on_page, batch=4, pages=engine)
        window = engine.window
    rec.close()
    assert report.stored == 60 and len(read) == 60
    # at most: a batch being read, the engine's window, a batch waiting to be written (not all 60 up front)
    assert max(ahead) <= 4 + window + 4, ahead


def test_a_worker_killed_mid_batch_loses_no_page():
    with LocalEngine(2) as engine:
        outcomes = []
        for outcome in engine.outcomes(page_inputs(30), Extraction()):
            if len(outcomes) == 3:
                assert engine._pool is not None
                os.kill(next(iter(engine._pool._processes)), signal.SIGKILL)  # what the OOM killer does
            outcomes.append(outcome)
    assert [o.source for o in outcomes if o.record] == [f"p{n}.txt" for n in range(30) if n % 5 != 4]


def test_an_unknown_engine_is_one_line():
    from yaowen.batch import EngineUnavailable

    with pytest.raises(EngineUnavailable, match="unknown engine 'spark'"):
        open_engine("spark")
    with pytest.raises(EngineUnavailable, match="--address is for --engine ray"):
        open_engine("local", 2, "auto")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc to find the workers")
def test_sigkill_of_an_ingest_takes_its_workers_with_it(tmp_path):
    write_pages(tmp_path / "pages", 200)
    proc = subprocess.Popen([sys.executable, "-m", "yaowen", "ingest", str(tmp_path / "pages"), "--workers", "2",
                             "--db", str(tmp_path / "r.db")], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while len(workers := _children(proc.pid)) < 2:
            assert proc.poll() is None and time.monotonic() < deadline, "the ingest started no workers"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)], "workers outlived their parent"
        assert proc.stdout is not None and proc.stdout.read() == b""  # nobody holds the pipe: EOF at once
    finally:
        proc.kill()
        for w in workers:
            if _alive(w):
                os.kill(w, signal.SIGKILL)


def test_engine_ray_without_ray_says_how_to_install_it(tmp_path, monkeypatch, capsys):
    from yaowen.cli import main

    write_pages(tmp_path / "pages", 1)
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray fails, as where it is not installed
    with pytest.raises(SystemExit) as done:
        main(["ingest", str(tmp_path / "pages"), "--engine", "ray", "--db", str(tmp_path / "r.db")])
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert 'pip install "yaowen[ray]"' in err and len(err.strip().splitlines()) == 1, err
