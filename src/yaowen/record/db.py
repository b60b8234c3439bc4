"""Open a record: SQLite by default (one file), PostgreSQL for a ``postgresql://`` URL; migrate on open."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text

from .txn import MIGRATION_LOCK, sqlite_begin, writing

DEFAULT_DB = "yaowen.db"


class RecordMissing(Exception):
    """The record asked for does not exist (or is not a Yaowen record); ``str()`` says which and why."""
_MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(db: str | None = None) -> str:
    """``--db`` wins, then ``YAOWEN_DB``, then ``yaowen.db`` in the working directory."""
    target = db or os.environ.get("YAOWEN_DB") or DEFAULT_DB
    if target.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + target.split("://", 1)[1]
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser()}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # transactions are begun by ``txn.sqlite_begin`` (BEGIN IMMEDIATE for writes), not by sqlite3, whose own
    # BEGIN comes only before the first INSERT: reads ran outside it and DDL was not transactional
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    # busy_timeout first: a second process waits for the lock (even the one WAL needs on a new file), not fails;
    # WAL: readers keep reading while an ingest writes
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    # reads through a memory map and a 64 MB page cache per connection instead of read() calls into a 2 MB one
    cur.execute("PRAGMA mmap_size=1073741824")
    cur.execute("PRAGMA cache_size=-65536")
    cur.close()


def _no_memory_map(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    # a record opened to write (ingest, load-shards) maps nothing: the map's pages count in the process's memory
    # and grew with the record, while writing needs only the bounded page cache
    dbapi_conn.execute("PRAGMA mmap_size=0")


def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def open_engine(db: str | None = None, migrate: bool = True, create: bool = True) -> Engine:
    """An engine on the record, its schema brought up to date.

    ``create=False`` (what reading commands use) opens only a record that exists: a missing SQLite file, or
    a file or database without Yaowen's tables, is a ``RecordMissing`` naming it, never a new empty record
    that would answer every question with nothing. Creating never makes directories: a mistyped path
    should fail, not grow a tree.
    """
    url = database_url(db)
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        if path and path != ":memory:":
            target = Path(path)
            if not create and not target.is_file():
                raise RecordMissing(f"no record at {path}" + ("" if target.parent.is_dir() else
                                                             f" (no directory {target.parent})"))
            if not target.parent.is_dir():
                raise RecordMissing(f"cannot create the record {path}: no directory {target.parent}")
        engine = create_engine(url)
        event.listen(engine, "connect", _sqlite_pragmas)
        if create:
            event.listen(engine, "connect", _no_memory_map)
        event.listen(engine, "begin", sqlite_begin)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    if not create and not _holds_a_record(engine):
        where = engine.url.render_as_string(hide_password=True)
        engine.dispose()
        raise RecordMissing(f"{where} holds no Yaowen record (no pages table)")
    if migrate:
        upgrade(engine)
    return engine


def _holds_a_record(engine: Engine) -> bool:
    with engine.connect() as conn:
        return inspect(conn).has_table("pages")


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration (a no-op when it is there already).

    Several processes may open a new record at once: the migration runs in one transaction under a lock
    (SQLite's write lock, taken at BEGIN IMMEDIATE; a PostgreSQL advisory lock), and whoever gets it second
    finds the schema made and does nothing.
    """
    cfg = _alembic_config()
    head = ScriptDirectory.from_config(cfg).get_current_head()
    with engine.connect() as conn:
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
    with writing(engine) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        if MigrationContext.configure(conn).get_current_revision() == head:
            return
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def schema_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
