"""Meetings of an article with their date, chairs, attendees and approved documents.

Which meetings are held and what they are called is ``meeting_names``' job, who was at which ``meeting_roles``';
this module decides which meeting is an article's main one. An article is read in blocks: the whole of it, or,
in a chronicle or digest, each paragraph that opens with a date of its own (``4月9日，…``). A block's main
meeting is the one its lead paragraph reports (or, failing that, the one its headline names): the roles and
approvals of the block are its own. A meeting reported later, or on a day of its own, is a side event: only its
own sentence, and the roles whose words name it, belong to it. A meeting held jointly (``会议同时套开了…``) has
the main meeting's chair and attendees.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from ..budget import check_time
from ..model import Meeting, PersonMention
from .documents import approved_titles
from .meeting_ids import (
    RECALL,
    body_of,
    compatible,
    contains,
    is_bare_sitting,
    is_generic,
    noun_of,
    ordinal_of,
    session_of,
    session_sitting_name,
)
from .meeting_names import block_date, held_meetings
from .meeting_roles import (
    Placement,
    cited_leader,
    implied_meetings,
    known_names_again,
    name_finder,
    place_roles,
    sentence,
)
from .textscan import WordFinder

__all__ = ["cited_leader", "find_meetings", "name_finder", "name_unnamed_sessions"]

_MD_RE = re.compile(r"(\d{1,2})月(\d{1,2})日")
_SENTENCE_MARK_RE = re.compile(r"[。！？!?；;]")
_ITEM_LEAD_RE = re.compile(r"[^。]{0,20}?(?:\d{1,2}月\d{1,2}日|[今昨当][天日晚]|日前|近日|本报讯|记者)")
_LEAD_MD_RE = re.compile(r"(\d{1,2})月(\d{1,2})日(?:上午|下午|晚上?|晚间|早上|中午)?[,，]")
# 5月6日, or a bare 7日 — not the end of a range (7月20日到21日: an event takes its first day)
_DAY_RE = re.compile(r"(?:(\d{1,2})月|(?<![\d月到至—–\-~～－]))(\d{1,2})日(?![内前后起以])")
_IMPLIED_RE = re.compile(r"主持会议|出席会议|列席会议")  # a continued report of a meeting it named before
_MIN_REPORT = 30  # Chinese characters of body under a headline for it to report a meeting


def _han_at_least(n: int) -> re.Pattern[str]:
    """A regex that matches (from where it is asked) when the text holds ``n`` Chinese characters: it stops at
    the n-th, where counting them all (``findall``) would list every character of a paragraph."""
    return re.compile(rf"(?:[^\u4e00-\u9fff]*+[\u4e00-\u9fff]){{{n}}}")


_LEAD_PARA_RE = _han_at_least(20)  # a paragraph with some substance: a block's lead
_REPORT_RE = _han_at_least(_MIN_REPORT)
# 会后，…召开Y / 大会首先举行Y / 完成各项议程后，举行Y: Y is the meeting of what follows
_SEQUEL_RE = re.compile(r"会后|随后|紧接着|紧随其后|会议结束后|首先|(?:完成|结束)[^。，,；;]{0,12}?后")


def _own_day(text: str, start: int, end: int, ref: str | None) -> tuple[int, int] | None:
    """The (month, day) the sentence reporting a meeting gives it before its verb: the last of 5月6日, 今天(6月24日),
    or a bare 7日 (Y会议7日在临江举行), whose month is that of the page's date ``ref`` (the one before, for a day
    later than its own)."""
    last = None
    for last in _DAY_RE.finditer(text, start, end):  # noqa: B007 - the last one is wanted
        pass
    if last is None:
        return None
    day = int(last.group(2))
    if last.group(1):
        return int(last.group(1)), day
    if ref is None or not 1 <= day <= 31:
        return None
    month, ref_day = int(ref[5:7]), int(ref[8:10])
    return (month if day <= ref_day else (month - 2) % 12 + 1), day


def _blocks(text: str) -> list[tuple[int, tuple[int, int] | None, int]]:
    """(start, day, end of lead paragraph) of each block: the article, each later paragraph that opens with a day
    of its own, and, in a digest, each item: a heading line over a dated lead (题\n今天(3月1日)，…). A block's lead
    is its first paragraph with some substance (not 分享到: or a caption)."""
    heads: list[tuple[int, tuple[int, int] | None, int]] = []
    pos, heading = 0, -1  # heading: where the heading line just read starts
    for line in text.split("\n"):
        para = line.strip()
        start, pos = pos, pos + len(line) + 1
        if not para:
            continue
        day = block_date(para)
        if not heads or (day is not None and day != heads[-1][1]):
            heads.append((0 if not heads else start, day, -1))
        elif heading >= 0 and heads[-1][2] >= 0 and _ITEM_LEAD_RE.match(para):
            heads.append((heading, None, -1))
        heading = start if len(para) <= 40 and not _SENTENCE_MARK_RE.search(para) else -1
        if heads[-1][2] < 0 and _LEAD_PARA_RE.match(para):
            s, d, _ = heads[-1]
            if d is None:
                lead_end = para.find("。") if "。" in para else len(para)  # its lead date (为落实4月28日…，5月6日，…)
                first = _LEAD_MD_RE.search(para, 0, lead_end) or _MD_RE.search(para, 0, lead_end)
                d = (int(first.group(1)), int(first.group(2))) if first else None
            heads[-1] = (s, d, start + len(line))
    return [(s, d, e if e >= 0 else len(text)) for s, d, e in heads] or [(0, None, len(text))]


def find_meetings(
    article_id: str,
    text: str,
    stack: str,
    mentions: list[PersonMention],
    approved_in: Callable[[int, int], list[str]],
    event_date: str | None,
    resolve_md: Callable[[int, int], str | None],
    issue_date: str | None = None,
    known_names: WordFinder | None = None,
) -> list[Meeting]:
    """Meetings of one article. ``stack`` is its kicker/headline/subheadline text, ``approved_in(start,end)``
    lists the 《》 titles approved in a span, ``resolve_md`` turns a month-day into an ISO date, ``known_names``
    (``name_finder``) finds the people the page names anywhere, found again here where the grammar did not."""
    known = event_date or issue_date
    held = held_meetings(text, known, stack, issue_date)
    # a headline over no report (page furniture, a line the layout cut off) reports nothing held
    reported = _REPORT_RE.match(text, 0, 400) is not None
    from_stack = [h for h in held_meetings(stack, known, issue_date=issue_date, headline=True) if h.how != "talk"] if stack and reported else []
    held = sorted(held + implied_meetings(text, held + from_stack), key=lambda h: h.start)

    def resolve(md: tuple[int, int] | None) -> str | None:
        if md is None:
            return None
        got = resolve_md(*md)
        if got is None and event_date and event_date.endswith(f"-{md[0]:02d}-{md[1]:02d}"):
            got = event_date
        return got

    art = Placement(text, mentions + known_names_again(text, mentions, known_names))
    block_heads = _blocks(text)

    by_name: dict[str, Meeting] = {}
    per_block: list[Meeting | None] = [None] * len(block_heads)
    joint: list[Meeting] = []
    sequels: list[tuple[int, Meeting]] = []  # 会后，…召开Y: Y is the meeting of what follows, to its block's end
    named_by_purpose: set[int] = set()
    same_day_sides: set[int] = set()  # side meetings on no day of their own: a lead-less block's may be its main
    head_starts = [s for s, _, _ in block_heads]
    for h in held:
        check_time()
        if is_bare_sitting(h.name) and (session := next((session_of(mt.name) for mt in art.meetings if session_of(mt.name)), None)):
            h.name = session + h.name  # 会议举行第二次全体会议: a sitting of the session the article reports
        h.name = session_sitting_name(h.name, text, h.start)
        b = bisect_right(head_starts, h.start) - 1
        s, e = sentence(text, h.start)
        own = _own_day(text, s, max(h.start, min(h.end, e)), issue_date or event_date)
        _, day, lead_end = block_heads[b]
        main_now = per_block[b]
        if h.how == "attributive" and h.start >= lead_end:
            continue  # 1月4日召开的…会议对…作了部署: a meeting recalled in passing
        if h.name in by_name or (main_now is not None and own is None and is_generic(h.name)
                                 and noun_of(h.name) == noun_of(main_now.name)):
            continue  # the same meeting again: a repeated line, 召开专题座谈会 after the lead named it
        again = next((mt for mt in art.meetings[-RECALL:] if compatible(mt.name, h.name)), None)
        if again is not None and ordinal_of(h.name) is not None and ordinal_of(again.name) is not None:
            if len(h.name) > len(again.name or ""):  # the fuller of two names of one sitting
                again.name, again.body = h.name, body_of(h.name)
            continue
        if again is not None and contains(again.name, h.name) and (own is None or resolve(own) == again.date):
            continue  # the same meeting named again, on no other day: 论坛开幕会 after 第九届X论坛在…开幕
        is_main = main_now is None and h.start < lead_end and (own is None or day is None or own == day) and not h.joint
        date = resolve(own) or (resolve(day) if b > 0 else None) or event_date
        mt = Meeting(article_id, h.name, body_of(h.name), ordinal_of(h.name), date, start=h.start, end=h.end)
        by_name[h.name] = mt
        art.meetings.append(mt)
        if h.how == "purpose":
            named_by_purpose.add(id(mt))
        if is_main:
            per_block[b] = mt
        elif h.how == "verb" and _SEQUEL_RE.search(text, s, h.start):
            sequels.append((s, mt))
        else:
            art.sides.append((s, e, mt))
            if own is None or own == day:
                same_day_sides.add(id(mt))
        if h.joint:
            joint.append(mt)

    # the headline's meeting: the body's under a fuller name, or the main one of a report that names it nowhere else
    for h in from_stack:
        # the body's meeting, or a sitting of the session the headline names (…第九次会议 / …第九次会议第一次全体会议)
        same = next((mt for mt in art.meetings if compatible(mt.name, h.name) or compatible(session_of(mt.name), h.name)), None)
        if same is None and per_block[0] is not None and id(per_block[0]) in named_by_purpose:
            same = per_block[0]  # 市长主持召开会议，研究防汛工作 under 市政府召开第22次常务会议
            named_by_purpose.discard(id(same))
            same.name = None
        if same is not None:
            # the headline's name where the body's is bare or lacks its holder (党组会议 / 市人大常委会党组会议)
            if not same.name or (is_generic(same.name) or h.name.endswith(same.name)) and not is_generic(h.name):
                same.name, same.body, same.ordinal = h.name, body_of(h.name), ordinal_of(h.name)
            continue
        mt = Meeting(article_id, h.name, body_of(h.name), ordinal_of(h.name), event_date)
        art.meetings.insert(0, mt)
        if per_block[0] is None:
            per_block[0] = mt
    if not art.meetings and _IMPLIED_RE.search(text):
        per_block[0] = Meeting(article_id, None, None, None, event_date)  # a continued report: unnamed
        art.meetings.append(per_block[0])
    if not art.meetings:
        return []
    _promote_first_side(art, per_block, head_starts, sequels, same_day_sides)
    art.blocks = sorted([(s, per_block[i]) for i, (s, _, _) in enumerate(block_heads)] + sequels, key=lambda x: x[0])
    art.block_starts = [s for s, _ in art.blocks]
    art.sides.sort(key=lambda x: x[0])
    art.side_starts = [s for s, _, _ in art.sides]

    place_roles(art)
    art.settle()
    for mt in joint:  # 会议同时套开了Y: Y had the chair and attendees of the meeting it was held with
        owner = art.blocks[bisect_right(art.block_starts, mt.start) - 1][1]
        if owner is not None and owner is not mt:
            mt.chairs, mt.attendees = list(owner.chairs), list(owner.attendees)
    _place_approved(art, approved_in, stack)
    return sorted(art.meetings, key=lambda m: m.start)


def _promote_first_side(
    art: Placement, per_block: list[Meeting | None], head_starts: list[int], sequels: list[tuple[int, Meeting]],
    same_day: set[int],
) -> None:
    """A block whose lead reports no meeting (a feature that opens on a scene, 21时许，…参加Y报告会) is about the
    first meeting it reports held on the block's day: what it says from that sentence on is said of that meeting.
    One on a day of its own (5月2日督查…5月6日召开反馈会) stays a side event."""
    with_sequel = {bisect_right(head_starts, s) - 1 for s, _ in sequels}
    for i, (s, _, mt) in enumerate(art.sides):
        b = bisect_right(head_starts, s) - 1
        if per_block[b] is None and b not in with_sequel and id(mt) in same_day:
            with_sequel.add(b)
            sequels.append((s, mt))
            art.sides[i] = (s, s, mt)  # its sentence is in its block now


def _place_approved(art: Placement, approved_in: Callable[[int, int], list[str]], stack: str) -> None:
    """What a block reports approved was approved by its main meeting, what a side sentence reports by its own."""
    claimed: set[str] = set()
    for s, e, mt in art.sides:
        mt.approved = approved_in(s, e)
        claimed.update(mt.approved)
    for i, (start, main) in enumerate(art.blocks):
        if main is None:
            continue
        end = art.blocks[i + 1][0] if i + 1 < len(art.blocks) else len(art.text)
        titles = approved_in(start, end) + (approved_titles(stack) if i == 0 and stack else [])
        main.approved = [t for t in dict.fromkeys(titles) if t not in claimed]


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
            mt.ordinal = ordinal_of(mt.name)
