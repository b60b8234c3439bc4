"""A small record for the web tests: the example pages of 临江 plus a hostile page (markup and SQL in text)."""

from __future__ import annotations

from pathlib import Path

from yaowen.read.source_urls import SourceUrls
from yaowen.record import Record

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "pages"
TOKEN = "test-token-3f9a"

SCRIPT = '<script>alert("yaowen")</script>'
IMG = "<img src=x onerror=alert(2)>"
SQL = "'; DROP TABLE articles; --"
SQL2 = '" OR 1=1 --'
STANDING_URL = "https://news.example.cn/linjiang/202305/12/1234.html"
HOSTILE_URL = "javascript:alert(3)"

HOSTILE_PAGE = f"""临江日报 2023年6月2日 星期五

# {SCRIPT}临江召开审计整改推进会

本报讯（记者 苏晴）6月1日，全市审计整改推进会召开。市委副书记、市长韩松涛主持会议并讲话。副市长邱建国出席。

会议指出，{SQL} 要压实审计整改责任，{SQL2} 确保整改到位，{IMG}全市已完成整改问题128个。

会议要求，各地各部门要把审计整改作为重要政治任务，做到立行立改。
"""


def build_record(folder: Path) -> Path:
    """Ingest the examples and the hostile page into a SQLite record under ``folder``; its path."""
    db = folder / "web.db"
    build_record_at(folder, str(db))
    return db


def build_record_at(folder: Path, db: str) -> str:
    """The same pages into any record (a SQLite path or a postgresql:// URL)."""
    pages = folder / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    for p in EXAMPLES.iterdir():
        (pages / p.name).write_bytes(p.read_bytes())
    (pages / "99_hostile.txt").write_text(HOSTILE_PAGE, encoding="utf-8")
    rec = Record.open(db)
    # where the pages came from: one web address, and a hostile one (as a page's own markup could name)
    urls = SourceUrls(str(folder / "urls.tsv"), by_name={"02_standing_committee": STANDING_URL,
                                                         "99_hostile": HOSTILE_URL})
    report = rec.ingest([str(pages)], paper="临江日报", urls=urls)
    rec.close()
    assert not report.failed, report
    return db
