"""What a meeting's name says — its meeting word, its sitting's number, who holds it — and when two names are one
meeting (the headline's and the body's, a long and a short form, a role's object and the meeting it names)."""

from __future__ import annotations

import difflib
import re
from functools import cache, lru_cache

from .figures import chinese_number
from .lexicons import load_lexicon, trie_regex


@cache
def _nouns() -> tuple[str, ...]:
    return tuple(sorted(load_lexicon("meeting_nouns"), key=len, reverse=True))


@cache
def _noun_set() -> frozenset[str]:
    return frozenset(_nouns())


@cache
def noun_pattern() -> str:
    """A regex alternation of the meeting words, longest first: as a trie (``trie_regex``), whose one branch per
    character is tried far faster than a hundred words in turn at every position of a lazily grown name, and
    which tries the words that match at a position in the same order (longest first) as the flat alternation."""
    return "(?:" + trie_regex(_nouns()) + ")"


_NUMERAL_RE = re.compile(r"[\d一二三四五六七八九十百零〇两]+")

_SITTING_RE = re.compile(r"([一二三四五六七八九十百\d]+)次(?!和)")
_TERM_END_RE = re.compile(r"[\d一二三四五六七八九十]+届$")

GENERIC_WORDS = ("专题", "紧急", "有关", "相关", "集中", "此次", "本次", "这次", "该", "一次", "全体", "全省", "全市", "全县",
                 "全区", "全州", "全国", "我市", "我县", "我区")


# noun_of and is_generic are asked of the same few meeting names (会议, 常务会议, 座谈会 ...) many times an article
# and from page to page: cached by name
@lru_cache(maxsize=1 << 12)
def noun_of(name: str | None) -> str | None:
    """The meeting word a name ends with (座谈会, 常务会议 ...)."""
    if not name:
        return None
    nouns = _noun_set()
    return next((name[-k:] for k in range(min(len(name), len(_nouns()[0])), 1, -1) if name[-k:] in nouns), None)


@lru_cache(maxsize=1 << 12)
def is_generic(name: str | None) -> bool:
    """A name that is only a meeting word, perhaps with 专题/紧急 before it: 座谈会, 专题会议, 视频会."""
    noun = noun_of(name)
    if not name or not noun:
        return not name
    rest = name[: -len(noun)]
    for w in GENERIC_WORDS:
        rest = rest.replace(w, "")
    return not rest


def ordinal_of(name: str | None) -> int | None:
    """The sitting's number: 第38次 -> 38, 九届二十七次 -> 27; the last one when a session and a sitting both have one."""
    found = _SITTING_RE.findall(name or "")
    if not found:
        return None
    n = found[-1]
    value = int(n) if n.isdigit() else chinese_number(n)
    return int(value) if value is not None else None


_BODY_RE = re.compile(
    r"^((?:中共|中国共产党|政协)?[\u4e00-\u9fff“”()（）]{0,30}?"
    r"(?:人大常委会|常委会|委员会|人民政府|政府|政协|人大|主席团|代表团|领导小组|中心组|党组|市委|县委|区委))"
    r"(?=[\d一二三四五六七八九十]*届|\d{4}年|第|会议|常务会|全体会议|主任会议|主席会议|[一二三四五六七八九十]+次|集体)"
)


def body_of(name: str | None) -> str | None:
    """Who holds the meeting, when its name starts with it: 市政府第38次常务会议 -> 市政府."""
    if not name:
        return None
    m = _BODY_RE.match(name)
    if m is None:
        return None
    body = m.group(1)
    return _TERM_END_RE.sub("", body) or None


# one meeting written in its long and its short form: 中国共产党临江市第十三届委员会第六次全体会议 is
# 中共临江市委十三届六次全会, 临江市第十六届人民代表大会第三次会议 is 临江市十六届人大三次会议, 闭幕大会 is 闭幕会
_CANON_STEPS = tuple(
    (re.compile(a), b)
    for a, b in (
        (r"中国共产党", "中共"),
        (r"中国人民政治协商会议", "政协"),
        (r"政协([\u4e00-\u9fff]{1,8}?)第?([\d一二三四五六七八九十]+)届委员会", r"\1政协\2届"),
        (r"([市县区州省])第?([\d一二三四五六七八九十]+)届委员会", r"\1委\2届"),
        (r"人民代表大会常务委员会", "人大常委会"),
        (r"人民代表大会(?=第|[\d一二三四五六七八九十]+次)", "人大"),
        (r"常务委员会", "常委会"),
        (r"人民政府", "政府"),
        (r"全体会议", "全会"),
        (r"(开幕|闭幕)(?:大会|式)", r"\1会"),
        (r"第", ""),
    )
)


# An article names a handful of meetings; one that names more (a page of megabytes) is searched for a meeting
# named again among the latest RECALL only, so its cost stays linear in its length.
RECALL = 64


@lru_cache(maxsize=1 << 12)  # each name is compared with every other of its article
def _canon(name: str) -> str:
    for pattern, repl in _CANON_STEPS:
        name = pattern.sub(repl, name)
    return _NUMERAL_RE.sub(lambda m: str(int(v)) if (v := _numeral(m.group(0))) is not None else m.group(0), name)


def _numeral(s: str) -> float | None:
    return float(s) if s.isdigit() else chinese_number(s.replace("〇", "零"))


def contains(a: str | None, b: str | None) -> bool:
    """One name holds the other once both are written out the same way: 论坛开幕会 / 第九届X论坛开幕会 (a stricter
    test than ``compatible``, whose likeness of spelling also joins 全省X会议 and 全市X会议)."""
    if not a or not b:
        return False
    a, b = _canon(a), _canon(b)
    return a in b or b in a


@lru_cache(maxsize=1 << 14)  # the same pairs are asked by the meeting list, the roles and the headline
def compatible(a: str | None, b: str | None) -> bool:
    """Two names of one meeting: the headline's and the body's, or a role's object and the meeting it names."""
    if not a or not b:
        return False
    a, b = _canon(a), _canon(b)
    if a.endswith(b) or b.endswith(a) or (len(b) >= 2 and b in a) or (len(a) >= 2 and a in b):
        return True
    oa, ob = ordinal_of(a), ordinal_of(b)
    if oa is not None and ob is not None:
        # one sitting written out more or less fully (市政府第21次常务会议 / 市十三届人民政府第21次常务会议,
        # 第十五次 / 第15次), not the same sitting of two bodies (鞍山市委 / 锦州市委 第一次全体会议)
        if oa != ob or noun_of(a) != noun_of(b):
            return False  # the cheap tests first: the alignment below costs more than the rest together
        ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        replaced = [(a[i1:i2], b[j1:j2]) for op, i1, i2, j1, j2 in ops if op == "replace"]
        kinds = {op for op, *_ in ops} - {"equal", "replace"}
        return len(kinds) <= 1 and all(_NUMERAL_RE.fullmatch(x + y) for x, y in replaced)
    na, nb = noun_of(a), noun_of(b)
    if (is_generic(a) or is_generic(b)) and na and nb and (na.endswith(nb) or nb.endswith(na)):
        return True  # 新闻发布会 / 爱国主义教育法实施发布会
    if na and na == nb and _abbreviates(*sorted((a, b), key=len)):
        return True  # 临江市劳模表彰大会 / 临江市劳动模范和先进集体表彰大会
    likeness = difflib.SequenceMatcher(None, a, b, autojunk=False)
    # the quick ratios bound the ratio from above: most pairs fail them without an alignment
    return likeness.real_quick_ratio() >= 0.6 and likeness.quick_ratio() >= 0.6 and likeness.ratio() >= 0.6


def _abbreviates(short: str, long: str) -> bool:
    """A Chinese short form keeps characters of the long one in order (劳动模范 -> 劳模, 人民代表大会 -> 人大): the
    short name, four characters or more before its meeting word, read in order inside the long one, from its start."""
    if len(short) - len(noun_of(short) or "") < 4 or short[0] != long[0]:
        return False
    rest = iter(long)
    return all(c in rest for c in short)


# 市五届人大常委会第九次会议|第一次全体会议: a plenary sitting of a session
_SITTING_OF_SESSION_RE = re.compile(r"^(.{4,}?会议)(第?[\d一二三四五六七八九十]+次全体(?:会议|大会))$")
_BARE_SITTING_RE = re.compile(r"^第?[\d一二三四五六七八九十]+次全体(?:会议|大会)$")


def session_of(name: str | None) -> str | None:
    """The session a plenary sitting belongs to: 市五届人大常委会第九次会议第一次全体会议 -> 市五届人大常委会第九次会议."""
    m = _SITTING_OF_SESSION_RE.match(name or "")
    return m.group(1) if m else None


def is_bare_sitting(name: str | None) -> bool:
    """A plenary sitting named without its session: 第二次全体会议."""
    return bool(_BARE_SITTING_RE.match(name or ""))


# a sitting a session holds, named by the report only for what it does: 大会首先举行选举大会, 大会举行闭幕大会
_SESSION_SITTING_RE = re.compile(r"^(?:选举|开幕|闭幕|预备)(?:大会|会议|会)$")
_NUM = r"[\d一二三四五六七八九十百]+"
# a session a text reports: 政协临江市第五届委员会第三次会议, 市五届人大三次会议, 中国共产党临江市第五次代表大会
_SESSION_RE = re.compile(
    rf"(?:中国人民政治协商会议|政协|中国共产党|中共)?[\u4e00-\u9fff]{{1,10}}?第?{_NUM}届"
    rf"(?:委员会|人民代表大会|人大|政协)?第?{_NUM}次会议"
    rf"|(?:中国共产党|中共)[\u4e00-\u9fff]{{1,10}}?第{_NUM}次代表大会"
)


def session_sitting_name(name: str, text: str, pos: int) -> str:
    """A bare sitting of a session (选举大会, 闭幕大会) named after the first session the text names before ``pos``."""
    if not _SESSION_SITTING_RE.match(name):
        return name
    m = _SESSION_RE.search(text, 0, pos)
    return m.group(0) + name if m else name
