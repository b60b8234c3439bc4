"""Every person named in a text, with the posts the text gives them there."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cache

from ...budget import check_time
from ..names import name_scores
from ..textscan import sentence_starts
from .chains import chain_titles, link_chains, names_after
from .lists import LABEL_RE, bare_lists, one_name_lists
from .mention import Mention
from .model import model_names
from .names import PUNCT, name_shaped
from .posts import Post, find_posts, has_post_word, organ_before, post_ahead
from .roles import addressed, dotted_names, introduced, name_before_address, objects, speakers
from .scores import name_prob

# the person a chain without a name after it belongs to: 罗增斌同志任|中共绵阳市委委员、常委、书记,
# 选举王健为|市人民政府市长, 免去余功斌同志的|鞍山市委书记…职务, 熊炜、刘泽友为|副团长
# a note printed after a name: (女), (女,汉族), (回族)
_NOTE = r"(?:[（(](?:女|男|[\u4e00-\u9fff]{1,3}族)(?:[，,、](?:女|男|[\u4e00-\u9fff]{1,3}族))*[）)])"
_DOTTED = r"[\u4e00-\u9fff]{2,6}(?:·[\u4e00-\u9fff]{2,8}){1,2}"  # 吐尔逊·买买提
_APPOINTED_RE = re.compile(
    rf"((?:(?:{_DOTTED}|[\u4e00-\u9fff]{{2,4}}){_NOTE}?、)*(?:{_DOTTED}|[\u4e00-\u9fff]{{2,4}}?)){_NOTE}?(?:同志|等(?:\d+|[一二三四五六七八九十百多]+)?(?:人|名|位)?)?"
    r"(?:任|担任|兼任|不再担任|不再兼任|不再任|交流任|转任|调任|当选为|当选|为|辞去|的)$"
    r"|(?:免去|罢免|撤销)([\u4e00-\u9fff]{2,3})$"
)
_APPOINTING = ("选举", "任命", "决定", "推选", "接受", "免去", "同意", "批准", "撤销", "补选", "增补", "提名", "、", "，", ",", "；", "。", "\n", "：")
# a clause that goes on about the person of the decision before it: ,不再担任…职务 / ,免去其…职务
_CONTINUED_RE = re.compile(r"[，,](?:并|同时)?(?:不再担任|不再兼任|兼任|免去其|另任|并任)$")
_NOTE_RE = re.compile(_NOTE + "$")
_NOMINEE_RE = re.compile(r"候选人|人选|提名")
_CLAUSE_END = "，,。；;\n"
_WEAK_HOWS = frozenset({"address", "speaker", "object"})
_NEVER_A_NAME = 0.005  # the model's probability under which a weak rule's name is none (由于|彭真同志: not 于彭真)


def find_people(text: str, known: frozenset[str] = frozenset()) -> list[Mention]:
    """Every person named in ``text`` with the posts the text gives them there; ``known`` names (found
    elsewhere on the page) are read after a post even with a rare surname (副市长能荣, in a caption)."""
    posts = _posts_and_labels(text, known)
    mentions: list[Mention] = []
    others: list[Mention] = []
    titled = {p.end for p in posts if p.names}
    carried: dict[int, str] = {}  # sentence start -> organ the next bare post there shares
    last_owners: list[tuple[str, int, int]] = []  # the people the last appointment sentence named
    sentence_start, decision_start = _Starts(text, "。！？!?\n"), _Starts(text, "。；;！？!?\n")
    chains = link_chains(text, posts)
    pending: list[str] = []  # the posts of a chain that a comma ran on to the next: 市委常委、副市长，市公安局局长X
    for i, chain in enumerate(chains):
        check_time()
        last = chain[-1]
        sent = sentence_start(chain[0].organ_start)
        titles, carry = chain_titles(chain, carried.get(sent, ""))
        titles, pending = pending + [t for t in titles if t not in pending], []
        if last.names:
            carried[sent] = carry
            how = "label" if _is_label(last) else "title"
            mentions += [Mention(name, list(titles), s, e, how) for name, s, e in last.names]
            continue
        bracketed = _bracketed(text, chain[0].organ_start, last.end)
        if bracketed:
            others += [Mention(name, list(titles), s, e) for name, s, e in bracketed]
            continue
        owners = _appointed(text, chain[0].organ_start)
        if not owners and _runs_on(text, chain, chains[i + 1] if i + 1 < len(chains) else None):
            carried[sent] = carry
            pending = titles
            continue
        if _NOMINEE_RE.match(text, last.end):
            titles = []  # a nomination gives no post: 提名王一明为市长候选人
        if not owners and _CONTINUED_RE.search(text, max(0, chain[0].organ_start - 8), chain[0].organ_start) \
                and _ends_clause(text, last.end):
            # ……王忠昆同志任鞍山市委书记,不再担任|鞍山市市长职务: the subject of the clause before
            # decisions are listed with ;: the subject must be in the same one
            owners = [o for o in last_owners if o[1] >= decision_start(chain[0].organ_start)]
        if owners:
            carried[sent] = carry
            last_owners = owners
            others += [Mention(name, list(titles), s, e, "appointed") for name, s, e in owners]
        elif _ends_clause(text, last.end):
            others += _appositive(text, sent, titles)
    others += _appositive_without_post(text)
    # the chains' people first; then each other finding where it overlaps none taken (or one span exactly)
    taken = _Spans((m.start, m.end) for m in mentions)
    at = {(m.start, m.end): m for m in mentions}
    found = others + bare_lists(text) + one_name_lists(text) + name_before_address(text, titled)
    check_time()
    found += speakers(text) + objects(text) + introduced(text) + dotted_names(text)
    # a form of address, a speech verb or a verb's object vouches for a name's place, not for its being a name:
    # the model must not rule it out (由于|彭真同志 is not 于彭真, 组成人员建议 has no speaker 成人员)
    # those the page's pass left under its floor, scored again unpruned (it drops hopeless spans unscored:
    # 冷晓表示 among them), in one call
    weak = [m for m in found if m.how in _WEAK_HOWS and not name_prob(text, m.start, m.end)]
    if weak:
        ruled_out = {id(m) for m, p in zip(weak, name_scores(text, [(m.start, m.end) for m in weak]), strict=True)
                     if p < _NEVER_A_NAME}
        found = [m for m in found if id(m) not in ruled_out]
    check_time()
    for m in found + model_names(text, mentions + found):
        same = at.get((m.start, m.end))
        if same is not None and same.name == m.name:  # found twice: one mention with the titles of both
            same.titles += [t for t in m.titles if t not in same.titles]
        elif taken.free(m.start, m.end):
            mentions.append(m)
            at[(m.start, m.end)] = m
            taken.add(m.start, m.end)
    mentions.sort(key=lambda m: m.start)
    _group_heads(text, mentions)
    _label_after_list(text, mentions)
    return mentions


def titled_people(text: str, known: frozenset[str] = frozenset()) -> list[Mention]:
    """The people of ``find_people`` that ``text`` gives a post or label: none without a post word, a group
    label, a form of address or a group's head (a page's many short lines — headlines, captions — mostly have
    none, and reading them whole costs a dozen passes each)."""
    if not (has_post_word(text) or _has_label(text) or addressed(text) or _LED_RE.search(text)):
        return []
    return [m for m in find_people(text, known) if m.titles]


def _has_label(text: str) -> bool:
    # every label ends in 领导: a look for it first spares LABEL_RE's try at every place of most texts
    return "领导" in text and LABEL_RE.search(text) is not None


# a group label after the list closed by 等: 市委书记A，市委副书记、市长B等市领导出席
_LABEL_AFTER_RE = re.compile(r"等(?=" + LABEL_RE.pattern + ")")
_GAP_RE = re.compile(r"[、，,和及][\u4e00-\u9fff、]{0,30}$")


def _label_after_list(text: str, mentions: list[Mention]) -> None:
    """Give the label after ``等`` to every person of the list before it, those named with posts of their
    own too: the items run back through separators and post chains to the start of the clause."""
    if "领导" not in text:  # every label ends in 领导 (most texts have none: no search, no map of ends)
        return
    ends = {m.end: i for i, m in enumerate(mentions)}
    for hit in _LABEL_AFTER_RE.finditer(text):
        i = ends.get(hit.start())
        if i is None:
            continue
        label = LABEL_RE.match(text, hit.end()).group(0)  # type: ignore[union-attr]
        while True:
            if label not in mentions[i].titles:
                mentions[i].titles.append(label)
            # the item before: a separator right after its name, then at most a chain of posts
            if i == 0:
                break
            gap = text[mentions[i - 1].end : mentions[i].start]
            if not _GAP_RE.match(gap) or not (len(gap) == 1 or post_ahead(gap, 1, len(gap))):
                break
            i -= 1


# 以省委常委、省纪委书记陈文清为组长,…李祖可为副组长的省委督查组: the heads of a visiting group
_LED_RE = re.compile(
    r"以[^。；;]{2,80}?为(副?(?:组长|团长|队长))(?:[，,][^。；;]{2,80}?为(副?(?:组长|团长|队长)))?"
    r"的([\u4e00-\u9fff]{2,16}?(?:组|团|队))"
)


def _group_heads(text: str, mentions: list[Mention]) -> None:
    """Give the heads named in ``以X为组长…的督查组`` the group's post."""
    if "以" not in text:  # (most texts: no search, no map of ends)
        return
    by_end = {m.end: m for m in mentions}
    for m in _LED_RE.finditer(text):
        for k in (1, 2):
            if m.group(k):
                head = by_end.get(m.start(k) - 1)  # the name right before 为
                if head is not None:
                    head.titles.append(m.group(3) + m.group(k))


class _Spans:
    """Spans of text already taken by a mention, kept sorted (mentions never nest, so starts order them)."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._spans, (start, end))
        if i < len(self._spans) and self._spans[i] == (start, end):
            return False
        before = self._spans[i - 1] if i > 0 else None
        after = self._spans[i] if i < len(self._spans) else None
        return (before is None or before[1] <= start) and (after is None or after[0] >= end)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))


def _posts_and_labels(text: str, known: frozenset[str]) -> list[Post]:
    """Posts, group labels (市党政军领导, 市委、市人大、市政府领导) and no post that lies inside another's organ."""
    posts = find_posts(text)
    labels = [Post(m.start(), m.end(), m.group(0), True, "", m.start()) for m in LABEL_RE.finditer(text)] \
        if "领导" in text else []
    if labels:
        label_starts = [q.start for q in labels]
        posts = [p for p in posts if not _inside(label_starts, labels, p.start)] + labels
        posts.sort(key=lambda p: p.start)
    for p in posts:
        check_time()
        p.names = names_after(text, p.end, p.complete, p.word, p.organ, known)
    # an organ never reaches back over a named person: 烟台市委书记孟凡利和|德州市委书记
    for i, q in enumerate(posts):
        named = [p.names[-1][2] for p in _posts_back_to(posts, i, q.start - 40) if p.names]
        if named and max(named) <= q.start:
            floor = max(named)
            floor += text[floor : floor + 1] in "和及、"
            q.organ, q.organ_start, q.in_chain = organ_before(text, q.start, q.complete, floor)
            if not q.organ:
                q.organ_start = q.start
    # a post word inside the organ of the next post is part of that organ's name (常委 in 市人大常委会主任)
    inside = {id(p) for i, q in enumerate(posts) if q.organ for p in _posts_back_to(posts, i, q.organ_start)}
    return [p for p in posts if p.names or id(p) not in inside]


def _posts_back_to(posts: list[Post], i: int, start: int) -> list[Post]:
    """The posts before ``posts[i]`` that start at ``start`` or later (an organ's reach: a few at most)."""
    j = i
    while j > 0 and posts[j - 1].start >= start:
        j -= 1
    return posts[j:i]


def _inside(starts: list[int], spans: list[Post], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i].start <= pos < spans[i].end


def _is_label(p: Post) -> bool:
    return p.word.endswith("领导")


class _Starts:
    """Where the sentence (or clause group) holding a position starts, from one pass over the text (made on
    the first question: many texts have no chain to ask about)."""

    def __init__(self, text: str, ends: str) -> None:
        self._text = text
        self._ends_re = _ends_re(ends)
        self._ends: list[int] | None = None

    def __call__(self, pos: int) -> int:
        if self._ends is None:
            self._ends = [m.start() for m in self._ends_re.finditer(self._text)]
        i = bisect.bisect_left(self._ends, pos)
        return self._ends[i - 1] + 1 if i else 0


@cache
def _ends_re(ends: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(ends)}]")


# what may open a row of a table of people before the name: 1. | 1、| (1) | 一、
_ROW_HEAD_RE = re.compile(r"[ \u3000\t]*(?:\d{1,3}[.、．]|[（(]\d{1,3}[）)]|[一二三四五六七八九十]{1,3}、)?[ \u3000\t]*$")


_ROW_HEAD_CHARS = frozenset(" \u3000\t.、．（()）一二三四五六七八九十")  # and digits (\d: any decimal digit)


def _row_head(text: str, pos: int) -> bool:
    """Is all of the line before ``pos`` a row's number (1. | (1) | 一、) and spaces? Read back only as far
    as such characters go: a page printed on one line has no line end to stop a search back."""
    start = pos
    while start > 0 and (text[start - 1] in _ROW_HEAD_CHARS or text[start - 1].isdecimal()):
        start -= 1
    return (start == 0 or text[start - 1] == "\n") and _ROW_HEAD_RE.match(text, start, pos) is not None


def _bracketed(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The person whose posts follow the name: in brackets (王一明(临江市委书记)出席), or in a row of a table
    (1.王一明  临江市委书记, 王一明：临江市委书记；)."""
    if start < 3:
        return []
    gap = start
    while gap > 0 and text[gap - 1] in " \u3000\t":
        gap -= 1
    if text[start - 1] in "（(" and text[end : end + 1] in "）)":
        name_end = start - 1
    elif (gap < start or text[start - 1] in "：:") and (end == len(text) or text[end] in "；;。\n"):
        name_end = gap - 1 if text[gap - 1 : gap] in "：:" and gap == start else gap
    else:
        return []
    for n in (3, 2, 4):
        s = text[name_end - n : name_end]
        if len(s) == n and name_shaped(s):
            if text[name_end] not in "（(" and not _row_head(text, name_end - n) \
                    and text[name_end - n - 1 : name_end - n] not in ("；", ";"):
                return []  # a row's name opens its line (or follows the row before it)
            return [(s, name_end - n, name_end)]
    return []


def _runs_on(text: str, chain: list[Post], following: list[Post] | None) -> bool:
    """Does a chain without a name run on past a comma to the next chain, which names its person?
    (市委常委、副市长，市公安局党委书记、局长曹振宇: some papers separate one person's offices by commas)"""
    last, start = chain[-1], chain[0].organ_start
    opens = start == 0 or text[start - 1] in PUNCT or text[start - 1] in "有是"  # not 陈文清为|组长，
    return (opens and following is not None and following[-1].names != [] and not following[0].in_chain
            and text[last.end : last.end + 1] in ("，", ",") and following[0].organ_start == last.end + 1
            and not _is_label(last) and not _is_label(following[-1]))


def _ends_clause(text: str, pos: int) -> bool:
    return pos >= len(text) or text[pos] in _CLAUSE_END or text.startswith("职务", pos)


def _appointed(text: str, pos: int) -> list[tuple[str, int, int]]:
    """The people a chain starting at ``pos`` is given to by a verb before it (X同志任…, 选举X为…)."""
    if not _may_be_appointed(text, pos):
        return []
    m = _APPOINTED_RE.search(text, _appointed_reach(text, pos), pos)
    if m is None:
        return []
    if m.group(2):  # 免去|张三|市发改委主任职务
        return [(m.group(2), m.start(2), m.end(2))] if name_shaped(m.group(2)) else []
    parts = []
    start = m.start(1)
    for part in m.group(1).split("、"):
        name = _NOTE_RE.sub("", part)  # 李素芳(女), 王一(女,回族)
        parts.append((name, start, start + len(name)))
        start += len(part) + 1
    # the names: the items at the end that look like names; the first of them may be the tail of a run
    # after an appointing word (选举|王健为), or follow punctuation or another item (院长、|钱四方为)
    kept: list[tuple[str, int, int]] = []
    for name, s, e in reversed(parts):
        if "·" in name:  # a dotted name is one name whole: 选举|吐尔逊·买买提|为
            dot = name.index("·")
            start = next((i for i in range(dot - 1) if _appointing_before(text, s + i)), None)
            if start is None:
                break
            kept.insert(0, (name[start:], s + start, e))
            continue
        tail = next((name[i:] for i in range(len(name) - 1) if name_shaped(name[i:])
                     and _appointing_before(text, s + i)), None)
        if tail is None:
            break
        kept.insert(0, (tail, e - len(tail), e))
        if len(tail) < len(name):
            break
    return kept


_DISMISSING = ("免去", "罢免", "撤销")


def _may_be_appointed(text: str, pos: int) -> bool:
    """Can ``_APPOINTED_RE`` match before ``pos`` at all? Its match ends in a verb (任, 为, 当选, 辞去, 的) or
    in 免去|罢免|撤销 and a name, at ``pos`` (or before a line end there, as ``$`` reads it). Tried at every
    place of its window, that regex costs far more than this look at the last characters."""
    ends = (pos, pos - 1) if text[pos - 1 : pos] == "\n" else (pos,)
    for end in ends:
        if text[end - 1 : end] in _VERB_LAST:
            return True
        for n in (2, 3):
            if end - n >= 2 and text[end - n - 2 : end - n] in _DISMISSING and _HAN_RE.fullmatch(text, end - n, end):
                return True
    return False


# a character no match of _APPOINTED_RE holds (a comma only in a note: after an opening bracket)
_OUTSIDE_APPOINTED_RE = re.compile(r"[^\u4e00-\u9fff·、（()），,\d]")


def _appointed_reach(text: str, pos: int) -> int:
    """Where the search for ``_APPOINTED_RE`` ending at ``pos`` starts: 40 characters back, or after the last
    character there that no match can hold (the regex, tried at every place of the 40, costs tens of µs)."""
    window_start = max(0, pos - 40)
    # ($ may also match before a line end at pos - 1: that line end is no cut)
    window = text[window_start : pos - 1 if text[pos - 1 : pos] == "\n" else pos]
    outside = _OUTSIDE_APPOINTED_RE.search(window[::-1])
    cut = len(window) - 1 - outside.start() if outside else -1
    comma = max(window.rfind("，"), window.rfind(","))
    if comma > cut and "（" not in window[:comma] and "(" not in window[:comma]:
        cut = comma
    return window_start + cut + 1


_VERB_LAST = frozenset("任选为去的")  # the last characters of _APPOINTED_RE's verbs
_HAN_RE = re.compile(r"[\u4e00-\u9fff]+")


def _appointing_before(text: str, pos: int) -> bool:
    before = text[max(0, pos - 2) : pos]
    return pos == 0 or before.endswith(_APPOINTING) or before[-1:] in PUNCT


_APPOSITIVE_RE = re.compile(r"([\u4e00-\u9fff]{2,4})(?:[（(]女[）)])?[,，]")


def _appositive(text: str, sent: int, titles: list[str]) -> list[Mention]:
    """``蒋建明,1962年12月生,江苏沭阳县委书记;``: a name opening the sentence, its posts closing a clause."""
    m = _APPOSITIVE_RE.match(text, sent)
    if m is None or not name_shaped(m.group(1)):
        return []
    return [Mention(m.group(1), list(titles), m.start(1), m.end(1), "appositive")]


# an appositive that describes a person: 研究生, 党员, 教师, 男, 45岁, 出生, 籍 ...
_PERSON_NOUN_RE = re.compile(r"(?:生|员|师|者|人|士|工|民|手|岁|男|女|出生|籍|长|主任|书记|委员|代表|教授|医生)$|岁|出生|籍")
_OPENING_NAME = r"([\u4e00-\u9fff]{2,4})(?:[（(]女[）)])?[,，]([^。，,;；\n]{1,40})"
_OPENING_NAME_RE = re.compile(_OPENING_NAME)


def _appositive_without_post(text: str) -> list[Mention]:
    """``周煜中,南华大学…研究生。``: a name opening the sentence, then a clause that describes a person."""
    if "，" not in text and "," not in text:  # every match holds a comma (a headline or caption may have none)
        return []
    # tried at the start of the text, of each line and of each sentence (a match never reaches past the next
    # 。 or line end, so no two overlap)
    out = []
    for start in sentence_starts(text):
        m = _OPENING_NAME_RE.match(text, start)
        if m is not None and name_shaped(m.group(1)) and _PERSON_NOUN_RE.search(m.group(2)):
            out.append(Mention(m.group(1), [], m.start(1), m.end(1), "appositive"))
    return out
