#!/usr/bin/env python3
"""Throughput of read + clean + segment over a corpus of pages: MB/s and pages/s per core, time per stage,
peak memory, errors.

    python bench/bench_throughput.py [CORPUS_DIR] [--fractions 0.1,1] [--workers N] [--json PATH] [--no-pin]

CORPUS_DIR defaults to bench/.corpus (build it with bench/make_corpus.py). Every measurement runs in a fresh
child process, so each peak RSS (getrusage ru_maxrss) belongs to that run alone: the 10% and the 100% runs
print their own peaks, which shows whether memory grows with the corpus or only with the largest page.
The single-process runs are pinned to one core (os.sched_setaffinity) so that "per core" means one core.
With --workers N a pool of N processes, each pinned to its own core, runs the full corpus to show scaling.
The subsets are stratified: the first fraction of each kind of page (seed_, cctv_, huge_ ...), so a 10%
run has the same mix, huge pages included, as the whole corpus.

This script prints figures; it asserts nothing about them. MB means 10^6 bytes of page files as stored.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import resource
import shlex
import subprocess
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE_SUFFIXES = {".txt", ".html", ".htm", ".pdf"}
STAGES = ("read", "clean", "segment")


# ---- corpus -------------------------------------------------------------------------------------------------
def list_pages(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES)


def kind_of(path: Path) -> str:
    return path.name.split("_", 1)[0] if "_" in path.name else "other"


def select(pages: list[Path], fraction: float) -> list[Path]:
    """The first ``fraction`` of each kind, in name order: deterministic and with the corpus's mix."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for p in pages:
        groups[kind_of(p)].append(p)
    out: list[Path] = []
    for kind in sorted(groups):
        g = groups[kind]
        out += g[: max(1, math.ceil(len(g) * fraction))] if fraction < 1 else g
    return out


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """ru_maxrss is KiB on Linux and bytes on macOS."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1 << 20) if sys.platform == "darwin" else rss / 1024


# ---- the measured work (runs in child processes) ---------------------------------------------------------------
_PIPELINE: tuple[Any, Any, Any] | None = None


def _pipeline() -> tuple[Any, Any, Any]:
    global _PIPELINE
    if _PIPELINE is None:
        from yaowen.clean import clean_page
        from yaowen.read import read_path
        from yaowen.segment import segment_page

        _PIPELINE = (read_path, clean_page, segment_page)
    return _PIPELINE


def process_one(path: str) -> tuple[int, int, list[float], str | None, str | None]:
    """(bytes, chars, [read s, clean s, segment s], failed stage, error) for one page."""
    read_path, clean_page, segment_page = _pipeline()
    times = [0.0, 0.0, 0.0]
    size, chars, stage = os.path.getsize(path), 0, "read"
    try:
        t0 = time.perf_counter()
        page = read_path(path)
        t1 = time.perf_counter()
        times[0] = t1 - t0
        chars = len(page.text)
        stage = "clean"
        clean = clean_page(page)
        t2 = time.perf_counter()
        times[1] = t2 - t1
        stage = "segment"
        segment_page(page, clean)
        times[2] = time.perf_counter() - t2
    except Exception as e:  # a page that fails is counted, and the run goes on, as in a real batch
        return size, chars, times, stage, f"{type(e).__name__}: {e}"
    return size, chars, times, None, None


class Tally:
    def __init__(self) -> None:
        self.pages = self.bytes = self.chars = 0
        self.stage = [0.0, 0.0, 0.0]
        self.per_page: list[tuple[float, str]] = []
        self.errors: dict[str, int] = defaultdict(int)
        self.first_errors: list[str] = []
        self.largest = (0, "")

    def add(self, path: str, result: tuple[int, int, list[float], str | None, str | None]) -> None:
        size, chars, times, stage, err = result
        self.pages += 1
        self.bytes += size
        self.chars += chars
        for i, t in enumerate(times):
            self.stage[i] += t
        self.per_page.append((sum(times), path))
        self.largest = max(self.largest, (size, path))
        if stage is not None:
            self.errors[stage] += 1
            if len(self.first_errors) < 5:
                self.first_errors.append(f"{os.path.basename(path)} [{stage}] {err}")

    def summary(self) -> dict[str, Any]:
        ts = sorted(t for t, _ in self.per_page) or [0.0]
        slowest = max(self.per_page, default=(0.0, ""))
        return {
            "pages": self.pages,
            "bytes": self.bytes,
            "chars": self.chars,
            "stage_s": dict(zip(STAGES, self.stage, strict=True)),
            "page_ms": {
                "p50": 1e3 * ts[len(ts) // 2],
                "p95": 1e3 * ts[int(len(ts) * 0.95)],
                "max": 1e3 * ts[-1],
            },
            "slowest": os.path.basename(slowest[1]),
            "largest": [self.largest[0], os.path.basename(self.largest[1])],
            "errors": dict(self.errors),
            "first_errors": self.first_errors,
        }


def child_single(paths: list[str], cpu: int | None) -> dict[str, Any]:
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    t_imp = time.perf_counter()
    _pipeline()
    import_s = time.perf_counter() - t_imp
    # one-time costs (converter tables, regex compiles) are paid on a small page outside the timing
    warm = min(paths, key=os.path.getsize)
    process_one(warm)
    baseline = peak_rss_mb()
    tally = Tally()
    cpu0, t0 = time.process_time(), time.perf_counter()
    for p in paths:
        tally.add(p, process_one(p))
    wall, cpu_s = time.perf_counter() - t0, time.process_time() - cpu0
    return {
        **tally.summary(),
        "wall_s": wall,
        "cpu_s": cpu_s,
        "import_s": import_s,
        "cpu": cpu,
        "baseline_rss_mb": baseline,
        "peak_rss_mb": peak_rss_mb(),
        "warmup": os.path.basename(warm),
    }


def _init_worker(counter: Any, cpus: list[int] | None) -> None:
    with counter.get_lock():
        k = counter.value
        counter.value += 1
    if cpus:
        os.sched_setaffinity(0, {cpus[k % len(cpus)]})
    _pipeline()


def _work(path: str) -> tuple[str, tuple[int, int, list[float], str | None, str | None]]:
    return path, process_one(path)


def child_pool(paths: list[str], workers: int, cpus: list[int] | None) -> dict[str, Any]:
    import multiprocessing as mp

    counter = mp.Value("i", 0)
    tally = Tally()
    with mp.Pool(workers, initializer=_init_worker, initargs=(counter, cpus)) as pool:
        pool.map(_work, [min(paths, key=os.path.getsize)] * workers)  # start and warm every worker
        t0 = time.perf_counter()
        # big pages first, so one huge page does not run alone at the end and hide the scaling
        order = sorted(paths, key=os.path.getsize, reverse=True)
        for path, res in pool.imap_unordered(_work, order, chunksize=4):
            tally.add(path, res)
        wall = time.perf_counter() - t0
        pool.close()
        pool.join()
    return {
        **tally.summary(),
        "wall_s": wall,
        "workers": workers,
        "cpus": cpus,
        "peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
    }


# ---- the parent: runs children, prints the report --------------------------------------------------------------
def run_child(corpus: Path, fraction: float, extra: list[str]) -> dict[str, Any]:
    cmd = [sys.executable, __file__, str(corpus), "--_child", "--fractions", str(fraction), *extra]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        sys.exit(f"bench_throughput: measurement run failed (exit {proc.returncode}): {shlex.join(cmd)}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine() -> str:
    model = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({usable} usable), {model}; "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


def git_rev() -> str:
    try:
        rev = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"], capture_output=True, text=True
        ).stdout.strip()
        return rev + (" (src modified)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def fmt_run(label: str, r: dict[str, Any]) -> str:
    mb, w = r["bytes"] / 1e6, r["wall_s"]
    st = r["stage_s"]
    errs = sum(r["errors"].values())
    return (
        f"{label:>6} {r['pages']:7d} {mb:8.2f} {w:8.2f} {mb / w:7.3f} {r['pages'] / w:8.1f} "
        f"{st['read']:7.2f} {st['clean']:7.2f} {st['segment']:8.2f} {errs:6d} {r['peak_rss_mb']:8.1f} "
        f"{r.get('baseline_rss_mb', float('nan')):8.1f}"
    )


def report(args: argparse.Namespace, corpus: Path, pages: list[Path]) -> dict[str, Any]:
    cmd = shlex.join([sys.executable, *sys.argv])
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in pages:
        by_kind[kind_of(p)][0] += 1
        by_kind[kind_of(p)][1] += p.stat().st_size
    total = sum(v[1] for v in by_kind.values())
    print(f"command : {cmd}")
    print(f"cwd     : {os.getcwd()}")
    print(f"date    : {dt.datetime.now().isoformat(timespec='seconds')}")
    print(f"machine : {machine()}")
    print(f"code    : yaowen @ {git_rev()}")
    kinds = ", ".join(f"{k} {n} / {b / 1e6:.2f} MB" for k, (n, b) in sorted(by_kind.items()))
    print(f"corpus  : {corpus}: {len(pages)} pages, {total / 1e6:.2f} MB ({kinds})")

    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    pin = None if args.no_pin or not cpus else cpus[-1]
    fractions = [float(x) for x in args.fractions.split(",")]
    results: dict[str, Any] = {"command": cmd, "machine": machine(), "corpus_bytes": total, "runs": {}}
    print(
        f"\nsingle process, {'pinned to CPU ' + str(pin) if pin is not None else 'not pinned'}; "
        "every run in a fresh process (times in s, MB/s and pages/s per core, RSS in MB)"
    )
    print(
        f"{'run':>6} {'pages':>7} {'MB':>8} {'wall':>8} {'MB/s':>7} {'pages/s':>8} {'read':>7} {'clean':>7} "
        f"{'segment':>8} {'errors':>6} {'peakRSS':>8} {'baseRSS':>8}"
    )
    for f in fractions:
        r = run_child(corpus, f, [] if pin is None else ["--_cpu", str(pin)])
        results["runs"][f"{f:g}"] = r
        print(fmt_run(f"{f:.0%}", r))
    full = results["runs"][f"{fractions[-1]:g}"]
    st, busy = full["stage_s"], sum(full["stage_s"].values()) or 1e-9
    print(
        f"\nstages ({fractions[-1]:.0%} run): "
        + ", ".join(
            f"{k} {v:.2f} s ({v / busy:.0%}, {full['bytes'] / 1e6 / max(v, 1e-9):.1f} MB/s)"
            for k, v in st.items()
        )
    )
    pm = full["page_ms"]
    print(
        f"per page: p50 {pm['p50']:.2f} ms, p95 {pm['p95']:.2f} ms, max {pm['max']:.1f} ms ({full['slowest']}); "
        f"largest page {full['largest'][0] / 1e6:.2f} MB ({full['largest'][1]}); "
        f"{full['chars'] / 1e6 / full['wall_s']:.2f} M chars/s; cpu {full['cpu_s']:.2f} s of {full['wall_s']:.2f} s wall; "
        f"import {full['import_s']:.2f} s (not timed); warm-up page {full['warmup']} (not timed)"
    )
    for r_key, r in results["runs"].items():
        if r["errors"]:
            print(f"errors ({float(r_key):.0%}): {dict(r['errors'])}")
            for e in r["first_errors"]:
                print(f"  {e}")
    if len(fractions) > 1:
        first, last = results["runs"][f"{fractions[0]:g}"], full
        print(
            f"memory  : peak RSS {first['peak_rss_mb']:.1f} MB on {first['bytes'] / 1e6:.1f} MB "
            f"(largest page {first['largest'][0] / 1e6:.2f} MB) vs {last['peak_rss_mb']:.1f} MB on "
            f"{last['bytes'] / 1e6:.1f} MB (largest page {last['largest'][0] / 1e6:.2f} MB)"
        )

    if args.workers > 1:
        extra = ["--workers", str(args.workers)] + (
            [] if args.no_pin or not cpus else ["--_pool-cpus", ",".join(map(str, cpus))]
        )
        r = run_child(corpus, fractions[-1], extra)
        results["pool"] = r
        mbps = r["bytes"] / 1e6 / r["wall_s"]
        single = full["bytes"] / 1e6 / full["wall_s"]
        print(
            f"\n{args.workers} worker processes ({'pinned to CPUs ' + str(cpus) if r['cpus'] else 'not pinned'}), "
            f"{fractions[-1]:.0%} of the corpus:"
        )
        print(
            f"  wall {r['wall_s']:.2f} s, {mbps:.3f} MB/s total, {mbps / args.workers:.3f} MB/s per worker, "
            f"{r['pages'] / r['wall_s']:.1f} pages/s; speed-up {mbps / single:.2f}x over one process; "
            f"errors {sum(r['errors'].values())}; peak RSS of the largest worker {r['peak_rss_mb']:.1f} MB"
        )
    return results


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "bench" / ".corpus"))
    ap.add_argument(
        "--fractions", default="0.1,1", help="corpus fractions to run, smallest first (default 0.1,1)"
    )
    ap.add_argument(
        "--workers", type=int, default=1, help="also run a pool of N processes on the last fraction"
    )
    ap.add_argument("--json", help="also write the figures as JSON to this path")
    ap.add_argument("--no-pin", action="store_true", help="do not pin processes to cores")
    ap.add_argument("--_child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--_cpu", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--_pool-cpus", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    corpus = Path(args.corpus)
    pages = list_pages(corpus) if corpus.is_dir() else []
    if not pages:
        sys.exit(f"bench_throughput: no pages in {corpus}; build them with: python bench/make_corpus.py")
    if args._child:
        paths = [str(p) for p in select(pages, float(args.fractions))]
        try:
            if args.workers > 1:
                cpus = [int(c) for c in args._pool_cpus.split(",")] if args._pool_cpus else None
                out = child_pool(paths, args.workers, cpus)
            else:
                out = child_single(paths, args._cpu)
        except ImportError:
            traceback.print_exc()
            sys.exit(
                "bench_throughput: the pipeline (yaowen.read / yaowen.clean / yaowen.segment) is not importable"
            )
        print(json.dumps(out))
        return
    results = report(args, corpus, pages)
    if args.json:
        Path(args.json).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
