"""Source URLs of page files: the user's table (--urls), a download tool's file attribute, and what the URL
tells a page that prints no year."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yaowen.cli import app
from yaowen.pipeline import process_page
from yaowen.read import date_from_path
from yaowen.read.inputs import iter_inputs, read_input
from yaowen.read.source_urls import load_source_urls, origin_url

runner = CliRunner()

# a meeting page that prints no year anywhere: only where it was fetched from can give one
NO_YEAR = ("临江市政协召开常委会会议\n"
           "临江新闻网讯 3月5日上午，政协临江市第九届委员会常务委员会第十二次会议召开。市政协主席周明远主持会议，"
           "市政协副主席王红、李卫东出席会议。会议审议通过了《政协临江市委员会常务委员会工作报告》。\n")
STAMPED = "发布时间：2021年03月06日\n" + NO_YEAR


def _pages(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "p1.txt").write_text(NO_YEAR, encoding="utf-8")
    (folder / "p2.txt").write_text(STAMPED, encoding="utf-8")
    return folder


def _extract(tmp_path: Path, *args: str) -> dict[str, dict]:
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", *args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("*.json")}


def test_a_table_of_urls_dates_the_pages_that_print_no_year(tmp_path):
    folder = _pages(tmp_path)
    table = tmp_path / "INDEX.tsv"
    table.write_text("id\tcity\turl\n"
                     "p1\t临江\thttps://news.example.cn/c/202103/06/1234.html\n"
                     "p2\t临江\thttps://mirror.example.com/a/20220110/99.html\n", encoding="utf-8")
    without = _extract(tmp_path, str(folder), "--no-urls")  # (else the INDEX.tsv above the pages is read)
    assert [m["date"] for m in without["p1"]["meetings"]] == [None]  # the text alone has no year

    pages = _extract(tmp_path, str(folder), "--urls", str(table))
    p1, p2 = pages["p1"], pages["p2"]
    assert p1["url"] == "https://news.example.cn/c/202103/06/1234.html"
    assert p1["issue_date"] == "2021-03-06" and "URL" in p1["issue_date_note"]
    assert [(m["date"], m["chairs"]) for m in p1["meetings"]] == [("2021-03-05", ["周明远"])]
    # the page's own stamp beats the address of a later copy
    assert p2["issue_date"] == "2021-03-06" and p2["meetings"][0]["date"] == "2021-03-05"


def test_a_headerless_csv_names_pages_by_path_or_file_name(tmp_path):
    folder = _pages(tmp_path)
    table = tmp_path / "urls.csv"
    table.write_text(f"{folder / 'p1.txt'},https://news.example.cn/c/201507/1234.html\n"
                     "p2.txt,https://news.example.cn/c/201607/99.html\n", encoding="utf-8")
    urls = load_source_urls(table)
    assert urls.url_of(str(folder / "p1.txt")).endswith("201507/1234.html")
    assert urls.url_of("elsewhere/p2.txt").endswith("201607/99.html")
    assert urls.url_of(str(folder / "p3.txt")) is None
    years = {read_input(i).source.rsplit("/", 1)[1]: process_page(read_input(i)).year
             for i in iter_inputs([str(folder)], urls=urls)}
    assert years == {"p1.txt": 2015, "p2.txt": 2021}  # p2 prints its own year, 2021


def test_a_name_two_rows_give_different_urls_names_neither(tmp_path):
    table = tmp_path / "urls.tsv"
    table.write_text("path\turl\n"
                     "a/page.txt\thttps://x.example.cn/2021/1.html\n"
                     "b/page.txt\thttps://x.example.cn/2022/2.html\n", encoding="utf-8")
    urls = load_source_urls(table)
    assert urls.url_of(str(tmp_path / "b" / "page.txt")) == "https://x.example.cn/2022/2.html"  # its path
    assert urls.url_of("c/page.txt") is None  # only the shared file name: ambiguous


@pytest.mark.parametrize(("content", "reason"), [
    ("", "the table is empty"),
    ("id\tname\np1\tx\n", "no URL column"),
    ("id\turl\np1\tnot a url\n", "no row gives a page and an http\\(s\\) URL"),
])
def test_a_table_that_cannot_be_used_says_why(tmp_path, content, reason):
    table = tmp_path / "urls.tsv"
    table.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=reason):
        load_source_urls(table)


def test_the_command_line_refuses_a_bad_table_in_one_line(tmp_path):
    folder = _pages(tmp_path)
    result = runner.invoke(app, ["extract", str(folder), "--urls", str(tmp_path / "missing.tsv")])
    assert result.exit_code == 2
    assert "--urls" in result.output and "missing.tsv" in result.output and "cannot read it" in result.output


def test_the_url_a_download_tool_wrote_beside_the_file_is_read(tmp_path):
    page = tmp_path / "saved.txt"
    page.write_text(NO_YEAR, encoding="utf-8")
    try:
        os.setxattr(page, "user.xdg.origin.url", b"https://news.example.cn/c/201903/06/777.html")
    except (OSError, AttributeError):
        pytest.skip("this file system keeps no user attributes")
    assert origin_url(str(page)) == "https://news.example.cn/c/201903/06/777.html"
    [item] = list(iter_inputs([str(page)]))
    assert process_page(read_input(item)).year == 2019


def test_ids_in_a_url_are_not_read_as_a_day():
    assert date_from_path("https://x.example.cn/c100/201401/1d2c8f2c0a11.shtml") is None
    assert date_from_path("https://x.example.cn/html/2021-08/7/content_1.htm") == "2021-08-07"
    assert date_from_path("https://x.example.cn/html/2021-08/17/content_1.htm") == "2021-08-17"


def test_ingest_keeps_the_url_and_re_derives_with_it(tmp_path):
    from yaowen.record import Record

    folder = _pages(tmp_path)
    table = tmp_path / "urls.tsv"
    table.write_text("file\turl\np1.txt\thttps://news.example.cn/c/202103/06/1234.html\n", encoding="utf-8")
    db = str(tmp_path / "y.db")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db, "--urls", str(table)])
    assert result.exit_code == 0, result.output
    rec = Record.open(db, create=False)
    assert {m["date"] for m in rec.meetings()} == {"2021-03-05"}  # p1 by its URL, p2 by its stamp
    assert runner.invoke(app, ["reextract", "--db", db]).exit_code == 0  # the URL is kept with the page
    assert {m["date"] for m in rec.meetings()} == {"2021-03-05"}
    assert len(rec.meetings()) == 2


def test_pages_stored_without_their_url_are_given_it_and_dated_again(tmp_path):
    from yaowen.record import Record

    folder = _pages(tmp_path)
    (folder / "p2.txt").unlink()  # (its stamp would date p1's people, and so p1, without the URL)
    table = tmp_path / "urls.tsv"
    table.write_text("file\turl\np1.txt\thttps://news.example.cn/c/202103/06/1234.html\n", encoding="utf-8")
    db = str(tmp_path / "y.db")
    assert runner.invoke(app, ["ingest", str(folder), "--db", db, "--no-urls"]).exit_code == 0
    rec = Record.open(db, create=False)
    assert [m["date"] for m in rec.meetings()] == [None]  # no year
    again = runner.invoke(app, ["ingest", str(folder), "--db", db, "--urls", str(table)])
    assert again.exit_code == 0 and "1 of them given their source URL" in " ".join(again.output.split())
    assert [m["date"] for m in rec.meetings()] == ["2021-03-05"]
    third = runner.invoke(app, ["ingest", str(folder), "--db", db, "--urls", str(table)])
    assert third.exit_code == 0 and "source URL" not in third.output  # nothing new to give
    assert rec.stats()["pages"] == 1


def test_a_table_saved_in_gbk_names_its_chinese_files(tmp_path):
    table = tmp_path / "urls.csv"
    table.write_bytes("文件,网址\n临江要闻.txt,https://news.example.cn/c/202103/06/1.html\n".encode("gb18030"))
    urls = load_source_urls(table)
    assert urls.url_of(str(tmp_path / "临江要闻.txt")) == "https://news.example.cn/c/202103/06/1.html"


def test_a_scrapes_index_beside_its_pages_is_read_unless_told_not_to(tmp_path):
    folder = _pages(tmp_path)  # tmp/raw/p1.txt …, and the scrape's log above them
    (tmp_path / "INDEX.tsv").write_text("id\turl\np1\thttps://news.example.cn/c/202103/06/1234.html\n",
                                        encoding="utf-8")
    out = tmp_path / "out"
    found = runner.invoke(app, ["extract", str(folder), "--out", str(out)])
    assert found.exit_code == 0 and "source URLs from" in found.output and "INDEX.tsv (1 pages" in found.output
    assert json.loads((out / "p1.json").read_text(encoding="utf-8"))["meetings"][0]["date"] == "2021-03-05"
    one = runner.invoke(app, ["extract", str(folder / "p1.txt"), "--json"])  # a page file named: its folder's
    assert one.exit_code == 0 and '"date": "2021-03-05"' in one.output
    ignored = runner.invoke(app, ["extract", str(folder), "--no-urls", "--out", str(out)])
    assert ignored.exit_code == 0 and "source URLs" not in ignored.output
    assert json.loads((out / "p1.json").read_text(encoding="utf-8"))["meetings"][0]["date"] is None


def test_an_index_beside_the_pages_that_names_no_urls_is_said_so_and_the_batch_goes_on(tmp_path):
    folder = _pages(tmp_path)
    (folder / "index.csv").write_text("id,title\np1,临江\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and "gives no source URLs: no URL column" in " ".join(result.output.split())
    assert len(list((tmp_path / "out").glob("*.json"))) == 2
