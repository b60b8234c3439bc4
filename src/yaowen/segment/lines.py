"""Classify the lines of a cleaned page: headline-stack lines, bylines, leads, markers and body."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..chrome import chrome_kind
from ..genre import (
    CONT_FROM_RE,
    CREDIT_ONLY_RE,
    MASTHEAD_RE,
    PAREN_LINE_RE,
    SEE_PAGE_RE,
    STORY_START_RE,
    is_byline,
    is_credit_line,
    is_terminal,
    match_lead,
)
from ..model import CleanText

Kind = Literal[
    "heading", "stack", "paren", "byline", "lead", "cont_from", "see_page", "masthead", "body",
    # the site's furniture (see yaowen.chrome)
    "nav", "meta", "tools", "end", "junk", "caption",
]
CHROME_KINDS = frozenset({"nav", "meta", "tools", "end", "junk", "caption"})

LeadMatch = tuple[re.Match[str], int]  # what genre.match_lead returns: LEAD_RE's match and its end in the line
STACK_MAX = 80  # an unpunctuated line longer than this is body text, not a headline
_DATE_PAREN_RE = re.compile(r"^[(（]\s*\d{4}年\d{1,2}月\d{1,2}日")
# A numbered point of a text ("一、主动公开", "(二)公开方式", "3.…"): a section inside the body, never a headline.
_ENUMERATED_RE = re.compile(r"^(?:\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）])")
# A title run into the text on one line (a scrape lost the break): "标题 本报讯 …", "标题 1月8日,市委…".
_RUN_ON_TITLE_RE = re.compile(r"^[^。!?！？,，;；]{6,60}")
_SPACE_RE = re.compile(r"\s+")


@dataclass
class Line:
    kind: Kind
    text: str
    start: int  # offset in CleanText.text
    end: int
    level: int = 0  # markdown heading level, 0 if none
    # match_lead(text) of a "lead" line, read once here: later steps reuse it (see lead_match)
    lead: LeadMatch | None = field(default=None, repr=False, compare=False)


def lead_match(text: str, line: Line | None) -> LeadMatch | None:
    """``match_lead(text)``, taken from ``line`` when it is the "lead" line that holds that text."""
    if line is not None and line.kind == "lead" and line.text == text:
        return line.lead
    return match_lead(text)


def classify_lines(clean: CleanText) -> list[Line]:
    out: list[Line] = []
    in_body = False  # a body paragraph has been seen: no title can run into the text any more
    for i, (start, end, text) in enumerate(clean.lines()):
        if not text.strip():
            continue
        level = clean.headings.get(i, 0)
        if not in_body and not level and (cut := _run_on_title(text)):
            head = text[:cut].rstrip()  # a title, or a byline, that the text ran on from
            if is_byline(head):
                out.append(Line("byline", head, start, start + len(head), 0))
            else:
                out += [Line("stack", t, start + a, start + b, 0) for a, b, t in _stack_parts(head)]
            start, text = start + cut, text[cut:]
        kind, lead = _kind(text, level)
        in_body |= kind in ("body", "lead")
        out.append(Line(kind, text, start, end, level, lead))
    return out


def _run_on_title(text: str) -> int | None:
    """Where the text starts on a line a title ran into: the lead or the dated first sentence after a space."""
    if len(text) <= 40 or chrome_kind(text) is not None or match_lead(text):
        return None
    title = _RUN_ON_TITLE_RE.match(text)
    if title is None:
        return None
    for m in _SPACE_RE.finditer(text, 6, title.end() + 1):
        rest = text[m.end() :]
        if match_lead(rest) or STORY_START_RE.match(rest):
            return m.end()
    return None


_TITLE_PART_MIN = 8  # a headline and its subheadline run together are each at least this long


def _stack_parts(head: str) -> list[tuple[int, int, str]]:
    """A run-on title's headline and subheadline, when a space parts two long titles (主题 副题 on one line);
    a short slogan's halves (凝心聚力 开好两会) stay one line."""
    for m in _SPACE_RE.finditer(head):
        left, right = head[: m.start()], head[m.end() :]
        if len(_SPACE_RE.sub("", left)) >= _TITLE_PART_MIN and len(_SPACE_RE.sub("", right)) >= _TITLE_PART_MIN:
            return [(0, m.start(), left), (m.end(), len(head), right)]
    return [(0, len(head), head)]


def _kind(text: str, level: int) -> tuple[Kind, LeadMatch | None]:
    """The line's kind, with match_lead's reading of it when it is a lead."""
    if len(text) <= 48 and MASTHEAD_RE.match(text):
        return "masthead", None
    if len(text) <= 40 and (is_credit_line(text) or ("/" in text and is_byline(text))):
        return "byline", None  # "文 | 方晓 图 | 林立", "记者 方晓/文 陈一/摄": no menu's bars, no caption's 摄
    if (chrome := chrome_kind(text)) is not None and not (level and chrome in ("nav", "tools", "caption")):
        return chrome, None  # a heading the markup marks is a heading, whatever it holds
    if level:
        return "heading", None
    if CONT_FROM_RE.match(text):
        return "cont_from", None
    if SEE_PAGE_RE.match(text):
        return "see_page", None
    if is_byline(text):
        return "byline", None
    if (lead := match_lead(text)) or CREDIT_ONLY_RE.match(text):
        return "lead", lead
    if PAREN_LINE_RE.match(text):
        # a document's 题注 "(2020年12月29日...通过)" sits in the headline stack; other notes are body
        return ("paren" if _DATE_PAREN_RE.match(text) or not is_terminal(text[1:-1]) else "body"), None
    if not is_terminal(text) and len(text) <= STACK_MAX and not _ENUMERATED_RE.match(text):
        return "stack", None
    return "body", None
