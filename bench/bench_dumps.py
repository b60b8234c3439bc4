#!/usr/bin/env python3
"""Ingest speed of an article dump against the same pages as text files, and memory on a long dump.

    python bench/bench_dumps.py [--corpus DIR] [--pages 400] [--workers 1] [--stream-records 200000]

The pages are the text pages of the benchmark corpus (``bench/make_corpus.py``; a 6 MB one is built in a
temporary directory when ``--corpus`` is not given). Each is ingested twice into a fresh SQLite record:
once as a file per page, once as one record per page of a JSON Lines dump holding the same text (its first
``# `` line as the title). Then ``--stream-records`` records of a dump are only read (``iter_dump``), to show
that reading a dump holds a record at a time: peak memory is printed beside the dump's size.
Prints the figures and the command line; nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shlex
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from yaowen.read import read_path  # noqa: E402
from yaowen.read.dumps import iter_dump  # noqa: E402
from yaowen.record import Record  # noqa: E402


def text_pages(corpus: Path, count: int) -> list[Path]:
    pages = sorted(p for p in corpus.iterdir() if p.suffix == ".txt" and not p.name.startswith("huge_"))
    return pages[:count]


def write_dump(pages: list[Path], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for page in pages:
            text = read_path(page).text  # decoded as ingest decodes it (the corpus has GB18030 and Big5 pages)
            title = next((line[2:].strip() for line in text.splitlines()[:40] if line.startswith("# ")), None)
            f.write(json.dumps({"title": title, "content": text, "url": f"https://example.cn/{page.stem}.html"},
                               ensure_ascii=False) + "\n")


def ingest_rate(sources: list[str], db: Path, workers: int) -> tuple[float, int, float]:
    rec = Record.open(str(db))
    started = time.perf_counter()
    report = rec.ingest(sources, workers=workers)
    seconds = time.perf_counter() - started
    rec.close()
    return report.stored / seconds, report.stored, seconds


def stream_peak(path: Path, records: int) -> tuple[int, float, int]:
    row = json.dumps({"title": "临江召开审计整改推进会", "date": "2023-06-01",
                      "content": "本报讯 6月1日，全市审计整改推进会召开。" * 40}, ensure_ascii=False)
    with path.open("w", encoding="utf-8") as f:
        for n in range(records):
            f.write(row.replace("推进会召开", f"推进会召开{n}", 1) + "\n")
    tracemalloc.start()
    count = sum(1 for _ in iter_dump(str(path)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return count, path.stat().st_size / 2**20, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="a corpus made by bench/make_corpus.py")
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--stream-records", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        corpus = args.corpus
        if corpus is None:
            corpus = tmp / "corpus"
            subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(corpus), "--size-mb", "6",
                            "--huge-mb", ""], check=True, stdout=subprocess.DEVNULL)
        pages = text_pages(corpus, args.pages)
        dump = tmp / "pages.jsonl"
        write_dump(pages, dump)
        # files and dump in turn, each --rounds times: on a shared machine the best run of each is the
        # one least disturbed by others, and the spread shows the load
        runs: dict[str, list[tuple[float, int, float]]] = {"text files": [], "JSONL dump": []}
        for n in range(args.rounds):
            for label, sources in (("text files", [str(p) for p in pages]), ("JSONL dump", [str(dump)])):
                runs[label].append(ingest_rate(sources, tmp / f"{label[0]}{n}.db", args.workers))
        count, size_mb, peak = stream_peak(tmp / "long.jsonl", args.stream_records)
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"revision {subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True, text=True).stdout.strip()}, "
          f"{os.cpu_count()} cores, workers {args.workers}")
    for label, results in runs.items():
        rates = ", ".join(f"{rate:.1f}" for rate, _, _ in results)
        print(f"ingest {label:10}: {results[0][1]} pages; pages/s per round {rates}; best {max(results)[0]:.1f}")
    print(f"dump / files: {max(runs['JSONL dump'])[0] / max(runs['text files'])[0]:.2f}x the per-page speed (best runs)")
    print(f"reading a {size_mb:.0f} MB dump of {count:,} records: peak traced memory {peak / 1024:.0f} KB; "
          f"max RSS of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
