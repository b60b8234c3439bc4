"""Listings for browsing the record: articles by filter, search facets, posts, figures, topics per month,
a person's appearances per month and co-attendance network. Used by the web interface and its API."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Connection, Select, func, select
from sqlalchemy.sql.elements import ColumnElement

from . import schema as s
from .search import Filters, SearchResult, any_id, in_period, latest_stored, make_hits

FACET_SAMPLE = 500  # facets count at most this many matches (the newest): exact below it, a sample above


def newest_first(conn: Connection, date: ColumnElement[Any]) -> ColumnElement[Any]:
    """Descending date with undated rows last. SQLite already puts NULL last in a descending order, and
    saying NULLS LAST there would stop it from walking the date index backwards."""
    return date.desc() if conn.dialect.name == "sqlite" else date.desc().nulls_last()


def browse(conn: Connection, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> SearchResult:
    """Articles the filters allow, newest first (a search without words)."""
    a = s.articles
    clauses = (filters or Filters()).clauses()
    total = conn.execute(select(func.count()).select_from(a).where(*clauses)).scalar() or 0
    ids = conn.execute(select(a.c.id).where(*clauses).order_by(newest_first(conn, a.c.date), a.c.id.desc())
                       .limit(limit).offset(offset)).scalars().all()
    return SearchResult("", total, make_hits(conn, [(i, 0.0) for i in ids], ""))


def facets(conn: Connection, ids: Select[Any], size: int = 12) -> dict[str, list[dict[str, Any]]]:
    """How many of the matched articles fall under each topic, year, meeting body and person.

    Counted over the newest FACET_SAMPLE matches: a facet is for narrowing, and counting tens of thousands
    of matches four ways would cost more than the search itself.
    """
    matched = latest_stored(conn, ids)
    sample = select(matched.c.id).order_by(matched.c.id.desc()).limit(FACET_SAMPLE)
    if conn.dialect.name == "postgresql":
        # PostgreSQL would evaluate the match again for each facet: read the sample once
        sample_ids = any_id(conn.execute(sample).scalars().all())

        def in_sample(col: Any) -> Any:
            return col == sample_ids
    else:
        # SQLite reads an IN (subquery) once, then looks each id up in the facet table's index (a join
        # to the sample lets it scan the whole facet table instead)
        def in_sample(col: Any) -> Any:
            return col.in_(sample.correlate(None))

    a, t, m, mt = s.articles, s.article_topics, s.mentions, s.meetings

    def top(article_id, value) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
        n = func.count(func.distinct(article_id))
        rows = conn.execute(select(value, n).where(in_sample(article_id), value.is_not(None)).group_by(value)
                            .order_by(n.desc(), value).limit(size)).all()
        return [{"value": v, "count": c} for v, c in rows if v]

    years = top(a.c.id, func.substr(a.c.date, 1, 4))
    return {
        "topic": top(t.c.article_id, t.c.topic),
        "year": sorted(years, key=lambda r: r["value"], reverse=True),
        "body": top(mt.c.article_id, mt.c.body),
        "person": top(m.c.article_id, m.c.name),
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
    # from articles to their figures: the newest-first order then walks the articles' date index
    q = (select(f.c.id, f.c.measure, f.c.value, f.c.unit, f.c.text, f.c.target, f.c.approximate,
                f.c.article_id, a.c.headline, a.c.date).select_from(a).join(f, f.c.article_id == a.c.id))
    q = q.where(*_figure_filters(measure, unit, target, date_from, date_to))
    if article_id is not None:
        q = q.where(f.c.article_id == article_id)
    rows = conn.execute(q.order_by(newest_first(conn, a.c.date), a.c.id.desc(), f.c.id).limit(limit)
                        .offset(offset)).mappings()
    return [dict(r) for r in rows]


def _figure_filters(measure: str | None, unit: str | None, target: bool | None, date_from: str | None,
                    date_to: str | None) -> list[Any]:
    """The conditions the figure listings share (what is measured, the unit, target or not, the period)."""
    f, a = s.figures, s.articles
    return [*([f.c.measure.contains(measure, autoescape=True)] if measure else []),
            *([f.c.unit == unit] if unit else []),
            *([f.c.target == target] if target is not None else []),
            *in_period(a.c.date, date_from, date_to)]


def figure_measures(conn: Connection, measure: str | None = None, unit: str | None = None,
                    target: bool | None = None, date_from: str | None = None, date_to: str | None = None,
                    limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Figures grouped by what they measure (and unit): how many, over which dates, the range of values and
    the latest, most reported measures first. A measure counted in several units is one row per unit."""
    f, a = s.figures, s.articles
    n = func.count()
    q = (select(f.c.measure, f.c.unit, n.label("figures"), func.count(func.distinct(f.c.article_id)).label("articles"),
                func.min(a.c.date).label("first_date"), func.max(a.c.date).label("last_date"),
                func.min(f.c.value).label("min_value"), func.max(f.c.value).label("max_value"))
         .select_from(f).join(a, a.c.id == f.c.article_id).where(f.c.measure.is_not(None), f.c.measure != "")
         .group_by(f.c.measure, f.c.unit))
    q = q.where(*_figure_filters(measure, unit, target, date_from, date_to))
    rows = [dict(r) for r in conn.execute(q.order_by(n.desc(), f.c.measure, f.c.unit).limit(limit)
                                          .offset(offset)).mappings()]
    for r in rows:  # the latest value of each measure: one small query per row of a page
        latest = conn.execute(select(f.c.value, f.c.article_id).select_from(f).join(a, a.c.id == f.c.article_id)
                              .where(f.c.measure == r["measure"], f.c.unit == r["unit"], *in_period(a.c.date, date_from, date_to),
                                     *([f.c.target == target] if target is not None else []))
                              .order_by(newest_first(conn, a.c.date), f.c.id.desc()).limit(1)).first()
        r["latest_value"], r["latest_article_id"] = (latest[0], latest[1]) if latest else (None, None)
    return rows


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
    q = q.where(*in_period(a.c.date, date_from, date_to))
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
    """The person, the ``size`` people most often at the same meetings, and how often each pair of them sat
    together at the person's meetings."""
    pt, p = s.participants, s.people
    mine = conn.execute(select(pt.c.meeting_id).where(pt.c.person_id == person_id).distinct()).scalars().all()
    me = conn.execute(select(p.c.id, p.c.name).where(p.c.id == person_id)).mappings().first()
    if me is None:
        return {"nodes": [], "edges": []}
    if not mine:
        return {"nodes": [dict(me) | {"meetings": None}], "edges": []}
    shared = func.count(func.distinct(pt.c.meeting_id))
    top = conn.execute(select(p.c.id, p.c.name, shared.label("meetings"))
                       .join(p, p.c.id == pt.c.person_id)
                       .where(pt.c.meeting_id.in_(mine), pt.c.person_id != person_id)
                       .group_by(p.c.id, p.c.name).order_by(shared.desc(), p.c.name).limit(size)).mappings().all()
    nodes = [dict(me) | {"meetings": None}] + [dict(r) for r in top]
    others = [n["id"] for n in nodes[1:]]
    edges = [{"source": person_id, "target": r["id"], "meetings": r["meetings"]} for r in top]
    seats = conn.execute(select(pt.c.meeting_id, pt.c.person_id)
                         .where(pt.c.meeting_id.in_(mine), pt.c.person_id.in_(others)).distinct()).all()
    by_meeting: dict[int, list[int]] = {}
    for meeting, person in seats:
        by_meeting.setdefault(meeting, []).append(person)
    pairs: Counter[tuple[int, int]] = Counter()
    for people_there in by_meeting.values():
        ids = sorted(people_there)
        pairs.update((x, y) for i, x in enumerate(ids) for y in ids[i + 1:])
    edges += [{"source": x, "target": y, "meetings": n} for (x, y), n in sorted(pairs.items())]
    return {"nodes": nodes, "edges": edges}
