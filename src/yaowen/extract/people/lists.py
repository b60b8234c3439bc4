"""Lists of names that no post precedes.

``程志明、靳磊、白红战等出席或列席会议``, ``王少玄、刘连根在主席台就坐``, ``宋冬春、汤向荣等市政府领导``,
``出席会议的有:A、B、C``, ``周煜中、陈亮伟两位``: a run of two or more names separated by 、, set off by
punctuation before it and, after it, by a word that makes it a list of people (等, 同志, 出席, 参加, a group
label). The group label after 等 is the title of every item (``市委、市人大、市政府领导``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...budget import check_time
from ..lexicons import trie_regex
from .mention import Mention
from .names import PUNCT, boundary_strength, list_item, name_shaped, read_name, verbs, word_class
from .scores import name_prob

# a group label used as a title: 市领导, 市党政军领导, 市委、市人大、市政府领导, 省市领导
LABEL_RE = re.compile(
    r"(?:(?:省|市|县|区|州|旗|镇|乡)级?(?:委|人大常委会|人大|政府|政协|纪委监委|纪委|监委|党政军|党政|四大家|四套班子|军分区)?"
    r"(?:、|和|及)?)+领导(?!班子|干部|小组|职务|岗位|体制|机制|责任|作用|下|的)"  # not 市委领导班子
)
_ITEM = r"[\u4e00-\u9fff]{2,4}"
# a run of names; its first item may have swallowed the words before it (涌现出宋来英杰、向文韬); a bounded
# reach back keeps the search linear in a text without punctuation
_RUN_RE = re.compile(rf"([\u4e00-\u9fff]{{2,8}}(?:、{_ITEM})+)")
# what makes a run of names a list of people when it follows the last one
_FOLLOW_RE = re.compile(
    r"等(?:\d+|[一二三四五六七八九十多几]+)?(?:位|名|人(?!为)|同志)|等(?=[\u4e00-\u9fff、]{0,16}领导)|等(?=出席|列席|参加|陪同|分别|一同|先后|在|也|还|同志)|"
    r"[两二三四五六七八九十几多]位|同志|夫妇|夫妻|父子|母子|父女|母女|兄弟|姐妹|出席|列席|参加|陪同|在主席台|分别|一同|先后|[（(](?:按|以)姓"
)
_AFTER_COLON_RE = re.compile(r"(?:有|是|为|还有|名单)[:：]$")


def bare_lists(text: str) -> list[Mention]:
    out: list[Mention] = []
    for m in _runs(text):
        check_time()
        if not _may_be_people(text, m.start(1), m.end(1)):
            continue
        first_len = _first_item(text, m.start(1), text.index("、", m.start(1)))
        if not first_len:
            continue
        start = text.index("、", m.start(1)) - first_len
        stop = m.end(1)
        if _CUT_OFF_RE.match(text, stop):  # a list cut off by the end of the excerpt: ……、杜登峰、李
            spans = _spans(text, start, stop)
            if len(spans) >= 3 and text[start - 1 : start] in PUNCT and all(name_shaped(s) for s, _, _ in spans):
                out += [Mention(name, [], s, e, "list") for name, s, e in spans]
            continue
        items = _split(text, start, stop)
        if items is None:
            continue
        end = items[-1][2]
        follow = _FOLLOW_RE.match(text, end)
        after_colon = bool(_AFTER_COLON_RE.search(text, max(0, start - 4), start))
        # a list of names that acts (A、B和C作了发言, A、B等深入企业调研) when the model finds most items names
        acting = (boundary_strength(text, end) >= 2 or text.startswith("等", end)) and _mostly_names(text, items)
        if after_colon and not follow and not acting and not any(name_prob(text, s, e) for _, s, e in items):
            continue  # 概括为:高投入、高风险和高回报 — a list after a colon, and no item the model calls a name
        if not follow and not after_colon and not acting:
            continue
        title: list[str] = []
        if text.startswith("等", end):
            label = LABEL_RE.match(text, end + 1)
            if label:
                title = [label.group(0)]
        out += [Mention(name, list(title), s, e, "list") for name, s, e in items]
    return out


# the rest of a stretch of Han characters and 、 from a 、 in it: only such a stretch can hold a run of names
_STRETCH_END_RE = re.compile(r"[\u4e00-\u9fff、]*")
_STRETCH_BACK_RE = re.compile(r"[\u4e00-\u9fff、]*\Z")  # (\Z: $ would also match before a line end)


def _runs(text: str) -> Iterator[re.Match[str]]:
    """What ``_RUN_RE.finditer`` finds in each stretch of Han characters and 、 that holds a 、, each search
    started where a run can start: two to eight Han characters before the next 、 (the regex alone, tried at
    every place of a long text, costs several times this)."""
    sep = text.find("、")
    while sep >= 0:
        # back to the stretch's start, or 8 characters: a run starts no further back (one search, not a loop
        # over the characters: the leftmost place from which Han characters and 、 reach the 、)
        pos = _STRETCH_BACK_RE.search(text, max(0, sep - 8), sep).start()  # type: ignore[union-attr]
        end = _STRETCH_END_RE.match(text, sep).end()
        while (sep := text.find("、", pos, end)) >= 0:
            m = _RUN_RE.search(text, max(pos, sep - 8), end)
            if m is None:
                break
            yield m
            pos = m.end()
        sep = text.find("、", end)


def _mostly_names(text: str, items: list[tuple[str, int, int]]) -> bool:
    return sum(name_prob(text, s, e) >= 0.5 for _, s, e in items) * 2 > len(items)


_FUNCTION_CLASSES = frozenset({"p", "c", "d", "u"})
_CUT_OFF_RE = re.compile(r"、?[\u4e00-\u9fff]?\s*$")


def _spans(text: str, start: int, stop: int) -> list[tuple[str, int, int]]:
    out = []
    for part in text[start:stop].split("、"):
        out.append((part, start, start + len(part)))
        start += len(part) + 1
    return out


# what _FOLLOW_RE matches, or where boundary_strength is 2 or more (the end, punctuation but ” and 》, an action
# word of two characters or more), as one regex: asked at the last three places of every run of a text
_CLOSES_RE = re.compile(
    _FOLLOW_RE.pattern + "|" + trie_regex(v for v in verbs() if len(v) >= 2)
    + "|[" + "".join(sorted(re.escape(ch) for ch in PUNCT - set("》”"))) + r"]|\Z"
)


def _may_be_people(text: str, start: int, stop: int) -> bool:
    """A cheap test before the items are read: something after the run's last item, or a colon before its
    first, can make it a list of people."""
    # (the cheapest looks first)
    # the run may end inside the last item, or before its 和C (A、B和C出席), or before an action (A、B等深入)
    around = text[stop - 2 : stop + 2]
    if "和" in around or "及" in around or "等" in around:
        return True
    if _CLOSES_RE.match(text, stop - 2) or _CLOSES_RE.match(text, stop - 1) or _CLOSES_RE.match(text, stop):
        return True
    before = text[max(0, start - 12) : start]
    return bool(("：" in before or ":" in before) and _AFTER_COLON_RE.search(text, max(0, start - 12), start)) \
        or _CUT_OFF_RE.match(text, stop) is not None


# one name and a count of the people it heads: 何祖国等6名劳动者
_COUNT_RE = re.compile(r"等(?:\d+|[一二三四五六七八九十多几]+)(?:名|位|人)")


def one_name_lists(text: str) -> list[Mention]:
    out = []
    for m in _COUNT_RE.finditer(text):
        for n in (3, 2, 4):
            start = m.start() - n
            if start >= 0 and (start == 0 or text[start - 1] in PUNCT) and name_shaped(text[start : m.start()]):
                out.append(Mention(text[start : m.start()], [], start, m.start(), "list"))
                break
    return out


def _first_item(text: str, start: int, stop: int) -> int:
    """The length of the first item, a run ending at ``stop``: all of it when set off by punctuation, else
    its longest tail that looks like a name."""
    run = text[start:stop]
    # four characters: a name of four, or a preposition and a name of three (由|孙小莎)
    preposition = len(run) == 4 and word_class(run[0]) in _FUNCTION_CLASSES \
        and name_prob(text, start, stop) < name_prob(text, start + 1, stop)
    if len(run) <= 4 and (start == 0 or text[start - 1] in PUNCT) and list_item(text, start, stop) and not preposition:
        return len(run)
    for i in range(max(0, len(run) - 4), len(run) - 1):
        tail = run[i:]
        if len(tail) == 4 and word_class(tail[0]) in _FUNCTION_CLASSES \
                and name_prob(text, stop - 3, stop) > name_prob(text, stop - 4, stop):
            continue  # 由|孙小莎: a preposition before a name of three (not 宋来英杰, a name of four)
        if name_shaped(tail) or (len(tail) == 4 and name_shaped(tail[:3])):
            return len(tail)
    return 0


def _split(text: str, start: int, stop: int) -> list[tuple[str, int, int]] | None:
    """The items of a run ``A、B、C``: the last one ends where a name can end; most must look like names."""
    parts = text[start:stop].split("、")
    items = []
    pos = start
    for part in parts[:-1]:
        s = list_item(text, pos, pos + len(part))
        if s is None:
            return None
        items.append((s, pos, pos + len(s)))
        pos += len(part) + 1
    # the tests on the items before the last one first: reading the last costs most, and most runs (lists of
    # things) fail them whatever it is (it adds two items at most)
    if not name_shaped(items[0][0][:3]):
        return None
    strict = sum(name_shaped(name) or name_shaped(name[:3]) for name, _, _ in items)
    if (strict + 2) * 3 < len(parts) * 2:
        return None
    part, before_last = parts[-1], len(items)
    n = next((n for n in (3, 2, 4) if n <= len(part) and _FOLLOW_RE.match(text, pos + n)
              and list_item(text, pos, pos + n)), 0)
    got = (text[pos : pos + n], pos + n) if n else read_name(text, pos, loose=True)
    if got is None:
        return None
    items.append((got[0], pos, got[1]))
    if not n and text[got[1] : got[1] + 1] in ("和", "及"):  # A、B和C: one more item
        last = read_name(text, got[1] + 1, loose=True)
        if last is not None:
            items.append((last[0], got[1] + 1, last[1]))
    strict += sum(name_shaped(name) or name_shaped(name[:3]) for name, _, _ in items[before_last:])
    return items if strict * 3 >= len(items) * 2 else None
