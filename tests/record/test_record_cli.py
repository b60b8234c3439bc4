"""Every record command of the CLI, end to end on a SQLite file (the same library runs on PostgreSQL)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from yaowen.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "yaowen.db")
    result = runner.invoke(app, ["ingest", str(EXAMPLES), "--db", path, "--paper", "临江日报"])
    assert result.exit_code == 0, result.output
    assert "7 page(s) stored" in result.output
    return path


def _json(args: list[str]):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_again_skips_and_bad_file_is_one_line(db, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff" * 100)
    result = runner.invoke(app, ["ingest", str(EXAMPLES), str(bad), "--db", db])
    assert result.exit_code == 0
    assert "0 page(s) stored" in result.output and "7 already in the record" in result.output
    assert [line for line in result.output.splitlines() if str(bad) in line][0].startswith("yaowen: ")


def test_ingest_with_nothing_readable_fails(tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "none.txt"), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1 and "no such file" in result.output


def test_yaowen_db_environment_variable(db, monkeypatch):
    monkeypatch.setenv("YAOWEN_DB", db)
    assert _json(["stats", "--json"])["pages"] == 7


def test_search(db):
    data = _json(["search", "审计", "--db", db, "--json"])
    assert data["total"] >= 2 and "审计" in data["hits"][0]["headline"]
    assert "<mark>审计</mark>" in data["hits"][0]["snippet"]
    narrowed = _json(["search", "审计", "--db", db, "--json", "--topic", "audit", "--from", "2022"])
    assert 0 < narrowed["total"] <= data["total"]
    shown = runner.invoke(app, ["search", "审计", "--db", db])
    assert shown.exit_code == 0 and "审计" in shown.stdout and "<mark>" not in shown.stdout


def test_person_people_meetings_stats(db):
    [person] = _json(["person", "欧阳明远", "--db", db, "--json"])
    assert person["timeline"] and person["meetings"] and person["appearances"]
    assert any(t["post"] == "市委书记" for t in person["timeline"])
    assert runner.invoke(app, ["person", "无此人", "--db", db]).exit_code == 1
    shown = runner.invoke(app, ["person", "欧阳明远", "--db", db])
    assert "市委书记" in shown.stdout

    people = _json(["people", "--db", db, "--json", "-n", "5"])
    assert len(people) == 5 and people[0]["mentions"] >= people[-1]["mentions"]
    meetings = _json(["meetings", "--db", db, "--json"])
    body = meetings[0]["body"]
    assert all(m["body"] == body for m in _json(["meetings", "--db", db, "--json", "--body", body]))
    stats = _json(["stats", "--db", db, "--json"])
    assert stats["pages"] == 7 and stats["articles"] >= 15 and stats["papers"][0]["paper"] == "临江日报"
    assert "articles" in runner.invoke(app, ["stats", "--db", db]).stdout


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(db, tmp_path, fmt):
    out = tmp_path / fmt
    result = runner.invoke(app, ["export", "--format", fmt, "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    stats = _json(["stats", "--db", db, "--json"])
    files = {p.stem: p for p in out.iterdir()}
    assert {"pages", "articles", "people", "mentions", "posts", "meetings", "participants", "documents",
            "figures", "appointments"} <= set(files)
    for table in ("articles", "people", "meetings", "figures"):
        path = files[table]
        if fmt == "jsonl":
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        elif fmt == "csv":
            rows = list(csv.DictReader(path.open(encoding="utf-8-sig")))
        else:
            import pyarrow.parquet as pq

            rows = pq.read_table(path).to_pylist()
        assert len(rows) == stats[table], table
    if fmt == "parquet":
        import pyarrow.parquet as pq

        figures = pq.read_table(files["figures"])
        assert str(figures.schema.field("value").type) == "double"
        assert "raw" not in pq.read_table(files["pages"]).column_names  # page bytes stay in the database


def test_unknown_export_format(db, tmp_path):
    assert runner.invoke(app, ["export", "--format", "xlsx", "--out", str(tmp_path), "--db", db]).exit_code == 2


def test_merge_split_rules(db):
    before = _json(["people", "--db", db, "--json", "-n", "500"])
    name = before[0]["name"]
    result = runner.invoke(app, ["split", name, "--post", "书记", "--db", db])
    assert result.exit_code == 0
    [rule] = _json(["rules", "--db", db, "--json"])
    assert (rule["kind"], rule["name"], rule["target"]) == ("split", name, "书记")
    assert len(_json(["person", name, "--db", db, "--json"])) == 2
    assert runner.invoke(app, ["rules", "--remove", str(rule["id"]), "--db", db]).exit_code == 0
    assert len(_json(["person", name, "--db", db, "--json"])) == 1
    assert runner.invoke(app, ["rules", "--remove", "999", "--db", db]).exit_code == 1
    other = before[1]["name"]
    assert runner.invoke(app, ["merge", other, name, "--db", db]).exit_code == 0
    assert _json(["person", other, "--db", db, "--json"]) == []
    merged = _json(["person", name, "--db", db, "--json"])[0]
    assert merged["mentions"] == before[0]["mentions"] + before[1]["mentions"]


def test_reextract_command(db):
    result = runner.invoke(app, ["reextract", "--db", db, "--all"])
    assert result.exit_code == 0 and "7 page(s) stored" in result.output


def test_unopenable_database_is_one_line(tmp_path):
    result = runner.invoke(app, ["stats", "--db", "postgresql://nobody@127.0.0.1:1/none"])
    assert result.exit_code == 2 and result.output.count("\n") <= 2 and "cannot open the record" in result.output


def test_demo_ingests_the_examples_and_shows_the_record(tmp_path):
    db = str(tmp_path / "demo.db")
    result = runner.invoke(app, ["demo", str(EXAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "欧阳明远" in out and "市委书记" in out  # the people table and a post timeline
    assert "以高质量审计监督" in out  # the search for 审计 found the audit committee's article
    assert _json(["stats", "--db", db, "--json"])["pages"] == 7
    names = [p["name"] for p in _json(["people", "--db", db, "--json", "-n", "500"])]
    assert len(names) == len(set(names))  # one paper: nobody counted twice
    assert runner.invoke(app, ["demo", str(tmp_path / "nowhere"), "--db", db]).exit_code == 1
