"""Who was at which meeting of an article: chairs (主持), attendees (出席/参加/列席/在主席台就座/宣誓, lists after
``出席会议的有：``) and speakers (``A强调``, ``A在会上通报``, ``A作…报告``, ``为劳模颁奖``).

A role verb's object says which meeting it is about (``陪同考察并出席座谈会``); an object that names none of
them (``参加考察活动``, ``参加郑州代表团审议…时的讲话精神``) places no one, and a role with no object belongs to the
meeting of its context: a side meeting's own sentence, else its block's main meeting (``meetings`` decides
which those are). Someone who 委托 another to chair, and a national leader quoted by name (习近平总书记), are at
no meeting. A name the page gives elsewhere is found again where the grammar missed it (``余功斌同志主持``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from functools import cache

from ..model import Meeting, PersonMention
from .lexicons import load_lexicon
from .meeting_ids import RECALL, compatible, is_generic, noun_of
from .meeting_names import Held
from .people import post_words
from .textscan import WordFinder, at_sentence_starts

_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_AFTER_NAME = ("同志", "等", "进行", "及", *load_lexicon("speech_verbs"))
_SENT_END = "。！？!?\n"

# Roles written after the people they are about; the object after the verb says which meeting. 主持 is the
# chair's, the others an attendee's. Every alternative of a regex searched through whole texts opens with a
# literal character here, so that the regex engine skips ahead to those characters (it tries a regex that opens
# with a group, a class or an assertion at every position of the text).
_CHAIR = "主持"
_ROLE_RE = re.compile(
    r"主持|出席(?:或|和|并)?列席|参加(?:或|和|并)?列席|出席|参加|列席|到会|就座|就坐|参会|宣誓|座谈(?!会)|莅临|"
    r"收听收看|收看"
)
_NOT_NOW_RE = re.compile(r"(?:将|拟|即将|邀请|应当|要)$")
_EXPECTED_RE = re.compile(r"预计|届时|将有|将于|拟于")  # 预计1500多位代表参加论坛: no meeting held yet
_OBJ_SKIP_RE = re.compile(r"(?:了|召开了?|举行了?)?")
_OBJ_END_RE = re.compile(r"[,，。;；:：!！?？\n)）]|并|后|时")
_GENERIC_OBJ = ("", "会议", "大会", "会", "活动", "座谈", "学习", "审议", "讨论", "分组讨论", "指导", "会议指导")
# 出席开班式并讲话: the opening or closing sitting of the meeting of the context, not an event of its own
_OWN_SITTING_RE = re.compile(r"(?:开班|开幕|闭幕|结业|开学)(?:式|仪式|典礼)|(?:开幕|闭幕|全体)(?:大会|会议?)")
_VISIT_RE = re.compile(r"考察|调研|检查|视察|慰问|走访|督导|督查|参观|陪同")
_CITED_OBJ_RE = re.compile(r"时的|精神|讲话|的(?:重要)?讲话")


def _cited(obj: str) -> bool:
    """A role's object that cites a meeting (参加X会议时的讲话, 学习X精神), not a meeting held on a spirit (参加X精神宣讲会)."""
    m = _CITED_OBJ_RE.search(obj)
    return m is not None and not (m.group(0) == "精神" and noun_of(obj[m.end() :]))
# 出席会议的有：A、B / 在主席台就座的领导有：/ 大会的执行主席是：/ 担任本次大会的执行主席还有：
_LIST_AFTER_RE = re.compile(
    "(?:"
    + "|".join(rf"{role}[^：:，,。的]{{0,8}}的[^：:，,。]{{0,12}}?有" for role in ("出席", "列席", "参加", "到会"))
    + r"|与会的?[^：:，,。]{0,12}?有|"
    r"主席台上?就[座坐]的[^：:，,。]{0,16}?有|前排上?就[座坐]的[^：:，,。]{0,16}?有|执行主席的?(?:是|还有|有))[:：]?"
)
# where the people a role verb is about begin: after the last role, clause list mark or cited word before it
_SPAN_BREAK_RE = re.compile(r"主持|出席|参加|列席|就座|就坐|到会|宣誓|莅临|收看|;|；|:|：|传达|学习|委托|委託")
_CITED_AFTER_ROLE_RE = re.compile(r"了?(?:时|的)")  # 调研座谈时的讲话, 出席X的代表
_ROLE_AS_NOUN_RE = re.compile(r"人员|者|嘉宾|单位|名单|对象|范围")  # 列席人员, 参会者: a noun, not a role verb
# A召开Y会 (not 主持召开, not 决定召开): who calls a meeting is at it, as its attendee (率督导组…召开反馈会)
_CONVENE_RE = re.compile(r"召(?<![主持决定要将拟]召)开了?")  # the look back after 召: the regex opens with it
_JOINED_ROLE_RE = re.compile(r"并(?:主持|出席|参加|列席)")
# 调研组召开座谈会 after A率调研组赴…: the group that calls it was led there by A, who is at it
_GROUP_RE = re.compile(r"(?:调研|督导|督查|检查|考察|视察|巡视|巡察|指导|工作|专家|宣讲|评估|验收)(?:组|团)")
# A、B、C等市级老同志 named as a group, then 老同志们 at the meeting
_GROUPS = r"(老同志|老领导|代表|委员|专家|学者|企业家|嘉宾)"
_GROUP_OF_LIST_RE = re.compile(rf"等[^,，。;；、]{{0,6}}?{_GROUPS}")
_GROUP_BACK_RE = re.compile(rf"{_GROUPS}们")
_LED_BEFORE_RE = re.compile(r"(?:率领?|带领)[^,，。;；]{0,12}$")
_LOOKBACK = 300
_CLAUSE_RE = re.compile(r"[,，;；]")

_SPEAK_RE = re.compile(
    r"(?:同志)?(?:等[\u4e00-\u9fff]{0,8}?)?(?:应邀(?:到会|出席)?)?"
    r"(?:在[^,，。]{0,40}?(?:会场|会上|会议上|讲话中|发言中|报告中|总结中)[,，]?)?"
    r"(?:分别|先后|相继|依次|也|还|一并|随后)?"
    r"(?:强调|指出|要求|表示|讲话|说|汇报|通报|介绍|发言|致辞|宣读|解读|宣布|发布|传达|领学|述职|提请|召集|主讲|作主题宣讲|听取|"
    r"代表(?!团)|部署|点评|提出(?=[,，:：])|颁奖|颁发|授牌|揭牌|为[^,，。]{0,12}?(?:颁奖|颁发|授牌|揭牌)|"
    r"(?:作|进行了?)[^,，。]{0,30}?(?:讲话|报告|说明|辅导|发言|讲座|宣讲|汇报|点评|部署|解读)|为与会[^,，。]{0,8}?作|"
    # 就下一步工作作出安排, 对全市统战工作提出要求
    r"[就对][^,，。]{1,30}?(?:作出?|提出|进行)(?:了|具体)?(?:安排|部署|要求|说明|讲话|点评|强调)|"
    r"到会指导|率)"
)
# between two items of one list: a mark, then at most a post (市财政局局长), no verb of its own
_LIST_GAP_RE = re.compile(r"(?:[、，,]|和|及|以及)[^。；;：:！？!?\n]{0,24}")
_VERB_IN_GAP_RE = re.compile(r"主持|出席|参加|列席|强调|指出|讲话|表示|要求|汇报|通报|发言|致辞|宣读|陪同|调研|考察|在|到|赴|率")
_LABEL_LIST_RE = re.compile(
    r"(?:^|(?<=[。\n]))\s*(?:[市县区省州]|省市|市县|县区)?(?:委|级|党政军?|[四五六]大家)?领导(?:同志)?[:：]?"
    r"(?P<rest>[^。\n]{2,150})(?:。|$)",
    re.M,
)
_HONOURED_RE = re.compile(r"表彰|授予|命名|评为|获得|荣获|选举|当选|任命|免去|慰问|看望|会见")  # a list of others
_HEARD_RE = re.compile(r"听取了?([^。；;《》]{2,80}?)的[^。；;，,]{0,12}?(?:汇报|发言|意见|建议|介绍|情况通报)")
_AT_THE_MEETING_RE = re.compile(r"(?:^|(?<=[。\n]))\s*(?:会上|会议上|座谈会上|汇报会上|座谈中)[,，]")
_SUBJECT_END_RE = re.compile(
    r"代表|向|对|就|作|强调|指出|要求|表示|说|传达|宣读|通报|介绍|汇报|发言|讲话|致辞|宣布|分别|先后|听取|审议|提出"
)
_ENTRUSTING_RE = re.compile(r"(?:同志)?委[托託]")
_ACTIVITY_END_RE = re.compile(r"(?:活动|现场)$")  # 出席表彰活动 names the 表彰大会
_NATIONAL_POSTS = ("总书记", "总理", "委员长", "国家主席", "国务委员")


_SENT_END_RE = re.compile(r"[。！？!?\n]")
_LAST_SENT_END_RE = re.compile(r"(?s:.*)[。！？!?\n]")  # matched over a stretch: up to its last sentence end


def sentence(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` (within 2000 characters of it): each end found by one regex scan that stops at
    the nearest mark, not a scan per mark (most of them absent: each such scan read the 2000 characters)."""
    last = _LAST_SENT_END_RE.match(text, max(0, pos - 2000), pos)
    end = _SENT_END_RE.search(text, pos, pos + 2000)
    return (last.end() if last else 0), (end.end() if end else min(len(text), pos + 2000))


def cited_leader(m: PersonMention) -> bool:
    """A national leader named as 习近平总书记 is quoted or cited in a local report, not at its meeting."""
    return m.how == "name_post" and any(t.endswith(_NATIONAL_POSTS) for t in m.titles)


class Placement:
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
        self.list_ends: dict[int, int] = {}  # mention -> where its list ends

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
        obj = _ACTIVITY_END_RE.sub("", obj) if obj != "活动" else obj
        if (obj in _GENERIC_OBJ or obj.startswith(("会议", "大会")) or _OWN_SITTING_RE.fullmatch(obj)
                or is_generic(obj) and noun_of(obj) in ("会议", "大会")):
            return True  # 出席会议, 主持会议相关议程, 出席大会开幕式, 出席开班式
        if _VISIT_RE.search(obj) and not noun_of(obj) and "座谈" not in obj:
            return None  # 参加调研, 陪同考察: the visit, not the 调研座谈会 its name shares a word with
        here = self.context(pos)
        for mt in ([here] if here else []) + self.meetings[-RECALL:]:
            if mt.name and compatible(mt.name, obj):
                return mt
        return None

    def people_before(self, pos: int, lo: int) -> list[PersonMention]:
        i, j = bisect_left(self.starts, lo), bisect_left(self.starts, pos)
        return [m for m in self.mentions[i:j] if id(m) not in self.excluded and m.end <= pos]

    def list_end(self, m: PersonMention) -> int:
        """Where a list the mention heads or belongs to ends: 刘光跃、段志刚、…、胡水龙|参加, and across the posts of
        its items: 县委书记叶文斌、市财政局局长宋海波|分别作表态发言. Each list is walked once (a page may list
        hundreds of names): every item remembers its list's end."""
        chain = [m]
        end = m.end
        while (end_known := self.list_ends.get(id(chain[-1]))) is None and (
            (gap := _LIST_GAP_RE.match(self.text, end)) is not None
        ):
            i = bisect_left(self.starts, end + 1)
            if i >= len(self.mentions) or self.mentions[i].start > gap.end():
                break
            nxt = self.mentions[i]
            if nxt.start > end + 1 and _VERB_IN_GAP_RE.search(self.text, end, nxt.start):
                break
            chain.append(nxt)
            end = nxt.end
        end = end_known if end_known is not None else end
        for item in chain:
            self.list_ends[id(item)] = end
        return end

    def span_start(self, pos: int) -> int:
        """Where the people a role verb at ``pos`` is about begin: after the last role verb, list mark or cited
        word before it, and after the clause of anyone with a verb of their own (A宣读决定，B主持大会)."""
        s, _ = sentence(self.text, pos)
        s = max(s, pos - _LOOKBACK)
        # 参加并主持: one subject for both roles, so a role joined to the next by 并 ends no span
        breaks = [b.end() for b in _SPAN_BREAK_RE.finditer(self.text, s, pos) if not _JOINED_ROLE_RE.match(self.text, b.end())]
        for m in self.mentions[bisect_left(self.starts, s) : bisect_left(self.starts, pos)]:
            end = self.list_end(m)
            if end < pos and _SPEAK_RE.match(self.text, end) and (c := _CLAUSE_RE.search(self.text, end, pos)):
                breaks.append(c.end())
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


def implied_meetings(text: str, held: list[Held]) -> list[Held]:
    """Meetings known only from a role's object: 林庆生出席座谈会 (no verb reports it held, here or in
    the headline: ``held`` holds both)."""
    out: list[Held] = []
    names = [h.name for h in held]
    for r in _ROLE_RE.finditer(text):
        if _NOT_NOW_RE.search(text, max(0, r.start() - 3), r.start()):
            continue
        if _EXPECTED_RE.search(text, sentence(text, r.start())[0], r.start()) or _ROLE_AS_NOUN_RE.match(text, r.end()):
            continue
        obj = _object(text, r.end())
        noun = noun_of(obj)
        if not noun or obj in ("会议", "大会") or _cited(obj) or "的" in obj or _VISIT_RE.search(obj):
            continue
        if any(compatible(n, obj) for n in names[-RECALL:]):
            continue
        out.append(Held(obj, r.end(), r.end() + len(obj), "attend"))
        names.append(obj)
    return out



def name_finder(names: Collection[str]) -> WordFinder | None:
    """What finds a page's names (of two characters or more) in its articles, or None when it names none."""
    words = {n for n in names if len(n) >= 2}
    return WordFinder(words) if words else None


@cache
def _before_name() -> tuple[str, ...]:
    return (*post_words(), "领导", "有", "是", "由")  # 市长A, 市人大常委会领导A、B, 出席的还有A, 会议由A主持


def known_names_again(text: str, mentions: list[PersonMention], known: WordFinder | None) -> list[PersonMention]:
    """Where the article names again someone the page names elsewhere (``余功斌同志主持会议``, a bare name in a
    list): the grammar finds a name once, after a post; a role may stand by any of its mentions."""
    if known is None:
        known = name_finder([m.name for m in mentions if not cited_leader(m)])
        if known is None:
            return []
    taken = sorted((m.start, m.end) for m in mentions)
    taken_starts = [s for s, _ in taken]
    found = []
    for s, e in known.spans(text):
        i = bisect_right(taken_starts, s) - 1
        if (i >= 0 and taken[i][1] > s) or (i + 1 < len(taken) and taken[i + 1][0] < e):
            continue  # a mention already
        found.append((s, e))
    # names run together in a list (市领导A B C、D, the separators lost): a name that touches another is bounded by it
    ends = {e for _, e in taken} | {e for _, e in found}
    starts = set(taken_starts) | {s for s, _ in found}
    out = []
    for s, e in found:
        before_ok = s == 0 or not _HAN_RE.match(text[s - 1]) or text.endswith(_before_name(), 0, s) or s in ends
        after_ok = e == len(text) or not _HAN_RE.match(text[e]) or text.startswith(_AFTER_NAME, e) or e in starts
        if (after_ok or e - s >= 3) and before_ok or after_ok and e - s >= 3 and e < len(text) and _HAN_RE.match(text[e]):
            out.append(PersonMention(text[s:e], [], "", s, e, "again"))
    return out


def _named_groups(art: Placement) -> dict[str, list[PersonMention]]:
    """The people of each group a list names (A、B、C等市级老同志 -> 老同志: A, B, C), the first list of each."""
    groups: dict[str, list[PersonMention]] = {}
    for g in _GROUP_OF_LIST_RE.finditer(art.text):
        if g.group(1) not in groups:
            s, _ = sentence(art.text, g.start())
            members = [m for m in art.people_before(g.start(), s) if art.list_end(m) == g.start()]
            if len(members) >= 2:
                groups[g.group(1)] = members
    return groups


def _leaders_of(art: Placement, group: str, before: int) -> list[PersonMention]:
    """Who led ``group`` there, as the article said before ``before``: A率调研组赴…, A带领督导组…."""
    text = art.text
    at = text.rfind(group, max(0, before - _LOOKBACK * 4), before)
    while at >= 0:
        led = _LED_BEFORE_RE.search(text, max(0, at - 16), at)
        if led is not None:
            s, _ = sentence(text, led.start())
            return [m for m in art.people_before(led.start(), s) if art.list_end(m) == led.start()]
        at = text.rfind(group, max(0, before - _LOOKBACK * 4), at)
    return []


def place_roles(art: Placement) -> None:
    text = art.text
    leads: list[tuple[int, int]] = []  # the lead-ins of lists read here, whose role words are read no more
    for listed in _LIST_AFTER_RE.finditer(text):  # 出席会议的有：A、B、C / 大会的执行主席是：A、B
        _, end = sentence(text, listed.end())
        i, j = bisect_left(art.starts, listed.end()), bisect_left(art.starts, end)
        art.place(art.context(listed.start()), [m for m in art.mentions[i:j] if id(m) not in art.excluded], False)
        leads.append(listed.span())
    lead_starts = [s for s, _ in leads]
    for r in _ROLE_RE.finditer(text):
        k = bisect_right(lead_starts, r.start()) - 1
        if (k >= 0 and r.start() < leads[k][1]) or _NOT_NOW_RE.search(text, max(0, r.start() - 3), r.start()):
            continue
        if _CITED_AFTER_ROLE_RE.match(text, r.end()) or _ROLE_AS_NOUN_RE.match(text, r.end()):
            continue  # 调研座谈时的讲话, 出席X的代表, 列席人员: not a role at this meeting
        obj = _object(text, r.end())
        if _cited(obj) or (obj.endswith("的") or "的" in obj and not noun_of(obj)):
            continue
        target = art.named(obj, r.start())
        if target is True:
            target = art.context(r.start())
        elif target is None:
            continue
        art.place(target, art.people_before(r.start(), art.span_start(r.start())), r.group(0) == _CHAIR)
    for c in _CONVENE_RE.finditer(text):
        target = art.named(_object(text, c.end()), c.start())
        if isinstance(target, Meeting) and not is_generic(target.name):
            lo = art.span_start(c.start())
            callers = art.people_before(c.start(), lo)
            group = None if callers else _GROUP_RE.search(text, lo, c.start())
            art.place(target, callers or (_leaders_of(art, group.group(0), group.start()) if group else []), False)
    # speakers: 马懿强调, 市领导A、B、C在会上通报, 郑国强在会上作…工作报告
    for m in art.mentions:
        if id(m) in art.excluded:
            continue
        end = art.list_end(m)
        if _SPEAK_RE.match(text, end):
            art.place(art.context(m.start), [m], False)
    # 会上，A、B、C等领导代表…: the people a sentence at the meeting opens with
    groups = _named_groups(art)
    for s in at_sentence_starts(_AT_THE_MEETING_RE, text):
        _, e = sentence(text, s.end())
        verb = _SUBJECT_END_RE.search(text, s.end(), e)
        art.place(art.context(s.end()), art.people_before(verb.start() if verb else e, s.end()), False)
        # 会上，…老同志们纷纷发言 after A、B、C等市级老同志…: the group the article named earlier, by its names
        for g in _GROUP_BACK_RE.finditer(text, s.end(), e):
            art.place(art.context(s.end()), groups.get(g.group(1), []), False)
    # 听取了A、B的工作汇报: who reported was there
    for h in _HEARD_RE.finditer(text):
        art.place(art.context(h.start()), art.people_before(h.end(1), h.start(1)), False)
    # an excerpt cut inside a list (…召开视频会。A强调，…。B、C、D、E、李): the list of those who were there
    tail = max(text.rfind(c) for c in _SENT_END) + 1
    listed = [m for m in art.mentions[bisect_left(art.starts, tail) :] if id(m) not in art.excluded]
    if (len(listed) >= 2 and art.list_end(listed[0]) >= listed[-1].end and len(text) - listed[-1].end <= 3
            and not _HONOURED_RE.search(text, tail, listed[0].start)):
        art.place(art.context(listed[0].start), listed, False)
    # 市领导A、B、C。 — a sentence that is only a group label and its names says who was there
    for s in at_sentence_starts(_LABEL_LIST_RE, text):
        if not _VERB_IN_GAP_RE.search(text, s.start("rest"), s.end("rest")):
            art.place(art.context(s.start()), art.people_before(s.end("rest"), s.start()), False)


