"""Listings for browsing the record: articles by filter, search facets, posts, figures, topics per month,
a person's appearances per month and co-attendance network. Used by the web interface and its API."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, and_, func, select

from . import schema as s
from .search import Filters, SearchResult, end_of_period, make_hits


def browse(conn: Connection, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> SearchResult:
    """Articles the filters allow, newest first (a search without words)."""
    a = s.articles
    clauses = (filters or Filters()).clauses()
    total = conn.execute(select(func.count()).select_from(a).where(*clauses)).scalar() or 0
    ids = conn.execute(select(a.c.id).where(*clauses).order_by(a.c.date.desc().nulls_last(), a.c.id.desc())
                       .limit(limit).offset(offset)).scalars().all()
    return SearchResult("", total, make_hits(conn, [(i, 0.0) for i in ids], ""))


def facets(conn: Connection, ids: Select[Any], size: int = 12) -> dict[str, list[dict[str, Any]]]:
    """How many of the matched articles fall under each topic, year, meeting body and person."""
    matched = ids.subquery("matched")
    a, t, m, mt = s.articles, s.article_topics, s.mentions, s.meetings

    def top(value, source, join_on, where=None) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
        n = func.count(func.distinct(matched.c.id))
        q = select(value.label("value"), n.label("count")).select_from(matched.join(source, join_on))
        if where is not None:
            q = q.where(where)
        rows = conn.execute(q.group_by(value).order_by(n.desc(), value).limit(size)).all()
        return [{"value": v, "count": c} for v, c in rows if v]

    year = func.substr(a.c.date, 1, 4)
    return {
        "topic": top(t.c.topic, t, t.c.article_id == matched.c.id),
        "year": sorted(top(year, a, a.c.id == matched.c.id, a.c.date.is_not(None)), key=lambda r: r["value"],
                       reverse=True),
        "body": top(mt.c.body, mt, mt.c.article_id == matched.c.id, mt.c.body.is_not(None)),
        "person": top(m.c.name, m, m.c.article_id == matched.c.id),
    }


def posts(conn: Connection, person: str | None = None, post: str | None = None, limit: int = 50,
          offset: int = 0) -> list[dict[str, Any]]:
    """Who held which post, first and last seen: one row per (person, post), latest first."""
    t, p = s.posts, s.people
    first, last = func.min(t.c.date), func.max(t.c.date)
    q = (select(p.c.id.label("person_id"), p.c.name, t.c.canonical.label("post"), first.label("first_seen"),
                last.label("last_seen"), func.count(func.distinct(t.c.article_id)).label("articles"))
         .join(p, p.c.id == t.c.person_id).group_by(p.c.id, p.c.name, t.c.canonical))
    if person:
        q = q.where(p.c.name == person)
    if post:
        q = q.where(t.c.canonical.contains(post, autoescape=True))
    rows = conn.execute(q.order_by(last.desc().nulls_last(), p.c.name, t.c.canonical).limit(limit)
                        .offset(offset)).mappings()
    return [dict(r) for r in rows]


def figures(conn: Connection, measure: str | None = None, unit: str | None = None, target: bool | None = None,
            date_from: str | None = None, date_to: str | None = None, article_id: int | None = None,
            limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Extracted figures with their measure, value, unit, target flag and source article, newest first."""
    f, a = s.figures, s.articles
    q = (select(f.c.id, f.c.measure, f.c.value, f.c.unit, f.c.text, f.c.target, f.c.approximate,
                f.c.article_id, a.c.headline, a.c.date).join(a, a.c.id == f.c.article_id))
    if measure:
        q = q.where(f.c.measure.contains(measure, autoescape=True))
    if unit:
        q = q.where(f.c.unit == unit)
    if target is not None:
        q = q.where(f.c.target == target)
    if date_from:
        q = q.where(a.c.date >= date_from)
    if date_to:
        q = q.where(a.c.date <= end_of_period(date_to))
    if article_id is not None:
        q = q.where(f.c.article_id == article_id)
    rows = conn.execute(q.order_by(a.c.date.desc().nulls_last(), f.c.id).limit(limit).offset(offset)).mappings()
    return [dict(r) for r in rows]


def figure_units(conn: Connection, size: int = 30) -> list[str]:
    f = s.figures
    return list(conn.execute(select(f.c.unit).group_by(f.c.unit).order_by(func.count().desc()).limit(size))
                .scalars())


def topic_months(conn: Connection, date_from: str | None = None, date_to: str | None = None) -> list[dict[str, Any]]:
    """Articles per topic per month (an article counts under each of its topics)."""
    a, t = s.articles, s.article_topics
    month = func.substr(a.c.date, 1, 7)
    q = (select(month.label("month"), t.c.topic, func.count().label("articles"))
         .join(t, t.c.article_id == a.c.id).where(a.c.date.is_not(None)))
    if date_from:
        q = q.where(a.c.date >= date_from)
    if date_to:
        q = q.where(a.c.date <= end_of_period(date_to))
    return [dict(r) for r in conn.execute(q.group_by(month, t.c.topic).order_by(month, t.c.topic)).mappings()]


def appearances_by_month(conn: Connection, person_id: int) -> list[dict[str, Any]]:
    """In how many articles a person appears, per month."""
    a, m = s.articles, s.mentions
    month = func.substr(a.c.date, 1, 7)
    rows = conn.execute(select(month.label("month"), func.count(func.distinct(a.c.id)).label("articles"))
                        .join(m, m.c.article_id == a.c.id)
                        .where(m.c.person_id == person_id, a.c.date.is_not(None))
                        .group_by(month).order_by(month)).mappings()
    return [dict(r) for r in rows]


def co_attendance_network(conn: Connection, person_id: int, size: int = 12) -> dict[str, list[dict[str, Any]]]:
    """The person, the ``size`` people most often at the same meetings, and how often each pair met."""
    pt, p = s.participants, s.people
    mine = select(pt.c.meeting_id).where(pt.c.person_id == person_id).scalar_subquery()
    shared = func.count(func.distinct(pt.c.meeting_id))
    top = conn.execute(select(p.c.id, p.c.name, shared.label("meetings"))
                       .join(p, p.c.id == pt.c.person_id)
                       .where(pt.c.meeting_id.in_(mine), pt.c.person_id != person_id)
                       .group_by(p.c.id, p.c.name).order_by(shared.desc(), p.c.name).limit(size)).mappings().all()
    me = conn.execute(select(p.c.id, p.c.name).where(p.c.id == person_id)).mappings().first()
    if me is None:
        return {"nodes": [], "edges": []}
    nodes = [dict(me) | {"meetings": None}] + [dict(r) for r in top]
    ids = [n["id"] for n in nodes]
    edges = [{"source": person_id, "target": r["id"], "meetings": r["meetings"]} for r in top]
    one, two = pt.alias("one"), pt.alias("two")
    pair = func.count(func.distinct(one.c.meeting_id))
    rows = conn.execute(select(one.c.person_id, two.c.person_id, pair)
                        .join(two, and_(two.c.meeting_id == one.c.meeting_id, two.c.person_id > one.c.person_id))
                        .where(one.c.person_id.in_(ids[1:]), two.c.person_id.in_(ids[1:]))
                        .group_by(one.c.person_id, two.c.person_id)).all()
    edges += [{"source": x, "target": y, "meetings": n} for x, y, n in rows]
    return {"nodes": nodes, "edges": edges}


def active_people(conn: Connection, date_from: str | None = None, size: int = 10) -> list[dict[str, Any]]:
    """People in the most articles (since ``date_from``)."""
    m, a, p = s.mentions, s.articles, s.people
    n = func.count(func.distinct(m.c.article_id))
    q = select(p.c.id, p.c.name, n.label("articles")).join(p, p.c.id == m.c.person_id)
    if date_from:
        q = q.join(a, a.c.id == m.c.article_id).where(a.c.date >= date_from)
    return [dict(r) for r in conn.execute(q.group_by(p.c.id, p.c.name).order_by(n.desc(), p.c.name).limit(size))
            .mappings()]
