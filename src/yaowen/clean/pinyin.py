"""Pinyin annotations after characters, characters lost as '?', and the byte-shift mojibake around them.

Some pages print the reading after characters: ``衡陽(yáng)``. The annotation goes; real parentheses stay
(``(记者 罗文鹏)``, ``(下转第三版)``, ``离任(任中)``, ``(GDP)``): only a group of valid pinyin syllables right
after a Han character is an annotation.

Where a character was lost as ``?`` its reading often survives: ``日?(bào)訊``. The character is recovered
when exactly one character with that reading makes a word with its neighbours (a segmenter's dictionary is
the judge: 日報 is a word, 日抱 is not); otherwise U+FFFD marks the loss instead of a guess.

A lost GBK lead byte shifts the bytes after it, so the characters that follow decode as garbage until an
ASCII byte resynchronises: ``燃?xì)獾戎攸c(diǎn)`` is 燃氣等重點 whose 氣 lost its lead byte (獾戎攸c = e2 b5 c8 d6
d8 fc 63 = [?e2] 等 重 點). The run is re-decoded one byte on; the repair is kept only if the last character's
reading matches the annotation after it and the lost character makes a word with the one before it.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
from collections.abc import Callable
from functools import cache, lru_cache

from ..model import OffsetMap, Repair
from .rewrite import rewrite

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_SYL = rf"[a-z{_TONED}]{{1,7}}"
_HAN = r"\u4e00-\u9fff\uf900-\ufaff"
# (the character before the "(" is asked after it, in a lookbehind: a pattern that opens with its "(" lets the
# engine skip to each "(" of a page, one that opens with a lookbehind is tried at every character, 6x slower)
_ANNOTATION_RE = re.compile(rf"\((?<=[{_HAN}?\ufffd]\()({_SYL})\)")
# "?(bào)" or "?bào)" (the '(' lost with the character)
_LOST_RE = re.compile(rf"\?\(?({_SYL})\)")
_SHIFT_RE = re.compile(rf"\?{_SYL}\)([{_HAN}]{{1,12}})([a-z])\(({_SYL})\)")
MIN_ANNOTATIONS = 3  # a page carries pinyin annotations when it has at least this many


@cache
def _pinyin_table() -> dict[int, str]:
    """pypinyin's table of readings (code point -> "yáng,xiáng"), in its order. Read from the JSON file
    ``pypinyin.pinyin_dict`` loads: importing that module runs the package's ``__init__`` first, which loads
    the phrase list and trains a segmenter this module never uses (0.3-0.6 s at a worker's first page
    with an annotation)."""
    spec = importlib.util.find_spec("pypinyin")  # (finds the package without running it)
    locations = spec.submodule_search_locations if spec else None
    path = os.path.join(locations[0], "pinyin_dict.json") if locations else ""
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as f:
            return {int(cp): value for cp, value in json.load(f).items()}
    from pypinyin.pinyin_dict import pinyin_dict  # another layout: the module itself

    return pinyin_dict


@cache
def _syllables() -> frozenset[str]:
    """Every valid toned syllable (all ``has_annotations`` needs; joined and split in C, not built in a loop)."""
    return frozenset(",".join(_pinyin_table().values()).split(","))


@cache
def _readings() -> tuple[frozenset[str], dict[str, list[str]], dict[str, frozenset[str]]]:
    """(valid toned syllables, syllable -> characters, character -> syllables) from pypinyin's table."""
    chars_of: dict[str, list[str]] = {}
    reads: dict[str, frozenset[str]] = {}
    for cp, value in _pinyin_table().items():
        ch = chr(cp)
        rs = frozenset(value.split(","))
        reads[ch] = rs
        for r in rs:
            chars_of.setdefault(r, []).append(ch)
    return _syllables(), chars_of, reads


def _is_pinyin(s: str) -> bool:
    return s in _syllables()


def _word_at(cut: Callable[..., list[str]], window: str, pos: int) -> str | None:
    """The dictionary word of the (simplified) ``window`` that covers ``pos``, or None (a single character).
    ``cut``: ``rjieba.cut``."""
    at = 0
    for tok in cut(window, hmm=False):
        if at <= pos < at + len(tok):
            return tok if len(tok) >= 2 else None
        at += len(tok)
    return None


def _words_at(cut: Callable[..., list[str]], windows: list[str], pos: int) -> list[str | None]:
    """``_word_at`` for every window, from one cut of the windows joined by newlines: a newline is a token of
    its own, and no word spans it. (Each window cut alone where one holds a line break.)"""
    if any("\n" in w or "\r" in w for w in windows):
        return [_word_at(cut, w, pos) for w in windows]
    words: list[str | None] = []
    at, word, decided = 0, None, False
    for tok in cut("\n".join(windows), hmm=False):
        if tok == "\n":  # the next window
            words.append(word)
            at, word, decided = 0, None, False
            continue
        if not decided and at <= pos < at + len(tok):
            word, decided = (tok if len(tok) >= 2 else None), True
        at += len(tok)
    words.append(word)
    if len(words) != len(windows):  # (never seen: a cut that merged a newline into a word)
        return [_word_at(cut, w, pos) for w in windows]
    return words


def _simplified_windows(left: str, candidates: list[str], right: str) -> list[str]:
    """``left + ch + right`` simplified, for each candidate ``ch``: one conversion of them all joined by
    newlines (no OpenCC phrase spans a newline), not one call per candidate."""
    from .script import _t2s

    t2s = _t2s().convert
    windows = [left + ch + right for ch in candidates]
    if "\n" not in left and "\n" not in right and not any("\n" in ch for ch in candidates):
        converted = t2s("\n".join(windows)).split("\n")
        if len(converted) == len(windows):
            return converted
    return [t2s(w) for w in windows]


def _recover(candidates: list[str], left: str, right: str) -> str | None:
    """The candidate that makes a word with its neighbours (報 and 报 count as one), in the script of its
    neighbours; where several do, the one whose word is far the commonest (会?(yì): 会议, not 会意), else None.
    A word is judged on the simplified form of the candidate between two neighbours on each side."""
    import rjieba

    from .script import _t2s

    t2s = _t2s().convert
    traditional = t2s(left + right) != left + right
    pos = len(t2s(left[-2:]))  # where the candidate stands in its window: the same for every candidate
    fits: dict[str, tuple[str, int]] = {}
    unique = list(dict.fromkeys(candidates))
    windows = _simplified_windows(left[-2:], unique, right[:2])
    for ch, word in zip(unique, _words_at(rjieba.cut, windows, pos), strict=True):
        if word:
            key = _simplified_char(ch)
            if key not in fits or (key != ch) == traditional:
                fits[key] = (ch, _word_frequency(word))
    ranked = sorted(fits.values(), key=lambda fit: -fit[1])
    if len(ranked) == 1 or (len(ranked) > 1 and ranked[0][1] >= _CLEAR_LEAD * max(ranked[1][1], 1)):
        return ranked[0][0]
    return None


@lru_cache(maxsize=8192)  # one character's simplified form: the same characters recur on every page
def _simplified_char(ch: str) -> str:
    from .script import _t2s

    return str(_t2s().convert(ch))


_CLEAR_LEAD = 10  # how many times commoner the best candidate's word must be than the next one's


def _word_frequency(word: str) -> int:
    import rjieba

    return int(rjieba.suggest_freq(word))


def has_annotations(text: str) -> bool:
    found = 0
    for m in _ANNOTATION_RE.finditer(text):
        if _is_pinyin(m.group(1)):
            found += 1
            if found >= MIN_ANNOTATIONS:
                return True
    return False


def repair_pinyin_annotations(text: str) -> tuple[str, OffsetMap, list[Repair]]:
    """Byte-shift repair, lost-character recovery, then annotation removal (no-op on pages without pinyin)."""
    if not has_annotations(text):
        return text, OffsetMap.identity(len(text)), []
    repairs: list[Repair] = []
    omap = OffsetMap.identity(len(text))

    def shift_repair(m: re.Match[str]) -> str:
        run, letter, reading = m.group(1), m.group(2), m.group(3)
        try:
            raw = run.encode("gbk") + letter.encode()
            tail = raw[1:].decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return m.group(0)
        _, chars_of, reads = _readings()
        if not tail or reading not in reads.get(tail[-1], frozenset()):
            return m.group(0)
        lost = []
        for lead in range(0x81, 0xFF):
            try:
                lost.append(bytes([lead, raw[0]]).decode("gbk"))
            except UnicodeDecodeError:
                continue
        left = text[max(0, m.start() - 2) : m.start()]
        ch = _recover(lost, left, tail)
        new = (ch or "\ufffd") + tail + f"({reading})"
        repairs.append(Repair("mojibake" if ch else "unrecoverable", m.start(), m.end(), new, m.group(0)))
        return new

    text, m1 = rewrite(text, _SHIFT_RE, shift_repair)
    omap = omap.then(m1)

    def lost_char(m: re.Match[str]) -> str:
        reading = m.group(1)
        if not _is_pinyin(reading):
            return m.group(0)
        # neighbours without annotations and other lost characters ("日?qǐng)?bào)訊": 日 is 報's left neighbour)
        left = _LOST_RE.sub("", _ANNOTATION_RE.sub("", text[max(0, m.start() - 16) : m.start()]))
        right = _LOST_RE.sub("", _ANNOTATION_RE.sub("", text[m.end() : m.end() + 16]))
        ch = _recover(_readings()[1].get(reading, []), left, right)
        raw0, raw1 = omap.span(m.start(), m.end())
        repairs.append(Repair("recovered" if ch else "unrecoverable", raw0, raw1, ch or "\ufffd", m.group(0)))
        return ch or "\ufffd"

    text, m2 = rewrite(text, _LOST_RE, lost_char)
    omap = omap.then(m2)
    text, m3 = rewrite(text, _ANNOTATION_RE, lambda m: "" if _is_pinyin(m.group(1)) else m.group(0))
    return text, omap.then(m3), repairs
