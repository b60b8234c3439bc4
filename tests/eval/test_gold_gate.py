"""The gold gate: extract the annotated sets with the CLI, score them, and fail below the pinned floors.

Floors live in tests/eval/baseline.json. Raise them when the figures rise; never lower them to pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BASELINE = Path(__file__).with_name("baseline.json")
REPO = Path(__file__).resolve().parents[2]
# gold set -> (pages, annotations, options); "seeds" are the real pages beside the repo, "examples" our own
# fictional ones
SETS = {
    "seeds": lambda shared: (shared / "seeds", shared / "gold" / "seeds", []),
    "examples": lambda shared: (REPO / "examples" / "pages", REPO / "examples" / "expected", []),
    # 90 real excerpts from cities all over China (web text, e-paper, traditional and pinyin mirrors), read from
    # their text alone, and with the source URLs of dev/INDEX.tsv beside dev/raw (found there by extract)
    "dev": lambda shared: (shared / "dev" / "raw", shared / "dev" / "gold", ["--no-urls"]),
    "dev-urls": lambda shared: (shared / "dev" / "raw", shared / "dev" / "gold", []),
}


def _yaowen() -> list[str]:
    script = Path(sys.executable).parent / "yaowen"
    return [str(script)] if script.exists() else [sys.executable, "-m", "yaowen"]


def _score(shared: Path, gold: Path, pages: Path, out: Path, options: list[str]) -> dict:
    run = subprocess.run([*_yaowen(), "extract", str(pages), "--out", str(out), *options], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    scored = subprocess.run(
        [sys.executable, str(shared / "eval" / "score.py"), str(gold), str(out), "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(scored.stdout)


def _figure(scores: dict, key: str) -> float:
    v = scores[key]
    return v if not isinstance(v, dict) else (v["f1"] if "f1" in v else v["acc"])


@pytest.mark.parametrize("gold_set", sorted(json.loads(BASELINE.read_text())))
def test_gold_gate_scores_stay_above_floors(shared: Path, tmp_path: Path, gold_set: str):
    floors = json.loads(BASELINE.read_text())[gold_set]
    pages, gold, options = SETS[gold_set](shared)
    scores = _score(shared, gold, pages, tmp_path / "out", options)
    below = {k: (_figure(scores, k), floor) for k, floor in floors.items() if _figure(scores, k) < floor}
    assert not below, f"below the pinned floor (got, floor): {below}"
