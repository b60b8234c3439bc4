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
    found: Counter[str] = Counter()
    for n in (2, 3, 4):
        found.update(m.group(1) for m in _BEFORE_LEVEL_RE[n].finditer(text))
        found.update(m.group(1) for m in _AFTER_PROVINCE_RE[n].finditer(text))
    return found


_LEVELS = frozenset("市县区镇乡村州")

_BEFORE_LEVEL_RE = {n: re.compile(rf"(?=([\u4e00-\u9fff]{{{n}}})[市县区镇乡村州])") for n in (2, 3, 4)}
_REGIONS = trie_regex({*PROVINCES, *(c for c in countries() if len(c) >= 2)})
_AFTER_PROVINCE_RE = {n: re.compile(rf"(?:{_REGIONS})[（(]?(?=([\u4e00-\u9fff]{{{n}}}))") for n in (2, 3, 4)}
