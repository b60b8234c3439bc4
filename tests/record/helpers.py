"""Page files for record tests, written by hand about the fictional city of 临江."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PAGE = """临江日报 {date_cn} 星期{weekday}

# 临江召开第{n}次安全生产工作会议

本报讯（记者 苏晴）{md}，全市第{n}次安全生产工作会议召开。市委副书记、市长韩松涛主持会议并讲话。副市长{deputy}出席。

会议强调，要压实安全生产责任，全面排查{place}各类隐患，确保全年新增隐患整改率达到100%。会议审议通过了《临江市安全生产专项整治方案》。

会议要求，各地各部门要落实审计整改责任，做好汛期安全防范，共排查企业{firms}家。
"""


def write_pages(folder: Path, count: int, start: int = 0) -> list[Path]:
    """``count`` distinct, valid pages (different dates, people and numbers, so different bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    deputies = ["邱建国", "田卫东", "潘永康", "严振华"]
    places = ["矿山", "道路交通", "城镇燃气", "建筑工地", "危化品"]
    out = []
    for i in range(start, start + count):
        month, day = 1 + i % 12, 1 + i % 27
        text = PAGE.format(
            date_cn=f"2023年{month}月{day}日", weekday="一二三四五六日"[i % 7], n=i + 1, md=f"{month}月{day}日",
            deputy=deputies[i % len(deputies)], place=places[i % len(places)], firms=100 + i,
        )
        path = folder / f"page_{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


UNDATED_PAGE = """# 全市第{n}次防汛工作会议召开

本报讯 {m}月{d}日，全市第{n}次防汛工作会议召开。市委副书记、市长韩松涛主持会议并讲话。副市长{deputy}出席。
"""


def write_page_set(folder: Path, count: int, undated: int = 2) -> list[Path]:
    """``count`` pages of 临江日报 plus ``undated`` pages that print neither paper nor year: an ingest gives
    them the paper (the others all print it) and the year (by 韩松涛's tenure as 市长), so every global step
    of an ingest has work to do."""
    pages = write_pages(folder, count)
    for i in range(undated):
        path = folder / f"undated_{i:02d}.txt"
        path.write_text(UNDATED_PAGE.format(n=900 + i, m=1 + i % 12, d=3 + i, deputy=["邱建国", "田卫东"][i % 2]),
                        encoding="utf-8")
        pages.append(path)
    return pages


def varied_inputs(tmp_path: Path, shared: Path) -> list[str]:
    """The examples, the seeds and a few dev pages, and 临江 pages whose undated ones the run dates."""
    folder = tmp_path / "in"
    shutil.copytree(REPO / "examples" / "pages", folder / "examples")
    for name in sorted((shared / "dev" / "raw").glob("d00*.txt"))[:6]:
        (folder / "dev").mkdir(parents=True, exist_ok=True)
        shutil.copy(name, folder / "dev" / name.name)
    write_page_set(folder / "linjiang", 4)
    return [str(folder), str(shared / "seeds")]
