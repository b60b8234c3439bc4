"""Listings of appointments and documents: who was appointed to what when, and which documents were cited
and approved by which meeting. Used by the CLI, the web pages and their API twins."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Integer, cast, func, select

from . import schema as s
from .listings import newest_first
from .search import in_period


def appointments(conn: Connection, person: str | None = None, post: str | None = None, kind: str | None = None,
                 date_from: str | None = None, date_to: str | None = None, person_id: int | None = None,
                 limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Appointments, removals, elections and acting posts, newest first, with the article that reports them."""
    ap, a, p = s.appointments, s.articles, s.pages
    q = (select(ap.c.id, a.c.date, ap.c.person, ap.c.person_id, ap.c.post, ap.c.kind, ap.c.article_id,
                a.c.headline, p.c.paper)
         .select_from(ap).join(a, a.c.id == ap.c.article_id).join(p, p.c.id == a.c.page_id))
    if person:
        q = q.where(ap.c.person == person)
    if person_id is not None:
        q = q.where(ap.c.person_id == person_id)
    if post:
        q = q.where(ap.c.post.contains(post, autoescape=True))
    if kind:
        q = q.where(ap.c.kind == kind)
    q = q.where(*in_period(a.c.date, date_from, date_to))
    rows = conn.execute(q.order_by(newest_first(conn, a.c.date), ap.c.id.desc()).limit(limit).offset(offset))
    return [dict(r) for r in rows.mappings()]


def documents(conn: Connection, title: str | None = None, approved: bool | None = None,
              date_from: str | None = None, date_to: str | None = None, limit: int = 50,
              offset: int = 0) -> list[dict[str, Any]]:
    """Documents by title: how many articles cite each, first and last cited, and the meetings that approved
    it (a title cited in several articles is one row). Most recently cited first."""
    d, a = s.documents, s.articles
    first, last = func.min(a.c.date), func.max(a.c.date)
    q = (select(func.min(d.c.id).label("id"), d.c.title, func.count(func.distinct(d.c.article_id)).label("articles"),
                first.label("first_cited"), last.label("last_cited"),
                func.max(cast(d.c.approved, Integer)).label("approved"))
         .select_from(d).join(a, a.c.id == d.c.article_id).group_by(d.c.title))
    if title:
        q = q.where(d.c.title.contains(title, autoescape=True))
    if approved is not None:
        approved_titles = select(d.c.title).where(d.c.approved.is_(True))
        q = q.where(d.c.title.in_(approved_titles) if approved else d.c.title.not_in(approved_titles))
    q = q.where(*in_period(a.c.date, date_from, date_to))
    order = last.desc() if conn.dialect.name == "sqlite" else last.desc().nulls_last()
    rows = [dict(r) | {"approved": bool(r["approved"])} for r in
            conn.execute(q.order_by(order, d.c.title).limit(limit).offset(offset)).mappings()]
    by_title = _approvals(conn, [r["title"] for r in rows])
    for r in rows:
        r["approved_by"] = by_title.get(r["title"], [])
    return rows


def _approvals(conn: Connection, titles: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not titles:
        return {}
    d, mt = s.documents, s.meetings
    out: dict[str, list[dict[str, Any]]] = {}
    for r in conn.execute(select(d.c.title, mt.c.id, mt.c.name, mt.c.body, mt.c.date, mt.c.article_id)
                          .join(mt, mt.c.id == d.c.meeting_id).where(d.c.title.in_(titles))
                          .order_by(mt.c.date, mt.c.id)).mappings():
        out.setdefault(r["title"], []).append({"meeting_id": r["id"], "name": r["name"], "body": r["body"],
                                               "date": r["date"], "article_id": r["article_id"]})
    return out


def document(conn: Connection, document_id: int) -> dict[str, Any] | None:
    """A document (by the id of any row citing it): its title, the meetings that approved it and every
    article that cites it, newest first."""
    d, a, p = s.documents, s.articles, s.pages
    title = conn.execute(select(d.c.title).where(d.c.id == document_id)).scalar()
    if title is None:
        return None
    citing = [dict(r) for r in conn.execute(
        select(a.c.id.label("article_id"), a.c.headline, a.c.date, p.c.paper, d.c.approved, d.c.meeting_id)
        .select_from(d).join(a, a.c.id == d.c.article_id).join(p, p.c.id == a.c.page_id)
        .where(d.c.title == title).order_by(newest_first(conn, a.c.date), a.c.id.desc())).mappings()]
    return {"id": document_id, "title": title, "approved_by": _approvals(conn, [title]).get(title, []),
            "articles": citing}
