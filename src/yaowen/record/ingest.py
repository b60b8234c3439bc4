"""Ingest pages into the record: idempotent by content hash, resumable, in batched transactions.

The main process reads each page (a file, or one record of an article dump or web archive, streamed) and
hashes it; a page whose hash is already stored is skipped before any work is done. New pages go to the
extraction engine (``batch``: a local pool of ``workers`` processes, or Ray) and come back as JSON-ready
records, in order, which the main process writes ``batch`` pages per transaction. It reads only a batch and
the engine's window ahead of what it has written, so its memory does not grow with the corpus. Killing an ingest loses at most the batch in
flight, and nothing half-written: the next run stores exactly the pages that are missing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from sqlalchemy import Engine, insert, select

from ..batch import Extraction, PageEngine
from ..batch.local import LocalEngine
from ..errors import PageError
from ..model import PageMeta
from ..read.dumps import FieldMap
from ..read.inputs import PageInput, iter_inputs
from ..sources import shown
from . import schema as s
from .people import PersonKeys, record_organs, refresh_people
from .tenure import years_by_tenure
from .write import delete_facts, insert_facts, insert_page, page_year

BATCH_PAGES = 50
EXTRACTION = Extraction(printed_paper=True)  # a stored page takes the paper it prints when nothing else names one


@dataclass
class IngestReport:
    stored: int = 0  # new pages written
    skipped: int = 0  # already in the record (same bytes)
    relabelled: int = 0  # already in the record under another paper, given the one asked for
    papers: set[str] = field(default_factory=set)  # the papers of the pages stored
    paperless: list[int] = field(default_factory=list)  # ids of the pages stored without a paper
    failed: int = 0
    articles: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def pages_per_second(self) -> float:
        return (self.stored + self.skipped) / self.seconds if self.seconds else 0.0


def ingest_sources(
    engine: Engine,
    sources: Iterable[str],
    paper: str | None = None,
    workers: int = 1,
    on_page: Callable[[str, str | None], None] | None = None,
    batch: int = BATCH_PAGES,
    fields: FieldMap | None = None,
    pages: PageEngine[Any] | None = None,
) -> IngestReport:
    """Store every page of ``sources`` (files, directories, globs, article dumps, web archives) not stored yet.

    ``on_page(source, error)`` is called once per page, with the one-line error when it failed. With
    ``paper``, pages already stored under another paper are given this one (and re-derived). ``pages``: the
    engine that extracts them (default: a local one of ``workers`` processes).
    """
    report = IngestReport()
    started = datetime.now(UTC)
    relabel: list[int] = []
    with _engine(pages, workers) as pages:
        new = _new_inputs(engine, iter_inputs(sources, fields), paper, report, relabel, on_page, batch)
        pending: list[tuple[PageInput, dict[str, Any]]] = []
        for item, record in _extracted(engine, pages, new, report, on_page):
            pending.append((item, record))
            if len(pending) >= batch:
                _write(engine, pending, paper, report, on_page)
                pending = []
        if pending:
            _write(engine, pending, paper, report, on_page)
        if relabel and paper:
            report.relabelled = set_paper(engine, relabel, paper, pages)
        if len(report.papers) == 1 and report.paperless:
            # pages that print no paper, ingested with pages that all print the same one, are that paper's
            # (an e-paper prints its masthead on some pages only): people are told apart within a paper
            set_paper(engine, report.paperless, next(iter(report.papers)), pages)
        if report.stored or report.relabelled:
            _settle(engine, pages)
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report


def _engine(pages: PageEngine[Any] | None, workers: int) -> AbstractContextManager[PageEngine[Any]]:
    """The engine given (the caller closes it), else a local one of ``workers`` closed after use."""
    return nullcontext(pages) if pages is not None else LocalEngine(workers)


def _new_inputs(engine: Engine, items: Iterable[PageInput | PageError], paper: str | None, report: IngestReport,
                relabel: list[int], on_page: Callable[[str, str | None], None] | None,
                chunk: int) -> Iterator[PageInput]:
    """The pages not stored yet, read ``chunk`` at a time (one query for their hashes); the others are
    counted as skipped (and noted for relabelling), unreadable ones reported."""
    seen: set[str] = set()
    for read in _chunks(items, chunk):
        loaded = []
        for item in read:
            if isinstance(item, PageError):
                _fail(engine, report, item.source, str(item), on_page)
            else:
                loaded.append(item)
        with engine.connect() as conn:
            known = {sha: (page_id, stored_paper) for sha, page_id, stored_paper in conn.execute(
                select(s.pages.c.sha256, s.pages.c.id, s.pages.c.paper)
                .where(s.pages.c.sha256.in_([item.sha256 for item in loaded])))}
        for item in loaded:
            if item.sha256 in known or item.sha256 in seen:
                report.skipped += 1
                if paper and item.sha256 in known and known[item.sha256][1] != paper:
                    relabel.append(known[item.sha256][0])
                if on_page:
                    on_page(item.source, None)
                continue
            seen.add(item.sha256)
            yield item


def _extracted(engine: Engine, pages: PageEngine[Any], items: Iterable[PageInput], report: IngestReport,
               on_page: Callable[[str, str | None], None] | None) -> Iterator[tuple[PageInput, dict[str, Any]]]:
    """(page, its record) through the engine, in input order; the pages that fail are reported."""
    for outcome in pages.outcomes(items, EXTRACTION):
        if outcome.record is None or outcome.item is None:
            _fail(engine, report, outcome.source, outcome.error or f"{outcome.source}: no result", on_page)
        else:
            yield outcome.item, outcome.record


def _chunks(items: Iterable[PageInput | PageError], n: int) -> Iterator[list[PageInput | PageError]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _write(engine: Engine, pending: list[tuple[PageInput, dict[str, Any]]], paper: str | None, report: IngestReport,
           on_page: Callable[[str, str | None], None] | None) -> None:
    with engine.begin() as conn:
        keys: dict[str, PersonKeys] = {}  # one cache of person ids per paper for the whole batch
        for job, record in pending:
            name = paper or record.get("paper") or ""
            if name not in keys:
                keys[name] = PersonKeys.for_connection(conn, name)
            page_id = insert_page(conn, record, job.raw, job.source, name, keys[name], _container_json(job.container))
            if name:
                report.papers.add(name)
            else:
                report.paperless.append(page_id)
    for job, record in pending:
        report.stored += 1
        report.articles += len(record["articles"])
        if on_page:
            on_page(job.source, None)


def _container_json(meta: PageMeta | None) -> str | None:
    if meta is None:
        return None
    return json.dumps({k: v for k, v in vars(meta).items() if v}, ensure_ascii=False) or None


def _container(value: str | None) -> PageMeta | None:
    return PageMeta(**json.loads(value)) if value else None


def _fail(engine: Engine, report: IngestReport, source: str, message: str,
          on_page: Callable[[str, str | None], None] | None) -> None:
    message = shown(message)  # one line whatever the file name or a library's reason holds
    report.failed += 1
    report.errors.append(message)
    with engine.begin() as conn:
        conn.execute(insert(s.ingest_errors).values(source=shown(source), reason=message, at=datetime.now(UTC)))
    if on_page:
        on_page(source, message)


def _settle(engine: Engine, pages: PageEngine[Any]) -> None:
    """After new pages: re-resolve people, then date the undated pages that officials' tenures can date."""
    with engine.begin() as conn:
        refresh_people(conn)
        hints = years_by_tenure(conn)
    if hints:
        _rederive(engine, list(hints), hints, pages, IngestReport(), None)
        with engine.begin() as conn:
            refresh_people(conn)


def reextract(engine: Engine, only_stale: bool = True, workers: int = 1,
              on_page: Callable[[str, str | None], None] | None = None, page_ids: list[int] | None = None,
              paper: str | None = None, pages: PageEngine[Any] | None = None) -> IngestReport:
    """Re-derive articles and facts from the stored bytes of pages: ``page_ids``, else those of an older
    extractor (every page with ``only_stale=False``). With ``paper``, the pages are first given that paper
    (without ``page_ids``: the pages stored without one). ``pages``: the engine that extracts them (default:
    a local one of ``workers`` processes)."""
    from . import extractor_version

    report = IngestReport()
    started = datetime.now(UTC)
    if page_ids is None:
        query = select(s.pages.c.id)
        if paper is not None:
            query = query.where(s.pages.c.paper == "")
        elif only_stale:
            query = query.where(s.pages.c.extractor != extractor_version())
        with engine.connect() as conn:
            page_ids = list(conn.execute(query.order_by(s.pages.c.id)).scalars())
    if paper is not None:
        with engine.begin() as conn:
            for at in range(0, len(page_ids), 500):
                conn.execute(s.pages.update().where(s.pages.c.id.in_(page_ids[at:at + 500])).values(paper=paper))
        report.relabelled = len(page_ids)
    with _engine(pages, workers) as pages:
        _rederive(engine, page_ids, {}, pages, report, on_page)
        _settle(engine, pages)
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report


def _stored_inputs(engine: Engine, page_ids: list[int], hints: dict[int, tuple[int, str]],
                   chunk: int = BATCH_PAGES) -> Iterator[PageInput]:
    """The stored pages as inputs again, read ``chunk`` at a time; ``hints``: years by page id."""
    for at in range(0, len(page_ids), chunk):
        with engine.connect() as conn:
            rows = conn.execute(select(s.pages.c.id, s.pages.c.source, s.pages.c.raw, s.pages.c.media_type,
                                       s.pages.c.meta)
                                .where(s.pages.c.id.in_(page_ids[at:at + chunk])).order_by(s.pages.c.id)).all()
        for r in rows:
            yield PageInput(r.source, bytes(r.raw), r.source, r.media_type, _container(r.meta), hints.get(r.id))


def _rederive(engine: Engine, page_ids: list[int], hints: dict[int, tuple[int, str]], pages: PageEngine[Any],
              report: IngestReport, on_page: Callable[[str, str | None], None] | None) -> None:
    for outcome in pages.outcomes(_stored_inputs(engine, page_ids, hints), EXTRACTION):
        job, record = outcome.item, outcome.record
        if job is None or record is None:
            report.failed += 1
            report.errors.append(outcome.error or outcome.source)
            if on_page:
                on_page(outcome.source, outcome.error)
            continue
        with engine.begin() as conn:
            page_id, paper = conn.execute(select(s.pages.c.id, s.pages.c.paper)
                                          .where(s.pages.c.sha256 == job.sha256)).one()
            paper = paper or record.get("paper") or ""  # a page stored without one may print its paper
            delete_facts(conn, page_id)
            insert_facts(conn, page_id, record, paper)
            record_organs(conn, paper, [a["body"] for a in record["articles"]])
            conn.execute(s.pages.update().where(s.pages.c.id == page_id).values(
                paper=paper, issue_date=record.get("issue_date"), issue_date_note=record.get("issue_date_note"),
                year=page_year(record), title=record.get("title"), url=record.get("url"),
                extractor=record["extractor"]))
        report.stored += 1
        report.articles += len(record["articles"])
        if on_page:
            on_page(job.source, None)


def set_paper(engine: Engine, page_ids: list[int], paper: str, pages: PageEngine[Any]) -> int:
    """Give stored pages a paper and re-derive their facts (people are told apart within a paper).
    Returns how many pages changed; the caller settles people afterwards."""
    with engine.begin() as conn:
        for at in range(0, len(page_ids), 500):
            conn.execute(s.pages.update().where(s.pages.c.id.in_(page_ids[at:at + 500])).values(paper=paper))
    report = IngestReport()
    _rederive(engine, page_ids, {}, pages, report, None)
    return report.stored
