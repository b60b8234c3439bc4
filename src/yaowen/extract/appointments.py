"""Appointments: 人大常委会 任免, elections and party decisions, each post as the decision writes it.

``任命A为P`` and ``决定A为P`` appoint (``决定A副市长为代理市长``, ``决定A代理市长职务`` make an acting post);
``免去A的P职务``, ``接受A辞去P职务的请求`` and ``A同志不再担任P职务`` remove; ``选举/补选/推选A为P`` and
``A当选(为)P`` elect; ``A同志任P`` appoints. One verb may govern several clauses (``选举A为P、B为Q``,
``任命A为P，B为Q``, ``A同志任P，不再担任Q职务；免去其R职务``). A post list is split into posts: a bare post
takes the organ of the post before it (``…法院副院长、代理院长``), and a party committee's ladder
``委员、常委、书记`` is one office, recorded under its top rung. Nominations (``提名为…候选人``) are not
decisions.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from ..model import Appointment
from .people import post_words, read_name

Kind = Literal["appoint", "remove", "acting", "elect"]

# verbs written before the person, and the decision words written after the name (those that open with
# _AFTER_STARTS). No groups: an alternation of words that open with a literal character is one the regex engine
# skips ahead through (one that opens with a group is tried at every position of the text).
_TRIGGER_RE = re.compile(
    r"决定任命|任命|免去|接受|同意|决定|选举|补选|推选|增选|提名"
    r"|同志(?:交流)?(?:担任|任)(?![务职期命内上])|同志不再(?:担任|任)|当选为?"
)
_AFTER_STARTS = ("同志", "当选")
_ELECT_VERBS = ("选举", "补选", "推选", "增选")
_SKIP_AFTER_DECIDE = ("任命", "免去", "接受", "同意", "任免", "提名", "于", "召开")
# a post list ends at a clause mark, at 职务 / 的请求 / 候选人, or where the next clause begins
_POST_STOP_RE = re.compile(r"[,，。;；:：\n(（]|职务|的请求|候选人|并|期间|以来|时[,，]")
_PARTY_LADDER = ("副书记", "书记", "常委", "委员")  # ranks, top first: 委员、常委、书记 is one office
_LADDER_RANK = {"书记": 0, "副书记": 1, "常委": 2, "委员": 3}
_MODIFIERS_RE = re.compile(r"^(?:代理|常务|代|副)+")
_TRAILING_MODIFIERS_RE = re.compile(r"(?:代理|常务|代|副)+$")
_POST_END_CHARS = set("长员委席任记事官表问理监")
_ORGAN_START_RE = re.compile(r"(?:中共|中国|中央|国务院|全国|省|市|县|区|州|[\u4e00-\u9fff]{2,6}?(?:省|市|县|区|州|旗))")
_GENDER_RE = re.compile(r"[(（](?:女|男|[\u4e00-\u9fff]{1,3}族)[)）]")
_NO_LONGER_RE = re.compile(r"(?:并)?(?:不再(?:担任|任)|免去其)")  # …，不再担任Q职务 / 免去其Q职务
_PROPOSED_RE = re.compile(r"(?:提请|拟|建议)$")
_NOMINATED_RE = re.compile(r"(?:并)?提名为[^,，。;；]*")  # a nomination is no decision
_CURRENT_POST_RE = re.compile(r"[\u4e00-\u9fff]{0,8}?(?=为)")  # 决定刘兴无|副检察长|为…
_SPACE_RE = re.compile(r"\s+")
_SPACES_RE = re.compile(r"\s*")
_COLON_RE = re.compile(r"[:：]\s*")
_RESIGNS_RE = re.compile(r"(?:因[^,，。;；]{1,12}?)?辞去")
_COUNT_AFTER_LIST_RE = re.compile(r"等(?:\d+|[一二三四五六七八九十百两]+)?[人名位]?$")


_WINDOW = 48  # a name and the post after it are read from this much text, never from the rest of a long page


def _name_at(text: str, pos: int, lengths: tuple[int, ...] = (3, 2, 4), ends: tuple[str, ...] = (),
             weak_ends: tuple[str, ...] = ()) -> tuple[str, int] | None:
    got = read_name(text[pos : pos + _WINDOW], 0, lengths, ends, weak_ends)
    return (got[0], pos + got[1]) if got else None


def _read_names(text: str, pos: int) -> tuple[list[str], int]:
    """A list of names at ``pos`` (``A、B``; ``A同志``, ``A(女)``), ending before 为, 的, 同志, 辞去 or a post."""
    names: list[str] = []
    while True:
        got = _name_at(text, pos, ends=("为", "的", "同志", "辞去", "因", "代理", "(", "（"), weak_ends=post_words())
        if got is None:
            break
        names.append(got[0])
        pos = got[1]
        if (g := _GENDER_RE.match(text, pos)) is not None:
            pos = g.end()
        if text.startswith("同志", pos):
            pos += 2
        if text[pos : pos + 1] == "、":
            pos += 1
            continue
        break
    return names, pos


def _names_before(text: str, end: int) -> list[str]:
    """The names of a list that ends at ``end`` (``丰新妹、王化平等40人当选``, ``谷春立当选``), read backwards."""
    m = _COUNT_AFTER_LIST_RE.search(text, max(0, end - 12), end)
    if m:
        end -= len(m.group(0))
    names: list[str] = []
    while end > 0:
        for n in (3, 2, 4):
            s = text[end - n : end] if end >= n else ""
            before = text[end - n - 1 : end - n] if end - n >= 1 else ""
            if len(s) == n and _name_at(text, end - n, (n,), ends=("等", "当", "同")) == (s, end) and (
                not before or before in "、，,。；;：:\n “\"）)" or text.endswith(post_words(), 0, end - n)
            ):
                names.insert(0, s)
                end -= n
                break
        else:
            break
        if text[end - 1 : end] != "、":
            break
        end -= 1
    return names


@cache
def _post_word_set() -> tuple[frozenset[str], int]:
    words = post_words()
    return frozenset(words), max(map(len, words), default=0)


def _post_word_at_end(post: str) -> str:
    """The longest post word ``post`` ends with, or ''."""
    words, longest = _post_word_set()
    return next((post[-k:] for k in range(min(len(post), longest), 0, -1) if post[-k:] in words), "")


def _split_post(post: str) -> tuple[str, str]:
    """(organ, post word): 苏州市中级人民法院副院长 -> (苏州市中级人民法院, 副院长)."""
    word = _post_word_at_end(post)
    organ = post[: len(post) - len(word)]
    if word and (m := _TRAILING_MODIFIERS_RE.search(organ)):
        organ, word = organ[: m.start()], m.group(0) + word  # 代理 + 院长: the modifier belongs to the post
    return organ, word


def _is_bare(item: str) -> bool:
    """A post written without its organ: 代理院长, 副团长, 常委, 委员."""
    if item in _LADDER_RANK:
        return True
    organ, word = _split_post(item)
    if word:
        return not organ
    return len(item) <= 4 and not _ORGAN_START_RE.match(item)


def _with_organ_of(prev: str, bare: str) -> str:
    """A bare post written out with the organ of the post before it: (…法院副院长, 代理院长) -> …法院代理院长."""
    core = _MODIFIERS_RE.sub("", bare) or bare
    rung = next((w for w in _PARTY_LADDER if prev.endswith(w)), None)
    if bare in _LADDER_RANK and rung:
        organ = prev[: -len(rung)]  # 中共X市委书记、常委 -> 中共X市委常委
    elif prev.endswith(core):
        organ = _TRAILING_MODIFIERS_RE.sub("", prev[: len(prev) - len(core)])
    else:
        organ = _split_post(prev)[0]
    return organ + bare if organ else bare


def _looks_like_post(post: str) -> bool:
    return 2 <= len(post) <= 40 and (post[-1] in _POST_END_CHARS or bool(_post_word_at_end(post)))


def _posts(items: list[str], prev: str | None) -> list[str]:
    """A post list as separate posts, bare ones written out and a party ladder folded into its top rung."""
    out: list[str] = []
    for raw in items:
        item = _SPACE_RE.sub("", raw)
        if not item:
            continue
        if _is_bare(item) and (out or prev):
            item = _with_organ_of(out[-1] if out else prev, item)  # type: ignore[arg-type]
        out.append(item)
    # 中共X市委委员、常委、书记 -> 中共X市委书记
    ladder = [(i, p, w) for i, p in enumerate(out) for w in _PARTY_LADDER if p.endswith(w) and p[: -len(w)].endswith("委")]
    organs = {p[: -len(w)] for _, p, w in ladder}
    if len(ladder) >= 2 and len(organs) == 1:
        top = min(ladder, key=lambda x: _LADDER_RANK[x[2]])
        drop = {i for i, _, _ in ladder if i != top[0]}
        out = [p for i, p in enumerate(out) if i not in drop]
    return [p for p in out if _looks_like_post(p)]


def _read_posts(text: str, pos: int) -> tuple[list[str], int]:
    """The post list at ``pos`` and where it ends (before 职务, a clause mark, or ``、B为`` starting a new clause)."""
    m = _POST_STOP_RE.search(text, pos)
    end = m.start() if m else len(text)
    items: list[str] = []
    start = pos
    i = pos
    while i < end:
        ch = text[i]
        if ch == "、":
            names, after = _read_names(text, i + 1)
            if names and text[after : after + 1] == "为":
                end = i  # 选举A为P、B为Q: the list stops where the next name begins
                break
            items.append(text[start:i])
            start = i + 1
        elif ch == "和" and _ORGAN_START_RE.match(text, i + 1):
            items.append(text[start:i])  # 大连市委常委、委员和大连市副市长
            start = i + 1
        i += 1
    items.append(text[start:end])
    return items, end


class _Reader:
    """Reads the decisions of one text in order, remembering the last person and post for the next clause."""

    def __init__(self, text: str, article: str) -> None:
        self.text = text
        self.article = article
        self.out: list[Appointment] = []
        self.last_post: str | None = None
        self.last_sentence = -1

    def add(self, names: list[str], items: list[str], kind: Kind, start: int, end: int) -> None:
        sentence = max(self.text.rfind(c, max(0, start - 1000), start) for c in "。\n")
        prev = self.last_post if sentence == self.last_sentence else None
        for post in _posts(items, prev):
            k: Kind = "acting" if kind == "appoint" and "代理" in post else kind
            self.out += [Appointment(self.article, n, post, k, start, end) for n in names]
            self.last_post = post
        self.last_sentence = sentence

    def clauses(self, names: list[str], kind: Kind, pos: int, start: int, takes_为: bool) -> int:
        """Clauses that continue a decision after its first post: ``，B为Q``, ``，不再担任Q职务``, ``免去其Q职务``."""
        text = self.text
        while True:
            if text.startswith("职务", pos):
                pos += 2
            if text.startswith("的请求", pos):
                pos += 3
            if text[pos : pos + 1] not in ("，", ",", "；", ";", "、") or not text[pos + 1 : pos + 2]:
                return pos
            nxt = _SPACES_RE.match(text, pos + 1).end()  # type: ignore[union-attr]
            if takes_为:
                more, after = _read_names(text, nxt)
                if more and text[after : after + 1] == "为":
                    items, pos = _read_posts(text, after + 1)
                    self.add(more, items, kind, start, pos)
                    names = more
                    continue
            m = _NO_LONGER_RE.match(text, nxt)
            if m and names:
                items, pos = _read_posts(text, m.end())
                self.add(names, items, "remove", start, pos)
                continue
            m = _NOMINATED_RE.match(text, nxt)
            if m:
                pos = m.end()
                continue
            return pos

    def read(self) -> list[Appointment]:
        text = self.text
        pos = 0
        for t in _TRIGGER_RE.finditer(text):
            if t.start() < pos:
                continue
            if t.group(0).startswith(_AFTER_STARTS):
                pos = self.name_first(t.group(0), t.start(), t.end())
            else:
                pos = self.verb_first(t.group(0), t.start(), t.end())
        return self.out

    def verb_first(self, verb: str, start: int, pos: int) -> int:
        text = self.text
        if verb == "提名" or (verb == "决定" and text.startswith(_SKIP_AFTER_DECIDE, pos)):
            return pos
        if _PROPOSED_RE.search(text, max(0, start - 4), start):
            return pos  # 关于提请免去A的P职务的议案: a motion, not yet a decision
        if verb != "决定" and (colon := _COLON_RE.match(text, pos)) is not None:
            pos = colon.end()  # 任命：A为P，B为Q (a decision printed as a list: 任命：\n A为P；\n B为Q)
        if verb in ("免去",):
            if text.startswith("其", pos):
                return pos  # 免去其…: a clause of the decision before it, read there
            names, after = _read_names(text, pos)
            if not names:
                return pos
            if text[after : after + 1] == "的":
                after += 1
            items, end = _read_posts(text, after)
            self.add(names, items, "remove", start, end)
            return self.clauses(names, "remove", end, start, False)
        if verb in ("接受", "同意"):  # 接受/同意A辞去P职务(的请求)
            names, after = _read_names(text, pos)
            quit_ = _RESIGNS_RE.match(text, after) if names else None  # A(因工作变动)辞去
            if quit_ is None:
                return pos
            items, end = _read_posts(text, quit_.end())
            self.add(names, items, "remove", start, end)
            return self.clauses(names, "remove", end, start, False)
        names, after = _read_names(text, pos)
        if not names:
            return pos
        if verb == "决定" and text.startswith("代理", after):
            items, end = _read_posts(text, after)  # 决定王维代理市长职务
            self.add(names, items, "appoint", start, end)
            return self.clauses(names, "appoint", end, start, False)
        if verb == "决定":
            # 决定刘兴无副检察长为…: the person's current post stands between the name and 为
            cur = _CURRENT_POST_RE.match(text, after)
            if cur is None or not (cur.end() == after or text[after : cur.end()].endswith(post_words())):
                return pos
            after = cur.end()
        if text[after : after + 1] != "为":
            return pos
        kind: Kind = "elect" if verb in _ELECT_VERBS else "appoint"
        items, end = _read_posts(text, after + 1)
        self.add(names, items, kind, start, end)
        return self.clauses(names, kind, end, start, True)

    def name_first(self, word: str, start: int, pos: int) -> int:
        text = self.text
        if word.startswith("当选"):
            names = _names_before(text, start)
            kind: Kind = "elect"
        else:
            got = _names_before(text, start)
            names = got[-1:]  # the person the decision is about: 罗增斌同志任…
            kind = "remove" if "不再" in word else "appoint"
        if not names:
            return pos
        items, end = _read_posts(text, pos)
        self.add(names, items, kind, start - len(names[0]), end)
        return self.clauses(names, kind, end, start, kind == "elect")


def find_appointments(text: str, article: str = "", stack: str = "") -> list[Appointment]:
    """Every decision of ``text`` (an article body) and of ``stack`` (its headlines: ``A当选中共X市委书记``),
    once: the same person and post stated twice is one appointment, and of a short and a long form of one
    post (市委书记 / 中共鞍山市委书记) only the long form is kept."""
    found = _Reader(text, article).read()
    if stack:
        found += [Appointment(article, a.person, a.post, a.kind) for a in _Reader(stack, article).read()]
    kept: dict[tuple[str, str], list[Appointment]] = {}  # (person, kind) -> its posts so far
    order: list[Appointment | None] = []  # None: a short form a long one replaced
    place: dict[int, int] = {}  # id of a kept appointment -> its index in order (no search of a long list)
    for ap in found:
        same = kept.setdefault((ap.person, ap.kind), [])
        if any(o.post.endswith(ap.post) for o in same):
            continue
        shorter = [o for o in same if ap.post.endswith(o.post)]
        same.append(ap)
        if shorter:  # the long form takes the short one's place
            place[id(ap)] = place[id(shorter[0])]
            order[place.pop(id(shorter[0]))] = ap
            for o in shorter[1:]:
                order[place.pop(id(o))] = None
            for o in shorter:
                same.remove(o)
        else:
            place[id(ap)] = len(order)
            order.append(ap)
    return [ap for ap in order if ap is not None]
