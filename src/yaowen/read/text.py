"""Plain-text pages, and the text patterns every reader shares: dates a path or a page header states,
and the furniture around a headline in a page title (site names, editions, channels).

Markdown heading lines in a text page pass through untouched: the cleaner reads ``#``/``##`` as
headline-stack hints, so a page saved by the HTML or PDF reader and read back gives the same articles.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import groupby

from ..model import PageMeta
from .encoding import decode_text

__all__ = ["text_to_text", "date_from_path", "header_date", "split_title", "clean_paper", "SITE_TAIL_RE"]

_HEADLINE_RE = re.compile(r"(?m)^#[ \t]+(\S[^\n]*?)[ \t]*$")
_TITLE_WINDOW = 64 * 1024  # the headline of a page is near its top; never scan a 50 MB page for it

# 2021-08-17, 20210817, 2021/08/17, 2021-08/17 (e-paper URLs), 2021年8月17日; a one-digit month or day only
# after a separator, and not before a letter, so that runs of digits (ids, times) and hex ids
# (".../201401/1d2c8f…") are not read as dates.
_PATH_DATE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-/_.年]?(0[1-9]|1[0-2]|(?<=[-/_.年])[1-9](?!\d))[-/_.月]?"
    r"(0[1-9]|[12]\d|3[01]|(?<=[-/_.月])[1-9](?![\dA-Za-z]))(?!\d)"
)
# The issue date in a page header: "2021年08月17日 星期二", "2021-08-17 周二".
_HEADER_DATE_RE = re.compile(
    r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*[(（]?\s*(?:星期|周|礼拜)[一二三四五六日天]")

# Title furniture. Separators: _ | ｜ - – and a single —; "——" is punctuation inside Chinese headlines.
_TITLE_SEP_RE = re.compile(r"(\s*(?:_+|\||｜|(?<!\d)-{1,2}(?!\d)|–|(?<!—)—(?!—))\s*)")
SITE_TAIL_RE = re.compile(
    r"^.{0,13}(?:报|网|电子版|数字报刊?|新闻|在线|客户端|频道|首页|门户|融媒|传媒|平台|中心|政府|App|APP)$")
_EDITION_RE = re.compile(r"第\s*\S{1,4}\s*版|^[A-Z]?\d{1,2}版|版面")
_PAPER_SUFFIX_RE = re.compile(r"\s*(?:多媒体)?(?:数字报刊?(?:平台)?|电子版|电子报|数字版|网络版|数字报纸)$")
_PAPER_RE = re.compile(r"^[\u4e00-\u9fff]{2,12}(?:日报|晚报|早报|时报|商报|周报|报)$")
_SPACES_RE = re.compile(r"\s+")


def text_to_text(data: bytes, source: str) -> tuple[str, str, PageMeta]:
    """(text, encoding name, meta) of a text page; meta.title is its first ``# `` line, if any."""
    text, encoding = decode_text(data, source)
    # (no "#" in the window, no heading line: spared the search of every line start)
    m = _HEADLINE_RE.search(text, 0, _TITLE_WINDOW) if text.find("#", 0, _TITLE_WINDOW) >= 0 else None
    # no date from the text itself: a plain page starts with its news, and a date there is an event's
    return text, encoding, PageMeta(title=m.group(1) if m else None)


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def date_from_path(path: str) -> str | None:
    """The ISO date a path or URL states, when it states exactly one: archives are often laid out by issue
    date, and e-paper URLs carry it (/html/2021-08/17/content_1.htm). Two different dates: we cannot tell."""
    found = {iso for m in _PATH_DATE_RE.finditer(path.replace("\\", "/")) if (iso := _iso(*m.groups()))}
    return found.pop() if len(found) == 1 else None


def header_date(text: str, window: int = 4000) -> str | None:
    """The issue date printed with its weekday near the top of a page, as an e-paper header prints it.
    The weekday is what makes it the page's date rather than a date some article mentions."""
    m = _HEADER_DATE_RE.search(text, 0, window)
    return _iso(*m.groups()) if m else None


def clean_paper(name: str | None) -> str | None:
    """A paper's name without its web edition's suffix: "临江日报数字报" -> "临江日报"."""
    name = _PAPER_SUFFIX_RE.sub("", _SPACES_RE.sub(" ", name or "").strip())
    return name or None


def split_title(title: str) -> tuple[str | None, str | None]:
    """(headline, paper) from a page title: "推动审计工作高质量发展_要闻_临江日报",
    "临江日报数字报-第01版:要闻-以改革创新推动临江高质量发展". Parts naming a site, an edition or a channel
    are furniture; the headline is the longest run of the other parts, joined as printed."""
    pieces = _TITLE_SEP_RE.split(_SPACES_RE.sub(" ", title).strip())
    parts, seps = [p.strip() for p in pieces[0::2]], pieces[1::2]

    def furniture(k: int) -> bool:
        p = parts[k]
        return not p or bool(SITE_TAIL_RE.search(p) or _EDITION_RE.search(p)) or (len(p) <= 4 and len(parts) > 1)

    paper = next((c for p in parts if (c := clean_paper(p)) and _PAPER_RE.match(c)), None)
    runs = [list(run) for junk, run in groupby(range(len(parts)), key=furniture) if not junk]
    best = max(runs, key=lambda run: sum(len(parts[k]) for k in run), default=[])
    headline = "".join(parts[k] + (seps[k] if k != best[-1] else "") for k in best).strip()
    return headline or None, paper
