"""The local engine: pages processed in this process, or in a pool of local worker processes.

Workers die with the process that started them, even when it is killed with SIGKILL (which runs no clean-up
of its own): on Linux the kernel sends them SIGKILL when their parent goes (``prctl(PR_SET_PDEATHSIG)``);
elsewhere a watchdog thread in each worker ends it when its parent is gone. Otherwise orphaned workers would
wait on their pipe forever, holding the record's files and the parent's stdout (and anything piping it).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..read.inputs import PageInput
from .engine import PageEngine
from .work import Extraction, PageOutcome

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCHDOG_SECONDS = 1.0


def die_with_parent(parent_pid: int) -> None:
    """Worker initializer: make this process end when ``parent_pid`` ends, however it ends."""
    if not (sys.platform.startswith("linux") and _set_parent_death_signal()):
        threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True, name="yaowen-watchdog").start()
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)


def _set_parent_death_signal() -> bool:
    # The signal fires when the thread that forked this worker ends: the engine submits (and so forks) from
    # the thread that consumes its outcomes, which is the command's main thread.
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


_Handle = tuple[ProcessPoolExecutor, "Future[PageOutcome]"]  # the pool a page went to, and its future


class LocalEngine(PageEngine[_Handle]):
    """``workers`` processes (0: one per core); with one, pages are processed in this process."""

    name = "local"

    def __init__(self, workers: int = 1, window: int = 0) -> None:
        super().__init__(window)
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None
        self._extraction: Extraction | None = None

    def submit(self, extraction: Extraction, item: PageInput) -> _Handle | PageOutcome:
        if self.workers <= 1:
            return extraction(item)
        self._extraction = extraction
        pool = self._started()
        return pool, pool.submit(extraction, item)

    def result(self, handle: _Handle, item: PageInput) -> PageOutcome:
        pool, future = handle
        try:
            return future.result()
        except BrokenProcessPool:
            self._forget(pool)
        # A worker died (killed, out of memory), and every page in flight in its pool with it. Each is tried
        # again alone in a fresh pool; a page that kills that one too is reported, and the batch goes on.
        assert self._extraction is not None
        pool = self._started()
        try:
            return pool.submit(self._extraction, item).result()
        except BrokenProcessPool:
            self._forget(pool)
            return PageOutcome(item.source, error=f"{item.source}: the worker processing it died "
                                                  f"(killed, or out of memory)", stem=item.stem)

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, initializer=die_with_parent, initargs=(os.getpid(),))
        return self._pool

    def _forget(self, broken: ProcessPoolExecutor) -> None:
        broken.shutdown(wait=True)
        if self._pool is broken:
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
