#!/usr/bin/env python3
"""Record benchmark: ingest throughput into SQLite and PostgreSQL, database size, search latency.

    python bench/bench_record.py [--corpus bench/.corpus] [--pages N] [--workers 2] [--backends sqlite,postgresql]
                                 [--queries 200] [--single-core-pages 500]

The corpus is made by ``bench/make_corpus.py`` (pages generated from the seed pages with varied names,
dates and noise, plus the CCTV items as pages); for the 100,000-article database run it with
``--size-mb 300`` first. PostgreSQL is a private server started from Debian's binaries (tests/pgserver.py),
or ``--pg-url``. Search latency: queries of 1, 2 and 4 characters drawn from the stored text, each run
through ``Record.search(q, limit=20)`` (ranked, with snippets), after one warm-up pass over the query set;
then the pathological queries (66 × 市 and the like), best and worst of three runs each.
Prints the figures and the command line; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select, text

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from yaowen.record import Record  # noqa: E402
from yaowen.record import schema as s  # noqa: E402

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{4,}")


def corpus_pages(corpus: Path, limit: int | None) -> list[str]:
    pages = sorted(str(p) for p in corpus.iterdir() if p.suffix in (".txt", ".html") and not p.name.startswith(
        ("huge_", "_")))
    return pages[:limit] if limit else pages


def db_size(rec: Record, path: Path | None) -> int:
    if rec.backend == "sqlite":
        assert path is not None
        return sum(f.stat().st_size for f in path.parent.glob(path.name + "*"))
    with rec.engine.connect() as conn:
        return conn.execute(text("SELECT pg_database_size(current_database())")).scalar() or 0


def draw_queries(rec: Record, n: int, seed: int = 0) -> dict[int, list[str]]:
    """Words of 1, 2 and 4 characters as they occur in stored headlines and bodies."""
    rng = random.Random(seed)
    with rec.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(s.articles)).scalar() or 0
        ids = [rng.randint(1, total) for _ in range(n * 3)]
        bodies = conn.execute(select(s.articles.c.body).where(s.articles.c.id.in_(ids))).scalars().all()
    runs = [r for b in bodies for r in _HAN_RUN.findall(b)]
    out = {}
    for length in (1, 2, 4):
        words = []
        while len(words) < n:
            run = rng.choice(runs)
            at = rng.randrange(0, len(run) - length + 1)
            words.append(run[at:at + length])
        out[length] = words
    return out


def latency(rec: Record, queries: dict[int, list[str]]) -> dict[str, dict[str, float]]:
    for words in queries.values():  # warm-up: the OS cache and SQLite's page cache hold the index
        for q in words:
            rec.search(q, limit=20)
    result = {}
    for length, words in queries.items():
        times, hits = [], []
        for q in words:
            t0 = time.perf_counter()
            r = rec.search(q, limit=20)
            times.append((time.perf_counter() - t0) * 1000)
            hits.append(r.total)
        times.sort()
        result[f"{length}-char"] = {
            "p50_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(len(times) * 0.95) - 1], 2),
            "max_ms": round(times[-1], 2), "median_hits": statistics.median(hits),
        }
    return result


PATHOLOGICAL = {  # queries made to be expensive (issue 13): each must stay well under half a second
    "66 x 市": "市" * 66,
    "32 x 市 as words": " ".join(["市"] * 32),
    "城市市场 x 20": "城市市场" * 20,
    "66 x 市 OR 城市": "市" * 66 + " OR 城市",
    "a pasted paragraph": "全市各级各部门要坚决贯彻落实市委市政府决策部署推进城市更新和市场监管工作" * 2,
}


def pathological(rec: Record, rounds: int = 3) -> dict[str, dict[str, float]]:
    """Best and worst of ``rounds`` runs of each pathological query (search with snippets, and the hits by
    month the search page draws), in ms."""
    out = {}
    for label, q in PATHOLOGICAL.items():
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            total = rec.search(q, limit=20).total
            rec.hits_by_month(q)
            times.append((time.perf_counter() - t0) * 1000)
        out[label] = {"best_ms": round(min(times), 1), "worst_ms": round(max(times), 1), "hits": total}
    return out


def run_backend(name: str, url: str, path: Path | None, pages: list[str], workers: int, single: int,
                n_queries: int) -> dict:
    out: dict = {"backend": name}
    if single:
        one = Record.open(url if name != "sqlite" else str(path.with_name("single.db")))  # type: ignore[union-attr]
        rep = one.ingest(pages[:single], workers=1)
        out["single_core_pages_per_s"] = round(rep.stored / rep.seconds, 1)
        one.close()
        if name != "sqlite":  # start the big run on an empty database
            with one.engine.begin() as conn:
                conn.execute(text("TRUNCATE pages, people, organs, person_rules, ingest_errors, article_fts CASCADE"))
    rec = Record.open(url)
    rep = rec.ingest(pages, workers=workers)
    out |= {"pages": rep.stored, "failed": rep.failed, "articles": rec.stats()["articles"],
            "seconds": round(rep.seconds, 1), "pages_per_s": round(rep.stored / rep.seconds, 1),
            "pages_per_s_per_core": round(rep.stored / rep.seconds / workers, 1)}
    size = db_size(rec, path)
    out["db_mb"] = round(size / 2**20, 1)
    out["mb_per_1000_pages"] = round(size / 2**20 / max(rep.stored, 1) * 1000, 2)
    out["search"] = latency(rec, draw_queries(rec, n_queries))
    out["pathological"] = pathological(rec)
    rec.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default=str(ROOT / "bench" / ".corpus"))
    ap.add_argument("--pages", type=int, default=None, help="use the first N pages (default: all)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--pg-url", default=None, help="an existing PostgreSQL database instead of a private server")
    ap.add_argument("--queries", type=int, default=200, help="queries per length")
    ap.add_argument("--single-core-pages", type=int, default=500, help="pages for the one-worker ingest figure")
    ap.add_argument("--search-only", metavar="DB", default=None,
                    help="only measure search on this existing record (SQLite file or postgresql:// URL)")
    args = ap.parse_args()
    if args.search_only:
        rec = Record.open(args.search_only)
        print(f"$ python {shlex.join(sys.argv)}")
        print(json.dumps({"articles": rec.stats()["articles"],
                          "search": latency(rec, draw_queries(rec, args.queries)),
                          "pathological": pathological(rec)}, ensure_ascii=False, indent=1))
        rec.close()
        return
    pages = corpus_pages(Path(args.corpus), args.pages)
    print(f"$ python {shlex.join(sys.argv)}\n{len(pages)} pages from {args.corpus}, {args.workers} worker(s)")
    results = []
    work = Path(tempfile.mkdtemp(prefix="yaowen-bench-"))
    for backend in args.backends.split(","):
        if backend == "sqlite":
            path = work / "bench.db"
            results.append(run_backend("sqlite", str(path), path, pages, args.workers, args.single_core_pages,
                                       args.queries))
        else:
            server = None
            url = args.pg_url
            if url is None:
                from pgserver import PostgresServer

                server = PostgresServer()
                server.start()
                url = server.new_database()
            try:
                results.append(run_backend("postgresql", url, None, pages, args.workers, args.single_core_pages,
                                           args.queries))
            finally:
                if server:
                    server.stop()
        print(json.dumps(results[-1], ensure_ascii=False, indent=1))
    (ROOT / "bench" / ".record-results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print("\n| backend | pages | articles | pages/s | pages/s/core | 1-worker pages/s | MB/1000 pages | "
          "search p50/p95 ms (1 / 2 / 4 chars) |\n|---|---|---|---|---|---|---|---|")
    for r in results:
        lat = " / ".join(f"{r['search'][k]['p50_ms']}/{r['search'][k]['p95_ms']}" for k in ("1-char", "2-char", "4-char"))
        print(f"| {r['backend']} | {r['pages']} | {r['articles']} | {r['pages_per_s']} | {r['pages_per_s_per_core']} | "
              f"{r.get('single_core_pages_per_s', '-')} | {r['mb_per_1000_pages']} | {lat} |")


if __name__ == "__main__":
    main()
