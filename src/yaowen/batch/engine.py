"""The one seam between the commands (``extract``, ``ingest``, ``reextract``) and where pages are processed.

An engine takes a stream of page inputs (files, records of article dumps, records of web archives: see
``read.inputs``) and yields their outcomes — JSON-ready records or one-line errors — in input order, as they
come. At most ``window`` pages are in flight, so the caller reads its inputs only a few pages ahead of what
it has been given back, and memory does not grow with the corpus. ``LocalEngine`` runs in this process or a
pool of local processes; ``RayEngine`` on a Ray cluster.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

from ..errors import PageError
from ..read.inputs import PageInput
from .work import Extraction, PageOutcome

ENGINES = ("local", "ray")
IN_FLIGHT_PER_WORKER = 4  # enough to keep every worker busy while the next pages are read

Handle = TypeVar("Handle")  # what an engine hands back for a submitted page (a future, a Ray object ref)


class EngineUnavailable(Exception):
    """An engine that cannot run here; ``str()`` says how to make it run, in one line."""


class PageEngine(ABC, Generic[Handle]):
    name = ""
    workers = 1

    def __init__(self, window: int = 0) -> None:
        self._window = window

    @property
    def window(self) -> int:
        """Pages in flight at most."""
        return self._window or max(1, self.workers) * IN_FLIGHT_PER_WORKER

    def outcomes(self, items: Iterable[PageInput | PageError], extraction: Extraction) -> Iterator[PageOutcome]:
        """The outcome of each item, in input order; a ``PageError`` item (a file that could not be read)
        passes through as its one-line error without going to a worker."""
        pending: deque[tuple[PageInput | PageError, Handle | PageOutcome]] = deque()
        in_flight = 0
        for item in items:
            if isinstance(item, PageError):
                pending.append((item, PageOutcome(item.source, error=str(item))))
            else:
                handle = self.submit(extraction, item)
                pending.append((item, handle))
                in_flight += not isinstance(handle, PageOutcome)
            while pending and (in_flight >= self.window or isinstance(pending[0][1], PageOutcome)):
                in_flight -= not isinstance(pending[0][1], PageOutcome)
                yield self._take(pending)
        self.flush()
        while pending:
            yield self._take(pending)

    def _take(self, pending: deque[tuple[PageInput | PageError, Any]]) -> PageOutcome:
        item, handle = pending.popleft()
        outcome: PageOutcome = handle if isinstance(handle, PageOutcome) else self.result(handle, item)
        if isinstance(item, PageInput):
            outcome.item = item
        return outcome

    @abstractmethod
    def submit(self, extraction: Extraction, item: PageInput) -> Handle | PageOutcome:
        """Start the page (or do it at once and return its outcome)."""

    @abstractmethod
    def result(self, handle: Handle, item: PageInput) -> PageOutcome:
        """Wait for a submitted page."""

    def flush(self) -> None:
        """The inputs have ended: start whatever submitted pages an engine is still holding back."""

    def close(self) -> None:
        """Stop the workers."""

    def __enter__(self) -> PageEngine[Handle]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_engine(name: str = "local", workers: int = 1, address: str | None = None) -> PageEngine[Any]:
    """The engine called ``name``: ``local`` (``workers`` processes, 0 = one per core) or ``ray`` (on the
    cluster at ``address``: ``auto``, ``ray://host:10001``; none starts a local one of ``workers`` CPUs).
    Raises ``EngineUnavailable`` with a one-line reason."""
    if name == "local":
        if address:
            raise EngineUnavailable("--address is for --engine ray")
        from .local import LocalEngine

        return LocalEngine(workers)
    if name == "ray":
        from .ray_engine import RayEngine

        return RayEngine(workers, address)
    raise EngineUnavailable(f"unknown engine {name!r} (choose {' or '.join(ENGINES)})")
