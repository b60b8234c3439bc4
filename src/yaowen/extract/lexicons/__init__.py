"""The lexicons the rules lean on, kept as data files in the package (one entry a line, '#' comments)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib.resources import files


@cache
def load_lexicon(name: str) -> tuple[str, ...]:
    """Entries of ``lexicons/<name>.txt`` in file order."""
    text = files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    return tuple(s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#"))


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    entries = load_lexicon("surnames")
    return frozenset(e for e in entries if len(e) == 1), frozenset(e for e in entries if len(e) > 1)


@cache
def countries() -> frozenset[str]:
    """Countries and regions by their usual short names (阿根廷, 安提瓜和巴布达)."""
    return frozenset(load_lexicon("countries"))


@cache
def nonnames() -> frozenset[str]:
    return frozenset(load_lexicon("nonnames"))


@lru_cache(maxsize=1 << 14)  # asked of the same short strings on every page
def looks_like_name(s: str) -> bool:
    """A 2-4 character string that starts with a surname (compound surnames need 3-4 characters)."""
    if s in nonnames():
        return False
    single, compound = surnames()
    if s[:2] in compound:
        return 3 <= len(s) <= 4
    return 2 <= len(s) <= 3 and s[0] in single


def trie_regex(words: Iterable[str]) -> str:
    """One regex alternation for many literal words, nested by shared prefix and longest match first: a flat
    alternation of hundreds of words is tried word by word at every position of a text, this one follows a
    single branch per character."""
    ordered = sorted(set(words))
    return _trie_regex(ordered, 0, 0, len(ordered))


def _trie_regex(words: list[str], depth: int, lo: int, hi: int) -> str:
    """The regex of the trie node that ``words[lo:hi]`` (sorted) share their first ``depth`` characters in.
    Built from the sorted words, with no trie of dictionaries in between: a page's names make one per page."""
    i = lo
    terminal = i < hi and len(words[i]) == depth  # sorted: the shared prefix itself comes first
    if terminal:
        i += 1
    alts = []
    while i < hi:
        ch = words[i][depth]
        j = i + 1
        while j < hi and words[j][depth] == ch:
            j += 1
        alts.append((ch if "\u4e00" <= ch <= "\u9fff" else re.escape(ch)) + _trie_regex(words, depth + 1, i, j))
        i = j
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if terminal else body
