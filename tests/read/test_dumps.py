"""Article dumps (JSON Lines, JSON arrays, CSV) read record by record, with their metadata and bad records."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest

from yaowen.errors import PageError
from yaowen.read import dumps as dumps_module
from yaowen.read import read_bytes
from yaowen.read.dumps import DumpRecord, dump_kind, iter_dump, parse_field_map
from yaowen.read.inputs import iter_inputs, read_input

ARTICLES = [
    {"title": "临江召开审计整改推进会", "date": "2023-06-01", "url": "https://news.example.cn/2023/06/01/a.html",
     "content": "本报讯 6月1日，全市审计整改推进会召开。市委副书记、市长韩松涛主持会议并讲话。", "source": "临江日报"},
    {"headline": "临江港吞吐量创新高", "published": "2023年6月3日 08:30",
     "text": "本报讯 今年以来，临江港完成货物吞吐量1200万吨，同比增长12%。"},
    {"title": "临江新区开工十个重点项目", "link": "https://news.example.cn/2023-06/05/c_1.htm",
     "body": "本报讯 临江新区集中开工十个重点项目，总投资85亿元。"},
]


def _jsonl(path: Path, rows: list[object], extra_lines: list[str] = ()) -> Path:  # type: ignore[assignment]
    lines = [json.dumps(r, ensure_ascii=False) for r in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _records(path: Path, **kw) -> list[DumpRecord | PageError]:  # type: ignore[no-untyped-def]
    return list(iter_dump(str(path), **kw))


def test_jsonl_records_become_pages_with_their_metadata(tmp_path):
    path = _jsonl(tmp_path / "news.jsonl", ARTICLES)
    items = _records(path)
    assert [r.source for r in items] == [f"{path}#1", f"{path}#2", f"{path}#3"]
    pages = [read_bytes(r.raw, r.source, "record") for r in items]
    first, second, third = pages
    assert first.meta.title == "临江召开审计整改推进会" and first.meta.date == "2023-06-01"
    assert first.meta.paper == "临江日报" and first.meta.url.endswith("a.html")
    assert first.text.startswith("# 临江召开审计整改推进会\n\n本报讯")  # the title is the headline line
    assert second.meta.title == "临江港吞吐量创新高" and second.meta.date == "2023-06-03"  # headline/published
    assert third.meta.date is None and third.meta.url.endswith("c_1.htm")  # no date field
    from yaowen.pipeline import process_page

    assert process_page(third).issue_date == "2023-06-05"  # the page prints none: the URL's date
    assert first.media_type == "record"


def test_a_record_gives_the_same_page_id_whatever_its_line_or_key_order(tmp_path):
    a = _records(_jsonl(tmp_path / "a.jsonl", ARTICLES[:1]))[0]
    shuffled = dict(reversed(list(ARTICLES[0].items())))
    b = _records(_jsonl(tmp_path / "b.jsonl", [ARTICLES[1], shuffled]))[1]
    assert a.raw == b.raw


def test_bad_records_are_one_line_each_with_their_line_number_and_the_rest_goes_on(tmp_path):
    path = _jsonl(tmp_path / "mixed.jsonl", ARTICLES[:1], [
        '{"title": "断了的记录", "content": "本报讯',  # line 2: cut short
        '["not", "an", "object"]',  # line 3
        '{"title": "没有正文"}',  # line 4
        '{"title": "空正文", "content": "   "}',  # line 5
        "",  # line 6: blank lines are nothing
        json.dumps(ARTICLES[1], ensure_ascii=False),  # line 7
    ])
    items = _records(path)
    errors = [str(e) for e in items if isinstance(e, PageError)]
    assert errors == [
        f"{path} line 2: invalid JSON: Unterminated string starting at column 31",
        f"{path} line 3: a record must be a JSON object, not list",
        f"{path} line 4: no text field (looked for content, text, body, article, fulltext, full_text, 正文, 内容; "
        "name one with --field text=FIELD)",
        f"{path} line 5: the text field is empty",
    ]
    assert [r.line for r in items if isinstance(r, DumpRecord)] == [1, 7]


def test_field_names_can_be_chosen(tmp_path):
    path = _jsonl(tmp_path / "cn.jsonl", [{"标题x": "临江港吞吐量创新高", "正文x": "本报讯 临江港完成货物吞吐量1200万吨。",
                                           "发布": "2023-06-03", "媒体x": "临江晚报"}])
    assert isinstance(_records(path)[0], PageError)
    fields = parse_field_map(["text=正文x", "title=标题x", "date=发布", "paper=媒体x"])
    page = read_bytes(_records(path, fields=fields)[0].raw, "x", "record")
    assert (page.meta.title, page.meta.date, page.meta.paper) == ("临江港吞吐量创新高", "2023-06-03", "临江晚报")


@pytest.mark.parametrize("option, message", [
    ("text", "write ROLE=FIELD"), ("author=x", "the role must be one of text, title, date, url, paper"),
    ("text=", "write ROLE=FIELD"),
])
def test_a_bad_field_option_says_what_is_wrong(option, message):
    with pytest.raises(ValueError, match=message):
        parse_field_map([option])


def test_json_array_is_streamed_item_by_item(tmp_path, monkeypatch):
    monkeypatch.setattr(dumps_module, "CHUNK", 7)  # records cut across many reads
    path = tmp_path / "news.json"
    path.write_text("[\n" + ",\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n]\n", encoding="utf-8")
    items = _records(path)
    assert [r.line for r in items] == [2, 3, 4]
    assert read_bytes(items[2].raw, "x", "record").meta.title == "临江新区开工十个重点项目"


def test_a_broken_json_array_reports_where_and_keeps_what_came_before(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('[{"title": "一", "content": "本报讯 临江。"},\n{"title": "二", "content": ', encoding="utf-8")
    items = _records(path)
    assert isinstance(items[0], DumpRecord)
    assert str(items[1]).startswith(f"{path} line 2: invalid JSON")
    not_array = tmp_path / "obj.json"
    not_array.write_text('"hello"', encoding="utf-8")
    assert [str(e) for e in _records(not_array)] == [f"{not_array}: a .json dump must hold an array of article objects"]


def test_csv_with_quoted_newlines_and_a_bad_row(tmp_path):
    path = tmp_path / "news.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["title", "date", "url", "content"])
        w.writerow(["临江召开审计整改推进会", "2023-06-01", "", "本报讯 6月1日，\n全市审计整改推进会召开。"])
        w.writerow(["多一列", "2023-06-02", "", "本报讯 临江。", "额外"])
        w.writerow(["临江港吞吐量创新高", "2023/6/3", "", "本报讯 临江港完成货物吞吐量1200万吨。"])
    items = _records(path)
    assert isinstance(items[0], DumpRecord) and items[0].line == 2
    assert str(items[1]) == f"{path} line 4: 5 cells but the header names 4 columns"
    assert items[2].line == 5 and read_bytes(items[2].raw, "x", "record").meta.date == "2023-06-03"
    assert "全市审计整改推进会召开" in read_bytes(items[0].raw, "x", "record").text


def test_gbk_csv_and_a_csv_without_a_text_column(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("标题,正文\n临江港吞吐量创新高,本报讯 临江港完成货物吞吐量1200万吨。\n".encode("gbk"))
    (record,) = _records(path)
    assert read_bytes(record.raw, "x", "record").meta.title == "临江港吞吐量创新高"
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("name,value\n临江,1\n", encoding="utf-8")
    (error,) = _records(wrong)
    assert str(error).startswith(f"{wrong}: no text column (the header has name, value;")


def test_kinds_by_extension_and_content(tmp_path):
    assert dump_kind("a.jsonl") == "jsonl" and dump_kind("a.csv.gz") == "csv" and dump_kind("a.tsv") == "tsv"
    sniffed = _jsonl(tmp_path / "export.dat", ARTICLES[:1])
    assert dump_kind(str(sniffed)) == "jsonl"
    page = tmp_path / "page.txt"
    page.write_text("{临江日报}\n本报讯 临江。", encoding="utf-8")
    assert dump_kind(str(page)) is None
    gz = tmp_path / "news.jsonl.gz"
    gz.write_bytes(gzip.compress(sniffed.read_bytes()))
    assert len(_records(gz)) == 1


def test_inputs_mix_pages_dumps_and_directories(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.txt").write_text("临江日报\n\n本报讯 全市审计整改推进会召开。", encoding="utf-8")
    _jsonl(tmp_path / "pages" / "more.jsonl", ARTICLES[:2])
    (tmp_path / "pages" / "results.json").write_text("{}", encoding="utf-8")  # a .json is read only when named
    items = list(iter_inputs([str(tmp_path / "pages")]))
    assert [i.stem for i in items] == ["more-1", "more-2", "p"]
    assert read_input(items[0]).meta.title == "临江召开审计整改推进会"


def test_a_long_dump_is_read_in_constant_memory(tmp_path):
    import tracemalloc

    path = tmp_path / "big.jsonl"
    row = json.dumps(ARTICLES[0], ensure_ascii=False)
    with path.open("w", encoding="utf-8") as f:
        for n in range(20_000):
            f.write(row.replace("审计整改", f"审计整改{n}") + "\n")
    tracemalloc.start()
    count = sum(1 for _ in iter_dump(str(path)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert count == 20_000
    assert peak < path.stat().st_size / 4  # a few records at a time, not the file


def test_a_records_address_that_names_only_its_month_dates_the_text(tmp_path):
    from yaowen.pipeline import process_page

    row = {"url": "https://news.example.cn/linjiang/201507/1234567.html",
           "content": "临江召开各代表团召集人会议\n7月9日上午,市七届人大五次会议举行各代表团召集人会议。市长韩松涛主持会议。"}
    [page] = [read_input(r) for r in iter_inputs([str(_jsonl(tmp_path / "d.jsonl", [row]))])]
    result = process_page(page)
    assert page.meta.date is None and result.year == 2015
    assert [a.event_date for a in result.articles] == ["2015-07-09"]
