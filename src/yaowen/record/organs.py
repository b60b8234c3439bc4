"""Organ names: the full names a paper prints (衡阳市工业和信息化局), and the short forms of its posts they
expand (市工信局局长 -> 衡阳市工业和信息化局局长), so a timeline does not show one post twice."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cache

from sqlalchemy import Connection, select

from ..extract.lexicons import trie_regex
from ..extract.people import post_words
from . import pending
from . import schema as s
from .txn import insert_new

_FULL_ORGAN_RE = re.compile(
    r"([\u4e00-\u9fff]{2,3})市([\u4e00-\u9fff]{2,16}?(?:委员会|办公室|局|厅|委|办))"
)
# A word that ends right before a place name is not part of it: 任命…为临江市财政局局长, 在衡阳市…,
# 第十届临江市委员会, 会议临江市…, 湖南省衡阳市 (no three-character city starts with one of these)
_BEFORE_PLACE = frozenset("为在由对向与和及是到从将把被给让经据按于的了等并至赴届议会次年月省区县州局委府部厅")
# Verbs printed right before 市 in running text: 主持召开市委常委会 names no city
_VERBS_BEFORE_CITY = frozenset({"召开", "主持", "出席", "参加", "举行", "任命", "免去", "担任", "当选", "列席",
                                "调研", "视察", "会见", "批准", "通过", "成立", "组建", "印发", "审议"})


def full_organ_names(body: str) -> set[str]:
    """Organ names printed with the city's name (衡阳市工业和信息化局), candidates for canonical forms;
    never a fragment of the words around one (为临江市财政局) or a member's post (市委常委)."""
    found = set()
    for m in _FULL_ORGAN_RE.finditer(body):
        place, organ = m.group(1), m.group(2)
        if len(place) == 3 and place[0] in _BEFORE_PLACE:
            place = place[1:]
        if place in _VERBS_BEFORE_CITY or place[-2:] in _VERBS_BEFORE_CITY or place[-1] in _BEFORE_PLACE:
            continue
        if organ.endswith("常委"):  # 市委常委: a standing committee's member, not an organ
            continue
        found.add(f"{place}市{organ}")
    return found


@cache
def _post_word_re() -> re.Pattern[str]:
    return re.compile("(?:" + trie_regex(post_words()) + ")$")  # a trie: one branch per character tried


def split_post(post: str) -> tuple[str, str]:
    """市工信局局长 -> (市工信局, 局长); a post with no organ -> ("", post)."""
    m = _post_word_re().search(post)
    if m is None or m.start() == 0:
        return "", post
    return post[: m.start()], post[m.start():]


def _is_subsequence(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


def _short_end(organ: str) -> str:
    """The character a short form ends with: 委员会 -> 委 (市发改委), 办公室 -> 办 (市政府办)."""
    for long, short in (("委员会", "委"), ("办公室", "办")):
        if organ.endswith(long):
            return short
    return organ[-1]


def organ_canon(short_forms: set[str], full_forms: set[str]) -> dict[str, str]:
    """Map each 市... short form to the one full name that abbreviates to it (same ends, chars in order)."""
    by_local: dict[str, list[str]] = defaultdict(list)
    for full in full_forms:
        local = full[full.index("市"):]  # 衡阳市工业和信息化局 -> 市工业和信息化局
        by_local[local].append(full)
    out = {}
    for short in short_forms:
        if not short.startswith("市") or len(short) < 3:
            continue
        cands = {f for local, fulls in by_local.items() for f in fulls
                 if len(local) >= len(short) and _short_end(local) == short[-1] and _is_subsequence(short, local)}
        if len(cands) == 1:
            out[short] = cands.pop()
    return out


def record_organs(conn: Connection, paper: str, bodies: list[str]) -> None:
    """Remember the full organ names a page prints, for abbreviations on any page of the paper."""
    names = set().union(*(full_organ_names(b) for b in bodies)) if bodies else set()
    if not names:
        return
    known = set(conn.execute(select(s.organs.c.name).where(s.organs.c.paper == paper, s.organs.c.name.in_(names)))
                .scalars())
    new = [{"paper": paper, "name": n, "canonical": n} for n in sorted(names - known)]
    insert_new(conn, s.organs, new, ["paper", "name"])  # a concurrent writer may add the same names
    if new:  # the paper's posts may abbreviate them: the next people refresh re-canonicalizes them all
        pending.mark_organs(conn, [paper])


