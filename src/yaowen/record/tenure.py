"""The year of a page that shows none, from when the officials it names held the posts it gives them.

A page with month-day dates only (3月23日) and no issue date cannot place itself in time. The record can:
if it names 朱健 as 代理市长 and other, dated pages show 朱健 as 代理市长 only in 2020, the page is from 2020.
Each (person, post) pair of the page that other pages date gives a span of years (first to last seen);
the page's year is the one year all those spans share, or nothing if they share none or several.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select

from . import schema as s


def years_by_tenure(conn: Connection, new_pages: Select[Any] | None = None) -> dict[int, tuple[int, str]]:
    """{page id: (year, why)} for the stored pages without a year that tenure spans can date. ``new_pages``
    (a query of page ids): only the undated pages those pages can date — themselves, and the undated pages
    naming a person they name (whose spans they may have changed)."""
    p, a, po = s.pages, s.articles, s.posts
    undated_pages = select(p.c.id).where(p.c.year.is_(None))
    if new_pages is not None:
        persons = (select(po.c.person_id).join(a, a.c.id == po.c.article_id)
                   .where(a.c.page_id.in_(new_pages), po.c.person_id.is_not(None)).distinct())
        naming = select(a.c.page_id).join(po, po.c.article_id == a.c.id).where(po.c.person_id.in_(persons))
        undated_pages = undated_pages.where(or_(p.c.id.in_(new_pages), p.c.id.in_(naming)))
    undated = set(conn.execute(undated_pages).scalars())
    if not undated:
        return {}
    page_pairs: dict[int, set[tuple[int, str]]] = defaultdict(set)
    for page_id, person_id, post in conn.execute(
        select(a.c.page_id, po.c.person_id, po.c.canonical).join(a, a.c.id == po.c.article_id)
        .where(a.c.page_id.in_(undated), po.c.person_id.is_not(None)).distinct()
    ):
        page_pairs[page_id].add((person_id, post))
    named = {pid for pairs in page_pairs.values() for pid, _ in pairs}
    only_named = [po.c.person_id.in_(named)] if new_pages is not None else []  # the whole record: every span
    spans = {
        (person_id, post): (int(first[:4]), int(last[:4]))
        for person_id, post, first, last in conn.execute(
            select(po.c.person_id, po.c.canonical, func.min(po.c.date), func.max(po.c.date))
            .join(a, a.c.id == po.c.article_id).join(p, p.c.id == a.c.page_id)
            .where(p.c.year.is_not(None), po.c.date.is_not(None), po.c.person_id.is_not(None), *only_named)
            .group_by(po.c.person_id, po.c.canonical)
        )
    }
    names = dict(conn.execute(select(s.people.c.id, s.people.c.name)
                              .where(*[s.people.c.id.in_(named)] if new_pages is not None else [])).all())
    hints = {}
    for page_id, pairs in page_pairs.items():
        years: set[int] | None = None
        why = []
        for pair in sorted(pairs, key=lambda x: (names.get(x[0], ""), x[1])):
            if pair not in spans:
                continue
            first, last = spans[pair]
            years = set(range(first, last + 1)) if years is None else years & set(range(first, last + 1))
            why.append(f"{names.get(pair[0], '?')} {pair[1]} {first}" + (f"-{last}" if last != first else ""))
        if years is not None and len(years) == 1:
            hints[page_id] = (years.pop(), "officials' posts seen on dated pages: " + "; ".join(why[:4]))
    return hints
