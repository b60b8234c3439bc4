#!/usr/bin/env python3
"""The writer's speed: rows/s of the bulk path (shards: COPY on PostgreSQL, executemany on SQLite) against
page-by-page inserts, on the same extracted records; the record's size per 1,000 pages; and what the global
steps after a load cost, alone and on top of a larger archive.

    python bench/bench_bulk_load.py [--corpus DIR] [--pages 1000] [--batch N] [--pg URL] [--archive 20000]
                                    [--archive-only] [--backends postgresql,sqlite]

The pages are the first ``--pages`` page files of a corpus made by ``bench/make_corpus.py`` (default
``bench/.corpus-bulk``, generated when missing, no huge pages). They are extracted once (local engine, 2
workers); every load then writes the same records, so the figures are the writer's, not the extractor's.
Each load goes into a fresh record, ``--batch`` pages per transaction (default: as many as ``yaowen ingest``
writes at most, ``ingest.batch_pages``: 500 for a PostgreSQL bulk load, 50 otherwise):

- ``rows``: ``write.insert_page`` page by page (the path before shards), one executemany per table per page;
- ``bulk``: a ``shards.Shard`` per batch, loaded by ``bulk.load_shard``; the time includes building the rows.

rows/s counts every row stored (pages, articles, facts, people, organs, the search index). PostgreSQL is a
private server started here (``tests/pgserver.py``, fsync off as in the tests) unless ``--pg`` names one;
its size is ``pg_database_size`` less that of an empty record, after the load and once settled (a bulk
load leaves its search index entries in the GIN pending list; the global steps merge them, timed apart
as "the search index merge"). With ``--archive N`` the records are copied
under other hashes into an N-page record (bulk path), settled, and then ``--pages`` more are added and
settled: the global steps' cost on the archive against their cost on an empty record. Prints the figures
and the command line; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pgserver import PostgresServer  # noqa: E402
from sqlalchemy import Engine, func, select, text  # noqa: E402

from yaowen.batch.local import LocalEngine  # noqa: E402
from yaowen.read.inputs import PageInput, iter_inputs  # noqa: E402
from yaowen.record import Record  # noqa: E402
from yaowen.record import schema as s  # noqa: E402
from yaowen.record.bulk import load_shard, merge_pending_index  # noqa: E402
from yaowen.record.ingest import batch_pages, extraction, settle, store_rows  # noqa: E402
from yaowen.record.shards import Shard  # noqa: E402
from yaowen.record.txn import write  # noqa: E402

MB_PER_PAGE = 0.0082  # make_corpus.py without huge pages (see bench_ingest_memory.py)
Batch = list[tuple[PageInput, dict[str, Any]]]


def corpus(folder: Path, pages: int) -> list[str]:
    if not folder.is_dir() or len([p for p in folder.iterdir() if not p.name.startswith("_")]) < pages:
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(folder), "--size-mb",
                        f"{pages * MB_PER_PAGE * 1.1:.1f}", "--huge-mb", ""], check=True, stdout=subprocess.DEVNULL)
    return sorted(str(p) for p in folder.iterdir() if not p.name.startswith("_"))[:pages]


# each page's search index values (PostgreSQL tsvectors) by page hash, worked out by the extraction workers
# as in ``ingest``: building a shard takes them from here, as ``ingest`` takes them from the engine
INDEXED: dict[str, list[bytes] | None] = {}


def extract(paths: list[str]) -> list[tuple[PageInput, dict[str, Any]]]:
    with LocalEngine(2) as engine:
        done = [o for o in engine.outcomes(iter_inputs(paths), extraction())
                if o.item is not None and o.record is not None]
    INDEXED.update((o.record["page_id"], o.tsvectors) for o in done if o.record is not None)
    return [(o.item, o.record) for o in done if o.item is not None and o.record is not None]


def copies(pages: list[tuple[PageInput, dict[str, Any]]], n: int) -> list[tuple[PageInput, dict[str, Any]]]:
    """``n`` pages from the extracted ones; a copy's bytes end in line breaks of its own (so it has its own
    hash, and re-deriving it finds it), its rows are the original's."""
    out = []
    for i in range(n):
        item, record = pages[i % len(pages)]
        if i >= len(pages):
            raw = item.raw + b"\n" * (i // len(pages))
            item = PageInput(f"{item.source}#{i}", raw, item.stem, item.media_type, item.container, item.year_hint)
            INDEXED[hashlib.sha256(raw).hexdigest()] = INDEXED.get(record["page_id"])
            record = record | {"page_id": hashlib.sha256(raw).hexdigest()}
        out.append((item, record))
    return out


def shards(pages: list[tuple[PageInput, dict[str, Any]]], batch: int) -> list[Shard]:
    out = []
    for at in range(0, len(pages), batch):
        shard = Shard()
        for item, record in pages[at:at + batch]:
            shard.add_page(record, item.raw, item.source, record.get("paper") or "", None, INDEXED.get(record["page_id"]))
        out.append(shard)
    return out


def load(engine: Engine, pages: list[tuple[PageInput, dict[str, Any]]], batch: int | None,
         how: str) -> tuple[float, float]:
    """(seconds building the rows, seconds writing them) for ``pages``, ``batch`` per transaction (None: as
    ingest), by ``how`` (rows: page by page, built as they are written; bulk: shards built first, then loaded)."""
    batch = batch or batch_pages(engine, how == "rows")
    started = time.perf_counter()
    if how == "rows":
        for at in range(0, len(pages), batch):
            part = pages[at:at + batch]
            papers = [r.get("paper") or "" for _, r in part]
            write(engine, lambda conn, part=part, papers=papers: store_rows(conn, part, papers, "bench"))
        return 0.0, time.perf_counter() - started
    started = time.perf_counter()
    built = shards(pages, batch)
    building = time.perf_counter() - started
    started = time.perf_counter()
    for shard in built:
        write(engine, lambda conn, shard=shard: load_shard(conn, shard, "bench"))
    return building, time.perf_counter() - started


def rows(engine: Engine) -> int:
    with engine.connect() as conn:
        n = sum(conn.execute(select(func.count()).select_from(t)).scalar() or 0 for t in s.metadata.sorted_tables)
        return n + (conn.execute(text("SELECT count(*) FROM article_fts")).scalar() or 0)


def size(rec: Record, path: str | None) -> int:
    if path:
        with sqlite3.connect(path) as c:
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return os.path.getsize(path)
    with rec.engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0


def timed(what: Callable[[], Any]) -> float:
    started = time.perf_counter()
    what()
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT / "bench" / ".corpus-bulk"))
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--batch", type=int, help="pages a transaction (default: as yaowen ingest)")
    ap.add_argument("--pg", help="postgresql:// URL of a server to create databases on (default: a private one)")
    ap.add_argument("--archive", type=int, default=0, help="also measure adding --pages to an N-page record")
    ap.add_argument("--archive-only", action="store_true", help="only that (not the loads compared)")
    ap.add_argument("--backends", default="postgresql,sqlite", help="the records measured, in this order")
    args = ap.parse_args()
    server = None
    if args.pg:
        def new_db() -> str:
            return args.pg
    else:
        server = PostgresServer()
        server.start()
        new_db = server.new_database
    tmp = Path(tempfile.mkdtemp(prefix="yaowen-bulk-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a bench stopped with kill stops its server too
    try:
        paths = corpus(Path(args.corpus), args.pages)
        started = time.perf_counter()
        pages = extract(paths)
        print(f"extracted {len(pages)} pages in {time.perf_counter() - started:.1f} s (not counted below)")
        figures: dict[tuple[str, str], tuple[int, float, int]] = {}
        backends = args.backends.split(",")
        for backend in () if args.archive_only else backends:
            for how in ("rows", "bulk"):
                path = str(tmp / f"{how}.db") if backend == "sqlite" else None
                rec = Record.open(path or new_db())
                empty = size(rec, path)
                building, secs = load(rec.engine, pages, args.batch, how)
                n = rows(rec.engine)
                figures[backend, how] = (n, building + secs, size(rec, path) - empty)
                # the search index's merge (the load's pending entries, PostgreSQL) timed apart from the rest
                merge = timed(lambda rec=rec: write(rec.engine, merge_pending_index))
                steps = timed(lambda rec=rec: settle(rec.engine))
                settled = size(rec, path) - empty
                rec.close()
                built = f"rows built in {building:.2f} s, then " if building else ""
                merged = f"the search index merge {merge:.1f} s, " if merge > 0.05 else ""
                print(f"{backend:10s} {how:4s}, {args.batch or batch_pages(rec.engine, how == 'rows')} pages a "
                      f"transaction: {n:,} rows, {built}written in {secs:.2f} s = {n / secs:,.0f} rows/s "
                      f"({n / (building + secs):,.0f} rows/s, {len(pages) / (building + secs):,.0f} pages/s all "
                      f"told); {figures[backend, how][2] / len(pages) * 1000 / 1e6:.1f} MB per 1,000 pages "
                      f"({settled / len(pages) * 1000 / 1e6:.1f} settled); then {merged}the global steps {steps:.1f} s")
            (n, a, _), (_, b, _) = figures[backend, "rows"], figures[backend, "bulk"]
            print(f"{backend:10s} bulk (rows built and written) is {a / b:.1f}x page-by-page")
        if args.archive:
            for backend in backends:
                path = str(tmp / "archive.db") if backend == "sqlite" else None
                rec = Record.open(path or new_db())
                load(rec.engine, copies(pages, args.archive), 500, "bulk")
                base = timed(lambda rec=rec: settle(rec.engine))
                more = copies(pages, args.archive + len(pages))[args.archive:]
                add = sum(load(rec.engine, more, args.batch, "bulk"))
                steps = timed(lambda rec=rec: settle(rec.engine))
                rec.close()
                print(f"{backend:10s} archive of {args.archive:,} pages: global steps {base:.1f} s; adding "
                      f"{len(more):,} pages: load {add:.1f} s, global steps {steps:.1f} s")
    finally:
        if server is not None:
            server.stop()
    print("command:", shlex.join([Path(sys.executable).name, *sys.argv]))


if __name__ == "__main__":
    main()
