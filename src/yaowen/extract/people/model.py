"""People the grammar is silent about, proposed by the statistical name recogniser (``extract.names``) and
checked by the grammar: a name the model is sure of, in a place a person can stand.

The model reads names in context but knows nothing of the genre: a name inside a 《title》, a name that makes
a word with what follows (马克思|主义, 雷锋|精神, 詹天佑|奖, 苏迪曼|杯, 温榆|河), a reporter or photographer
of a byline (记者 王明 摄) or a place the page names as one is not a person in the story.
"""

from __future__ import annotations

import re

from .mention import Mention
from .names import NOT_FINAL, boundary_strength, word_class
from .roles import placed_elsewhere
from .scores import model_found

_SURE = 0.9  # the model's probability above which a name is taken where the grammar found none
# words that make a name part of a term, a prize, a place or a monument
_TERM_AFTER_RE = re.compile(
    r"主义|精神|思想|理论|同志式|式|体|奖|杯|故里|故居|纪念馆|纪念|广场|大道|路|街|巷|河|湖|江|山|桥|号|文化|学院|中学|"
    r"小学|大学|公园|塑像|雕像|铜像|像|墓|陵|庙|祠|县|市|区|镇|乡|村|村委|公司|集团|牌|定律|效应|原理|病|星"
)
_PLACE_END = set("河湖江山路街桥省市县区镇乡村")  # 温榆河
# a byline's roles before a name, and its 摄 after: 记者 王明, 通讯员李强, 编辑:张三, 王明 摄
_BYLINE_BEFORE_RE = re.compile(r"(?:记者|通讯员|编辑|责编|摄影|摄像|作者|审|校对|来源|实习生|供图|整理)[:：\s]*$")
_BYLINE_AFTER_RE = re.compile(r"\s*(?:摄|报道|供图|/摄)")


def model_names(text: str) -> list[Mention]:
    """Names the recogniser is sure of that the grammar accepts as people in the story."""
    out = []
    open_titles = _title_spans(text)
    for start, end, _ in model_found(text, _SURE):
        n = _Span(start, end, text[start:end])
        if any(s < n.start < e for s, e in open_titles):
            continue  # 《骆驼祥子》
        if _TERM_AFTER_RE.match(text, n.end) or n.name[-1] in NOT_FINAL or n.name[-1] in _PLACE_END:
            continue
        if "·" not in n.name and word_class(n.name) == "ns":
            continue  # 马德里: a place jieba knows
        if not boundary_strength(text, n.end) and text[n.end : n.end + 1] not in "/／":
            continue  # the name must end where a name can end (or at the / of a pair: 王楚钦/孙颖莎)
        if _BYLINE_BEFORE_RE.search(text, max(0, n.start - 8), n.start) or _BYLINE_AFTER_RE.match(text, n.end):
            continue
        if "·" not in n.name and placed_elsewhere(n.name, text):
            continue
        out.append(Mention(n.name, [], n.start, n.end, "model"))
    return out


class _Span:
    def __init__(self, start: int, end: int, name: str) -> None:
        self.start, self.end, self.name = start, end, name


def _title_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"《[^《》\n]{0,60}》", text)]
