"""Candidate name spans and their feature keys, computed with numpy over a whole text at once.

Shared by the recogniser and its training script (``bench/train_names.py``), so a model sees at run time
exactly the features it was trained on. Nothing here loops over characters in Python: a text becomes an
array of normalised code points, candidates are the positions where a name can start, crossed with the
lengths a name can have, and each feature of a candidate is one 64-bit key hashed from a template number
and a few code points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

PAD = 4  # sentinel code points on each side of a text, so context look-ups never leave the array
MAX_LEN = 12  # longest candidate (transliterated names joined by ·)
DOT = 0xB7  # ·, the separator of transliterated names; •, ・, ‧, ∙ and ． are folded into it

# flags per code point (model.flags)
F_HAN = 1  # a Chinese character
F_START = 2  # can start a name (a surname or the first character of a transliterated name)
F_TRANSLIT = 4  # occurs in transliterated foreign names (and ·)
F_SURNAME = 8  # a surname of the project's lexicon (a hint for surnames the corpus never showed)
F_PUNCT = 16  # punctuation, a space, a line end or the edge of the text: a name may end before it

_M1 = np.uint64(0xFF51AFD7ED558CCD)
_M2 = np.uint64(0xC4CEB9FE1A85EC53)
_GOLDEN = 0x9E3779B97F4A7C15
_S21 = np.uint64(21)
_S42 = np.uint64(42)
_S33 = np.uint64(33)
_U16 = np.uint64(16)
_LOW16 = np.uint64(0xFFFF)
_U16_32 = np.uint32(16)
_U32 = np.uint64(32)


def _normaliser() -> np.ndarray:
    """Code point -> normalised code point: width folded, digits and Latin letters to one class each,
    line ends to 。 (a paragraph start is a sentence start), the middle-dot family to ·."""
    table = np.arange(0x10000, dtype=np.int64)
    # full-width ASCII to ASCII: the corpus prints ，：（ and the cleaner writes , : ( — one code for both
    table[0xFF01:0xFF5F] -= 0xFEE0
    table[ord("0") : ord("9") + 1] = ord("0")
    table[ord("A") : ord("Z") + 1] = ord("a")
    table[ord("a") : ord("z") + 1] = ord("a")
    for ws in " \t\u3000\xa0\u2002\u2003\u2009\u200b":
        table[ord(ws)] = ord(" ")
    for nl in "\n\r\u2028\u2029":
        table[ord(nl)] = ord("。")
    for dot in "•・‧∙．\u30fb\uff65":
        table[ord(dot)] = DOT
    return table


NORMALISE = _normaliser()
_ASTRAL_HAN = 0xE000  # Han characters outside the BMP (rare name characters) share one private-use code
SENTINEL = int(NORMALISE[ord("\n")])  # beyond a text's edges: what a line end reads as (a sentence end)


def _normaliser_all() -> np.ndarray:
    """NORMALISE over all of Unicode (uint32): Han characters outside the BMP read as _ASTRAL_HAN, other
    characters outside it as U+FFFD."""
    table = np.full(0x110000, 0xFFFD, dtype=np.uint32)
    table[:0x10000] = NORMALISE
    table[0x20000:0x40000] = _ASTRAL_HAN
    return table


_NORMALISE_ALL = _normaliser_all()


def code_points(text: str) -> np.ndarray:
    """Normalised code points of ``text``, with PAD sentinels on each side. Index ``PAD + k`` is
    ``text[k]``."""
    raw = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    out = np.full(raw.size + 2 * PAD, SENTINEL, dtype=np.int64)
    out[PAD : PAD + raw.size] = _NORMALISE_ALL[raw]
    return out


def base_flags() -> np.ndarray:
    """F_HAN and F_PUNCT (the training adds the flags it learns)."""
    flags = np.zeros(0x10000, dtype=np.uint8)
    for lo, hi in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00)):
        flags[lo:hi] |= F_HAN
    flags[_ASTRAL_HAN] |= F_HAN
    for ch in "\x00 ，。、；：！？（）《》〈〉“”‘’「」『』【】\"'—…-/|":
        flags[NORMALISE[ord(ch)]] |= F_PUNCT
    return flags


_ARANGE = np.arange(1 << 17, dtype=np.int64)  # sliced for the indexes of a text (a chunk and its context)
_ARANGE.flags.writeable = False


def _run_lengths(mask: np.ndarray) -> np.ndarray:
    """For every index, how many consecutive True values start there (along the last axis)."""
    n = mask.shape[-1]
    idx = _ARANGE[:n] if n <= _ARANGE.size else np.arange(n, dtype=np.int64)
    stop = np.where(mask, n, idx)  # the first False at or after i
    backwards = stop[..., ::-1]
    np.minimum.accumulate(backwards, axis=-1, out=backwards)
    stop -= idx
    return stop


@dataclass
class Candidates:
    """Spans [start, end) into the padded code-point array (subtract PAD for text offsets)."""

    start: np.ndarray
    end: np.ndarray


@dataclass
class Encoded:
    """A text as the features see it, with what several of them share (computed once per text)."""

    cps: np.ndarray  # normalised code points, PAD sentinels on each side (code_points)
    flags: np.ndarray  # Tables.flags of each position
    translit_run: np.ndarray  # transliteration characters starting at each position
    han_run: np.ndarray  # Han characters starting at each position
    dots: np.ndarray  # number of · up to and including each position
    translit_lo: np.ndarray  # sum of LO_TRANSLIT over the positions before each index
    # the 4 characters from each position packed 16 bits a character, the first highest (0 past the end):
    # shifted right by 32 or 16, the 2 or 3 characters from it
    grams: np.ndarray


_RUN_FLAGS = np.array([[F_TRANSLIT], [F_HAN]], dtype=np.uint8)


_DOTS = "".join(map(chr, np.flatnonzero(NORMALISE == DOT).tolist()))  # what reads as ·
_NO_DOTS = np.zeros(1 << 17, dtype=np.int64)
_NO_DOTS.flags.writeable = False


def encode(text: str, tables: Tables) -> Encoded:
    cps = code_points(text)
    f = tables.flags[cps]
    translit_lo = np.zeros(cps.size + 1, dtype=np.float64)
    np.cumsum(tables.char_lo[LO_TRANSLIT][cps], out=translit_lo[1:])
    # the code points as big-endian 16-bit numbers, read 8 bytes at every second byte: the packed 4-grams
    big_endian = np.zeros(cps.size + 3, dtype=">u2")
    big_endian[: cps.size] = cps
    grams = np.ndarray((cps.size,), dtype=">u8", buffer=big_endian, strides=(2,)).astype(np.uint64)
    runs = _run_lengths((f & _RUN_FLAGS) != 0)
    # most texts have no ·: their count of them is a slice of zeros (read only)
    dotted = cps.size > _NO_DOTS.size or any(d in text for d in _DOTS)
    dots = (cps == DOT).cumsum() if dotted else _NO_DOTS[: cps.size]
    return Encoded(cps, f, runs[0], runs[1], dots, translit_lo, grams)


def candidates(enc: Encoded, compound: np.ndarray) -> Candidates:
    """Every span that may be a name: a start character followed by 1-2 more Han characters (3 after a
    compound surname), or 2-12 transliteration characters joined by at most single ·, not ending in ·.

    ``compound``: sorted bigram keys (a << 16 | b) of compound surnames.
    """
    cps, f, tr_run = enc.cps, enc.flags, enc.translit_run
    starts = (f & F_START).nonzero()[0]  # sentinels have no flags: starts lie inside the text
    run = enc.han_run[starts]
    sts = [starts[run >= 2], starts[run >= 3]]
    ends = [sts[0] + 2, sts[1] + 3]
    # compound surname + two given-name characters
    s = starts[run >= 4]
    if compound.size and s.size:
        bigram = (enc.grams[s] >> _U32).astype(np.int64)  # the first two characters
        pos = np.minimum(compound.searchsorted(bigram), compound.size - 1)
        s = s[compound[pos] == bigram]
        sts.append(s)
        ends.append(s + 4)
    # transliterations longer than 3 (2-3 are already candidates when they start with a start character)
    s = starts[tr_run[starts] >= 4]
    if s.size:
        dotted = bool(enc.dots[-1])  # most texts have no ·: no span can then end in one or hold two in a row
        if dotted:
            is_dot = cps == DOT
            dot_dot = np.zeros(cps.size, dtype=bool)
            dot_dot[:-1] = is_dot[:-1] & is_dot[1:]
            dd_before = dot_dot.cumsum()  # count of "··" pairs up to each index
        for length in range(4, MAX_LEN + 1):
            s = s[tr_run[s] >= length]
            if not s.size:
                break
            e = s + length
            if dotted:
                ok = ~is_dot[e - 1] & (dd_before[e - 2] == dd_before[s - 1])
                s_ok, e = s[ok], e[ok]
            else:
                s_ok = s
            sts.append(s_ok)
            ends.append(e)
    return Candidates(np.concatenate(sts), np.concatenate(ends))


def mix(v: np.ndarray) -> np.ndarray:
    """murmur3's 64-bit finaliser: spreads a packed key over all 64 bits."""
    v = v ^ (v >> _S33)  # a new array: the rest works in place
    v *= _M1
    v ^= v >> _S33
    v *= _M2
    v ^= v >> _S33
    return v


def _key(template: int, a: np.ndarray, b: np.ndarray | int = 0, c: np.ndarray | int = 0) -> np.ndarray:
    packed = (np.asarray(a, dtype=np.uint64) << _S42) | (np.asarray(b, dtype=np.uint64) << _S21)
    packed = packed | np.asarray(c, dtype=np.uint64)
    return mix(packed ^ np.uint64((template * _GOLDEN) & 0xFFFFFFFFFFFFFFFF))


# what the corpus says of single characters: log-odds rows of Tables.char_lo
LO_START, LO_SECOND, LO_LAST, LO_TRANSLIT = range(4)
UNSEEN_BIN = 63  # a character the corpus never showed


@dataclass
class Tables:
    """Everything a feature is computed from, besides the text. Hashed tables hold one uint32 per slot:
    a 16-bit fingerprint of the key that owns the slot (high half) and its 16-bit value (low half)."""

    flags: np.ndarray  # uint8 per code point: F_HAN, F_START, F_TRANSLIT, F_SURNAME
    compound: np.ndarray  # sorted int64 bigram keys (a << 16 | b) of compound surnames
    char_lo: np.ndarray  # float32 (4, 65536): log-odds that a character starts / is 2nd / ends / is in a name
    char_seen: np.ndarray  # bool per code point: the corpus has it
    spans: np.ndarray  # hashed: how often the corpus showed a span as a name and as a non-name (span_bin)
    words: np.ndarray  # hashed: 1 + log2 frequency (≤ 14) + 16 × class, of dictionary words of 2-4 characters


def span_keys(cps: np.ndarray, cand: Candidates) -> np.ndarray:
    """One 64-bit key per candidate span: its code points packed (up to 4), else its ends and length; mixed."""
    s, e = cand.start, cand.end
    length = e - s
    out = np.zeros(s.size, dtype=np.uint64)
    for k in range(4):
        c = np.where(k < length, cps[np.minimum(s + k, e - 1)], 0).astype(np.uint64)
        out = (out << np.uint64(16)) | c
    long_ = length > 4
    if long_.any():
        tail = (cps[e - 2].astype(np.uint64) << np.uint64(16)) | cps[e - 1].astype(np.uint64)
        out = np.where(long_, out ^ (tail << np.uint64(20)) ^ length.astype(np.uint64), out)
    return mix(out)


def span_bin(n_name: np.ndarray, n_other: np.ndarray) -> np.ndarray:
    """How often a span was a name and how often it was not, in 5 × 5 buckets (0 = never seen)."""

    def bucket(n: np.ndarray) -> np.ndarray:
        return np.searchsorted(np.array([1, 2, 4, 10]), n, side="right")

    return np.where((n_name + n_other) > 0, 1 + bucket(n_name) * 5 + bucket(n_other), 0).astype(np.uint16)




def hashed_lookup(table: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """The uint16 value stored for each key, 0 where its slot belongs to another key (or none). A slot is the
    key's top bits, a fingerprint its low 16 bits (keys are mixed, so both are well spread)."""
    # the slots as int64 (a view: they are < 2**63), which numpy indexes with as they are; uint64 it would copy
    entry = table[(keys >> np.uint64(65 - table.size.bit_length())).view(np.int64)]
    value = entry.astype(np.uint16)  # the low half
    value[(entry >> _U16_32) != (keys & _LOW16)] = 0
    return value


def hashed_table(keys: np.ndarray, values: np.ndarray, bits: int) -> np.ndarray:
    """The table ``hashed_lookup`` reads (uint16 values); where keys share a slot the later one wins, so pass
    the important ones last."""
    slots = (keys >> np.uint64(64 - bits)).astype(np.intp)
    table = np.zeros(1 << bits, dtype=np.uint32)
    table[slots] = ((keys & _LOW16).astype(np.uint32) << np.uint32(16)) | values.astype(np.uint32)
    return table


def kind_of(enc: Encoded, cand: Candidates) -> np.ndarray:
    """1: all transliteration characters; 2: has a ·; 4: starts with a surname of the lexicon; 8: the
    transliteration characters go on after it (叶卡捷|琳堡)."""
    s, e = cand.start, cand.end
    run = enc.translit_run[s]
    tr_all = run >= e - s
    has_dot = enc.dots[e - 1] != enc.dots[s]
    surname = (enc.flags[s] & F_SURNAME) != 0
    return (tr_all.astype(np.int64) | (has_dot.astype(np.int64) << 1) | (surname.astype(np.int64) << 2)
            | ((run > e - s).astype(np.int64) << 3))


def _templates(rows: str, spec: list[tuple[str, int, str, str, str]]) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Feature templates as (name, number, a, b, c): the key hashes the number with the values of rows a, b
    and c of a bank of per-candidate values (row names in ``rows``). Returns the names, the rows to gather
    (3, n_templates) and the salts that make each template's keys its own."""
    index = {r: k for k, r in enumerate(rows.split())}
    gather = np.array([[index[x[2]] for x in spec], [index[x[3]] for x in spec], [index[x[4]] for x in spec]])
    salt = np.array([(x[1] * _GOLDEN) & 0xFFFFFFFFFFFFFFFF for x in spec], dtype=np.uint64)[:, None]
    return [x[0] for x in spec], gather, salt


def _keys(bank: np.ndarray, gather: np.ndarray, salt: np.ndarray) -> np.ndarray:
    """(n, n_templates) keys from a (rows, n) bank of non-negative values, in a few whole-array steps (a page
    is often short: one numpy call per template would cost more than the arithmetic)."""
    u = bank.view(np.uint64)
    return mix(((u[gather[0]] << _S42) | (u[gather[1]] << _S21) | u[gather[2]]) ^ salt).T


_STAGE1_ROWS = "zero lb kind c0 c1 l1 cl r1 r2 b_start b_second b_last b_translit x_start x_second x_last"
STAGE1_SPEC = [  # (name, template number, rows a, b, c of the bank)
    ("len", 1, "lb", "kind", "zero"),
    ("c0", 2, "c0", "lb", "zero"),
    ("c1", 4, "c1", "lb", "zero"),
    ("cl", 5, "cl", "lb", "zero"),
    ("l1", 8, "l1", "zero", "zero"),
    ("r1", 10, "r1", "zero", "zero"),
    ("r1r2", 11, "r1", "r2", "zero"),
    ("l1c0", 12, "l1", "c0", "zero"),
    ("clr1", 13, "cl", "r1", "zero"),
    ("lo-start", 31, "b_start", "lb", "zero"),
    ("lo-second", 32, "b_second", "lb", "zero"),
    ("lo-last", 33, "b_last", "lb", "zero"),
    ("lo-cross", 34, "x_start", "x_second", "x_last"),
    ("lo-translit", 35, "b_translit", "lb", "kind"),
]
STAGE1_NAMES, _STAGE1_GATHER, _STAGE1_SALT = _templates(_STAGE1_ROWS, STAGE1_SPEC)
_LO_ROWS = np.array([LO_START, LO_SECOND, LO_LAST])[:, None]


def stage1_keys(enc: Encoded, tables: Tables, cand: Candidates, kind: np.ndarray) -> np.ndarray:
    """The cheap features, computed for every candidate: the characters of the span, its nearest neighbours
    and what the corpus says of each character. Their weights alone decide which candidates are worth the
    rest (``stage2_keys``)."""
    cps, s, e = enc.cps, cand.start, cand.end
    bank = np.zeros((16, s.size), dtype=np.int64)
    bank[1] = np.minimum(e - s, 6)
    bank[2] = kind
    bank[3:6] = cps[s + np.array([[0], [1], [-1]])]  # c0 c1 l1
    bank[6:9] = cps[e + np.array([[-1], [0], [1]])]  # cl r1 r2
    chars = bank[[3, 4, 6]]
    lo = np.clip(np.rint(tables.char_lo[_LO_ROWS, chars] * 2), -30, 12).astype(np.int64) + 32
    bank[9:12] = np.where(tables.char_seen[chars], lo, UNSEEN_BIN)
    bank[12] = np.clip(np.rint((enc.translit_lo[e] - enc.translit_lo[s]) / (e - s) * 2), -30, 12) + 32
    bank[13:16] = bank[9:12] // 4
    bank[15] += 64 * bank[1]
    return _keys(bank, _STAGE1_GATHER, _STAGE1_SALT)


_STAGE2_ROWS = ("zero lb kind l1 l2 r1 r2 r3 c0 span before after w_span w_left w_right w_given w_head w_ext_r "
                "w_ext_l w_next w_prev w_next3 w_prev3 w_span4")
STAGE2_SPEC = [
    ("l2l1", 9, "l2", "l1", "zero"),
    ("l1|L", 14, "l1", "lb", "zero"),
    ("r1|L", 15, "r1", "lb", "zero"),
    ("l1r1", 16, "l1", "r1", "zero"),
    ("r1r2r3", 17, "r1", "r2", "r3"),
    ("l2l1|L", 18, "l2", "l1", "lb"),
    ("r1r2|L", 19, "r1", "r2", "lb"),
    ("c0r1", 20, "c0", "r1", "zero"),
    ("kind-l1", 23, "kind", "l1", "zero"),
    ("kind-r1", 24, "kind", "r1", "zero"),
    ("span", 30, "span", "lb", "zero"),
    ("w-span", 40, "w_span", "lb", "zero"),
    ("w-left", 41, "w_left", "lb", "zero"),
    ("w-right", 42, "w_right", "lb", "zero"),
    ("w-given", 43, "w_given", "w_head", "zero"),
    ("w-ext-r", 45, "w_ext_r", "lb", "zero"),
    ("w-ext-l", 46, "w_ext_l", "lb", "zero"),
    ("w-next", 47, "w_next", "lb", "zero"),
    ("w-prev", 48, "w_prev", "lb", "zero"),
    ("w-next3", 49, "w_next3", "lb", "zero"),
    ("w-prev3", 50, "w_prev3", "lb", "zero"),
    ("w-span4", 51, "w_span4", "lb", "zero"),
    ("title-name-end", 52, "before", "after", "lb"),
]
STAGE2_NAMES, _STAGE2_GATHER, _STAGE2_SALT = _templates(_STAGE2_ROWS, STAGE2_SPEC)
_TITLE = 4  # word class of a title or role (see bench/train_names.py)
# the strings stage 2 looks up: n-grams of Encoded.grams (0: 2 characters, 1: 3, 2: 4), one shorter for a
# 2-character span, counted from the span's start or end, at this offset. In order: the span, across its
# left edge, across its right edge, the given name (c1 c2), surname + first given character, the span and
# the next character, the character before and the span, the next two, the two before, the next three, the
# three before, a span of 4, the four before.
_WORD_NGRAM = np.array([1, 0, 0, 0, 0, 2, 2, 0, 0, 1, 1, 2, 2])
_WORD_SHORTER = np.array([1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0])
_WORD_FROM_END = np.array([0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0], dtype=bool)
_WORD_OFFSET = np.array([0, -1, -1, 1, 0, 0, -1, 0, -2, 0, -3, 0, -4])


def stage2_keys(enc: Encoded, tables: Tables, cand: Candidates, kind: np.ndarray) -> np.ndarray:
    """The rest: wider context, the span as a whole, and the dictionary (is the span, or what crosses its
    edges, a word?)."""
    cps, s, e = enc.cps, cand.start, cand.end
    length = e - s
    two = length == 2
    bank = np.zeros((24, s.size), dtype=np.int64)
    bank[1] = np.minimum(length, 6)
    bank[2] = kind
    bank[3:5] = cps[s + np.array([[-1], [-2]])]  # l1 l2
    bank[5:8] = cps[e + np.array([[0], [1], [2]])]  # r1 r2 r3
    bank[8] = cps[s]
    bank[9] = hashed_lookup(tables.spans, span_keys(cps, cand))
    # strings to look up in the dictionary, gathered from the text's packed n-grams and looked up at once
    rows = _WORD_NGRAM[:, None] - _WORD_SHORTER[:, None] * two
    anchor = np.where(_WORD_FROM_END[:, None], e, s) + _WORD_OFFSET[:, None]
    strings = enc.grams[anchor] >> (16 * (2 - rows)).astype(np.uint64)
    w = hashed_lookup(tables.words, mix(strings))
    w[[0, 5, 6]] *= length <= 3
    w[[3, 4]] *= length == 3
    w[11] *= length == 4
    bank[12:24] = w[:12]
    # the grammar's shape, learnt: a title before the span; what follows it (a title, punctuation, a word)
    title = w >> 4 == _TITLE
    bank[10] = title[8] | title[10] | title[12]
    after_punct = (enc.flags[e] & F_PUNCT) != 0
    bank[11] = np.where(title[7] | title[9], 3, np.where(after_punct, 1, np.where(w[7] > 0, 2, 0)))
    return _keys(bank, _STAGE2_GATHER, _STAGE2_SALT)


def feature_keys(enc: Encoded, tables: Tables, cand: Candidates) -> np.ndarray:
    """All the feature keys of every candidate, stage 1's columns first (training wants them all)."""
    kind = kind_of(enc, cand)
    return np.hstack([stage1_keys(enc, tables, cand, kind), stage2_keys(enc, tables, cand, kind)])


def feature_names() -> list[str]:
    return STAGE1_NAMES + STAGE2_NAMES
