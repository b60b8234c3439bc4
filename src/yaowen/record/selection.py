"""Choosing stored pages — by id, source, paper or date — to list, remove or re-derive them.

A source matches the path a page was ingested from, or its file name at the end of that path, and a dump or
archive file matches every page read from it ("news.jsonl" selects "data/news.jsonl#17"); ``*`` and ``?``
are wildcards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, or_, select

from ..sources import shown
from ..validate import period_end
from . import schema as s
from .people import refresh_people
from .txn import write
from .write import delete_facts


@dataclass
class PageSelection:
    ids: list[int] = field(default_factory=list)
    source: str | None = None
    paper: str | None = None  # "" selects the pages stored without a paper
    date_from: str | None = None  # the issue date, ISO (a year or month covers its whole period)
    date_to: str | None = None

    def is_empty(self) -> bool:
        return not (self.ids or self.source or self.paper is not None or self.date_from or self.date_to)

    def clauses(self) -> list[Any]:
        p = s.pages
        out: list[Any] = []
        if self.ids:
            out.append(p.c.id.in_(self.ids))
        if self.source:
            out.append(or_(*(p.c.source.like(pattern, escape="\\") for pattern in source_patterns(self.source))))
        if self.paper is not None:
            out.append(p.c.paper == self.paper)
        if self.date_from:
            out.append(p.c.issue_date >= self.date_from)
        if self.date_to:
            out.append(p.c.issue_date <= period_end(self.date_to))
        return out


def source_patterns(source: str) -> list[str]:
    """LIKE patterns for a source as typed: the path, or a path ending in it; the file or a record in it.
    A name is stored with visible escapes (``yaowen.sources.shown``): the name given is matched the same way."""
    escaped = shown(source).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    like = escaped.replace("*", "%").replace("?", "_")
    return [like, like + "#%", "%/" + like, "%/" + like + "#%"]


def select_pages(conn: Connection, selection: PageSelection, limit: int | None = None,
                 offset: int = 0) -> list[dict[str, Any]]:
    """The selected pages, newest issue first: id, source, paper, issue date, title, url, articles."""
    p, a = s.pages, s.articles
    n_articles = select(func.count()).where(a.c.page_id == p.c.id).scalar_subquery()
    q = (select(p.c.id, p.c.source, p.c.paper, p.c.issue_date, p.c.title, p.c.url, p.c.media_type,
                n_articles.label("articles"))
         .where(*selection.clauses()).order_by(p.c.issue_date.desc(), p.c.id.desc()).offset(offset))
    if limit is not None:
        q = q.limit(limit)
    return [dict(r) for r in conn.execute(q).mappings()]


def selected_ids(conn: Connection, selection: PageSelection) -> list[int]:
    return list(conn.execute(select(s.pages.c.id).where(*selection.clauses()).order_by(s.pages.c.id)).scalars())


def remove_pages(engine: Engine, selection: PageSelection) -> tuple[int, int]:
    """Delete the selected pages with their articles and facts, then re-resolve people (a person no page
    names any more is gone). Returns (pages, articles) removed. An empty selection removes nothing."""
    if selection.is_empty():
        return 0, 0

    def remove(conn: Connection) -> tuple[int, int]:
        ids = selected_ids(conn, selection)
        articles = conn.execute(select(func.count()).select_from(s.articles)
                                .where(s.articles.c.page_id.in_(ids))).scalar() if ids else 0
        delete_facts(conn, ids)
        for at in range(0, len(ids), 500):
            conn.execute(delete(s.pages).where(s.pages.c.id.in_(ids[at:at + 500])))
        if ids:
            refresh_people(conn)
        return len(ids), articles or 0

    return write(engine, remove, exclusive=True, what="removing pages")
