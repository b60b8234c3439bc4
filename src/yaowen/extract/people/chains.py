"""Chains of posts and the names they title.

``市委副书记、市长、市委审计委员会副主任朱健``: posts joined by 、 (or 兼) belong to the person named after the
last of them; ``副主席曾东楼、贺显海、杨建新``: every name of the list after a post shares it. A post whose
organ is not printed takes the organ written out before it in the sentence, and the gold's conventions for
writing a shared prefix out are followed (``市政协党组副书记、副主席`` -> 市政协副主席,
``经开区党工委书记、管委会主任`` -> 经开区管委会主任, ``六盘水市委副书记、市长`` -> 六盘水市长).
"""

from __future__ import annotations

import re

from ..lexicons import countries, looks_like_name, nonnames
from .names import (
    HAN_RE,
    NOT_FINAL,
    PUNCT,
    boundary_strength,
    list_item,
    name_shaped,
    read_name,
    starts_with_verb,
    word_class,
)
from .posts import Post, base_organ, is_post, organ_suffixes, post_ahead, specific_place, starts_like_place
from .scores import name_prob

# what may stand between a post (or label) and its list: 领导有A、B, 执行主席还有:A、B, 执行主席是:A
_INTRO_RE = re.compile(r"(?:还有|有|是|为)[:：]|(?:还有|有)(?=[\u4e00-\u9fff]{2})")
_LINKS = ("、", "兼")
_SPACES = " \u3000\xa0"
_SPACES_RE = re.compile(r"[ \u3000\xa0]+")
_PADDED_RE = re.compile(r"([\u4e00-\u9fff])[ \u3000\xa0]{1,2}([\u4e00-\u9fff])(?=[ \u3000\xa0、，,。；;]|$)")
_NOTE_RE = re.compile(r"[（(](?:女|男|[\u4e00-\u9fff]{1,3}族)(?:[，,、](?:女|男|[\u4e00-\u9fff]{1,3}族))*[）)]")
# a note on the post printed before the name: 副县长(挂职)王一, 县委书记(兼)李二, 副局长(主持工作)张三
_ROLL_RE = re.compile(r"(?:[（(](?:以|按)[^（()）\n]{1,12}[）)])?[:：][ \u3000\xa0\n]*")
_ROLL_SPACES_RE = re.compile(r"[ \u3000\xa0]*\n[ \u3000\xa0\n]*|[ \u3000\xa0]+")
_POST_NOTE_RE = re.compile(r"[（(](?:挂职|兼|兼任|兼职|代|代理|主持工作|正[厅处科局部]级|副[厅处科局部]级|[一二三四]级|试用期|待命)[）)]")
# a transliterated foreign name after a post: 奥尔洛夫·阿列克谢
_FOREIGN_RE = re.compile(r"[\u4e00-\u9fff]{2,6}(?:[·•\-－][\u4e00-\u9fff]{2,8}){1,2}")
_LEVEL_HEAD_RE = re.compile(r"[省市县区州旗]委?")
_INTRO_INITIALS = frozenset("还有是为")
_ROLL_INITIALS = frozenset("（(:：")
_DOTS = frozenset("·•-－")  # a foreign name's first dot stands 2-6 characters in
_SPACES_SET = frozenset(_SPACES)


def link_chains(text: str, posts: list[Post]) -> list[list[Post]]:
    """Posts grouped into chains; a chain ends at a post with names after it or with no post linked on."""
    chains: list[list[Post]] = []
    current: list[Post] = []
    for p in posts:
        if current:
            prev = current[-1]
            gap = text[prev.end : p.organ_start]
            linked = not prev.names and (gap in _LINKS or (gap == "和" and p.organ))
            if not linked:
                chains.append(current)
                current = []
        current.append(p)
    if current:
        chains.append(current)
    return chains


def chain_titles(chain: list[Post], carried: str) -> tuple[list[str], str]:
    """The titles a chain gives its person, and the organ the next bare post in the sentence shares."""
    titles = []
    prev = ""  # the organ of the chain's previous post, as written out
    for q in chain:
        organ = q.organ
        if organ:
            place = specific_place(prev)
            if prev and q.in_chain and not q.complete and not starts_like_place(organ) and len(organ) <= 6 \
                    and organ[0] != "第":
                organ = base_organ(prev) + organ  # 全国工商联副秘书长、组织建设部部长
            elif place and organ[0] == place[-1] and not specific_place(organ):
                organ = place[:-1] + organ  # 南昌市委常委、市委秘书长 -> 南昌市委秘书长
            # a complete post names its level: 临江|市委副书记 has the organ 临江市委
            level = _LEVEL_HEAD_RE.match(q.word) if q.complete else None
            prev = organ + level.group(0) if level else organ
            if q.word.startswith(_SUBUNIT_HEADS):  # 医院|党委书记: 医院党委
                prev += next(u for u in _SUBUNIT_HEADS if q.word.startswith(u))
        elif q.complete:
            place = specific_place(prev)
            if place:  # 六盘水市委副书记、市长 -> 六盘水市长; 九江市委常委、常务副市长 -> 九江市常务副市长
                organ = place[:-1] if q.word[0] == place[-1] else place
            level = _LEVEL_HEAD_RE.match(q.word)
            if not prev and level and level.group(0)[-1:] == "委":  # 市委副书记、政法委书记 -> 市委政法委书记
                prev = level.group(0)
        else:
            organ = base_organ(prev) if prev else _shared(carried, q.word)
            prev = prev or carried
        titles.append(organ + q.word)
    if titles[0].startswith("原"):  # 原市委常委、副市长: every post of the chain is a former one
        titles = [t if t.startswith("原") else "原" + t for t in titles]
    return titles, (prev or carried)


_SUBUNIT_POSTS = frozenset({"书记", "副书记", "成员", "委员"})
_SUBUNIT_HEADS = ("党组", "党委", "党工委")


def _shared(carried: str, word: str) -> str:
    """The organ a bare post shares with the chain before it in the sentence: the unit, not its 党组 or
    党委 (市政协党组书记、主席A,副主席B), but the same 党组 for its own posts (县人大常委会党组副书记A,副书记B)."""
    return carried if word in _SUBUNIT_POSTS else base_organ(carried)


def names_after(
    text: str, pos: int, complete: bool, word: str = "", organ: str = "", known: frozenset[str] = frozenset()
) -> list[tuple[str, int, int]]:
    """The name, or list of names, printed right after a post ending at ``pos`` (``known``: names the page
    has shown to be names)."""
    pos = _skip_post_note(text, pos)
    if text.startswith("的", pos):  # 现任市委常委、副市长的|赵立新: a name the model vouches for
        got = read_name(text, pos + 1)
        return [(got[0], pos + 1, got[1])] if got and name_prob(text, pos + 1, got[1]) >= _AFTER_POST_SURE else []
    # (each regex tried only at a character it can start with: this runs after every post)
    head = text[pos : pos + 1]
    intro = _INTRO_RE.match(text, pos) if head in _INTRO_INITIALS else None
    # a roll after a colon: 市领导:A、B, 主席团常务主席(以姓氏笔画为序):⏎A B⏎C D (lines and spaces part it)
    roll = None if intro or head not in _ROLL_INITIALS else _ROLL_RE.match(text, pos)
    if intro or roll:
        pos = (intro or roll).end()  # type: ignore[union-attr]
    foreign = _foreign_name(text, pos)
    if foreign:
        return [(foreign, pos, pos + len(foreign))]
    if roll:
        names = _roll(text, pos)
        # a post and a colon may also open a quotation (市长:我们要…): a roll names two people at least
        return names if len(names) >= 2 or word.endswith("领导") else []
    first = _spaced_item(text, pos, first=True) if text[pos : pos + 1] in _SPACES else _padded(text, pos)
    if first is None and text[pos : pos + 1] in _SPACES:  # e-paper spacing: 市委书记 张三出席会议
        first = _spaced_name_acting(text, pos)
    got = (first[0], first[2]) if first else read_name(text, pos)
    if got is None and organ and organ.removesuffix("前").removesuffix("原") in countries():  # 美国(前)总统特朗普
        got = _transliterated(text, pos)
    if got is None and (complete or organ):
        # no rule settles the name (a rare surname, no action word after it): the model, after a full post
        got = _modelled_name(text, pos)
    if got is None and known:
        hit = next((text[pos : pos + n] for n in (3, 2, 4) if text[pos : pos + n] in known
                    and boundary_strength(text, pos + n)), None)
        got = (hit, pos + len(hit)) if hit else None
    if got is None:
        # a leader may be named by given name only (市委书记群策主持): heads of a level, not 人大代表|建议
        head = complete and word.endswith(("书记", "长", "主任", "主席"))
        return _given_name(text, pos) if head and not intro else []
    names = [first or (got[0], pos, got[1])]
    pos = _skip_note(text, got[1])
    while pos < len(text):
        sep = text[pos]
        if sep in _SPACES:  # e-paper lists: 市领导 张三 李四 王五 出席
            item = _spaced_item(text, pos)
            if item is None:
                break
        elif sep == "、":
            item = _next_item(text, pos + 1)
            if item is None:
                break
        elif sep in "和及" and len(text) > pos + 1:  # the last item: 副主任A、B和C (not 和秘书长D)
            got = read_name(text, pos + 1)
            if got is None:
                break
            names.append((got[0], pos + 1, got[1]))
            break
        elif sep in "，,":  # some papers separate a list by commas: 市领导A，B，C出席
            names += _comma_items(text, pos)
            break
        else:
            break
        names.append(item)
        pos = _skip_note(text, item[2])
    return names


# what closes a list of people separated by commas: 市领导A，B，C出席|, …，C等|, …，C。
_LIST_CLOSE_RE = re.compile(r"[。；;\n]|$|等|同志|出席|列席|参加|陪同|一同|一起|分别|先后|在主席台|在会上|也|还|到会|参会")


def _comma_items(text: str, pos: int) -> list[tuple[str, int, int]]:
    """The names of a list that goes on with commas from ``pos``: each a name alone between separators,
    the last closed by a word that makes them a list of people (else none: 市长张三，李四表示 is a new
    clause's subject)."""
    items: list[tuple[str, int, int]] = []
    while pos < len(text) and text[pos] in "，,、":
        start = pos + 1
        for n in (3, 2, 4):
            end = start + n
            s = text[start:end]
            if len(s) < n or not HAN_RE.match(s):
                continue
            closed = end == len(text) or text[end] in "，,、" or _LIST_CLOSE_RE.match(text, end)
            if closed and (name_shaped(s) or name_prob(text, start, end) >= _LIST_ITEM_SURE):
                items.append((s, start, end))
                pos = end
                break
        else:
            # a new chain of posts closes the list too: 副市长A，B，|市政府秘书长C出席
            return items if items and post_ahead(text, pos + 1) else []
    return items if items and _LIST_CLOSE_RE.match(text, pos) else []


_LIST_ITEM_SURE = 0.5  # a list item with a rare surname is taken when the model gives it even odds


def _foreign_name(text: str, pos: int) -> str:
    """The shortest dotted name at ``pos`` that an action word or punctuation ends (奥尔洛夫·阿列克谢|一行)."""
    m = None if _DOTS.isdisjoint(text[pos + 2 : pos + 7]) else _FOREIGN_RE.match(text, pos)
    if m is None:
        return ""
    last_dot = max(m.group(0).rfind(dot) for dot in "·•-－")
    for end in range(pos + last_dot + 3, m.end() + 1):
        if boundary_strength(text, end) and text[end - 1] not in NOT_FINAL:
            return text[pos:end]
    return ""


def _spaced_item(text: str, pos: int, first: bool = False) -> tuple[str, int, int] | None:
    """The name after the spaces at ``pos`` when spaces separate a list: a name that ends at a space, a list
    mark or punctuation, or a two-character name padded to the width of three (王  伟); after the first item
    also one that ends before an action word (李四 王五出席), not the subject of a headline's next clause
    (王维任苏州市代市长 吴庆文辞去市长职务)."""
    sp = _SPACES_RE.match(text, pos)
    if sp is None:
        return None
    start = sp.end()
    padded = _padded(text, start)
    if padded:
        return padded
    for n in (3, 2):
        s = text[start : start + n]
        if len(s) == n and name_shaped(s) and (start + n == len(text) or text[start + n] in PUNCT):
            return s, start, start + n
    got = None if first else read_name(text, start)
    return (got[0], start, got[1]) if got else None


# what a person named after a post and a space does in a body (not a headline's next clause: 市长 吴二辞去…)
_ATTENDING_RE = re.compile(r"出席|主持|参加|列席|陪同|讲话|致辞|调研|强调|指出|表示|会见|看望|慰问|一行")


def _spaced_name_acting(text: str, pos: int) -> tuple[str, int, int] | None:
    sp = _SPACES_RE.match(text, pos)
    if sp is None or sp.end() - pos > 2:
        return None
    start = sp.end()
    for n in (3, 2):
        s = text[start : start + n]
        if len(s) == n and name_shaped(s) and _ATTENDING_RE.match(text, start + n):
            return s, start, start + n
    return None


def _padded(text: str, pos: int) -> tuple[str, int, int] | None:
    """A two-character name padded to the width of three: 王  伟 (its name without the spaces)."""
    m = _PADDED_RE.match(text, pos) if text[pos + 1 : pos + 2] in _SPACES_SET else None
    if m and name_shaped(m.group(1) + m.group(2)):
        return m.group(1) + m.group(2), pos, m.end()
    return None


_PARTICLES = tuple("的了在和与及是对向为")


def _transliterated(text: str, pos: int) -> tuple[str, int] | None:
    """A foreign name of 2-5 characters that an action word or punctuation ends (特朗普|表示)."""
    for end in range(pos + 2, min(pos + 6, len(text)) + 1):
        s = text[pos:end]
        if not HAN_RE.match(s) or boundary_strength(text, pos) or s.startswith(_PARTICLES):
            return None  # 古巴总理|出席, 对俄罗斯总统|的专访: no name there
        if boundary_strength(text, end) and s[-1] not in NOT_FINAL:
            return s, end
    return None


_AFTER_POST_SURE = 0.5  # the model's probability enough for a name right after a post


def _modelled_name(text: str, pos: int) -> tuple[str, int] | None:
    """The name the model prefers at ``pos``, right after a post (市委书记陈文|明确指出, 副市长禤国华出席)."""
    if not "\u4e00" <= text[pos : pos + 1] <= "\u9fff":
        return None  # (not name_shaped: no need to ask the model)
    best = max(((name_prob(text, pos, pos + n), n) for n in (2, 3, 4)), default=(0.0, 0))
    end = pos + best[1]
    if best[0] < _AFTER_POST_SURE or not name_shaped(text[pos:end], True) or text.startswith(organ_suffixes(), end):
        return None  # not 水利部长|江水利|委员会
    return text[pos : pos + best[1]], pos + best[1]


def _roll(text: str, pos: int) -> list[tuple[str, int, int]]:
    """The names of a roll after a colon: a list parted by 、 or commas, or by spaces and line ends, each
    name alone between them."""
    got = _roll_item(text, pos)
    if got is None:
        return names_after(text, pos, False)  # 、 and the other list shapes
    names = [got]
    pos = got[2]
    while True:
        sp = _ROLL_SPACES_RE.match(text, pos)
        if sp is None or (got := _roll_item(text, sp.end())) is None:
            break
        names.append(got)
        pos = got[2]
    if len(names) == 1:
        return names_after(text, names[0][1], False)
    return names


def _roll_item(text: str, pos: int) -> tuple[str, int, int] | None:
    """A name standing alone at ``pos`` between spaces or line ends (padded ones too: 王  伟)."""
    padded = _padded(text, pos)
    if padded:
        return padded
    for n in (3, 2, 4):
        s = text[pos : pos + n]
        end = pos + n
        if len(s) == n and (end == len(text) or text[end] in _SPACES or text[end] == "\n") and name_shaped(s, True) \
                and (name_shaped(s) or name_prob(text, pos, end) >= _LIST_ITEM_SURE):
            return s, pos, end
    return None


def _skip_post_note(text: str, pos: int) -> int:
    note = _POST_NOTE_RE.match(text, pos) if text[pos : pos + 1] in ("（", "(") else None
    return note.end() if note else pos


def _skip_note(text: str, pos: int) -> int:
    """Past a note printed after a name: 李素芳(女)."""
    note = _NOTE_RE.match(text, pos) if text[pos : pos + 1] in ("（", "(") else None
    return note.end() if note else pos


def _next_item(text: str, pos: int) -> tuple[str, int, int] | None:
    """The list item at ``pos``: all of it up to the next 、, or else a name that ends where names end."""
    padded = _padded(text, pos)
    if padded:
        return padded
    stop = text.find("、", pos, pos + 5)
    if stop != -1:
        s = list_item(text, pos, stop)
        if s:
            return s, pos, stop
    got = read_name(text, pos, loose=True)
    return (got[0], pos, got[1]) if got is not None else None


def _given_name(text: str, pos: int) -> list[tuple[str, int, int]]:
    """Some reports name a leader by given name only, right after the post: 市委书记群策主持会议.

    Two characters that are not a name by surname, not an action word, a post or a known non-name, and are
    followed by punctuation or an action word (not 大使圆桌|对话).
    """
    s = text[pos : pos + 2]
    if len(s) < 2 or not HAN_RE.match(s) or s in nonnames() or s[-1] in NOT_FINAL:
        return []
    if starts_with_verb(s) or is_post(s) or looks_like_name(s) or not _clear_end(text, pos + 2):
        return []
    if word_class(s)[:1] in _NOT_NAME_CLASSES:  # 市委书记亲自部署: an adverb, not a name
        return []
    return [(s, pos, pos + 2)]


def _clear_end(text: str, pos: int) -> bool:
    """Punctuation or an action word, but not a one-character one that starts a longer word (群策|到园区,
    not 大使圆桌|对话)."""
    strength = boundary_strength(text, pos)
    return strength >= 2 or (strength == 1 and word_class(text[pos : pos + 2]) not in {"n", "v", "vn", "a", "d"})


_NOT_NAME_CLASSES = frozenset("advmpcrfqtu")  # adjectives, adverbs, verbs, numerals, pronouns ...
