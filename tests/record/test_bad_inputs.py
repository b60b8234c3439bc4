"""The bad-input corpus (tests/bad_inputs.py: over 30 kinds, good pages among them) through ingest and extract:
every bad input named on one line with its real reason, every good page stored, the exit code the README
documents, no traceback, no raw control character on the terminal; on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from yaowen.cli import main
from yaowen.record import Record
from yaowen.record import schema as s

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bad_inputs import Corpus, build_corpus  # noqa: E402

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def corpus(tmp_path, monkeypatch) -> tuple[Path, Corpus]:
    root = tmp_path / "in"
    built = build_corpus(root, AS_ROOT)
    if AS_ROOT:  # file modes do not stop root: the directory refuses to be listed the way it would for anyone
        real_scandir = os.scandir

        def scandir(path=".", *args):  # type: ignore[no-untyped-def]
            if os.fspath(path) == str(root / "locked"):
                raise PermissionError(13, "Permission denied", os.fspath(path))
            return real_scandir(path, *args)

        monkeypatch.setattr(os, "scandir", scandir)
    yield root, built
    (root / "locked").chmod(0o755)


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    out, err = capsys.readouterr()
    return int(done.value.code or 0), out, err


def _check_lines(err: str, built: Corpus) -> None:
    assert "Traceback" not in err and "internal error" not in err
    assert "\x1b" not in err and "\u202e" not in err  # names are shown with escapes, never raw
    lines = [x.removeprefix("yaowen: ") for x in err.splitlines() if x.startswith("yaowen: ")]
    for name, reason in built.bad.items():
        said = [x for x in lines if x.startswith(name + ": ") or x.startswith(name + " ")]
        assert len(said) == 1, (name, lines)
        assert reason in said[0], (name, said[0])
    assert len(lines) == len(built.bad), lines  # and no good page reported as bad


def test_ingest_of_the_bad_input_corpus(corpus, db_url, capsys):
    root, built = corpus
    assert len(built.bad) + 8 >= 30  # and 8 kinds of good page: names not UTF-8, newline, ESC, bidi, GBK, cut, deep, PDF
    code, out, err = _run(capsys, "ingest", str(root), "--db", db_url)
    assert code == 0, err  # pages were stored: the README's rule
    _check_lines(err, built)
    rec = Record.open(db_url)
    with rec.engine.connect() as conn:
        stored = {r.source: r.source_bytes for r in conn.execute(select(s.pages.c.source, s.pages.c.source_bytes))}
        errors = conn.execute(select(s.ingest_errors.c.source)).scalars().all()
    assert sorted(stored) == sorted(built.good)
    weird = [name for name, raw in stored.items() if raw is not None]
    assert len(weird) == 5 and all(os.path.exists(os.fsdecode(stored[name])) for name in weird)  # exact bytes kept
    assert len(errors) == len(built.bad)
    assert rec.search(built.deep_text[6:16]).total == 1  # the text below 2,048 levels of nesting is stored
    rec.close()
    # a rerun stores nothing new, says the same about the bad ones, and still exits 0 (all skipped)
    code, _, err = _run(capsys, "ingest", str(root), "--db", db_url)
    assert code == 0 and "0 page(s) stored" in err
    _check_lines(err, built)
    rec = Record.open(db_url)
    with rec.engine.connect() as conn:  # the failures are noted once each, not once a run
        again = conn.execute(select(s.ingest_errors.c.source)).scalars().all()
    rec.close()
    assert sorted(again) == sorted(errors)


def test_extract_of_the_bad_input_corpus(corpus, tmp_path, capsys):
    root, built = corpus
    code, out, err = _run(capsys, "extract", str(root), "--json")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]  # MuPDF's messages never reach stdout
    assert len(records) == len(built.good)
    assert {r["source"] for r in records} >= {"bad\\xff\\xfe.txt", "new\\nline.txt", "esc\\x1b[31mred\\x1b[0m.txt"}
    _check_lines(err, built)
    code, _, err = _run(capsys, "extract", str(root), "--out", str(tmp_path / "out"))
    assert code == 0
    written = os.listdir(os.fsencode(tmp_path / "out"))
    assert len(written) == len(built.good) and not [w for w in written if w.endswith(b".tmp")]
