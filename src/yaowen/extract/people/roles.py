"""People named outside a post chain: a name before its form of address (``习近平总书记``, ``孟祥伟同志``), a
speaker (``市中心医院冷晓君表示``), a person introduced by a role noun (``村民彭大勇跳入河中``)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lexicons import countries, load_lexicon, surnames, trie_regex
from ..textscan import MarksSince
from .mention import Mention
from .names import (
    HAN_RE,
    NOT_FINAL,
    PUNCT,
    boundary_strength,
    name_shaped,
    read_name,
    word_class,
    word_classes,
)
from .places import PROVINCES, placed_elsewhere
from .posts import organ_suffixes
from .scores import name_prob, span_probs

_CITING = ("贯彻", "学习", "落实", "传达", "根据", "按照", "听取", "在", "向", "和", "与", "同", "对", "及", "受", "由", "请", "经")
_PARTICLES = set("了的由为在与和同向对及受请经将把被给是")
_JOINED_CLASSES = frozenset({"p", "c"})  # 由于, 对于, 关于
_ORGAN_END = set("部门行局委办院厅署会处所站队组社校馆司厂节")  # 商务部表示, 丰收节: not a person
_TIME_IN = re.compile(r"日前|近日|今日|昨日|今年|去年")
_ROLE_END = set("员民众工长师生者人家士手官兵")  # 党员全宏道, 村民X: a role noun right before a name

# forms of address after a name; those that are titles in the gold's sense give one (胡春华副总理)
_ADDRESS_HEADS = ("书记", "市长", "省长", "县长", "区长", "主席", "主任", "部长", "局长", "厅长", "处长", "院长", "校长", "会长",
                  "董事长", "总经理")
_ADDRESS_WORDS = ("总书记", "副总理", "总理", "国务委员", "副总统", "总统", "首相", "委员长", "同志", "先生", "女士", "老人", "老师",
                  "师傅", *(lead + head for lead in ("", "副", "常务副") for head in _ADDRESS_HEADS), "院士", "教授")
# as a trie: the regex engine then skips to the characters a word can start with instead of trying every
# alternative at every place (no word is the start of another, so the longest match is the only one)
_ADDRESS_RE = re.compile(trie_regex(_ADDRESS_WORDS))
_TITLE_ONLY = frozenset({"书记", "市长", "省长", "县长", "区长", "主席", "主任", "部长", "局长", "厅长", "处长", "院长", "校长",
                         "会长", "董事长", "总经理", "院士", "教授"})
_NO_TITLE = frozenset({"同志", "先生", "女士", "老人", "老师", "师傅"})
_ADDRESS_TITLES = frozenset({"总书记", "副总理", "总理", "国务委员", "副总统", "总统", "首相", "委员长"})


def addressed(text: str) -> bool:
    """Does ``text`` hold a form of address (总书记, 同志, 市长 ...) a name may stand before?"""
    return _ADDRESS_RE.search(text) is not None


def name_before_address(text: str, titled: set[int]) -> list[Mention]:
    """``习近平总书记``, ``胡春华副总理``, ``孟祥伟同志``: a name written before its form of address; not
    where the word titles a name after it (阿根廷总统费尔南德斯: a country, ``titled`` holds such ends)."""
    out = []
    for m in _ADDRESS_RE.finditer(text):
        if m.end() in titled:
            continue
        for n in (3, 2, 4):
            start = m.start() - n
            if start < 0:
                continue
            s = text[start : m.start()]
            if not HAN_RE.match(s):
                continue  # (looked at first: a name is all Han, and the looks below ask jieba)
            before = text[max(0, start - 2) : start]
            set_off = start == 0 or before[-1:] in PUNCT or before[-1:] in _PARTICLES or before.endswith(_CITING)
            if set_off and start > 0 and word_class(text[start - 1 : start + 1]) in _JOINED_CLASSES:
                continue  # 由于|林海同志: the particle and the name's first character make one word
            if n == 2 and s[0] in _PARTICLES and s[1] in surnames()[0] and m.group(0) in _NO_TITLE:
                continue  # 由|吴先生, 向|王老师: a surname and its form of address after a particle
            # 牢记习近平总书记嘱托: a name jieba knows may follow any word before 总书记, 总理 ...
            if not set_off and not (m.group(0) in _ADDRESS_TITLES and n == 3 and word_class(s) in ("nr", "nrfg")):
                continue
            # 王一明书记强调: a bare post word after a name vouches less than 总书记 does (not 党委|书记)
            word = m.group(0).removeprefix("常务").removeprefix("副")
            shaped = weak_name(s) if word in _TITLE_ONLY else name_shaped(s)
            if shaped and _not_a_place(s, text, start):
                # 习近平总书记 is often cited, not present (name_post); 马青同志 acts in the story (address)
                # a post after the name is a title as printed (王一明书记 -> 书记; a longer form printed
                # elsewhere on the page wins over it); 同志, 先生, 女士 are none
                how = "name_post" if m.group(0) in _ADDRESS_TITLES else "address"
                titles = [] if m.group(0) in _NO_TITLE else [m.group(0)]
                out.append(Mention(s, titles, start, m.start(), how))
                break
    return out


def _not_a_place(word: str, text: str, start: int) -> bool:
    """古巴总理, 对安哥拉总统: a country (or the end of one: 安提瓜和|巴布达), not a name."""
    if any(text[max(0, start - k) : start + len(word)] in countries() for k in range(0, 6)):
        return False
    return word_class(word) != "ns" and not word.endswith(("国", "岛", "州"))


# what a person named without a post does: speaks, attends, visits, wins (the subject's verbs)
_SPEECH_RE = re.compile(
    r"(表示|指出|强调|认为|感叹道|感慨道|感叹|坦言|介绍说|介绍|告诉记者|说道|说(?=[:,：，。]|$)|作主题宣讲|"
    r"回忆说|透露|笑着说|建议|呼吁|宣布|主持|出席|会见|会晤|看望|慰问|来到|前往|深入|察看|考察|视察|走访|"
    r"致辞|发表|获得|荣获|夺得|摘得|当选|带领|率队|率领|讲述|演讲|主演|执导|编剧|代表(?=市委|市政府|全体|广大|公司))"
)


# verbs whose object is a person: 会见X, 由X编剧, 授予X称号, 为X颁奖
_OBJECT_RE = re.compile(r"(?:会见|会晤|看望|慰问|接见|授予|颁发给|为|由|向|邀请|采访|专访)(?=[\u4e00-\u9fff]{2})")
_OBJECT_END_RE = re.compile(r"一行|等|同志|先生|女士|教授|院士|(?:编剧|执导|主演|作词|作曲|颁奖|颁发|授予|称号|荣誉)")


def objects(text: str) -> list[Mention]:
    """``会见张三一行``, ``由李四编剧``, ``为王五颁奖``: a person named as the object of a verb."""
    out = []
    for m in _OBJECT_RE.finditer(text):
        pos = m.end()
        for n in (3, 2):
            s = text[pos : pos + n]
            if weak_name(s) and _OBJECT_END_RE.match(text, pos + n) and not text.startswith("等", pos + n + 1):
                out.append(Mention(s, [], pos, pos + n, "object"))
                break
    return out


_NAME_CLASSES = frozenset({"nr", "nrt", "nrfg"})
_FUNCTION_CLASSES = frozenset({"p", "c", "d", "r", "u", "f"})


@lru_cache(maxsize=1 << 14)  # asked of the same short strings on every page
def weak_name(s: str) -> bool:
    """A name where only a verb vouches for it: not a word jieba knows as something else (吉林, 全剧), not a
    preposition before a word (向|世界), not an organ (商务部)."""
    if not name_shaped(s) or s[-1] in _ORGAN_END:
        return False
    tags = word_classes(s)
    if len(tags) == 1:
        return tags[0] in _NAME_CLASSES
    return tags[0] not in _FUNCTION_CLASSES




def speakers(text: str) -> list[Mention]:
    """``市中心医院冷晓君表示``, ``“……”陈仲伯表示``: a named speaker without a post."""
    out = []
    for m in _SPEECH_RE.finditer(text):
        v = m.start()
        for n in (3, 2, 4):
            s = text[max(0, v - n) : v]
            if len(s) < n or not HAN_RE.match(s) or not weak_name(s) or _TIME_IN.search(s):
                continue
            before = text[v - n - 1 : v - n] if v - n >= 1 else ""
            if not before or before in PUNCT or before in _ROLE_END or text.endswith(organ_suffixes(), 0, v - n):
                if not placed_elsewhere(s, text):
                    out.append(Mention(s, [], v - n, v, "speaker"))
                break
    return out


@cache
def _role_noun_re() -> re.Pattern[str]:
    # the longest noun that two Han characters follow, as a trie: one branch per character, not every noun
    # tried at every place
    return re.compile("(?:" + trie_regex(load_lexicon("role_nouns")) + r")(?=[\u4e00-\u9fff]{2})")


_PLACED_RE = re.compile(r"(?:省|市|县|区|镇|乡|村|街道|社区|学校|医院|公司)[\u4e00-\u9fff]{0,4}$")
# Characters that begin the verb after a name rather than end the name (彭大|勇跳 is wrong, 彭大勇|跳入 right).
_VERB_START = set("跳拾救捐帮主出参列强指表要说率在到赴为对向与和把被将等是有已曾正每把让给")


_ROLE_SURE = 0.5  # the model's probability enough for a name right after a role noun
_MAYBE = 0.3  # … and enough when an action word after it marks the name's end too


def _vouched(text: str, start: int, end: int) -> bool:
    """The model finds a name after a role noun, and jieba knows it as no other word (居民|养老 is none)."""
    s = text[start:end]
    return (name_prob(text, start, end) >= _ROLE_SURE and name_shaped(s, True)
            and word_class(s) in _NAME_CLASSES | {""})


def introduced(text: str) -> list[Mention]:
    """``村民彭大勇跳入河中``: a role noun introduces a name whose end no action word marks."""
    out = []
    probs: dict[tuple[int, int], float] | None = None
    for m in _role_noun_re().finditer(text):
        pos = m.end()
        got = read_name(text, pos)
        if got is not None and got[0][-1] in _ORGAN_END:
            continue  # 企业主管部门: a noun after the role word, not a name
        # an action must follow, not a stop, unless the model vouches for the name (选手王一,)
        if got is not None and ((text[got[1] : got[1] + 1] not in PUNCT and name_prob(text, pos, got[1]) >= _MAYBE)
                                or _vouched(text, pos, got[1])):
            out.append(Mention(got[0], [], pos, got[1], "introduced"))
            continue
        if probs is None:
            probs = span_probs(text)  # (name_prob's lookups, the text's scores fetched once)
        n = max((2, 3, 4), key=lambda k: probs.get((pos, pos + k), 0.0))  # type: ignore[union-attr]
        if _vouched(text, pos, pos + n) and text[pos + n - 1] not in _ORGAN_END:
            out.append(Mention(text[pos : pos + n], [], pos, pos + n, "introduced"))  # 种粮大户孙德胜|算了
            continue
        three = text[pos : pos + 3]
        follows = text[pos + 3 : pos + 4]
        placed = bool(_PLACED_RE.search(text, max(0, m.start() - 10), m.start()))
        if (placed and len(three) == 3 and three[-1] not in _ORGAN_END and HAN_RE.match(three) and name_shaped(three)
                and three[2] not in _VERB_START and follows and (follows in _VERB_START or follows in "一二三四五六七八九十")):
            out.append(Mention(three, [], pos, pos + 3, "introduced"))
    return out


# names of minorities and foreigners written with a middle dot: 阿依古丽·吐尔洪, 米娅·梅尔策
_DOTTED_RE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:[·•][\u4e00-\u9fff]{2,8}){1,2}")
_DOT_RE = re.compile("[·•]")


def _dotted_runs(text: str) -> list[re.Match[str]]:
    """The matches of ``_DOTTED_RE.finditer(text)``, found from the dots: a match starts two to eight Han
    characters before its first dot, so only those places are tried (the regex alone tries a run of Han
    characters at every place of the text, and most texts have no dot at all)."""
    found = []
    resume = 0  # where the last match ended: finditer goes on from there
    for dot in _DOT_RE.finditer(text):
        d = dot.start()
        for p in range(max(resume, d - 8), d - 1):
            m = _DOTTED_RE.match(text, p)
            if m is not None:
                found.append(m)
                resume = m.end()
                break
    return found


_NOT_NAME_END = set("线段展节会赛站区路街桥馆园城港湾山河湖江市县镇乡村省州国")
_BEFORE_NAME = set("和与及同是在的为了把被对向给由等跟让请将、")  # a word the name's first part follows


def dotted_names(text: str) -> list[Mention]:
    """A dotted name set off before it by punctuation or a particle (范伟和|米娅·梅尔策) and ending where a
    name ends (阿依古丽·吐尔洪|发言, …|（维吾尔族）); not inside quotes or a title (“云游非遗·影像展”)."""
    if "·" not in text and "•" not in text:  # most texts have no dot at all
        return []
    runs = _dotted_runs(text)
    if not runs:
        return []
    out = []
    quotes = MarksSince(text, "\n", "“”")
    for m in runs:
        dot = m.start() + min(i for i in (m.group(0).find("·"), m.group(0).find("•")) if i >= 0)
        # the first part starts after a particle inside the run (范伟和|米娅), else where the run starts
        after_particle = [k for k in range(m.start() + 1, dot - 1) if text[k - 1] in _BEFORE_NAME]
        start = after_particle[-1] if after_particle else m.start()
        if dot - start > 6 or text[start - 1 : start] in ("“", "《"):
            continue
        last_dot = max(m.group(0).rfind("·"), m.group(0).rfind("•")) + m.start()
        best: tuple[int, int] | None = None  # (strength, end): the stronger boundary, then the longer name
        for end in range(last_dot + 3, min(m.end(), last_dot + 5) + 1):  # a last part of 2-4 characters
            if text[end - 1] in _NOT_NAME_END or text[end - 1] in NOT_FINAL:
                continue
            strength = 3 if text[end : end + 1] in ("（", "(") else boundary_strength(text, end)
            if strength and (best is None or (strength, end) >= best):
                best = (strength, end)
        if best is not None and text[best[1] : best[1] + 1] not in ("”", "》") \
                and not _slogan_or_place(text, start, best[1], dot, quotes):
            out.append(Mention(text[start : best[1]], [], start, best[1], "dotted"))
    return out


_NOT_NAME_CLASSES_OF_PART = frozenset({"v", "vn", "a", "ad", "an", "b", "d", "m", "q", "r", "p", "c", "u", "f", "t"})


def _slogan_or_place(text: str, start: int, end: int, dot: int, quotes: MarksSince) -> bool:
    """同心迎亚运·携手向未来 (a slogan in quotes), 中国·西安 (places), 碧桂园·衡州盛世 (an item beside places)."""
    opened, closed = quotes(start)
    if opened > closed:
        return True  # inside a quotation (opened on its line): a slogan
    first = text[start:dot]
    if first in countries() or first.endswith(PROVINCES) or word_class(first) == "ns" and len(first) <= 3:
        return True
    parts = re.split("[·•]", text[start:end])
    if any(tag in _NOT_NAME_CLASSES_OF_PART for part in parts for tag in word_classes(part)):
        return True  # 盛典·人民, 心迎亚运·携手: words, not a name's parts
    # an item of a list whose neighbours are no names (来到…工地、碧桂园·衡州盛世、宜尚酒店)
    for nb_start, nb_end in _neighbours(text, start, end):
        if not any(name_prob(text, nb_start, nb_start + n) >= _MAYBE for n in (2, 3, 4) if nb_start + n <= nb_end):
            return True
    return False


def _neighbours(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    if text[end : end + 1] == "、":
        stop = re.compile(r"[、，,。；;：:\n]").search(text, end + 1, end + 16)
        out.append((end + 1, stop.start() if stop else min(len(text), end + 16)))
    if start > 0 and text[start - 1] == "、":
        lo = max(0, start - 16)
        cut = max(text.rfind(ch, lo, start - 1) for ch in "、，,。；;：:\n")
        out.append((max(cut + 1, lo), start - 1))
    return out
