"""``yaowen check``: is the record whole? The database's own integrity check, the search index against the
articles, work left pending by an interrupted command, and people's statistics against their mentions; with
``repair``, what can be rebuilt from the record is rebuilt (the index, the pending steps, the statistics).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Engine, func, select, text

from . import pending
from . import schema as s
from .ingest import paper_for_paperless, settle
from .tsvector import headline_text
from .txn import write
from .write import fts_insert

SAMPLE = 5  # ids shown in a finding


@dataclass
class Finding:
    check: str  # integrity | search index | pending work | people
    ok: bool
    detail: str  # one line: what was found (and what to do when it cannot be repaired here)
    repaired: bool = False


def check_record(engine: Engine, repair: bool = False, workers: int = 1) -> list[Finding]:
    """One finding per check; with ``repair``, a problem counts as repaired only when checking again finds
    it gone."""
    findings = _checks(engine, repair, workers)
    if repair and not all(f.ok for f in findings):
        again = {f.check: f.ok for f in _checks(engine, False, workers)}
        for f in findings:
            f.repaired = not f.ok and again[f.check]
    return findings


def _checks(engine: Engine, repair: bool, workers: int) -> list[Finding]:
    findings = [_integrity(engine), _search_index(engine, repair), _pending(engine, repair, workers)]
    findings.append(_people(engine, repair))  # after the pending steps: a refresh among them may fix it
    return findings


def _ids(ids: list[int]) -> str:
    shown = ", ".join(map(str, ids[:SAMPLE]))
    return shown + (f" and {len(ids) - SAMPLE} more" if len(ids) > SAMPLE else "")


def _integrity(engine: Engine) -> Finding:
    with engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            return Finding("integrity", True, "PostgreSQL keeps its own files consistent (no file-level check here)")
        problems = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
        orphans = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    if problems != ["ok"]:
        return Finding("integrity", False, f"SQLite integrity check: {'; '.join(problems[:3])} — the file is "
                                           "damaged: restore a copy, or rebuild it (sqlite3 FILE .recover)")
    if orphans:
        tables = sorted({r[0] for r in orphans})
        return Finding("integrity", False, f"{len(orphans)} row(s) of {', '.join(tables)} point at rows that are "
                                           "gone — remove the pages concerned and ingest them again")
    return Finding("integrity", True, "SQLite integrity check and foreign keys: ok")


def _search_index(engine: Engine, repair: bool) -> Finding:
    with engine.connect() as conn:
        articles = set(conn.execute(select(s.articles.c.id)).scalars())
        column = "rowid" if conn.dialect.name == "sqlite" else "article_id"
        indexed = set(conn.execute(text(f"SELECT {column} FROM article_fts")).scalars())
        broken = _fts_structure_error(conn)
    missing, extra = sorted(articles - indexed), sorted(indexed - articles)
    if not (missing or extra or broken):
        return Finding("search index", True, f"{len(articles)} article(s), each indexed once")
    parts = ([f"{len(missing)} article(s) not indexed ({_ids(missing)})"] if missing else []) + \
            ([f"{len(extra)} index entries of articles that are gone ({_ids(extra)})"] if extra else []) + \
            ([f"the index is damaged ({broken})"] if broken else [])
    if repair:
        write(engine, _rebuild_fts, exclusive=True, what="rebuilding the search index")
    return Finding("search index", False, "; ".join(parts))


def _fts_structure_error(conn: Connection) -> str | None:
    if conn.dialect.name != "sqlite":
        return None
    try:
        with conn.begin_nested():
            conn.exec_driver_sql("INSERT INTO article_fts(article_fts, rank) VALUES ('integrity-check', 0)")
    except Exception as e:  # noqa: BLE001 - FTS5 says what is wrong in the error
        return " ".join(str(getattr(e, "orig", e)).split())[:200]
    return None


def _rebuild_fts(conn: Connection) -> None:
    """The index again from the articles (a contentless FTS5 table can only be emptied whole)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("INSERT INTO article_fts(article_fts) VALUES ('delete-all')")
    else:
        conn.exec_driver_sql("DELETE FROM article_fts")
    a = s.articles
    last = 0
    while True:
        rows = conn.execute(select(a.c.id, a.c.kicker, a.c.headline, a.c.subheadline, a.c.body)
                            .where(a.c.id > last).order_by(a.c.id).limit(1000)).mappings().all()
        if not rows:
            return
        fts_insert(conn, [(r["id"], headline_text(r), r["body"]) for r in rows])
        last = rows[-1]["id"]


def _pending(engine: Engine, repair: bool, workers: int) -> Finding:
    with engine.connect() as conn:
        waiting = pending.summary(conn)
    if not waiting:
        return Finding("pending work", True, "none: every command that wrote completed its global steps")
    detail = "; ".join(f"{w['kind']} ×{w['rows']} since {w['since']}" for w in waiting) + \
             " — left by an interrupted command"
    if repair:
        with engine.connect() as conn:
            runs = pending.open_runs(conn)
        for run in runs:  # an ingest never rerun: its paperless pages decided on what it stored
            write(engine, lambda conn, run=run: paper_for_paperless(conn, run), exclusive=True,
                  what="giving pages their paper")
        settle(engine, workers)
    return Finding("pending work", False, detail)


def _people(engine: Engine, repair: bool) -> Finding:
    m, a, p = s.mentions, s.articles, s.people
    with engine.connect() as conn:
        counted = {pid: (n, first, last) for pid, n, first, last in conn.execute(
            select(m.c.person_id, func.count(), func.min(a.c.date), func.max(a.c.date))
            .join(a, a.c.id == m.c.article_id).where(m.c.person_id.is_not(None)).group_by(m.c.person_id))}
        stored = {pid: (n, first, last) for pid, n, first, last in conn.execute(
            select(p.c.id, p.c.mentions, p.c.first_seen, p.c.last_seen))}
        unresolved = conn.execute(select(func.count()).select_from(m).where(m.c.person_id.is_(None))).scalar() or 0
    wrong = sorted(pid for pid, stats in stored.items() if stats != counted.get(pid, (0, None, None)))
    unknown = sorted(set(counted) - set(stored))
    if not (wrong or unknown or unresolved):
        return Finding("people", True, f"{len(stored)} people, statistics match their mentions")
    parts = ([f"{len(wrong)} people with statistics that do not match their mentions ({_ids(wrong)})"]
             if wrong else []) + ([f"{unresolved} mention(s) without a person"] if unresolved else [])
    if repair:
        write(engine, lambda conn: pending.mark(conn, pending.PEOPLE), what="asking for a people refresh")
        settle(engine)
    return Finding("people", False, "; ".join(parts) or "mentions point at missing people")
