"""People and their posts, found by the genre's own grammar rather than a statistical tagger.

Official news names officials in a fixed shape: a chain of posts, then one name or a list of names, then a
verb or punctuation — ``市委副书记、市长、市委审计委员会副主任朱健出席``, ``市领导毛朝晖、刘正兴、伍清明出席``.
Posts come from a closed vocabulary (lexicons/posts.txt); the organ before a post is the longest run before it
that starts like an organ (市, 省, 中共, a place name) and ends in an organ suffix (委员会, 局, 院 ...); a bare
post takes the organ of the post before it (``市人大常委会党组书记、副主任段志刚`` -> 市人大常委会副主任).
A name is 2-4 characters starting with a surname and followed by a list mark, punctuation or an action word,
which settles its length (``朱健出席`` vs ``秦国文主持``). People without a post are found where they speak
(``市中心医院冷晓君表示``), in lists (``周煜中、陈亮伟两位``) and as appositives (``陈亮伟,祁东县启航学校总校长``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from .lexicons import load_lexicon, looks_like_name, nonnames

_PUNCT = "，,。；;：:！!？?、“”\"'（）()《》\n "
_BREAK_CHARS = set("，,。；;：:！!？?\n（(")  # an organ never reaches across these
_STOP_IN_ORGAN = set("为由在与及的是对将把向了等被给从经并率带赴到就以要称任兼免")
_PLACE_START_RE = re.compile(r"^(?:中共|中国|中央|国务院|全国|省|市|县|区|镇|乡|村|[\u4e00-\u9fff]{2,5}?(?:省|市|县|区|镇|乡|村|州|旗))")
_HAN_RE = re.compile(r"^[\u4e00-\u9fff]+$")
_ROLE_END = set("员民众工长师生者人家士手官兵")  # 党员全宏道, 村民X: a role noun right before a name


@dataclass
class Mention:
    name: str
    titles: list[str]
    start: int  # offsets in the text searched (an article body)
    end: int
    how: str = "title"  # title | appositive | speaker | list | name_post


@dataclass
class _Post:
    start: int
    end: int
    post: str
    complete: bool
    organ: str = ""
    organ_start: int = 0
    names: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.organ + self.post


@cache
def _posts() -> tuple[dict[str, bool], re.Pattern[str]]:
    complete: dict[str, bool] = {}
    for entry in load_lexicon("posts"):
        complete[entry.rstrip("*")] = entry.endswith("*")
    alts = "|".join(sorted(map(re.escape, complete), key=len, reverse=True))
    return complete, re.compile(f"(?=({alts}))")


@cache
def _organ_suffixes() -> tuple[str, ...]:
    return tuple(sorted(load_lexicon("organ_suffixes"), key=len, reverse=True))


@cache
def _verbs() -> tuple[str, ...]:
    return tuple(sorted(load_lexicon("speech_verbs"), key=len, reverse=True))


def _is_boundary(rest: str, ends: tuple[str, ...] = ()) -> bool:
    """Can a name end right before ``rest``?"""
    return not rest or rest[0] in _PUNCT or rest.startswith(_verbs()) or (bool(ends) and rest.startswith(ends))


def read_name(
    text: str,
    pos: int,
    lengths: tuple[int, ...] = (3, 2, 4),
    ends: tuple[str, ...] = (),
    weak_ends: tuple[str, ...] = (),
) -> tuple[str, int] | None:
    """A name starting at ``pos`` whose end is a list mark, punctuation, an action word or one of ``ends``;
    failing that, one that ends before one of ``weak_ends`` (李四为副主任 is 李四, not 李四为 + 副主任)."""
    for n in lengths:
        s = text[pos : pos + n]
        if (len(s) == n and _HAN_RE.match(s) and looks_like_name(s) and s not in _verbs()
                and _is_boundary(text[pos + n :], ends)):
            return s, pos + n
    # before a post, the longest post wins: 刘兴|副检察长, not 刘兴副|检察长
    best: tuple[int, str, int] | None = None
    for n in lengths:
        s = text[pos : pos + n]
        if len(s) == n and _HAN_RE.match(s) and looks_like_name(s):
            hit = next((w for w in weak_ends if text.startswith(w, pos + n)), None)
            if hit and (best is None or len(hit) > best[0]):
                best = (len(hit), s, pos + n)
    return (best[1], best[2]) if best else None


def post_words() -> tuple[str, ...]:
    """Every post of the lexicon, longest first."""
    return tuple(sorted(_posts()[0], key=len, reverse=True))


def _read_names(text: str, pos: int) -> list[tuple[str, int, int]]:
    names = []
    while True:
        got = read_name(text, pos)
        if got is None:
            break
        names.append((got[0], pos, got[1]))
        pos = got[1]
        if text[pos : pos + 1] != "、":
            break
        pos += 1
    return names


def _given_name(text: str, pos: int) -> list[tuple[str, int, int]]:
    """Some reports name a leader by given name only, right after the post: 市委书记群策主持会议.

    Two characters that are not a name by surname, not an action word, a post or a known non-name, and are
    followed by an action word or punctuation.
    """
    s = text[pos : pos + 2]
    if len(s) < 2 or not _HAN_RE.match(s) or not _HAN_RE.match(s[1]) or s in nonnames():
        return []
    if s.startswith(_verbs()) or s in _posts()[0] or looks_like_name(s) or not _is_boundary(text[pos + 2 :]):
        return []
    if _word_class(s)[:1] in _NOT_NAME_CLASSES:  # 市委书记亲自部署: an adverb, not a name
        return []
    return [(s, pos, pos + 2)]


_NOT_NAME_CLASSES = frozenset("advmpcrfqtu")  # adjectives, adverbs, verbs, numerals, pronouns ...


def _word_class(word: str) -> str:
    """jieba's part-of-speech tag of a word ('' if it is not one word)."""
    import rjieba

    tags = rjieba.tag(word)
    return tags[0][1] if len(tags) == 1 else ""


def _organ_before(text: str, pos: int) -> tuple[str, int]:
    """The longest run ending at ``pos`` that reads as an organ name, or ('', pos)."""
    left = text[max(0, pos - 32) : pos]
    cut = max((i for i, ch in enumerate(left) if ch in _BREAK_CHARS or ch == "、"), default=-1)
    in_chain = cut >= 0 and left[cut] == "、"
    left = left[cut + 1 :]
    if not left.endswith(_organ_suffixes()):
        return "", pos
    for i in range(len(left)):
        cand = left[i:]
        plain = _STOP_IN_ORGAN.isdisjoint(cand.replace("“", "").replace("”", "")) and cand.count("“") == cand.count("”")
        # an organ starts like one (市, 省, a place); inside a chain (市委常委、宣传部部长) the whole member counts
        if plain and (_PLACE_START_RE.match(cand) or (in_chain and i == 0)):
            return cand, pos - len(cand)
    return "", pos


def _find_posts(text: str) -> list[_Post]:
    complete, post_re = _posts()
    found: list[_Post] = []
    last_end = -1
    for m in post_re.finditer(text):
        post = m.group(1)
        start = m.start()
        if start < last_end:
            continue  # inside a longer post already taken
        # prefer the longest post at this position (the alternation is sorted longest first)
        p = _Post(start, start + len(post), post, complete[post])
        # a complete post may still carry an organ: 国务院副总理
        p.organ, p.organ_start = _organ_before(text, start)
        p.names = _read_names(text, p.end) or (_given_name(text, p.end) if p.complete else [])
        if p.names or text[p.end : p.end + 1] == "、":
            found.append(p)
            last_end = p.end
    return found


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in "。！？!?\n") + 1


def find_people(text: str) -> list[Mention]:
    """Every person named in ``text`` with the posts the text gives them there."""
    posts = _find_posts(text)
    by_end = {p.end: p for p in posts}
    mentions: list[Mention] = []
    last_organ: dict[int, str] = {}  # sentence start -> organ of the last post in that sentence
    for p in posts:
        if not p.names:
            continue
        chain = [p]
        while chain[0].organ_start >= 1 and text[chain[0].organ_start - 1] == "、":
            prev = by_end.get(chain[0].organ_start - 1)
            if prev is None or prev.names:
                break
            chain.insert(0, prev)
        sent = _sentence_start(text, chain[0].organ_start)
        titles = []
        carried = last_organ.get(sent, "")
        for q in chain:
            organ = q.organ
            if not organ and not q.complete:
                organ = carried
            if organ:
                carried = organ
            titles.append(organ + q.post)
        last_organ[sent] = carried
        for name, s, e in p.names:
            mentions.append(Mention(name, list(titles), s, e))
    taken = {(m.start, m.end) for m in mentions}
    for m in _name_first(text) + _appositives(text, posts) + _speakers(text) + _lists(text) + _introduced(text):
        if (m.start, m.end) not in taken and not _overlaps(m, mentions):
            mentions.append(m)
    return sorted(mentions, key=lambda m: m.start)


def _overlaps(m: Mention, others: list[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)


_CITING = ("贯彻", "学习", "落实", "传达", "根据", "按照", "听取", "在", "向", "和", "与", "同", "对", "及")
_ORGAN_END = set("部门行局委办院厅署会处所站队组社校馆司厂节")  # 商务部表示, 丰收节: not a person
_TIME_IN = re.compile(r"日前|近日|今日|昨日|今年|去年")


def _name_first(text: str) -> list[Mention]:
    """``习近平总书记``, ``李克强总理``: a name written before the post."""
    out = []
    for m in re.finditer(r"(总书记|总理)", text):
        for n in (3, 2):
            s = text[max(0, m.start() - n) : m.start()]
            before = text[: m.start() - n]
            if not (before == "" or before[-1] in _PUNCT or before.endswith(_CITING)):
                continue
            if len(s) == n and _HAN_RE.match(s) and looks_like_name(s):
                out.append(Mention(s, [m.group(1)], m.start() - n, m.start(), "name_post"))
                break
    return out


# an appositive that describes a person: 研究生, 党员, 教师, 男, 45岁, 出生, 籍 ...
_PERSON_NOUN_RE = re.compile(r"(?:生|员|师|者|人|士|工|民|手|岁|男|女|出生|籍|长|主任|书记|委员|代表|教授|医生)$|岁|出生|籍")


def _appositives(text: str, posts: list[_Post]) -> list[Mention]:
    """``陈亮伟,祁东县启航学校总校长。``: a name opening the sentence, then its post."""
    out = []
    complete, post_re = _posts()
    for m in re.finditer(r"(?:^|(?<=[。\n]))([\u4e00-\u9fff]{2,4})[,，]", text):
        name = m.group(1)
        if not looks_like_name(name):
            continue
        rest_start = m.end()
        clause_end = min((i for i in (text.find(c, rest_start) for c in "。，,;；\n") if i >= 0), default=len(text))
        clause = text[rest_start:clause_end]
        pm = next((x for x in post_re.finditer(clause) if rest_start + x.start() + len(x.group(1)) == clause_end), None)
        if pm is None:
            if len(clause) <= 40 and _PERSON_NOUN_RE.search(clause):
                out.append(Mention(name, [], m.start(1), m.end(1), "appositive"))
            continue
        post = pm.group(1)
        organ, _ = _organ_before(text, rest_start + pm.start())
        if organ or complete.get(post):
            out.append(Mention(name, [organ + post], m.start(1), m.end(1), "appositive"))
    return out


_SPEECH_RE = re.compile(r"(表示|指出|强调|认为|感叹道|感慨道|感叹|坦言|介绍说|介绍|告诉记者|说道|说(?=[:,。]|$)|作主题宣讲)")


def _speakers(text: str) -> list[Mention]:
    """``市中心医院冷晓君表示``, ``“……”陈仲伯表示``: a named speaker without a post."""
    out = []
    for m in _SPEECH_RE.finditer(text):
        v = m.start()
        for n in (3, 2, 4):
            s = text[max(0, v - n) : v]
            if len(s) < n or not _HAN_RE.match(s) or not looks_like_name(s) or s[-1] in _ORGAN_END or _TIME_IN.search(s):
                continue
            before = text[v - n - 1 : v - n] if v - n >= 1 else ""
            if not before or before in _PUNCT or before in _ROLE_END or text[: v - n].endswith(_organ_suffixes()):
                out.append(Mention(s, [], v - n, v, "speaker"))
                break
    return out


# a list of names ends in a person classifier: 等多位, 等3人, 两位, 同志
@cache
def _role_noun_re() -> re.Pattern[str]:
    nouns = sorted(load_lexicon("role_nouns"), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, nouns)) + r")(?=[\u4e00-\u9fff]{2})")


_PLACED_RE = re.compile(r"(?:省|市|县|区|镇|乡|村|街道|社区|学校|医院|公司)[\u4e00-\u9fff]{0,4}$")
# Characters that begin the verb after a name rather than end the name (彭大|勇跳 is wrong, 彭大勇|跳入 right).
_VERB_START = set("跳拾救捐帮主出参列强指表要说率在到赴为对向与和把被将等是有已曾正每把让给")


def _introduced(text: str) -> list[Mention]:
    """``村民彭大勇跳入河中``: a role noun introduces a name whose end no action word marks."""
    out = []
    for m in _role_noun_re().finditer(text):
        pos = m.end()
        got = read_name(text, pos)
        if got is not None and got[0][-1] in _ORGAN_END:
            continue  # 企业主管部门: a noun after the role word, not a name
        if got is not None and text[got[1] : got[1] + 1] not in _PUNCT:  # an action must follow, not a stop
            out.append(Mention(got[0], [], pos, got[1], "introduced"))
            continue
        three = text[pos : pos + 3]
        follows = text[pos + 3 : pos + 4]
        placed = bool(_PLACED_RE.search(text, max(0, m.start() - 10), m.start()))
        if (placed and len(three) == 3 and three[-1] not in _ORGAN_END and _HAN_RE.match(three) and looks_like_name(three) and three[2] not in _VERB_START
                and follows and (follows in _VERB_START or follows in "一二三四五六七八九十")):
            out.append(Mention(three, [], pos, pos + 3, "introduced"))
    return out


_LIST_END = r"(?=等(?:\d+|[一二三四五六七八九十多几]+)?(?:位|名|人|同志)|[两二三四五六七八九十几多]位|同志)"


def _lists(text: str) -> list[Mention]:
    """``周煜中、陈亮伟两位``, ``宋来英杰、向文韬、邓满秀等``: a list of two or more bare names."""
    out = []
    for m in re.finditer(r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4}?)+" + _LIST_END, text):
        items = m.group(0).split("、")
        # the first item may have swallowed the word before it: take its longest name-like tail
        first = next((items[0][i:] for i in range(len(items[0]) - 1) if looks_like_name(items[0][i:])
                      or (len(items[0][i:]) == 4 and looks_like_name(items[0][i:][:3]))), None)
        last_ok = True
        names = [first] + items[1:] if first else []
        for s in names:
            if not (looks_like_name(s) or (len(s) == 4 and looks_like_name(s[:3]))):
                last_ok = False
        if not names or not last_ok:
            continue
        pos = m.end() - len(m.group(0)) + len(items[0]) - len(first)  # type: ignore[arg-type]
        for s in names:
            out.append(Mention(s, [], pos, pos + len(s), "list"))
            pos += len(s) + 1
    return out
