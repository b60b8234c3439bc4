"""Dates with the year resolved: reports print month-day ("8月16日"), the year has to come from the page.

Evidence, strongest first: the issue date given by the markup or the file path; a full date whose
month-day matches a dateline on the page; "2025年第5次常务会议"; a document's 题注 "(2020年12月29日...通过)";
"2021年度...计划/工作要点" (the plan's own year) and "2020年度...审计报告/评估结果" (reported the year after);
plain years named in the text count little, and future targets ("2035年远景目标", "定于2021年1月18日召开")
not at all. The issue date is the markup's, else the day after the latest dated event (papers report
yesterday's events), which then also anchors 昨日 and 今日.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

MD_RE = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
# A lead that opens with the day alone, "17日上午,…": the day of the month the issue is dated in.
DAY_START_RE = re.compile(r"^\s*(\d{1,2})日(?:上午|下午|晚上?|中午|凌晨|早上|傍晚)?\s*[,，]")
DAY_RE = re.compile(r"(\d{1,2})日")
RELATIVE_RE = re.compile(r"昨日|昨天|今日|今天|前日|前天")
# "今天(6月9日)": a relative word glossed with the date itself
EVENT_DATE_RE = re.compile(
    r"(?:昨日|昨天|今日|今天|前日|前天)\s*[(（](\d{1,2})月(\d{1,2})日[)）]|"
    + MD_RE.pattern
    + "|"
    + RELATIVE_RE.pattern
)
FULL_DATE_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_FUTURE_BEFORE_RE = re.compile(r"(?:定于|将于|拟于|预计|计划|力争|争取|到|至|于)$")
_TO_COME_RE = re.compile(r"(?:定于|将于|拟于|预计于?|计划于|将在)$")  # a date announced, not an event reported
_FUTURE_AFTER_RE = re.compile(r"^(?:前|以前|之前|底|年底|末|起)")
_SESSION_RE = re.compile(r"((?:19|20)\d{2})年第[一二三四五六七八九十\d]+次")
_TIZHU_RE = re.compile(r"[(（]((?:19|20)\d{2})年\d{1,2}月\d{1,2}日[^()（）]{0,60}(?:通过|发布|印发)[)）]")
_PLAN_RE = re.compile(r"((?:19|20)\d{2})年度?[^，。,;；]{0,16}?(?:计划|工作要点|要点|行动方案|工作方案)")
_REPORT_RE = re.compile(
    r"((?:19|20)\d{2})年度?[^，。,;；]{0,30}?(?:审计报告|审计情况|执行情况|评估结果|考核|考评|决算|工作报告|总结)"
)
# "2025年1月份招商…", "2021-1-9 13:51": a year printed with a month (and a day in another form)
_YEAR_MONTH_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(?!\d{1,2}日)")
_ISO_DATE_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?!\d|代|远景|目标|底|前|以前|后)")

RELATIVE_DAYS = {"昨日": -1, "昨天": -1, "前日": -2, "前天": -2, "今日": 0, "今天": 0}


@dataclass
class YearEvidence:
    year: int | None
    note: str


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def first_event_date(text: str) -> tuple[int, int] | str | None:
    """The first month-day (as (month, day)) or relative day word ("昨日") in ``text`` that is not a date
    still to come ("大会将于11月24日举行。11月21日上午,我市举行仪式")."""
    for m in EVENT_DATE_RE.finditer(text):
        if not _TO_COME_RE.search(text[max(0, m.start() - 3) : m.start()]):
            break
    else:
        return None
    if m.group(1):
        return int(m.group(1)), int(m.group(2))
    if m.group(3):
        return int(m.group(3)), int(m.group(4))
    return m.group(0)


def infer_year(text: str, meta_date: str | None, dateline_mds: list[tuple[int, int]]) -> YearEvidence:
    """The year the page's month-day dates belong to, with the evidence used."""
    if meta_date:
        return YearEvidence(int(meta_date[:4]), f"issue date {meta_date} from the page's markup or path")
    votes: Counter[int] = Counter()
    why: dict[int, list[str]] = {}

    def vote(year: int, weight: float, what: str) -> None:
        votes[year] += weight
        why.setdefault(year, []).append(what)

    mds = set(dateline_mds)
    for m in FULL_DATE_RE.finditer(text):
        before = text[max(0, m.start() - 3) : m.start()]
        after = text[m.end() : m.end() + 2]
        if _FUTURE_BEFORE_RE.search(before) or _FUTURE_AFTER_RE.match(after):
            continue
        y, md = int(m.group(1)), (int(m.group(2)), int(m.group(3)))
        vote(y, 5 if md in mds else 1, m.group(0))
    months = {month for month, _ in mds}
    for m in (*_YEAR_MONTH_RE.finditer(text), *_ISO_DATE_RE.finditer(text)):
        vote(int(m.group(1)), 3 if int(m.group(2)) in months else 1, m.group(0))
    for m in _SESSION_RE.finditer(text):
        vote(int(m.group(1)), 4, m.group(0))
    for m in _TIZHU_RE.finditer(text):
        vote(int(m.group(1)), 4, m.group(0))
    # a plan for year N is adopted early in N, or at the end of N-1 when the page's events are in Q4
    late_in_year = bool(mds) and max(month for month, _ in mds) >= 11
    for m in _PLAN_RE.finditer(text):
        vote(int(m.group(1)) - late_in_year, 2, m.group(0) + (" (adopted the year before)" if late_in_year else ""))
    for m in _REPORT_RE.finditer(text):
        vote(int(m.group(1)) + 1, 2, m.group(0) + " (reported the year after)")
    for m in _YEAR_RE.finditer(text):
        vote(int(m.group(1)), 0.25, m.group(0))
    if not votes:
        return YearEvidence(None, "no year named on the page")
    year, _ = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    return YearEvidence(year, f"year {year} from " + ", ".join(dict.fromkeys(why[year]))[:200])


def full_date_years(text: str) -> dict[tuple[int, int], int]:
    """Month-day -> year for every full date printed on the page (a dateline's year, when the page gives it)."""
    return {(int(m.group(2)), int(m.group(3))): int(m.group(1)) for m in FULL_DATE_RE.finditer(text)}


def resolve_month_day(
    md: tuple[int, int], year: int | None, issue: str | None, printed: dict[tuple[int, int], int]
) -> str | None:
    """ISO date for a month-day: the year printed with it on the page, else the page's year; never after
    the issue (a December event reported in January belongs to the year before)."""
    y = printed.get(md, year)
    if y is None:
        return None
    out = iso(y, *md)
    if out and issue and out > issue and md not in printed:
        out = iso(y - 1, *md)
    return out


def resolve_day(day: int, issue: str | None) -> str | None:
    """ISO date for a lone day of the month: in the issue's month, or the month before if that day is
    still to come (a "28日" event in a paper of the 2nd)."""
    if issue is None:
        return None
    d = dt.date.fromisoformat(issue)
    if day <= d.day:
        return iso(d.year, d.month, day)
    prev = d.replace(day=1) - dt.timedelta(days=1)
    return iso(prev.year, prev.month, day)


def shift(date: str, days: int) -> str:
    return (dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()
