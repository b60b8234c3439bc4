#!/usr/bin/env python3
"""Throughput of the whole pipeline (read -> clean -> segment -> dates -> facts), beside jieba POS tagging
of the same text in the same run.

    .venv/bin/python bench/bench_pipeline.py [CORPUS_DIR] [--mb 20] [--jieba-mb 1]

CORPUS_DIR defaults to bench/.corpus (build it with bench/make_corpus.py). Runs on one core (pinned when
the OS allows). jieba (benchmark-only: pip install jieba) tags the cleaned text of the first pages, up to
--jieba-mb, because at ~35 K chars/s a larger slice takes minutes; both rates are per character of the
same kind of text, so their ratio is fair. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shlex
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "bench" / ".corpus"))
    ap.add_argument("--mb", type=float, default=20.0, help="MB of page files to run through the pipeline")
    ap.add_argument("--jieba-mb", type=float, default=1.0, help="MB of decoded text to tag with jieba")
    args = ap.parse_args()
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"# {platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores, one used")
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from yaowen.errors import PageError
    from yaowen.pipeline import process_page
    from yaowen.read import read_path

    pages = sorted(p for p in Path(args.corpus).rglob("*") if p.suffix in (".txt", ".html", ".pdf"))
    if not pages:
        sys.exit(f"no pages in {args.corpus}: build the corpus with bench/make_corpus.py")
    budget = args.mb * 1e6
    done_bytes = done_chars = n = errors = facts = 0
    texts: list[str] = []
    t0 = time.perf_counter()
    for p in pages:
        if done_bytes >= budget:
            break
        try:
            page = read_path(p)
            result = process_page(page)
        except PageError:
            errors += 1
            continue
        n += 1
        done_bytes += page.size
        done_chars += len(page.text)
        f = result.facts
        facts += len(f.mentions) + len(f.meetings) + len(f.figures) + len(f.appointments) if f else 0
        if sum(map(len, texts)) < args.jieba_mb * 1e6 / 3:  # ~3 UTF-8 bytes per Chinese character
            texts.append(result.clean.text)  # jieba gets the same simplified, cleaned text
    secs = time.perf_counter() - t0
    y_chars = done_chars / secs
    print(f"yaowen  {n} pages, {done_bytes / 1e6:.1f} MB, {secs:.1f} s: {done_bytes / 1e6 / secs:.2f} MB/s, "
          f"{n / secs:.0f} pages/s, {y_chars / 1e3:.0f} K chars/s per core; {facts} facts; {errors} errors; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    try:
        import jieba
        import jieba.posseg as pseg
    except ImportError:
        print("jieba not installed (pip install jieba): no comparison")
        return
    jieba.setLogLevel(60)
    jieba.initialize()
    t0 = time.perf_counter()
    chars = 0
    for t in texts:
        for line in t.split("\n"):
            list(pseg.cut(line))
            chars += len(line)
    j_secs = time.perf_counter() - t0
    j_chars = chars / j_secs
    print(f"jieba posseg  {chars / 1e3:.0f} K chars, {j_secs:.1f} s: {j_chars / 1e3:.0f} K chars/s per core")
    print(f"ratio: the whole Yaowen pipeline runs {y_chars / j_chars:.1f}x the speed of jieba POS tagging alone")


if __name__ == "__main__":
    main()
