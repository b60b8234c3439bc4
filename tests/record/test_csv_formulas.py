"""CSV formula injection: a headline a spreadsheet would run comes out of every CSV writer as text."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from helpers import PAGE

from yaowen.csv_cells import neutralised
from yaowen.record import Record
from yaowen.web import create_app

FORMULA = '=HYPERLINK("http://evil.example/","点击查看")'


@pytest.mark.parametrize(("value", "cell"), [
    ("=1+1", "'=1+1"), ("+86 123", "'+86 123"), ("-疫情", "'-疫情"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("审计=整改", "审计=整改"), (-3.5, -3.5), (7, 7), (None, None), ("", ""),
])
def test_a_cell_that_starts_a_formula_is_quoted(value, cell):
    assert neutralised(value) == cell


@pytest.fixture
def formula_record(tmp_path, db_url):
    page = PAGE.format(date_cn="2023年3月5日", weekday="日", n=1, md="3月5日", deputy="邱建国", place="矿山",
                       firms=101).replace("# 临江召开第1次安全生产工作会议", f"# {FORMULA}")
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "p.txt").write_text(page, encoding="utf-8")
    rec = Record.open(db_url)
    rec.ingest([str(tmp_path / "pages")])
    assert rec.search("安全生产").hits[0].headline == FORMULA, "the page keeps the headline as printed"
    yield rec
    rec.close()


def test_export_csv_neutralises_formulas(formula_record, tmp_path):
    formula_record.export(tmp_path / "out", "csv")
    with (tmp_path / "out" / "articles.csv").open(encoding="utf-8-sig", newline="") as f:
        headlines = [r["headline"] for r in csv.DictReader(f)]
    assert "'" + FORMULA in headlines and FORMULA not in headlines
    jsonl = (tmp_path / "out2")
    formula_record.export(jsonl, "jsonl")  # JSON is not a spreadsheet: kept as stored
    assert FORMULA.replace('"', '\\"') in (jsonl / "articles.jsonl").read_text(encoding="utf-8")


def test_web_csv_download_neutralises_formulas(formula_record):
    with TestClient(create_app(formula_record)) as client:
        for route, params in (("/api/v1/articles", {}), ("/api/v1/search", {"q": "安全生产"})):
            response = client.get(route, params=params | {"format": "csv"})
            assert response.status_code == 200
            rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
            assert "'" + FORMULA in [r["headline"] for r in rows], route
