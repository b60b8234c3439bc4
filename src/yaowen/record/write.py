"""Write one page's extraction (the JSON record of ``yaowen.output.page_record``) into the record.

All rows of a page go in through the caller's transaction, so a page is either wholly stored or not at all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text

from ..extract.documents import find_documents
from ..sources import name_bytes, shown
from . import schema as s
from .organs import record_organs
from .people import PersonKeys
from .tokens import index_text
from .tsvector import headline_text, tsvector_literal
from .txn import insert_new


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def insert_page(conn: Connection, record: dict[str, Any], raw: bytes, source: str, paper: str | None,
                keys: PersonKeys | None = None, container: str | None = None) -> int | None:
    """Store a page and everything derived from it; returns the page's row id, or None when another writer
    stored the same bytes first (a concurrent ingest: the page is theirs, nothing is written twice).

    ``keys`` (person ids by name for this paper) may be shared across the pages of one ingest.
    """
    page_id = insert_new(
        conn, s.pages, dict(
            sha256=record["page_id"], source=shown(source), source_bytes=name_bytes(source), paper=paper or "", title=record.get("title"),
            url=record.get("url"), meta=container, issue_date=record.get("issue_date"),
            issue_date_note=record.get("issue_date_note"), year=page_year(record), media_type=record.get("media_type"),
            encoding=record.get("encoding"), script=record.get("script"), size=len(raw), raw=raw,
            repairs=_json(record.get("repairs", [])), extractor=record["extractor"], ingested_at=datetime.now(UTC),
        ), ["sha256"])
    if page_id is None:
        return None
    insert_facts(conn, page_id, record, paper or "", keys)
    record_organs(conn, paper or "", [a["body"] for a in record["articles"]])
    return page_id


def page_year(record: dict[str, Any]) -> int | None:
    date = record.get("issue_date")
    return int(date[:4]) if date else record.get("year")


def delete_facts(conn: Connection, page_ids: list[int]) -> None:
    """Remove pages' articles and facts (for re-extraction), a table at a time; the pages and their raw
    bytes stay."""
    for at in range(0, len(page_ids), 500):
        ids = conn.execute(select(s.articles.c.id).where(s.articles.c.page_id.in_(page_ids[at:at + 500]))
                           .order_by(s.articles.c.id)).scalars().all()
        for first in range(0, len(ids), 500):
            _delete_articles(conn, ids[first:first + 500])


def _delete_articles(conn: Connection, ids: Sequence[int]) -> None:
    if not ids:
        return
    _fts_delete(conn, ids)
    for table in (s.posts, s.mentions, s.documents, s.figures, s.appointments, s.article_topics):
        conn.execute(delete(table).where(table.c.article_id.in_(ids)))
    meeting_ids = select(s.meetings.c.id).where(s.meetings.c.article_id.in_(ids))
    conn.execute(delete(s.participants).where(s.participants.c.meeting_id.in_(meeting_ids)))
    conn.execute(delete(s.meetings).where(s.meetings.c.article_id.in_(ids)))
    conn.execute(delete(s.articles).where(s.articles.c.id.in_(ids)))


def _insert_returning_ids(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> list[int]:
    """One round trip for many rows, their new ids in the order given (both backends support RETURNING)."""
    if not rows:
        return []
    result = conn.execute(insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)
    return list(result.scalars())


def _spans(fact: dict[str, Any], key: str) -> list[Any]:
    return fact.get(key) or [None, None]


def _named_people(record: dict[str, Any]) -> Iterator[tuple[str, list[str] | None]]:
    """Each name the record's facts give, with the titles its person is keyed by."""
    for m in record.get("mentions", []):
        yield m["name"], m["titles"]
    for mt in record.get("meetings", []):
        for name in (*mt.get("chairs", []), *mt.get("attendees", [])):
            yield name, None
    for ap in record.get("appointments", []):
        yield ap["person"], [ap["post"]]


def insert_facts(conn: Connection, page_id: int, record: dict[str, Any], paper: str,
                 keys: PersonKeys | None = None) -> None:
    version = record["extractor"]
    issue = record.get("issue_date")
    keys = keys or PersonKeys.for_connection(conn, paper)
    keys.prefetch(keys.rules.key(name, titles) for name, titles in _named_people(record))
    arts = record["articles"]
    article_ids = _insert_returning_ids(conn, s.articles, [
        {"page_id": page_id, "ordinal": n, "kicker": a.get("kicker"), "headline": a.get("headline"),
         "subheadline": a.get("subheadline"), "column_name": a.get("column"), "source": a.get("source"),
         "reporters": _json(a.get("reporters", [])), "dateline": a.get("dateline"),
         "event_date": a.get("event_date"), "date": a.get("event_date") or issue, "body": a["body"],
         "fragment": bool(a.get("fragment")), "continued_from": a.get("continued_from"),
         "continues_to": a.get("continues_to"), "spans": _json(a.get("spans", [])),
         "raw_spans": _json(a.get("raw_spans", [])), "notes": _json(a.get("notes", [])), "extractor": version}
        for n, a in enumerate(arts, 1)
    ])
    ids = {a["id"]: aid for a, aid in zip(arts, article_ids, strict=True)}
    dates = {a["id"]: a.get("event_date") or issue for a in arts}
    topic_rows = [{"article_id": ids[a["id"]], "topic": t, "rank": r}
                  for a in arts for r, t in enumerate(dict.fromkeys(a.get("topics") or []), 1)]
    if topic_rows:
        conn.execute(insert(s.article_topics), topic_rows)
    fts_insert(conn, [(ids[a["id"]], headline_text(a), a["body"]) for a in arts])

    mentions = record.get("mentions", [])
    person_ids = [keys.person_id(m["name"], m["titles"]) for m in mentions]
    mention_ids = _insert_returning_ids(conn, s.mentions, [
        {"article_id": ids[m["article"]], "person_id": pid, "name": m["name"], "titles": _json(m["titles"]),
         "how": m.get("how"), "body_start": _spans(m, "body_span")[0], "body_end": _spans(m, "body_span")[1],
         "raw_start": _spans(m, "raw_span")[0], "raw_end": _spans(m, "raw_span")[1], "extractor": version}
        for m, pid in zip(mentions, person_ids, strict=True)
    ])
    post_rows = [
        {"mention_id": mid, "article_id": ids[m["article"]], "person_id": pid, "post": t, "canonical": t,
         "date": dates[m["article"]]}
        for m, pid, mid in zip(mentions, person_ids, mention_ids, strict=True) for t in dict.fromkeys(m["titles"])
    ]
    if post_rows:
        conn.execute(insert(s.posts), post_rows)

    meetings = record.get("meetings", [])
    meeting_ids = _insert_returning_ids(conn, s.meetings, [
        {"article_id": ids[mt["article"]], "name": mt.get("name"), "body": mt.get("body"),
         "ordinal": mt.get("ordinal"), "date": mt.get("date"), "body_start": _spans(mt, "body_span")[0],
         "body_end": _spans(mt, "body_span")[1], "raw_start": _spans(mt, "raw_span")[0],
         "raw_end": _spans(mt, "raw_span")[1], "extractor": version}
        for mt in meetings
    ])
    participant_rows = []
    approved_by: dict[tuple[str, str], int] = {}
    for mt, meeting_id in zip(meetings, meeting_ids, strict=True):
        chairs = list(dict.fromkeys(mt.get("chairs", [])))
        participant_rows += [{"meeting_id": meeting_id, "person_id": keys.person_id(n, None), "name": n,
                              "role": "chair"} for n in chairs]
        participant_rows += [{"meeting_id": meeting_id, "person_id": keys.person_id(n, None), "name": n,
                              "role": "attendee"} for n in dict.fromkeys(mt.get("attendees", [])) if n not in chairs]
        for title in mt.get("approved", []):
            approved_by.setdefault((mt["article"], title), meeting_id)
    if participant_rows:
        conn.execute(insert(s.participants), participant_rows)

    doc_rows = []
    for a in arts:
        seen: set[str] = set()
        for doc in find_documents(a["body"]):
            if doc.title in seen:
                continue
            seen.add(doc.title)
            meeting_id = approved_by.get((a["id"], doc.title))
            doc_rows.append({"article_id": ids[a["id"]], "meeting_id": meeting_id, "title": doc.title,
                             "approved": meeting_id is not None, "body_start": doc.start, "body_end": doc.end,
                             "extractor": version})
    if doc_rows:
        conn.execute(insert(s.documents), doc_rows)

    fig_rows = [
        {"article_id": ids[f["article"]], "text": f["text"], "value": f["value"], "unit": f["unit"],
         "measure": f.get("measure"), "approximate": bool(f.get("approximate")), "target": bool(f.get("target")),
         "body_start": _spans(f, "body_span")[0], "body_end": _spans(f, "body_span")[1],
         "raw_start": _spans(f, "raw_span")[0], "raw_end": _spans(f, "raw_span")[1], "extractor": version}
        for f in record.get("figures", [])
    ]
    if fig_rows:
        conn.execute(insert(s.figures), fig_rows)

    app_rows = [
        {"article_id": ids[ap["article"]], "person_id": keys.person_id(ap["person"], [ap["post"]]),
         "person": ap["person"], "post": ap["post"], "kind": ap["kind"], "body_start": _spans(ap, "body_span")[0],
         "body_end": _spans(ap, "body_span")[1], "extractor": version}
        for ap in record.get("appointments", [])
    ]
    if app_rows:
        conn.execute(insert(s.appointments), app_rows)


# ---- the full-text index: FTS5 on SQLite, tsvector on PostgreSQL ----------------------------------------

def fts_insert(conn: Connection, docs: list[tuple[int, str, str]]) -> None:
    """Index (article id, headline, body) documents."""
    if not docs:
        return
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO article_fts(rowid, headline, body) VALUES (:id, :h, :b)"),
                     [{"id": i, "h": index_text(h), "b": index_text(b)} for i, h, b in docs])
    else:
        conn.execute(text("INSERT INTO article_fts(article_id, tsv, len) VALUES (:id, CAST(:tsv AS tsvector), :len)"),
                     [{"id": i, "tsv": tsvector_literal(h, b), "len": len(h) + len(b)} for i, h, b in docs])


def _fts_delete(conn: Connection, ids: Sequence[int]) -> None:
    if conn.dialect.name != "sqlite":
        conn.execute(text("DELETE FROM article_fts WHERE article_id = ANY(:ids)"), {"ids": list(ids)})
        return
    # a contentless FTS5 table forgets a row only when told the exact tokens it indexed
    rows = conn.execute(select(s.articles.c.id, s.articles.c.kicker, s.articles.c.headline,
                               s.articles.c.subheadline, s.articles.c.body).where(s.articles.c.id.in_(ids)))
    for r in rows.mappings().all():
        conn.execute(
            text("INSERT INTO article_fts(article_fts, rowid, headline, body) VALUES ('delete', :id, :h, :b)"),
            {"id": r["id"], "h": index_text(headline_text(r)), "b": index_text(r["body"])},
        )
