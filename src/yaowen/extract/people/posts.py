"""Posts (职务) and the organs (机构) printed before them.

A post is a word of a closed, broad vocabulary (lexicons/posts.txt: 书记, 副主任, 三级调研员, 董事长 ...). The
organ before it is recognised by its shape: the run of text back to the nearest clause boundary, punctuation
or verb that takes a person as object (会见, 邀请, 由 ...), with leading time words dropped (昨天上午), that ends
in an organ suffix (委员会, 局, 有限公司, 医院 ...). A post that names its level (市长, 县委书记) takes no organ,
only a place printed right before it (绍兴市长, 广州市市长).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from ..lexicons import load_lexicon, trie_regex

_VARIANTS = ("副", "常务副", "专职副", "代理", "代", "执行", "名誉", "第一副")
_WINDOW = 40  # an organ name is never longer than this
_BREAKS = set("，,。；;：:！!？?\n（()）《》【】[] \t、")
# characters never inside an organ name: they end the clause in front of it (由|国药控股…公司)
_STOPS = set("为由在与及的是对将把向了等被给从并率带赴到就以要称任兼免其")
# verbs and words after which an organ starts (会见|新加坡…集团首席执行官, 客商代表|佛山市…董事长)
_CUT_RE = re.compile(
    r"会见|会晤|看望|慰问|陪同|带领|率领|邀请|听取|宣读|授予|关于|其中|欢迎|感谢|接见|接受|任命|免去|选举|推选|"
    r"决定|提请|当选|选派|选送|表彰|颁发|包括|分别是|有关|相关|代表(?!团|大会|处|室)|主持|出席|参加|列席|"
    r"传达|学习|贯彻|落实|根据|按照|同意|专访|采访|播出"
)
# words before an organ that are not part of it (昨天上午|市委书记, 本次|大会)
_LEAD_RE = re.compile(
    r"^(?:上午|下午|晚上|早上|中午|凌晨|当天|当日|昨天|今天|明天|昨日|今日|日前|近日|近期|日|晚|会上|会后|会前|"
    r"随后|同时|此外|另外|本次|本届|这次|此次|该|各|本|原|新任|前任|现任|时任|作为)+"
)
_PLACE_START_RE = re.compile(
    r"^(?:中共|中国|中央|国务院|全国|国家|最高|省|市|县|区|州|旗|盟|镇|乡|村|自治区|"
    r"[\u4e00-\u9fff]{2,8}?(?:省|市|县|区|镇|乡|村|州|旗|盟|自治区|自治州|自治县|特区|新区))"
)
# a specific place at the head of an organ: 六盘水市|委, 中共绵阳市|委 (not a bare 市委)
_SPECIFIC_PLACE_RE = re.compile(r"^(?:中共)?([\u4e00-\u9fff]{2,8}?[省市县区州旗])(?=委|人民政府|政府|人大|政协|纪委)")
_LEVEL_CHARS = "省市县区州旗盟镇乡"
# a sub-unit that a post after it does not share: 市政协|党组, 经开区|党工委, 嵊州市人民医院|内科
_SUBUNITS = ("党组", "党委", "党工委", "党总支", "党支部", "总支", "支部", "纪工委", "科", "车间")


@dataclass
class Post:
    start: int  # where the post word starts
    end: int
    word: str
    complete: bool
    organ: str = ""  # as printed before the post ('' if none)
    organ_start: int = 0
    in_chain: bool = False  # written after 、 or 兼: one more post of the same person
    names: list[tuple[str, int, int]] = field(default_factory=list)


@cache
def _lexicon() -> tuple[dict[str, bool], re.Pattern[str]]:
    complete: dict[str, bool] = {}
    for entry in load_lexicon("posts"):
        word = entry.rstrip("*+")
        flags = entry[len(word) :]
        forms = [word] + ([v + word for v in _VARIANTS] if "+" in flags else [])
        for form in forms:
            complete.setdefault(form, "*" in flags)
    return complete, re.compile(f"(?=({trie_regex(complete)}))")


def post_words() -> tuple[str, ...]:
    """Every post of the lexicon, longest first."""
    return tuple(sorted(_lexicon()[0], key=len, reverse=True))


def is_post(word: str) -> bool:
    return word in _lexicon()[0]


@cache
def organ_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_lexicon("organ_suffixes"), key=len, reverse=True))


def starts_like_place(organ: str) -> bool:
    return bool(_PLACE_START_RE.match(organ))


def organ_before(text: str, pos: int, complete: bool = False) -> tuple[str, int, bool]:
    """(organ, its start, written after 、) for a post at ``pos``; ('', pos, …) if none is printed.

    For a complete post (市长) the organ may also be a bare place (绍兴|市长, 俄罗斯叶卡捷琳堡市|市长)."""
    left = text[max(0, pos - _WINDOW) : pos]
    cut = max((i for i, ch in enumerate(left) if ch in _BREAKS or ch in _STOPS or not ("\u4e00" <= ch <= "\u9fff" or ch in "“”")), default=-1)
    in_chain = cut >= 0 and left[cut] in "、兼"
    run = left[cut + 1 :]
    last_cut = None
    for m in _CUT_RE.finditer(run):
        last_cut = m
    if last_cut is not None:
        run = run[last_cut.end() :]
    run = run.lstrip("“”")
    lead = _LEAD_RE.match(run)
    if lead:
        run = run[lead.end() :]
    if not run or run.count("“") != run.count("”"):
        return "", pos, in_chain
    if run.endswith(organ_suffixes()) or (complete and _is_place(run)):
        if len(run) > 24:  # no clear boundary in reach: take it from the first place name on
            m = next((i for i in range(len(run)) if _PLACE_START_RE.match(run[i:])), None)
            if m is None:
                return "", pos, in_chain
            run = run[m:]
        return run, pos - len(run), in_chain
    return "", pos, in_chain


def _is_place(run: str) -> bool:
    """A bare place name before a complete post: 绍兴, 广州市, 俄罗斯叶卡捷琳堡市 (not 会上, 全市)."""
    if run.startswith("中共") and len(run) > 3:
        run = run[2:]
    if run.endswith("原") and len(run) > 2:  # 张家界市原|市委书记: a former post
        run = run[:-1]
    if run[-1] in _LEVEL_CHARS and len(run) >= 2:
        return not run.startswith("全")
    if len(run) > 4 or run[0] == "全":
        return False
    # one word that jieba does not call a time, pronoun, verb ... (烟台 is 'n', 怀化 'v': two characters pass)
    tag = _word_class(run)
    return tag in _PLACE_CLASSES or (len(run) == 2 and tag in {"n", "v", "d", "nr"}) or len(run) == 1


_PLACE_CLASSES = frozenset({"ns", "nr", "nrt", "nz", "j", "nt"})


def _word_class(word: str) -> str:
    """jieba's part-of-speech tag of a word ('' if jieba splits it)."""
    import rjieba

    tags = rjieba.tag(word)
    return tags[0][1] if len(tags) == 1 else ""


def base_organ(organ: str) -> str:
    """The organ a following post shares: 市政协党组 -> 市政协, 嵊州市人民医院内科 -> 嵊州市人民医院."""
    if not organ.endswith(_SUBUNITS):
        return organ
    for i in range(len(organ) - 1, 1, -1):
        head = organ[:i]
        if head.endswith(organ_suffixes()) or head[-1] in _LEVEL_CHARS:
            return head
    return organ


def specific_place(organ: str) -> str:
    """The named place at the head of an organ (六盘水市委 -> 六盘水市), or ''."""
    m = _SPECIFIC_PLACE_RE.match(organ)
    return m.group(1) if m else ""


def find_posts(text: str) -> list[Post]:
    """Every post word in ``text`` (the longest at each place) with the organ printed before it."""
    complete, post_re = _lexicon()
    found: list[Post] = []
    last_end = -1
    for m in post_re.finditer(text):
        word = m.group(1)
        start = m.start()
        if start < last_end:
            continue  # inside a longer post already taken
        p = Post(start, start + len(word), word, complete[word])
        p.organ, p.organ_start, p.in_chain = organ_before(text, start, p.complete)
        if not p.organ:
            p.organ_start = start
            p.in_chain = start > 0 and text[start - 1] in "、兼"
        found.append(p)
        last_end = p.end
    return found
