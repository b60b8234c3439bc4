"""Read-side questions of the record: people, a person's post timeline, meetings, articles, stats."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select

from . import schema as s
from .search import in_period


def people(conn: Connection, name: str | None = None, paper: str | None = None, limit: int = 50,
           offset: int = 0) -> list[dict[str, Any]]:
    """People by number of mentions; ``name`` matches any part of the name."""
    p = s.people
    q = select(p.c.id, p.c.name, p.c.key, p.c.paper, p.c.mentions, p.c.first_seen, p.c.last_seen)
    if name:
        q = q.where(p.c.name.contains(name, autoescape=True))
    if paper:
        q = q.where(p.c.paper == paper)
    rows = conn.execute(q.order_by(p.c.mentions.desc(), p.c.name).limit(limit).offset(offset)).mappings().all()
    tops = _latest_posts(conn, [r["id"] for r in rows])
    return [dict(r) | {"latest_post": tops.get(r["id"])} for r in rows]


def _latest_posts(conn: Connection, ids: list[int]) -> dict[int, str]:
    if not ids:
        return {}
    t = s.posts
    rows = conn.execute(select(t.c.person_id, t.c.canonical, func.max(t.c.date).label("last"), func.count().label("n"))
                        .where(t.c.person_id.in_(ids)).group_by(t.c.person_id, t.c.canonical)).all()
    best: dict[int, tuple[str, int, str]] = {}
    for pid, post, last, n in rows:
        key = (last or "", n, post)
        if pid not in best or key > best[pid]:
            best[pid] = key
    return {pid: k[2] for pid, k in best.items()}


def find_people(conn: Connection, name: str, paper: str | None = None) -> list[dict[str, Any]]:
    """Exact name first (every homonym), else key (王伟#村委会主任), else nothing."""
    p = s.people
    q = select(p).where(or_(p.c.name == name, p.c.key == name))
    if paper:
        q = q.where(p.c.paper == paper)
    return [dict(r) for r in conn.execute(q.order_by(p.c.mentions.desc())).mappings()]


def timeline(conn: Connection, person_id: int) -> list[dict[str, Any]]:
    """Posts held, each with first and last date seen and the articles that show it, in order of first sight."""
    t = s.posts
    rows = conn.execute(
        select(t.c.canonical, func.min(t.c.date).label("first_seen"), func.max(t.c.date).label("last_seen"),
               func.count(func.distinct(t.c.article_id)).label("articles"))
        .where(t.c.person_id == person_id).group_by(t.c.canonical)
    ).mappings().all()
    arts = conn.execute(select(t.c.canonical, t.c.article_id).where(t.c.person_id == person_id).distinct()
                        .order_by(t.c.article_id)).all()
    by_post: dict[str, list[int]] = {}
    for post, aid in arts:
        by_post.setdefault(post, []).append(aid)
    out = [{"post": r["canonical"], "first_seen": r["first_seen"], "last_seen": r["last_seen"],
            "articles": by_post.get(r["canonical"], [])} for r in rows]
    return sorted(out, key=lambda r: (r["first_seen"] or "9999", r["post"]))


def appearances(conn: Connection, person_id: int, limit: int = 200) -> list[dict[str, Any]]:
    m, a = s.mentions, s.articles
    rows = conn.execute(
        select(a.c.id, a.c.headline, a.c.date, func.count().label("mentions"))
        .join(m, m.c.article_id == a.c.id).where(m.c.person_id == person_id)
        .group_by(a.c.id, a.c.headline, a.c.date).order_by(a.c.date.desc(), a.c.id).limit(limit)
    ).mappings().all()
    return [dict(r) for r in rows]


def person_meetings(conn: Connection, person_id: int) -> list[dict[str, Any]]:
    pt, mt = s.participants, s.meetings
    rows = conn.execute(
        select(mt.c.id, mt.c.name, mt.c.body, mt.c.date, mt.c.article_id, pt.c.role)
        .join(pt, pt.c.meeting_id == mt.c.id).where(pt.c.person_id == person_id)
        .order_by(mt.c.date.desc(), mt.c.id)
    ).mappings().all()
    return [dict(r) for r in rows]


def co_attendees(conn: Connection, person_id: int, limit: int = 15) -> list[dict[str, Any]]:
    """The people most often at the same meetings."""
    me, other, p = s.participants.alias("me"), s.participants.alias("other"), s.people
    rows = conn.execute(
        select(p.c.id, p.c.name, func.count(func.distinct(other.c.meeting_id)).label("meetings"))
        .select_from(me.join(other, and_(other.c.meeting_id == me.c.meeting_id, other.c.person_id != person_id))
                     .join(p, p.c.id == other.c.person_id))
        .where(me.c.person_id == person_id).group_by(p.c.id, p.c.name)
        .order_by(func.count(func.distinct(other.c.meeting_id)).desc(), p.c.name).limit(limit)
    ).mappings().all()
    return [dict(r) for r in rows]


def person_profile(conn: Connection, person_id: int, recent: int = 200) -> dict[str, Any] | None:
    """A person with post timeline, the ``recent`` latest appearances, meetings and co-attendees."""
    row = conn.execute(select(s.people).where(s.people.c.id == person_id)).mappings().first()
    if row is None:
        return None
    return dict(row) | {
        "timeline": timeline(conn, person_id),
        "appearances": appearances(conn, person_id, recent),
        "meetings": person_meetings(conn, person_id),
        "co_attendees": co_attendees(conn, person_id),
        "appointments": _person_appointments(conn, person_id),
    }


def _person_appointments(conn: Connection, person_id: int) -> list[dict[str, Any]]:
    from .facts import appointments  # facts builds on this module's neighbours

    return appointments(conn, person_id=person_id, limit=200)


def meetings(conn: Connection, body: str | None = None, date_from: str | None = None, date_to: str | None = None,
             person: str | None = None, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    mt, a = s.meetings, s.articles
    q = (select(mt.c.id, mt.c.name, mt.c.body, mt.c.ordinal, mt.c.date, mt.c.article_id, a.c.headline)
         .join(a, a.c.id == mt.c.article_id))
    if body:
        q = q.where(mt.c.body == body)
    q = q.where(*in_period(mt.c.date, date_from, date_to))
    if person:
        q = q.where(mt.c.id.in_(select(s.participants.c.meeting_id).where(s.participants.c.name == person)))
    rows = [dict(r) for r in conn.execute(q.order_by(mt.c.date.desc(), mt.c.id).limit(limit).offset(offset))
            .mappings()]
    _attach_participants(conn, rows)
    return rows


def _attach_participants(conn: Connection, rows: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in rows]
    by_id = {r["id"]: r | {"chairs": [], "attendees": [], "approved": []} for r in rows}
    if ids:
        pt = s.participants
        for mid, name, role in conn.execute(select(pt.c.meeting_id, pt.c.name, pt.c.role)
                                            .where(pt.c.meeting_id.in_(ids)).order_by(pt.c.id)):
            by_id[mid]["chairs" if role == "chair" else "attendees"].append(name)
        d = s.documents
        for mid, title in conn.execute(select(d.c.meeting_id, d.c.title).where(d.c.meeting_id.in_(ids))
                                       .order_by(d.c.id)):
            by_id[mid]["approved"].append(title)
    for r in rows:
        r.update(by_id[r["id"]])


def meeting_bodies(conn: Connection) -> list[dict[str, Any]]:
    mt = s.meetings
    return [dict(r) for r in conn.execute(
        select(mt.c.body, func.count().label("meetings")).where(mt.c.body.is_not(None))
        .group_by(mt.c.body).order_by(func.count().desc(), mt.c.body)).mappings()]


def article(conn: Connection, article_id: int) -> dict[str, Any] | None:
    a, p = s.articles, s.pages
    row = conn.execute(select(a, p.c.paper, p.c.source.label("page_source"), p.c.issue_date, p.c.url.label("page_url"))
                       .join(p, p.c.id == a.c.page_id).where(a.c.id == article_id)).mappings().first()
    if row is None:
        return None
    out = dict(row)
    for key in ("reporters", "spans", "raw_spans", "notes"):
        out[key] = json.loads(out[key] or "[]")
    out["topics"] = list(conn.execute(select(s.article_topics.c.topic).where(s.article_topics.c.article_id == article_id)
                                      .order_by(s.article_topics.c.rank)).scalars())
    m = s.mentions
    out["mentions"] = [dict(r) | {"titles": json.loads(r["titles"] or "[]")} for r in conn.execute(
        select(m.c.id, m.c.person_id, m.c.name, m.c.titles, m.c.how, m.c.body_start, m.c.body_end)
        .where(m.c.article_id == article_id).order_by(m.c.body_start)).mappings()]
    out["meetings"] = meetings_of_article(conn, article_id)
    out["documents"] = _rows(conn, s.documents, article_id)
    out["figures"] = _rows(conn, s.figures, article_id)
    out["appointments"] = _rows(conn, s.appointments, article_id)
    return out


def meetings_of_article(conn: Connection, article_id: int) -> list[dict[str, Any]]:
    mt = s.meetings
    rows = [dict(r) for r in conn.execute(select(mt).where(mt.c.article_id == article_id).order_by(mt.c.id))
            .mappings()]
    _attach_participants(conn, rows)
    return rows


def _rows(conn: Connection, table, article_id: int) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    return [dict(r) for r in conn.execute(select(table).where(table.c.article_id == article_id)
                                          .order_by(table.c.id)).mappings()]


def page_raw(conn: Connection, page_id: int) -> dict[str, Any] | None:
    row = conn.execute(select(s.pages).where(s.pages.c.id == page_id)).mappings().first()
    return dict(row) if row else None


def stats(conn: Connection) -> dict[str, Any]:
    def count(t) -> int:  # type: ignore[no-untyped-def]
        return conn.execute(select(func.count()).select_from(t)).scalar() or 0

    a = s.articles
    first, last = conn.execute(select(func.min(a.c.date), func.max(a.c.date))).one()
    papers = [dict(r) for r in conn.execute(
        select(s.pages.c.paper, func.count().label("pages")).group_by(s.pages.c.paper)
        .order_by(func.count().desc())).mappings()]
    topics = [dict(r) for r in conn.execute(
        select(s.article_topics.c.topic, func.count().label("articles")).where(s.article_topics.c.rank == 1)
        .group_by(s.article_topics.c.topic).order_by(func.count().desc())).mappings()]
    return {
        "pages": count(s.pages), "articles": count(a), "people": count(s.people), "mentions": count(s.mentions),
        "meetings": count(s.meetings), "documents": count(s.documents), "figures": count(s.figures),
        "appointments": count(s.appointments), "ingest_errors": count(s.ingest_errors),
        "first_date": first, "last_date": last, "papers": papers, "topics": topics,
        "meeting_bodies": meeting_bodies(conn)[:10],
    }
