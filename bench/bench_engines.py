#!/usr/bin/env python3
"""Extraction speed of the local and the Ray engine on the same pages, with 1 and 2 workers.

    python bench/bench_engines.py [--corpus DIR] [--pages 400] [--workers 1,2] [--engines local,ray]

The pages are the first ``--pages`` page files (by name) of a corpus made by ``bench/make_corpus.py``
(default ``bench/.corpus-mem-2000``, built by ``bench/bench_ingest_memory.py``). Each engine maps the
record's extraction (read, clean, segment, facts, JSON record: what ``ingest`` asks of it) over them through
``PageEngine.outcomes``, the seam every command uses; nothing is written, so the figure is the engine's.
Before timing, each engine is started and warmed on ``--warm`` pages (Ray's start, its workers' imports and
the pool's fork are not counted). pages/s per core = pages/s / workers. The Ray engine sends pages in batches
(``--batch-pages``, ``--batch-bytes``: the engine's defaults). Prints the figures, the issue's two ratios (Ray
on 2 workers vs Ray on 1, target >= 1.7; Ray per core vs local per core, target >= 0.85) and the command
line; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from yaowen.batch import Extraction, PageEngine  # noqa: E402
from yaowen.batch.local import LocalEngine  # noqa: E402
from yaowen.batch.ray_engine import BATCH_BYTES, BATCH_PAGES, RayEngine  # noqa: E402
from yaowen.read.inputs import iter_inputs  # noqa: E402

EXTRACTION = Extraction(printed_paper=True)  # what ingest asks of each page


def run(engine: PageEngine, workers: int, paths: list[str], warm: list[str]) -> tuple[float, int, int]:
    """(seconds, pages done, pages failed) for ``paths`` after warming the engine on ``warm``."""
    with engine:
        batch_pages = getattr(engine, "batch_pages", 1)
        if isinstance(engine, RayEngine):
            engine.batch_pages = 1  # warm one page a task, so every worker gets some (and imports Yaowen)
        for _ in engine.outcomes(iter_inputs(warm * workers), EXTRACTION):
            pass
        if isinstance(engine, RayEngine):
            engine.batch_pages = batch_pages
        started = time.perf_counter()
        done = failed = 0
        for outcome in engine.outcomes(iter_inputs(paths), EXTRACTION):
            done += outcome.record is not None
            failed += outcome.record is None
        return time.perf_counter() - started, done, failed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default=str(ROOT / "bench" / ".corpus-mem-2000"))
    ap.add_argument("--pages", type=int, default=400)
    ap.add_argument("--warm", type=int, default=4, help="pages per worker run before timing")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--batch-pages", type=int, default=BATCH_PAGES, help="Ray: pages a task at most")
    ap.add_argument("--batch-bytes", type=int, default=BATCH_BYTES, help="Ray: page bytes a task at most")
    args = ap.parse_args()
    files = sorted(str(p) for p in Path(args.corpus).iterdir() if p.suffix in (".txt", ".html"))
    if len(files) < args.pages + args.warm:
        sys.exit(f"{args.corpus}: {len(files)} pages, fewer than --pages {args.pages} + --warm {args.warm}")
    warm, paths = files[-args.warm:], files[:args.pages]
    size = sum(os.path.getsize(p) for p in paths)

    print(f"command: python {shlex.join(sys.argv)}")
    print(f"machine: {os.cpu_count()} cores, {platform.processor() or platform.machine()}, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start")
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(f"revision: {rev.stdout.strip()}; corpus: {len(paths)} pages, {size / 1e6:.1f} MB from {args.corpus}")
    print(f"{'engine':>7} {'workers':>7} {'seconds':>8} {'pages/s':>8} {'per core':>9} {'failed':>7}")
    per_core: dict[tuple[str, int], float] = {}
    for name in args.engines.split(","):
        for workers in (int(w) for w in args.workers.split(",")):
            engine = (LocalEngine(workers) if name == "local" else
                      RayEngine(workers, batch_pages=args.batch_pages, batch_bytes=args.batch_bytes))
            seconds, done, failed = run(engine, workers, paths, warm)
            rate = (done + failed) / seconds
            per_core[name, workers] = rate / workers
            print(f"{name:>7} {workers:>7} {seconds:>8.1f} {rate:>8.1f} {rate / workers:>9.1f} {failed:>7}", flush=True)
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    for name in ("local", "ray"):
        if (name, 1) in per_core and (name, 2) in per_core:
            print(f"{name} on 2 workers / on 1: {2 * per_core[name, 2] / per_core[name, 1]:.2f}x"
                  + (" (target >= 1.7)" if name == "ray" else ""))
    for workers in sorted({w for _, w in per_core}):
        if ("local", workers) in per_core and ("ray", workers) in per_core:
            print(f"ray per core / local per core, {workers} worker(s): "
                  f"{per_core['ray', workers] / per_core['local', workers]:.2f} (target >= 0.85)")


if __name__ == "__main__":
    main()
