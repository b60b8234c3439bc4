"""Full-text search over headlines and bodies, ranked by BM25, with filters and highlighted snippets.

SQLite: an FTS5 table of bigram tokens (see ``tokens``) and FTS5's own ``bm25()`` (headline weighted 3,
body 1). PostgreSQL: a GIN-indexed tsvector of the same tokens, and BM25 computed in SQL from the same
parts: idf of the matched set, each term's count in the article, the article's length against the mean.
Both find the same articles for a query; scores differ only in detail.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    column,
    func,
    literal,
    literal_column,
    select,
    table,
    text,
)

from . import schema as s
from .tokens import literal_terms, query_terms

HEADLINE_WEIGHT = 3.0
K1, B = 1.2, 0.75


@dataclass
class Filters:
    date_from: str | None = None
    date_to: str | None = None
    person: str | None = None
    topic: str | None = None
    body: str | None = None  # meeting body: 市委常委会 ...
    paper: str | None = None

    def clauses(self) -> list[Any]:
        a = s.articles
        out: list[Any] = []
        if self.date_from:
            out.append(a.c.date >= self.date_from)
        if self.date_to:
            out.append(a.c.date <= end_of_period(self.date_to))
        # IN (subquery) rather than EXISTS: the set is read once from its index, not probed per article
        if self.person:
            out.append(a.c.id.in_(select(s.mentions.c.article_id).where(s.mentions.c.name == self.person)))
        if self.topic:
            out.append(a.c.id.in_(select(s.article_topics.c.article_id).where(s.article_topics.c.topic == self.topic)))
        if self.body:
            out.append(a.c.id.in_(select(s.meetings.c.article_id).where(s.meetings.c.body == self.body)))
        if self.paper:
            out.append(a.c.page_id.in_(select(s.pages.c.id).where(s.pages.c.paper == self.paper)))
        return out


def end_of_period(date: str) -> str:
    """'2023' -> '2023-12-31', '2023-05' -> '2023-05-31': a partial date bounds the whole period."""
    return {4: date + "-12-31", 7: date + "-31"}.get(len(date), date)


@dataclass
class Hit:
    article_id: int
    headline: str | None
    date: str | None
    paper: str
    score: float
    snippet: str  # HTML-escaped, terms in <mark>
    people: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[Hit]


def fts5_match(query: str) -> str | None:
    """The FTS5 MATCH expression of a query (terms AND-ed, each a phrase of bigrams), or None if empty."""
    parts = []
    for tokens, prefix in query_terms(query):
        phrase = '"' + " ".join(tokens) + '"'
        parts.append(phrase + ("*" if prefix else ""))
    return " AND ".join(parts) if parts else None


def tsquery_literal(query: str) -> str | None:
    parts = []
    for tokens, prefix in query_terms(query):
        quoted = [f"'{t}'" for t in tokens]
        if prefix:
            quoted[-1] += ":*"
        parts.append("(" + " <-> ".join(quoted) + ")")
    return " & ".join(parts) if parts else None


def search(conn: Connection, query: str, filters: Filters | None = None, limit: int = 20,
           offset: int = 0) -> SearchResult:
    filters = filters or Filters()
    if conn.dialect.name == "sqlite":
        ranked, total = _sqlite_ranked(conn, query, filters, limit, offset)
    else:
        ranked, total = _postgres_ranked(conn, query, filters, limit, offset)
    return SearchResult(query, total, make_hits(conn, ranked, query))


def matching_ids(conn: Connection, query: str, filters: Filters | None = None) -> Select[Any] | None:
    """The ids of every article the query and filters match (unranked), for facet counts; None if the
    query has nothing searchable. An empty query matches every article the filters allow."""
    clauses = (filters or Filters()).clauses()
    if not query.strip():
        return select(s.articles.c.id).where(*clauses)
    if conn.dialect.name == "sqlite":
        match = fts5_match(query)
        if match is None:
            return None
        fts = table("article_fts", column("rowid"))
        ids = select(fts.c.rowid.label("id")).where(text("article_fts MATCH :q").bindparams(q=match))
    else:
        tsq = tsquery_literal(query)
        if tsq is None:
            return None
        ids = select(_PG_FTS.c.article_id.label("id")).where(
            text("article_fts.tsv @@ CAST(:q AS tsquery)").bindparams(q=tsq))
    if not clauses:
        return ids
    sub = ids.subquery("ids")
    return select(sub.c.id).join(s.articles, s.articles.c.id == sub.c.id).where(*clauses)


def _sqlite_ranked(conn: Connection, query: str, filters: Filters, limit: int,
                   offset: int) -> tuple[list[tuple[int, float]], int]:
    match = fts5_match(query)
    if match is None:
        return [], 0
    clauses = filters.clauses()
    fts = table("article_fts", column("rowid"))
    rank = literal_column(f"bm25(article_fts, {HEADLINE_WEIGHT}, 1.0)")
    matched = (select(fts.c.rowid.label("id"), rank.label("rank"))
               .where(text("article_fts MATCH :q").bindparams(q=match)).subquery("m"))
    base = select(matched.c.id, matched.c.rank)
    if clauses:
        base = base.join(s.articles, s.articles.c.id == matched.c.id).where(*clauses)
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar() or 0
    rows = conn.execute(base.order_by(matched.c.rank, matched.c.id).limit(limit).offset(offset)).all()
    # FTS5's bm25() is negative (smaller is better); report it the usual way round
    return [(r.id, -r.rank) for r in rows], total


_PG_FTS = table("article_fts", column("article_id"), column("tsv"), column("len"))


def _postgres_ranked(conn: Connection, query: str, filters: Filters, limit: int,
                     offset: int) -> tuple[list[tuple[int, float]], int]:
    tsq = tsquery_literal(query)
    if tsq is None:
        return [], 0
    a, f = s.articles, _PG_FTS
    matched = (select(a.c.id, f.c.len, func.lower(func.coalesce(a.c.headline, "")).label("headline"),
                      func.lower(a.c.body).label("body"))
               .select_from(f.join(a, a.c.id == f.c.article_id))
               .where(text("article_fts.tsv @@ CAST(:q AS tsquery)").bindparams(q=tsq), *filters.clauses())
               .subquery("m"))
    total = conn.execute(select(func.count()).select_from(matched)).scalar() or 0
    if not total:
        return [], 0
    n_docs, avg_len = conn.execute(select(func.count(), func.coalesce(func.avg(f.c.len), 1)).select_from(f)).one()
    # BM25 summed over the terms: tf counted in the text (a headline hit counts HEADLINE_WEIGHT times),
    # idf from the size of the matched set, length normalised by the mean article length
    idf = math.log(1 + (n_docs - total + 0.5) / (total + 0.5))
    norm = K1 * (1 - B) + K1 * B * matched.c.len / float(avg_len)
    score = literal(0.0)
    for term in literal_terms(query):
        t = literal(term.lower())

        def count(col, t=t):  # type: ignore[no-untyped-def]
            return (func.length(col) - func.length(func.replace(col, t, ""))) / func.length(t)

        tf = count(matched.c.headline) * HEADLINE_WEIGHT + count(matched.c.body)
        score = score + idf * (tf * (K1 + 1)) / (tf + norm)
    rows = conn.execute(select(matched.c.id, score.label("score"))
                        .order_by(text("score DESC"), matched.c.id).limit(limit).offset(offset)).all()
    return [(r.id, float(r.score)) for r in rows], total


def make_hits(conn: Connection, ranked: list[tuple[int, float]], query: str) -> list[Hit]:
    if not ranked:
        return []
    ids = [i for i, _ in ranked]
    a, p = s.articles, s.pages
    rows = {r.id: r for r in conn.execute(
        select(a.c.id, a.c.headline, a.c.date, a.c.body, p.c.paper).join(p, p.c.id == a.c.page_id)
        .where(a.c.id.in_(ids)))}
    people: dict[int, list[str]] = {}
    for aid, name in conn.execute(select(s.mentions.c.article_id, s.mentions.c.name)
                                  .where(s.mentions.c.article_id.in_(ids)).order_by(s.mentions.c.id)):
        names = people.setdefault(aid, [])
        if name not in names:
            names.append(name)
    topics: dict[int, list[str]] = {}
    for aid, topic in conn.execute(select(s.article_topics.c.article_id, s.article_topics.c.topic)
                                   .where(s.article_topics.c.article_id.in_(ids)).order_by(s.article_topics.c.rank)):
        topics.setdefault(aid, []).append(topic)
    terms = literal_terms(query)
    return [
        Hit(aid, rows[aid].headline, rows[aid].date, rows[aid].paper or "", round(score, 4),
            snippet(rows[aid].body, terms), people.get(aid, [])[:8], topics.get(aid, []))
        for aid, score in ranked if aid in rows
    ]


def snippet(body: str, terms: list[str], width: int = 60) -> str:
    """A window of the body around the first match, HTML-escaped, every term occurrence in <mark>."""
    flat = body.replace("\n", " ")
    if not terms:
        return html.escape(flat[:width * 2])
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    m = pattern.search(flat)
    start = max(0, (m.start() if m else 0) - width // 2)
    end = min(len(flat), start + width * 2)
    window = flat[start:end]
    out, pos = [], 0
    for hit in pattern.finditer(window):
        out.append(html.escape(window[pos:hit.start()]))
        out.append(f"<mark>{html.escape(hit.group())}</mark>")
        pos = hit.end()
    out.append(html.escape(window[pos:]))
    return ("…" if start > 0 else "") + "".join(out) + ("…" if end < len(flat) else "")
