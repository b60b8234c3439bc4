"""Who is who across pages: one person record per real person within a paper, and their posts over time.

A mention's person is found by its *key* within its paper: the name itself, unless

- a hand-made ``merge`` rule folds the name into another (群策 -> 邓群策), or the paper shows a surname-less
  given name (群策) that only one full name of the paper ends with and that shares one of its posts;
- a hand-made ``split`` rule marks the mentions whose posts contain some text as another person of the
  same name (王伟 the village head, not 王伟 the vice mayor) -> key ``王伟#村委会主任``.

Organ abbreviations in posts are expanded where the paper prints both forms (市工信局 -> 衡阳市工业和信息化局),
so a timeline does not show one post twice.
"""

from __future__ import annotations

import json
import re
from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Connection, Select, bindparam, func, select, text, update

from ..extract.lexicons import load_lexicon, trie_regex
from ..extract.people import post_words
from . import schema as s
from .txn import insert_new


@dataclass
class Rules:
    merges: dict[str, str] = field(default_factory=dict)  # name -> the name it joins
    splits: dict[str, list[str]] = field(default_factory=dict)  # name -> post texts that mark another person

    @classmethod
    def load(cls, conn: Connection, paper: str) -> Rules:
        rules = cls()
        rows = conn.execute(select(s.person_rules).where(s.person_rules.c.paper.in_(["", paper]))).mappings()
        for r in rows:
            if r["kind"] == "merge":
                rules.merges[r["name"]] = r["target"]
            else:
                rules.splits.setdefault(r["name"], []).append(r["target"])
        return rules

    def key(self, name: str, titles: list[str] | None) -> str:
        seen = {name}
        while name in self.merges and self.merges[name] not in seen:  # follow chains, never loop
            name = self.merges[name]
            seen.add(name)
        for marker in self.splits.get(name, ()):
            if titles and any(marker in t for t in titles):
                return f"{name}#{marker}"
        return name


class PersonKeys:
    """Person row ids by key for one paper, created on first use (ingest's side of resolution)."""

    def __init__(self, conn: Connection, paper: str, rules: Rules) -> None:
        self.conn, self.paper, self.rules = conn, paper, rules
        t = s.people
        # one query for the paper's people beats one per name (a page names dozens)
        self.ids: dict[str, int] = dict(conn.execute(select(t.c.key, t.c.id).where(t.c.paper == paper)).all())

    @classmethod
    def for_connection(cls, conn: Connection, paper: str) -> PersonKeys:
        return cls(conn, paper, Rules.load(conn, paper))

    def person_id(self, name: str, titles: list[str] | None) -> int:
        return self.id_for_key(self.rules.key(name, titles))

    def id_for_key(self, key: str) -> int:
        pid = self.ids.get(key)
        if pid is None:
            # another writer may have made this person since the ids were read: then theirs is the one
            pid = insert_new(self.conn, s.people, {"paper": self.paper, "name": key.split("#", 1)[0], "key": key,
                                                   "mentions": 0}, ["paper", "key"])
            if pid is None:
                t = s.people
                pid = self.conn.execute(select(t.c.id).where(t.c.paper == self.paper, t.c.key == key)).scalar_one()
            self.ids[key] = pid
        return pid


@cache
def _surnames() -> frozenset[str]:
    return frozenset(load_lexicon("surnames"))


def given_name_aliases(names_posts: dict[str, set[str]]) -> dict[str, str]:
    """Surname-less given names (群策) that stand for exactly one full name (邓群策) sharing a post."""
    surnames = _surnames()
    full_by_tail: dict[str, list[str]] = defaultdict(list)
    for name in names_posts:
        for cut in (1, 2):
            if len(name) - cut == 2 and name[:cut] in surnames:
                full_by_tail[name[cut:]].append(name)
    aliases = {}
    for name, posts in names_posts.items():
        if len(name) != 2 or name[0] in surnames or not posts:
            continue
        fulls = [f for f in full_by_tail.get(name, []) if names_posts[f] & posts]
        if len(fulls) == 1:
            aliases[name] = fulls[0]
    return aliases


# ---- organ names: short forms the paper also prints in full --------------------------------------------

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


def refresh_people(conn: Connection) -> dict[str, int]:
    """Re-resolve every mention, participant and appointment to its person; update posts and counts.

    Runs after each ingest and after a rule changes. Returns how many rows changed person.
    """
    changed = {"mentions": 0, "participants": 0, "appointments": 0}
    papers = conn.execute(select(s.pages.c.paper).distinct()).scalars().all()
    for paper in papers:
        rules = Rules.load(conn, paper)
        m = s.mentions
        mention_rows = select(m.c.id, m.c.name, m.c.titles, m.c.person_id)
        articles = _paper_articles(conn, paper)
        names_posts: dict[str, set[str]] = defaultdict(set)
        for rows in _by_articles(conn, articles, mention_rows, m.c.article_id):
            for _, name, titles, _ in rows:
                names_posts[name].update(json.loads(titles or "[]"))
        for alias, full in given_name_aliases(names_posts).items():
            rules.merges.setdefault(alias, full)
        del names_posts
        keys = PersonKeys(conn, paper, rules)
        for rows in _by_articles(conn, articles, mention_rows, m.c.article_id):
            updates = []
            for mid, name, titles, pid in rows:
                new = keys.person_id(name, json.loads(titles or "[]"))
                if new != pid:
                    updates.append({"row": mid, "pid": new})
            changed["mentions"] += _update_person_ids(conn, m, updates)

        p = s.participants
        for rows in _by_articles(conn, articles, select(p.c.id, p.c.name, p.c.person_id)
                                 .join(s.meetings, s.meetings.c.id == p.c.meeting_id), s.meetings.c.article_id):
            updates = [{"row": i, "pid": keys.person_id(n, None)} for i, n, pid in rows
                       if keys.person_id(n, None) != pid]
            changed["participants"] += _update_person_ids(conn, p, updates)

        a = s.appointments
        for rows in _by_articles(conn, articles, select(a.c.id, a.c.person, a.c.post, a.c.person_id), a.c.article_id):
            updates = [{"row": i, "pid": keys.person_id(n, [post])} for i, n, post, pid in rows
                       if keys.person_id(n, [post]) != pid]
            changed["appointments"] += _update_person_ids(conn, a, updates)
        _canonical_posts(conn, paper, articles)

    conn.execute(update(s.posts).values(person_id=select(s.mentions.c.person_id)
                                        .where(s.mentions.c.id == s.posts.c.mention_id).scalar_subquery()))
    _person_stats(conn)
    return changed


REFRESH_ARTICLES = 2_000  # articles whose rows are read at a time: never every mention of the record at once


def _paper_articles(conn: Connection, paper: str) -> array[int]:
    """The ids of the paper's articles, in order, as a packed array (8 bytes an article)."""
    return array("q", conn.execute(select(s.articles.c.id).join(s.pages, s.pages.c.id == s.articles.c.page_id)
                                   .where(s.pages.c.paper == paper).order_by(s.articles.c.id)).scalars())


def _by_articles(conn: Connection, articles: array[int], query: Select[Any],
                 article_id: Any) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``query`` for ``articles`` (ids in order), read for ``REFRESH_ARTICLES`` articles at a
    time: the range of their ids in the index of ``article_id`` (not thousands of bound ids; rows of other
    papers' articles in the range are dropped here)."""
    for at in range(0, len(articles), REFRESH_ARTICLES):
        chunk = articles[at : at + REFRESH_ARTICLES]
        ids = set(chunk)
        rows = conn.execute(query.add_columns(article_id).where(article_id.between(chunk[0], chunk[-1])))
        yield [tuple(row[:-1]) for row in rows if row[-1] in ids]


def _update_person_ids(conn: Connection, table, updates: list[dict]) -> int:  # type: ignore[no-untyped-def]
    if updates:
        conn.execute(update(table).where(table.c.id == bindparam("row")).values(person_id=bindparam("pid")), updates)
    return len(updates)


def _canonical_posts(conn: Connection, paper: str, articles: array[int]) -> None:
    full_forms = set(conn.execute(select(s.organs.c.name).where(s.organs.c.paper == paper)).scalars())
    posts = select(s.posts.c.id, s.posts.c.post, s.posts.c.canonical)
    article_id = s.posts.c.article_id
    split: dict[str, tuple[str, str]] = {}  # post -> (organ, word): far fewer posts than rows
    for rows in _by_articles(conn, articles, posts, article_id):
        for _, post, _ in rows:
            if post not in split:
                split[post] = split_post(post)
    canon = organ_canon({organ for organ, _ in split.values()}, full_forms)
    for rows in _by_articles(conn, articles, posts, article_id):
        updates = []
        for pid, post, current in rows:
            organ, word = split[post]
            want = canon.get(organ, organ) + word if organ else post
            if want != current:
                updates.append({"row": pid, "canon": want})
        if updates:
            conn.execute(update(s.posts).where(s.posts.c.id == bindparam("row"))
                         .values(canonical=bindparam("canon")), updates)


def _person_stats(conn: Connection) -> None:
    m, a = s.mentions, s.articles
    mentioned = select(m.c.person_id, func.count().label("n"), func.min(a.c.date).label("first"),
                       func.max(a.c.date).label("last")).join(a, a.c.id == m.c.article_id).group_by(m.c.person_id)
    conn.execute(update(s.people).values(mentions=0, first_seen=None, last_seen=None))
    stats = [{"row": pid, "n": n, "first": first, "last": last} for pid, n, first, last in conn.execute(mentioned)
             if pid is not None]
    if stats:
        conn.execute(update(s.people).where(s.people.c.id == bindparam("row"))
                     .values(mentions=bindparam("n"), first_seen=bindparam("first"), last_seen=bindparam("last")),
                     stats)
    # a person no row points at any more (merged away) is dropped
    used = text(
        "DELETE FROM people WHERE id NOT IN (SELECT person_id FROM mentions WHERE person_id IS NOT NULL) "
        "AND id NOT IN (SELECT person_id FROM participants WHERE person_id IS NOT NULL) "
        "AND id NOT IN (SELECT person_id FROM appointments WHERE person_id IS NOT NULL)"
    )
    conn.execute(used)


def record_organs(conn: Connection, paper: str, bodies: list[str]) -> None:
    """Remember the full organ names a page prints, for abbreviations on any page of the paper."""
    names = set().union(*(full_organ_names(b) for b in bodies)) if bodies else set()
    if not names:
        return
    known = set(conn.execute(select(s.organs.c.name).where(s.organs.c.paper == paper, s.organs.c.name.in_(names)))
                .scalars())
    new = [{"paper": paper, "name": n, "canonical": n} for n in sorted(names - known)]
    insert_new(conn, s.organs, new, ["paper", "name"])  # a concurrent writer may add the same names


