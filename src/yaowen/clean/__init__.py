"""Clean a page's text: script, pinyin annotations, lost characters, character forms and layout breaks.

Every pass returns its output text and an ``OffsetMap`` from that output back to its input; composing
them keeps a map from every cleaned character to its offset in ``Page.text``.
"""

from __future__ import annotations

from ..model import CleanText, OffsetMap, Page, Repair
from .forms import normalize_forms
from .layout import join_layout_breaks, line_indents
from .pinyin import repair_pinyin_annotations
from .script import detect_script_converted, to_simplified

__all__ = ["clean_page", "clean_text"]


def clean_text(text: str) -> CleanText:
    """Clean raw page text (see module docstring); the pure-text core of ``clean_page``."""
    omap = OffsetMap.identity(len(text))
    # Pinyin and '?' repair first: the mojibake repair re-encodes the page's own (traditional) characters.
    text, m, repairs = repair_pinyin_annotations(text)
    omap = omap.then(m)
    script, converted = detect_script_converted(text)
    if script == "traditional":
        text, m = to_simplified(text, converted)  # the page converted once, not twice
        omap = omap.then(m)
    indents = line_indents(text)  # before the forms drop them: a wrapped paragraph's first line is short by its indent
    text, m, headings = normalize_forms(text)
    omap = omap.then(m)
    text, m, headings, doubled = join_layout_breaks(text, headings, indents)
    # a word printed on both sides of a column break is dropped once; record it in raw offsets
    repairs += [Repair("dedup", *omap.span(start, end), "", word) for start, end, word in doubled]
    omap = omap.then(m)
    return CleanText(text=text, offsets=omap, script=script, headings=headings, repairs=repairs)


def clean_page(page: Page) -> CleanText:
    return clean_text(page.text)
