"""Batches of pages written one transaction each (by ingest and re-extraction), and the report of such a run.

A batch is one transaction, and what a kill loses: bounded in pages, bytes and time so that a kill loses
little at any speed, and large enough that a transaction's own costs are shared by many rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import Engine

from ..batch import Extraction

T = TypeVar("T")

BATCH_PAGES = 50  # SQLite (its writer holds the file's lock meanwhile) and the row-by-row writer
BULK_BATCH_PAGES = 500  # PostgreSQL bulk loads (bench/bench_bulk_load.py)
BATCH_BYTES = 32 * 2**20  # page bytes: a batch of large pages (PDFs) is written sooner
BATCH_SECONDS = 10.0  # a batch is written once its first page has waited this long (checked as pages arrive)


def batch_pages(engine: Engine, row_by_row: bool = False) -> int:
    """Pages a transaction at most by default: more for a PostgreSQL bulk load."""
    return BULK_BATCH_PAGES if engine.dialect.name == "postgresql" and not row_by_row else BATCH_PAGES


def batched(items: Iterable[T], pages: int, size: Callable[[T], int]) -> Iterator[list[T]]:
    """``items`` in batches of at most ``pages``, ``BATCH_BYTES`` of ``size`` (once past it) or the items
    that came within ``BATCH_SECONDS`` of the batch's first."""
    batch: list[T] = []
    total, opened = 0, 0.0
    for item in items:
        if not batch:
            total, opened = 0, time.monotonic()
        batch.append(item)
        total += size(item)
        if len(batch) >= pages or total >= BATCH_BYTES or time.monotonic() - opened >= BATCH_SECONDS:
            yield batch
            batch = []
    if batch:
        yield batch


def extraction(time_limit: float | None = None) -> Extraction:
    """What is asked of each page stored: its record, with the paper it prints when nothing else names one,
    and its search index values; ``time_limit``: seconds it may take (``process_page``)."""
    return Extraction(options={"time_limit": time_limit}, printed_paper=True, search_index=True)


@dataclass
class IngestReport:
    stored: int = 0  # new pages written (re-extraction: pages re-derived)
    skipped: int = 0  # already in the record (same bytes)
    relabelled: int = 0  # already in the record under another paper, given the one asked for
    readdressed: int = 0  # already in the record without a source URL, given the one the input has
    papers: set[str] = field(default_factory=set)  # the papers of the pages stored
    paperless: list[int] = field(default_factory=list)  # ids of the pages stored without a paper
    failed: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    rows_written: int = 0  # rows the bulk loads stored (the pages', their facts', the search index's)
    writing_seconds: float = 0.0  # spent in those loads' transactions

    @property
    def rows_per_second(self) -> float:
        return self.rows_written / self.writing_seconds if self.writing_seconds else 0.0

    @property
    def pages_per_second(self) -> float:
        return (self.stored + self.skipped) / self.seconds if self.seconds else 0.0
