"""Run the page pipeline over many sources, in this process or a pool of local processes.

Workers return plain JSON-ready records (not the pipeline's objects), so results cross process boundaries
cheaply and the caller can write or print them as they arrive, in input order, without holding the batch.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import PageError
from ..output import page_record
from ..pipeline import process_page
from ..read import read_path
from ..read.inputs import PageInput, read_input


@dataclass
class PageOutcome:
    source: str
    record: dict[str, Any] | None = None  # the page's JSON record
    error: str | None = None  # the one-line message when the page could not be processed
    stem: str | None = None  # a file name for the page's output


def extract_one(source: str, time_limit: float | None = None) -> PageOutcome:
    """The outcome of one page file; ``time_limit``: seconds the page may take (``process_page``)."""
    try:
        page = read_path(source)
        return PageOutcome(source, record=page_record(process_page(page, time_limit=time_limit)))
    except PageError as e:
        return PageOutcome(source, error=str(e))
    except Exception as e:  # noqa: BLE001 - one bad page must not stop the batch; say what broke
        return PageOutcome(source, error=f"{source}: internal error while processing: {type(e).__name__}: {e}")


def extract_input(item: PageInput | PageError, time_limit: float | None = None) -> PageOutcome:
    """The outcome of one page of ``read.inputs.iter_inputs`` (an error it gave passes through)."""
    if isinstance(item, PageError):
        return PageOutcome(item.source, error=str(item))
    try:
        result = process_page(read_input(item), time_limit=time_limit)
        return PageOutcome(item.source, record=page_record(result), stem=item.stem)
    except PageError as e:
        return PageOutcome(item.source, error=str(e), stem=item.stem)
    except Exception as e:  # noqa: BLE001 - one bad page must not stop the batch; say what broke
        return PageOutcome(item.source, error=f"{item.source}: internal error while processing: "
                                              f"{type(e).__name__}: {e}", stem=item.stem)


def extract_many(sources: Iterable[str], workers: int = 1) -> Iterator[PageOutcome]:
    """Outcomes in input order. ``workers`` > 1 uses a process pool (0 means one per core)."""
    yield from ordered_map(extract_one, sources, workers)


T = TypeVar("T")
R = TypeVar("R")


def ordered_map(fn: Callable[[T], R], items: Iterable[T], workers: int = 1, window: int = 0) -> Iterator[R]:
    """``map(fn, items)`` over ``workers`` processes (0: one per core), results in input order.

    At most ``window`` items (default 8 per worker) are in flight, so a stream of any length — every
    article of a 10 GB dump — is read only as fast as it is processed (``Executor.map`` would read it all).
    """
    workers = workers or os.cpu_count() or 1
    if workers <= 1:
        yield from map(fn, items)
        return
    window = window or workers * 8
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[R]] = deque()
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
