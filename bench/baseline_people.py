"""People on the seed pages: Yaowen's rules beside a jieba POS-tag baseline, scored the same way.

    .venv/bin/python bench/baseline_people.py [--shared ../shared]

The baseline is what a quick script would do: jieba.posseg over each page (simplified, pinyin stripped),
every token tagged nr* of 2-4 characters is a person. Both are scored with ../shared/eval/score.py's rules
(distinct names per page, micro-averaged). jieba is a benchmark-only dependency (pip install jieba).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = ap.parse_args()
    shared = Path(args.shared)
    gold_dir = shared / "gold" / "seeds"
    print(f"$ {' '.join([Path(sys.executable).name, *sys.argv])}")

    import jieba
    import jieba.posseg as pseg
    import opencc

    jieba.setLogLevel(60)
    t2s = opencc.OpenCC("t2s")
    pinyin = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
    spaces = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")

    tp = n_pred = n_gold = 0
    chars = 0
    t0 = time.perf_counter()
    for page in sorted((shared / "seeds").glob("*.txt")):
        text = spaces.sub("", t2s.convert(pinyin.sub("", page.read_text(encoding="utf-8"))))
        chars += len(text)
        found = {w for w, flag in pseg.cut(text) if flag.startswith("nr") and 2 <= len(w) <= 4}
        gold = {p["name"] for p in json.loads((gold_dir / f"{page.stem}.json").read_text())["people"]}
        tp += len(found & gold)
        n_pred += len(found)
        n_gold += len(gold)
    jieba_secs = time.perf_counter() - t0
    jp, jr, jf = prf(tp, n_pred, n_gold)

    with tempfile.TemporaryDirectory() as out:
        t0 = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "yaowen"), "extract", str(shared / "seeds"), "--out", out],
                       check=True, capture_output=True)
        y_secs = time.perf_counter() - t0
        scored = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold_dir), out, "--json"],
                                check=True, capture_output=True, text=True)
    y = json.loads(scored.stdout)["people"]

    print(f"{'system':28} {'P':>6} {'R':>6} {'F1':>6}")
    print(f"{'jieba posseg nr* (0.42)':28} {jp:6.3f} {jr:6.3f} {jf:6.3f}   ({jieba_secs:.1f} s incl. dictionary load)")
    print(f"{'yaowen rules':28} {y['p']:6.3f} {y['r']:6.3f} {y['f1']:6.3f}   ({y_secs:.1f} s incl. start-up, whole pipeline)")
    print(f"(seed pages: {chars} characters, gold {n_gold} names)")


if __name__ == "__main__":
    main()
