"""Classify the lines of a cleaned page: headline-stack lines, bylines, leads, markers and body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from ..genre import (
    CONT_FROM_RE,
    CREDIT_ONLY_RE,
    MASTHEAD_RE,
    PAREN_LINE_RE,
    SEE_PAGE_RE,
    is_byline,
    is_terminal,
    match_lead,
)
from ..model import CleanText

Kind = Literal["heading", "stack", "paren", "byline", "lead", "cont_from", "see_page", "masthead", "body"]

STACK_MAX = 80  # an unpunctuated line longer than this is body text, not a headline
_DATE_PAREN_RE = re.compile(r"^[(（]\s*\d{4}年\d{1,2}月\d{1,2}日")


@dataclass
class Line:
    kind: Kind
    text: str
    start: int  # offset in CleanText.text
    end: int
    level: int = 0  # markdown heading level, 0 if none


def classify_lines(clean: CleanText) -> list[Line]:
    out: list[Line] = []
    for i, (start, end, text) in enumerate(clean.lines()):
        if not text.strip():
            continue
        level = clean.headings.get(i, 0)
        out.append(Line(_kind(text, level), text, start, end, level))
    return out


def _kind(text: str, level: int) -> Kind:
    if len(text) <= 48 and MASTHEAD_RE.match(text):
        return "masthead"
    if level:
        return "heading"
    if CONT_FROM_RE.match(text):
        return "cont_from"
    if SEE_PAGE_RE.match(text):
        return "see_page"
    if is_byline(text):
        return "byline"
    if match_lead(text) or CREDIT_ONLY_RE.match(text):
        return "lead"
    if PAREN_LINE_RE.match(text):
        # a document's 题注 "(2020年12月29日...通过)" sits in the headline stack; other notes are body
        return "paren" if _DATE_PAREN_RE.match(text) or not is_terminal(text[1:-1]) else "body"
    if not is_terminal(text) and len(text) <= STACK_MAX:
        return "stack"
    return "body"
