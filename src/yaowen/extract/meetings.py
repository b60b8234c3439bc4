"""Meetings of an article with their date, chairs, attendees and approved documents.

Which meetings are held and what they are called is ``meeting_names``' job; this module decides who was at
which. An article is read in blocks: the whole of it, or, in a chronicle or digest, each paragraph that
opens with a date of its own (``4月9日，…``). A block's main meeting is the one its lead paragraph reports
(or, failing that, the one its headline names); every 主持 (chair), 出席/参加/列席/在主席台就座/宣誓 (attendee)
and speaker (``A强调``, ``A在会上通报``, ``A作…报告``) in the block belongs to it. A meeting reported later, or on
a day of its own, is a side event: only its own sentence's people belong to it, and those whose verb names it
(``陪同考察并出席座谈会``). A role whose object is something else (``参加考察活动``, ``参加郑州代表团审议…时的讲话精神``)
belongs to no meeting, and neither does someone who 委托 another to chair.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Collection
from functools import cache

from ..model import Meeting, PersonMention
from .documents import approved_titles
from .lexicons import load_lexicon
from .meeting_names import Held, block_date, body_of, held_meetings, is_generic, noun_of, ordinal_of
from .people import post_words

_MD_RE = re.compile(r"(\d{1,2})月(\d{1,2})日")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_AFTER_NAME = ("同志", "等", "进行", "及", *load_lexicon("speech_verbs"))
_SENT_END = "。！？!?\n"

# roles written after the people they are about; the object after the verb says which meeting
_ROLE_RE = re.compile(
    r"(?P<chair>主持)|(?P<attend>(?:出席|参加)(?:或|和|并)?列席|出席|参加|列席|到会|就座|就坐|参会|宣誓|座谈(?!会))"
)
_NOT_NOW_RE = re.compile(r"(?:将|拟|即将|邀请|应当|要)$")
_OBJ_SKIP_RE = re.compile(r"(?:了|召开了?|举行了?)?")
_OBJ_END_RE = re.compile(r"[,，。;；:：!！?？\n]|并|后|时")
_GENERIC_OBJ = ("", "会议", "大会", "会", "活动", "座谈", "学习", "会见")
_VISIT_RE = re.compile(r"考察|调研|检查|视察|慰问|走访|督导|督查|参观|陪同")
_CITED_OBJ_RE = re.compile(r"时的|精神|讲话|的(?:重要)?讲话")
# 出席会议的有：A、B / 在主席台就座的领导有：/ 大会的执行主席是：/ 担任本次大会的执行主席还有：
_LIST_AFTER_RE = re.compile(
    r"(?:(?:出席|列席|参加)(?:会议|大会|座谈会|汇报会|活动)?的[^：:，,。]{0,12}?有|"
    r"(?:主席台|前排)上?就[座坐]的[^：:，,。]{0,16}?有|执行主席的?(?:是|还有|有))[:：]?"
)
# where the people a role verb is about begin: after the last role, clause list mark or cited word before it
_SPAN_BREAK_RE = re.compile(r"主持|出席|参加|列席|就座|就坐|到会|宣誓|[;；:：]|传达|学习|委托|委託")
_LOOKBACK = 300
_MIN_REPORT = 30  # Chinese characters of body under a headline for it to report a meeting
_SPEAK_RE = re.compile(
    r"(?:同志)?(?:等(?:同志|领导)?)?(?:应邀(?:到会|出席)?)?(?:在[^,，。]{0,40}?(?:会场|会上|会议上)[,，]?)?"
    r"(?:强调|指出|要求|表示|讲话|说|汇报|通报|介绍|发言|致辞|宣读|解读|宣布|提请|召集|主讲|作主题宣讲|代表(?!团)|"
    r"颁奖|颁发|授牌|揭牌|点评|为[^,，。]{0,12}?(?:颁奖|颁发|授牌|揭牌)|"
    r"作[^,，。]{0,30}?(?:讲话|报告|说明|辅导|发言|讲座|宣讲)|为与会[^,，。]{0,8}?作|到会指导|率)"
)
_AT_THE_MEETING_RE = re.compile(r"(?:^|(?<=[。\n]))\s*(?:会上|会议上|座谈会上|汇报会上|座谈中)[,，]")
_SUBJECT_END_RE = re.compile(
    r"代表|向|对|就|作|强调|指出|要求|表示|说|传达|宣读|通报|介绍|汇报|发言|讲话|致辞|宣布|分别|先后|听取|审议|提出"
)
_ENTRUSTING_RE = re.compile(r"(?:同志)?委[托託]")
_NATIONAL_POSTS = ("总书记", "总理", "委员长", "国家主席", "国务委员")
_NUMERAL_RE = re.compile(r"[\d一二三四五六七八九十百零〇两]+")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind(c, max(0, pos - 2000), pos) for c in _SENT_END) + 1
    ends = [i for i in (text.find(c, pos, pos + 2000) for c in _SENT_END) if i >= 0]
    return start, (min(ends) + 1 if ends else min(len(text), pos + 2000))


def _compatible(a: str | None, b: str | None) -> bool:
    """Two names of one meeting: the headline's and the body's, or a role's object and the meeting it names."""
    if not a or not b:
        return False
    if a.endswith(b) or b.endswith(a) or (len(b) >= 2 and b in a) or (len(a) >= 2 and a in b):
        return True
    oa, ob = ordinal_of(a), ordinal_of(b)
    if oa is not None and ob is not None:
        # one sitting written out more or less fully (市政府第21次常务会议 / 市十三届人民政府第21次常务会议,
        # 第十五次 / 第15次), not the same sitting of two bodies (鞍山市委 / 锦州市委 第一次全体会议)
        ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        replaced = [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in ops if op == "replace"]
        kinds = {op for op, *_ in ops} - {"equal", "replace"}
        return (oa == ob and noun_of(a) == noun_of(b) and len(kinds) <= 1
                and all(_NUMERAL_RE.fullmatch(x + y) for x, y in replaced))
    if (is_generic(a) or is_generic(b)) and noun_of(a) and noun_of(a) == noun_of(b):
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.6


def cited_leader(m: PersonMention) -> bool:
    """A national leader named as 习近平总书记 is quoted or cited in a local report, not at its meeting."""
    return m.how == "name_post" and any(t.endswith(_NATIONAL_POSTS) for t in m.titles)


class _Article:
    """One article's meetings while its people are placed at them."""

    def __init__(self, text: str, mentions: list[PersonMention]) -> None:
        self.text = text
        self.mentions = sorted((m for m in mentions), key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]
        self.by_start = {m.start: m for m in self.mentions}
        self.excluded = {id(m) for m in self.mentions if cited_leader(m) or _ENTRUSTING_RE.match(text, m.end)}
        self.meetings: list[Meeting] = []
        self.blocks: list[tuple[int, Meeting | None]] = []  # (block start, main meeting)
        self.block_starts: list[int] = []
        self.sides: list[tuple[int, int, Meeting]] = []  # (sentence start, end, side meeting)
        self.side_starts: list[int] = []
        self.placed: dict[tuple[int, bool], dict[str, int]] = {}  # (meeting, as chair) -> name -> first position

    def context(self, pos: int) -> Meeting | None:
        """The meeting a role at ``pos`` belongs to when its words do not name one."""
        i = bisect_right(self.side_starts, pos) - 1
        if i >= 0 and self.sides[i][0] <= pos < self.sides[i][1]:
            return self.sides[i][2]
        j = bisect_right(self.block_starts, pos) - 1
        return self.blocks[j][1] if j >= 0 else None

    def named(self, obj: str, pos: int) -> Meeting | None | bool:
        """The meeting a role's object names; None when it names none of them; True when the object says
        nothing (出席会议, 出席并讲话: the meeting of the context)."""
        obj = re.sub(r"(?:活动|现场)$", "", obj) if obj not in ("活动",) else obj
        if obj in _GENERIC_OBJ or obj.startswith(("会议", "大会")) or is_generic(obj) and noun_of(obj) in ("会议", "大会"):
            return True  # 出席会议, 主持会议相关议程, 出席大会开幕式
        here = self.context(pos)
        for mt in ([here] if here else []) + self.meetings:
            if mt.name and _compatible(mt.name, obj):
                return mt
        return None

    def people_before(self, pos: int, lo: int) -> list[PersonMention]:
        i, j = bisect_left(self.starts, lo), bisect_left(self.starts, pos)
        return [m for m in self.mentions[i:j] if id(m) not in self.excluded and m.end <= pos]

    def list_end(self, m: PersonMention) -> int:
        """Where a list the mention heads or belongs to ends: 刘光跃、段志刚、…、胡水龙|参加."""
        end = m.end
        while self.text[end : end + 1] == "、" and (nxt := self.by_start.get(end + 1)) is not None:
            end = nxt.end
        return end

    def span_start(self, pos: int) -> int:
        s, _ = _sentence(self.text, pos)
        s = max(s, pos - _LOOKBACK)
        breaks = [b.end() for b in _SPAN_BREAK_RE.finditer(self.text, s, pos)]
        return max(breaks) if breaks else s

    def place(self, mt: Meeting | None, people: list[PersonMention], chair: bool) -> None:
        if mt is None:
            return
        placed = self.placed.setdefault((id(mt), chair), {})
        for m in people:
            placed[m.name] = min(placed.get(m.name, m.start), m.start)

    def settle(self) -> None:
        """Each meeting's chairs and attendees in the order the text names them; a chair is no attendee."""
        for mt in self.meetings:
            chairs = self.placed.get((id(mt), True), {})
            attendees = self.placed.get((id(mt), False), {})
            mt.chairs = sorted(chairs, key=chairs.__getitem__)
            mt.attendees = sorted((n for n in attendees if n not in chairs), key=attendees.__getitem__)


def _object(text: str, pos: int) -> str:
    pos = _OBJ_SKIP_RE.match(text, pos).end()  # type: ignore[union-attr]
    m = _OBJ_END_RE.search(text, pos, pos + 40)
    return text[pos : m.start() if m else min(len(text), pos + 40)].strip()


def _implied_meetings(text: str, held: list[Held]) -> list[Held]:
    """Meetings known only from a role's object: 林庆生出席座谈会 (no verb reports it held, here or in
    the headline: ``held`` holds both)."""
    out: list[Held] = []
    names = [h.name for h in held]
    for r in _ROLE_RE.finditer(text):
        if _NOT_NOW_RE.search(text, max(0, r.start() - 3), r.start()):
            continue
        obj = _object(text, r.end())
        noun = noun_of(obj)
        if not noun or obj in ("会议", "大会") or _CITED_OBJ_RE.search(obj) or "的" in obj or _VISIT_RE.search(obj):
            continue
        if any(_compatible(n, obj) for n in names):
            continue
        out.append(Held(obj, r.end(), r.end() + len(obj), "attend"))
        names.append(obj)
    return out


def _blocks(text: str) -> list[tuple[int, tuple[int, int] | None, int]]:
    """(start, day, end of lead paragraph) of each block: the article, and each later paragraph that opens with
    a day of its own. A block's lead is its first paragraph with some substance (not 分享到: or a caption)."""
    heads: list[tuple[int, tuple[int, int] | None, int]] = []
    pos = 0
    for line in text.split("\n"):
        para = line.strip()
        start, pos = pos, pos + len(line) + 1
        if not para:
            continue
        day = block_date(para)
        if not heads or (day is not None and day != heads[-1][1]):
            heads.append((0 if not heads else start, day, -1))
        if heads[-1][2] < 0 and len(_HAN_RE.findall(para)) >= 20:
            s, d, _ = heads[-1]
            if d is None and s == heads[0][0]:
                first = _MD_RE.search(para, 0, para.find("。") if "。" in para else len(para))
                d = (int(first.group(1)), int(first.group(2))) if first else None
            heads[-1] = (s, d, start + len(line))
    return [(s, d, e if e >= 0 else len(text)) for s, d, e in heads] or [(0, None, len(text))]


def name_finder(names: Collection[str]) -> re.Pattern[str] | None:
    """One regex for a page's names, grouped by first character, so each position tries one branch, not every
    name. Built once a page: every article is searched with it."""
    groups: dict[str, list[str]] = {}
    for w in sorted({n for n in names if len(n) >= 2}, key=len, reverse=True):
        groups.setdefault(w[0], []).append(w[1:])
    if not groups:
        return None
    return re.compile("|".join(
        re.escape(first) + "(?:" + "|".join(map(re.escape, rests)) + ")" for first, rests in groups.items()
    ))


@cache
def _before_name() -> tuple[str, ...]:
    return (*post_words(), "领导", "有", "是")  # 市长A, 市人大常委会领导A、B, 出席的还有A


def _known_names_again(text: str, mentions: list[PersonMention], known: re.Pattern[str] | None) -> list[PersonMention]:
    """Where the article names again someone the page names elsewhere (``余功斌同志主持会议``, a bare name in a
    list): the grammar finds a name once, after a post; a role may stand by any of its mentions."""
    if known is None:
        known = name_finder([m.name for m in mentions if not cited_leader(m)])
        if known is None:
            return []
    taken = sorted((m.start, m.end) for m in mentions)
    taken_starts = [s for s, _ in taken]
    out = []
    for occ in known.finditer(text):
        s, e = occ.span()
        i = bisect_right(taken_starts, s) - 1
        if (i >= 0 and taken[i][1] > s) or (i + 1 < len(taken) and taken[i + 1][0] < e):
            continue  # a mention already
        before_ok = s == 0 or not _HAN_RE.match(text[s - 1]) or text.endswith(_before_name(), 0, s)
        after_ok = e == len(text) or not _HAN_RE.match(text[e]) or text.startswith(_AFTER_NAME, e)
        if after_ok and (before_ok or (e - s >= 3 and e < len(text) and _HAN_RE.match(text[e]))):
            out.append(PersonMention(occ.group(0), [], "", s, e, "again"))
    return out


def find_meetings(
    article_id: str,
    text: str,
    stack: str,
    mentions: list[PersonMention],
    approved_in: Callable[[int, int], list[str]],
    event_date: str | None,
    resolve_md: Callable[[int, int], str | None],
    issue_date: str | None = None,
    known_names: re.Pattern[str] | None = None,
) -> list[Meeting]:
    """Meetings of one article. ``stack`` is its kicker/headline/subheadline text, ``approved_in(start,end)``
    lists the 《》 titles approved in a span, ``resolve_md`` turns a month-day into an ISO date, ``known_names``
    (``name_finder``) finds the people the page names anywhere, found again here where the grammar did not."""
    known = event_date or issue_date
    held = held_meetings(text, known, stack)
    # a headline over no report (page furniture, a line the layout cut off) reports nothing held
    reported = len(_HAN_RE.findall(text, 0, 400)) >= _MIN_REPORT
    from_stack = [h for h in held_meetings(stack, known) if h.how != "talk"] if stack and reported else []
    held = sorted(held + _implied_meetings(text, held + from_stack), key=lambda h: h.start)

    def resolve(md: tuple[int, int] | None) -> str | None:
        if md is None:
            return None
        got = resolve_md(*md)
        if got is None and event_date and event_date.endswith(f"-{md[0]:02d}-{md[1]:02d}"):
            got = event_date
        return got

    art = _Article(text, mentions + _known_names_again(text, mentions, known_names))
    block_heads = _blocks(text)

    by_name: dict[str, Meeting] = {}
    per_block: list[Meeting | None] = [None] * len(block_heads)
    joint: list[Meeting] = []
    head_starts = [s for s, _, _ in block_heads]
    for h in held:
        b = bisect_right(head_starts, h.start) - 1
        s, e = _sentence(text, h.start)
        own = None
        for md in _MD_RE.finditer(text, s, h.start):
            own = (int(md.group(1)), int(md.group(2)))
        _, day, lead_end = block_heads[b]
        main_now = per_block[b]
        if h.how == "attributive" and h.start >= lead_end:
            continue  # 1月4日召开的…会议对…作了部署: a meeting recalled in passing
        if h.name in by_name or (main_now is not None and own is None and is_generic(h.name)
                                 and noun_of(h.name) == noun_of(main_now.name)):
            continue  # the same meeting again: a repeated line, 召开专题座谈会 after the lead named it
        again = next((mt for mt in art.meetings if ordinal_of(mt.name) is not None and _compatible(mt.name, h.name)), None)
        if again is not None and ordinal_of(h.name) is not None:
            if len(h.name) > len(again.name or ""):  # the fuller of two names of one sitting
                again.name, again.body = h.name, body_of(h.name)
            continue
        is_main = main_now is None and h.start < lead_end and (own is None or day is None or own == day) and not h.joint
        date = resolve(own) or (resolve(day) if b > 0 else None) or event_date
        mt = Meeting(article_id, h.name, body_of(h.name), ordinal_of(h.name), date, start=h.start, end=h.end)
        by_name[h.name] = mt
        art.meetings.append(mt)
        if is_main:
            per_block[b] = mt
        else:
            art.sides.append((s, e, mt))
        if h.joint:
            joint.append(mt)

    # the headline's meeting: the body's under a fuller name, or the main one of a report that names it nowhere else
    for h in from_stack:
        same = next((mt for mt in art.meetings if _compatible(mt.name, h.name)), None)
        if same is not None:
            if is_generic(same.name) and not is_generic(h.name):
                same.name, same.body, same.ordinal = h.name, body_of(h.name), ordinal_of(h.name)
            continue
        mt = Meeting(article_id, h.name, body_of(h.name), ordinal_of(h.name), event_date)
        art.meetings.insert(0, mt)
        if per_block[0] is None:
            per_block[0] = mt
    if not art.meetings and re.search(r"主持会议|出席会议|列席会议", text):
        per_block[0] = Meeting(article_id, None, None, None, event_date)  # a continued report: unnamed
        art.meetings.append(per_block[0])
    if not art.meetings:
        return []
    art.blocks = [(s, per_block[i]) for i, (s, _, _) in enumerate(block_heads)]
    art.block_starts = [s for s, _ in art.blocks]
    art.sides.sort(key=lambda x: x[0])
    art.side_starts = [s for s, _, _ in art.sides]

    _place_roles(art)
    art.settle()
    for mt in joint:  # 会议同时套开了Y: Y had the chair and attendees of the meeting it was held with
        owner = art.blocks[bisect_right(art.block_starts, mt.start) - 1][1]
        if owner is not None and owner is not mt:
            mt.chairs, mt.attendees = list(owner.chairs), list(owner.attendees)
    _place_approved(art, approved_in, stack)
    return sorted(art.meetings, key=lambda m: m.start)


def _place_roles(art: _Article) -> None:
    text = art.text
    leads: list[tuple[int, int]] = []  # the lead-ins of lists read here, whose role words are read no more
    for listed in _LIST_AFTER_RE.finditer(text):  # 出席会议的有：A、B、C / 大会的执行主席是：A、B
        _, end = _sentence(text, listed.end())
        i, j = bisect_left(art.starts, listed.end()), bisect_left(art.starts, end)
        art.place(art.context(listed.start()), [m for m in art.mentions[i:j] if id(m) not in art.excluded], False)
        leads.append(listed.span())
    lead_starts = [s for s, _ in leads]
    for r in _ROLE_RE.finditer(text):
        k = bisect_right(lead_starts, r.start()) - 1
        if (k >= 0 and r.start() < leads[k][1]) or _NOT_NOW_RE.search(text, max(0, r.start() - 3), r.start()):
            continue
        if re.compile(r"了?(?:时|的)").match(text, r.end()):
            continue  # 调研座谈时的讲话, 出席X的代表: not a role at this meeting
        obj = _object(text, r.end())
        if _CITED_OBJ_RE.search(obj) or (obj.endswith("的") or "的" in obj and not noun_of(obj)):
            continue
        target = art.named(obj, r.start())
        if target is True:
            target = art.context(r.start())
        elif target is None:
            continue
        art.place(target, art.people_before(r.start(), art.span_start(r.start())), r.group("chair") is not None)
    # speakers: 马懿强调, 市领导A、B、C在会上通报, 郑国强在会上作…工作报告
    for m in art.mentions:
        if id(m) in art.excluded:
            continue
        end = art.list_end(m)
        if _SPEAK_RE.match(text, end):
            art.place(art.context(m.start), [m], False)
    # 会上，A、B、C等领导代表…: the people a sentence at the meeting opens with
    for s in _AT_THE_MEETING_RE.finditer(text):
        _, e = _sentence(text, s.end())
        verb = _SUBJECT_END_RE.search(text, s.end(), e)
        art.place(art.context(s.end()), art.people_before(verb.start() if verb else e, s.end()), False)


def _place_approved(art: _Article, approved_in: Callable[[int, int], list[str]], stack: str) -> None:
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
