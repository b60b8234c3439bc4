"""A record's content, table by table, with row ids replaced by what the rows are (a page by its hash, an
article by page and ordinal, a person by paper and key...): two records hold the same content when these are
equal, whatever order their rows were written in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select, text

from yaowen.record import schema as s

SKIPPED = {"ingest_errors"}  # dated by the last run that met the failure
DROPPED = {"id", "ingested_at", "since"}


def _ranked(rows: list[tuple[int, Any]]) -> dict[int, tuple[Any, int]]:
    """{row id: (parent key, rank among the parent's rows by id)}."""
    out: dict[int, tuple[Any, int]] = {}
    seen: dict[Any, int] = {}
    for row_id, parent in sorted(rows):
        seen[parent] = seen.get(parent, 0) + 1
        out[row_id] = (parent, seen[parent])
    return out


def record_content(engine: Engine) -> dict[str, list[tuple]]:
    with engine.connect() as conn:
        page = dict(conn.execute(select(s.pages.c.id, s.pages.c.sha256)).all())
        article = {i: (page[p], n) for i, p, n in conn.execute(
            select(s.articles.c.id, s.articles.c.page_id, s.articles.c.ordinal))}
        person = {i: (paper, key) for i, paper, key in conn.execute(
            select(s.people.c.id, s.people.c.paper, s.people.c.key))}
        mention = _ranked([(i, article[a]) for i, a in conn.execute(select(s.mentions.c.id, s.mentions.c.article_id))])
        meeting = _ranked([(i, article[a]) for i, a in conn.execute(select(s.meetings.c.id, s.meetings.c.article_id))])
        keys = {"page_id": page, "article_id": article, "person_id": person, "mention_id": mention,
                "meeting_id": meeting}
        content: dict[str, list[tuple]] = {}
        for table in s.metadata.sorted_tables:
            if table.name in SKIPPED:
                continue
            columns = [c.name for c in table.columns if c.name not in DROPPED]
            rows = []
            for row in conn.execute(select(*[table.c[c] for c in columns])).mappings():
                rows.append(tuple((c, keys[c].get(row[c]) if c in keys and row[c] is not None else row[c])
                                  for c in columns))
            content[table.name] = sorted(rows, key=repr)
        if conn.dialect.name == "sqlite":  # contentless FTS5: which articles are indexed
            ids = conn.execute(text("SELECT rowid FROM article_fts")).scalars()
            content["article_fts"] = sorted((article.get(i) for i in ids), key=repr)
        else:
            content["article_fts"] = sorted(((article.get(i), tsv, n) for i, tsv, n in conn.execute(
                text("SELECT article_id, tsv::text, len FROM article_fts"))), key=repr)
    return content


def assert_same_content(got: Engine, want: Engine) -> None:
    a, b = record_content(got), record_content(want)
    assert a.keys() == b.keys()
    for name in a:
        assert a[name] == b[name], f"table {name} differs: {len(a[name])} rows against {len(b[name])}"
    assert a["pages"] and a["people"] and not a["pending_work"]
