#!/usr/bin/env python3
"""Re-extraction's speed: pages/s of ``reextract`` over a whole record, on SQLite and PostgreSQL.

    python bench/bench_reextract.py [--corpus DIR] [--pages 1000] [--workers 2] [--pg URL]

The record is the first ``--pages`` page files of a corpus made by ``bench/make_corpus.py`` (default
``bench/.corpus-bulk``, as ``bench_bulk_load.py`` makes it), ingested into a fresh record of each backend
(PostgreSQL: a private server, ``tests/pgserver.py``, fsync off as in the tests, unless ``--pg`` names one).
Every page is then marked as extracted by an older version, and ``reextract`` (what ``yaowen reextract``
runs: extraction by a local engine of ``--workers`` processes, the writes, then the global steps) re-derives
them all. Prints pages/s of the whole command, the seconds of its writing transactions, the record's rows
before and after (the same counts: the extractor is the same), and the command line; nothing here asserts a
time.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_bulk_load import corpus, rows  # noqa: E402
from pgserver import PostgresServer  # noqa: E402

from yaowen.batch.local import LocalEngine  # noqa: E402
from yaowen.record import Record  # noqa: E402
from yaowen.record import schema as s  # noqa: E402
from yaowen.record.ingest import ingest_sources, reextract  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT / "bench" / ".corpus-bulk"))
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--pg", help="postgresql:// URL of a server to create databases on (default: a private one)")
    ap.add_argument("--backends", default="sqlite,postgresql")
    args = ap.parse_args()
    server = None
    tmp = Path(tempfile.mkdtemp(prefix="yaowen-reextract-"))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a bench stopped with kill stops its server too
    try:
        paths = corpus(Path(args.corpus), args.pages)
        for backend in args.backends.split(","):
            if backend == "postgresql" and not args.pg:
                server = PostgresServer()
                server.start()
            url = str(tmp / "record.db") if backend == "sqlite" else args.pg or server.new_database()
            rec = Record.open(url)
            with LocalEngine(args.workers) as pages:
                ingested = ingest_sources(rec.engine, paths, pages=pages)
                before = rows(rec.engine)
                with rec.engine.begin() as conn:
                    conn.execute(s.pages.update().values(extractor="yaowen 0.0.0"))
                started = time.perf_counter()
                report = reextract(rec.engine, pages=pages)
                secs = time.perf_counter() - started
            after = rows(rec.engine)
            rec.close()
            writing = f", its writing {report.writing_seconds:.1f} s" if report.writing_seconds else ""
            print(f"{backend:10s}: {ingested.stored} pages ingested ({before:,} rows); reextract of all: "
                  f"{report.stored} pages in {secs:.1f} s = {report.stored / secs:.1f} pages/s{writing} "
                  f"({after:,} rows after); load average {os.getloadavg()[0]:.1f}")
    finally:
        if server is not None:
            server.stop()
    print("command:", shlex.join([Path(sys.executable).name, *sys.argv]))


if __name__ == "__main__":
    main()
