"""Write transactions that several writers (processes or machines) can share on one record.

SQLite: a write transaction starts with ``BEGIN IMMEDIATE``, so it takes the file's write lock before it reads
anything (waiting up to the busy timeout for another writer) and can never fail half-way with "database is
locked" when it turns from reading to writing; reads start a deferred ``BEGIN`` and never block a writer.

PostgreSQL: page writes hold the writers' advisory lock shared, the global steps (people refresh, tenure
dating, rules) exclusive: a refresh then sees every committed page and no page lands while it runs.

Either way a transaction that loses a race (SQLite busy, PostgreSQL deadlock or serialization failure) is
rolled back and run again after a random, growing pause; after ``RETRIES`` it ends in ``RecordBusy``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, Table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError

T = TypeVar("T")
WRITE_OPTION = "yaowen_write"
RETRIES = 8
WRITERS_LOCK = 0x79616F77  # "yaow": the advisory lock page writes share and global steps take alone
MIGRATION_LOCK = 0x79616F6D  # "yaom": one schema migration at a time


class RecordBusy(Exception):
    """Other writers kept the record locked through every retry; ``str()`` says what was tried."""


def sqlite_begin(conn: Connection) -> None:
    """The SQLite ``begin`` hook (sqlite3's own BEGIN is switched off in ``db``)."""
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE_OPTION) else "BEGIN")


@contextmanager
def writing(engine: Engine, exclusive: bool = False) -> Iterator[Connection]:
    """One write transaction, committed at the end of the block (no retry: see ``write``)."""
    with engine.execution_options(**{WRITE_OPTION: True}).begin() as conn:
        if conn.dialect.name == "postgresql":
            lock = "pg_advisory_xact_lock" if exclusive else "pg_advisory_xact_lock_shared"
            conn.execute(text(f"SELECT {lock}(:key)"), {"key": WRITERS_LOCK})
        yield conn


def is_transient(error: BaseException) -> bool:
    """A failure that running the same transaction again can get past: a lock, a deadlock, a serialization
    conflict (never a constraint, a full disk or a lost server)."""
    orig = getattr(error, "orig", error)
    sqlstate = getattr(orig, "sqlstate", None)
    if sqlstate in ("40001", "40P01", "55P03"):  # serialization failure, deadlock detected, lock not available
        return True
    message = str(orig).lower()
    return type(orig).__name__ == "OperationalError" and (
        "database is locked" in message or "database table is locked" in message or "database is busy" in message)


def pause(attempt: int) -> float:
    """Exponential backoff with full jitter: writers that collided do not collide again in step."""
    return random.uniform(0, min(4.0, 0.05 * 2 ** attempt))


def write(engine: Engine, work: Callable[[Connection], T], exclusive: bool = False, what: str = "write") -> T:
    """Run ``work(conn)`` in a write transaction, again from the start when it loses a race. ``work`` must
    leave nothing behind outside the transaction before it returns (it may run several times)."""
    for attempt in range(RETRIES):
        try:
            with writing(engine, exclusive) as conn:
                return work(conn)
        except DBAPIError as e:
            if not is_transient(e):
                raise
            if attempt == RETRIES - 1:
                reason = " ".join(str(e.orig).split())[:200]
                raise RecordBusy(f"{what}: still locked by other writers after {RETRIES} tries ({reason})") from e
            time.sleep(pause(attempt))
    raise AssertionError("unreachable")


def insert_new(conn: Connection, table: Table, rows: list[dict[str, Any]] | dict[str, Any],
               unique: list[str]) -> int | None:
    """INSERT … ON CONFLICT (unique) DO NOTHING: rows another writer stored first are left as they are.
    For one row (a dict) returns its new id, or None when it was there already."""
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)
    statement = insert.on_conflict_do_nothing(index_elements=unique)
    if isinstance(rows, dict):
        return conn.execute(statement.values(rows).returning(table.c.id)).scalar()
    if rows:
        conn.execute(statement, rows)
    return None
