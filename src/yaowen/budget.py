"""A page's time budget: past it the page is given up with a ``PageTimeout`` naming it, and the batch goes on.

The budget is cooperative: ``time_budget`` sets a deadline for the code it wraps, and ``check_time`` — called
between the pipeline's steps and inside the extractors' loops (per article, per chain of posts, per meeting,
per chunk of the name recogniser) — raises once it has passed. Every step is linear in the page, so no check
is more than a fraction of a second from the next, and a page stops close to its budget.

Why not SIGALRM: a signal handler runs only in a process's main thread (the web app and a Ray actor run pages
in other threads), it shares the one alarm of the process with whatever else uses it, and it interrupts a C
call no sooner than a check does (Python runs handlers between bytecodes). The deadline lives in a
``ContextVar``, so threads and processes each have their own and nothing needs cleaning up.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import PageError

DEFAULT_PAGE_TIMEOUT = 60.0  # seconds; a news page takes well under one, a 16 MB single-line page ~2-4 minutes


class PageTimeout(PageError):
    """A page that ran past its time budget."""


@dataclass(frozen=True)
class _Budget:
    deadline: float  # time.monotonic()
    seconds: float
    source: str


_current: ContextVar[_Budget | None] = ContextVar("_current", default=None)


@contextmanager
def time_budget(source: str, seconds: float | None) -> Iterator[None]:
    """Run the block under a budget of ``seconds`` for the page ``source`` (None or 0: no budget)."""
    if not seconds or seconds <= 0:
        yield
        return
    token = _current.set(_Budget(time.monotonic() + seconds, seconds, source))
    try:
        yield
    finally:
        _current.reset(token)


def check_time() -> None:
    """Raise ``PageTimeout`` if the page being processed has run past its budget."""
    budget = _current.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise PageTimeout(budget.source, f"over the time budget of {budget.seconds:g} s")
