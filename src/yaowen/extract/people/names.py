"""Where a personal name can start and end in running text.

A name is 2-3 characters starting with a surname (4 with a compound surname). Its end is settled by what
follows: punctuation, a list mark, an action word (``朱健|出席``, ``浦虹|来到``); when two lengths both fit, the
one followed by the stronger boundary wins (``浦虹来到`` is 浦虹 + 来到, not 浦虹来 + 到).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lexicons import load_lexicon, looks_like_name, nonnames, trie_regex

HAN_RE = re.compile(r"^[\u4e00-\u9fff]+$")
PUNCT = set("，,。；;：:！!？?、“”\"'（）()《》【】[]\n \t\u3000\xa0")
# characters that end a clause before a name but never the name itself (刘琳|等, 王强|说, 张三|在会上)
NOT_FINAL = set("等的了与及在是对向从把被将说到都也还又就们之省市县委局厅办地得着")
# characters that do not begin a name inside a list of names (市委, 和, 等 ...)
_NOT_INITIAL = set("等的了与及在是对向从把被将和或市省县区州镇乡村委部局厅办院各全本该其此这那我你他她它有无不第")


@cache
def verbs() -> tuple[str, ...]:
    """Words that follow a person's name when the person acts (主持, 出席, 强调 ...), longest first."""
    return tuple(sorted(load_lexicon("speech_verbs"), key=len, reverse=True))


_VERBS_RE = re.compile(trie_regex(verbs()))
_VERB_INITIALS = frozenset(v[0] for v in verbs())  # a character no action word starts with is none's start
_VERB_SET = frozenset(verbs())


def starts_with_verb(text: str, pos: int = 0) -> bool:
    """``text.startswith(verbs(), pos)``, by the verbs' trie (not 200 prefixes tried one by one)."""
    return text[pos : pos + 1] in _VERB_INITIALS and _VERBS_RE.match(text, pos) is not None


def boundary_strength(text: str, pos: int, ends: tuple[str, ...] = ()) -> int:
    """How clearly a name can end at ``pos``: 3 at punctuation or the end, 2 before an action word of two or
    more characters (or one of ``ends``), 1 before a one-character one, 0 otherwise."""
    if pos >= len(text):
        return 3
    ch = text[pos]
    if ch in "》”":  # 《院士公开课》: a title's end is a weak boundary
        return 1
    if ch in PUNCT:
        return 3
    m = _VERBS_RE.match(text, pos) if ch in _VERB_INITIALS else None
    if ends and text.startswith(ends, pos):
        return max(2, m.end() - pos if m else 0)
    if m is None:
        return 0
    return 2 if m.end() - pos >= 2 else 1


# a surname and a form of address is no name: 李大爷, 王老师, 张师傅
_ADDRESSED = frozenset({"大爷", "大妈", "大娘", "大姐", "大哥", "阿姨", "师傅", "老师", "先生", "女士", "同志", "书记",
                        "主任", "市长", "县长", "局长", "老汉", "奶奶", "爷爷"})


@lru_cache(maxsize=1 << 16)  # asked of the same few thousand 2-4 character strings on every page
def name_shaped(s: str, loose: bool = False) -> bool:
    if not HAN_RE.match(s) or s in nonnames() or s[-1] in NOT_FINAL or s[1:] in _ADDRESSED:
        return False
    if looks_like_name(s):
        # 支持, 于是: a word jieba knows as a verb, conjunction, pronoun ... is not a name outside a list of names
        return loose or len(s) != 2 or word_class(s) not in _WORD_CLASSES
    return loose and 2 <= len(s) <= 3 and s[0] not in _NOT_INITIAL and s not in _VERB_SET


_WORD_CLASSES = frozenset({"v", "c", "p", "u", "r", "d"})
_COMMON_CLASSES = frozenset({"n", "vn", "a", "an", "nz", "l", "i", "j", "v"})


@lru_cache(maxsize=1 << 16)  # bounded: a long ingest sees endless distinct runs
def word_classes(words: str) -> tuple[str, ...]:
    """jieba's part-of-speech tags of the words of a short run (jieba is loaded on first use: it is slow to
    load and many texts never need it)."""
    return tuple(tag for _, tag in tag_words(words))


@lru_cache(maxsize=1 << 14)
def tag_words(run: str) -> tuple[tuple[str, str], ...]:
    """jieba's words of a short run with their part-of-speech tags."""
    import rjieba

    return tuple(rjieba.tag(run))


@lru_cache(maxsize=1 << 14)
def cut_words(run: str) -> tuple[str, ...]:
    """jieba's words of a short run."""
    import rjieba

    return tuple(rjieba.cut(run))


def word_class(word: str) -> str:
    """jieba's part-of-speech tag of a word ('' if jieba splits it)."""
    tags = word_classes(word)
    return tags[0] if len(tags) == 1 else ""


def read_name(
    text: str,
    pos: int,
    lengths: tuple[int, ...] = (3, 2, 4),
    ends: tuple[str, ...] = (),
    weak_ends: tuple[str, ...] = (),
    loose: bool = False,
) -> tuple[str, int] | None:
    """A name starting at ``pos`` whose end is a list mark, punctuation, an action word or one of ``ends``;
    failing that, one that ends before one of ``weak_ends`` (李四为副主任 is 李四, not 李四为 + 副主任).
    ``loose`` accepts rare surnames, for items of a list already known to name people."""
    if not "\u4e00" <= text[pos : pos + 1] <= "\u9fff":
        return None  # a name starts with a Han character (name_shaped)
    best: tuple[int, int, str] | None = None  # (strength, preference, name)
    for rank, n in enumerate(lengths):
        s = text[pos : pos + n]
        if len(s) < n or not name_shaped(s, loose) or s in _VERB_SET:
            continue
        strength = boundary_strength(text, pos + n, ends)
        if strength == 1 and not loose and word_class(s) in _COMMON_CLASSES:
            continue  # 大使圆桌|对话: a common word before a weak boundary is no name
        # between two one-character action words the shorter name wins: 祁松|作有关说明, not 祁松作|有
        preference = -n if strength == 1 else -rank
        if strength and (best is None or (strength, preference) > best[:2]):
            best = (strength, preference, s)
    if best is not None:
        return best[2], pos + len(best[2])
    # before a post, the longest post wins: 刘兴|副检察长, not 刘兴副|检察长
    if not weak_ends:
        return None
    hit_best: tuple[int, str] | None = None
    for n in lengths:
        s = text[pos : pos + n]
        # (one look for all of weak_ends first: they may be hundreds)
        if len(s) == n and name_shaped(s, loose) and text.startswith(weak_ends, pos + n):
            hit = next((w for w in weak_ends if text.startswith(w, pos + n)), None)
            if hit and (hit_best is None or len(hit) > hit_best[0]):
                hit_best = (len(hit), s)
    return (hit_best[1], pos + len(hit_best[1])) if hit_best else None


def list_item(text: str, pos: int, stop: int) -> str | None:
    """An item of a list of people that runs from ``pos`` to the separator at ``stop`` (宋来英杰 as printed)."""
    s = text[pos:stop]
    if 2 <= len(s) <= 4 and name_shaped(s[:3] if len(s) == 4 else s, True):
        return s
    return None
