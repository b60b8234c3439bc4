"""The README works as written: every command and curl example in it is run here, or its synopsis checked
against the command's own help, or it is named below with the reason it is run elsewhere.

A record of the example pages (plus the pages of the who-is-who example: 邓群策 and 群策, two 王伟) stands in
for the reader's; `yaowen serve` runs on a free port instead of 8000, and each curl example is sent to it.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from yaowen.cli import main
from yaowen.record import Record

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")
EXAMPLES = REPO / "examples" / "pages"

# Commands of the README that are not run here, each with where it is run or why it cannot be.
SKIPPED = {
    "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/yaowen demo":
        "installs the package, as on a fresh clone; the demo itself is run by "
        "tests/test_cli_mistakes.py::test_the_demo_says_how_many_meetings_it_shows",
    'python3 -m venv .venv && .venv/bin/pip install -q -e ".[test]" && .venv/bin/python -m pytest':
        "the test command: exactly what .ci/run runs",
    ".venv/bin/python bench/eval_dev.py --jieba --with-urls": "a benchmark (needs jieba, a bench-only package); the gold gate "
    "tests/eval/test_gold_gate.py scores the same dev set against its floors",
    ".venv/bin/yaowen extract ../shared/seeds --out /tmp/out && python3 ../shared/eval/score.py "
    "../shared/gold/seeds /tmp/out": "the gold gate: tests/eval/test_gold_gate.py runs this extract and score",
    ".venv/bin/yaowen extract ../shared/dev/raw --out /tmp/dev": "the gold gate: tests/eval/test_gold_gate.py runs "
    "this extract (its dev-urls set) and scores it",
    ".venv/bin/yaowen extract ../shared/dev/raw --no-urls --out /tmp/dev-text": "the gold gate: "
    "tests/eval/test_gold_gate.py runs this extract (its dev set) and scores it",
    "ray start --head --port=6379 --num-cpus=8": "starts a Ray cluster's head node; the Ray engine's tests start a "
        "local Ray instead (tests/batch/test_ray_engine.py)",
    "ray start --address=HEAD:6379 --num-cpus=16": "joins another machine to the cluster: needs a second machine",
    "yaowen ingest --manifest pages.lst --engine ray --address auto --workers 0 --db postgresql://USER@DBHOST/yaowen":
        "needs the cluster and the server above; the same ingest on a local Ray is run by "
        "tests/batch/test_ray_engine.py and its options checked against `yaowen ingest --help` by the synopses",
}
WHO_IS_WHO = [  # (headline, body): the names the README's who-is-who example uses
    ("市委常委会召开", "市委常委会召开会议。市委书记邓群策主持会议。"),
    ("群策调研", "市委书记群策到园区调研。"),
    ("王伟出席会议", "全市农业工作会议召开。副市长王伟出席会议。"),
    ("村里的新变化", "石门村党支部书记王伟介绍，村里新修了道路。"),
]
_PLACEHOLDER_RE = re.compile(r"\b[A-Z][A-Z_]+\b|\[|\.\.\.|\||\bD\b|\bK\b|\bN\b|\bP\b|\bS\b|\bT\b|\bB\b")
_OPTION_RE = re.compile(r"(?<![\w-])(--[a-z][a-z-]*|-[a-z])\b")


def readme_commands() -> list[str]:
    """Every shell line of the README's sh blocks, and every inline `yaowen ...` or `curl ...` span."""
    found: list[str] = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line).strip()
            if line:
                found.append(line)
    prose = re.sub(r"```.*?```", "", README, flags=re.S)
    for span in re.findall(r"`([^`]+)`", prose):
        span = " ".join(span.replace("\\|", "|").split())
        if span.startswith(("yaowen ", ".venv/bin/yaowen ", "curl ")) or span == "yaowen":
            found.append(span)
    return list(dict.fromkeys(found))


def kind_of(command: str) -> str:
    if command in SKIPPED:
        return "skipped"
    if command.startswith("curl "):
        return "curl"
    if not command.startswith(("yaowen", ".venv/bin/yaowen")):
        return "unknown"
    args = shlex.split(command)[1:]
    if args[:1] == ["serve"]:
        return "serve"
    return "synopsis" if _PLACEHOLDER_RE.search(" ".join(args)) else "run"


def test_every_command_of_the_readme_is_accounted_for():
    kinds = {c: kind_of(c) for c in readme_commands()}
    assert [c for c, k in kinds.items() if k == "unknown"] == []
    assert len([k for k in kinds.values() if k == "curl"]) >= 2
    assert len([k for k in kinds.values() if k == "run"]) >= 5
    assert set(SKIPPED) <= set(kinds), "a skipped command is no longer in the README: drop it from SKIPPED"


def _run(capsys, args: list[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(args)
    out, err = capsys.readouterr()
    return done.value.code, out, err


@pytest.mark.parametrize("command", [c for c in readme_commands() if kind_of(c) == "synopsis"])
def test_each_synopsis_names_options_the_command_has(capsys, command):
    args = shlex.split(command)[1:]
    code, help_text, _ = _run(capsys, [args[0], "--help"])
    assert code == 0
    missing = [o for o in _OPTION_RE.findall(command) if o not in help_text]
    assert missing == [], f"{command}: the command has no {missing}"


@pytest.fixture(scope="module")
def reader_folder(tmp_path_factory) -> Path:
    """A folder as a reader's clone: examples/pages, and a record with them and the who-is-who pages."""
    folder = tmp_path_factory.mktemp("reader")
    shutil.copytree(EXAMPLES, folder / "examples" / "pages")
    who = folder / "who"
    who.mkdir()
    for n, (headline, body) in enumerate(WHO_IS_WHO):
        (who / f"w{n}.txt").write_text(f"临江日报 2022年{n + 1}月5日 星期三\n\n# {headline}\n\n本报讯 {n + 1}月4日，{body}\n",
                                       encoding="utf-8")
    rec = Record.open(str(folder / "yaowen.db"))
    assert not rec.ingest([str(folder / "examples" / "pages"), str(who)], paper="临江日报").failed
    rec.close()
    return folder


@pytest.mark.parametrize("command", [c for c in readme_commands() if kind_of(c) == "run"])
def test_each_runnable_command_runs_as_written(capsys, monkeypatch, reader_folder, command):
    monkeypatch.chdir(reader_folder)
    monkeypatch.delenv("YAOWEN_DB", raising=False)
    code, out, err = _run(capsys, shlex.split(command)[1:])
    assert code == 0, f"{command}: {err}"
    assert "Traceback" not in err and (out.strip() or err.strip())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(reader_folder):
    """`yaowen serve --db yaowen.db` as the README writes it, on a free port; its address."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "yaowen", "serve", "--db", "yaowen.db", "--port", str(port)],
                            cwd=reader_folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/stats", timeout=2) as r:  # noqa: S310
                assert json.load(r)["pages"] > 0
            break
        except OSError:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "serve ended"
            assert time.monotonic() < deadline, "yaowen serve did not answer within a minute"
            time.sleep(0.2)
    yield port
    proc.terminate()
    proc.wait(10)


@pytest.mark.parametrize("command", [c for c in readme_commands() if kind_of(c) == "serve"])
def test_serve_commands_are_checked(capsys, reader_folder, served, command):
    # the server itself runs in `served`; here each spelling of it must parse and find the record
    args = shlex.split(command)[1:]
    code, out, _ = _run(capsys, [*args, "--help"])
    assert code == 0 and all(o in out for o in _OPTION_RE.findall(command))


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
@pytest.mark.parametrize("command", [c for c in readme_commands() if kind_of(c) == "curl"])
def test_each_curl_example_gets_an_answer_not_an_error(reader_folder, served, tmp_path, command):
    line = command.replace("127.0.0.1:8000", f"127.0.0.1:{served}")
    run = subprocess.run(["bash", "-c", line], cwd=tmp_path, capture_output=True, timeout=60,
                         env=dict(os.environ, LC_ALL="C.UTF-8"))
    assert run.returncode == 0, (command, run.stderr.decode())
    if " -o " in line:
        name = shlex.split(line)[shlex.split(line).index("-o") + 1]
        text = (tmp_path / name).read_text(encoding="utf-8-sig")
        header, *rows = text.splitlines()
        assert header.startswith("id,date,body") and rows, text[:300]
    else:
        answer = json.loads(run.stdout)
        assert "detail" not in answer, answer
        assert answer.get("total", 0) > 0 or answer.get("items") or answer.get("hits"), answer
