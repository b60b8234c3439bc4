"""People the grammar is silent about, proposed by the statistical name recogniser (``extract.names``) and
checked by the grammar: a name the model is sure of, in a place a person can stand.

The model reads names in context but knows nothing of the genre: a name inside a 《title》, a name that makes
a word with what follows (马克思|主义, 雷锋|精神, 詹天佑|奖, 苏迪曼|杯, 温榆|河, 林安|高速), a reporter or photographer
of a byline (记者 王明 摄) or a place the page names as one is not a person in the story.
"""

from __future__ import annotations

import bisect
import re

from ..lexicons import countries
from .mention import Mention
from .names import NOT_FINAL, PUNCT, boundary_strength, cut_words, name_shaped, tag_words, word_class
from .places import PROVINCES, placed_elsewhere
from .scores import model_found, span_probs

_SURE = 0.5  # the model's probability above which a name is taken where the grammar found none
# above this the name need not be followed by an action word, only end where jieba ends a word (陈寅恪|先生);
# a name that is also a common word (马蹄莲, 丁香) needs it too
_SURE_ANYWHERE = 0.6
# words that make a name part of a term, a prize, a place or a monument
_TERM_AFTER_RE = re.compile(
    r"主义|精神|思想|理论|同志式|式|体|奖|杯|故里|故居|纪念馆|纪念|广场|大道|路|街|巷|河|湖|江|山|雪山|桥|号|舰|文化|学院|中学|"
    r"小学|大学|公园|塑像|雕像|铜像|像|墓|陵|庙|祠|县|市|区|镇|乡|村|村委|公司|集团|牌|定律|效应|原理|病|星|"
    r"高速|铁路|高铁|机场|隧道|水库|沙漠|草原|湿地|盆地|平原|油田|气田|矿区"  # 林安|高速: a road named by its cities
)
_PLACE_END = set("河湖江山路街桥省市县区镇乡村旗舰")  # 温榆河, 敖汉旗, 许昌舰
# a byline's roles before a name, and its 摄 after: 记者 王明, 通讯员李强, 编辑:张三, 王明 摄
_BYLINE_BEFORE_RE = re.compile(r"(?:记者|通讯员|编辑|责编|摄影|摄像|作者|审|校对|来源|实习生|供图|整理)[:：\s]*$")
_BYLINE_AFTER_RE = re.compile(r"\s*(?:摄|报道|供图|/摄)")


_MATE_SURE = 0.3  # the model's probability enough for an item of a list whose other items are people
_MATE_SEPARATORS = "、/／和及"


def model_names(text: str, found: list[Mention]) -> list[Mention]:
    """Names the recogniser is sure of that the grammar accepts as people in the story (but those ``found``
    already, at the same span), and the items of a list (A、B和C, A/B) beside a person found by any rule that
    the recogniser finds likely names."""
    open_titles = _title_spans(text)
    # a name some rule already found at the same span adds nothing (find_people merges it into that mention,
    # and it seeds the list mates as that one does): not vetted again (most of the model's names are such)
    found_already = {(m.start, m.end, m.name) for m in found}
    out = [Mention(text[s:e], [], s, e, "model") for s, e, p in model_found(text, _SURE)
           if (s, e, text[s:e]) not in found_already
           and (p >= _SURE_ANYWHERE or word_class(text[s:e]) not in _THING_CLASSES)
           and not _vetoed(text, s, e, open_titles, sure=p >= _SURE_ANYWHERE)]
    return out + _list_mates(text, found + out, open_titles)


def _vetoed(text: str, start: int, end: int, open_titles: list[tuple[int, int]], mate: bool = False,
            sure: bool = False) -> bool:
    """Is the span no person in the story, whatever the model says? (``mate``: an item of a list of people,
    whose end the model may settle: 和杨家兴|组成; ``sure``: the model is sure enough that a word boundary
    after the name will do)"""
    name = text[start:end]
    # titles never overlap, so the last one opening before ``start`` is the only one that may hold it
    i = bisect.bisect_left(open_titles, (start,)) - 1
    if i >= 0 and start < open_titles[i][1]:
        return True  # 《骆驼祥子》
    if _TERM_AFTER_RE.match(text, end) or name[-1] in NOT_FINAL or name[-1] in _PLACE_END:
        return True
    if "·" not in name and (word_class(name) == "ns" or name in _COUNTRIES):
        return True  # 马德里, 瓦努阿图: a place
    # (the boundary first: it needs no jieba, and most names end at punctuation or an action word)
    if not mate and not boundary_strength(text, end) and not (sure and _word_ends_at(text, start, end)) \
            and text[end : end + 1] not in "/／" and not _acts_after(text, end):
        return True  # the name must end where a name can end (or at the / of a pair: 王楚钦/孙颖莎)
    if _BYLINE_BEFORE_RE.search(text, max(0, start - 8), start) or _BYLINE_AFTER_RE.match(text, end):
        return True
    if _names_a_thing(text, end):
        return True
    if not mate and (text[start - 1 : start] in _QUOTES or name.startswith(PROVINCES)):
        return True  # 台风“木兰”, “玲龙一号”: a name in quotes is a thing's; 江苏南|通 is a place
    if "·" not in name and placed_elsewhere(name, text):
        return True
    return _beside_a_place(text, start, end)


_COUNTRIES = countries()
_NO_NOUN_STARTS = frozenset(PUNCT) | {""}  # "": the text ends there, where no word follows
_QUOTES = frozenset("“\"「『‘'")
# the last word of a company's name or a doctrine's
_THING_ENDS = frozenset({"有限公司", "有限责任公司", "股份有限公司", "公司", "集团", "集团公司", "合作社", "工作室",
                         "思想", "理论", "主义", "精神"})


def _names_a_thing(text: str, end: int) -> bool:
    """索密克|汽车配件有限公司, 习近平|生态文明思想: a name that nouns run on from to a company's or a
    doctrine's last word names the company or the doctrine."""
    if text[end : end + 1] in _NO_NOUN_STARTS:
        return False  # jieba tags punctuation x, and no word starts with it: no need to ask it
    for word, tag in tag_words(text[end : end + 12]):
        if word in _THING_ENDS:
            return True
        if not (tag.startswith("n") or tag == "vn"):
            return False
    return False


def _word_ends_at(text: str, start: int, end: int) -> bool:
    """Does a word end at ``end`` when jieba cuts the name and what follows (陈寅恪|先生, not 邵阳|军分区)?"""
    at = 0
    for word in cut_words(text[start : end + 4]):
        at += len(word)
        if at >= end - start:
            return at == end - start
    return True


# what the word after a name may be for the name to end there: a verb, an adverb, a preposition, a conjunction
_FOLLOWING_CLASSES = frozenset({"v", "d", "p", "c"})
_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]{1,6}")


def _acts_after(text: str, end: int) -> bool:
    """Does the word after ``end`` say the name ended there (王海|不是, 张松|因此, 庄希泉|予以)?"""
    run = _HAN_RUN_RE.match(text, end)
    words = tag_words(run.group(0)) if run else []
    return bool(words) and len(words[0][0]) >= 2 and words[0][1] in _FOLLOWING_CLASSES


def _beside_a_place(text: str, start: int, end: int) -> bool:
    """A list item next to a place is a place too (纽约、马德里、米兰等; 从临江和马德里开出), and one next to a
    thing a thing (马蹄莲、非洲菊、玫瑰, 日管控、周排查): beside the 、 stands a place, a word jieba knows as
    another kind of word that the model does not take for a name; beside 和, 及 or 与 only a place will do
    (代表和张三: a person may stand beside a thing joined by a conjunction)."""
    # (jieba cuts the neighbour only where the model is not sure of a name there: a list of names needs no cut)
    mark = text[end : end + 1]
    if mark and mark in _JOINS:
        best = _best_prob(text, [(end + 1, end + 1 + n) for n in (2, 3, 4)])
        if best < _SURE:
            after = cut_words(text[end + 1 : end + 9])
            if after and _neighbour_is_thing(text, end + 1, end + 1 + len(after[0]), best, mark):
                return True
    mark = text[start - 1 : start] if start > 1 else ""
    if mark and mark in _JOINS:
        best = _best_prob(text, [(start - 1 - n, start - 1) for n in (2, 3, 4)])
        if best < _SURE:
            before = cut_words(text[max(0, start - 9) : start - 1])
            if before and _neighbour_is_thing(text, start - 1 - len(before[-1]), start - 1, best, mark):
                return True
    return False


def _neighbour_is_thing(text: str, start: int, end: int, best: float, mark: str) -> bool:
    if mark in _LIST_MARKS:
        return _is_thing(text, start, end, best)
    return end - start >= 2 and _is_place_word(text[start:end])


def _best_prob(text: str, spans: list[tuple[int, int]]) -> float:
    """The model's best score of ``spans`` (those inside the text; 0 if none)."""
    probs = span_probs(text)
    best = 0.0
    for s, e in spans:
        if s >= 0 and e <= len(text):
            p = probs.get((s, e), 0.0)
            if p > best:
                best = p
    return best


_LIST_MARKS = "、"
_JOINS = _LIST_MARKS + "和及与"


def _is_place_word(item: str) -> bool:
    return item in _COUNTRIES or (len(item) >= 2 and word_class(item) == "ns")


_THING_CLASSES = frozenset({"n", "nz", "ng", "vn", "v", "an", "a", "l", "i", "j"})


def _is_thing(text: str, start: int, end: int, best: float) -> bool:
    """Is the word text[start:end] beside a list mark a place or a thing? Not where the model reads a name
    at the mark (``best``: its best score of a name standing there, under _SURE; jieba cuts names apart:
    范金|城); a place word, or a word of another kind, is."""
    item = text[start:end]
    if len(item) >= 2 and (_is_place_word(item) or placed_elsewhere(item, text)):
        return True
    if best:
        return False
    return len(item) >= 2 and word_class(item) in _THING_CLASSES


def _list_mates(text: str, found: list[Mention], open_titles: list[tuple[int, int]]) -> list[Mention]:
    """The items of a list beside people already found (由A、B、C和D组成, A/B) that the model finds likely
    names: a list is of one kind, so an item next to a person needs less of the model."""
    if not found:
        return []
    taken = {(m.start, m.end) for m in found}
    busy = bytearray(len(text) + 1)
    for m in found:
        busy[m.start : m.end] = b"\x01" * (m.end - m.start)
    queue = sorted(taken)
    out: list[Mention] = []
    probs = span_probs(text)  # (looked up once for every item of every list in the text)
    while queue:
        start, end = queue.pop()
        for span in (_mate_after(text, end, probs), _mate_before(text, start, probs)):
            if span is None or span in taken or any(busy[span[0] : span[1]]):
                continue
            # (the shape first: it is cached, and the vetoes ask jieba)
            if not name_shaped(text[span[0] : span[1]], True) or _vetoed(text, span[0], span[1], open_titles, True):
                continue
            taken.add(span)
            busy[span[0] : span[1]] = b"\x01" * (span[1] - span[0])
            out.append(Mention(text[span[0] : span[1]], [], span[0], span[1], "list"))
            queue.append(span)
    return out


_Probs = dict[tuple[int, int], float]


def _best(probs: _Probs, size: int, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of ``spans`` (those inside a text of ``size``) the model scores best, if at least _MATE_SURE."""
    scored = [(probs.get((s, e), 0.0), (s, e)) for s, e in spans if s >= 0 and e <= size]
    best = max(scored, default=None)
    return best[1] if best is not None and best[0] >= _MATE_SURE else None


def _mate_after(text: str, end: int, probs: _Probs) -> tuple[int, int] | None:
    if text[end : end + 1] not in _MATE_SEPARATORS or end + 1 >= len(text):
        return None
    return _best(probs, len(text), [(end + 1, end + 1 + n) for n in (2, 3, 4)])


def _mate_before(text: str, start: int, probs: _Probs) -> tuple[int, int] | None:
    if start < 3 or text[start - 1] not in _MATE_SEPARATORS:
        return None
    return _best(probs, len(text), [(start - 1 - n, start - 1) for n in (2, 3, 4)])


def _title_spans(text: str) -> list[tuple[int, int]]:
    if "《" not in text:
        return []  # most texts hold no title
    return [(m.start(), m.end()) for m in _TITLE_RE.finditer(text)]


_TITLE_RE = re.compile(r"《[^《》\n]{0,60}》")
