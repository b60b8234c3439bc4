"""Ingest pages into the record: idempotent by content hash, resumable, in batched transactions.

The main process reads each file and hashes it; a page whose hash is already stored is skipped before any
work is done. New pages go to the extraction pool (``workers``) and come back as JSON-ready records, which
the main process writes ``batch`` pages per transaction. Killing an ingest loses at most the batch in
flight, and nothing half-written: the next run stores exactly the pages that are missing.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Engine, insert, select

from ..errors import PageError
from ..output import page_record
from ..pipeline import process_page
from ..read import iter_sources, read_bytes, read_raw
from . import schema as s
from .people import PersonKeys, refresh_people
from .tenure import years_by_tenure
from .write import delete_facts, insert_facts, insert_page, page_year

BATCH_PAGES = 50


@dataclass
class IngestReport:
    stored: int = 0  # new pages written
    skipped: int = 0  # already in the record (same bytes)
    failed: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return (self.stored + self.skipped) / self.seconds if self.seconds else 0.0


@dataclass
class _Job:
    source: str
    raw: bytes
    sha: str
    year_hint: tuple[int, str] | None = None


def extract_raw(job: _Job) -> tuple[_Job, dict[str, Any] | None, str | None]:
    """Worker side: bytes -> the page's JSON record, or the one-line reason it failed."""
    try:
        return job, page_record(process_page(read_bytes(job.raw, job.source), year_hint=job.year_hint)), None
    except PageError as e:
        return job, None, str(e)
    except Exception as e:  # noqa: BLE001 - one bad page must not stop the batch; say what broke
        return job, None, f"{job.source}: internal error while processing: {type(e).__name__}: {e}"


def _extracted(jobs: Iterable[_Job], workers: int) -> Iterator[tuple[_Job, dict[str, Any] | None, str | None]]:
    if workers <= 1:
        yield from map(extract_raw, jobs)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(extract_raw, jobs, chunksize=4)


def ingest_sources(
    engine: Engine,
    sources: Iterable[str],
    paper: str | None = None,
    workers: int = 1,
    on_page: Callable[[str, str | None], None] | None = None,
    batch: int = BATCH_PAGES,
) -> IngestReport:
    """Store every page of ``sources`` (files, directories, globs) not stored yet.

    ``on_page(source, error)`` is called once per page file, with the one-line error when it failed.
    """
    report = IngestReport()
    started = datetime.now(UTC)
    workers = workers or os.cpu_count() or 1

    def jobs() -> Iterator[_Job]:
        seen: set[str] = set()
        for chunk in _chunks(iter_sources(list(sources)), 200):
            loaded = []
            for source in chunk:
                if isinstance(source, PageError):
                    _fail(engine, report, source.source, str(source), on_page)
                    continue
                try:
                    raw = read_raw(source)
                except PageError as e:
                    _fail(engine, report, source, str(e), on_page)
                    continue
                loaded.append(_Job(source, raw, hashlib.sha256(raw).hexdigest()))
            with engine.connect() as conn:
                known = set(conn.execute(select(s.pages.c.sha256)
                                         .where(s.pages.c.sha256.in_([j.sha for j in loaded]))).scalars())
            for job in loaded:
                if job.sha in known or job.sha in seen:
                    report.skipped += 1
                    if on_page:
                        on_page(job.source, None)
                    continue
                seen.add(job.sha)
                yield job

    pending: list[tuple[_Job, dict[str, Any]]] = []
    for job, record, error in _extracted(jobs(), workers):
        if error is not None or record is None:
            _fail(engine, report, job.source, error or f"{job.source}: no result", on_page)
            continue
        pending.append((job, record))
        if len(pending) >= batch:
            _write(engine, pending, paper, report, on_page)
            pending = []
    if pending:
        _write(engine, pending, paper, report, on_page)
    if report.stored:
        _settle(engine, workers)
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report


def _chunks(items: Iterable[str | PageError], n: int) -> Iterator[list[str | PageError]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _write(engine: Engine, pending: list[tuple[_Job, dict[str, Any]]], paper: str | None, report: IngestReport,
           on_page: Callable[[str, str | None], None] | None) -> None:
    with engine.begin() as conn:
        keys: dict[str, PersonKeys] = {}  # one cache of person ids per paper for the whole batch
        for job, record in pending:
            name = paper or record.get("paper") or ""
            if name not in keys:
                keys[name] = PersonKeys.for_connection(conn, name)
            insert_page(conn, record, job.raw, job.source, name, keys[name])
    for job, record in pending:
        report.stored += 1
        report.articles += len(record["articles"])
        if on_page:
            on_page(job.source, None)


def _fail(engine: Engine, report: IngestReport, source: str, message: str,
          on_page: Callable[[str, str | None], None] | None) -> None:
    report.failed += 1
    report.errors.append(message)
    with engine.begin() as conn:
        conn.execute(insert(s.ingest_errors).values(source=source, reason=message, at=datetime.now(UTC)))
    if on_page:
        on_page(source, message)


def _settle(engine: Engine, workers: int) -> None:
    """After new pages: re-resolve people, then date the undated pages that officials' tenures can date."""
    with engine.begin() as conn:
        refresh_people(conn)
        hints = years_by_tenure(conn)
    if hints:
        _rederive(engine, list(hints), hints, workers, IngestReport(), None)
        with engine.begin() as conn:
            refresh_people(conn)


def reextract(engine: Engine, only_stale: bool = True, workers: int = 1,
              on_page: Callable[[str, str | None], None] | None = None) -> IngestReport:
    """Re-derive articles and facts from the stored bytes of each page (after an extractor upgrade)."""
    from . import extractor_version

    report = IngestReport()
    started = datetime.now(UTC)
    query = select(s.pages.c.id)
    if only_stale:
        query = query.where(s.pages.c.extractor != extractor_version())
    with engine.connect() as conn:
        todo = list(conn.execute(query.order_by(s.pages.c.id)).scalars())
    _rederive(engine, todo, {}, workers, report, on_page)
    _settle(engine, workers)
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report


def _rederive(engine: Engine, page_ids: list[int], hints: dict[int, tuple[int, str]], workers: int,
              report: IngestReport, on_page: Callable[[str, str | None], None] | None) -> None:
    def jobs() -> Iterator[_Job]:
        for at in range(0, len(page_ids), 200):
            with engine.connect() as conn:
                rows = conn.execute(select(s.pages.c.id, s.pages.c.source, s.pages.c.raw, s.pages.c.sha256)
                                    .where(s.pages.c.id.in_(page_ids[at:at + 200])).order_by(s.pages.c.id)).all()
            for r in rows:
                yield _Job(r.source, bytes(r.raw), r.sha256, hints.get(r.id))

    for job, record, error in _extracted(jobs(), workers):
        if error is not None or record is None:
            report.failed += 1
            report.errors.append(error or job.source)
            if on_page:
                on_page(job.source, error)
            continue
        with engine.begin() as conn:
            page_id, paper = conn.execute(select(s.pages.c.id, s.pages.c.paper)
                                          .where(s.pages.c.sha256 == job.sha)).one()
            delete_facts(conn, page_id)
            insert_facts(conn, page_id, record, paper or "")
            conn.execute(s.pages.update().where(s.pages.c.id == page_id).values(
                issue_date=record.get("issue_date"), issue_date_note=record.get("issue_date_note"),
                year=page_year(record), extractor=record["extractor"]))
        report.stored += 1
        report.articles += len(record["articles"])
        if on_page:
            on_page(job.source, None)
