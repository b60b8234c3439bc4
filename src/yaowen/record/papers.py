"""Which paper a page is from, when nobody said: the name its masthead or its datelines print.

Taken where the record takes the paper (ingest and re-extraction): ``--paper`` first, then the markup or the
dump's source field, then this. A masthead line ("衡阳日报 2021年8月17日 星期二") names the paper of the page;
failing one, a dateline in the paper's own name ("衡阳日报讯", as 本报讯 is printed on reprints and web pages)
does, when every such dateline of the page names the same paper. Agency datelines (新华社北京3月4日电) and
places (人民日报北京3月4日电) mark reprints and say nothing about the page's paper.
"""

from __future__ import annotations

import re

from ..genre import MASTHEAD_RE
from ..model import PageResult

_PAPER = r"[\u4e00-\u9fff]{2,10}?(?:日报|晚报|早报|都市报|时报|商报|法制报|农民报|报)"
_MASTHEAD_PAPER_RE = re.compile(rf"^\s*(?P<paper>{_PAPER})(?=[\s\d第（(·]|$)")
_OWN_DATELINE_RE = re.compile(rf"^(?:[■□●◆▲★]\s*)?(?P<paper>{_PAPER})讯")
MASTHEAD_LINES = 12  # a masthead is printed above the first article
MAX_MASTHEAD_LEN = 48


def printed_paper(result: PageResult) -> str | None:
    """The paper the page's masthead, else its own datelines, name; None when it prints none."""
    for line in result.clean.text.split("\n", MASTHEAD_LINES)[:MASTHEAD_LINES]:
        if len(line) <= MAX_MASTHEAD_LEN and MASTHEAD_RE.match(line) and (m := _MASTHEAD_PAPER_RE.match(line)):
            return m.group("paper")
    named = {m.group("paper") for a in result.articles if a.dateline and (m := _OWN_DATELINE_RE.match(a.dateline))}
    named.discard("本报")
    return named.pop() if len(named) == 1 else None
