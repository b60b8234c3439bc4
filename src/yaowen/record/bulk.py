"""Load a shard (shards.py) into the record in one transaction, set-wise instead of row by row.

The shard's rows go into temporary staging tables (PostgreSQL: ``COPY`` through psycopg; SQLite: one
``executemany`` per table), then into the record's tables with one ``INSERT … SELECT`` per table: the pages
with ``ON CONFLICT (sha256) DO NOTHING`` (a page another writer stored first is theirs, and none of its
rows are loaded again), row ids assigned in SQL (a sequence on PostgreSQL; on SQLite, whose writer holds the
file's write lock, after the largest id), parents found by content hash and place on the page. The caller
runs it inside ``txn.write``, so the advisory-lock discipline, the retries and the all-or-nothing of a
batch are those of the row-by-row path, and the pending global steps are marked in the same transaction.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
from sqlalchemy import Connection, Engine, text

from . import pending as work
from . import schema as s
from .people import Rules
from .shards import COLUMNS, Shard, shard_folders
from .tokens import index_text
from .txn import write
from .write import _headline_text

_PG_TYPES = {pa.string(): "text", pa.int64(): "bigint", pa.bool_(): "boolean", pa.float64(): "double precision",
             pa.binary(): "bytea"}
# columns the loader adds to the shard's: person keys (rules of the record it loads into), the search index
_KEYED = {"mentions": "name", "participants": "name", "appointments": "person"}
_DERIVED = {"mentions": ["person_key", "person_name"], "participants": ["person_key", "person_name"],
            "appointments": ["person_key", "person_name"]}
_FTS = {"postgresql": [], "sqlite": [("fts_headline", "text"), ("fts_body", "text")]}


def load_shard(conn: Connection, shard: Shard, run: str = "") -> dict[str, int]:
    """Store the shard's pages not in the record yet, with all their rows; returns {sha256: page id} of
    those it stored. Marks the people refresh and tenure dating (pending.py) and notes the run's papers."""
    if not shard.rows["pages"]:
        return {}
    dialect = conn.dialect.name
    staged = _staged(conn, shard, dialect)
    for table, rows in staged.items():
        _stage(conn, table, _columns(table, dialect), rows, dialect)
    returned = conn.execute(text(_INSERT_PAGES.format(where=_WHERE[dialect]))).all()
    stored = {sha: page_id for page_id, sha in returned}
    if stored:
        conn.execute(text("CREATE TEMP TABLE k_pages (sha text, id bigint)" + _ON_COMMIT[dialect]))
        conn.execute(text("INSERT INTO k_pages (sha, id) VALUES (:sha, :id)"),
                     [{"sha": sha, "id": page_id} for sha, page_id in stored.items()])
        for statement in _statements(dialect):
            conn.execute(text(statement))
        work.mark_organs(conn, conn.execute(text(_INSERT_ORGANS.format(where=_WHERE[dialect]))).scalars())
        papers = {r[1]: r[4] for r in shard.rows["pages"]}
        work.mark_pages(conn, stored.values(), work.PEOPLE, work.TENURE)
        work.note_run(conn, run, {papers[sha] for sha in stored if papers[sha]},
                      [page_id for sha, page_id in stored.items() if not papers[sha]])
    if dialect == "sqlite":  # SQLite's temporary tables outlive the transaction
        for table in [*staged, "k_pages", *_KEY_TABLES]:
            conn.execute(text(f"DROP TABLE IF EXISTS temp.{_staging(table)}"))
    return stored


def load_folder(engine: Engine, root: Path) -> tuple[int, int, set[str]]:
    """Load every whole shard kept under ``root`` (``shards.ShardOutput``), one transaction each: (pages
    stored, pages already in the record, the runs the shards came from). Loading again stores nothing."""
    stored = skipped = 0
    runs = set()
    for folder in shard_folders(root):
        shard = Shard.read(folder)
        run = folder.name.split("-", 1)[0]
        new = write(engine, lambda conn, shard=shard, run=run: load_shard(conn, shard, run),
                    what=f"loading the shard {folder}")
        stored, skipped = stored + len(new), skipped + len(shard.shas) - len(new)
        runs.add(run)
    return stored, skipped, runs


def _staging(table: str) -> str:
    return table if table.startswith("k_") else f"st_{table}"


def _columns(table: str, dialect: str) -> list[tuple[str, str]]:
    cols = [(name, _PG_TYPES.get(kind, "timestamptz")) for name, kind in COLUMNS[table]]
    cols += [(name, "text") for name in _DERIVED.get(table, [])]
    return cols + (_FTS[dialect] if table == "articles" else [])


def _staged(conn: Connection, shard: Shard, dialect: str) -> dict[str, list[tuple[Any, ...]]]:
    """The shard's rows with the loader's columns added: each person's key under the record's rules (as
    ``people.PersonKeys`` gives it) and the text the search index takes of each article."""
    paper = {r[1]: r[4] for r in shard.rows["pages"]}
    rules = {p: Rules.load(conn, p) for p in set(paper.values())}
    out = dict(shard.rows)
    if dialect == "sqlite":  # the text SQLAlchemy stores a DateTime as on SQLite (sqlite3 would write another)
        stamp = s.pages.c.ingested_at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
        assert stamp is not None
        out["pages"] = [(*r[:-1], stamp(r[-1])) for r in shard.rows["pages"]]
    for table, name_col in _KEYED.items():
        names = [c for c, _ in COLUMNS[table]]
        at, titles_at = names.index(name_col), names.index("titles") if "titles" in names else None
        post_at = names.index("post") if table == "appointments" else None
        keyed = []
        for row in shard.rows[table]:
            titles = (json.loads(row[titles_at]) if titles_at is not None else
                      [row[post_at]] if post_at is not None else None)
            key = rules[paper[row[0]]].key(row[at], titles)
            keyed.append((*row, key, key.split("#", 1)[0]))
        out[table] = keyed
    if dialect == "sqlite":  # FTS5 takes the tokens as text (PostgreSQL's tsvector is in the shard)
        names = [c for c, _ in COLUMNS["articles"]]
        kicker, headline, sub, body = (names.index(c) for c in ("kicker", "headline", "subheadline", "body"))
        out["articles"] = [
            (*row, index_text(_headline_text({"kicker": row[kicker], "headline": row[headline],
                                              "subheadline": row[sub]})), index_text(row[body]))
            for row in shard.rows["articles"]]
    return out


def _stage(conn: Connection, table: str, columns: list[tuple[str, str]], rows: list[tuple[Any, ...]],
           dialect: str) -> None:
    name = _staging(table)
    conn.execute(text(f"DROP TABLE IF EXISTS {'temp.' if dialect == 'sqlite' else ''}{name}"))
    conn.execute(text(f"CREATE TEMP TABLE {name} ({', '.join(f'{c} {t}' for c, t in columns)})"
                      + _ON_COMMIT[dialect]))
    if not rows:
        return
    if dialect == "postgresql":
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {name} ({', '.join(c for c, _ in columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        conn.exec_driver_sql(f"INSERT INTO {name} VALUES ({', '.join('?' * len(columns))})", rows)


_ON_COMMIT = {"postgresql": " ON COMMIT DROP", "sqlite": ""}
_WHERE = {"postgresql": "", "sqlite": "WHERE true"}  # SQLite parses ON CONFLICT after a SELECT only past a WHERE
# a staging row's place in its freshly filled table: rows whose ids the database assigns go in in the record's
# order (the order of a meeting's documents and attendees is what listings show), as a row-by-row ingest does
_ROW_ORDER = {"postgresql": "ctid", "sqlite": "rowid"}

_PAGE_COLUMNS = ("source, source_bytes, paper, title, url, meta, issue_date, issue_date_note, year, media_type, "
                 "encoding, script, size, raw, repairs, extractor, ingested_at")
_INSERT_PAGES = (f"INSERT INTO pages (sha256, {_PAGE_COLUMNS}) SELECT sha, {_PAGE_COLUMNS} FROM st_pages "
                 "{where} ORDER BY seq ON CONFLICT (sha256) DO NOTHING RETURNING id, sha256")

# the new rows of a parent table, their ids drawn in the order of the row-by-row path: (table, columns,
# select, order)
_KEYS = [
    ("articles", "sha, article, page_id",
     "SELECT a.sha, a.article, kp.id AS page_id FROM st_articles a JOIN k_pages kp ON kp.sha = a.sha",
     "page_id, article"),
    ("mentions", "sha, mention, page_id, article_id, person_id",
     "SELECT m.sha, m.mention, kp.id AS page_id, ka.id AS article_id, pe.id AS person_id FROM st_mentions m "
     "JOIN k_pages kp ON kp.sha = m.sha JOIN k_articles ka ON ka.sha = m.sha AND ka.article = m.article "
     "JOIN st_pages sp ON sp.sha = m.sha JOIN people pe ON pe.paper = sp.paper AND pe.key = m.person_key",
     "page_id, mention"),
    ("meetings", "sha, meeting, page_id, article_id",
     "SELECT mt.sha, mt.meeting, kp.id AS page_id, ka.id AS article_id FROM st_meetings mt "
     "JOIN k_pages kp ON kp.sha = mt.sha JOIN k_articles ka ON ka.sha = mt.sha AND ka.article = mt.article",
     "page_id, meeting"),
]
_KEY_TABLES = [f"k_{table}" for table, *_ in _KEYS]


def _keys_statement(table: str, columns: str, select: str, order: str, dialect: str) -> str:
    if dialect == "postgresql":
        new_id = f"nextval(pg_get_serial_sequence('{table}', 'id'))"
        return (f"CREATE TEMP TABLE k_{table} ON COMMIT DROP AS SELECT {new_id} AS id, {columns} "
                f"FROM ({select} ORDER BY {order}) x")
    return (f"CREATE TEMP TABLE k_{table} AS SELECT (SELECT coalesce(max(id), 0) FROM {table}) + row_number() "
            f"OVER (ORDER BY {order}) AS id, {columns} FROM ({select}) x")


def _statements(dialect: str) -> list[str]:
    """The INSERT … SELECTs that move the staged rows of the pages just stored into the record."""
    where, row = _WHERE[dialect], _ROW_ORDER[dialect]
    person = "JOIN st_pages sp ON sp.sha = {t}.sha JOIN people pe ON pe.paper = sp.paper AND pe.key = {t}.person_key"
    article = "JOIN k_articles ka ON ka.sha = {t}.sha AND ka.article = {t}.article"
    fts = ("INSERT INTO article_fts (article_id, tsv, len) SELECT ka.id, CAST(a.tsv AS tsvector), a.len "
           if dialect == "postgresql" else
           "INSERT INTO article_fts (rowid, headline, body) SELECT ka.id, a.fts_headline, a.fts_body ")
    return [
        _keys_statement(*_KEYS[0], dialect),
        "INSERT INTO articles (id, page_id, ordinal, kicker, headline, subheadline, column_name, source, reporters, "
        "dateline, event_date, date, body, fragment, continued_from, continues_to, spans, raw_spans, notes, "
        "extractor) SELECT ka.id, ka.page_id, a.article, a.kicker, a.headline, a.subheadline, a.column_name, "
        "a.source, a.reporters, a.dateline, a.event_date, a.date, a.body, a.fragment, a.continued_from, "
        "a.continues_to, a.spans, a.raw_spans, a.notes, a.extractor FROM st_articles a "
        f"{article.format(t='a')} ORDER BY ka.id",
        "INSERT INTO article_topics (article_id, topic, rank) SELECT ka.id, t.topic, t.rank "
        f"FROM st_article_topics t {article.format(t='t')} ORDER BY t.{row}",
        fts + f"FROM st_articles a {article.format(t='a')}",
        # every person the new rows name, made when new (another writer may make the same one: theirs stays)
        "INSERT INTO people (paper, name, key, mentions) SELECT DISTINCT sp.paper, x.person_name, x.person_key, 0 "
        "FROM (SELECT sha, person_key, person_name FROM st_mentions UNION SELECT sha, person_key, person_name "
        "FROM st_participants UNION SELECT sha, person_key, person_name FROM st_appointments) x "
        f"JOIN k_pages kp ON kp.sha = x.sha JOIN st_pages sp ON sp.sha = x.sha {where} "
        "ON CONFLICT (paper, key) DO NOTHING",
        _keys_statement(*_KEYS[1], dialect),
        "INSERT INTO mentions (id, article_id, person_id, name, titles, how, body_start, body_end, raw_start, "
        "raw_end, extractor) SELECT km.id, km.article_id, km.person_id, m.name, m.titles, m.how, m.body_start, "
        "m.body_end, m.raw_start, m.raw_end, m.extractor FROM st_mentions m "
        "JOIN k_mentions km ON km.sha = m.sha AND km.mention = m.mention ORDER BY km.id",
        "INSERT INTO posts (mention_id, article_id, person_id, post, canonical, date) SELECT km.id, km.article_id, "
        "km.person_id, p.post, p.post, p.date FROM st_posts p "
        f"JOIN k_mentions km ON km.sha = p.sha AND km.mention = p.mention ORDER BY p.{row}",
        _keys_statement(*_KEYS[2], dialect),
        "INSERT INTO meetings (id, article_id, name, body, ordinal, date, body_start, body_end, raw_start, raw_end, "
        "extractor) SELECT kt.id, kt.article_id, mt.name, mt.body, mt.ordinal, mt.date, mt.body_start, "
        "mt.body_end, mt.raw_start, mt.raw_end, mt.extractor FROM st_meetings mt "
        "JOIN k_meetings kt ON kt.sha = mt.sha AND kt.meeting = mt.meeting ORDER BY kt.id",
        "INSERT INTO participants (meeting_id, person_id, name, role) SELECT kt.id, pe.id, pa.name, pa.role "
        "FROM st_participants pa JOIN k_meetings kt ON kt.sha = pa.sha AND kt.meeting = pa.meeting "
        f"{person.format(t='pa')} ORDER BY pa.{row}",
        "INSERT INTO documents (article_id, meeting_id, title, approved, body_start, body_end, extractor) "
        "SELECT ka.id, kt.id, d.title, d.approved, d.body_start, d.body_end, d.extractor FROM st_documents d "
        f"{article.format(t='d')} LEFT JOIN k_meetings kt ON kt.sha = d.sha AND kt.meeting = d.meeting "
        f"ORDER BY d.{row}",
        "INSERT INTO figures (article_id, text, value, unit, measure, approximate, target, body_start, body_end, "
        "raw_start, raw_end, extractor) SELECT ka.id, f.text, f.value, f.unit, f.measure, f.approximate, "
        "f.target, f.body_start, f.body_end, f.raw_start, f.raw_end, f.extractor FROM st_figures f "
        f"{article.format(t='f')} ORDER BY f.{row}",
        "INSERT INTO appointments (article_id, person_id, person, post, kind, body_start, body_end, extractor) "
        "SELECT ka.id, pe.id, ap.person, ap.post, ap.kind, ap.body_start, ap.body_end, ap.extractor "
        f"FROM st_appointments ap {article.format(t='ap')} {person.format(t='ap')} ORDER BY ap.{row}",
    ]


# the full organ names new to their paper; the papers they are new to come back (their posts to re-canonicalize)
_INSERT_ORGANS = ("INSERT INTO organs (paper, name, canonical) SELECT DISTINCT o.paper, o.name, o.name "
                  "FROM st_organs o JOIN k_pages kp ON kp.sha = o.sha {where} ON CONFLICT (paper, name) DO NOTHING "
                  "RETURNING paper")
