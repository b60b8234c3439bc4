"""Article dumps and web archives into the record: one page per record with its metadata, idempotent by
content, one line per bad record, and an ingest killed mid-way resumed without duplicates."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from yaowen.cli import app
from yaowen.record import Record
from yaowen.record import schema as s

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "read"))
from warcs import PAGES, write_warc  # noqa: E402

runner = CliRunner()
DEPUTIES = ["邱建国", "田卫东", "潘永康", "严振华"]


def write_dump(path: Path, count: int, bad_lines: dict[int, str] | None = None) -> Path:
    """``count`` articles about 临江 as JSON Lines (distinct texts and dates); ``bad_lines`` replace lines."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            month, day = 1 + i % 12, 1 + i % 28
            row = {"title": f"临江召开第{i + 1}次安全生产工作会议", "date": f"2022-{month:02d}-{day:02d}",
                   "url": f"https://news.example.cn/a/{i}.html",
                   "content": f"本报讯 {month}月{day}日，全市第{i + 1}次安全生产工作会议召开。市委副书记、市长韩松涛主持会议"
                              f"并讲话。副市长{DEPUTIES[i % 4]}出席。会议要求，全面排查各类隐患，共排查企业{100 + i}家。"}
            line = (bad_lines or {}).get(i + 1, json.dumps(row, ensure_ascii=False))
            f.write(line + "\n")
    return path


def _pages(rec: Record) -> list[tuple[str, str | None, str | None, str | None]]:
    with rec.engine.connect() as conn:
        return sorted(conn.execute(select(s.pages.c.sha256, s.pages.c.issue_date, s.pages.c.title, s.pages.c.url)).all())


def test_a_dump_is_one_page_per_record_with_dates_titles_and_urls(record, tmp_path):
    dump = write_dump(tmp_path / "news.jsonl", 6, bad_lines={3: '{"title": "断了', 5: '{"title": "无正文"}'})
    report = record.ingest([str(dump)])
    assert (report.stored, report.failed) == (4, 2)
    assert report.errors == [f"{dump} line 3: invalid JSON: Unterminated string starting at column 11",
                             f"{dump} line 5: no text field (looked for content, text, body, article, fulltext, "
                             "full_text, 正文, 内容; name one with --field text=FIELD)"]
    pages = _pages(record)
    assert sorted((d, t, u) for _, d, t, u in pages) == [
        ("2022-01-01", "临江召开第1次安全生产工作会议", "https://news.example.cn/a/0.html"),
        ("2022-02-02", "临江召开第2次安全生产工作会议", "https://news.example.cn/a/1.html"),
        ("2022-04-04", "临江召开第4次安全生产工作会议", "https://news.example.cn/a/3.html"),
        ("2022-06-06", "临江召开第6次安全生产工作会议", "https://news.example.cn/a/5.html"),
    ]
    with record.engine.connect() as conn:
        headlines = set(conn.execute(select(s.articles.c.headline)).scalars())
        sources = set(conn.execute(select(s.pages.c.source)).scalars())
        logged = conn.execute(select(func.count()).select_from(s.ingest_errors)).scalar()
    assert "临江召开第4次安全生产工作会议" in headlines
    assert sources == {f"{dump}#{n}" for n in (1, 2, 4, 6)}
    assert logged == 2
    again = record.ingest([str(dump)])
    assert (again.stored, again.skipped) == (0, 4)  # idempotent by content
    assert record.search("安全生产", limit=50).total == 4


def test_a_warc_is_ingested_with_its_urls_and_dates_and_reextracted_the_same(record, tmp_path):
    warc = write_warc(tmp_path / "crawl.warc.gz")
    report = record.ingest([str(warc)])
    assert (report.stored, report.failed) == (3, 0)
    before = _pages(record)
    assert sorted((d, u) for _, d, _, u in before) == sorted(
        zip(["2023-06-02", "2023-07-08", "2023-08-15"], [p[0] for p in PAGES], strict=True))
    assert {t for _, _, t, _ in before} == {p[2] for p in PAGES}  # the headline of the <title>
    record.reextract(all_pages=True)
    assert _pages(record) == before  # the capture date and URL are kept for re-extraction
    hits = record.search("审计整改").hits
    assert hits and hits[0].date == "2023-06-01"


def _count_pages(db: Path) -> int:
    import sqlite3

    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM pages").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.parametrize("kind", ["jsonl", "warc"])
def test_an_ingest_killed_mid_way_resumes_to_the_same_record(tmp_path, kind):
    if kind == "jsonl":
        source = write_dump(tmp_path / "news.jsonl", 300)
    else:
        pages = [(f"https://www.ljrb.example.cn/html/2022-{1 + i % 12:02d}/{1 + i % 28:02d}/content_{i}.htm",
                  "2024-01-01T00:00:00Z", f"临江召开第{i + 1}次安全生产工作会议", "", "3月2日",
                  f"全市第{i + 1}次安全生产工作会议召开。副市长{DEPUTIES[i % 4]}出席，共排查企业{100 + i}家。", "utf-8")
                 for i in range(300)]
        source = write_warc(tmp_path / "crawl.warc.gz", pages, extras=False)
    clean = Record.open(str(tmp_path / "clean.db"))
    clean.ingest([str(source)])
    expected = _pages(clean)
    clean.close()
    assert len(expected) == 300

    db = tmp_path / "killed.db"
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "yaowen", "ingest", str(source), "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count_pages(db) < 100 and proc.poll() is None:
        assert time.monotonic() < deadline, "the ingest stored nothing in two minutes"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored_when_killed = _count_pages(db)
    assert 100 <= stored_when_killed < 300, "killed too late to test a resume"

    result = runner.invoke(app, ["ingest", str(source), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{300 - stored_when_killed} page(s) stored" in result.output
    assert f"{stored_when_killed} already in the record" in result.output
    resumed = Record.open(str(db))
    assert _pages(resumed) == expected
    resumed.close()
