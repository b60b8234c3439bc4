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
    count = _places_of(text).get(s, 0)
    if here >= 0 and text[here + len(s) : here + len(s) + 1] in _LEVELS:
        count -= 1
    return count > 0


@lru_cache(maxsize=4)  # asked for many names of one text: one pass over it, not one per name
def _places_of(text: str) -> Counter[str]:
    """Every two to four characters the text prints before a level (诸城|市) or after a province or a country
    (山东|诸城, 缅甸|曼德勒)."""
    return Counter(_before_levels(text) + _after_regions(text))


_LEVELS = frozenset("市县区镇乡村州")
# a level character with at least two Han characters before it
_LEVEL_RE = re.compile(r"(?<=[\u4e00-\u9fff]{2})[市县区镇乡村州]")


def _before_levels(text: str) -> list[str]:
    """The two, three and four Han characters before every level character (at every place, overlapping):
    found from the level characters, not by a lookahead tried at every place for each length."""
    found = []
    for level in _LEVEL_RE.finditer(text):
        i = level.start()
        found.append(text[i - 2 : i])
        if i >= 3 and "\u4e00" <= text[i - 3] <= "\u9fff":
            found.append(text[i - 3 : i])
            if i >= 4 and "\u4e00" <= text[i - 4] <= "\u9fff":
                found.append(text[i - 4 : i])
    return found


_REGION_NAMES = frozenset({*PROVINCES, *(c for c in countries() if len(c) >= 2)})
_REGION_LENGTHS = sorted({len(r) for r in _REGION_NAMES}, reverse=True)
_REGION_RE = re.compile(trie_regex(_REGION_NAMES))
_HAN_N_RE = {n: re.compile(rf"[\u4e00-\u9fff]{{{n}}}") for n in (2, 3, 4)}


def _after_regions(text: str) -> list[str]:
    """The two, three and four Han characters after a province or a country (an opening bracket between
    them may be skipped), as ``(?:region)[（(]?(?=(Han{n}))`` finds them for each n: the longest region at a
    place that has them after it, and the search resuming after that region. The places where a region
    starts are found once for the three lengths."""
    starts = []
    # every place a region starts, overlapping ones too (a search from the next character after each: a
    # lookahead tried at every place costs several times as much)
    m = _REGION_RE.search(text)
    while m is not None:
        starts.append(m.start())
        m = _REGION_RE.search(text, m.start() + 1)
    if not starts:
        return []
    regions_at = {p: [p + k for k in _REGION_LENGTHS if p + k <= len(text) and text[p : p + k] in _REGION_NAMES]
                  for p in starts}
    found = []
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
                    found.append(text[q : q + n])
                    resume = q
                    break
    return found
