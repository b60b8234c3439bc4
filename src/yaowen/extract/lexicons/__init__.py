"""The lexicons the rules lean on, kept as data files in the package (one entry a line, '#' comments)."""

from __future__ import annotations

from functools import cache
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
def nonnames() -> frozenset[str]:
    return frozenset(load_lexicon("nonnames"))


def looks_like_name(s: str) -> bool:
    """A 2-4 character string that starts with a surname (compound surnames need 3-4 characters)."""
    if s in nonnames():
        return False
    single, compound = surnames()
    if s[:2] in compound:
        return 3 <= len(s) <= 4
    return 2 <= len(s) <= 3 and s[0] in single
