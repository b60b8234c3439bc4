"""Where the page itself shows a word is a place: it prints the word before a level (诸城市) or after a
province or a country (山东诸城, 缅甸曼德勒)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..lexicons import countries, trie_regex

PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
              "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
              "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")


def placed_elsewhere(s: str, text: str, here: int = -1) -> bool:
    """The page itself shows ``s`` is a place: 诸城市, 走进山东诸城 (not counting the place printed at
    ``here``: 跟随|市长 holds 跟随市, which shows nothing)."""
    count = _times_placed(s, text)
    if here >= 0 and text[here + len(s) : here + len(s) + 1] in _LEVELS:
        count -= 1
    return count > 0


_LEVELS = frozenset("市县区镇乡村州")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]+")


def _times_placed(s: str, text: str) -> int:
    """How often the text prints ``s`` (two to four Han characters) before a level (诸城|市) or after a province
    or a country (山东|诸城, 缅甸|曼德勒). Counted from the places ``s`` is printed: a name is asked about a few
    times in a text and printed a few times in it, so reading the whole text for every place it names costs
    more."""
    n = len(s)
    if not 2 <= n <= 4 or not _HAN_RE.fullmatch(s):
        return 0
    count = 0
    after_region = False
    i = text.find(s)
    while i >= 0:
        if text[i + n : i + n + 1] in _LEVELS:
            count += 1
        if not after_region:
            # (the character before tested here first: it is seldom a region's last or a bracket)
            before = text[i - 1 : i]
            after_region = (before in _REGION_FINALS and _region_ends_at(text, i)) \
                or (before in ("（", "(") and _region_ends_at(text, i - 1))
        i = text.find(s, i + 1)
    if after_region:  # only then can the search after regions have found it
        count += _after_regions(text)[n][s]
    return count


def _region_ends_at(text: str, end: int) -> bool:
    return text[end - 1 : end] in _REGION_FINALS \
        and any(text[end - k : end] in _REGION_NAMES for k in _REGION_LENGTHS if k <= end)


_REGION_NAMES = frozenset({*PROVINCES, *(c for c in countries() if len(c) >= 2)})
_REGION_FINALS = frozenset(r[-1] for r in _REGION_NAMES)
_REGION_LENGTHS = sorted({len(r) for r in _REGION_NAMES}, reverse=True)
_REGION_RE = re.compile(trie_regex(_REGION_NAMES))
_HAN_N_RE = {n: re.compile(rf"[\u4e00-\u9fff]{{{n}}}") for n in (2, 3, 4)}


@lru_cache(maxsize=4)  # asked for several names of one text: one pass over it, not one per name
def _after_regions(text: str) -> dict[int, Counter[str]]:
    """The two, three and four Han characters after a province or a country (an opening bracket between
    them may be skipped), as ``(?:region)[（(]?(?=(Han{n}))`` finds them for each n: the longest region at a
    place that has them after it, and the search resuming after that region. The places where a region
    starts are found once for the three lengths."""
    found: dict[int, Counter[str]] = {n: Counter() for n in (2, 3, 4)}
    starts = []
    # every place a region starts, overlapping ones too (a search from the next character after each: a
    # lookahead tried at every place costs several times as much)
    m = _REGION_RE.search(text)
    while m is not None:
        starts.append(m.start())
        m = _REGION_RE.search(text, m.start() + 1)
    if not starts:
        return found
    regions_at = {p: [p + k for k in _REGION_LENGTHS if p + k <= len(text) and text[p : p + k] in _REGION_NAMES]
                  for p in starts}
    for n in (2, 3, 4):
        han_n = _HAN_N_RE[n]
        resume = 0
        for p in starts:
            if p < resume:
                continue
            for q in regions_at[p]:
                if text[q : q + 1] in ("（", "("):
                    q += 1
                if han_n.match(text, q):
                    found[n][text[q : q + n]] += 1
                    resume = q
                    break
    return found
