"""Load a shard (shards.py) into the record in one transaction, table by table instead of row by row.

The pages go in first, ``ON CONFLICT (sha256) DO NOTHING``: a page another writer stored first is theirs,
and none of its rows are loaded again. Only the stored pages' rows follow. Their ids are drawn in one
statement per table (PostgreSQL: that many values of the table's sequence, which concurrent writers never
share; SQLite, whose writer holds the file's write lock: after the largest id) and given in the order of the
row-by-row path; the people the rows name are made when new and their ids read, in one statement each. Then
each table's rows go straight into the record's table: ``COPY … (FORMAT BINARY)`` on PostgreSQL (the search
index's tsvector too, built by the shard: no text parsing on the server), one ``executemany`` on SQLite.
The caller runs it inside ``txn.write``, so the advisory-lock discipline, the retries and the all-or-nothing
of a batch are those of the row-by-row path, and the pending global steps are marked in the same
transaction.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from . import pending as work
from . import schema as s
from .batches import IngestReport
from .people import Rules
from .shards import COLUMNS, Shard, shard_folders
from .tokens import index_text
from .tsvector import headline_text, register_tsvector
from .txn import write

Row = tuple[Any, ...]
_COPY_TYPES = "yaowen_copy_types"
PENDING_INDEX_MB = 128  # the search index pending list a load may leave (PostgreSQL), past which it merges it

_RECORD_COLUMNS = {
    "articles": "id, page_id, ordinal, kicker, headline, subheadline, column_name, source, reporters, dateline, "
                "event_date, date, body, fragment, continued_from, continues_to, spans, raw_spans, notes, extractor",
    "article_topics": "article_id, topic, rank",
    "mentions": "id, article_id, person_id, name, titles, how, body_start, body_end, raw_start, raw_end, extractor",
    "posts": "mention_id, article_id, person_id, post, canonical, date",
    "meetings": "id, article_id, name, body, ordinal, date, body_start, body_end, raw_start, raw_end, extractor",
    "participants": "meeting_id, person_id, name, role",
    "documents": "article_id, meeting_id, title, approved, body_start, body_end, extractor",
    "figures": "article_id, text, value, unit, measure, approximate, target, body_start, body_end, raw_start, "
               "raw_end, extractor",
    "appointments": "article_id, person_id, person, post, kind, body_start, body_end, extractor",
}
_PAGE_COLUMNS = ("sha256, source, source_bytes, paper, title, url, meta, issue_date, issue_date_note, year, "
                 "media_type, encoding, script, size, raw, repairs, extractor, ingested_at")


def load_shard(conn: Connection, shard: Shard, run: str = "") -> dict[str, int]:
    """Store the shard's pages not in the record yet, with all their rows; returns {sha256: page id} of
    those it stored. Marks the people refresh, tenure dating and (PostgreSQL) the search index merge
    (pending.py) and notes the run's papers."""
    if not shard.rows["pages"]:
        return {}
    db = _backend(conn)
    db.begin()
    stored = db.insert_pages(shard.rows["pages"])
    if not stored:
        return stored
    paper = _load_rows(conn, db, shard, stored)
    work.mark_pages(conn, stored.values(), work.PEOPLE, work.TENURE)
    work.note_run(conn, run, {paper[sha] for sha in stored if paper[sha]},
                  [page_id for sha, page_id in stored.items() if not paper[sha]])
    return stored


def reload_shard(conn: Connection, shard: Shard, stored: dict[str, int]) -> None:
    """Load the rows of a shard of pages already stored, {sha256: page id} (re-extraction: their facts
    deleted first, ``write.delete_facts``; the pages' own row is the caller's to update). Marks the organs
    and (PostgreSQL) the search index merge; the other steps are the caller's."""
    db = _backend(conn)
    db.begin()
    _load_rows(conn, db, shard, stored)


def _backend(conn: Connection) -> _Postgres | _Sqlite:
    return _Postgres(conn) if conn.dialect.name == "postgresql" else _Sqlite(conn)


def _load_rows(conn: Connection, db: _Postgres | _Sqlite, shard: Shard, stored: dict[str, int]) -> dict[str, str]:
    """The stored pages' rows, table by table, and the organ names new to their papers; returns the pages'
    papers by hash."""
    paper = {r[1]: r[4] for r in shard.rows["pages"]}
    for table, rows in _record_rows(conn, shard, stored, paper, db).items():
        db.insert(table, _RECORD_COLUMNS.get(table, db.fts_columns), rows)
    work.mark_organs(conn, db.insert_organs(sorted({(r[1], r[2]) for r in shard.rows["organs"] if r[0] in stored})))
    if db.dialect == "postgresql":
        work.mark(conn, work.SEARCH_INDEX)
    return paper


def load_folder(engine: Engine, root: Path, report: IngestReport) -> set[str]:
    """Load every whole shard kept under ``root`` (``shards.ShardOutput``), one transaction each, counting
    into ``report`` the pages stored and already in the record, their articles, the rows written and the time
    spent writing; returns the runs the shards came from. Loading again stores nothing."""
    runs = set()
    for folder in shard_folders(root):
        shard = Shard.read(folder)
        run = folder.name.split("-", 1)[0]
        began = time.perf_counter()
        new = write(engine, lambda conn, shard=shard, run=run: load_shard(conn, shard, run),
                    what=f"loading the shard {folder}")
        report.writing_seconds += time.perf_counter() - began
        report.rows_written += shard.row_count(set(new))
        report.articles += sum(r[0] in new for r in shard.rows["articles"])
        report.stored += len(new)
        report.skipped += len(shard.shas) - len(new)
        runs.add(run)
    return runs


def merge_pending_index(conn: Connection) -> None:
    """The ``SEARCH_INDEX`` step: merge the entries bulk loads left in the search index's pending list into
    the index (searches read that list through, so results never depend on it; a long one slows them).
    The mark goes in the same transaction: a load that marks meanwhile waits for it and marks anew."""
    work.clear(conn, work.SEARCH_INDEX)
    if conn.dialect.name != "postgresql":
        return
    try:
        with conn.begin_nested():
            conn.execute(text("SELECT gin_clean_pending_list('ix_article_fts_tsv')"))
    except DBAPIError as e:  # only the index's owner may; autovacuum merges the list then
        if getattr(e.orig, "sqlstate", None) != "42501":
            raise


def _record_rows(conn: Connection, shard: Shard, stored: dict[str, int], paper: dict[str, str],
                 db: _Postgres | _Sqlite) -> dict[str, list[Row]]:
    """The stored pages' rows as the record's, ids and parents filled in, parents' tables first."""
    def kept(table: str) -> list[Row]:  # in the order of the row-by-row path: by page, then place on it
        return sorted((r for r in shard.rows[table] if r[0] in stored), key=lambda r: (stored[r[0]], r[1]))

    arts, mentions, meetings = kept("articles"), kept("mentions"), kept("meetings")
    article = dict(zip(((r[0], r[1]) for r in arts), db.new_ids("articles", len(arts)), strict=True))
    mention = dict(zip(((r[0], r[1]) for r in mentions), db.new_ids("mentions", len(mentions)), strict=True))
    meeting = dict(zip(((r[0], r[1]) for r in meetings), db.new_ids("meetings", len(meetings)), strict=True))
    participants = [r for r in shard.rows["participants"] if r[0] in stored]
    appointments = [r for r in shard.rows["appointments"] if r[0] in stored]

    # each person's key under the record's rules (as ``people.PersonKeys`` gives it)
    rules = {p: Rules.load(conn, p) for p in {paper[sha] for sha in stored}}
    mention_keys = [(paper[r[0]], rules[paper[r[0]]].key(r[3], json.loads(r[4]))) for r in mentions]
    participant_keys = [(paper[r[0]], rules[paper[r[0]]].key(r[2], None)) for r in participants]
    appointment_keys = [(paper[r[0]], rules[paper[r[0]]].key(r[2], [r[3]])) for r in appointments]
    person = db.person_ids(sorted({*mention_keys, *participant_keys, *appointment_keys}))
    mention_person = {(r[0], r[1]): person[k] for r, k in zip(mentions, mention_keys, strict=True)}

    fts = ([(article[r[0], r[1]], r[19], r[20]) for r in arts] if db.dialect == "postgresql" else
           [(article[r[0], r[1]], index_text(headline_text({"kicker": r[2], "headline": r[3], "subheadline": r[4]})),
             index_text(r[11])) for r in arts])
    return {
        "articles": [(article[r[0], r[1]], stored[r[0]], r[1], *r[2:19]) for r in arts],
        "article_topics": [(article[r[0], r[1]], r[2], r[3]) for r in shard.rows["article_topics"] if r[0] in stored],
        "article_fts": fts,
        "mentions": [(mention[r[0], r[1]], article[r[0], r[2]], person[k], *r[3:])
                     for r, k in zip(mentions, mention_keys, strict=True)],
        "posts": [(mention[r[0], r[1]], article[r[0], r[2]], mention_person[r[0], r[1]], r[3], r[3], r[4])
                  for r in shard.rows["posts"] if r[0] in stored],
        "meetings": [(meeting[r[0], r[1]], article[r[0], r[2]], *r[3:]) for r in meetings],
        "participants": [(meeting[r[0], r[1]], person[k], r[2], r[3])
                         for r, k in zip(participants, participant_keys, strict=True)],
        "documents": [(article[r[0], r[1]], None if r[2] is None else meeting[r[0], r[2]], *r[3:])
                      for r in shard.rows["documents"] if r[0] in stored],
        "figures": [(article[r[0], r[1]], *r[2:]) for r in shard.rows["figures"] if r[0] in stored],
        "appointments": [(article[r[0], r[1]], person[k], *r[2:])
                         for r, k in zip(appointments, appointment_keys, strict=True)],
    }


class _Postgres:
    """PostgreSQL: the pages through a staging table (ON CONFLICT needs a statement), the rest by binary COPY."""

    dialect = "postgresql"
    fts_columns = "article_id, tsv, len"

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.raw = conn.connection.driver_connection  # type: ignore[union-attr]
        # kept with the connection (the pool's), not read again for every shard
        self._types: dict[str, dict[str, int]] | None = conn.connection.info.get(_COPY_TYPES)
        if self._types is None:
            register_tsvector(self.raw)
            self._types = conn.connection.info[_COPY_TYPES] = {}

    def begin(self) -> None:
        # The search index's entries go to its pending list, merged later in one pass (``merge_pending_index``,
        # or autovacuum meanwhile), not into the index row by row: that merge was half the load's time.
        # Searches read the list through (43 MB per 1,000 pages: +30 ms a search); the limit bounds it.
        # Long values (bodies, raw pages) compressed by lz4 where the server has it: faster than pglz, and
        # here as small; readers decompress either.
        self.raw.execute(
            "SELECT set_config('gin_pending_list_limit', %s, true), set_config('default_toast_compression', "
            "CASE WHEN 'lz4' = ANY(enumvals) THEN 'lz4' ELSE setting END, true) FROM pg_settings "
            "WHERE name = 'default_toast_compression'", [f"{PENDING_INDEX_MB}MB"])

    def _column_types(self, table: str) -> dict[str, int]:
        """{column: type oid} of a table, as binary COPY must send each value in its column's exact type."""
        assert self._types is not None
        if table not in self._types:
            rows = self.raw.execute("SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass "
                                    "AND attnum > 0 AND NOT attisdropped", [table]).fetchall()
            self._types[table] = {name: int(oid) for name, oid in rows}
        return self._types[table]

    def _copy(self, table: str, columns: Sequence[str], rows: Iterable[Row]) -> None:
        types = self._column_types(table)
        with self.raw.cursor() as cursor, cursor.copy(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types([types[c] for c in columns])
            for row in rows:
                copy.write_row(row)

    def insert_pages(self, pages: list[Row]) -> dict[str, int]:
        columns = [f"{name} {_PG_TYPES.get(kind, 'timestamptz')}" for name, kind in COLUMNS["pages"]]
        self.raw.execute("DROP TABLE IF EXISTS st_pages")
        self.raw.execute(f"CREATE TEMP TABLE st_pages ({', '.join(columns)}) ON COMMIT DROP")
        self._copy("st_pages", [c for c, _ in COLUMNS["pages"]], pages)
        shard_columns = _PAGE_COLUMNS.replace("sha256", "sha")
        returned = self.raw.execute(
            f"INSERT INTO pages ({_PAGE_COLUMNS}) SELECT {shard_columns} FROM st_pages ORDER BY seq "
            "ON CONFLICT (sha256) DO NOTHING RETURNING id, sha256").fetchall()
        return {sha: page_id for page_id, sha in returned}

    def new_ids(self, table: str, n: int) -> list[int]:
        if not n:
            return []
        # nextval is never rolled back nor handed to two transactions: the ids are ours whoever else writes
        # (one array, not a row per id: reading tens of thousands of rows cost a tenth of the load)
        row = self.raw.execute("SELECT array_agg(v ORDER BY v) FROM (SELECT nextval(pg_get_serial_sequence(%s, 'id')) "
                               "AS v FROM generate_series(1, %s)) AS ids", [table, n]).fetchone()
        assert row is not None
        return list(row[0])

    def person_ids(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        if not keys:
            return {}
        papers, names = [p for p, _ in keys], [k for _, k in keys]
        # made when new, in the order of the keys (two writers making the same people take their locks in the
        # same order); another writer may have made one first: theirs stays
        self.raw.execute("INSERT INTO people (paper, name, key, mentions) SELECT k.paper, split_part(k.key, '#', 1), "
                         "k.key, 0 FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS k(paper, key, n) "
                         "ORDER BY k.n ON CONFLICT (paper, key) DO NOTHING", [papers, names])
        rows = self.raw.execute("SELECT pe.paper, pe.key, pe.id FROM people pe JOIN unnest(%s::text[], %s::text[]) "
                                "AS k(paper, key) ON pe.paper = k.paper AND pe.key = k.key", [papers, names])
        return {(paper, key): pid for paper, key, pid in rows}

    def insert(self, table: str, columns: str, rows: list[Row]) -> None:
        if rows:
            self._copy(table, columns.split(", "), rows)

    def insert_organs(self, organs: list[tuple[str, str]]) -> list[str]:
        """The full organ names new to their paper; the papers they are new to."""
        if not organs:
            return []
        return [r[0] for r in self.raw.execute(
            "INSERT INTO organs (paper, name, canonical) SELECT o.paper, o.name, o.name FROM "
            "unnest(%s::text[], %s::text[]) AS o(paper, name) ON CONFLICT (paper, name) DO NOTHING RETURNING paper",
            [[p for p, _ in organs], [n for _, n in organs]])]


class _Sqlite:
    """SQLite: its writer holds the file's write lock, so what is stored cannot change under it."""

    dialect = "sqlite"
    fts_columns = "rowid, headline, body"

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        # the text SQLAlchemy stores a DateTime as on SQLite (sqlite3 would write another)
        self.stamp = s.pages.c.ingested_at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)

    def begin(self) -> None:
        pass

    def _in(self, query: str, values: list[Any], *first: Any) -> list[Row]:
        """``query`` with its ``{marks}`` bound to ``values``, 500 at a time (after the ``first`` parameters)."""
        out: list[Row] = []
        for at in range(0, len(values), 500):
            chunk = values[at:at + 500]
            out += self.conn.exec_driver_sql(query.format(marks=", ".join("?" * len(chunk))), (*first, *chunk)).all()
        return out

    def insert_pages(self, pages: list[Row]) -> dict[str, int]:
        there = {r[0] for r in self._in("SELECT sha256 FROM pages WHERE sha256 IN ({marks})", [r[1] for r in pages])}
        new, seen = [], set(there)
        for row in sorted(pages, key=lambda r: r[0]):
            if row[1] not in seen:
                seen.add(row[1])
                new.append(row)
        if not new:
            return {}
        ids = self.new_ids("pages", len(new))
        assert self.stamp is not None
        self.conn.exec_driver_sql(f"INSERT INTO pages (id, {_PAGE_COLUMNS}) VALUES ({', '.join('?' * 19)})",
                                  [(i, *r[1:-1], self.stamp(r[-1])) for i, r in zip(ids, new, strict=True)])
        return {r[1]: i for i, r in zip(ids, new, strict=True)}

    def new_ids(self, table: str, n: int) -> list[int]:
        last = self.conn.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table}").scalar() or 0
        return list(range(last + 1, last + 1 + n))

    def person_ids(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        if not keys:
            return {}
        self.conn.exec_driver_sql("INSERT INTO people (paper, name, key, mentions) VALUES (?, ?, ?, 0) "
                                  "ON CONFLICT (paper, key) DO NOTHING",
                                  [(p, k.split("#", 1)[0], k) for p, k in keys])
        out: dict[tuple[str, str], int] = {}
        for paper in sorted({p for p, _ in keys}):
            out.update(((paper, key), pid) for key, pid in self._in(
                "SELECT key, id FROM people WHERE paper = ? AND key IN ({marks})", [k for p, k in keys if p == paper],
                paper))
        return out

    def insert(self, table: str, columns: str, rows: list[Row]) -> None:
        if rows:
            self.conn.exec_driver_sql(f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(rows[0]))})",
                                      rows)

    def insert_organs(self, organs: list[tuple[str, str]]) -> list[str]:
        there = set()
        for paper in sorted({p for p, _ in organs}):
            there |= {(paper, r[0]) for r in self._in("SELECT name FROM organs WHERE paper = ? AND name IN ({marks})",
                                                      [n for p, n in organs if p == paper], paper)}
        new = [o for o in organs if o not in there]
        if new:
            self.conn.exec_driver_sql("INSERT INTO organs (paper, name, canonical) VALUES (?, ?, ?)",
                                      [(p, n, n) for p, n in new])
        return [p for p, _ in new]


_PG_TYPES = {pa.string(): "text", pa.int64(): "bigint", pa.bool_(): "boolean", pa.float64(): "double precision",
             pa.binary(): "bytea"}
