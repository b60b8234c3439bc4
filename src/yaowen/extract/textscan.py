"""Questions about the stretch of text since the last line or sentence end, answered in one pass.

A page printed on one line has no line end to stop a search back from a position: ``text.rfind("\\n", 0, pos)``
reads back to the start of the page, and asked at every figure or name of a megabyte page it costs the square
of the page. Asked at ascending positions, ``MarksSince`` reads each character once. ``at_sentence_starts``
runs a regex anchored at line and sentence starts at those starts only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import repeat
from operator import add

from .lexicons import trie_regex


class MarksSince:
    """How often each of ``marks`` occurs between the last of ``stops`` before a position and the position."""

    def __init__(self, text: str, stops: str, marks: str) -> None:
        self._text, self._stops, self._marks = text, stops, marks
        self._pos = 0  # counted up to here, from the last stop before it
        self._counts = [0] * len(marks)

    def __call__(self, pos: int) -> list[int]:
        text = self._text
        if pos < self._pos:  # asked out of order: count again from the start
            self._pos, self._counts = 0, [0] * len(self._marks)
        # map over the few stops and marks, not a generator: asked at every figure of a text
        stop = max(map(text.rfind, self._stops, repeat(self._pos), repeat(pos)))
        if stop >= 0:
            self._counts = list(map(text.count, self._marks, repeat(stop + 1), repeat(pos)))
        else:
            self._counts = list(map(add, self._counts, map(text.count, self._marks, repeat(self._pos), repeat(pos))))
        self._pos = pos
        return self._counts


_STOPS = "。\n"


def sentence_starts(text: str) -> list[int]:
    """Where the text, each of its lines and each of its sentences (after 。) start, in order."""
    # (str.find for each of the two marks: a regex of the two tries a character class at every place, which
    # costs more than the marks' Python loop)
    starts = []
    for mark in _STOPS:
        i = text.find(mark)
        while i >= 0:
            i += 1
            starts.append(i)
            i = text.find(mark, i)
    starts.sort()
    return [0, *starts]


def at_sentence_starts(pattern: re.Pattern[str], text: str, starts: list[int] | None = None) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a pattern that can only match at the start of the text, of a line or of a
    sentence (it opens with ``(?:^|(?<=[。\n]))``) and never matches empty: tried at those ``starts``
    (``sentence_starts``) only, not at every character (a regex that opens with an assertion has no first
    character to skip ahead to)."""
    out: list[re.Match[str]] = []
    last = 0  # where the last match ended: matches do not overlap
    for start in sentence_starts(text) if starts is None else starts:
        if start >= last and (m := pattern.match(text, start)) is not None:
            out.append(m)
            last = m.end()
    return out


class WordFinder:
    """Where a text holds a set of literal words (a page's names): leftmost first, the longest word at a position,
    none overlapping — what ``re.compile(trie_regex(words)).finditer`` finds. A page names a few dozen people,
    and a regex of them is compiled afresh for each page (more costly than the search): each word is searched
    with ``str.find`` instead, unless words and text are so many that one pass of a regex is cheaper."""

    _FIND_WORK = 2_000_000  # words x characters beyond which the regex is compiled (once) and used

    def __init__(self, words: Iterable[str]) -> None:
        self.words = sorted(set(words))
        self._regex: re.Pattern[str] | None = None

    def spans(self, text: str) -> list[tuple[int, int]]:
        if "" in self.words:  # the regex of a set with the empty word matches everywhere
            return self._regex_spans(text)
        if len(self.words) * len(text) > self._FIND_WORK:
            return self._regex_spans(text)
        found = []
        for w in self.words:
            i = text.find(w)
            while i >= 0:
                found.append((i, -len(w)))
                i = text.find(w, i + 1)
        found.sort()  # by start, the longest word first
        out = []
        end = 0
        for start, minus_len in found:
            if start >= end:
                end = start - minus_len
                out.append((start, end))
        return out

    def _regex_spans(self, text: str) -> list[tuple[int, int]]:
        if self._regex is None:
            self._regex = re.compile(trie_regex(self.words))
        return [m.span() for m in self._regex.finditer(text)]
