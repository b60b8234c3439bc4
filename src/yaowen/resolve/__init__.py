"""Resolution across the articles of a page (and later across pages): dates with years, the issue date."""

from __future__ import annotations

import re

from ..chrome import page_timestamp
from ..genre import MASTHEAD_RE
from ..model import Article, CleanText, PageMeta
from ..read.text import date_from_path
from .dates import (
    DAY_RE,
    FULL_DATE_RE,
    MD_RE,
    YearEvidence,
    full_date_years,
    infer_year,
    iso,
    resolve_day,
    resolve_month_day,
    resolve_relative,
    shift,
    stale_stamp,
    without_date,
)

HEAD_LINES = 60  # the page's own date stands above its text: a masthead, an e-paper date line, a meta line
_PROSE_MIN = 20  # a line this long with a full stop is the text: an unlabelled date below it is not the page's

__all__ = ["resolve_dates", "month_day_resolver"]


def month_day_resolver(clean: CleanText, year: int | None, issue: str | None):
    """A function (month, day) -> ISO date with the page's year, for dates inside article text."""
    printed = full_date_years(clean.text)
    return lambda month, day: resolve_month_day((month, day), year, issue, printed)


def resolve_dates(
    articles: list[Article], clean: CleanText, meta: PageMeta, year_hint: tuple[int, str] | None = None
) -> tuple[str | None, str, int | None]:
    """Set every article's ``event_date``; return (issue date, the evidence for it, the page's year).

    ``year_hint`` (year, why) is evidence from outside the page — the record knows when the officials it
    names held the posts it gives them — used only when the page itself shows no year.
    """
    text = clean.text
    mds = [
        (int(m.group(1)), int(m.group(2)))
        for a in articles
        if a.date_mention and (m := MD_RE.fullmatch(a.date_mention))
    ]
    printed_note = None
    if meta.date is None and (found := printed_issue_date(text)):
        meta = PageMeta(title=meta.title, date=found[0], paper=meta.paper, url=meta.url)
        printed_note = found[1]
    elif meta.date is None and meta.url and (stated := date_from_path(meta.url)):
        # after the page's own print: a mirror's address dates the copy, not the page (发表日期 a year before)
        meta = PageMeta(title=meta.title, date=stated, paper=meta.paper, url=meta.url)
        printed_note = f"issue date {stated} from the page's URL"
    if meta.date and stale_stamp(meta.date, mds):  # a repost stamp: the year is the text's, not the stamp's
        evidence = infer_year(without_date(text, meta.date), None, mds)
    else:
        evidence = infer_year(text, meta.date, mds, meta.url)
    if evidence.year is None and year_hint is not None:
        evidence = YearEvidence(year_hint[0], year_hint[1])
    year = evidence.year
    printed = full_date_years(text)
    issue = meta.date
    note = printed_note or evidence.note

    explicit: list[str] = []
    for a in articles:
        mention = a.date_mention
        if not mention:
            continue
        if (m := FULL_DATE_RE.fullmatch(mention)) is not None:
            a.event_date = resolve_month_day((int(m.group(2)), int(m.group(3))), int(m.group(1)), None, {})
        elif (m := MD_RE.fullmatch(mention)) is not None:
            a.event_date = resolve_month_day((int(m.group(1)), int(m.group(2))), year, issue, printed)
        if a.event_date and not a.fragment or a.event_date and a.dateline:
            explicit.append(a.event_date)

    if issue is None and explicit:
        # no issue date in the markup: the paper reports yesterday's events, so the day after the latest
        issue = shift(max(explicit), 1)
        note = f"day after the latest dated event ({max(explicit)}); {evidence.note}"
    for a in articles:
        if a.date_mention and issue and (rel := resolve_relative(a.date_mention, issue)):
            a.event_date = rel
        elif a.date_mention and (m := DAY_RE.fullmatch(a.date_mention)):
            a.event_date = resolve_day(int(m.group(1)), issue)
    return issue, note, year


_YEAR_DIGITS_RE = re.compile(r"(?:19|20)\d\d")


def printed_issue_date(text: str) -> tuple[str, str] | None:
    """(ISO date, why) of the date the page prints as its own: a masthead ("临江日报 2023年5月7日 星期日"),
    an e-paper's date line, or the title's meta line ("发布时间:2022年11月03日", "2024-05-17 09:30 来源:…").
    An unlabelled date counts only above the text; a labelled one also in the footer."""
    text_seen = False
    for line in text.split("\n", HEAD_LINES)[:HEAD_LINES]:
        if not _YEAR_DIGITS_RE.search(line):  # every date these read prints its year in digits
            text_seen |= len(line) >= _PROSE_MIN and "。" in line
            continue
        m = MASTHEAD_RE.match(line) if len(line) <= 48 else None
        if m and (d := iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))):
            return d, f"issue date {d} from the masthead"
        stamp = page_timestamp(line) if len(line) <= 200 else None
        if stamp and (stamp[1] or not text_seen):
            return stamp[0], f"issue date {stamp[0]} from the page's own timestamp: {line.strip()[:60]}"
        text_seen |= len(line) >= _PROSE_MIN and "。" in line
    for line in text[-2000:].split("\n"):
        if not _YEAR_DIGITS_RE.search(line):
            continue
        m = MASTHEAD_RE.match(line) if len(line) <= 48 else None
        if m and (d := iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))):
            return d, f"issue date {d} from the masthead"
        stamp = page_timestamp(line) if len(line) <= 200 else None
        if stamp and stamp[1]:
            return stamp[0], f"issue date {stamp[0]} from the page's labelled timestamp"
    return None
