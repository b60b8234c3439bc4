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

from ...budget import check_time
from ..lexicons import countries, load_lexicon, trie_regex
from .names import name_shaped, word_classes
from .places import placed_elsewhere

_VARIANTS = ("副", "常务副", "专职副", "代理", "代", "执行", "名誉", "第一副")
_WINDOW = 40  # an organ name is never longer than this
_BREAKS = set("，,。；;：:！!？?\n（()）《》【】[] \t、")
# characters never inside an organ name: they end the clause in front of it (由|国药控股…公司)
_STOPS = set("为由在与及的是对将把向了等被给从并率带赴到就以要称任兼免其受据请")
# a character an organ cannot reach over: a break, a stop, anything not Chinese (searched for in the text
# before a post read backwards, so that the first found is the last before the post)
_CUT_CHAR_RE = re.compile(r"[^\u4e00-\u9fff“”]|[" + "".join(sorted(_STOPS)) + "]")
# verbs and words after which an organ starts (会见|新加坡…集团首席执行官, 客商代表|佛山市…董事长)
_CUT_RE = re.compile(
    r"会见|会晤|看望|慰问|陪同|带领|率领|邀请|听取|宣读|授予|关于|其中|欢迎|感谢|接见|接受|任命|免去|选举|推选|"
    r"决定|提请|当选|选派|选送|表彰|颁发|包括|分别是|有关|相关|代表(?!团|大会|处|室)|主持|出席|参加|列席|"
    r"传达|学习|贯彻|落实|根据|按照|同意|专访|采访|播出|辞去|担任|出任|兼任|罢免|撤销"
)
# words before an organ that are not part of it (昨天上午|市委书记, 本次|大会)
_LEAD_RE = re.compile(
    r"^(?:上午|下午|晚上|早上|中午|凌晨|当天|当日|昨天|今天|明天|昨日|今日|日前|近日|近期|日(?=上午|下午|晚|早|中午)|"
    r"会上|会后|会前|"
    r"随后|同时|此外|另外|本次|本届|这次|此次|该|各|本|新任|前任|现任|时任|作为|还有|有(?!色|限)|分别是|是|"
    r"我[市县区省州](?=[市县区省州]|$)|我(?=[市县区省州]))+"  # 我市|市委书记, 我|市政协主席
)
_PLACE_START_RE = re.compile(
    r"^(?:中共|中国|中央|国务院|全国|国家|最高|省|市|县|区|州|旗|盟|镇|乡|村|自治区|"
    r"[\u4e00-\u9fff]{2,8}?(?:省|市|县|区|镇|乡|村|州|旗|盟|自治区|自治州|自治县|特区|新区))"
)
# a specific place at the head of an organ: 六盘水市|委, 中共绵阳市|委 (not a bare 市委)
_SPECIFIC_PLACE_RE = re.compile(r"^原?+(?:中共|民革|民盟|民建|民进|农工党|致公党|九三学社|台盟)?([\u4e00-\u9fff]{2,8}?[省市县区州旗])(?=委|人民政府|政府|人大|政协|纪委)")
_LEVEL_CHARS = "省市县区州旗盟镇乡"
# a sub-unit that a post after it does not share: 市政协|党组, 经开区|党工委, 嵊州市人民医院|内科
_SUBUNITS = ("审判委员会", "检察委员会", "党组", "党委", "党工委", "党总支", "党支部", "总支", "支部", "纪工委", "科", "车间")


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
def _lexicon() -> tuple[dict[str, bool], re.Pattern[str], frozenset[str]]:
    """(post -> complete, a regex finding posts, the posts that need a printed organ)."""
    complete: dict[str, bool] = {}
    needs_organ = set()
    for entry in load_lexicon("posts"):
        word = entry.rstrip("*+!")
        flags = entry[len(word) :]
        forms = [word] + ([v + word for v in _VARIANTS] if "+" in flags else [])
        for form in forms:
            complete.setdefault(form, "*" in flags)
        if "!" in flags:
            needs_organ.add(word)
    return complete, re.compile(f"({trie_regex(complete)})"), frozenset(needs_organ)


@cache  # asked for at every candidate name
def post_words() -> tuple[str, ...]:
    """Every post of the lexicon, longest first."""
    return tuple(sorted(_lexicon()[0], key=len, reverse=True))


def has_post_word(text: str) -> bool:
    return _lexicon()[1].search(text) is not None


def post_ahead(text: str, pos: int, reach: int = 16) -> bool:
    """Does a post word start within ``reach`` characters of ``pos``, with only Chinese before it (the organ
    of a new chain: ，|市政府秘书长钱一)?"""
    m = _lexicon()[1].search(text, pos, pos + reach)
    return m is not None and all("\u4e00" <= ch <= "\u9fff" for ch in text[pos : m.start()])


def is_post(word: str) -> bool:
    return word in _lexicon()[0]


@cache
def organ_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_lexicon("organ_suffixes"), key=len, reverse=True))


@cache
def _reversed_suffixes_re() -> re.Pattern[str]:
    return re.compile(trie_regex(suffix[::-1] for suffix in organ_suffixes()))


def ends_like_organ(s: str) -> bool:
    """``s.endswith(organ_suffixes())``, as one match of the suffixes' trie on ``s`` read backwards (asked for
    every post's organ, and a str.endswith tries the 130 suffixes one by one)."""
    return _reversed_suffixes_re().match(s[::-1]) is not None


def starts_like_place(organ: str) -> bool:
    """An organ named from its place (市委, 邵阳广播电视台, 中共临江市委), not a unit of one (宣传部, 管委会)."""
    if not organ:
        return False
    if _PLACE_START_RE.match(organ):
        return True
    return word_classes(organ[:4])[0] == "ns"


def organ_before(text: str, pos: int, complete: bool = False, floor: int = 0) -> tuple[str, int, bool]:
    """(organ, its start, written after 、) for a post at ``pos``; ('', pos, …) if none is printed. The organ
    starts at ``floor`` or later.

    For a complete post (市长) the organ may also be a bare place (绍兴|市长, 俄罗斯叶卡捷琳堡市|市长)."""
    organ, start, in_chain = _organ_before(text, pos, complete, floor)
    if complete and len(organ) < 8 and text[pos - 1 : pos] in _COUNTRY_FINALS:
        # a country whose name holds a stop: 阿尔及利亚|总统, 安提瓜和巴布达|总理
        country = next((text[pos - k : pos] for k in range(8, len(organ), -1)
                        if pos - k >= floor and text[pos - k : pos] in countries()), "")
        if country:
            return country, pos - len(country), in_chain
    return organ, start, in_chain


_COUNTRY_FINALS = frozenset(c[-1] for c in countries())

# a bracketed word inside an organ's name (华润(集团)有限公司) reads as part of it, not as a cut
_ORGAN_BRACKET_RE = re.compile(r"(?<=[\u4e00-\u9fff])[（(](?:集团|控股|股份|中国|香港|澳门|筹|筹备组)[）)](?=[\u4e00-\u9fff])")


def _as_han(m: re.Match[str]) -> str:
    return "集" * len(m.group(0))


def _organ_before(text: str, pos: int, complete: bool, floor: int) -> tuple[str, int, bool]:
    # a post right after a cut (、副市长, ，市长, 为|主任) or at the floor has no organ: a third of them, spared
    # the reading below (the cut is the window's last character, and no bracket before the post is read as Han)
    before = text[pos - 1 : pos] if pos > floor else ""
    if not before or _CUT_CHAR_RE.match(before):
        return "", pos, before in ("、", "兼")
    left = text[max(0, pos - _WINDOW, floor) : pos]
    # the cuts are found with such brackets read as Han characters (the same length: offsets hold)
    scanned = _ORGAN_BRACKET_RE.sub(_as_han, left) if "（" in left or "(" in left else left
    last = _CUT_CHAR_RE.search(scanned[::-1])
    cut = len(left) - 1 - last.start() if last else -1
    in_chain = cut >= 0 and left[cut] in "、兼"
    word_cut = None
    # only a word ending after the cut counts; the words are all Han, so none reaches over a cut that is not
    # Han (punctuation): after one the words are read from there on, as a reading from the start finds them
    words_from = cut + 1 if cut >= 0 and not "\u4e00" <= left[cut] <= "\u9fff" else 0
    for m in _CUT_RE.finditer(left, words_from):
        word_cut = m
    if word_cut is not None and word_cut.end() - 1 > cut:  # 其中|嵊州市…: the word ends after the stop 其
        cut = word_cut.end() - 1
        in_chain = False
    run = left[cut + 1 :]
    if word_cut is not None and word_cut.group(0) in _APPOINTING and word_cut.end() - 1 == cut:
        run = _without_name(run)
    # nor over a post and the conjunction after it: 市委常委、委员和|大连市副市长
    joined = [m.start() + len(m.group(1)) + 1 for m in _lexicon()[1].finditer(run)
              if run[m.start() + len(m.group(1)) : m.start() + len(m.group(1)) + 1] in ("和", "及")] \
        if "和" in run or "及" in run else []
    if joined:
        run = run[max(joined) :]
    run = run.lstrip("“”")
    lead = _LEAD_RE.match(run)
    if lead:
        run = run[lead.end() :]
    if not run or run.count("“") != run.count("”"):
        return "", pos, in_chain
    # a former post is written as printed: 原|市委书记, 原|市财政局局长, 市政协原|副主席
    if run == "原":
        return run, pos - 1, in_chain
    if run.endswith(("原", "前")) and ends_like_organ(run[:-1]):  # …; 联合国前|秘书长
        return run, pos - len(run), in_chain
    if _LEVEL_RE.fullmatch(run):  # 市级|总河长, 省级|领导
        return run, pos - len(run), in_chain
    if ends_like_organ(run) or (complete and _is_place(run, text, pos - len(run))):
        if len(run) > 24:  # no clear boundary in reach: take it from the first place name on
            m = next((i for i in range(len(run)) if _PLACE_START_RE.match(run[i:])), None)
            if m is None:
                return "", pos, in_chain
            run = run[m:]
        return run, pos - len(run), in_chain
    if _merged_unit(run, text[pos : pos + 3]):
        return run, pos - len(run), in_chain
    return "", pos, in_chain


# a unit and its head written with the unit's last character once: 市公安|局长 (市公安局局长), 卫生|部长
_MERGED_HEADS = re.compile(r"(?:副|常务副)?([部局厅处科所站署司行社台馆])长")


def _merged_unit(run: str, after: str) -> bool:
    """Is ``run`` a unit whose last character the post after it carries (市公安|局长, 外交|部长)?"""
    if not 2 <= len(run) <= 10 or not _MERGED_HEADS.match(after):
        return False
    if _PLACE_START_RE.match(run) and len(run) > 2:
        return True  # 市公安|局长, 临江县教育|局长
    return word_classes(run[-2:])[-1] in {"n", "vn", "an", "nz", "j", "nt"}  # 卫生|部长, 财政|局长


_LEVEL_RE = re.compile(r"(?:中央|国家|省|市|县|区|乡|镇|村)级")
_APPOINTING = frozenset({"任命", "免去", "罢免", "撤销", "选举", "推选"})


def _without_name(run: str) -> str:
    """The run after an appointing verb without the name it opens with: 免去|张三|临江市发改委."""
    for n in (3, 2):
        if len(run) > n + 1 and name_shaped(run[:n]) and _PLACE_START_RE.match(run[n:]):
            return run[n:]
    return run


def _is_place(run: str, text: str, start: int) -> bool:
    """A bare place name before a complete post: 绍兴, 广州市, 俄罗斯叶卡捷琳堡市 (not 会上, 全市, 跟随); the
    run starts at ``start`` in ``text``."""
    if run.startswith("中共") and 4 <= len(run) <= 10:
        return True  # 中共营口|市委书记: only a place stands there
    if run.endswith(("原", "前")) and len(run) > 2:  # 张家界市原|市委书记, 法国前|总理: a former post
        run = run[:-1]
    if run in ("全国", "团", "共青团") or run.startswith("共青团"):  # 全国|人大代表, 团|市委书记, 共青团临江|市委书记
        return True
    if run[-1] in _LEVEL_CHARS:
        return not run.startswith("全")  # 省|市领导, 广州市|市长 (not 全市)
    if len(run) > 8 or run[0] == "全":
        return False
    # one word that jieba calls a place, a name or a noun (烟台, 日照 'n'), or place names run together
    # (江苏沭阳|县委书记); jieba calls some cities verbs or adverbs (怀化, 开封 'v', 大连 'd'): those are
    # places when the page prints them as one elsewhere (大连市, 辽宁大连), unlike 跟随|副市长, 随即|市长
    tags = word_classes(run)
    if len(tags) == 1:
        tag = tags[0]
        return tag in _PLACE_CLASSES or (len(run) == 2 and (tag == "n" or tag in {"v", "vn", "d"}
                                                             and placed_elsewhere(run, text, start)))
    return all(tag == "ns" for tag in tags)


_PLACE_CLASSES = frozenset({"ns", "nr", "nrt", "nz", "j", "nt"})


def base_organ(organ: str) -> str:
    """The organ a following post shares: 市政协党组 -> 市政协, 嵊州市人民医院内科 -> 嵊州市人民医院,
    市人民检察院检察委员会 -> 市人民检察院."""
    sub = next((u for u in _SUBUNITS if organ.endswith(u)), None) if organ.endswith(_SUBUNITS) else None
    if sub is None:
        return organ
    head = organ[: -len(sub)]
    if len(head) >= 1 and (ends_like_organ(head) or head[-1] in _LEVEL_CHARS):
        return head
    for i in range(len(head) - 1, 1, -1):  # 临江青木电子有限公司防化车间 -> 临江青木电子有限公司
        if ends_like_organ(head[:i]) or head[i - 1] in _LEVEL_CHARS:
            return head[:i]
    return organ


def specific_place(organ: str) -> str:
    """The named place at the head of an organ (六盘水市委 -> 六盘水市), or ''."""
    m = _SPECIFIC_PLACE_RE.match(organ)
    return m.group(1) if m else ""


_ANNOUNCED_RE = re.compile(r"(?:还有|有|是|为)[:：]")


def _possessing_organ(text: str, start: int, end: int) -> tuple[str, int]:
    """``,大会的执行主席是:A、B``: an organ that opens the clause and owns the post with 的 (organ, start)."""
    if start < 3 or text[start - 1] != "的" or not _ANNOUNCED_RE.match(text, end):
        return "", start
    clause = text[max(0, start - _WINDOW) : start - 1]
    cut = max((i for i, ch in enumerate(clause) if ch in _BREAKS), default=-1)
    run = clause[cut + 1 :]
    if cut < 0 or not ends_like_organ(run) or any(ch in _STOPS for ch in run) or _LEAD_RE.match(run):
        return "", start
    return run, start - 1 - len(run)


def find_posts(text: str) -> list[Post]:
    """Every post word in ``text`` (the longest at each place) with the organ printed before it."""
    complete, post_re, needs_organ = _lexicon()
    found: list[Post] = []
    last_end = -1
    for m in post_re.finditer(text):
        check_time()
        word = m.group(1)
        start = m.start()
        if start < last_end:
            continue  # inside a longer post already taken
        p = Post(start, start + len(word), word, complete[word])
        p.organ, p.organ_start, p.in_chain = organ_before(text, start, p.complete)
        if not p.organ:
            p.organ, p.organ_start = _possessing_organ(text, start, p.end)
            p.in_chain = start > 0 and text[start - 1] in "、兼"
        if word in needs_organ and len(p.organ) < 4:  # 本报记者, 新华社记者: a byline, not a person in the story
            continue
        found.append(p)
        last_end = p.end
    return found


def post_of(title: str) -> str:
    """The post word a title ends in (市六届人大常委会副主任 -> 副主任), or the whole title."""
    return next((title[i:] for i in range(len(title)) if is_post(title[i:])), title)


def is_longer_form(long: str, short: str) -> bool:
    """Is ``long`` the same post as ``short`` written out more fully? 中共中央总书记 / 总书记,
    市六届人大常委会副主任 / 市人大常委会副主任, 绍兴市市长 / 绍兴市长 (the same post word, the shorter organ
    read within the longer one), but not 常务副市长 / 副市长."""
    if long.endswith(short):
        return not any(ch in _STOPS for ch in long[: -len(short)])  # not 同志的|鞍山市委书记
    post = post_of(short)
    if post == short or post_of(long) != post:
        return False
    chars = iter(long[: -len(post)])
    return all(ch in chars for ch in short[: -len(post)])
