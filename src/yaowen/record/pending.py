"""Pending work: the global steps a write calls for, recorded in the record by the write's own transaction.

Storing pages changes who is who (a people refresh) and may date pages that print no year (tenure dating);
giving stored pages a paper calls for re-deriving their facts. Each write marks what it calls for in
``pending_work`` as it commits, and each step clears its mark in the transaction that does it, so a process
killed between the two leaves the mark, and the next command that writes (or ``yaowen check --repair``)
completes the step: the record never keeps stale people statistics for good.

An ingest also notes, per *run* (its sources and paper, so the same command run again is the same run), the
papers of the pages it stored and the pages it stored without one: when the run completes, pages that print
no paper, ingested with pages that all print the same one, are given it (see ``ingest``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Select, delete, func, select

from . import schema as s
from .txn import insert_new

PEOPLE = "people"  # re-resolve people and recount their statistics (people.refresh_people)
TENURE = "tenure"  # date pages without a year from officials' tenures (tenure.years_by_tenure)
REDERIVE = "rederive"  # re-derive one page's facts from its stored bytes (with a year hint from tenure)
PAPERLESS = "paperless"  # a page a run stored without a paper
RUN_PAPER = "run_paper"  # a paper a run stored pages of
ORGANS = "organs"  # a paper whose full organ names grew: every post of it to re-canonicalize with the people
SEARCH_INDEX = "search_index"  # merge the entries a bulk load left pending into the search index (bulk.py)
GLOBAL_STEPS = (PEOPLE, TENURE, SEARCH_INDEX)

_w = s.pending_work


def _now() -> datetime:
    return datetime.now(UTC)


def mark(conn: Connection, *kinds: str) -> None:
    """Call for global steps (marking one already pending changes nothing)."""
    insert_new(conn, _w, [{"kind": k, "run": "", "page_id": 0, "paper": "", "since": _now()} for k in kinds],
               ["kind", "run", "page_id", "paper"])


def mark_pages(conn: Connection, page_ids: Iterable[int], *kinds: str) -> None:
    """Call for global steps on what these pages (just stored or re-derived) change, not the whole record."""
    insert_new(conn, _w, [{"kind": k, "run": "", "page_id": i, "paper": "", "since": _now()}
                          for k in kinds for i in sorted(set(page_ids))], ["kind", "run", "page_id", "paper"])


def mark_organs(conn: Connection, papers: Iterable[str]) -> None:
    insert_new(conn, _w, [{"kind": ORGANS, "run": "", "page_id": 0, "paper": p, "since": _now()}
                          for p in sorted(set(papers))], ["kind", "run", "page_id", "paper"])


def whole(conn: Connection, kind: str) -> bool:
    """Whether the step is called for over the whole record (``mark``), not only for some pages."""
    return conn.execute(select(_w.c.id).where(_w.c.kind == kind, _w.c.run == "", _w.c.page_id == 0)
                        .limit(1)).first() is not None


def marked_pages(kind: str) -> Select[Any]:
    """A query of the pages the step is called for on (``mark_pages``)."""
    return select(_w.c.page_id).where(_w.c.kind == kind, _w.c.run == "", _w.c.page_id != 0)


def organ_papers(conn: Connection) -> set[str]:
    return set(conn.execute(select(_w.c.paper).where(_w.c.kind == ORGANS)).scalars())


def clear(conn: Connection, kind: str) -> None:
    conn.execute(delete(_w).where(_w.c.kind == kind, _w.c.run == ""))


def marked(conn: Connection) -> set[str]:
    return set(conn.execute(select(_w.c.kind).where(_w.c.kind.in_(GLOBAL_STEPS))).scalars())


def mark_rederive(conn: Connection, page_ids: Iterable[int], hints: dict[int, tuple[int, str]] | None = None) -> None:
    """Call for re-deriving pages (a year hint replaces an earlier call's)."""
    ids = sorted(set(page_ids))
    hints = hints or {}
    for at in range(0, len(ids), 500):
        conn.execute(delete(_w).where(_w.c.kind == REDERIVE, _w.c.page_id.in_(ids[at:at + 500])))
    insert_new(conn, _w, [{"kind": REDERIVE, "run": "", "page_id": i, "paper": "", "since": _now(),
                           "year": hints[i][0] if i in hints else None, "why": hints[i][1] if i in hints else None}
                          for i in ids], ["kind", "run", "page_id", "paper"])


def rederive_todo(conn: Connection, page_ids: list[int] | None = None) -> dict[int, tuple[int, str] | None]:
    """{page id: year hint or None} of the pages waiting to be re-derived (or of those of ``page_ids``)."""
    query = select(_w.c.page_id, _w.c.year, _w.c.why).where(_w.c.kind == REDERIVE).order_by(_w.c.page_id)
    if page_ids is None:
        rows = list(conn.execute(query))
    else:
        rows = [r for at in range(0, len(page_ids), 500)
                for r in conn.execute(query.where(_w.c.page_id.in_(page_ids[at:at + 500])))]
    return {pid: (year, why or "") if year is not None else None for pid, year, why in rows}


def rederived(conn: Connection, page_ids: list[int]) -> None:
    for at in range(0, len(page_ids), 500):
        conn.execute(delete(_w).where(_w.c.kind == REDERIVE, _w.c.page_id.in_(page_ids[at:at + 500])))


# ---- runs: an ingest's sources, resumed by the same command --------------------------------------------

def run_key(sources: Iterable[str], paper: str | None) -> str:
    """The same sources (as absolute paths) and paper are the same run, whatever the working directory."""
    named = sorted(os.path.abspath(x) if not x.startswith(("http://", "https://")) else x for x in sources)
    return hashlib.sha256(json.dumps([named, paper or ""], ensure_ascii=False).encode()).hexdigest()


def note_run(conn: Connection, run: str, papers: set[str], paperless: list[int]) -> None:
    """What a batch of the run stored: the papers of its pages, the pages stored without one."""
    insert_new(conn, _w, [{"kind": RUN_PAPER, "run": run, "page_id": 0, "paper": p, "since": _now()}
                          for p in sorted(papers)], ["kind", "run", "page_id", "paper"])
    insert_new(conn, _w, [{"kind": PAPERLESS, "run": run, "page_id": i, "paper": "", "since": _now()}
                          for i in sorted(paperless)], ["kind", "run", "page_id", "paper"])


def take_run(conn: Connection, run: str) -> tuple[set[str], list[int]]:
    """The run's papers and paperless pages, forgotten (call when the run has read all its sources)."""
    rows = conn.execute(select(_w.c.kind, _w.c.paper, _w.c.page_id).where(_w.c.run == run)).all()
    conn.execute(delete(_w).where(_w.c.run == run))
    return ({p for k, p, _ in rows if k == RUN_PAPER}, sorted(i for k, _, i in rows if k == PAPERLESS))


def open_runs(conn: Connection) -> list[str]:
    return list(conn.execute(select(_w.c.run).where(_w.c.run != "").distinct().order_by(_w.c.run)).scalars())


def summary(conn: Connection) -> list[dict[str, Any]]:
    """What is pending, by kind: how many rows and since when (for ``yaowen check``)."""
    rows = conn.execute(select(_w.c.kind, func.count(), func.min(_w.c.since)).group_by(_w.c.kind)
                        .order_by(_w.c.kind)).all()
    return [{"kind": k, "rows": n, "since": str(since)[:19]} for k, n, since in rows]
