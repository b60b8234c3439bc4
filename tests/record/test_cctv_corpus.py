"""A real article dump as a user holds one: ../shared/corpus/cctv-domestic-news.jsonl (823 news items with
date, title, link and content), ingested with the plain command. It used to become one 822,000-character page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from yaowen.cli import app
from yaowen.record import Record
from yaowen.record import schema as s

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus() -> Path:
    path = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "cctv-domestic-news.jsonl"
    if not path.is_file():
        pytest.skip("../shared/corpus is not beside the repository")
    return path


@pytest.fixture(scope="module")
def cctv_db(corpus, tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("cctv") / "cctv.db")
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert result.exit_code == 0, result.output
    assert "823 page(s) stored" in result.output
    return db


def test_every_item_is_a_page_with_its_date_and_title(cctv_db, corpus):
    items = [json.loads(line) for line in corpus.open(encoding="utf-8")]
    rec = Record.open(cctv_db, create=False)
    with rec.engine.connect() as conn:
        pages = conn.execute(select(s.pages.c.issue_date, s.pages.c.title, s.pages.c.url)).all()
        longest = conn.execute(select(func.max(func.length(s.articles.c.body)))).scalar()
        meeting_names = list(conn.execute(select(s.meetings.c.name)).scalars())
    rec.close()
    assert sorted(pages) == sorted((i["date"], i["title"], i["link"]) for i in items)
    assert longest < 5000  # articles, not the whole file
    assert not [n for n in meeting_names if n and "\n" in n]
    assert len(meeting_names) < len(items)


def test_search_person_and_meetings_give_sensible_results(cctv_db):
    found = json.loads(runner.invoke(app, ["search", "疫情", "--db", cctv_db, "--json", "-n", "50"]).stdout)
    assert found["total"] >= 10
    assert all("疫情" in (h["headline"] or "") + h["snippet"] for h in found["hits"])
    assert all(h["date"] and h["date"][:4] in ("2021", "2022", "2023", "2024") for h in found["hits"])
    people = json.loads(runner.invoke(app, ["people", "--db", cctv_db, "--json", "-n", "5"]).stdout)
    name = people[0]["name"]
    shown = runner.invoke(app, ["person", name, "--db", cctv_db])
    assert shown.exit_code == 0 and name in shown.stdout
    meetings = json.loads(runner.invoke(app, ["meetings", "--db", cctv_db, "--json", "-n", "20"]).stdout)
    assert meetings and all(m["date"] and len(m["name"] or m["body"] or "") <= 60 for m in meetings)
