"""What each page and its API twin show, as plain JSON-ready dicts, read in one connection per request."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from ..read import read_bytes
from ..record import Filters, Record, listings, queries
from ..record import schema as s
from ..record.search import matching_ids, search
from .params import Paging


def _result(result, paging: Paging) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {"query": result.query, "total": result.total, "limit": paging.limit, "offset": paging.offset,
            "hits": [asdict(h) for h in result.hits]}


def search_data(rec: Record, q: str | None, filters: Filters, paging: Paging, with_facets: bool = True
                ) -> dict[str, Any]:
    """Ranked hits for words (or the newest articles the filters allow, without words), with facets."""
    with rec.engine.connect() as conn:
        if q:
            result = search(conn, q, filters, paging.limit, paging.offset)
        else:
            result = listings.browse(conn, filters, paging.limit, paging.offset)
        out = _result(result, paging)
        if with_facets:
            ids = matching_ids(conn, q or "", filters)
            out["facets"] = listings.facets(conn, ids) if ids is not None else {}
    return out


def articles_data(rec: Record, filters: Filters, paging: Paging) -> dict[str, Any]:
    with rec.engine.connect() as conn:
        return _result(listings.browse(conn, filters, paging.limit, paging.offset), paging)


def article_data(rec: Record, article_id: int) -> dict[str, Any] | None:
    return rec.article(article_id)


def person_data(rec: Record, person_id: int) -> dict[str, Any] | None:
    with rec.engine.connect() as conn:
        profile = queries.person_profile(conn, person_id)
        if profile is None:
            return None
        profile["appearances_by_month"] = listings.appearances_by_month(conn, person_id)
        profile["network"] = listings.co_attendance_network(conn, person_id)
    return profile


def home_data(rec: Record) -> dict[str, Any]:
    with rec.engine.connect() as conn:
        stats = queries.stats(conn)
        return {"stats": stats, "latest_meetings": queries.meetings(conn, limit=8),
                "active_people": listings.active_people(conn, size=12)}


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
