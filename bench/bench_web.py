#!/usr/bin/env python3
"""Web benchmark: latency of the search and person pages under concurrent clients, on loopback.

    python bench/bench_web.py --db RECORD [--clients 20] [--seconds 30] [--workers 2] [--port 8765]

Starts ``yaowen serve`` (uvicorn, --workers server processes) on the record, then runs ``--clients``
closed-loop clients for ``--seconds``: each sends a request, waits for the whole answer, sends the next.
Half the requests are search pages for words drawn from stored headlines (/search?q=...), half are person
pages for people drawn from the 500 most mentioned (/people/ID). Prints p50/p95/max per kind, requests per
second and errors, with the command line. The clients run on the same machine as the server (2 cores
shared), so the figures are for the whole loop. The 100,000-article record: ingest the corpus made by
``bench/make_corpus.py bench/.corpus-record --size-mb 130 --huge-mb ""`` (about 119,000 articles).
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import resource
import shlex
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from yaowen.record import Record  # noqa: E402
from yaowen.record import schema as s  # noqa: E402

_WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,4}")


def draw_targets(db: str, n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """Search words (2-4 characters from stored headlines) and ids of often-mentioned people."""
    rng = random.Random(seed)
    rec = Record.open(db)
    with rec.engine.connect() as conn:
        total = conn.execute(select(func.max(s.articles.c.id))).scalar() or 0
        ids = [rng.randint(1, total) for _ in range(n * 2)]
        heads = conn.execute(select(s.articles.c.headline).where(s.articles.c.id.in_(ids))).scalars().all()
        people = conn.execute(select(s.people.c.id).order_by(s.people.c.mentions.desc()).limit(500)).scalars().all()
    rec.close()
    words = []
    for h in heads:
        found = _WORD_RE.findall(h or "")
        if found:
            w = rng.choice(found)
            words.append(w[: rng.choice((2, 2, 3, 4))])
    return words[:n], list(people)


def wait_for(port: int, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/api/v1/stats")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the server did not answer in time")


def client_loop(port: int, deadline: float, words: list[str], people: list[int], seed: int,
                out: list[tuple[str, float, int]]) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < deadline:
        if rng.random() < 0.5:
            kind, path = "search", "/search?q=" + urllib.parse.quote(rng.choice(words))
        else:
            kind, path = "person", f"/people/{rng.choice(people)}"
        started = time.perf_counter()
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        out.append((kind, (time.perf_counter() - started) * 1000, status))
    conn.close()


def summarise(samples: list[tuple[str, float, int]], seconds: float) -> dict:
    out = {}
    for kind in ("search", "person", "all"):
        rows = [x for x in samples if kind == "all" or x[0] == kind]
        ok = sorted(ms for _, ms, st in rows if st == 200)
        if not ok:
            continue
        out[kind] = {"requests": len(rows), "errors": sum(1 for _, _, st in rows if st != 200),
                     "per_s": round(len(rows) / seconds, 1), "p50_ms": round(statistics.median(ok), 1),
                     "p95_ms": round(ok[int(0.95 * (len(ok) - 1))], 1), "max_ms": round(ok[-1], 1)}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True, help="the record (SQLite file or postgresql:// URL)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--workers", type=int, default=2, help="server processes")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--warmup", type=float, default=5, help="seconds of load before measuring")
    ap.add_argument("--out", default=str(ROOT / "bench" / ".web-results.json"))
    args = ap.parse_args()

    words, people = draw_targets(args.db, 400)
    server = subprocess.Popen([sys.executable, "-c", "from yaowen.cli import app; app()", "serve", "--db", args.db, "--port", str(args.port),
                               "--workers", str(args.workers)],
                              env=os.environ | {"PYTHONPATH": str(ROOT / "src")}, stderr=subprocess.DEVNULL)
    try:
        wait_for(args.port, server)
        if args.warmup:
            client_loop(args.port, time.monotonic() + args.warmup, words, people, -1, [])
        samples: list[tuple[str, float, int]] = []
        cpu_before = resource.getrusage(resource.RUSAGE_SELF)
        deadline = time.monotonic() + args.seconds
        threads = [threading.Thread(target=client_loop, args=(args.port, deadline, words, people, i, samples))
                   for i in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        cpu_after = resource.getrusage(resource.RUSAGE_SELF)
    finally:
        server.terminate()
        server.wait(20)
    client_cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    result = {"db": args.db, "clients": args.clients, "seconds": args.seconds, "workers": args.workers,
              "client_cpu_share": round(client_cpu / args.seconds, 2), "figures": summarise(samples, args.seconds)}
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print("command:", shlex.join([sys.executable, *sys.argv]))
    print(f"{args.clients} clients for {args.seconds:.0f} s, {args.workers} server process(es), loopback; "
          f"the clients used {result['client_cpu_share']:.2f} of a core")
    for kind, f in result["figures"].items():
        print(f"  {kind:6} {f['requests']:6} requests {f['per_s']:7.1f}/s  p50 {f['p50_ms']:7.1f} ms  "
              f"p95 {f['p95_ms']:7.1f} ms  max {f['max_ms']:7.1f} ms  errors {f['errors']}")


if __name__ == "__main__":
    main()
