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
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ARRAY,
    Connection,
    Integer,
    Select,
    any_,
    bindparam,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)

from . import schema as s
from .query import ParsedQuery, QueryError, parse_query

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
        out = in_period(a.c.date, self.date_from, self.date_to)
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


def in_period(date: Any, date_from: str | None, date_to: str | None) -> list[Any]:
    """Clauses keeping ``date`` (an ISO date column) within the bounds; a partial bound covers its whole
    period ('2023' to '2023' is the year: '2023-12-31', '2023-05' ends '2023-05-31')."""
    out = []
    if date_from:
        out.append(date >= date_from)
    if date_to:
        out.append(date <= {4: date_to + "-12-31", 7: date_to + "-31"}.get(len(date_to), date_to))
    return out


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


def fts5_match(query: str) -> str:
    """The FTS5 MATCH expression of a query (see ``query``); a QueryError if it cannot run."""
    return parse_query(query).fts5()


def tsquery_literal(query: str) -> str:
    return parse_query(query).tsquery()


SORTS = ("relevance", "date")


def search(conn: Connection, query: str, filters: Filters | None = None, limit: int = 20,
           offset: int = 0, sort: str = "relevance") -> SearchResult:
    """Articles matching the query and filters, best first (``sort="date"``: newest first).

    Raises ``QueryError`` for a query that cannot run (see ``query.parse_query``)."""
    filters = filters or Filters()
    parsed = parse_query(query)
    if sort not in SORTS:
        raise QueryError(f"sort {sort!r}: sort by relevance or date")
    if conn.dialect.name == "sqlite":
        ranked, total = _sqlite_ranked(conn, parsed, filters, limit, offset, sort)
    else:
        ranked, total = _postgres_ranked(conn, query, filters, limit, offset, sort)
    return SearchResult(query, total, make_hits(conn, ranked, query))


def whole_runs(parsed: ParsedQuery) -> list[Any]:
    """Clauses keeping the articles that hold each long run of the query whole (the index was asked for a
    part of it, to bound its work: ``query.MAX_PHRASE_TOKENS``)."""
    a = s.articles
    return [or_(*(col.contains(run, autoescape=True) for col in (a.c.body, a.c.headline, a.c.kicker, a.c.subheadline)))
            for run in parsed.long_runs()]


def matching_ids(conn: Connection, query: str, filters: Filters | None = None) -> Select[Any]:
    """The ids of every article the query and filters match (unranked), for facet counts and the hits
    over time. An empty query matches every article the filters allow; a QueryError if it cannot run."""
    clauses = (filters or Filters()).clauses()
    if not query.strip():
        return select(s.articles.c.id).where(*clauses)
    clauses += whole_runs(parse_query(query))
    if conn.dialect.name == "sqlite":
        fts = table("article_fts", column("rowid"))
        ids = select(fts.c.rowid.label("id")).where(text("article_fts MATCH :q").bindparams(q=fts5_match(query)))
    else:
        ids = select(_PG_FTS.c.article_id.label("id")).where(
            text("article_fts.tsv @@ CAST(:q AS tsquery)").bindparams(q=tsquery_literal(query)))
    if not clauses:
        return ids
    sub = ids.subquery("ids")
    return select(sub.c.id).join(s.articles, s.articles.c.id == sub.c.id).where(*clauses)


def latest_stored(conn: Connection, ids: Select[Any]) -> Any:
    """The matches of ``ids`` as a named set to order by id (the most recently stored first).

    On PostgreSQL a MATERIALIZED CTE: otherwise, to save sorting the matches, the planner walks the primary
    key backwards testing every article's tsvector (450 ms instead of 45 ms for a word in 8,000 articles).
    """
    if conn.dialect.name == "postgresql":
        return ids.cte("m").prefix_with("MATERIALIZED")
    return ids.subquery("m")


def any_id(ids: list[int]) -> Any:
    """PostgreSQL's ``= ANY(array)`` of ids: one bound array instead of a parameter per id."""
    return any_(bindparam("ids", ids, type_=ARRAY(Integer)))


def _sqlite_ranked(conn: Connection, parsed: ParsedQuery, filters: Filters, limit: int, offset: int,
                   sort: str) -> tuple[list[tuple[int, float]], int]:
    clauses = filters.clauses() + whole_runs(parsed)
    fts = table("article_fts", column("rowid"))
    rank = literal_column(f"bm25(article_fts, {HEADLINE_WEIGHT}, 1.0)")
    matched = (select(fts.c.rowid.label("id"), rank.label("rank"))
               .where(text("article_fts MATCH :q").bindparams(q=parsed.fts5())).subquery("m"))
    base = select(matched.c.id, matched.c.rank)
    if clauses or sort == "date":
        base = base.join(s.articles, s.articles.c.id == matched.c.id).where(*clauses)
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar() or 0
    order = ((s.articles.c.date.desc(), matched.c.id.desc()) if sort == "date" else (matched.c.rank, matched.c.id))
    rows = conn.execute(base.order_by(*order).limit(limit).offset(offset)).all()
    # FTS5's bm25() is negative (smaller is better); report it the usual way round
    return [(r.id, -r.rank) for r in rows], total


_PG_FTS = table("article_fts", column("article_id"), column("tsv"), column("len"))
# PostgreSQL's GIN index holds no term counts, so BM25 needs each article's text: it is computed for the
# most recently stored this-many matches of a query; older ones follow them, newest first, unranked. (SQLite's FTS5
# ranks every match from its index.) Reading the text of every match of a common word (发展: 44,000
# articles) would take the better part of a second.
PG_RANK_CANDIDATES = 500
_PG_STATS_TTL = 300.0
_pg_stats: dict[str, tuple[float, int, float]] = {}


def _pg_corpus_stats(conn: Connection) -> tuple[int, float]:
    """(articles, mean length in tokens) for BM25, read at most every few minutes: a full scan per query
    would cost more than the search, and a few minutes' lag after an ingest barely moves a score."""
    key = str(conn.engine.url)
    now = time.monotonic()
    hit = _pg_stats.get(key)
    if hit is None or now - hit[0] > _PG_STATS_TTL:
        f = _PG_FTS
        n, avg = conn.execute(select(func.count(), func.coalesce(func.avg(f.c.len), 1)).select_from(f)).one()
        hit = _pg_stats[key] = (now, int(n), float(avg))
    return hit[1], hit[2]


def _postgres_ranked(conn: Connection, query: str, filters: Filters, limit: int, offset: int,
                     sort: str) -> tuple[list[tuple[int, float]], int]:
    terms = [t.lower() for t in parse_query(query).literals()]
    ids = matching_ids(conn, query, filters)
    if sort == "date":
        dated = ids.subquery("d")
        a = s.articles
        total = conn.execute(select(func.count()).select_from(dated)).scalar() or 0
        rows = conn.execute(select(a.c.id).where(a.c.id.in_(select(dated.c.id)))
                            .order_by(a.c.date.desc().nulls_last(), a.c.id.desc()).limit(limit).offset(offset))
        return [(aid, 0.0) for aid in rows.scalars()], total
    matched = latest_stored(conn, ids)
    newest = matched.c.id.desc()
    # the count and the newest matches in one pass: the index answers it without reading any article's text
    rows = conn.execute(select(matched.c.id, func.count().over()).order_by(newest)
                        .limit(PG_RANK_CANDIDATES)).all()
    total = rows[0][1] if rows else 0
    if offset >= total:
        return [], total
    candidates = [r[0] for r in rows]
    if offset >= len(candidates):  # a page past the ranked matches: no text needs reading
        older = conn.execute(select(matched.c.id).order_by(newest).offset(offset).limit(limit)).scalars()
        return [(aid, 0.0) for aid in older], total
    scored = _pg_bm25(conn, candidates, terms, total)
    if offset + limit > len(scored) and total > len(scored):
        older = conn.execute(select(matched.c.id).order_by(newest).offset(len(scored))
                             .limit(offset + limit - len(scored))).scalars()
        scored.extend((aid, 0.0) for aid in older)
    return scored[offset:offset + limit], total


def _pg_bm25(conn: Connection, ids: list[int], terms: list[str], matched: int) -> list[tuple[int, float]]:
    """BM25 of each article, best first, summed over the terms: tf counted in the text (a headline hit
    counts HEADLINE_WEIGHT times), idf from the size of the matched set, length against the mean."""
    n_docs, avg_len = _pg_corpus_stats(conn)
    idf = math.log(1 + (n_docs - matched + 0.5) / (matched + 0.5))
    a, scored = s.articles, []
    for aid, headline, body, length in conn.execute(
            select(a.c.id, a.c.headline, a.c.body, _PG_FTS.c.len)
            .join(_PG_FTS, _PG_FTS.c.article_id == a.c.id).where(a.c.id == any_id(ids))):
        headline, body = (headline or "").lower(), body.lower()
        norm = K1 * (1 - B) + K1 * B * length / avg_len
        score = 0.0
        for t in terms:
            tf = headline.count(t) * HEADLINE_WEIGHT + body.count(t)
            score += idf * (tf * (K1 + 1)) / (tf + norm)
        scored.append((aid, score))
    scored.sort(key=lambda r: (-r[1], r[0]))
    return scored


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
    terms = highlight_terms(query)
    return [
        Hit(aid, rows[aid].headline, rows[aid].date, rows[aid].paper or "", round(score, 4),
            snippet(rows[aid].body, terms), people.get(aid, [])[:8], topics.get(aid, []))
        for aid, score in ranked if aid in rows
    ]


def highlight_terms(query: str) -> list[str]:
    """What to mark in snippets: the words looked for (not those left out), in simplified script."""
    if not query.strip():
        return []
    try:
        return [t.replace(" ", "") if _HAN_ONLY_RE.match(t) else t for t in parse_query(query).literals()]
    except QueryError:
        return []


_HAN_ONLY_RE = re.compile(r"^[\u3400-\u9fff ]+$")


def hits_by_month(conn: Connection, query: str, filters: Filters | None = None) -> list[dict[str, Any]]:
    """How many matching articles each month has (Media Cloud's attention over time), over every match."""
    ids = matching_ids(conn, query, filters).subquery("hits")
    a = s.articles
    month = func.substr(a.c.date, 1, 7)
    rows = conn.execute(select(month.label("month"), func.count().label("articles"))
                        .where(a.c.id.in_(select(ids.c.id)), a.c.date.is_not(None))
                        .group_by(month).order_by(month)).mappings()
    return [dict(r) for r in rows]


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
