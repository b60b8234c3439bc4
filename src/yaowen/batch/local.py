"""Run the page pipeline over many sources, in this process or a pool of local processes.

Workers return plain JSON-ready records (not the pipeline's objects), so results cross process boundaries
cheaply and the caller can write or print them as they arrive, in input order, without holding the batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from ..errors import PageError
from ..output import page_record
from ..pipeline import process_page
from ..read import read_path


@dataclass
class PageOutcome:
    source: str
    record: dict[str, Any] | None = None  # the page's JSON record
    error: str | None = None  # the one-line message when the page could not be processed


def extract_one(source: str) -> PageOutcome:
    try:
        page = read_path(source)
        return PageOutcome(source, record=page_record(process_page(page)))
    except PageError as e:
        return PageOutcome(source, error=str(e))
    except Exception as e:  # noqa: BLE001 - one bad page must not stop the batch; say what broke
        return PageOutcome(source, error=f"{source}: internal error while processing: {type(e).__name__}: {e}")


def extract_many(sources: Iterable[str], workers: int = 1) -> Iterator[PageOutcome]:
    """Outcomes in input order. ``workers`` > 1 uses a process pool (0 means one per core)."""
    if workers == 0:
        workers = os.cpu_count() or 1
    if workers <= 1:
        for s in sources:
            yield extract_one(s)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        # chunksize keeps inter-process traffic low; map streams results in order
        yield from pool.map(extract_one, sources, chunksize=4)
