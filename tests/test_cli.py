"""The command line end to end: output files, the terminal view, and bad input in a batch."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from yaowen.cli import app

runner = CliRunner()

PAGE = (
    "市委审计委员会举行第二次会议\n\n强化审计监督 服务高质量发展\n\n周明远主持 欧阳青出席\n\n■本报记者 林 立\n\n"
    "本报讯 5月6日,临江市委审计委员会举行第二次会议。市委书记、市委审计委员会主任周明远主持会议。\n\n"
    "会议原则同意《2023年度全市审计项目计划》。\n\n市领导王红、李卫东出席。\n"
)


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_cli_extract_writes_one_json_per_page(tmp_path: Path):
    (tmp_path / "in").mkdir()
    src = _write(tmp_path / "in" / "page1.txt", PAGE)
    _write(tmp_path / "in" / "page2.txt", PAGE.replace("第二次", "第三次"), "gb18030")
    result = runner.invoke(app, ["extract", str(src.parent), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    rec = json.loads((tmp_path / "out" / "page1.json").read_text(encoding="utf-8"))
    [a] = rec["articles"]
    assert a["kicker"] == "市委审计委员会举行第二次会议" and a["reporters"] == ["林立"]
    assert rec["page_id"] and len(rec["page_id"]) == 64
    assert rec["meetings"][0]["chairs"] == ["周明远"]
    rec2 = json.loads((tmp_path / "out" / "page2.json").read_text(encoding="utf-8"))
    assert rec2["encoding"].lower().replace("-", "") in ("gb18030", "gbk", "gb2312")
    assert rec2["articles"][0]["kicker"] == "市委审计委员会举行第三次会议"


def test_cli_extract_shows_articles_in_the_terminal(tmp_path: Path):
    src = _write(tmp_path / "page.txt", PAGE)
    result = runner.invoke(app, ["extract", str(src)])
    assert result.exit_code == 0
    assert "强化审计监督 服务高质量发展" in result.output and "林立" in result.output


def test_cli_bad_files_are_reported_and_the_batch_goes_on(tmp_path: Path):
    d = tmp_path / "batch"
    d.mkdir()
    _write(d / "good.txt", PAGE)
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (d / "notnews.txt").write_text("hello world\n" * 3)
    result = runner.invoke(app, ["extract", str(d), str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert (tmp_path / "out" / "good.json").exists()
    lines = [x for x in result.output.splitlines() if x.startswith("yaowen:")]
    named = " ".join(lines)
    for bad in ("empty.txt", "binary.txt", "missing.txt", "notnews.txt"):
        assert bad in named
    assert all(len(x) < 300 for x in lines)  # one line each


def test_cli_nothing_readable_exits_non_zero(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path / "empty.txt")])
    assert result.exit_code == 1 and "empty.txt" in result.output


def test_cli_rerun_overwrites_atomically(tmp_path: Path):
    src = _write(tmp_path / "page.txt", PAGE)
    for _ in range(2):
        assert runner.invoke(app, ["extract", str(src), "--out", str(tmp_path / "out")]).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["page.json"]


def test_extract_json_prints_one_json_record_per_line(tmp_path: Path):
    one = _write(tmp_path / "one.txt", PAGE)
    two = _write(tmp_path / "two.txt", PAGE.replace("第二次", "第三次"))
    result = runner.invoke(app, ["extract", str(one), str(two), "--json"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2  # JSON Lines: one compact record a line
    assert [json.loads(line)["source"] for line in lines] == ["one.txt", "two.txt"]


def test_extract_reads_an_article_dump_record_by_record(tmp_path: Path):
    rows = [{"title": "市委审计委员会举行第二次会议", "date": "2023-05-07", "content": PAGE.split("\n\n", 4)[4]},
            {"title": "没有正文"},
            {"title": "市委审计委员会举行第三次会议", "date": "2023-08-07",
             "content": PAGE.split("\n\n", 4)[4].replace("第二次", "第三次")}]
    dump = tmp_path / "articles.jsonl"
    dump.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["extract", str(dump), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["articles-1.json", "articles-3.json"]
    first = json.loads((tmp_path / "out" / "articles-1.json").read_text(encoding="utf-8"))
    assert first["issue_date"] == "2023-05-07" and first["title"] == "市委审计委员会举行第二次会议"
    assert first["articles"][0]["headline"] == "市委审计委员会举行第二次会议"
    assert f"{dump} line 2: no text field" in result.output
    assert "2 page(s), 2 article(s), 1 error(s)" in result.output


def test_extract_field_option_mistakes_are_one_line(tmp_path: Path):
    result = runner.invoke(app, ["extract", str(_write(tmp_path / "p.txt", PAGE)), "--field", "author=x"])
    assert result.exit_code == 2
    assert result.output.strip() == ("yaowen: --field 'author=x': the role must be one of text, title, date, url, "
                                     "paper")


def test_cli_help_loads_neither_pipeline_nor_record():
    """`yaowen --help` (and every mistyped option) answers without loading the extractor's word lists and
    models or SQLAlchemy: the commands import them when they run."""
    import subprocess
    import sys

    probe = ("import sys, yaowen.cli; heavy = [m for m in ('yaowen.pipeline', 'yaowen.extract', 'yaowen.record', "
             "'sqlalchemy') if m in sys.modules]; print(','.join(heavy))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == ""
