"""Who is who across pages: one person record per real person within a paper, and their posts over time.

A mention's person is found by its *key* within its paper: the name itself, unless

- a hand-made ``merge`` rule folds the name into another (群策 -> 邓群策), or the paper shows a surname-less
  given name (群策) that only one full name of the paper ends with and that shares one of its posts;
- a hand-made ``split`` rule marks the mentions whose posts contain some text as another person of the
  same name (王伟 the village head, not 王伟 the vice mayor) -> key ``王伟#村委会主任``.

Organ abbreviations in posts are expanded where the paper prints both forms (organs.py: 市工信局 -> 衡阳市工业和信息化局),
so a timeline does not show one post twice.
"""

from __future__ import annotations

import json
from array import array
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, partial
from typing import Any

from sqlalchemy import Connection, Select, bindparam, delete, func, select, update

from ..extract.lexicons import load_lexicon
from . import schema as s
from .organs import organ_canon, split_post
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
    """Person row ids by key for one paper, read from the record as they are needed (``prefetch``: many keys
    in one query) and created on first use (ingest's side of resolution). Never the paper's every person at
    once: that grows with the archive, and a page names dozens."""

    def __init__(self, conn: Connection, paper: str, rules: Rules) -> None:
        self.conn, self.paper, self.rules = conn, paper, rules
        self.ids: dict[str, int] = {}

    @classmethod
    def for_connection(cls, conn: Connection, paper: str) -> PersonKeys:
        return cls(conn, paper, Rules.load(conn, paper))

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the ids of those ``keys`` not yet known, 500 to a query."""
        t = s.people
        for chunk in _chunks(sorted(set(keys) - self.ids.keys())):
            self.ids.update(self.conn.execute(select(t.c.key, t.c.id).where(t.c.paper == self.paper,
                                                                            t.c.key.in_(chunk))).all())

    def person_id(self, name: str, titles: list[str] | None) -> int:
        return self.id_for_key(self.rules.key(name, titles))

    def id_for_key(self, key: str) -> int:
        pid = self.ids.get(key)
        if pid is None:
            self.prefetch([key])
            pid = self.ids.get(key)
        if pid is None:
            # another writer may have made this person since: then theirs is the one
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


def _is_given_name(name: str) -> bool:
    """A name that may be a surname-less given name (群策), which given_name_aliases may fold into a full one."""
    return len(name) == 2 and name[0] not in _surnames()


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
        if not _is_given_name(name) or not posts:
            continue
        fulls = [f for f in full_by_tail.get(name, []) if names_posts[f] & posts]
        if len(fulls) == 1:
            aliases[name] = fulls[0]
    return aliases


def refresh_people(conn: Connection, new_pages: Select[Any] | None = None,
                   organ_papers: Collection[str] = ()) -> dict[str, int]:
    """Re-resolve every mention, participant and appointment to its person; update posts and counts.

    Runs after each ingest and after a rule changes. Returns how many rows changed person. ``new_pages``
    (a query of page ids): only what those pages can change — their own rows, every row of the given names
    they print or their full names may stand for (the one key later pages can move), the counts of those people, the canonical posts of those
    pages (of every page of the papers in ``organ_papers``, whose full organ names grew) — the same result
    as the whole refresh, at the cost of the pages rather than of the record. The new pages are taken
    ``REFRESH_ARTICLES`` articles at a time, each group as an incremental refresh of its own, and the whole
    refresh reads the record that many articles at a time: memory follows a group's people, not the record.
    """
    changed = {"mentions": 0, "participants": 0, "appointments": 0}
    p, a = s.pages, s.articles
    papers = (select(p.c.paper).distinct() if new_pages is None else
              select(p.c.paper).where(p.c.id.in_(new_pages)).distinct())
    for paper in conn.execute(papers).scalars().all():
        of_paper = select(a.c.id).join(p, p.c.id == a.c.page_id).where(p.c.paper == paper)
        articles = _article_ids(conn, of_paper)
        if new_pages is None:
            _resolve(conn, paper, None, partial(_by_articles, conn, articles), changed, None)
            _canonical_posts(conn, paper, articles)
            continue
        touched: set[int] = set()  # people whose rows the new pages' rows join or leave: recounted once
        new_articles = _article_ids(conn, of_paper.where(p.c.id.in_(new_pages)))
        for at in range(0, len(new_articles), REFRESH_ARTICLES):
            group = new_articles[at:at + REFRESH_ARTICLES]
            names = _names_to_resolve(conn, of_paper.where(p.c.id.in_(new_pages),
                                                           a.c.id.between(group[0], group[-1])))
            # a given name's person may change with what the paper prints (given_name_aliases): every row of
            # it is looked at again; any other name's key is its row's own, so only the group's rows are
            given = {n for n in names if _is_given_name(n)}
            _resolve(conn, paper, given, partial(_by_names, conn, paper), changed, touched)
            _resolve(conn, paper, names - given, partial(_by_articles, conn, group), changed, touched)
        _person_stats(conn, touched)  # once for the paper: a common name's person is in every group
        _canonical_posts(conn, paper, articles if paper in organ_papers else new_articles)

    if new_pages is None:
        conn.execute(update(s.posts).values(person_id=select(s.mentions.c.person_id)
                                            .where(s.mentions.c.id == s.posts.c.mention_id).scalar_subquery()))
        _person_stats(conn, None)
    return changed


RowsOf = Callable[[Select[Any], Any, Any, set[str] | None], Iterator[list[tuple[Any, ...]]]]  # _by_articles, _by_names


def _resolve(conn: Connection, paper: str, names: set[str] | None, rows_of: RowsOf,
             changed: dict[str, int], touched: set[int] | None) -> None:
    """Resolve the rows ``rows_of(query, article id column, name column, names)`` gives, a part at a time:
    every row of the paper (``names`` None), or those of ``names`` — then the posts of the mentions that
    moved follow them, and the people they join or leave are added to ``touched``."""
    rules = Rules.load(conn, paper)
    m, pa, ap = s.mentions, s.participants, s.appointments
    deciding = None if names is None else names | _full_names_for(conn, paper, names, rules)
    mention_rows = select(m.c.id, m.c.name, m.c.titles, m.c.person_id)
    names_posts: dict[str, set[str]] = defaultdict(set)
    for rows in rows_of(mention_rows, m.c.article_id, m.c.name, deciding):
        for _, name, titles, _ in rows:
            names_posts[name].update(json.loads(titles or "[]"))
    for alias, full in given_name_aliases(names_posts).items():
        rules.merges.setdefault(alias, full)
    del names_posts
    keys = PersonKeys(conn, paper, rules)
    # each table's rows (id, name, …, person id), and the titles a row gives for its name's key
    resolvers: list[tuple[Any, Select[Any], Any, Any, Callable[[Any], list[str] | None]]] = [
        (m, mention_rows, m.c.article_id, m.c.name, lambda r: json.loads(r[2] or "[]")),
        (pa, select(pa.c.id, pa.c.name, pa.c.person_id).join(s.meetings, s.meetings.c.id == pa.c.meeting_id),
         s.meetings.c.article_id, pa.c.name, lambda r: None),
        (ap, select(ap.c.id, ap.c.person, ap.c.post, ap.c.person_id), ap.c.article_id, ap.c.person,
         lambda r: [r[2]]),
    ]
    for table, query, article_id, name_column, titles_of in resolvers:
        for rows in rows_of(query, article_id, name_column, names):
            row_keys = [rules.key(r[1], titles_of(r)) for r in rows]
            keys.ids.clear()  # the ids of this part's people only
            keys.prefetch(row_keys)
            updates = []
            for r, key in zip(rows, row_keys, strict=True):
                new, old = keys.id_for_key(key), r[-1]
                if new != old:
                    updates.append({"row": r[0], "pid": new, "old": old})
                if touched is not None:
                    touched.add(new)
                    if new != old and old is not None:
                        touched.add(old)
            changed[table.name] += _update_person_ids(conn, table, updates)
            if table is m and touched is not None:
                _move_posts(conn, updates)


REFRESH_ARTICLES = 2_000  # articles whose rows are read at a time: never every mention of the record at once


def _article_ids(conn: Connection, query: Select[Any]) -> array[int]:
    """The article ids ``query`` gives, in order, as a packed array (8 bytes an article)."""
    return array("q", conn.execute(query.order_by(s.articles.c.id)).scalars())


def _by_articles(conn: Connection, articles: array[int], query: Select[Any], article_id: Any,
                 name_column: Any = None, names: set[str] | None = None) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``query`` (id, name, …) for ``articles`` (ids in order) — those of ``names`` unless None —
    read ``REFRESH_ARTICLES`` articles at a time: the range of their ids in the index of ``article_id`` (not
    thousands of bound ids; rows of other articles in the range are dropped here)."""
    for at in range(0, len(articles), REFRESH_ARTICLES):
        chunk = articles[at : at + REFRESH_ARTICLES]
        ids = set(chunk)
        rows = conn.execute(query.add_columns(article_id).where(article_id.between(chunk[0], chunk[-1])))
        yield [tuple(row[:-1]) for row in rows if row[-1] in ids and (names is None or row[1] in names)]


def _by_names(conn: Connection, paper: str, query: Select[Any], article_id: Any, name_column: Any,
              names: set[str] | None) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``query`` on the paper's pages whose ``name_column`` is one of ``names``, 500 names at a
    time: found through the name's index, each row's paper looked up from there (joined the other way round,
    SQLite walks every article of the paper for each lookup)."""
    a, p = s.articles, s.pages
    paper_of = select(p.c.paper).join(a, a.c.page_id == p.c.id).where(a.c.id == article_id).scalar_subquery()
    for chunk in _chunks(sorted(names or ())):
        yield [tuple(row) for row in conn.execute(query.where(name_column.in_(chunk), paper_of == paper))]


def _move_posts(conn: Connection, updates: list[dict[str, Any]]) -> None:
    """Posts follow their mentions to their new person: by the person first where there is one (posts are
    indexed by person, not by mention)."""
    po = s.posts
    for known, rows in ((True, [u for u in updates if u["old"] is not None]),
                        (False, [u for u in updates if u["old"] is None])):
        if rows:
            conn.execute(update(po).where(po.c.person_id == bindparam("old") if known else po.c.person_id.is_(None),
                                          po.c.mention_id == bindparam("row")).values(person_id=bindparam("pid")),
                         rows)


def printed_by_page(conn: Connection, page_ids: Iterable[int]) -> dict[int, set[str]]:
    """{page id: the names of people its facts give} (pages that give none are left out)."""
    a, m, pa, mt, ap = s.articles, s.mentions, s.participants, s.meetings, s.appointments
    ids = sorted(set(page_ids))
    out: dict[int, set[str]] = {}
    for at in range(0, len(ids), 500):
        chunk = a.c.page_id.in_(ids[at:at + 500])
        for query in (select(a.c.page_id, m.c.name).join(m, m.c.article_id == a.c.id),
                      select(a.c.page_id, pa.c.name).join(mt, mt.c.article_id == a.c.id)
                      .join(pa, pa.c.meeting_id == mt.c.id),
                      select(a.c.page_id, ap.c.person).join(ap, ap.c.article_id == a.c.id)):
            for page_id, name in conn.execute(query.where(chunk).distinct()):
                out.setdefault(page_id, set()).add(name)
    return out


def _printed(conn: Connection, new_articles: Select[Any]) -> set[str]:
    m, pa, ap = s.mentions, s.participants, s.appointments
    names = set(conn.execute(select(m.c.name).where(m.c.article_id.in_(new_articles)).distinct()).scalars())
    names |= set(conn.execute(select(pa.c.name).join(s.meetings, s.meetings.c.id == pa.c.meeting_id)
                              .where(s.meetings.c.article_id.in_(new_articles)).distinct()).scalars())
    names |= set(conn.execute(select(ap.c.person).where(ap.c.article_id.in_(new_articles)).distinct()).scalars())
    return names


def _names_to_resolve(conn: Connection, new_articles: Select[Any]) -> set[str]:
    """The names the new pages print, and the given names (群策) their full names (邓群策) may stand for."""
    names = _printed(conn, new_articles)
    surnames = _surnames()
    return names | {n[-2:] for n in names if len(n) in (3, 4) and n[:-2] in surnames}


def _full_names_for(conn: Connection, paper: str, names: set[str], rules: Rules) -> set[str]:
    """The paper's full names (surname + two characters) that end with one of the given names among
    ``names``: what deciding which full name a given name stands for looks at."""
    surnames = _surnames()
    given = sorted(n for n in names if _is_given_name(n))
    pe = s.people
    tail = func.substr(pe.c.name, func.length(pe.c.name) - 1)
    known = {name for chunk in _chunks(given) for name in conn.execute(
        select(pe.c.name).where(pe.c.paper == paper, func.length(pe.c.name).in_([3, 4]), tail.in_(chunk))
        .distinct()).scalars()}
    tails = set(given)
    known |= {f for f in rules.merges if f[-2:] in tails}
    return {f for f in known if len(f) in (3, 4) and f[:-2] in surnames and f[-2:] in tails}


def _update_person_ids(conn: Connection, table, updates: list[dict]) -> int:  # type: ignore[no-untyped-def]
    if updates:
        conn.execute(update(table).where(table.c.id == bindparam("row")).values(person_id=bindparam("pid")), updates)
    return len(updates)


def _canonical_posts(conn: Connection, paper: str, articles: array[int]) -> None:
    full_forms = set(conn.execute(select(s.organs.c.name).where(s.organs.c.paper == paper)).scalars())
    posts = select(s.posts.c.id, s.posts.c.post, s.posts.c.canonical)
    split: dict[str, tuple[str, str]] = {}  # post -> (organ, word): far fewer posts than rows
    for rows in _by_articles(conn, articles, posts, s.posts.c.article_id):
        for _, post, _ in rows:
            if post not in split:
                split[post] = split_post(post)
    canon = organ_canon({organ for organ, _ in split.values()}, full_forms)
    for rows in _by_articles(conn, articles, posts, s.posts.c.article_id):
        updates = []
        for pid, post, current in rows:
            organ, word = split[post]
            want = canon.get(organ, organ) + word if organ else post
            if want != current:
                updates.append({"row": pid, "canon": want})
        if updates:
            conn.execute(update(s.posts).where(s.posts.c.id == bindparam("row"))
                         .values(canonical=bindparam("canon")), updates)


def _person_stats(conn: Connection, ids: set[int] | None = None) -> None:
    """Recount people's mentions and first and last dates (``ids``: those people only), and drop the people
    no row points at any more (merged away)."""
    if ids is not None:
        for chunk in _chunks(sorted(ids)):
            _recount(conn, chunk)
        return
    _recount(conn, None)


def _recount(conn: Connection, ids: list[int] | None) -> None:
    m, a, pe = s.mentions, s.articles, s.people
    mentioned = select(m.c.person_id, func.count().label("n"), func.min(a.c.date).label("first"),
                       func.max(a.c.date).label("last")).join(a, a.c.id == m.c.article_id).group_by(m.c.person_id)
    reset = update(pe).values(mentions=0, first_seen=None, last_seen=None)
    if ids is not None:
        mentioned, reset = mentioned.where(m.c.person_id.in_(ids)), reset.where(pe.c.id.in_(ids))
    conn.execute(reset)
    stats = [{"row": pid, "n": n, "first": first, "last": last} for pid, n, first, last in conn.execute(mentioned)
             if pid is not None]
    if stats:
        conn.execute(update(pe).where(pe.c.id == bindparam("row"))
                     .values(mentions=bindparam("n"), first_seen=bindparam("first"), last_seen=bindparam("last")),
                     stats)
    unused = (pe.c.id.not_in(select(t.c.person_id).where(t.c.person_id.is_not(None)))
              for t in (s.mentions, s.participants, s.appointments))
    conn.execute(delete(pe).where(*unused, *([pe.c.id.in_(ids)] if ids is not None else [])))


def _chunks(items: list[Any], n: int = 500) -> Iterator[list[Any]]:
    for at in range(0, len(items), n):
        yield items[at:at + n]
