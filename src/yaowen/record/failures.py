"""Failures of the machine rather than of Yaowen — a full disk, a database server gone, a record other writers
keep locked — told in one line: what failed, and what to do. What was committed before stays; rerunning the
same command completes the rest (ingest is resumable, pending work is kept in the record)."""

from __future__ import annotations

import errno
from collections.abc import Iterator

from .txn import RecordBusy

RERUN = "then rerun the same command (what was stored is kept)"


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo = [error]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [x for x in (getattr(e, "orig", None), e.__cause__, e.__context__) if isinstance(x, BaseException)]


def _reason(error: BaseException) -> str:
    """The driver's own words (SQLAlchemy's wrapper adds the statement and a link)."""
    inner = getattr(error, "orig", None) or error
    return " ".join(str(inner).split("\n")[0].split())[:160]


def operational_failure(error: BaseException, record: str | None = None, opening: bool = False) -> str | None:
    """The one line for ``error`` if it is an operational failure (None for anything else: a bug of ours).
    ``opening``: a server that cannot be reached was never "lost" (the caller says it cannot open it)."""
    where = f" {record}" if record else ""
    for e in _causes(error):
        message = str(e).lower()
        sqlstate = getattr(e, "sqlstate", None)
        module = type(e).__module__.split(".")[0]
        if isinstance(e, RecordBusy):
            return f"record{where} busy: {e}; wait for the other writers to finish, {RERUN}"
        if (isinstance(e, OSError) and e.errno == errno.ENOSPC) or "database or disk is full" in message \
                or sqlstate == "53100" or "no space left on device" in message:
            return f"disk full: cannot write to the record{where} ({_reason(e)}); free space, {RERUN}"
        if module == "sqlite3" and "disk i/o error" in message:
            return f"disk I/O error writing the record{where}: is the disk full or gone? Fix it, {RERUN}"
        if module == "sqlite3" and ("malformed" in message or "not a database" in message):
            return f"the record{where} is damaged ({_reason(e)}): run `yaowen check` on it"
        if opening:
            continue
        if module == "psycopg" and type(e).__name__ in ("OperationalError", "AdminShutdown", "InterfaceError") \
                or (sqlstate or "").startswith("08") or sqlstate in ("57P01", "57P02", "57P03"):
            return (f"lost the connection to PostgreSQL{where} ({_reason(e)}); when the server is back, {RERUN}")
    return None
