"""Run-time scoring of candidates: the same weights as the keys of ``features.stage1_keys`` and ``stage2_keys``
read from the model's hashed table, summed in the same order, so the same float32 logits bit for bit, with
less work per candidate and fewer numpy calls per page.

A page has a few hundred candidates, so their scoring costs numpy's per-call overhead and the hashing of 14
keys per candidate in stage 1. Most stage-1 features depend on one character and the span's length class
(c0|L, c1|L, cl|L, l1, r1, and what the corpus says of c0, c1, cl) or on a few small numbers (len,
lo-cross, lo-translit): their weights are tabulated once per process, for every code point or value, and
read with a gather; only the three features of two characters (r1r2, l1c0, clr1) are hashed per candidate.
Stage 2 (the ~10% of candidates stage 1 keeps) hashes its keys as ``stage2_keys`` does, from a bank whose
first rows stage 1 already filled, and reads the span's key from the text's packed 4-grams.

``features`` stays the definition (training computes its keys there); tests check that both agree.
"""

from __future__ import annotations

import numpy as np

from .features import (
    _S21,
    _S42,
    _STAGE1_SALT,
    _TITLE,
    _WORD_FROM_END,
    _WORD_NGRAM,
    _WORD_OFFSET,
    _WORD_SHORTER,
    F_PUNCT,
    F_SURNAME,
    LO_LAST,
    LO_SECOND,
    LO_START,
    LO_TRANSLIT,
    STAGE1_NAMES,
    STAGE2_SPEC,
    UNSEEN_BIN,
    Candidates,
    Encoded,
    Tables,
    _templates,
    hashed_lookup,
    mix,
)

_N_CP = 0x10000  # code points after normalisation
_N_LB = 5  # length classes lb = min(length, 6) of a candidate: 2-6
_LB = np.arange(2, 7)

# the bank of per-candidate values: stage 1 fills the rows up to ``e`` for every candidate; the columns it
# keeps go on to stage 2, which fills the rest (the row names of features.STAGE2_SPEC, and c1 cl s e)
_BANK_ROWS = ("zero lb kind l1 l2 r1 r2 r3 c0 c1 cl s e span before after w_span w_left w_right w_given w_head "
              "w_ext_r w_ext_l w_next w_prev w_next3 w_prev3 w_span4")
_ROW = {r: k for k, r in enumerate(_BANK_ROWS.split())}
_STAGE2_GATHER, _STAGE2_SALT = _templates(_BANK_ROWS, STAGE2_SPEC)[1:]
# the characters around the span: from its start (s) or its end (e), at these offsets
_CHAR_ROWS = np.array([_ROW[r] for r in ("c0", "c1", "cl", "l1", "r1", "r2", "l2", "r3")])
_CHAR_FROM = np.array([_ROW[r] for r in ("s", "s", "e", "s", "e", "e", "s", "e")])
_CHAR_OFFSET = np.array([[0], [1], [-1], [-1], [0], [1], [-2], [2]])

# stage 1's weights by column (the order of features.STAGE1_SPEC, which the sum keeps)
_S1 = {name: k for k, name in enumerate(STAGE1_NAMES)}
# columns read from the characters' rows (TabledScorer.by_char): c0 c1 cl as themselves, what the corpus
# says of each (for the span's lb), l1 and r1
_BY_CHAR_COLS = np.array([_S1[x] for x in ("c0", "c1", "cl", "lo-start", "lo-second", "lo-last", "l1", "r1")])
_BY_CHAR_ROWS = np.array([_ROW[r] for r in ("c0", "c1", "cl", "c0", "c1", "cl", "l1", "r1")])
_BY_CHAR_WIDTH = _N_LB * 6 + 2
_BY_CHAR_AT = np.zeros((8, 7), dtype=np.int64)  # column of each in a character's row, by lb
for _lb in range(2, 7):
    _BY_CHAR_AT[:, _lb] = [*range((_lb - 2) * 6, (_lb - 1) * 6), _N_LB * 6, _N_LB * 6 + 1]
_PAIR_COLS = np.array([_S1[x] for x in ("r1r2", "l1c0", "clr1")])
_PAIR_A = np.array([_ROW[r] for r in ("r1", "l1", "cl")])
_PAIR_B = np.array([_ROW[r] for r in ("r2", "c0", "r1")])
_PAIR_SALT = _STAGE1_SALT[_PAIR_COLS]
_ROW3 = np.arange(3)[:, None]
# x_start x_second x_last (what the corpus says, in 16 bins) and lb: an index of the lo-cross table
_CROSS_SCALE = np.array([[16 * 16 * 8], [16 * 8], [8]])

# features.kind_of's bits 1 and 8 by the sign of (transliteration run at the start - length): -1, 0, 1
_KIND_BY_RUN = np.array([1, 9, 0])  # read at -1: the last
_KIND_SURNAME = np.where(np.arange(256) & F_SURNAME, 4, 0)  # by the flags of the first character

# stage 2's n-grams, as stage2_keys reads them: the 13 dictionary strings, then the span itself. Each is
# read from Encoded.grams at an offset from the span's start or end, and shifted right to its length,
# which may depend on the span's (min(length, 5): a 2-character span's own strings are one shorter)
_GRAM_FROM = np.array([_ROW["e"] if x else _ROW["s"] for x in _WORD_FROM_END] + [_ROW["s"]])
_GRAM_OFFSET = np.append(_WORD_OFFSET, 0)[:, None]
_GRAM_SHIFT = np.zeros((14, 6), dtype=np.uint64)
for _len in range(2, 6):
    _GRAM_SHIFT[:13, _len] = 16 * (2 - (_WORD_NGRAM - _WORD_SHORTER * (_len == 2)))
    _GRAM_SHIFT[13, _len] = 16 * (4 - min(_len, 4))  # the span: right, then back left: its characters only
# which dictionary look-ups count for a span of each length (min(length, 5)), as stage2_keys
_WORD_VALID = np.ones((13, 6), dtype=np.uint16)
_WORD_VALID[[0, 5, 6], 4:] = 0  # the span, and it with the next or the previous character: up to 3
_WORD_VALID[[3, 4], :] = 0
_WORD_VALID[[3, 4], 3] = 1  # the given name, surname + first given character: 3-character spans only
_WORD_VALID[11, :] = 0
_WORD_VALID[11, 4] = 1  # a span of 4
# (title after) * 4 + punctuation after * 2 + a word after -> the ``after`` value of stage2_keys
_AFTER = np.array([0, 2, 1, 1, 3, 3, 3, 3])
_U16 = np.uint64(16)
_U20 = np.uint64(20)


def _weights_of(weights: np.ndarray, salt: np.uint64, a: np.ndarray, b: np.ndarray | int = 0,
                c: np.ndarray | int = 0) -> np.ndarray:
    """float16 weight of the keys of one template (``salt``) over values a, b, c, as ``features._keys``."""
    u = np.uint64
    packed = (np.asarray(a).astype(u) << _S42) | (np.asarray(b).astype(u) << _S21) | np.asarray(c).astype(u)
    return hashed_lookup(weights, mix(packed ^ salt)).view(np.float16)


class TabledScorer:
    """The model's probabilities of candidates (``NameModel.score_candidates``), from tabulated weights."""

    def __init__(self, tables: Tables, weights: np.ndarray) -> None:
        self.tables, self.weights = tables, weights
        salt = {name: _STAGE1_SALT[k, 0] for name, k in _S1.items()}
        cp = np.arange(_N_CP)
        # what the corpus says of each character as a name's start, second and last: stage1_keys' bins
        lo = np.clip(np.rint(tables.char_lo[[LO_START, LO_SECOND, LO_LAST]] * 2), -30, 12).astype(np.int64) + 32
        bins = np.where(tables.char_seen, lo, UNSEEN_BIN)
        # one 64-byte row per code point (one cache line): for each lb (2-6) the weights of c0 c1 cl lo-start
        # lo-second lo-last as that character, then of l1 and r1
        by_char = np.empty((_N_CP, _N_LB, 6), dtype=np.float16)
        cp_lb, lb = np.repeat(cp, _N_LB), np.tile(_LB, _N_CP)
        for k, name in enumerate(("c0", "c1", "cl")):
            by_char[:, :, k] = _weights_of(weights, salt[name], cp_lb, lb).reshape(_N_CP, _N_LB)
        bin_lb = np.arange(64 * _N_LB)
        for k, name in enumerate(("lo-start", "lo-second", "lo-last")):
            by_bin = _weights_of(weights, salt[name], bin_lb // _N_LB, bin_lb % _N_LB + 2)
            by_char[:, :, 3 + k] = by_bin.reshape(64, _N_LB)[bins[k]]
        self.by_char = np.concatenate([by_char.reshape(_N_CP, _N_LB * 6), _weights_of(weights, salt["l1"], cp)[:, None],
                                       _weights_of(weights, salt["r1"], cp)[:, None]], axis=1).ravel()
        lb_kind = np.arange(8 * 16)  # lb * 16 + kind
        self.len = _weights_of(weights, salt["len"], lb_kind // 16, lb_kind % 16)
        # ((x_start * 16 + x_second) * 16 + x_last) * 8 + lb, where x_last + 64 * lb is the key's
        cross = np.arange(16 * 16 * 16 * 8)
        self.cross = _weights_of(weights, salt["lo-cross"], cross // 2048, cross // 128 % 16,
                                 cross // 8 % 16 + 64 * (cross % 8))
        self.cross_part = ((bins // 4) * _CROSS_SCALE).T.astype(np.int16)  # per character: its share of the index
        # rint(2 x the span's mean translit log-odds) r, at (r * 128 + lb * 16 + kind) modulo the table's size
        # (r < 0 counts from its end): the weight of b_translit = clip(r, -30, 12) + 32. The mean lies within
        # the characters' log-odds, so |r| < 64
        if np.abs(tables.char_lo[LO_TRANSLIT]).max() * 2 >= 63:
            raise ValueError("transliteration log-odds out of the range TabledScorer tabulates")
        at = np.arange(128 * 128)
        r = at // 128 - np.where(at >= 64 * 128, 128, 0)
        self.translit = _weights_of(weights, salt["lo-translit"], np.clip(r, -30, 12) + 32, at // 16 % 8, at % 16)

    def score(self, enc: Encoded, cand: Candidates, bias: float, stage1_cut: float, prune: bool = True) -> np.ndarray:
        """Probability of each candidate; 0 for those stage 1 drops (with ``prune``: those whose logit from
        the stage-1 features is under ``stage1_cut``)."""
        s, e = cand.start, cand.end
        n = s.size
        p = np.zeros(n)
        if not n:
            return p
        bank = np.empty((len(_ROW), n), dtype=np.int64)
        bank[_ROW["zero"]] = 0
        bank[_ROW["s"]] = s
        bank[_ROW["e"]] = e
        length = e - s
        lb = np.minimum(length, 6)
        bank[_ROW["lb"]] = lb
        bank[_CHAR_ROWS] = enc.cps[bank[_CHAR_FROM] + _CHAR_OFFSET]
        # features.kind_of: all transliteration characters (1), a · (2), a surname (4), more after it (8)
        kind = _KIND_BY_RUN[np.sign(enc.translit_run[s] - length)] + _KIND_SURNAME[enc.flags[s]]
        if enc.dots[-1]:
            kind += (enc.dots[e - 1] != enc.dots[s]) * 2
        bank[_ROW["kind"]] = kind

        w1 = np.empty((len(STAGE1_NAMES), n), dtype=np.float32)
        w1[_BY_CHAR_COLS] = self.by_char[bank[_BY_CHAR_ROWS] * _BY_CHAR_WIDTH + _BY_CHAR_AT[:, lb]]
        lb_kind = lb * 16 + kind
        w1[_S1["len"]] = self.len[lb_kind]
        w1[_S1["lo-cross"]] = self.cross[self.cross_part[bank[_ROW["c0"] : _ROW["cl"] + 1], _ROW3].sum(axis=0) + lb]
        tl = enc.translit_lo
        translit = np.rint((tl[e] - tl[s]) / length * 2)
        translit *= 128
        translit += lb_kind
        w1[_S1["lo-translit"]] = self.translit[translit.astype(np.intp)]
        u = bank.view(np.uint64)
        pairs = u[_PAIR_A] << _S42
        pairs |= u[_PAIR_B] << _S21
        pairs ^= _PAIR_SALT
        w1[_PAIR_COLS] = hashed_lookup(self.weights, mix(pairs)).view(np.float16)
        # the same float32 sum, column by column, as NameModel.weight_sum over stage1_keys
        logit = bias + w1.T.sum(axis=1)
        if prune:
            keep = (logit >= stage1_cut).nonzero()[0]
            if not keep.size:
                return p
            logit = logit[keep]
            bank = bank[:, keep]
        else:
            keep = slice(None)
        logit += self._stage2(enc, bank)
        p[keep] = 1.0 / (1.0 + np.exp(-logit))
        return p

    def _stage2(self, enc: Encoded, bank: np.ndarray) -> np.ndarray:
        """The sum of the stage-2 weights of the candidates whose stage-1 rows are ``bank``'s."""
        s, e = bank[_ROW["s"]], bank[_ROW["e"]]
        length = e - s
        short = np.minimum(length, 5)
        # the strings stage2_keys looks up in the dictionary, and the span (features.span_keys): n-grams
        # read at their anchors, shifted right to their length (the span's left: its characters come first)
        grams = enc.grams[bank[_GRAM_FROM] + _GRAM_OFFSET]
        shift = _GRAM_SHIFT[:, short]
        grams >>= shift
        grams[13] <<= shift[13]
        long_ = length > 4
        if long_.any():
            tail = (enc.cps[e - 2].astype(np.uint64) << _U16) | enc.cps[e - 1].astype(np.uint64)
            grams[13] = np.where(long_, grams[13] ^ (tail << _U20) ^ length.astype(np.uint64), grams[13])
        keys = mix(grams)
        bank[_ROW["span"]] = hashed_lookup(self.tables.spans, keys[13])
        w = hashed_lookup(self.tables.words, keys[:13])
        w *= _WORD_VALID[:, short]
        bank[_ROW["w_span"] :] = w[:12]
        title = (w >> 4) == _TITLE
        bank[_ROW["before"]] = title[8] | title[10] | title[12]
        after = (title[7] | title[9]) * 4
        after += (enc.flags[e] & F_PUNCT) >> 3  # 2: punctuation after the span
        after += w[7] > 0
        bank[_ROW["after"]] = _AFTER[after]
        u = bank.view(np.uint64)
        packed = u[_STAGE2_GATHER[0]] << _S42
        packed |= u[_STAGE2_GATHER[1]] << _S21
        packed |= u[_STAGE2_GATHER[2]]
        packed ^= _STAGE2_SALT
        return hashed_lookup(self.weights, mix(packed).T).view(np.float16).astype(np.float32).sum(axis=1)
