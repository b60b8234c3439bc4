"""Meetings reported as held: name, convening body, ordinal, date, chairs, attendees, approved documents.

A meeting is held when the text says so with a verb: ``X主持召开Y会议``, ``Y会议召开``, ``市委审计委员会举行
第四次会议``, ``市政协召开Y报告会``. A meeting merely cited (``传达学习…会议精神``, ``在…会议上的讲话``) or
scheduled (``定于…召开``) has no such verb on it. A report whose lines say ``主持会议`` / ``出席会议`` without
naming the meeting (a continued fragment) still reports one, unnamed.

The meeting stated in the lead's first sentence (or the headline stack) is the article's main event: the
people who chair it (``主持``), attend it (``出席 / 参加 / 列席``) or speak at it anywhere in the report
belong to it. A meeting mentioned later is a side event: only the people in its own sentence belong to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Meeting, PersonMention
from .figures import chinese_number

_NOUN = (
    r"(?:常务会议|常委会会议|全体会议|视频会议|电视电话会议|视频调度会|联席会议|工作会议|会议|座谈会|推进会|点评会|"
    r"宣讲报告会|报告会|协商会|汇报会|调度会|部署会|动员会|反馈会|协调会|现场会|观摩会|研讨会|论坛|恳谈会|交流会|分析会|培训会|"
    r"新闻发布会|发布会|听证会|全会|例会|专题会)"
)
_CLAUSE = r"[^,，。;；:：!！?？\n]"
_FUTURE = re.compile(r"(?:定于|将于|拟于|计划于|预计|即将|将在|决定|关于)[^,，。;；]{0,14}$")
# "会议决定,2021年1月18日召开…": a dated convening after the report's own date is a schedule, not a report
_DATE_BEFORE_RE = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:上午|下午|晚上?)?$")
_CITED = re.compile(r"(?:传达|学习|贯彻|落实)[^,，。;；]{0,20}$")

# The verbs that report a meeting as held; names are read on either side of them.
_VERB_RE = re.compile(r"主持召开|召开了?|举行了?|开幕")
_NAME_AFTER_RE = re.compile(rf"{_CLAUSE}{{2,60}}?{_NOUN}(?![\u4e00-\u9fff]{{0,2}}精神)")
_NAME_BEFORE_RE = re.compile(rf"({_CLAUSE}{{3,60}}?{_NOUN})\s*(?:在{_CLAUSE}{{1,12}}?)?$")
# 市委审计委员会举行第四次会议 / 中共中央政治局常务委员会3月4日召开会议
_BODY_BEFORE_RE = re.compile(
    rf"({_CLAUSE}{{2,30}}?(?:委员会|常委会|政府|政协|人大|领导小组|党组|党委|办公会))"
    rf"(?:\d{{1,2}}月\d{{1,2}}日)?(?:上午|下午|晚)?$"
)
_ORDINAL_AFTER_RE = re.compile(r"第[一二三四五六七八九十百\d]+次(?:全体)?会议|会议")
_SUBJECT_RE = re.compile(r"((?:市|县|区|省)(?:委|政府|政协|人大常委会|[\u4e00-\u9fff]{1,8}?(?:委员会|领导小组)))$")
_CLAUSE_START_RE = re.compile(r"[,，。;；:：!！?？\n]")
_IMPLIED_RE = re.compile(r"主持会议|出席会议|列席会议")
_ORDINAL_RE = re.compile(r"第([一二三四五六七八九十百\d]+)次")
_ORGAN_PREFIX_RE = re.compile(
    r"^((?:中共)?(?:中央|国务院|全国|省|市|县|区|[\u4e00-\u9fff]{2,5}?(?:省|市|县|区))"
    r"[\u4e00-\u9fff“”]{0,24}?(?:委员会|常委会|政府|政协|人大常委会|领导小组))"
    r"(?=\d{4}年|第|会议|常务会议|全体会议|[\u4e00-\u9fff]{0,12}?会$)"
)
_MD_RE = re.compile(r"(\d{1,2})月(\d{1,2})日")

_CHAIR_RE = re.compile(r"^(?:主持召开|主持会议|主持)")
_SPEAK_RE = re.compile(r"^(?:应邀(?:到会|出席)?)?(?:在[^,，。]{0,12}?(?:会场|会上))?(?:强调|指出|要求|表示|讲话|说|汇报|通报|介绍|发言|致辞|宣读|解读|作主题宣讲|作[^,，。]{0,6}(?:讲话|报告)|率)")
_ATTEND_RE = re.compile(r"(?:在[^,，。]{0,12}?分?会场)?(?:出席|参加|列席)")

_SENT_END = "。！？!?\n"


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, 0, pos) for c in _SENT_END) + 1
    ends = [i for i in (text.find(c, pos) for c in _SENT_END) if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


_ORGANIZER_RE = re.compile(r"^由[^,，。]{1,40}?(?:主办|承办|举办|召开|联合主办)的")
_COUNTED_RE = re.compile(r"^(?:(?:\d+|[一二三四五六七八九十两百]+|多)(?:个|场|次|项)|若干|系列)")


def _clean_name(name: str) -> str:
    name = _ORGANIZER_RE.sub("", re.sub(r"^(?:了|在|的|于)", "", name.strip()))  # "由A主办的B会" is B会
    return name


def _body_of(name: str | None) -> str | None:
    if not name:
        return None
    m = _ORGAN_PREFIX_RE.match(name)
    return m.group(1) if m else None


def _ordinal(name: str | None) -> int | None:
    m = _ORDINAL_RE.search(name or "")
    if not m:
        return None
    n = m.group(1)
    value = int(n) if n.isdigit() else chinese_number(n)
    return int(value) if value is not None else None


def _find_meetings(
    text: str, event_date: str | None = None, resolve_md: Callable[[int, int], str | None] | None = None
) -> list[tuple[str, int, int]]:
    """(name, start, end) of every meeting the text reports as held."""
    found: list[tuple[str, int, int]] = []

    def scheduled(before: str) -> bool:
        m = _DATE_BEFORE_RE.search(before)
        if not m or not event_date:
            return False
        month, day = int(m.group(2)), int(m.group(3))
        when = f"{int(m.group(1)):04d}-{month:02d}-{day:02d}" if m.group(1) else (resolve_md or (lambda *_: None))(month, day)
        return bool(when and when > event_date)

    def add(name: str, start: int, end: int) -> None:
        before = text[max(0, start - 20) : start]
        if _FUTURE.search(before) or _CITED.search(before) or scheduled(before):
            return
        name = _clean_name(name)
        if _COUNTED_RE.match(name):
            return  # "52场论坛", "多个合作论坛": events counted, not one meeting held
        if len(name) < 3 or any(s < end and start < e for _, s, e in found):
            return
        found.append((name, start, end))

    for v in _VERB_RE.finditer(text):
        verb = v.group(0)
        clause_start = max((m.end() for m in _CLAUSE_START_RE.finditer(text, max(0, v.start() - 64), v.start())),
                           default=max(0, v.start() - 64))
        before = text[clause_start : v.start()]
        body = _BODY_BEFORE_RE.search(before) if verb != "主持召开" else None
        after = _ORDINAL_AFTER_RE.match(text, v.end()) if body else None
        if body and after:  # 市委审计委员会举行第四次会议
            add(body.group(1) + after.group(0), clause_start + body.start(1), after.end())
            continue
        named = _NAME_AFTER_RE.match(text, v.end())
        if named and verb != "开幕":  # X主持召开Y会议 / 我市召开Y会议 / 市政协召开Y报告会
            name = named.group(0)
            subject = _SUBJECT_RE.search(before) if verb != "主持召开" else None
            add((subject.group(1) if subject else "") + name, v.start(), named.end())
            continue
        held = _NAME_BEFORE_RE.search(before)
        if held:  # Y会议召开 / Y会议在…举行
            add(held.group(1), clause_start + held.start(1), v.end())
    return sorted(found, key=lambda x: x[1])


def _list_end(text: str, m: PersonMention, mentions: list[PersonMention]) -> int:
    """Where a list the mention heads or belongs to ends: 刘光跃、段志刚、…、胡水龙|参加."""
    end = m.end
    starts = {x.start: x for x in mentions}
    while text[end : end + 1] == "、" and end + 1 in starts:
        end = starts[end + 1].end
    return end


# A decision's note "(2020年12月29日衡阳市第十五届人大常委会第三十六次会议通过)" names a session held that day.
_SESSION_NOTE_RE = re.compile(
    r"[(（](\d{4})年(\d{1,2})月(\d{1,2})日([\u4e00-\u9fff]{2,40}?(?:常委会|委员会|人民代表大会|政协)"
    r"第[一二三四五六七八九十百\d]+次(?:全体)?会议)(?:通过|批准)[)）]"
)
_ORGAN_WORD_RE = re.compile(r"(人大常委会|人民代表大会常务委员会|政协|常委会|委员会)第")


def name_unnamed_sessions(meetings: list[Meeting], page_text: str, bodies: dict[str, str]) -> None:
    """A session reported without its name (a fragment continued from another page) takes the name and
    date of the session note on the same page whose organ its report names (人大常委会 ...)."""
    notes = [
        (m.group(4), f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}")
        for m in _SESSION_NOTE_RE.finditer(page_text)
    ]
    for mt in meetings:
        if mt.name or not notes:
            continue
        fits = [(n, d) for n, d in notes if (w := _ORGAN_WORD_RE.search(n)) and w.group(1) in bodies.get(mt.article, "")]
        if len({n for n, _ in fits}) == 1:
            mt.name, mt.date = fits[0]
            mt.body = _ORGAN_WORD_RE.split(mt.name)[0] + _ORGAN_WORD_RE.search(mt.name).group(1)  # type: ignore[union-attr]
            mt.ordinal = _ordinal(mt.name)


def find_meetings(
    article_id: str,
    text: str,
    stack: str,
    mentions: list[PersonMention],
    approved_in: Callable[[int, int], list[str]],
    event_date: str | None,
    resolve_md: Callable[[int, int], str | None],
    issue_date: str | None = None,
) -> list[Meeting]:
    """Meetings of one article. ``stack`` is its kicker/headline/subheadline text, ``approved_in(start,end)``
    lists the 《》 titles approved in a span, ``resolve_md`` turns a month-day into an ISO date."""
    meetings: list[tuple[Meeting, bool, tuple[int, int]]] = []  # (meeting, is_main, its sentence)
    lead_end = text.find("\n") if "\n" in text else len(text)
    for name, start, end in _find_meetings(text, event_date or issue_date, resolve_md):
        sent = _sentence(text, start)
        md = _MD_RE.search(text, sent[0], sent[1])
        date = resolve_md(int(md.group(1)), int(md.group(2))) if md else event_date
        # the lead's event is the article's main one; a meeting on another day is a side event
        main = start < lead_end and (md is None or date == event_date)
        meetings.append((Meeting(article_id, name, _body_of(name), _ordinal(name), date, start=start, end=end),
                         main, sent))
    if not meetings:
        from_stack = _find_meetings(stack)
        if from_stack:
            name = from_stack[0][0]
            meetings.append((Meeting(article_id, name, _body_of(name), _ordinal(name), event_date), True, (0, 0)))
        elif _IMPLIED_RE.search(text):
            meetings.append((Meeting(article_id, None, None, None, event_date), True, (0, 0)))
    if not meetings:
        return []

    def owner(pos: int) -> Meeting | None:
        for mt, main, (s, e) in meetings:
            if not main and s <= pos < e:
                return mt
        mains = [mt for mt, main, _ in meetings if main and mt.start <= pos] or [
            mt for mt, main, _ in meetings if main
        ]
        return mains[-1] if mains else None

    # chairs and speakers: the words right after the name (or after the list it ends)
    for m in mentions:
        if m.how == "name_post":
            continue  # "习近平总书记…重要讲话精神": cited, not present
        after = text[_list_end(text, m, mentions) : _list_end(text, m, mentions) + 16]
        target = owner(m.start)
        if target is None:
            continue
        if _CHAIR_RE.match(after):
            if m.name not in target.chairs:
                target.chairs.append(m.name)
        elif _SPEAK_RE.match(after) and m.name not in target.attendees:
            target.attendees.append(m.name)
    # attendees: everyone named between the previous verb of the sentence and 出席/参加/列席
    for v in _ATTEND_RE.finditer(text):
        s, _ = _sentence(text, v.start())
        prior = [x.end() for x in re.finditer(r"主持会议相关议程|主持会议|主持|出席|参加|列席", text[s : v.start()])]
        lo = s + (max(prior) if prior else 0)
        target = owner(v.start())
        if target is None:
            continue
        for m in mentions:
            if lo <= m.start < v.start() and m.how != "name_post" and m.name not in target.attendees:
                target.attendees.append(m.name)
    main_meetings = [mt for mt, main, _ in meetings if main]
    if main_meetings:
        # what the report says was approved was approved by its main meeting
        main_meetings[0].approved = approved_in(0, len(text))
    for mt, _, _ in meetings:
        mt.attendees = [n for n in mt.attendees if n not in mt.chairs]
    return [mt for mt, _, _ in meetings]
