"""What each page and its API twin show, as plain JSON-ready dicts, read in one connection per request."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Hashable
from dataclasses import asdict
from typing import Any

from sqlalchemy import Connection, func, select

from ..read import read_bytes
from ..record import Filters, Record, listings, queries
from ..record import schema as s
from ..record.search import matching_ids, search
from .params import Paging


class AggregateCache:
    """Record-wide aggregates (the overview's counts, topics per month, figure units) change only when the
    record does: each is kept per arguments until the record's version changes or ``ttl`` seconds pass
    (re-extraction changes facts without changing the version, hence the time limit)."""

    def __init__(self, ttl: float = 60.0, size: int = 256) -> None:
        self.ttl, self.size = ttl, size
        self._items: dict[Hashable, tuple[Hashable, float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, conn: Connection, key: Hashable, compute: Callable[[], Any]) -> Any:
        version = record_version(conn)
        now = time.monotonic()
        hit = self._items.get(key)
        if hit and hit[0] == version and now - hit[1] < self.ttl:
            return hit[2]
        value = compute()
        with self._lock:
            if len(self._items) >= self.size:
                self._items.clear()
            self._items[key] = (version, now, value)
        return value


def record_version(conn: Connection) -> tuple[Any, ...]:
    """Changes whenever pages are added or removed or a person rule is made or dropped."""
    pages = conn.execute(select(func.count(), func.max(s.pages.c.id))).one()
    rules = conn.execute(select(func.count(), func.max(s.person_rules.c.id))).one()
    return (*pages, *rules)


cache = AggregateCache()


def _result(result, paging: Paging) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {"query": result.query, "total": result.total, "limit": paging.limit, "offset": paging.offset,
            "hits": [asdict(h) for h in result.hits]}


def search_data(rec: Record, q: str | None, filters: Filters, paging: Paging, with_facets: bool = True,
                sort: str = "relevance") -> dict[str, Any]:
    """Ranked hits for words (or the newest articles the filters allow, without words), with facets.
    A query that cannot run raises ``QueryError`` (the app answers 422 with its message)."""
    with rec.engine.connect() as conn:
        if q:
            result = search(conn, q, filters, paging.limit, paging.offset, sort)
        else:
            result = listings.browse(conn, filters, paging.limit, paging.offset)
        out = _result(result, paging)
        if with_facets:
            out["facets"] = listings.facets(conn, matching_ids(conn, q or "", filters))
            out["facet_sample"] = listings.FACET_SAMPLE if result.total > listings.FACET_SAMPLE else None
    return out


def articles_data(rec: Record, filters: Filters, paging: Paging) -> dict[str, Any]:
    with rec.engine.connect() as conn:
        return _result(listings.browse(conn, filters, paging.limit, paging.offset), paging)


def person_data(rec: Record, person_id: int, recent: int = 200) -> dict[str, Any] | None:
    with rec.engine.connect() as conn:
        profile = queries.person_profile(conn, person_id, recent)
        if profile is None:
            return None
        profile["appearances_by_month"] = listings.appearances_by_month(conn, person_id)
        profile["network"] = listings.co_attendance_network(conn, person_id)
    return profile


def home_data(rec: Record) -> dict[str, Any]:
    with rec.engine.connect() as conn:
        return {"stats": cache.get(conn, "stats", lambda: queries.stats(conn)),
                "latest_meetings": queries.meetings(conn, limit=8), "people": queries.people(conn, limit=12)}


def topic_months(rec: Record, date_from: str | None, date_to: str | None) -> list[dict[str, Any]]:
    with rec.engine.connect() as conn:
        return cache.get(conn, ("topics", date_from, date_to),
                         lambda: listings.topic_months(conn, date_from, date_to))


def figure_units(conn: Connection) -> list[str]:
    return cache.get(conn, "units", lambda: listings.figure_units(conn))


def raw_page_data(rec: Record, page_id: int) -> dict[str, Any] | None:
    """The page as read (decoded again from its stored bytes) and where each of its articles came from."""
    with rec.engine.connect() as conn:
        page = queries.page_raw(conn, page_id)
        if page is None:
            return None
        arts = conn.execute(s.articles.select().with_only_columns(s.articles.c.id, s.articles.c.headline,
                                                                  s.articles.c.raw_spans)
                            .where(s.articles.c.page_id == page_id).order_by(s.articles.c.ordinal)).all()
    text = read_bytes(page["raw"], page["source"], page["media_type"]).text
    return {"page": {k: v for k, v in page.items() if k != "raw"}, "text": text,
            "articles": [{"id": a.id, "headline": a.headline} for a in arts],
            "spans": {a.id: json.loads(a.raw_spans or "[]") for a in arts}}
