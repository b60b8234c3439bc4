"""Run ``yaowen`` commands as separate processes, many at once and cheaply: a fork server that has imported
Yaowen once forks a fresh process per command (a real process, killable, with its own database connections),
which runs the command line's ``main`` as the ``yaowen`` script does."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
from pathlib import Path

_ctx = multiprocessing.get_context("forkserver")
_ctx.set_forkserver_preload(["warm_yaowen"])


def _run(argv: list[str], log: str, batch: int | None) -> None:
    # a process the fork server starts inherits its start method: back to the default of the `yaowen` script
    # (fork, on Linux), or `--workers 2` would start a fresh, cold server of its own
    multiprocessing.set_start_method("fork", force=True)
    out = open(log, "w", encoding="utf-8")  # noqa: SIM115 - the process's stdout and stderr until it ends
    os.dup2(out.fileno(), 1)
    os.dup2(out.fileno(), 2)
    sys.stdout = sys.stderr = out
    if batch:
        from yaowen.record import batches

        batches.BATCH_PAGES = batches.BULK_BATCH_PAGES = batch  # small batches: writers interleave (and a kill lands between batches)
    from yaowen.cli import main

    main(argv)


def start(argv: list[str], log: Path, batch: int | None = None) -> multiprocessing.Process:
    proc = _ctx.Process(target=_run, args=(argv, str(log), batch))
    proc.start()
    return proc


def run(argv: list[str], log: Path, batch: int | None = None, timeout: float = 300) -> int:
    proc = start(argv, log, batch)
    proc.join(timeout)
    if proc.exitcode is None:
        proc.kill()
        proc.join()
        raise TimeoutError(f"yaowen {' '.join(argv)} ran past {timeout} s")
    return proc.exitcode


def descendants(pid: int) -> set[int]:
    """The processes started by ``pid`` (and theirs), from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pids: set[int], grace: float = 5.0) -> set[int]:
    """Those of ``pids`` still running (not zombies) after up to ``grace`` seconds."""
    deadline = time.monotonic() + grace
    while True:
        left = set()
        for pid in pids:
            try:
                state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if state != "Z":
                left.add(pid)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.05)


def kill_all(pids: set[int]) -> None:
    """End processes this test started that outlived their parent (so they do not outlive the test)."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
