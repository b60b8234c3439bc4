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
from collections.abc import Iterator
from dataclasses import dataclass

from ..extract.figures import chinese_number

MD_RE = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
DAY_RE = re.compile(r"(\d{1,2})日")
# "上周五", "本周三": a weekday of the issue's week or the week before; "上月28日": a day of last month.
WEEKDAY_RE = re.compile(r"(上|本|这)(?:周|星期|礼拜)([一二三四五六日天])")
LAST_MONTH_RE = re.compile(r"上月(\d{1,2})日")
_WEEKDAYS = "一二三四五六日"
# The date a lead gives its event, in the forms leads print: "今天(6月9日)" (a relative word glossed with
# the date), "2024年3月5日", "3月5日", "昨日", "上周五", "上月28日", and a lone day before a time of day or
# a verb ("市委书记周明远5日上午主持召开…").
EVENT_DATE_RE = re.compile(
    r"(?:昨日|昨天|今日|今天|前日|前天)\s*[(（](?P<gy>(?:19|20)\d{2}年)?(?P<gm>\d{1,2})月(?P<gd>\d{1,2})日[)）]"
    r"|(?<![\d年])(?P<y>(?:19|20)\d{2}年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"
    r"|(?P<rel>昨日|昨天|今日|今天|前日|前天|[上本这](?:周|星期|礼拜)[一二三四五六日天]|上月\d{1,2}日)"
    r"|(?<![\d月年号第—–\-~～至到和、])(?P<day>\d{1,2})日"
    r"(?=上午|下午|晚上?|中午|凌晨|早上|傍晚|[,，]|召开|举行|在|至|到|和|、|起|开幕|闭幕)"
)
# Every match of EVENT_DATE_RE opens with one of these characters. Its branches open with groups and
# lookbehinds, which leave the engine no first character to skip to, so finditer would try the whole
# alternation at every place of a paragraph; trying it only where one of these stands finds the same matches.
_EVENT_DATE_START_RE = re.compile(r"[昨今前上本这\d]")
# "近日,…", "日前,…": a lead that does not date its event (a later month-day in it is another event's).
UNDATED_OPENER_RE = re.compile(r"^\s*(?:近日|日前|前不久|不久前|近期)(?!\s*[(（]\d)")
_SENTENCE_END_RE = re.compile(r"[。!?！？][”’」』)）]*")
_AFTER_SENTENCE_RE = re.compile(r"[。!?！？][”’」』)）]*\s*$")
FULL_DATE_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
_FUTURE_BEFORE_RE = re.compile(r"(?:定于|将于|拟于|预计|计划|力争|争取|到|至|于)$")
_TO_COME_RE = re.compile(r"(?:定于|将于|拟于|预计于?|计划于|将在|将)$")  # a date announced, not an event reported
_FUTURE_AFTER_RE = re.compile(r"^(?:前|以前|之前|底|年底|末|起)")
# "自3月1日起", "截至3月5日", "3月5日以来": the edge of a span, not the day of an event
_SPAN_AFTER_RE = re.compile(r"(?:前|以前|之前|以来|至今|止)")
_SPAN_BEFORE_RE = re.compile(r"(?:截至|截止|截止到|到)$")
_SINCE_RE = re.compile(r"[自从]$")
_SESSION_RE = re.compile(r"((?:19|20)\d{2})年第[一二三四五六七八九十\d]+次")
_TIZHU_RE = re.compile(r"[(（]((?:19|20)\d{2})年\d{1,2}月\d{1,2}日[^()（）]{0,60}(?:通过|发布|印发)[)）]")
_PLAN_RE = re.compile(r"((?:19|20)\d{2})年度?[^，。,;；]{0,16}?(?:计划|工作要点|要点|行动方案|工作方案)")
# A year reported as over: "截至2022年底", "截至2022年12月31日", "2022年全年", "数据显示，2022年，我国…": a year's
# figures are published after it ends
_CLOSED_YEAR_RE = re.compile(
    r"(?:截至|截止)((?:19|20)\d{2})年(?:底|末|年底|年末|12月31日|12月末|12月底)|((?:19|20)\d{2})年全年"
    r"|(?:显示|获悉|发布|公布|统计)[，,:：]\s*((?:19|20)\d{2})年[，,]"
)
_REPORT_RE = re.compile(
    r"((?:19|20)\d{2})年度?[^，。,;；]{0,30}?(?:审计报告|审计情况|执行情况|评估结果|考核|考评|决算|工作报告|总结|民主生活会|述职|"
    r"统计公报)"
)
# "2025年1月份招商…", "2021-1-9 13:51": a year printed with a month (and a day in another form)
_YEAR_MONTH_RE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(?!\d{1,2}日)")
# (the "no digit before" test stands after the year's first two digits, which it counts among its three:
# a pattern that opens with "19|20" lets the engine skip ahead to those, one that opens with a lookbehind not)
_ISO_DATE_RE = re.compile(r"((?:19|20)(?<!\d\d\d)\d{2})-(\d{1,2})-(\d{1,2})(?!\d)")
_YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?!\d|代|远景|目标|底|前|以前|后)")
# what a thing did or will do in a year of its own: opened, built, set up, held; and "since"
_OWN_YEAR_AFTER_RE = re.compile(
    r"(?:以来|设立|成立|创立|开通|通车|建成|投产|竣工|完工|开工|启用|投用|实现|举办|举行|开幕|首次|起)"
)
_SINCE_BEFORE_RE = re.compile(r"(?:自|从|围绕)$")  # (read in the two characters before the year)
_STRONG = 2  # the weight of evidence that dates the page itself (a dateline's date, its month, a session)
_PERIOD_END_RE = re.compile(r"(?:19|20)\d{2}年?\s*[—–\-~～至到]$")
# "总结2023年工作,部署2024年工作": a year reviewed (at its end or early the next) and a year planned.
_REVIEW_RE = re.compile(r"(?:总结|回顾|盘点)((?:19|20)\d{2})年")
_DEPLOY_RE = re.compile(r"(?:部署|谋划|安排|研究)((?:19|20)\d{2})年")
# A page's own address, when it prints one: "…/2024-03/06/c_1.htm", "…/202403/t20240306_1.html".
_URL_DATE_RE = re.compile(r"https?://\S*?(?<!\d)((?:19|20)\d{2})[-/_]?(0[1-9]|1[0-2])(?:[-/_]?(?:[0-2]\d|3[01]))?(?!\d)")
# Five-year plans: a plan is drafted the year before its period, which opens and closes in known years.
_PLAN_PERIODS = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026, "十六五": 2031}
_PERIOD_RE = re.compile(r"(十[一二三四五六]五)")
_DRAFTING_RE = re.compile(r"(?:编制|谋划|起草|研究|前期)[^。;；]{0,30}$")
_PERIOD_EDGE_RE = re.compile(r"[”\"]?(?:规划)?[^。,，;；]{0,4}(开局|起步|收官|决胜)")
# Anniversaries of dates every official text counts from: "抗战胜利80周年" is 2025.
_ANNIVERSARY_BASES = {
    "新中国成立": 1949, "中华人民共和国成立": 1949, "建党": 1921, "中国共产党成立": 1921, "改革开放": 1978,
    "抗日战争胜利": 1945, "抗战胜利": 1945, "世界反法西斯战争胜利": 1945, "香港回归": 1997, "澳门回归": 1999,
    "建军": 1927, "中国人民解放军建军": 1927, "红军长征胜利": 1936, "五四运动": 1919, "辛亥革命": 1911,
}
_ANNIVERSARY_RE = re.compile(
    "(" + "|".join(sorted(_ANNIVERSARY_BASES, key=len, reverse=True)) + r")(\d{1,3}|[一二三四五六七八九十百]{1,4})周年"
)
# Sittings every official text counts by their number. The National People's Congress and the CPPCC meet
# each spring of a five-year term (十四届全国人大三次会议 is 2025); provinces number their congresses (not
# their CPPCCs) with the nation (湖南省十四届人大, 2023-2027: one far off the national count comes out before
# 1993, and is left alone). The Central Committee's plenums (二十届三中全会) are held in known years.
_TERM_START = {8: 1993, 9: 1998, 10: 2003, 11: 2008, 12: 2013, 13: 2018, 14: 2023, 15: 2028}
_N = "[一二三四五六七八九十]{1,3}"
_CONGRESS_SESSION_RE = re.compile(
    rf"(?:全国(?:人大|人民代表大会|政协)?|省(?:人大|人民代表大会)?)第?(?P<term>{_N})届(?:全国)?"
    rf"(?:人大|人民代表大会|政协|委员会)?第?(?P<session>[一二三四五六])次会议"
    rf"|(?<!省)(?:第)?(?P<term2>{_N})届全国(?:人大|人民代表大会|政协|委员会)第?(?P<session2>[一二三四五六])次会议"
)
_PLENUM_YEARS = {
    16: (2002, 2003, 2003, 2004, 2005, 2006, 2007), 17: (2007, 2008, 2008, 2009, 2010, 2011, 2012),
    18: (2012, 2013, 2013, 2014, 2015, 2016, 2017), 19: (2017, 2018, 2018, 2019, 2020, 2021, 2022),
    20: (2022, 2023, 2024, 2025),
}
# 中全会 is the Central Committee's word (a province's or city's plenum is 次全会)
_PLENUM_RE = re.compile(rf"(?<![省市县区]委)(?P<term>{_N})届(?P<session>[一二三四五六七])中全会")

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


def first_event_date(text: str) -> str | None:
    """The first date in ``text`` that is not one still to come ("大会将于11月24日举行。11月21日上午,我市
    举行仪式"), as a mention: "11月21日", "2024年3月5日", "昨日", "上周五", "5日"; None if the text opens
    with an undated "近日" or "日前"."""
    undated = bool(UNDATED_OPENER_RE.match(text))
    # the lead's first sentence dates the event; a later sentence only by opening with its date
    end = m.end() if (m := _SENTENCE_END_RE.search(text)) else len(text)
    for m in _event_dates(text):
        if m.group("rel") and m.group("rel") in RELATIVE_DAYS or m.group("gm"):
            break  # "今天(6月9日)", "昨日": the day of the news, relative to the issue
        if m.start() >= end and not _AFTER_SENTENCE_RE.search(text, max(0, m.start() - 4), m.start()):
            continue
        if undated or _TO_COME_RE.search(text, max(0, m.start() - 3), m.start()):
            continue
        since = _SINCE_RE.search(text, max(0, m.start() - 2), m.start()) and text.startswith("起", m.end())
        if since or _SPAN_AFTER_RE.match(text, m.end()) or _SPAN_BEFORE_RE.search(text, max(0, m.start() - 3), m.start()):
            continue
        break
    else:
        return None
    if m.group("gm"):
        return f"{m.group('gy') or ''}{int(m.group('gm'))}月{int(m.group('gd'))}日"
    if m.group("m"):
        return f"{m.group('y') or ''}{int(m.group('m'))}月{int(m.group('d'))}日"
    if m.group("day"):
        return f"{int(m.group('day'))}日"
    return m.group("rel")


def _event_dates(text: str) -> Iterator[re.Match[str]]:
    """EVENT_DATE_RE.finditer(text), trying the pattern only where a match can start."""
    pos = 0
    while start := _EVENT_DATE_START_RE.search(text, pos):
        if m := EVENT_DATE_RE.match(text, start.start()):
            yield m
            pos = m.end()
        else:
            pos = start.start() + 1


# month-day arithmetic without the page's year: a leap year, so a 2月29日 dateline is a day (the day before
# 3月1日 comes out 2月29日 in any year, a rare miss)
_PLAIN_YEAR = 2000


def relative_to_dateline(mention: str, dateline: str) -> str:
    """The lead's own date, read against its dateline's month-day ("3月12日讯 昨日" is 3月11日, "11日" the
    dateline's month); a month-day of its own stands. The dateline's date if the mention is a weekday."""
    m = MD_RE.fullmatch(dateline)
    if m is None or MD_RE.fullmatch(mention) or FULL_DATE_RE.fullmatch(mention):
        return mention
    try:
        filed = dt.date(_PLAIN_YEAR, int(m.group(1)), int(m.group(2)))
    except ValueError:  # a dateline no calendar has (4月31日讯, a misprint): nothing to count from
        return mention
    if mention in RELATIVE_DAYS:
        d = filed + dt.timedelta(days=RELATIVE_DAYS[mention])
        return f"{d.month}月{d.day}日"
    if day := DAY_RE.fullmatch(mention):
        n = int(day.group(1))
        month = filed.month if n <= filed.day else (filed.month - 2) % 12 + 1
        return f"{month}月{n}日"
    return dateline


def resolve_relative(mention: str, issue: str) -> str | None:
    """ISO date of a mention relative to the issue: 昨日, 上周五, 本周三, 上月28日."""
    if mention in RELATIVE_DAYS:
        return shift(issue, RELATIVE_DAYS[mention])
    d = dt.date.fromisoformat(issue)
    if m := WEEKDAY_RE.fullmatch(mention):
        monday = d - dt.timedelta(days=d.weekday()) - dt.timedelta(days=7 if m.group(1) == "上" else 0)
        out = monday + dt.timedelta(days=_WEEKDAYS.index(m.group(2).replace("天", "日")))
        return out.isoformat() if out <= d else None
    if m := LAST_MONTH_RE.fullmatch(mention):
        prev = d.replace(day=1) - dt.timedelta(days=1)
        return iso(prev.year, prev.month, int(m.group(1)))
    return None


def infer_year(
    text: str, meta_date: str | None, dateline_mds: list[tuple[int, int]], url: str | None = None
) -> YearEvidence:
    """The year the page's month-day dates belong to, with the evidence used."""
    if meta_date:
        return YearEvidence(int(meta_date[:4]), f"issue date {meta_date} from the page's markup or path")
    if url and (m := _URL_DATE_RE.match(url)):
        # the page's own address names the month it was posted in (…/201507/1234567.html), just after the
        # days it reports: a January address over December's events is the year before
        year = int(m.group(1)) - (int(m.group(2)) <= 2 and any(month >= 11 for month, _ in dateline_mds))
        return YearEvidence(year, f"year {year} from the page's address {url[:80]}")
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
    for m in _CLOSED_YEAR_RE.finditer(text):
        vote(int(m.group(m.lastindex or 1)) + 1, 2, m.group(0) + " (reported the year after)")
    for m in _REPORT_RE.finditer(text):
        vote(int(m.group(1)) + 1, 2, m.group(0) + " (reported the year after)")
    for m in _REVIEW_RE.finditer(text):  # a year is reviewed at its end, or early the next
        vote(int(m.group(1)) + (not late_in_year), 2, m.group(0))
    for m in _DEPLOY_RE.finditer(text):  # and planned at the end of the one before, or early in it
        vote(int(m.group(1)) - late_in_year, 2, m.group(0))
    for m in _URL_DATE_RE.finditer(text):
        vote(int(m.group(1)), 4, m.group(0)[-40:])
    for m in _PERIOD_RE.finditer(text):
        start = _PLAN_PERIODS[m.group(1)]
        if edge := _PERIOD_EDGE_RE.match(text, m.end()):
            year = start if edge.group(1) in ("开局", "起步") else start + 4
            vote(year, 2, text[m.start() : edge.end()])
        elif _DRAFTING_RE.search(text, max(0, m.start() - 32), m.start()):
            vote(start - 1, 1.5, m.group(0) + " (drafted the year before)")
    for m in _ANNIVERSARY_RE.finditer(text):
        vote(_ANNIVERSARY_BASES[m.group(1)] + int(_count(m.group(2))), 1.5, m.group(0))
    # (both patterns open with a character class, tried at every place: only run where their words are)
    for m in _CONGRESS_SESSION_RE.finditer(text) if "届" in text and "次会议" in text else ():
        start = _TERM_START.get(int(_count(m.group("term") or m.group("term2"))))
        if start:
            vote(start + int(_count(m.group("session") or m.group("session2"))) - 1, 1.5, m.group(0))
    for m in _PLENUM_RE.finditer(text) if "中全会" in text else ():
        years = _PLENUM_YEARS.get(int(_count(m.group("term"))), ())
        if (n := int(_count(m.group("session")))) <= len(years):
            vote(years[n - 1], 1.5, m.group(0))
    for m in _YEAR_RE.finditer(text):
        # not the end of a period (规划(2021—2035年), 2022年—2025年) nor a year to come (到2035年, 预计2026年),
        # nor a thing's own year (2012年投产以来, 该奖项2004年设立, 2027年建成后): the page says 今年 for its own
        if not _PERIOD_END_RE.search(text, max(0, m.start() - 6), m.start()) \
                and not _FUTURE_BEFORE_RE.search(text, max(0, m.start() - 3), m.start()) \
                and not _OWN_YEAR_AFTER_RE.match(text, m.end()) \
                and not _SINCE_BEFORE_RE.search(text, max(0, m.start() - 2), m.start()):
            vote(int(m.group(1)), 0.25, m.group(0))
    if not votes:
        return YearEvidence(None, "no year named on the page")
    if max(votes.values()) < _STRONG:
        # only passing mentions (2021年, 2020年10月, 建党100周年): a page looks back at earlier years far more
        # often than it names its own, so the latest it names is the likeliest (on CCTV items without their
        # date: 344 years right and 209 wrong, against 321 and 232 for the most named)
        year = max(votes)
    else:
        year, _ = max(votes.items(), key=lambda kv: (kv[1], kv[0]))
    return YearEvidence(year, f"year {year} from " + ", ".join(dict.fromkeys(why[year]))[:200])


def _count(numeral: str) -> float:
    return float(numeral) if numeral.isdigit() else chinese_number(numeral) or 0.0


def full_date_years(text: str) -> dict[tuple[int, int], int]:
    """Month-day -> year for every full date printed on the page (a dateline's year, when the page gives it)."""
    return {(int(m.group(2)), int(m.group(3))): int(m.group(1)) for m in FULL_DATE_RE.finditer(text)}


_STALE_DAYS = 150  # a report printed this long after every event it dates was reposted or archived
_AHEAD_DAYS = 180  # a date up to this far after the issue is in its year (announced, or a stamp a day early)


def _days(date: str, issue: str) -> int:
    """How many days ``date`` lies before ``issue`` (negative: after it)."""
    return (dt.date.fromisoformat(issue) - dt.date.fromisoformat(date)).days


def stale_stamp(issue: str, mds: list[tuple[int, int]]) -> bool:
    """Whether a page's stamp comes long after every event its articles are dated by (a repost time, 发布时间
    2018-09-19 over a report of 1月7日): such a stamp says nothing of their year."""
    year = int(issue[:4])
    dates = [iso(year, *md) for md in mds]
    return bool(dates) and all(d is not None and _days(d, issue) > _STALE_DAYS for d in dates)


def without_date(text: str, date: str) -> str:
    """``text`` with every printing of the ISO ``date`` (2018-09-19, 2018年09月19日, 2018/9/19) taken out."""
    y, m, d = date.split("-")
    printed = re.compile(rf"{y}\s*[-年/.]\s*0?{int(m)}\s*[-月/.]\s*0?{int(d)}(?!\d)日?")
    return printed.sub("", text)


def resolve_month_day(
    md: tuple[int, int], year: int | None, issue: str | None, printed: dict[tuple[int, int], int]
) -> str | None:
    """ISO date for a month-day: the year printed with it on the page, else the page's year; never after
    the issue (a December event reported in January belongs to the year before)."""
    y = printed.get(md, year)
    if y is None:
        return None
    out = iso(y, *md)
    if out and issue and md not in printed and _days(out, issue) < -_AHEAD_DAYS:
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
