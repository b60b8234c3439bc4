"""The real-text dev set, scored whole and by the parts the rules were tuned on and kept aside from.

The 90 items fall in three folds by their number mod 3: A (d003, d006, ...), B (d001, d004, ...) and
C (d002, d005, ...). In rounds 1-2 the rules were written on B+C with A out of sight; in round 3 the split
rotated: written on A+C with B out of sight; in round 4 on A+B with C out of sight. Each round's columns show
its tuned part and its held part.

    .venv/bin/python bench/eval_dev.py [--shared ../shared] [--jieba] [--with-urls] [--json OUT]

Extracts ``../shared/dev/raw`` from its text alone with this checkout's ``yaowen extract --no-urls`` (which
would otherwise read the URLs of ``dev/INDEX.tsv`` beside it), then scores the whole set and each part with
``../shared/eval/score.py``. With ``--jieba`` it also scores what a quick script would give: every
jieba ``posseg`` token tagged ``nr*`` (2-4 characters) on the simplified, pinyin-free text is a person, and
nothing else is predicted (jieba is a benchmark-only dependency: ``pip install jieba``). With
``--with-urls`` it also scores the pages as a user who scraped them holds them: with the table of their
source URLs (``yaowen extract dev/raw --urls dev/INDEX.tsv``, what a plain ``yaowen extract dev/raw`` reads
too). The text-only figures are the project's floor; this column shows what the page's URL adds (a quarter of the dev meetings print no year: their
year is in the URL only, and the scorer matches a meeting only on its exact date). Prints a table of every
figure side by side; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# round -> the fold (item number mod 3) held out of sight while its rules were written
ROUNDS = {"rounds 1-2": 0, "round 3": 1, "round 4": 2}


def _part(gold_dir: Path, tmp: Path, name: str, keep: Callable[[int], bool]) -> Path:
    """A gold directory of symlinks to the items ``keep`` selects by number."""
    d = tmp / f"gold-{name}"
    d.mkdir()
    for g in sorted(gold_dir.glob("*.json")):
        number = re.search(r"\d+", g.stem)
        if number and keep(int(number.group())):
            (d / g.name).symlink_to(g.resolve())
    return d


def _score(shared: Path, gold: Path, pred: Path) -> dict:
    run = subprocess.run([sys.executable, str(shared / "eval" / "score.py"), str(gold), str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def _jieba_predictions(raw: Path, out: Path) -> None:
    import jieba.posseg as pseg
    from opencc import OpenCC

    t2s = OpenCC("t2s")
    pinyin = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")
    for page in sorted(raw.glob("*.txt")):
        text = pinyin.sub("", t2s.convert(page.read_text(encoding="utf-8", errors="replace")))
        names = {w.word for w in pseg.cut(text) if w.flag.startswith("nr") and 2 <= len(w.word) <= 4}
        pred = {"source": page.name, "articles": [], "people": [{"name": n, "titles": []} for n in sorted(names)]}
        (out / f"{page.stem}.json").write_text(json.dumps(pred, ensure_ascii=False), encoding="utf-8")


def _url_predictions(yaowen: Path, shared: Path, tmp: Path) -> Path:
    """Predictions for the dev pages read with their source URLs: ``yaowen extract --urls dev/INDEX.tsv``."""
    out = tmp / "with-urls"
    subprocess.run([str(yaowen), "extract", str(shared / "dev" / "raw"), "--urls", str(shared / "dev" / "INDEX.tsv"),
                    "--out", str(out)], check=True, capture_output=True)
    return out


def _figure(v: object) -> float | None:
    if isinstance(v, dict):
        return v.get("f1", v.get("acc"))
    return v  # type: ignore[return-value]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--jieba", action="store_true", help="also score a jieba POS-tag script")
    ap.add_argument("--with-urls", action="store_true", help="also score the pages with their source URLs")
    ap.add_argument("--json", type=Path, help="write the figures here as JSON")
    args = ap.parse_args()
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    raw, gold = args.shared / "dev" / "raw", args.shared / "dev" / "gold"
    yaowen = Path(sys.executable).with_name("yaowen")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        pred = tmp / "yaowen"
        subprocess.run([str(yaowen), "extract", str(raw), "--no-urls", "--out", str(pred)], check=True,
                       capture_output=True)
        parts = {"dev (90)": gold}
        for k, (round_, fold) in enumerate(ROUNDS.items()):
            parts[f"{round_}: tuned"] = _part(gold, tmp, f"tuned{k}", lambda n, f=fold: n % 3 != f)
            parts[f"{round_}: held"] = _part(gold, tmp, f"held{k}", lambda n, f=fold: n % 3 == f)
        columns = {name: _score(args.shared, part, pred) for name, part in parts.items()}
        with_urls = {}
        if args.with_urls:
            url_pred = _url_predictions(yaowen, args.shared, tmp)
            with_urls = {name: _score(args.shared, part, url_pred)["overall"] for name, part in parts.items()}
            columns["dev with URLs (90)"] = _score(args.shared, gold, url_pred)
            with_urls["dev with URLs (90)"] = columns["dev with URLs (90)"]["overall"]
        if args.jieba:
            jpred = tmp / "jieba"
            jpred.mkdir()
            _jieba_predictions(raw, jpred)
            columns["jieba script (90)"] = _score(args.shared, gold, jpred)
    keys = [k for k in next(iter(columns.values())) if k != "overall"] + ["overall"]
    print(f"{'figure':20}" + "".join(f"{c:>19}" for c in columns))
    for k in keys:
        cells = [_figure(col[k]) for col in columns.values()]
        print(f"{k:20}" + "".join(f"{'n/a' if c is None else f'{c:.3f}':>19}" for c in cells))
    if with_urls:  # each part's overall when its pages are read with their URLs
        print(f"{'overall, URLs':20}" + "".join(f"{with_urls[c]:>19.3f}" if c in with_urls else f"{'–':>19}"
                                                 for c in columns))
    if args.json:
        figures = {**columns, "overall with URLs": with_urls} if with_urls else columns
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
