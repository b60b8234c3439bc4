"""Ingest pages into the record: idempotent by content hash, resumable, in batched transactions.

The main process reads each page (a file, or one record of an article dump or web archive, streamed) and
hashes it; a page whose hash is already stored is skipped before any work is done. New pages go to the
extraction engine (``batch``: a local pool of ``workers`` processes, or Ray) and come back as JSON-ready
records, in order, which the main process writes a batch at a time, one transaction each (``batches.py``:
bounded in pages — more for a PostgreSQL bulk load, whose cost per transaction is larger — page bytes and
time). Stored pages are re-derived (``reextract``, and by the global steps) in ``rederive.py``. It reads
only a batch and the engine's window ahead of what it has written, so its memory does not grow with the
corpus. Killing an ingest loses at most the batch in flight (bounded in pages, bytes and time), and nothing
half-written: the next run stores exactly the pages that are missing.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from ..batch import Extraction, PageEngine
from ..batch.local import LocalEngine
from ..errors import PageError
from ..model import PageMeta
from ..read import MAX_BYTES
from ..read.dumps import FieldMap
from ..read.inputs import PageInput, iter_inputs
from ..read.source_urls import SourceUrls
from ..sources import shown
from . import pending as work
from . import schema as s
from .batches import IngestReport, batch_pages, batched, extraction
from .bulk import load_shard, merge_pending_index
from .people import PersonKeys, refresh_people
from .rederive import rederive
from .shards import Shard, ShardOutput
from .tenure import years_by_tenure
from .txn import write
from .write import insert_page

# hashes of the pages sent on that are remembered to skip a copy still in flight: far more than are ever
# between reading and writing (a batch, the engine's window), and a bound, so a corpus of millions of pages
# is not held as hashes either (a copy that did slip through is found stored when written: insert_page)
RECENT_PAGES = 10_000


def ingest_sources(
    engine: Engine,
    sources: Iterable[str],
    paper: str | None = None,
    workers: int = 1,
    on_page: Callable[[str, str | None], None] | None = None,
    batch: int | None = None,
    fields: FieldMap | None = None,
    page_timeout: float | None = None,
    pages: PageEngine[Any] | None = None,
    shards: Path | None = None,
    row_by_row: bool = False,
    max_page_bytes: int | None = MAX_BYTES,
    urls: SourceUrls | None = None,
) -> IngestReport:
    """Store every page of ``sources`` (files, directories, globs, article dumps, web archives) not stored yet.

    ``on_page(source, error)`` is called once per page, with the one-line error when it failed. With
    ``paper``, pages already stored under another paper are given this one (and re-derived). A page that
    takes longer than ``page_timeout`` seconds (None or 0: no limit), or a page file over ``max_page_bytes``
    (None: no limit), fails and is not stored. ``pages``: the engine that extracts them (default: a local one
    of ``workers`` processes). ``shards``: a directory where each batch is also kept as a Parquet shard
    (shards.py), to load again into any record. ``urls``: the page files' source URLs (read.source_urls).
    """
    report = IngestReport()
    started = datetime.now(UTC)
    batch = batch or batch_pages(engine, row_by_row)
    sources = list(sources)
    run = work.run_key(sources, paper)
    relabel: list[int] = []
    readdress: list[tuple[int, str]] = []
    kept = ShardOutput(shards, run) if shards is not None else None
    with _engine(pages, workers) as pages:
        new = _new_inputs(engine, iter_inputs(sources, fields, max_page_bytes, urls), paper, report, relabel,
                          readdress, on_page, batch)
        extracted = _extracted(engine, pages, new, extraction(page_timeout), report, on_page)
        for part in batched(extracted, batch, lambda page: len(page[0].raw)):
            # each page's search index values, worked out by the engine, beside its record
            _write(engine, [(item, record) for item, record, _ in part], paper, report, on_page, run, kept,
                   row_by_row, [tsvectors for _, _, tsvectors in part])
        if relabel and paper:
            report.relabelled = set_paper(engine, relabel, paper)
        if readdress:
            report.readdressed = set_source_urls(engine, readdress)
        write(engine, lambda conn: paper_for_paperless(conn, run), exclusive=True, what="giving pages their paper")
        settle(engine, pages=pages)
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report


def _engine(pages: PageEngine[Any] | None, workers: int) -> AbstractContextManager[PageEngine[Any]]:
    """The engine given (the caller closes it), else a local one of ``workers`` closed after use."""
    return nullcontext(pages) if pages is not None else LocalEngine(workers)


def _new_inputs(engine: Engine, items: Iterable[PageInput | PageError], paper: str | None, report: IngestReport,
                relabel: list[int], readdress: list[tuple[int, str]],
                on_page: Callable[[str, str | None], None] | None, chunk: int) -> Iterator[PageInput]:
    """The pages not stored yet, read ``chunk`` at a time (one query for their hashes); the others are
    counted as skipped (and noted for relabelling, or for the source URL they were stored without),
    unreadable ones reported."""
    seen: OrderedDict[str, None] = OrderedDict()  # the latest pages sent on, oldest first (a copy in flight)
    for read in _chunks(items, chunk):
        loaded = []
        for item in read:
            if isinstance(item, PageError):
                _fail(engine, report, item.source, str(item), on_page)
            else:
                loaded.append(item)
        with engine.connect() as conn:
            known = {sha: (page_id, stored_paper, meta) for sha, page_id, stored_paper, meta in conn.execute(
                select(s.pages.c.sha256, s.pages.c.id, s.pages.c.paper, s.pages.c.meta)
                .where(s.pages.c.sha256.in_([item.sha256 for item in loaded])))}
        for item in loaded:
            if item.sha256 in known or item.sha256 in seen:
                report.skipped += 1
                if paper and item.sha256 in known and known[item.sha256][1] != paper:
                    relabel.append(known[item.sha256][0])
                if item.sha256 in known and (meta := _with_new_url(known[item.sha256][2], item.container)):
                    readdress.append((known[item.sha256][0], meta))
                if on_page:
                    on_page(item.source, None)
                continue
            seen[item.sha256] = None
            if len(seen) > RECENT_PAGES:  # long since stored, and found by the query above from then on
                seen.popitem(last=False)
            yield item


def _extracted(engine: Engine, pages: PageEngine[Any], items: Iterable[PageInput], job: Extraction,
               report: IngestReport, on_page: Callable[[str, str | None], None] | None,
               ) -> Iterator[tuple[PageInput, dict[str, Any], list[bytes] | None]]:
    """(page, its record, its search index values if the job asked) through the engine, in input order;
    the pages that fail are reported."""
    for outcome in pages.outcomes(items, job):
        if outcome.record is None or outcome.item is None:
            _fail(engine, report, outcome.source, outcome.error or f"{outcome.source}: no result", on_page)
        else:
            yield outcome.item, outcome.record, outcome.tsvectors


def _chunks(items: Iterable[PageInput | PageError], n: int) -> Iterator[list[PageInput | PageError]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _write(engine: Engine, pending: list[tuple[PageInput, dict[str, Any]]], paper: str | None, report: IngestReport,
           on_page: Callable[[str, str | None], None] | None, run: str = "", shards: ShardOutput | None = None,
           row_by_row: bool = False, tsvectors: list[list[bytes] | None] | None = None) -> None:
    """One transaction for the batch: its pages, and the global steps they call for (pending.py). The batch
    goes in as a shard (bulk.py: COPY on PostgreSQL, one executemany per table on SQLite), kept as Parquet
    in ``shards`` when asked; ``row_by_row``: page by page through ``write.insert_page`` instead (the
    reference the bulk path is tested and measured against). ``tsvectors``: each page's search index values
    where the engine worked them out."""
    papers = [paper or record.get("paper") or "" for _, record in pending]
    if row_by_row:
        stored = write(engine, lambda conn: store_rows(conn, pending, papers, run),
                       what=f"storing {len(pending)} page(s)")
    else:
        shard, first = Shard(), set()
        for (job, record), name, indexed in zip(pending, papers, tsvectors or [None] * len(pending), strict=True):
            if job.sha256 not in first:  # a copy in the same batch (read after its hash was forgotten) is skipped
                first.add(job.sha256)
                shard.add_page(record, job.raw, job.source, name, _container_json(job.container), indexed)
        if shards is not None:
            shards.keep(shard)
        began = time.perf_counter()
        ids = write(engine, lambda conn: load_shard(conn, shard, run), what=f"storing {len(pending)} page(s)")
        report.writing_seconds += time.perf_counter() - began
        report.rows_written += shard.row_count(set(ids))
        stored = [ids.pop(job.sha256, None) for job, _ in pending]
    for (job, record), page_id, name in zip(pending, stored, papers, strict=True):
        if page_id is None:  # a concurrent ingest stored the same bytes first
            report.skipped += 1
        else:
            report.stored += 1
            report.articles += len(record["articles"])
            if name:
                report.papers.add(name)
            else:
                report.paperless.append(page_id)
        if on_page:
            on_page(job.source, None)


def store_rows(conn: Connection, pending: list[tuple[PageInput, dict[str, Any]]], papers: list[str],
                run: str) -> list[int | None]:
    keys: dict[str, PersonKeys] = {}  # one cache of person ids per paper for the whole batch
    stored = []
    for (job, record), name in zip(pending, papers, strict=True):
        if name not in keys:
            keys[name] = PersonKeys.for_connection(conn, name)
        stored.append(insert_page(conn, record, job.raw, job.source, name, keys[name], _container_json(job.container)))
    if any(page_id is not None for page_id in stored):
        work.mark_pages(conn, [page_id for page_id in stored if page_id is not None], work.PEOPLE, work.TENURE)
        work.note_run(conn, run, {name for page_id, name in zip(stored, papers, strict=True) if page_id and name},
                      [page_id for page_id, name in zip(stored, papers, strict=True) if page_id and not name])
    return stored


def paper_for_paperless(conn: Connection, run: str) -> None:
    """Pages that print no paper, ingested with pages that all print the same one, are that paper's (an
    e-paper prints its masthead on some pages only): people are told apart within a paper. Decided when the
    run has read all its sources, over everything it stored (a killed run and its rerun together)."""
    papers, paperless = work.take_run(conn, run)
    if len(papers) == 1 and paperless:
        _give_paper(conn, paperless, papers.pop())


def _with_new_url(stored: str | None, container: PageMeta | None) -> str | None:
    """The stored container metadata with the source URL an input now gives a page stored without one
    (``ingest --urls`` after an ingest without it), or None when there is nothing to add."""
    if container is None or not container.url:
        return None
    meta = json.loads(stored) if stored else {}
    if meta.get("url"):
        return None
    return json.dumps({**meta, "url": container.url}, ensure_ascii=False)


def set_source_urls(engine: Engine, pages: list[tuple[int, str]]) -> int:
    """Give stored pages the container metadata with their source URL, their facts to be re-derived by
    ``settle`` (the URL may date them): one transaction. Returns how many."""
    def give(conn: Connection) -> None:
        for page_id, meta in pages:
            conn.execute(s.pages.update().where(s.pages.c.id == page_id).values(meta=meta))
        work.mark_rederive(conn, [page_id for page_id, _ in pages])

    write(engine, give, exclusive=True, what="giving pages their source URLs")
    return len(pages)


def _container_json(meta: PageMeta | None) -> str | None:
    if meta is None:
        return None
    return json.dumps({k: v for k, v in vars(meta).items() if v}, ensure_ascii=False) or None


def _fail(engine: Engine, report: IngestReport, source: str, message: str,
          on_page: Callable[[str, str | None], None] | None) -> None:
    message = shown(message)  # one line whatever the file name or a library's reason holds
    report.failed += 1
    report.errors.append(message)
    write(engine, lambda conn: _note_failure(conn, shown(source), message), what="noting a failed page")
    if on_page:
        on_page(source, message)


def _note_failure(conn: Connection, source: str, reason: str) -> None:
    """One row per file and reason, dated by the last run that met it (a rerun adds no second row)."""
    e = s.ingest_errors
    conn.execute(delete(e).where(e.c.source == source, e.c.reason == reason))
    conn.execute(insert(e).values(source=source, reason=reason, at=datetime.now(UTC)))


def settle(engine: Engine, workers: int = 1, pages: PageEngine[Any] | None = None) -> None:
    """Complete the pending work (pending.py), whoever left it: re-derive the pages waiting for it, re-resolve
    people, then date the undated pages that officials' tenures can date (re-deriving those and refreshing
    people once more). Each step clears its mark as it commits, so a kill anywhere leaves the rest marked.
    Pages are re-derived by ``pages`` (default: a local engine of ``workers`` processes)."""
    with _engine(pages, workers) as pages:
        _settle(engine, pages)


def _settle(engine: Engine, pages: PageEngine[Any]) -> None:
    while True:
        with engine.connect() as conn:
            todo = work.rederive_todo(conn)
        if todo:
            hints = {pid: hint for pid, hint in todo.items() if hint is not None}
            rederive(engine, list(todo), hints, pages, IngestReport(), None, as_pending=True)
        with engine.connect() as conn:
            steps = work.marked(conn)
        if work.PEOPLE in steps:
            write(engine, _refresh_step, exclusive=True, what="refreshing people")
        elif work.TENURE in steps:
            write(engine, _tenure_step, exclusive=True, what="dating pages by tenure")
        elif work.SEARCH_INDEX in steps:  # beside writers: it changes no row
            write(engine, merge_pending_index, what="merging the search index's pending entries")
        else:
            return


def _refresh_step(conn: Connection) -> None:
    """People re-resolved over the whole record when a command asked for it, else over what the pages
    stored or re-derived since the last refresh can change (people.refresh_people)."""
    if work.whole(conn, work.PEOPLE):
        refresh_people(conn)
    else:
        refresh_people(conn, work.marked_pages(work.PEOPLE), work.organ_papers(conn))
    work.clear(conn, work.PEOPLE)
    work.clear(conn, work.ORGANS)


def _tenure_step(conn: Connection) -> None:
    if work.rederive_todo(conn) or work.PEOPLE in work.marked(conn):
        return  # another writer left pages to re-derive first: tenures are read from settled facts only
    hints = years_by_tenure(conn, None if work.whole(conn, work.TENURE) else work.marked_pages(work.TENURE))
    work.mark_rederive(conn, hints, hints)
    work.clear(conn, work.TENURE)


def reextract(engine: Engine, only_stale: bool = True, workers: int = 1,
              on_page: Callable[[str, str | None], None] | None = None, page_ids: list[int] | None = None,
              paper: str | None = None, page_timeout: float | None = None,
              pages: PageEngine[Any] | None = None) -> IngestReport:
    """Re-derive articles and facts from the stored bytes of pages: ``page_ids``, else those of an older
    extractor (every page with ``only_stale=False``). With ``paper``, the pages are first given that paper
    (without ``page_ids``: the pages stored without one). A page that takes longer than ``page_timeout``
    seconds fails and keeps the facts it had. ``pages``: the engine that extracts them (default: a local
    one of ``workers`` processes)."""
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
        report.relabelled = set_paper(engine, page_ids, paper)
    with _engine(pages, workers) as pages:
        rederive(engine, page_ids, {}, pages, report, on_page, page_timeout, then=(work.PEOPLE, work.TENURE))
        _settle(engine, pages)
    report.seconds = (datetime.now(UTC) - started).total_seconds()
    return report


def set_paper(engine: Engine, page_ids: list[int], paper: str) -> int:
    """Give stored pages a paper, their facts to be re-derived by ``settle`` (people are told apart within a
    paper): one transaction, so a kill leaves either nothing done or all of it pending. Returns how many."""
    write(engine, lambda conn: _give_paper(conn, page_ids, paper), exclusive=True, what="giving pages a paper")
    return len(page_ids)


def _give_paper(conn: Connection, page_ids: list[int], paper: str) -> None:
    for at in range(0, len(page_ids), 500):
        conn.execute(s.pages.update().where(s.pages.c.id.in_(page_ids[at:at + 500])).values(paper=paper))
    work.mark_rederive(conn, page_ids)
    work.mark(conn, work.PEOPLE, work.TENURE)
