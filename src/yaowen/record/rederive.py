"""Re-derive stored pages' articles and facts from their stored bytes, a batch of pages per transaction.

The pages are read back from the record and extracted again by the engine; each batch (``batches.py``)
then goes in one transaction: its pages' rows locked, their facts deleted set-wise, and their new rows loaded
through the bulk writer as a shard of the pages already stored (``bulk.reload_shard``: COPY on PostgreSQL,
one executemany per table on SQLite), the pages' own columns updated, their pending marks cleared and the
global steps marked for them. A kill loses at most the batch in flight; what is re-derived is committed with
its new extractor version (and without its pending mark), so the same command again does only the rest.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select

from ..batch import PageEngine, PageOutcome
from ..model import PageMeta
from ..read.inputs import PageInput
from . import pending as work
from . import schema as s
from .batches import BATCH_PAGES, IngestReport, batch_pages, batched, extraction
from .bulk import reload_shard
from .people import printed_by_page
from .shards import Shard
from .txn import write
from .write import _json, delete_facts, page_year

Done = tuple[PageInput, dict[str, Any], list[bytes] | None]  # a page re-extracted: its record, its tsvectors


def rederive(engine: Engine, page_ids: list[int], hints: dict[int, tuple[int, str]], pages: PageEngine[Any],
             report: IngestReport, on_page: Callable[[str, str | None], None] | None,
             time_limit: float | None = None, then: tuple[str, ...] = (work.PEOPLE,),
             as_pending: bool = False) -> None:
    """Re-derive the pages, a batch per transaction, which clears their pending marks and marks ``then``.
    ``as_pending``: the pages are pending work, re-derived only while it is still pending as it was read
    (a concurrent writer may have done it, or asked for it again with another year hint). A page that fails
    keeps its facts."""
    outcomes = pages.outcomes(_stored_inputs(engine, page_ids, hints), extraction(time_limit))
    for part in batched(outcomes, batch_pages(engine), _size):
        done: list[Done] = []
        failed: list[PageOutcome] = []
        for outcome in part:
            assert outcome.item is not None  # every input is a stored page, never a read error
            if outcome.record is None:
                failed.append(outcome)
            else:
                done.append((outcome.item, outcome.record, outcome.tsvectors))
        began = time.perf_counter()
        stored, rows = write(engine, lambda conn, done=done, failed=failed: _store(conn, done, failed, then,
                                                                                  as_pending),
                             what=f"re-deriving {len(done)} page(s)")
        report.writing_seconds += time.perf_counter() - began
        report.rows_written += rows
        for outcome in failed:
            report.failed += 1
            report.errors.append(outcome.error or outcome.source)
            if on_page:
                on_page(outcome.source, outcome.error)
        for job, record, _ in done:
            if job.sha256 not in stored:
                continue  # removed, or done by another writer, meanwhile
            report.stored += 1
            report.articles += len(record["articles"])
            if on_page:
                on_page(job.source, None)


def _size(outcome: PageOutcome) -> int:
    return len(outcome.item.raw) if outcome.item is not None else 0


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


def _container(value: str | None) -> PageMeta | None:
    return PageMeta(**json.loads(value)) if value else None


def _store(conn: Connection, done: list[Done], failed: list[PageOutcome], then: tuple[str, ...],
           as_pending: bool) -> tuple[set[str], int]:
    """One batch's transaction: (the hashes of the pages re-derived, the rows loaded)."""
    shas = [job.sha256 for job, _, _ in done] + [o.item.sha256 for o in failed if o.item is not None]
    # the pages' rows locked, in id order: a concurrent re-derivation of the same pages waits, then finds
    # them done (as_pending) or does them again; the same order for every writer, so none deadlocks
    stored = {sha: (page_id, paper) for page_id, sha, paper in conn.execute(
        select(s.pages.c.id, s.pages.c.sha256, s.pages.c.paper).where(s.pages.c.sha256.in_(shas))
        .order_by(s.pages.c.id).with_for_update())}
    failed_ids = [stored[o.item.sha256][0] for o in failed if o.item is not None and o.item.sha256 in stored]
    if failed_ids:  # a page that fails keeps its facts, and is not tried again by every later command
        work.rederived(conn, failed_ids)
    todo = work.rederive_todo(conn, [page_id for page_id, _ in stored.values()]) if as_pending else {}
    pages = {}
    for job, record, tsvectors in done:
        if job.sha256 not in stored or job.sha256 in pages:
            continue
        page_id, paper = stored[job.sha256]
        if as_pending and (page_id not in todo or todo[page_id] != job.year_hint):
            continue
        # a page stored without a paper may print its paper
        pages[job.sha256] = (page_id, paper or record.get("paper") or "", record, job, tsvectors)
    if not pages:
        return set(), 0
    ids = {sha: page_id for sha, (page_id, *_) in pages.items()}
    printed = printed_by_page(conn, ids.values())
    delete_facts(conn, list(ids.values()))
    shard = Shard()
    for _, paper, record, job, tsvectors in pages.values():
        shard.add_page(record, job.raw, job.source, paper, None, tsvectors)
    reload_shard(conn, shard, ids)
    conn.execute(s.pages.update().where(s.pages.c.id == bindparam("pid")), [
        {"pid": page_id, "paper": paper, "issue_date": record.get("issue_date"),
         "issue_date_note": record.get("issue_date_note"), "year": page_year(record), "title": record.get("title"),
         "url": record.get("url"), "encoding": record.get("encoding"), "script": record.get("script"),
         "repairs": _json(record.get("repairs", [])), "extractor": record["extractor"]}
        for page_id, paper, record, _, _ in pages.values()])
    work.rederived(conn, list(ids.values()))
    after = printed_by_page(conn, ids.values())
    covered = [page_id for page_id in ids.values() if printed.get(page_id, set()) <= after.get(page_id, set())]
    work.mark_pages(conn, covered, *then)  # the people the pages name now cover those they named
    if len(covered) < len(ids):
        work.mark(conn, *then)  # a name gone from a page: its person's counts are the whole refresh's
    return set(ids), shard.row_count(set(ids))
