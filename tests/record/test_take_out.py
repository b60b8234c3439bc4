"""Taking things out again and fixing what ingest was not told: remove pages (by id, source, paper, dates)
with their facts, give stored pages a paper, and the paper a page prints on its masthead or datelines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import write_pages
from sqlalchemy import func, select
from typer.testing import CliRunner

from yaowen.cli import app
from yaowen.record import PageSelection
from yaowen.record import schema as s

runner = CliRunner()

OWN_DATELINE = "# 衡阳召开审计整改推进会\n\n衡阳日报讯（记者 苏晴）6月1日，全市审计整改推进会召开。市委副书记、市长韩松涛主持会议并讲话。\n"
PLAIN = "# 衡阳港吞吐量创新高\n\n本报讯 6月3日，衡阳港完成货物吞吐量1200万吨。副市长邱建国出席。\n"


def _counts(rec) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with rec.engine.connect() as conn:
        return {t.name: conn.execute(select(func.count()).select_from(t)).scalar()
                for t in (s.pages, s.articles, s.mentions, s.people, s.meetings, s.figures)}


def test_remove_by_id_source_paper_and_dates_with_their_facts(record, tmp_path):
    paths = write_pages(tmp_path / "pages", 6)  # 2023, one a month from January
    record.ingest([str(p) for p in paths[:3]], paper="临江日报")
    record.ingest([str(p) for p in paths[3:]], paper="临江晚报")
    before = _counts(record)
    assert record.remove(PageSelection()) == (0, 0)  # nothing selected: nothing removed
    first = record.pages(PageSelection(source="page_0000.txt"))
    assert [p["source"] for p in first] == [str(paths[0])]
    assert record.remove(PageSelection(ids=[first[0]["id"]])) == (1, first[0]["articles"])
    assert record.remove(PageSelection(paper="临江晚报", date_from="2023-05", date_to="2023-05")) == (1, 1)
    assert record.remove(PageSelection(source="page_000?.txt", paper="临江日报")) == (2, 2)
    left = record.pages(PageSelection())
    assert sorted(p["source"] for p in left) == [str(paths[3]), str(paths[5])]
    after = _counts(record)
    assert after["pages"] == 2 and after["articles"] < before["articles"] and after["mentions"] < before["mentions"]
    assert record.search("安全生产", limit=50).total == 2
    with record.engine.connect() as conn:  # no fact is left pointing at a removed article
        orphans = conn.execute(select(func.count()).select_from(s.mentions).where(
            s.mentions.c.article_id.not_in(select(s.articles.c.id)))).scalar()
    assert orphans == 0


def test_the_paper_printed_on_the_page_is_taken_when_none_is_given(record, tmp_path):
    (tmp_path / "own.txt").write_text(OWN_DATELINE, encoding="utf-8")
    (tmp_path / "masthead.txt").write_text("衡阳日报 2023年6月4日 星期日\n\n" + PLAIN, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(PLAIN.replace("吞吐量", "集装箱吞吐量"), encoding="utf-8")
    record.ingest([str(tmp_path / "own.txt"), str(tmp_path / "masthead.txt")])
    record.ingest([str(tmp_path / "plain.txt")])  # prints no paper and stands alone: none is guessed
    papers = {Path(p["source"]).name: p["paper"] for p in record.pages(PageSelection())}
    assert papers == {"own.txt": "衡阳日报", "masthead.txt": "衡阳日报", "plain.txt": ""}


def test_a_paper_forgotten_at_ingest_is_set_by_reextract_or_by_ingesting_again(record, tmp_path):
    paths = [str(p) for p in write_pages(tmp_path / "pages", 3)]
    (tmp_path / "pages" / "plain.txt").write_text(PLAIN, encoding="utf-8")
    plain = str(tmp_path / "pages" / "plain.txt")
    record.ingest([plain])
    record.ingest(paths, paper="临江日报")
    assert {p["paper"] for p in record.pages(PageSelection())} == {"", "临江日报"}
    report = record.reextract(paper="衡阳日报")  # no selection: the pages stored without a paper
    assert report.relabelled == 1 and report.stored == 1
    assert {Path(p["source"]).name: p["paper"] for p in record.pages(PageSelection())}["plain.txt"] == "衡阳日报"
    assert sorted(p["paper"] for p in record.person("邱建国")) == ["临江日报", "衡阳日报"]  # people are per paper
    again = record.ingest(paths[:1], paper="临江晚报")  # ingesting again with --paper gives the paper
    assert (again.stored, again.skipped, again.relabelled) == (0, 1, 1)
    assert record.pages(PageSelection(source="page_0000.txt"))[0]["paper"] == "临江晚报"


def test_remove_pages_and_reextract_from_the_command_line(tmp_path):
    db = str(tmp_path / "r.db")
    paths = [str(p) for p in write_pages(tmp_path / "pages", 4)]
    assert runner.invoke(app, ["ingest", *paths, "--db", db]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["pages", "--db", db, "--json"]).stdout)
    assert len(listed) == 4 and {p["paper"] for p in listed} == {"临江日报"}  # read from the masthead
    dry = runner.invoke(app, ["remove", "--source", "page_0001.txt", "--db", db, "--dry-run"])
    assert dry.exit_code == 0 and "would remove 1 page(s) with 1 article(s)" in dry.output
    gone = runner.invoke(app, ["remove", "--source", "page_0001.txt", "--db", db])
    assert gone.exit_code == 0 and "removed 1 page(s) with 1 article(s)" in gone.output
    missing = runner.invoke(app, ["remove", "99", "--db", db])
    assert missing.exit_code == 1 and "no stored page matches the selection" in missing.output
    relabel = runner.invoke(app, ["reextract", "--paper", "衡阳日报", "--from", "2023-03", "--db", db])
    assert relabel.exit_code == 0, relabel.output
    papers = {Path(p["source"]).name: p["paper"] for p in json.loads(
        runner.invoke(app, ["pages", "--db", db, "--json"]).stdout)}
    assert papers == {"page_0000.txt": "临江日报", "page_0002.txt": "衡阳日报", "page_0003.txt": "衡阳日报"}


@pytest.mark.parametrize("pattern, expected", [
    ("news.jsonl", {"data/news.jsonl#1", "data/news.jsonl#2"}),
    ("data/news.jsonl", {"data/news.jsonl#1", "data/news.jsonl#2"}),
    ("news.jsonl#2", {"data/news.jsonl#2"}),
    ("*.warc.gz", {"crawl.warc.gz#3"}),
    ("page_%", set()),  # % and _ are text, not SQL wildcards
])
def test_source_patterns(record, pattern, expected):
    with record.engine.begin() as conn:
        for n, source in enumerate(["data/news.jsonl#1", "data/news.jsonl#2", "crawl.warc.gz#3", "page_1.txt"]):
            conn.execute(s.pages.insert().values(sha256=f"{n:064d}", source=source, paper="", size=1, raw=b"x",
                                                 extractor="test", ingested_at=func.now()))
    assert {p["source"] for p in record.pages(PageSelection(source=pattern))} == expected
