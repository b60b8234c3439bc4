#!/usr/bin/env python3
"""The archive run: ``yaowen ingest CORPUS --engine ray --db postgresql://…`` over a generated corpus, killed
part-way (SIGKILL of the ingest process), then rerun with the same command.

    python bench/bench_archive_run.py [--pages 100000] [--corpus DIR] [--workers 2] [--kill-at 0.4]
                                      [--sample 300] [--keep]

The corpus is ``--pages`` small pages (``make_corpus.py --pages N --kinds cctv --huge-mb ''``, ~4 kB each),
made in ``--corpus`` unless it is there. A private PostgreSQL (``tests/pgserver.py``: Debian's binaries, a
data directory under /tmp, fsync off) holds the record. The first ingest is killed once ``--kill-at`` of the
pages are stored; the rerun is the same command. Prints the command, pages/s of each run, when the kill came,
the rerun's pages (stored, skipped), the duplicate check (pages vs distinct sha256), the facts per page of
``--sample`` pages against a local-engine ingest of them into SQLite, the record's size per 1,000 pages, and
the processes of the killed ingest still alive (found by a marker in their environment). Nothing here
asserts a time; the checks print OK or DIFFERS.
"""

from __future__ import annotations

import argparse
import os
import shlex
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pgserver import PostgresServer  # noqa: E402
from sqlalchemy import bindparam, create_engine, text  # noqa: E402

from yaowen.record.db import database_url  # noqa: E402

YAOWEN = str(Path(sys.executable).with_name("yaowen"))
MARKER = "YAOWEN_ARCHIVE_RUN"  # in the environment of the ingest and everything it starts (Ray's daemons too)
FACTS = ("mentions", "posts", "meetings", "documents", "figures", "appointments", "article_topics")
PER_PAGE = (  # the facts of each page, by its bytes' hash: the same SQL on SQLite and PostgreSQL
    "SELECT p.sha256, (SELECT count(*) FROM articles a WHERE a.page_id = p.id)"
    + "".join(f", (SELECT count(*) FROM {t} f JOIN articles a ON f.article_id = a.id WHERE a.page_id = p.id)"
              for t in FACTS)
    + " FROM pages p WHERE p.sha256 IN :shas"
)


def make_corpus(corpus: Path, pages: int) -> None:
    have = sum(1 for p in corpus.glob("cctv_*")) if corpus.is_dir() else 0
    if have != pages:
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_corpus.py"), str(corpus), "--pages", str(pages),
                        "--kinds", "cctv", "--huge-mb", ""], check=True, stdout=subprocess.DEVNULL)


def count_pages(url: str) -> int:
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT count(*) FROM pages")).scalar_one()
    except Exception:  # noqa: BLE001 - the ingest has not created its tables yet
        return 0
    finally:
        engine.dispose()


def marked_processes(run_id: str) -> list[str]:
    """``pid name`` of every live process whose environment carries this run's marker."""
    found = []
    needle = f"{MARKER}={run_id}".encode()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if needle in (proc / "environ").read_bytes().split(b"\0"):
                found.append(f"{proc.name} {(proc / 'comm').read_text().strip()}")
        except OSError:
            continue
    return found


def wait_gone(run_id: str, seconds: float = 180) -> str:
    """When the run's processes were all gone (Ray's agents notice their raylet is gone only after a while),
    or those still alive after ``seconds``."""
    started = time.monotonic()
    while left := marked_processes(run_id):
        if time.monotonic() - started > seconds:
            return f"still alive after {seconds:.0f} s: {', '.join(left)}"
        time.sleep(0.5)
    return f"none after {time.monotonic() - started:.0f} s"


def summary(log: Path) -> str:
    lines = [ln for ln in log.read_text(errors="replace").splitlines() if "page(s) stored" in ln]
    return " ".join(lines[-1].split()) if lines else "(no summary: the process was killed)"


def ingest(cmd: list[str], run_id: str, log: Path, url: str, kill_at: int | None) -> tuple[float, float | None]:
    """Run the ingest; with ``kill_at``, SIGKILL it once that many pages are stored. (seconds, kill time)."""
    env = {**os.environ, MARKER: run_id, "COLUMNS": "400"}
    started = time.monotonic()
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env)
        while proc.poll() is None:
            time.sleep(1.0)
            if kill_at is not None and count_pages(url) >= kill_at:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                return time.monotonic() - started, time.monotonic() - started
    return time.monotonic() - started, None


def record_size(url: str) -> int:
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' AND c.relkind = 'r'")).scalar_one())


def duplicates(url: str) -> tuple[int, int]:
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        total, distinct = conn.execute(text("SELECT count(*), count(DISTINCT sha256) FROM pages")).one()
        return int(total), int(distinct)


def facts_per_page(url: str, shas: list[str]) -> dict[str, tuple[int, ...]]:
    engine = create_engine(database_url(url))
    query = text(PER_PAGE).bindparams(bindparam("shas", expanding=True))
    with engine.connect() as conn:
        return {row[0]: tuple(row[1:]) for row in conn.execute(query, {"shas": shas})}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=100_000)
    ap.add_argument("--corpus", default="", help="default: /tmp/yaowen-archive-<pages>")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--kill-at", type=float, default=0.4, help="share of the pages stored when the kill comes")
    ap.add_argument("--sample", type=int, default=300, help="pages also ingested with the local engine")
    ap.add_argument("--keep", action="store_true", help="leave the PostgreSQL server running (its URL printed)")
    args = ap.parse_args()
    corpus = Path(args.corpus or f"/tmp/yaowen-archive-{args.pages}")
    print(f"command: python {shlex.join(sys.argv)}", flush=True)
    make_corpus(corpus, args.pages)
    files = sorted(str(p) for p in corpus.glob("cctv_*"))
    size = sum(os.path.getsize(p) for p in files)
    print(f"corpus: {corpus}, {len(files)} pages, {size / 1e6:.1f} MB ({size / len(files) / 1e3:.1f} kB a page)")

    server = PostgresServer()
    server.start()
    try:
        url = server.new_database()
        cmd = [YAOWEN, "ingest", str(corpus), "--engine", "ray", "--workers", str(args.workers), "--db", url]
        print(f"ingest: {shlex.join(cmd)}")
        print(f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)
        run_id = uuid.uuid4().hex
        logs = Path(f"/tmp/yaowen-archive-{run_id[:8]}")
        logs.mkdir()
        kill_at = int(args.kill_at * len(files))
        first, killed = ingest(cmd, run_id, logs / "first.log", url, kill_at)
        at_kill = count_pages(url)
        left = wait_gone(run_id)
        if killed is None:
            print(f"first run: ended before the kill ({summary(logs / 'first.log')})")
        else:
            print(f"first run: SIGKILL at {killed:.0f} s with {at_kill} pages stored "
                  f"({at_kill / killed:.1f} pages/s, counting the start); its processes left: {left}", flush=True)
        second, _ = ingest(cmd, run_id, logs / "rerun.log", url, None)
        stored = count_pages(url)
        rerun = stored - at_kill
        print(f"rerun: {second:.0f} s, {rerun} pages stored ({rerun / second:.1f} pages/s with the skipped pages "
              f"and the global steps); its summary: {summary(logs / 'rerun.log')}")
        print(f"processes left after the rerun: {wait_gone(run_id)}")
        total, distinct = duplicates(url)
        print(f"duplicates: {total} pages, {distinct} distinct sha256: {'OK' if total == distinct else 'DIFFERS'}; "
              f"{len(files) - total} of {len(files)} files not stored (pages that failed: their errors are in the logs)")
        print(f"overall: {stored} pages in {first + second:.0f} s, {stored / (first + second):.1f} pages/s "
              f"on {args.workers} workers; load average now {os.getloadavg()[0]:.1f}")
        bytes_ = record_size(url)
        print(f"record size: {bytes_ / 1e6:.0f} MB, {bytes_ / stored * 1000 / 1e6:.1f} MB per 1,000 pages "
              f"(tables and their indexes)")

        sample = files[:: max(1, len(files) // args.sample)][: args.sample]
        sqlite = logs / "sample.db"
        manifest = logs / "sample.txt"
        manifest.write_text("\n".join(sample) + "\n")
        subprocess.run([YAOWEN, "ingest", "--manifest", str(manifest), "--db", str(sqlite)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        local = facts_per_page(str(sqlite), _shas(sample))
        ray = facts_per_page(url, list(local))
        same = sum(local[k] == ray.get(k) for k in local)
        print(f"facts per page (articles, {', '.join(FACTS)}) of {len(local)} sample pages, local engine into "
              f"SQLite vs the Ray run: {same} the same: {'OK' if same == len(local) == len(sample) else 'DIFFERS'}")
        print(f"logs: {logs}")
        if args.keep:
            print(f"record kept: {url}")
    finally:
        if not args.keep:
            server.stop()


def _shas(paths: list[str]) -> list[str]:
    import hashlib

    return [hashlib.sha256(Path(p).read_bytes()).hexdigest() for p in paths]


if __name__ == "__main__":
    main()
