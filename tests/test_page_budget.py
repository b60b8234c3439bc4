"""Pages of pathological shape finish (every step is linear in the page), and a page past its time budget is
reported by name while the batch goes on. Timings are measured in bench/bench_page_size.py, not here: the
budgets below are generous (a step that grew with the square of the page would blow them many times over)."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yaowen.budget import PageTimeout, check_time, time_budget
from yaowen.cli import app
from yaowen.errors import PageError
from yaowen.pipeline import process_page
from yaowen.read import MAX_BYTES, read_bytes

runner = CliRunner()
GENEROUS = 120.0  # seconds; the pages below take about 1-4 s on the project's 2-core machine

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国华明军平伟强磊洋勇艳杰娟涛超秀英敏静丽霞刚辉鹏飞宇浩然志远文博海波新民世荣"


def _names(n: int) -> list[str]:
    return [s + a + b for s, a, b in itertools.islice(itertools.product(SURNAMES, GIVEN, GIVEN), n)]


def _single_line(chars: int) -> str:
    """One line of varied official-news sentences (no line break), about ``chars`` characters long."""
    parts, size = ["临江市召开安全生产工作会议 "], 0
    for k, name in enumerate(itertools.cycle(_names(2000))):
        if size >= chars:
            break
        sentence = (
            f"市委副书记、市长{name}出席会议并讲话。",
            f"{k % 12 + 1}月{k % 28 + 1}日，临江市第{k % 9 + 10}届人大常委会第{k % 40 + 1}次会议举行，市人大常委会主任{name}主持会议。",
            f"会议审议通过了《临江市第{k}号安全生产行动方案》，全市新增就业{k % 90 + 1}.{k % 10}万人。",
            f"“安全生产是一项长期任务。”{name}表示，要把各项措施落到实处。",
            f"会议决定任命{name}为临江市人民政府副市长。",
        )[k % 5]
        parts.append(sentence)
        size += len(sentence)
    return "".join(parts)


def test_a_list_of_20000_names_is_read_whole():
    names = _names(20_000)
    text = "临江市召开全市干部大会\n本报讯 3月5日，全市干部大会召开。市领导" + "、".join(names) + "出席会议。"
    result = process_page(read_bytes(text.encode(), "list.txt"), time_limit=GENEROUS)
    assert {p.name for p in result.facts.people} == set(names)
    assert all(p.titles == ["市领导"] for p in result.facts.people)


def test_a_200_kb_single_line_page_is_read_whole():
    text = _single_line(72_000)  # ~200 KB of UTF-8
    assert "\n" not in text and len(text.encode()) > 200_000
    result = process_page(read_bytes(text.encode(), "line.txt"), time_limit=GENEROUS)
    people = {p.name: p.titles for p in result.facts.people}
    assert len(people) >= 1500 and sum(bool(titles) for titles in people.values()) >= 1000
    assert len(result.facts.meetings) >= 5
    assert len({a.person for a in result.facts.appointments}) >= 300


def test_the_budget_is_checked_where_the_page_is_and_only_there():
    with time_budget("a.txt", 1e-9), pytest.raises(PageTimeout, match=r"^a\.txt: over the time budget of 1e-09 s$"):
        check_time()
    check_time()  # no budget outside the block
    with time_budget("b.txt", 0):  # 0: no limit
        check_time()


def test_a_page_over_its_budget_is_a_page_error_naming_it():
    text = _single_line(3000)
    with pytest.raises(PageError, match=r"^slow\.txt: over the time budget of 1e-06 s$"):
        process_page(read_bytes(text.encode(), "slow.txt"), time_limit=1e-6)
    assert process_page(read_bytes(text.encode(), "slow.txt"), time_limit=GENEROUS).facts.people


@pytest.mark.parametrize("workers", ["1", "2"])
def test_extract_reports_the_page_over_budget_and_goes_on(tmp_path: Path, workers: str):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a_long.txt").write_text(_single_line(200_000), encoding="utf-8")  # ~600 KB: several seconds
    (pages / "b_short.txt").write_text(_single_line(300), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(pages), "--out", str(tmp_path / "out"), "--page-timeout", "1",
                                 "--workers", workers])
    assert result.exit_code == 0
    assert f"{pages / 'a_long.txt'}: over the time budget of 1 s" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b_short.json"]


def test_ingest_stores_the_pages_within_budget_only(tmp_path: Path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a_long.txt").write_text(_single_line(200_000), encoding="utf-8")
    (pages / "b_short.txt").write_text(_single_line(300), encoding="utf-8")
    db = str(tmp_path / "r.db")
    result = runner.invoke(app, ["ingest", str(pages), "--db", db, "--page-timeout", "1"])
    assert result.exit_code == 0, result.output
    assert "a_long.txt: over the time budget of 1 s" in result.output
    listed = runner.invoke(app, ["pages", "--db", db, "--json"])
    assert "b_short.txt" in listed.output and "a_long.txt" not in listed.output


def test_a_page_past_the_size_cap_is_refused_before_it_is_read(tmp_path: Path):
    pages = tmp_path / "pages"
    pages.mkdir()
    with open(pages / "huge.txt", "wb") as f:  # sparse: 200 MB on paper, no disk used
        f.truncate(200 * 1024 * 1024)
    (pages / "small.txt").write_text(_single_line(300), encoding="utf-8")
    assert os.path.getsize(pages / "huge.txt") > MAX_BYTES
    result = runner.invoke(app, ["extract", str(pages), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert (f"{pages / 'huge.txt'}: over the page size budget (200 MB > 64 MB; --max-page-mb raises it, 0 for no "
            "limit)") in result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["small.json"]


def test_ingest_refuses_a_page_over_the_size_budget_given_and_stores_the_others(tmp_path: Path):
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a_big.txt").write_text(_single_line(3000), encoding="utf-8")  # ~9 KB
    (pages / "b_small.txt").write_text(_single_line(300), encoding="utf-8")  # ~1 KB
    db = str(tmp_path / "r.db")
    result = runner.invoke(app, ["ingest", str(pages), "--db", db, "--max-page-mb", "0.004"])  # ~4 KB
    assert result.exit_code == 0, result.output
    assert f"{pages / 'a_big.txt'}: over the page size budget (" in result.output
    assert "MB > 0.004 MB; --max-page-mb raises it" in result.output
    assert "Traceback" not in result.output
    listed = runner.invoke(app, ["pages", "--db", db, "--json"])
    assert "b_small.txt" in listed.output and "a_big.txt" not in listed.output
    # raised, the same page is read and stored by the same command
    again = runner.invoke(app, ["ingest", str(pages), "--db", db, "--max-page-mb", "0"])
    assert again.exit_code == 0, again.output
    assert "a_big.txt" in runner.invoke(app, ["pages", "--db", db, "--json"]).output
