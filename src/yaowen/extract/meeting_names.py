"""Meetings a text reports as held, named as the report names them.

A meeting is held when the text says so: a verb on it (``X主持召开Y会议``, ``Y会议召开``, ``Y会议在…开幕``,
``市委审计委员会举行第四次会议``, ``会议同时套开了Y会议``), a dated lead whose subject is the meeting
(``6月26日，Y全会选举…``), a dated speech at it (``4月9日，A在Y会上强调``, ``在5月29日晚召开的座谈会上，A指出``),
or a talk reported as one (``A与B一行座谈``). A meeting merely cited (``传达学习…会议精神``, ``在…会议上的讲话``),
scheduled (``定于…召开``, ``开幕在即``) or named inside a 《》 title is not held.

Names follow the report: the session or organ that holds a numbered sitting comes first
(``市六届人大五次会议举行第三次全体会议`` -> 市六届人大五次会议第三次全体会议, ``市政协召开八届一次常委会`` ->
市政协八届一次常委会), a place or a joint host does not (``绍兴市举行…表彰大会``, ``市委、市政府举行…座谈会``), an
opening or closing sitting is the session's 开幕会/闭幕会, and a bare ``视频会`` takes the business it deals with
(``召开视频会，安排部署X工作`` -> X工作视频会).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from datetime import date
from functools import cache

from .meeting_ids import is_generic, noun_of, noun_pattern
from .meeting_name_parts import BETWEEN, CLAUSE, DATE, clean_name, extend_name, organ_subject
from .textscan import at_sentence_starts, sentence_starts


@dataclass
class Held:
    """A meeting the text reports as held: its name and where the name stands."""

    name: str
    start: int
    end: int
    how: str = "verb"  # verb | purpose | attributive | subject | at | talk | attend | stack
    joint: bool = False  # 会议同时套开了Y: Y shares the chair and attendees of the meeting it was held with


_SENTENCE_END_RE = re.compile(r"[。！？!?\n]")
_DATE_IN_RE = re.compile(r"\d{1,2}日|昨日|昨天|今天|今日|当天|当日|日前|近日|上午|下午|晚上")
_LEADER_BEFORE_RE = re.compile(r"(?:总书记|总理|委员长|国家主席)$")
_HELD_THE_RE = re.compile(r"(?:召开|举行)的")
# 市长A参加青山代表团分组审议: a visitor's, whose role verb implied_meetings reads
_VISITOR_IN_SUBJECT_RE = re.compile(r"参加|出席|列席|来到|深入|看望|[在到]")
_GROUP_SITTING_RE = re.compile(rf"(?:各{CLAUSE}{{1,3}}?)?(分组(?:讨论|审议))")
# a line or sentence (or the text) that opens with a date, as those by_subject reads do (a DATE opens with these)
_DATED_START_RE = re.compile(r"[。\n][●◆■▲★\s]*[\d昨今当]")
_DATED_FIRST_RE = re.compile(r"[●◆■▲★\s]*[\d昨今当]")
# what "subject" needs after the meeting it opens with (分组 opens 分组讨论 and 分组审议)
_SUBJECT_VERB_RE = re.compile(r"选举|审议|听取|决定|通过|研究|表决|分组")
# a paragraph that opens with the day of its own event (4月9日，… / ●8月2日下午，…), not with a deadline (6月30日前)
_BLOCK_DATE_RE = re.compile(
    r"[●◆■▲★·\s]*((?:\d{4}年)?(\d{1,2})月(\d{1,2})日)(?:上午|下午|晚上?|晚间|早上|中午)?(?:至\d{1,2}日)?[,，]"
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    noun = noun_pattern()
    return {
        # Y会议 [于D] [在X | 圆满完成各项议程后] [胜利] 召开 / 举行 / 开幕 / 闭幕
        "before": re.compile(
            rf"({CLAUSE}{{2,60}}?(?:{noun}(?:暨{CLAUSE}{{1,30}}?(?:仪式|活动|{noun}))?|{noun}))"
            rf"(?:\s*(?:{BETWEEN}))*\s*$"
        ),
        # 6月26日，Y全会选举…: a dated lead whose subject is the meeting
        "subject": re.compile(
            rf"(?:^|(?<=[。\n]))[●◆■▲★\s]*{DATE}[,，]?\s*({CLAUSE}{{3,60}}?{noun})"
            rf"(?=选举|审议|听取|决定|通过|研究|表决|(?:各{CLAUSE}{{1,3}}?)?分组(?:讨论|审议))",
            re.M,
        ),
        # 5月6日，(出席市人代会的)青山代表团分组审议…: a delegation's sitting, dated, as the lead's subject
        "delegation": re.compile(
            rf"(?:^|(?<=[。\n]))[●◆■▲★\s]*{DATE}[,，]?\s*(?:出席{CLAUSE}{{2,30}}?的)?({CLAUSE}{{1,20}}?代表团)"
            r"(?=分组(?:讨论|审议))",
            re.M,
        ),
        # A在Y会上强调 / 在…召开的Y会上，A指出
        "at": re.compile(
            rf"在({CLAUSE}{{2,60}}?{noun})上[,，]?(?:[\u4e00-\u9fff、]{{2,24}}?(?:同志)?)?"  # 上，市委书记A强调
            r"(?:强调|指出|表示|要求|说|讲话|发言|致辞|听取|作了?[^,，。]{0,12}讲话)(?![的时过])"  # not 正如他…上强调的那样
        ),
        # A与B一行座谈 / 进行集中座谈: a talk reported as a meeting
        "talk": re.compile(r"与[^。,，;；]{1,40}?座谈(?!会)|进行了?(?:集中|专题|工作)?座谈(?!会)|举行了?(?:集中|专题|工作)?座谈(?!会)"),
        "noun": re.compile(noun),
        # 推介会|暨项目签约仪式: a joint name goes on to its second part
        "joint_rest": re.compile(rf"暨{CLAUSE}{{1,30}}?(?:{noun}|仪式|活动)"),
    }


# what may follow a meeting's name; anything else (第三十三次会议, 工作领导小组第3次调度会议) means the name goes on
_NAME_FOLLOW_RE = re.compile(
    r"\s|[、(（“”\"]|召开|举行|开幕|闭幕|在|于|上|期间|时|后|前|并|和|及|与|暨|的|由|以|为|，|,|。|结束|落下|圆满|胜利|"
    r"隆重|强调|指出|要求|审议|选举|听取|决定|通过|研究|传达|学习|部署|总结|表决|认为|提出|精神|还|首先|主要|专题|"
    r"介绍|表示|发布|宣布|通报|公布|称|获悉|了解"
)
# more of the name after a meeting word: 论坛|第八届部长级会议, 人大常委会|第三十三次会议
_GOES_ON_RE = re.compile(r"第|[一二三四五六七八九十百\d]+[届次]|主席团|代表团|常务委员会|常委会|领导小组|工作领导小组|筹备")
# a meeting word that is part of something else: 会议展览中心, 会议室, 会议纪要
_NOT_A_MEETING_AFTER_RE = re.compile(r"中心|室|厅|馆|楼|展览|纪要|材料|文件|代表|精神|服务|期间|成果|展示|活动")
_HELD_VERB_RE = re.compile(
    r"主持召开了?|同时套开了?|套开了?|同时召开了?|召开了?|举行了?|举办了?|进行了?|开展了?|开幕|闭幕|落下帷幕|落幕|开班|结业"
)
_SITTING_VERBS = {"开幕": "开幕会", "闭幕": "闭幕会", "落下帷幕": "闭幕会", "落幕": "闭幕会", "开班": "", "结业": ""}
# a sitting of the organ that holds it, named for the organ (市委常委会召开会议, 市财政局召开局务会), not for its business
_ORGAN_SITTINGS = frozenset(
    ("会议", "全体会议", "常务会议", "常务会", "常委会议", "常委会", "主任会议", "主席会议", "主席团会议", "办公会", "例会",
     "党委会", "党组会", "党工委会", "支委会", "班子会", "局务会", "院务会", "厅务会", "部务会", "校务会", "所务会")
)
# a 大会 that is a games, a contest or a show, not a meeting
_SHOW_RE = re.compile(r"(?:运动|体育|健身|龙舟|舞龙|舞狮|广场舞|歌咏|合唱|美食|烟花|焰火|风筝|马拉松|技能|厨艺|擂台|灯光)大会(?:开幕会|闭幕会)?$")
_NOT_A_REPORT_AFTER_RE = re.compile(r"后|式|词|时间|日期|地点|在即|前夕|之际|以来|之前|前[,，]|的(?:决定|通知|议程)|期间")
# 不举办大型会议, 要召开, 将举行: a rule, a duty or a plan, not a report; 分别召开: many meetings elsewhere
_CLAUSE_END_AFTER_RE = re.compile(r"了?(?:[,，。;；!！?？:：(（\s]|$)")
# 尽快召开, 定期召开, 每月召开, 连续三年举办: a duty or a habit, not one meeting held
_NOT_DONE_RE = re.compile(
    r"(?:分别|不|未|暂停|停止|禁止|严禁|避免|减少|取消|不得|要|应|须|需|将|拟|准备|计划|尽快|抓紧|适时|择机|尽早|定期|按期|"
    r"每年|每月|每季度?|每周|每半年|多次|屡次|历年|连续[\d一二两三四五六七八九十几多]+(?:年|届|次))$"
)
# a clause that opens with a decision or a plan (决定市人大常委会第十二次会议于8月29日召开)
_FUTURE_START_RE = re.compile(r"(?:会议)?(?:决定|定于|拟|计划|将|预计)")
# 去年召开的全市教育大会: a meeting recalled, not reported
_ATTENDED_RE = re.compile(r"^.*(?:参加|出席|列席|主持)了?")
_DECIDED_BEFORE_RE = re.compile(r"(?:决定|同意|建议|提请|定于)[,，:：]$")
_SCHEDULED_BETWEEN_RE = re.compile(r"将|拟|定于|计划|预计")
_RECALLED_RE = re.compile(r"(?:去年|前年|上年|此前|之前|早前|前不久|上次|上一次|年初|上月|上周|曾经?|已经?|先后)[^,，。;；]{0,10}$")
_FUTURE_RE = re.compile(r"(?:定于|将于|拟于|计划于|预计|即将|将在|拟在|决定|关于|将)[^,，。;；]{0,14}$")
_CITED_RE = re.compile(r"(?:传达|学习|贯彻|落实)[^,，。;；]{0,20}$")
# 召开X会议的有关事项, 召开X会议的决定: the meeting is the business of another, not held
_CITED_AFTER_RE = re.compile(r"精神|上的(?:重要)?讲话|的(?:有关|相关|各项)?(?:事项|决定|议案|通知|议程|筹备|准备|方案|请示)")
# 完善后按程序提交市人大常委会(审议): an organ a matter goes to, not a meeting held
_SUBMITTED_TO_RE = re.compile(r"提交|提请|报请|报送|呈报|呈送|按程序")
_DATE_BEFORE_RE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:[至到—-]\d{1,2}日)?(?:上午|下午|晚上?)?$")
_DATE_ANY_RE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日")
_CLAUSE_MARK_RE = re.compile(r"[,，。;；:：!！?？\n]")
_LAST_CLAUSE_MARK_RE = re.compile(r"(?s:.*)[,，。;；:：!！?？\n]")  # matched over a stretch: up to its last mark
_TITLE_RE = re.compile(r"《[^《》\n]{1,120}》")

_SCOPE_START_RE = re.compile(r"^(?:全市|全省|全县|全区|全州|全国)")
_COUNTED_RE = re.compile(
    r"^(?:超|近|约|共|逾)?(?:(?:\d+|[一二三四五六七八九十两百]+|多)(?:个|场|次|项)|若干|系列)"
    r"|(?:\d+|[两三四五六七八九十百多数几]+)场|等?(?:多|数|几|若干)[个项场次]|系列"
)
# 召开视频会，安排部署X工作: a bare conference takes the business it was called for
_PURPOSE_RE = re.compile(
    r"[,，](?:(?:安排部署|研究部署|动员部署|部署|研究|推进|调度)([^,，。;；]{2,30}?工作)|(征求[^,，。;；]{2,20}?意见))"
)


def _name_before(clause: str) -> re.Match[str] | None:
    """The meeting a clause names just before its verb (Y会议[在…]|召开). A clause without a meeting word names
    none: the regex would try every start and length of it before it said so."""
    pat = _patterns()
    return pat["before"].search(clause) if pat["noun"].search(clause) else None


def _later(m: re.Match[str], ref: str) -> bool:
    """Whether the date ``m`` (year, month, day groups) falls after the ISO date ``ref``; a month-day far after it
    is last year's (12月28日 on a page of 1月2日)."""
    year = int(m.group(1)) if m.group(1) else int(ref[:4])
    try:
        got = date(year, int(m.group(2)), int(m.group(3)))
        ref_day = date.fromisoformat(ref)
    except ValueError:
        return False
    return got > ref_day and (m.group(1) is not None or (got - ref_day).days <= 180)


class _Finder:
    def __init__(self, text: str, event_date: str | None, issue_date: str | None = None, headline: bool = False) -> None:
        self.text = text
        self.headline = headline  # every line of the text reports its event (a headline stack)
        self.event_date = event_date
        self.issue_date = issue_date
        self.found: list[Held] = []
        self.taken: list[tuple[int, int]] = []  # the spans of ``found``, sorted: they never overlap
        self.titles: list[tuple[int, int]] = []
        self.title_starts: list[int] = []
        if "《" in text:  # (most texts cite no title: no list to build)
            self.titles = [(m.start(), m.end()) for m in _TITLE_RE.finditer(text)]
            self.title_starts = [s for s, _ in self.titles]

    def in_title(self, pos: int) -> bool:
        if not self.titles:
            return False
        i = bisect_right(self.title_starts, pos) - 1
        return i >= 0 and self.titles[i][0] < pos < self.titles[i][1]

    def not_held(self, start: int, cited_at: int | None = None) -> bool:
        """Scheduled or cited, judged from the words before ``start`` (for citing: before ``cited_at``)."""
        before = self.text[max(0, start - 20) : start]
        cited_from = before if cited_at is None else self.text[max(0, cited_at - 20) : cited_at]
        if _FUTURE_RE.search(before) or _CITED_RE.search(cited_from):
            return True
        return self.dated_later(start)

    def scheduled(self, clause: str, name_end: int, clause_start: int, verb_start: int) -> bool:
        """Y会议 … 召开/开幕 as a schedule: 决定Y会议于8月29日召开, 会议决定，Y会议于8月29日召开, Y大会将于…开幕."""
        return bool(
            _FUTURE_START_RE.match(clause)
            or _SCHEDULED_BETWEEN_RE.search(self.text, name_end, verb_start)
            or _DECIDED_BEFORE_RE.search(self.text, max(0, clause_start - 6), clause_start)
            or self.dated_later(verb_start, clause_start)
        )

    def dated_later(self, pos: int, lo: int | None = None) -> bool:
        """A schedule by its date: one in ``[lo, pos)`` after the page's issue date (Y会议将于6月27日至29日在天津举行),
        or, when the page prints none, one just before ``pos`` after the report's own (会议决定，6月20日召开…)."""
        lo = max(0, pos - 20) if lo is None else lo
        if self.issue_date:
            dates = list(_DATE_ANY_RE.finditer(self.text, lo, pos))
            return bool(dates) and _later(dates[-1], self.issue_date)
        m = _DATE_BEFORE_RE.search(self.text, max(0, pos - 20), pos)
        return m is not None and self.event_date is not None and _later(m, self.event_date)

    def add(self, name: str, start: int, end: int, how: str = "verb", joint: bool = False, judged: bool = False) -> None:
        if self.in_title(start) or (not judged and self.not_held(start)) or _COUNTED_RE.search(name):
            return
        name = clean_name(name)
        if (_COUNTED_RE.search(name) or len(name) < 2 or (how != "talk" and not noun_of(name) and "暨" not in name)
                or _SUBMITTED_TO_RE.search(name)):
            return  # "52场论坛", "多个合作论坛": events counted, not one meeting held
        if _CITED_AFTER_RE.match(self.text, end):
            return
        if name in ("会议", "大会", "会") or (noun_of(name) == name and self.text.startswith("、", end)):
            return  # 举办论坛、展览、展映等活动: kinds of events, not one held
        if _SHOW_RE.search(name):
            return  # 全民健身运动大会, 龙舟大会: a games or a show named 大会
        # the spans are disjoint and sorted, so their ends rise too: only the last one starting before ``end``
        # can reach past ``start`` (a search, not a scan: a page may report thousands of meetings)
        i = bisect_left(self.taken, (end,)) - 1
        if i >= 0 and self.taken[i][1] > start:
            return
        insort(self.taken, (start, end))
        self.found.append(Held(name, start, end, how, joint))

    def name_end(self, start: int, attributive: bool = False) -> int:
        """Where a name starting at ``start`` ends: at the first meeting word that is not the subject of a cited
        spirit (学习贯彻…全会精神宣讲报告会) or the first half of a joint name (推介会暨项目签约仪式), or 0."""
        text = self.text
        m = _CLAUSE_MARK_RE.search(text, start, start + 61)
        limit = m.start() if m else min(len(text), start + 61)
        for n in _patterns()["noun"].finditer(text, start, limit):
            end = extend_name(text, n.end())
            if end - start < 2 or text.startswith("精神", end):
                continue
            if text.startswith("暨", end):
                rest = _patterns()["joint_rest"].match(text, end, limit)
                if rest is None:
                    continue
                end = extend_name(text, rest.end())
            if end >= limit or _NAME_FOLLOW_RE.match(text, end):
                return end
            if attributive and not _NOT_A_MEETING_AFTER_RE.match(text, end) and not _GOES_ON_RE.match(text, end):
                return end  # 在北京举行的Y汇报会亲朋满座: the phrase 的 opens ends at its meeting word
            # else the name goes on (市第十五届人大常委会|第三十三次会议), or it was no meeting (会议展览中心)
        return 0

    def by_verb(self) -> None:
        text = self.text
        for v in _HELD_VERB_RE.finditer(text):
            verb = v.group(0)
            if (self.in_title(v.start()) or _NOT_A_REPORT_AFTER_RE.match(text, v.end())
                    or _NOT_DONE_RE.search(text, max(0, v.start() - 4), v.start())):
                continue
            lo = max(0, v.start() - 64)
            last_mark = _LAST_CLAUSE_MARK_RE.match(text, lo, v.start())  # one backward scan, not a list of marks
            clause_start = last_mark.end() if last_mark else lo
            before = text[clause_start : v.start()]
            if verb in _SITTING_VERBS and text.startswith(("会", "大会"), v.end()):
                continue  # 闭幕会 is a noun here (在…闭幕会上的讲话); the meeting words find it where it is held
            if verb in _SITTING_VERBS:  # Y会议在…开幕 is its 开幕会, Y论坛落下帷幕 its 闭幕会; Y读书班开班 is Y读书班
                held = _name_before(before)
                if held and not self.scheduled(before, clause_start + held.end(1), clause_start, v.start()):
                    name = _ATTENDED_RE.sub("", held.group(1))  # 嘉宾参加了论坛开幕: the 论坛's opening
                    suffix = "" if name.endswith(("开幕会", "闭幕会")) else _SITTING_VERBS[verb]
                    self.add(name + suffix, clause_start + held.start(1), v.end())
                continue
            joint = "套开" in verb or verb.startswith("同时")
            if text.startswith("的", v.end()):  # 在北京举行的Y汇报会: held, named after it
                if _RECALLED_RE.search(text, clause_start, v.start()):
                    continue  # 去年召开的全市教育大会
                if end := self.name_end(v.end() + 1, attributive=True):  # 在…召开的座谈会上: a meeting the sentence is at
                    self.add(text[v.end() + 1 : end], v.end() + 1, end, "at" if text.startswith("上", end) else "attributive")
                continue
            end = self.name_end(v.end())
            if end and (w := _HELD_VERB_RE.match(text, end)) and _NOT_A_REPORT_AFTER_RE.match(text, w.end()):
                end = 0  # 举办…活动在Y峰会召开前夕: Y is the subject of a time clause, not this verb's object
            # 会议决定，6月20日召开…: a schedule is judged where the verb stands, a citation before the subject
            if end and verb.startswith("开展") and not (noun_of(text[v.end() : end]) or "").endswith("学习"):
                end = 0  # 开展集体学习 is a sitting; 开展线上论坛, 开展对接会 at a fair are its programme
            if end and not self.not_held(v.start(), cited_at=clause_start):
                name = text[v.end() : end]
                subject = "" if verb.startswith("主持") else organ_subject(before, noun_of(name) == name == "会议")
                how = "verb"
                own_sitting = subject and noun_of(name) in _ORGAN_SITTINGS  # 市财政局召开局务会: the bureau's
                if is_generic(name) and not own_sitting and (p := _PURPOSE_RE.match(text, end)) and (
                    p.group(1) or noun_of(name) == "座谈会"
                ):
                    # 召开视频会，安排部署X工作 (but 市委常委会召开会议，研究…); 召开座谈会，征求X意见
                    name = (p.group(1) or p.group(2)) + clean_name(name)
                    how = "purpose"  # a name of our making: the headline's, if it names one, is better
                elif subject and not _SCOPE_START_RE.match(name) and not name.startswith(subject):
                    name = subject + name
                start = v.start() - len(before) if subject else v.end()
                self.add(name, start, end, how, joint=joint, judged=True)
                continue
            # Y会议召开 / Y会议在…举行: only a verb with no object of its own (市委常委会召开民主生活会 is no 常委会)
            ends_clause = _CLAUSE_END_AFTER_RE.match(text, v.end()) is not None
            held = _name_before(before) if verb.startswith(("召开", "举行")) and ends_clause else None
            if held and not self.scheduled(before, clause_start + held.end(1), clause_start, v.start()):
                self.add(held.group(1), clause_start + held.start(1), v.end())

    def by_subject(self) -> None:
        if _DATED_START_RE.search(self.text) is None and _DATED_FIRST_RE.match(self.text) is None:
            return  # both kinds open a line or sentence with a date
        # each pattern needs words most lines lack (the verbs after the subject; a delegation's 分组): a
        # look for them is cheaper than trying the patterns at every sentence start
        subject = _SUBJECT_VERB_RE.search(self.text) is not None
        delegation = "代表团" in self.text and "分组" in self.text
        if not subject and not delegation:
            return
        starts = sentence_starts(self.text)
        for m in at_sentence_starts(_patterns()["subject"], self.text, starts) if subject else ():
            end = extend_name(self.text, m.end(1))
            name = self.text[m.start(1) : end]
            # 市政协十届三次会议(各界别)分组讨论政府工作报告: the session's group sittings, one meeting
            if group := _GROUP_SITTING_RE.match(self.text, end):
                name, end = name + group.group(1), group.end()
            self.add(name, m.start(1), end, "subject")
        for m in at_sentence_starts(_patterns()["delegation"], self.text, starts) if delegation else ():
            group = _GROUP_SITTING_RE.match(self.text, m.end(1))
            if group is not None and not _VISITOR_IN_SUBJECT_RE.search(m.group(1)):
                self.add(m.group(1) + group.group(1), m.start(1), group.end(), "subject")

    def at_meeting(self) -> None:
        text = self.text
        lead_end = -1  # where the lead's sentence ends, found at the first match (most texts have none)
        for m in _patterns()["at"].finditer(text):
            if lead_end < 0:
                first_end = _SENTENCE_END_RE.search(text)
                lead_end = first_end.start() if first_end else len(text)
            name, start = m.group(1), m.start(1)
            attributive = _HELD_THE_RE.search(name)
            if attributive:
                start += attributive.end()
                name = name[attributive.end() :]
            sentence = max(text.rfind(c, max(0, m.start() - 300), m.start()) for c in "。\n") + 1
            # a report of a speech there — dated (5月6日，A在Y会上强调), a headline, or the lead of the article —, not
            # a leader quoted from a meeting elsewhere
            reported = self.headline or m.start() < lead_end or _DATE_IN_RE.search(text, sentence, m.start())
            if attributive or (reported and not _LEADER_BEFORE_RE.search(text, sentence, m.start())):
                self.add(name, start, m.end(1), "at")

    def talks(self, stack: str) -> None:
        if self.found or "座谈" not in self.text:  # (every form of a talk holds 座谈)
            return  # a talk is what a text reports when it reports no meeting held
        m = _patterns()["talk"].search(self.text)
        if m:
            talk = next((line for line in stack.splitlines() if "座谈" in line), "")
            self.add(talk.strip() if talk else "座谈会", m.start(), m.end(), "talk")


def held_meetings(
    text: str, event_date: str | None = None, stack: str = "", issue_date: str | None = None, headline: bool = False
) -> list[Held]:
    """Every meeting ``text`` reports as held, in order. A sitting dated after the page's ``issue_date`` (or, when
    it prints none, just after ``event_date``, the report's own date) is scheduled. ``stack`` (the headlines)
    names a talk reported as one. A ``headline`` reports what its lines name (A在Y会上强调 needs no date there)."""
    finder = _Finder(text, event_date, issue_date, headline)
    finder.by_verb()
    finder.by_subject()
    finder.at_meeting()
    finder.talks(stack)
    return sorted(finder.found, key=lambda h: h.start)


def block_date(paragraph: str) -> tuple[int, int] | None:
    """The (month, day) a paragraph opens with (``4月9日，…``), or None."""
    m = _BLOCK_DATE_RE.match(paragraph)
    return (int(m.group(2)), int(m.group(3))) if m else None


