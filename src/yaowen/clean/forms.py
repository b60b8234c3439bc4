"""Character forms and markdown: one spelling for every character, headings kept as hints.

Full-width ASCII forms fold to ASCII (``（记者 罗文鹏）`` -> ``(记者 罗文鹏)``, ``１２`` -> ``12``) and every
Unicode space to ' ', so that patterns and search see one form. CJK punctuation without an ASCII twin
(。、“”《》) stays. Markdown heading marks are dropped with their level recorded per line; bold marks and
trailing spaces go; runs of spaces inside a line become one space (headlines use a single space as a
separator, so single spaces stay).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

from ..model import OffsetMap
from .rewrite import rewrite
from .script import code_points

_TABLE = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_TABLE.update({cp: 0x20 for cp in (0x3000, 0x00A0, 0x2002, 0x2003, 0x2009, 0x200A, 0x202F, 0x205F, 0x1680)})
# The same table indexed by code point over the BMP: one numpy lookup for a page instead of str.translate's dict
# lookup for every character (a tenth of the time).
_BMP_TABLE = np.arange(0x10000, dtype=np.uint32)
_BMP_TABLE[list(_TABLE)] = list(_TABLE.values())
# a markdown heading mark, after the line's leading spaces
_HEADING_RE = re.compile(r"(?m)^[^\S\n]*(#{1,6})[ \t]+")
# What goes or shrinks: blanks at a line's start (^[ \t]+) or end ([ \t]+$), a heading mark (^#{1,6}[ \t]+), bold
# marks, a run of blanks inside a line ([ \t]{2,}), a tab, zero-width spaces. Each branch opens with its literal
# first character (the line-start test moved into a lookbehind), so the engine skips to where one can start: as
# a flat alternation of classes and anchors it tried every branch at every position, 8 times slower.
_FORMS_RE = re.compile(
    r"(?m) (?:(?<=^ )[ \t]*|[ \t]*$|[ \t]+)"
    r"|\t(?:(?<=^\t)[ \t]*|[ \t]*$|[ \t]+|)"
    r"|#(?<=^#)#{0,5}[ \t]+"
    r"|\*\*|__|\u200b|\ufeff"
)


def normalize_forms(text: str) -> tuple[str, OffsetMap, dict[int, int]]:
    text = _fold(text)  # 1:1, the map stays the identity
    # (a page without a "#" has no heading mark: most pages are spared the line-by-line search)
    headings = {i: len(m.group(1)) for i, m in line_matches(_HEADING_RE, text)} if "#" in text else {}
    # newlines are never removed here, so line indexes are the same before and after
    out, omap = rewrite(text, _FORMS_RE, _form)
    return out, omap, headings


def line_matches(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, re.Match[str]]]:
    """(line index, match) for each match of ``pattern``, a MULTILINE pattern anchored at a line's start that
    never crosses a newline: one search over the text instead of a match tried on every line."""
    line = pos = 0
    for m in pattern.finditer(text):
        line += text.count("\n", pos, m.start())
        pos = m.start()
        yield line, m


def _fold(text: str) -> str:
    """``text.translate(_TABLE)``."""
    points = code_points(text)
    if not points.size or points.max() > 0xFFFF:
        return text.translate(_TABLE)  # a character beyond the BMP (rare): past the array's end
    return _BMP_TABLE[points].tobytes().decode("utf-32-le", "surrogatepass")


def _form(m: re.Match[str]) -> str:
    s = m.group(0)
    text = m.string
    at_edge = m.start() == 0 or text[m.start() - 1] == "\n" or m.end() == len(text) or text[m.end()] == "\n"
    # a run of blanks inside a line is one space; at a line's edge, or a mark, it goes
    return " " if s.strip(" \t") == "" and not at_edge else ""

