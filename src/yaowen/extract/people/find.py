"""Every person named in a text, with the posts the text gives them there."""

from __future__ import annotations

import re

from .chains import chain_titles, link_chains, names_after
from .lists import LABEL_RE, bare_lists
from .mention import Mention
from .names import PUNCT, name_shaped
from .posts import Post, find_posts
from .roles import introduced, name_before_address, speakers

# the person a chain without a name after it belongs to: 罗增斌同志任|中共绵阳市委委员、常委、书记,
# 选举王健为|市人民政府市长, 免去余功斌同志的|鞍山市委书记…职务, 熊炜、刘泽友为|副团长
_APPOINTED_RE = re.compile(
    r"((?:[\u4e00-\u9fff]{2,4}、)*[\u4e00-\u9fff]{2,4}?)(?:同志)?"
    r"(?:任|担任|兼任|不再担任|不再兼任|不再任|交流任|转任|调任|当选为|当选|为|辞去|的)$"
)
_APPOINTING = ("选举", "任命", "决定", "推选", "接受", "免去", "同意", "批准", "撤销", "补选", "增补", "、", "，", ",", "；", "。", "\n", "：")
_CLAUSE_END = "，,。；;\n"


def find_people(text: str) -> list[Mention]:
    """Every person named in ``text`` with the posts the text gives them there."""
    posts = _posts_and_labels(text)
    for p in posts:
        p.names = names_after(text, p.end, p.complete)
    mentions: list[Mention] = []
    others: list[Mention] = []
    carried: dict[int, str] = {}  # sentence start -> organ the next bare post there shares
    for chain in link_chains(text, posts):
        last = chain[-1]
        sent = _sentence_start(text, chain[0].organ_start)
        titles, carry = chain_titles(chain, carried.get(sent, ""))
        if last.names:
            carried[sent] = carry
            how = "label" if _is_label(last) else "title"
            mentions += [Mention(name, list(titles), s, e, how) for name, s, e in last.names]
            continue
        owners = _appointed(text, chain[0].organ_start)
        if owners:
            carried[sent] = carry
            others += [Mention(name, list(titles), s, e, "appointed") for name, s, e in owners]
        elif _ends_clause(text, last.end):
            others += _appositive(text, sent, titles)
    others += [m for m in _appositive_without_post(text) if not _overlaps(m, others)]
    for m in others + bare_lists(text) + name_before_address(text) + speakers(text) + introduced(text):
        if not _overlaps(m, mentions) or any(o.start == m.start and o.end == m.end for o in mentions):
            mentions.append(m)
    return sorted(mentions, key=lambda m: m.start)


def _posts_and_labels(text: str) -> list[Post]:
    """Posts, group labels (市党政军领导, 市委、市人大、市政府领导) and no post that lies inside another's organ."""
    posts = find_posts(text)
    labels = [Post(m.start(), m.end(), m.group(0), True, "", m.start()) for m in LABEL_RE.finditer(text)]
    if labels:
        covered = [(q.start, q.end) for q in labels]
        posts = [p for p in posts if not any(s <= p.start < e for s, e in covered)] + labels
        posts.sort(key=lambda p: p.start)
    organs = [(q.organ_start, q.start) for q in posts if q.organ]
    return [p for p in posts if not any(s <= p.start and p.end <= e for s, e in organs)]


def _is_label(p: Post) -> bool:
    return p.word.endswith("领导")


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(c, 0, pos) for c in "。！？!?\n") + 1


def _ends_clause(text: str, pos: int) -> bool:
    return pos >= len(text) or text[pos] in _CLAUSE_END or text.startswith("职务", pos)


def _appointed(text: str, pos: int) -> list[tuple[str, int, int]]:
    """The people a chain starting at ``pos`` is given to by a verb before it (X同志任…, 选举X为…)."""
    window_start = max(0, pos - 40)
    m = _APPOINTED_RE.search(text, window_start, pos)
    if m is None:
        return []
    parts = []
    start = m.start(1)
    for part in m.group(1).split("、"):
        parts.append((part, start, start + len(part)))
        start += len(part) + 1
    # the names: the items at the end that look like names; the first of them may be the tail of a run
    # after an appointing word (选举|王健为), or follow punctuation or another item (院长、|钱四方为)
    kept: list[tuple[str, int, int]] = []
    for name, s, e in reversed(parts):
        tail = next((name[i:] for i in range(len(name) - 1) if name_shaped(name[i:])
                     and _appointing_before(text, s + i)), None)
        if tail is None:
            break
        kept.insert(0, (tail, e - len(tail), e))
        if len(tail) < len(name):
            break
    return kept


def _appointing_before(text: str, pos: int) -> bool:
    before = text[max(0, pos - 2) : pos]
    return pos == 0 or before.endswith(_APPOINTING) or before[-1:] in PUNCT


def _appositive(text: str, sent: int, titles: list[str]) -> list[Mention]:
    """``蒋建明,1962年12月生,江苏沭阳县委书记;``: a name opening the sentence, its posts closing a clause."""
    m = re.compile(r"([\u4e00-\u9fff]{2,4})(?:[（(]女[）)])?[,，]").match(text, sent)
    if m is None or not name_shaped(m.group(1)):
        return []
    return [Mention(m.group(1), list(titles), m.start(1), m.end(1), "appositive")]


# an appositive that describes a person: 研究生, 党员, 教师, 男, 45岁, 出生, 籍 ...
_PERSON_NOUN_RE = re.compile(r"(?:生|员|师|者|人|士|工|民|手|岁|男|女|出生|籍|长|主任|书记|委员|代表|教授|医生)$|岁|出生|籍")
_OPENING_NAME_RE = re.compile(r"(?:^|(?<=[。\n]))([\u4e00-\u9fff]{2,4})(?:[（(]女[）)])?[,，]([^。，,;；\n]{1,40})")


def _appositive_without_post(text: str) -> list[Mention]:
    """``周煜中,南华大学…研究生。``: a name opening the sentence, then a clause that describes a person."""
    return [Mention(m.group(1), [], m.start(1), m.end(1), "appositive") for m in _OPENING_NAME_RE.finditer(text)
            if name_shaped(m.group(1)) and _PERSON_NOUN_RE.search(m.group(2))]


def _overlaps(m: Mention, others: list[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)
