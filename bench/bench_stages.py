#!/usr/bin/env python3
"""CPU time of each stage of the pipeline, one core: where a page's time goes.

    .venv/bin/python bench/bench_stages.py ../shared/dev/raw [--passes 5] [--once DIR]
    .venv/bin/python bench/make_corpus.py /tmp/c300 --pages 300 --kinds cctv --huge-mb ''   # for --once

The pages of DIR are run ``--passes`` times, each pass starting with the bounded caches of lines and words
seen emptied (as bench_people_vs_lac.py does), and the pages of ``--once`` DIR a single time each (no cache
can flatter them). For each: ms per pass and characters of cleaned text per CPU second, then the stages
(read, clean, segment, resolve, extract) and, inside extract, the fact finders; the rest of "extract (all)" is
the name recogniser scoring every text of the page in one batch. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from bench_people_vs_lac import forget_seen_text, git_rev, machine  # noqa: E402

import yaowen.extract  # noqa: E402
import yaowen.pipeline  # noqa: E402
from yaowen.clean import clean_page  # noqa: E402
from yaowen.read import read_bytes  # noqa: E402

STAGES = {yaowen.pipeline: {"clean_page": "clean", "segment_page": "segment", "resolve_dates": "resolve",
                            "extract_facts": "extract (all)"},
          yaowen.extract: {"find_people": "  people", "find_appointments": "  appointments",
                           "find_documents": "  documents", "find_meetings": "  meetings", "find_figures": "  figures",
                           "classify_topics": "  topics", "aggregate_people": "  people per page",
                           "name_unnamed_sessions": "  unnamed sessions", "name_finder": "  names at meetings"}}


def timed(spent: dict[str, float], label: str, f: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return f(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - t0
    return run


def measure(folder: Path, passes: int, spent: dict[str, float]) -> None:
    pages = [(str(p), p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith("_")]
    chars = sum(len(clean_page(read_bytes(data, name)).text) for name, data in pages)
    for label in spent:
        spent[label] = 0.0
    t0 = time.process_time()
    for _ in range(passes):
        forget_seen_text()
        for name, data in pages:
            t1 = time.process_time()
            page = read_bytes(data, name)
            spent["read"] += time.process_time() - t1
            yaowen.pipeline.process_page(page)
    total = time.process_time() - t0
    print(f"\n{folder}: {len(pages)} pages x {passes}, {chars:,} chars of cleaned text: "
          f"{total / passes * 1000:,.0f} ms a pass, {passes * chars / total:,.0f} chars/s")
    for label, s in spent.items():
        print(f"  {label:22} {s / passes * 1000:8.1f} ms  {s / total * 100:5.1f}%")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", type=Path, help="directory of pages, run --passes times")
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--once", type=Path, help="directory of pages run once each")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"# {machine()}; yaowen @ {git_rev()}; one core, CPU time")
    spent: dict[str, float] = defaultdict(float, read=0.0)
    for module, names in STAGES.items():  # in display order: the stages, then the finders inside extract
        for name, label in names.items():
            spent[label] = 0.0
            setattr(module, name, timed(spent, label, getattr(module, name)))
    first = next(p for p in sorted(args.pages.iterdir()) if p.is_file())
    yaowen.pipeline.process_page(read_bytes(first.read_bytes(), str(first)))  # load word lists and models
    measure(args.pages, args.passes, spent)
    if args.once:
        measure(args.once, 1, spent)


if __name__ == "__main__":
    main()
