"""The simplified dev pages under the damage real pages show, scored against the same gold.

    .venv/bin/python bench/eval_noise.py [--shared ../shared] [--variants clean,wrapped,broken,trad+pinyin]

Each simplified page of ``../shared/dev`` (INDEX.tsv's script column) is written out again with one kind of
noise from ``bench/corpus_noise.py`` (seeded by the page's id, so a run is reproducible), extracted with this
checkout's ``yaowen extract`` and scored with ``../shared/eval/score.py`` against the page's own gold: the
facts are the same, only the text is damaged. The rules were written on the clean pages; the noisy ones
measure what a page printed another way costs.

- ``wrapped``: every paragraph re-flowed into a fixed column of 14-40 characters (text pulled from a PDF
  column or a fixed-width e-paper), each paragraph's first line keeping its indent;
- ``broken``: 30% of the long paragraphs broken where a column ended, a blank line in mid-word, sometimes
  the word printed on both sides;
- ``trad+pinyin``: traditional script with the reading after a share of the converted characters and a few
  characters lost as ``?`` (the mirrors' damage).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import corpus_noise as noise  # noqa: E402

FIELDS = ("articles", "people", "titles", "meetings", "meeting_chairs", "meeting_attendees", "figures",
          "appointments", "issue_date", "headline_parts", "byline", "event_date", "body_end", "fragment", "overall")


def variants() -> dict[str, Callable[[str, random.Random], str]]:
    import opencc
    from pypinyin import Style, lazy_pinyin

    s2t = opencc.OpenCC("s2t")

    def readings(line: str) -> list[str]:
        return lazy_pinyin(line, style=Style.TONE, errors=lambda x: list(x))

    return {
        "clean": lambda text, rng: text,
        "wrapped": lambda text, rng: "\n".join(noise.wrap_columns(text.split("\n"), rng)),
        "broken": lambda text, rng: "\n".join(noise.break_columns(text.split("\n"), rng, 0.3)),
        "trad+pinyin": lambda text, rng: noise.add_pinyin(s2t.convert(text), text, rng, 0.3, 2, readings),
    }


def figure(scores: dict, key: str) -> float:
    v = scores[key]
    return v if isinstance(v, float) else v.get("f1", v.get("acc")) or 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--variants", default="clean,wrapped,broken,trad+pinyin")
    args = ap.parse_args()
    dev = args.shared / "dev"
    index = [line.split("\t") for line in (dev / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    simplified = {row[0] for row in index if "simplified" in row}
    pages = sorted(p for p in (dev / "raw").glob("*.txt") if p.stem in simplified)
    yaowen = str(Path(sys.executable).parent / "yaowen")
    chosen = {k: v for k, v in variants().items() if k in args.variants.split(",")}
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, damage in chosen.items():
            raw, gold, pred = (Path(tmp) / name / d for d in ("raw", "gold", "pred"))
            raw.mkdir(parents=True)
            gold.mkdir()
            for page in pages:
                text = page.read_text(encoding="utf-8")
                (raw / page.name).write_text(damage(text, random.Random(page.stem)), encoding="utf-8")
                shutil.copy(dev / "gold" / f"{page.stem}.json", gold)
            subprocess.run([yaowen, "extract", str(raw), "--no-urls", "--out", str(pred)], capture_output=True, check=False)
            out = subprocess.run([sys.executable, str(args.shared / "eval" / "score.py"), str(gold), str(pred), "--json"],
                                 capture_output=True, text=True, check=True).stdout
            results[name] = json.loads(out)
    print(f"$ python bench/eval_noise.py --variants {args.variants}")
    print(f"{len(pages)} simplified dev pages\n")
    print(f"{'figure':20}" + "".join(f"{name:>14}" for name in results))
    for key in FIELDS:
        print(f"{key:20}" + "".join(f"{figure(s, key):14.3f}" for s in results.values()))


if __name__ == "__main__":
    main()
