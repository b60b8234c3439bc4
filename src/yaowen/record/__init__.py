"""The record: pages, articles and facts kept in SQLite or PostgreSQL, searchable and queryable.

    rec = Record.open("yaowen.db")              # or "postgresql://user@host/db"
    rec.ingest(["pages/"], paper="衡阳日报")
    rec.search("审计 整改").hits
    rec.person("朱健")                           # posts timeline, appearances, meetings
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, select

from .. import __version__
from ..batch import PageEngine
from ..budget import DEFAULT_PAGE_TIMEOUT
from ..read import MAX_BYTES
from ..read.dumps import FieldMap
from ..read.source_urls import SourceUrls
from . import facts, queries
from . import schema as s
from .batches import IngestReport
from .bulk import load_folder
from .db import RecordMissing, database_url, open_engine
from .export import Format, export_record
from .ingest import ingest_sources, paper_for_paperless, reextract, settle
from .people import refresh_people
from .query import QueryError
from .search import Filters, SearchResult, hits_by_month, search
from .selection import PageSelection, remove_pages, select_pages, selected_ids
from .txn import insert_new, write


def check_rule(conn: Connection, kind: str, name: str, target: str, paper: str) -> None:
    """A ValueError saying why a rule would do nothing: a name no page gives, a post no mention of the name has.
    (A rule that matches nothing would sit in the record and say "0 rows moved".)"""
    m = s.mentions
    in_paper = ([m.c.article_id.in_(select(s.articles.c.id).join(s.pages, s.pages.c.id == s.articles.c.page_id)
                                    .where(s.pages.c.paper == paper))] if paper else [])
    where = f" in {paper}" if paper else ""

    def named(who: str) -> bool:
        return conn.execute(select(m.c.id).where(m.c.name == who, *in_paper).limit(1)).first() is not None

    if not named(name):
        raise ValueError(f"no one named {name} in the record{where}")
    if kind == "merge" and not named(target):
        raise ValueError(f"no one named {target} in the record{where} to merge {name} into")
    if kind == "split":
        titles = conn.execute(select(m.c.titles).where(m.c.name == name, *in_paper)).scalars()
        if not any(target in post for t in titles for post in json.loads(t or "[]")):
            raise ValueError(f"no mention of {name}{where} has a post containing {target}")


def extractor_version() -> str:
    return f"yaowen {__version__}"


class Record:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, db: str | None = None, create: bool = True) -> Record:
        """The record at ``db`` (see ``database_url``); ``create=False`` refuses to make a new one
        (``RecordMissing``)."""
        return cls(open_engine(db, create=create))

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    # ---- writing ----
    def ingest(self, sources: Iterable[str], paper: str | None = None, workers: int = 1,
               on_page: Callable[[str, str | None], None] | None = None,
               fields: FieldMap | None = None, page_timeout: float = DEFAULT_PAGE_TIMEOUT,
               pages: PageEngine[Any] | None = None, shards: Path | None = None,
               max_page_bytes: int | None = MAX_BYTES, batch: int | None = None,
               urls: SourceUrls | None = None) -> IngestReport:
        """Store pages (files, directories, globs, article dumps, web archives); ``fields`` maps a dump's
        field names (see ``yaowen.read.dumps``); a page that takes longer than ``page_timeout`` seconds (0:
        no limit), or a page file over ``max_page_bytes`` (None: no limit), is reported as failed and not
        stored; ``pages`` extracts them (``yaowen.batch.open_engine``:
        local processes or Ray; default ``workers`` local processes); ``shards``: a directory to keep
        each batch in as Parquet (``load_shards`` loads them into any record); ``batch``: pages a
        transaction at most (default ``batches.batch_pages``); ``urls``: the page files' source URLs
        (``yaowen.read.source_urls.load_source_urls``)."""
        return ingest_sources(self.engine, sources, paper=paper, workers=workers, on_page=on_page, fields=fields,
                              page_timeout=page_timeout, pages=pages, shards=shards,
                              max_page_bytes=max_page_bytes, batch=batch, urls=urls)

    def load_shards(self, root: Path) -> IngestReport:
        """Load the Parquet shards an ``ingest(..., shards=root)`` kept (on this machine or another) into
        this record: pages stored already are skipped, then the global steps run as after an ingest."""
        report = IngestReport()
        began = time.perf_counter()
        for run in sorted(load_folder(self.engine, root, report)):
            write(self.engine, lambda conn, run=run: paper_for_paperless(conn, run), exclusive=True,
                  what="giving pages their paper")
        settle(self.engine)
        report.seconds = time.perf_counter() - began
        return report

    def reextract(self, all_pages: bool = False, workers: int = 1,
                  on_page: Callable[[str, str | None], None] | None = None,
                  selection: PageSelection | None = None, paper: str | None = None,
                  page_timeout: float = DEFAULT_PAGE_TIMEOUT,
                  pages: PageEngine[Any] | None = None) -> IngestReport:
        """Re-derive facts from the stored page bytes: the selected pages, else those of an older extractor
        (``all_pages``: every page). ``paper`` gives the pages that paper first (with no selection: the
        pages stored without one)."""
        page_ids = None
        if selection is not None and not selection.is_empty():
            with self.engine.connect() as conn:
                page_ids = selected_ids(conn, selection)
        return reextract(self.engine, only_stale=not all_pages, workers=workers, on_page=on_page,
                         page_ids=page_ids, paper=paper, page_timeout=page_timeout, pages=pages)

    def remove(self, selection: PageSelection) -> tuple[int, int]:
        """Delete the selected pages with everything derived from them: (pages, articles) removed."""
        removed = remove_pages(self.engine, selection)
        settle(self.engine)
        return removed

    def pages(self, selection: PageSelection | None = None, limit: int | None = 50,
              offset: int = 0) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return select_pages(conn, selection or PageSelection(), limit, offset)

    def add_rule(self, kind: str, name: str, target: str, paper: str = "") -> dict[str, int]:
        """A correction by hand: ``merge`` NAME into TARGET, or ``split`` NAME where a post contains TARGET."""
        if kind not in ("merge", "split"):
            raise ValueError(f"unknown rule kind {kind!r} (merge or split)")
        if kind == "merge" and name == target:
            raise ValueError("a name cannot be merged into itself")
        r = s.person_rules

        def add(conn: Connection) -> dict[str, int]:
            check_rule(conn, kind, name, target, paper)
            insert_new(conn, r, {"paper": paper, "kind": kind, "name": name, "target": target},
                       ["paper", "kind", "name", "target"])
            return refresh_people(conn)

        changed = write(self.engine, add, exclusive=True, what=f"adding the {kind} rule")
        settle(self.engine)  # what an interrupted command left (pending.py)
        return changed

    def remove_rule(self, rule_id: int) -> bool:
        def remove(conn: Connection) -> bool:
            gone = conn.execute(delete(s.person_rules).where(s.person_rules.c.id == rule_id)).rowcount
            refresh_people(conn)
            return bool(gone)

        gone = write(self.engine, remove, exclusive=True, what="removing the rule")
        settle(self.engine)
        return gone

    def rules(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(select(s.person_rules).order_by(s.person_rules.c.id)).mappings()]

    # ---- reading ----
    def search(self, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0,
               sort: str = "relevance") -> SearchResult:
        """Ranked (or newest-first) matches; a ``QueryError`` for a query that cannot run."""
        with self.engine.connect() as conn:
            return search(conn, query, filters, limit, offset, sort)

    def hits_by_month(self, query: str, filters: Filters | None = None) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return hits_by_month(conn, query, filters)

    def people(self, name: str | None = None, paper: str | None = None, limit: int = 50,
               offset: int = 0) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.people(conn, name, paper, limit, offset)

    def person(self, name: str, paper: str | None = None) -> list[dict[str, Any]]:
        """Every person of that name (homonyms apart), each with timeline, appearances and meetings."""
        with self.engine.connect() as conn:
            return [queries.person_profile(conn, p["id"]) or {} for p in queries.find_people(conn, name, paper)]

    def person_by_id(self, person_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return queries.person_profile(conn, person_id)

    def meetings(self, **kw: Any) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return queries.meetings(conn, **kw)

    def appointments(self, **kw: Any) -> list[dict[str, Any]]:
        """See ``facts.appointments``: person, post, kind, date_from, date_to, person_id, limit, offset."""
        with self.engine.connect() as conn:
            return facts.appointments(conn, **kw)

    def documents(self, **kw: Any) -> list[dict[str, Any]]:
        """See ``facts.documents``: title, approved, date_from, date_to, limit, offset."""
        with self.engine.connect() as conn:
            return facts.documents(conn, **kw)

    def document(self, document_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return facts.document(conn, document_id)

    def article(self, article_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            return queries.article(conn, article_id)

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return queries.stats(conn)

    def export(self, out: Path, fmt: Format) -> dict[str, int]:
        return export_record(self.engine, out, fmt)


__all__ = ["Filters", "IngestReport", "PageSelection", "QueryError", "Record", "RecordMissing", "SearchResult", "database_url",
           "extractor_version"]
