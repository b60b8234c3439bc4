"""Every mistake on the command line ends in one line and a non-zero exit, never a traceback, and no read
command creates a record. Run through ``yaowen.cli.main``, the installed ``yaowen`` command."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from yaowen.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pages"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def one_line(capsys, *args: str, code: int = 2) -> str:
    got, _, err = run(capsys, *args)
    assert got == code, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("yaowen: "), err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("mistakes") / "yaowen.db")
    with pytest.raises(SystemExit) as done:
        main(["ingest", str(EXAMPLES), "--db", path, "--paper", "临江日报"])
    assert done.value.code == 0
    return path


@pytest.mark.parametrize("command", [["search", "审计"], ["person", "韩松涛"], ["people"], ["meetings"], ["stats"],
                                     ["export", "--out", "out"], ["serve"], ["pages"], ["appointments"],
                                     ["merge", "群策", "邓群策"], ["rules"], ["remove", "1"], ["reextract"]])
def test_read_commands_never_create_a_record(capsys, tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YAOWEN_DB", raising=False)
    line = one_line(capsys, *command)
    assert line.startswith("yaowen: no record at yaowen.db (store pages first with `yaowen ingest PATH`")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_directory_is_named_and_never_made(capsys, tmp_path):
    target = tmp_path / "no" / "such" / "x.db"
    assert one_line(capsys, "search", "审计", "--db", str(target)) == (
        f"yaowen: no record at {target} (no directory {target.parent}) (store pages first with `yaowen ingest "
        "PATH`, or name the record with --db or $YAOWEN_DB)")
    assert one_line(capsys, "ingest", str(EXAMPLES), "--db", str(target)) == (
        f"yaowen: cannot create the record {target}: no directory {target.parent}")
    assert not (tmp_path / "no").exists()


def test_a_file_that_is_not_a_record(capsys, tmp_path):
    other = tmp_path / "other.db"
    import sqlite3

    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    line = one_line(capsys, "stats", "--db", str(other))
    assert line.startswith(f"yaowen: sqlite:///{other} holds no Yaowen record (no pages table)")


@pytest.mark.parametrize("args, message", [
    (["search", "审计", "--from", "2021-13"], "--from 2021-13: there is no month 13; write 2021, 2021-03 or 2021-03-05"),
    (["search", "审计", "--from", "yesterday"], "--from yesterday: not a date; write 2021, 2021-03 or 2021-03-05"),
    (["search", "审计", "--to", "2023-02-30"], "--to 2023-02-30: 2023-02 has no day 30"),
    (["search", "审计", "--from", "2023", "--to", "2022"], "--from 2023 is after --to 2022"),
    (["search", "审计", "-n", "-5"], "--limit -5: give a number from 1 to 500"),
    (["search", "审计", "--page", "0"], "--page 0: result pages are numbered from 1"),
    (["search", "审计", "--topic", "审计"], "--topic 审计: no such topic; the topics are 审计整改 (audit)、"),
    (["search", "审计", "--sort", "newest"], "--sort newest: sort by relevance or date"),
    (["search", "-疫情"], "'-疫情': only words to leave out; add a word to look for (审计 -疫情)"),
    (["search", "审计", "--frm", "2021"], "no such option: --frm (see `yaowen search --help`)"),
    (["search", "！！"], "'！！': nothing to search for; use Chinese characters, letters or digits"),
    (["meetings", "--from", "2021-13"], "--from 2021-13: there is no month 13"),
    (["people", "-n", "0"], "--limit 0: give a number from 1 to 10,000"),
    (["appointments", "--kind", "promote"], "--kind promote: no such kind; the kinds are 任命 (appoint)"),
    (["export", "--format", "xlsx", "--out", "x"], "--format xlsx: write jsonl, csv or parquet"),
    (["serve", "--port", "99999"], "--port 99999: a port is a number from 1 to 65535"),
    (["search"], "Missing argument 'QUERY'. (see `yaowen search --help`)"),
    (["remove"], "say which pages to remove: page ids, --source, --paper, --from/--to"),
])
def test_mistakes_are_one_line(capsys, db, args, message):
    assert message in one_line(capsys, args[0], "--db", db, *args[1:])


def test_merge_and_split_of_names_not_in_the_record_store_nothing(capsys, db):
    assert one_line(capsys, "merge", "张三", "韩松涛", "--db", db, code=1) == "yaowen: no one named 张三 in the record"
    assert one_line(capsys, "split", "韩松涛", "--post", "村支书", "--db", db, code=1) == (
        "yaowen: no mention of 韩松涛 has a post containing 村支书")
    code, out, _ = run(capsys, "rules", "--db", db, "--json")
    assert code == 0 and out.strip() == "[]"


def test_export_to_a_file_or_an_unwritable_place(capsys, db, tmp_path):
    existing = tmp_path / "exists.csv"
    existing.write_text("x", encoding="utf-8")
    assert one_line(capsys, "export", "--out", str(existing), "--db", db) == (
        f"yaowen: --out {existing}: a file of that name exists; give a directory")
    assert one_line(capsys, "export", "--out", "/proc/yaowen-x", "--db", db).startswith(
        "yaowen: --out /proc/yaowen-x: cannot write there")


def test_serve_checks_its_port_before_announcing_itself(capsys, db):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = one_line(capsys, "serve", "--db", db, "--port", str(port))
    assert line == f"yaowen: cannot listen on 127.0.0.1:{port}: in use by another program (choose another with --port)"


def test_search_words_quoted_or_not(capsys, db):
    unquoted = run(capsys, "search", "会议", "-审计", "--json", "--db", db)[1]
    quoted = run(capsys, "search", "会议 -审计", "--json", "--db", db)[1]
    assert unquoted == quoted and '"total": 0' not in quoted
    assert run(capsys, "search", "会议", "--json", "--db", db)[1] != quoted


def test_topic_labels_and_codes_give_the_same_articles(capsys, db):
    by_code = run(capsys, "search", "审计", "--topic", "audit", "--json", "--db", db)[1]
    by_label = run(capsys, "search", "审计", "--topic", "审计整改", "--json", "--db", db)[1]
    assert by_code == by_label and '"total": 0' not in by_code


def test_help_names_its_arguments(capsys):
    for command in ("ingest", "extract", "remove", "reextract"):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and "list[" not in out and "<" not in out.split("Options")[0], out


def test_the_demo_says_how_many_meetings_it_shows(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(EXAMPLES.parents[1])
    code, out, _ = run(capsys, "demo", "--db", str(tmp_path / "demo.db"))
    assert code == 0
    assert "meetings: the latest 5 of 9 (all: yaowen meetings)" in " ".join(out.split())
