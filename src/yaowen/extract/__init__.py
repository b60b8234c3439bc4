"""Fact extraction from rebuilt articles: people and posts, meetings, documents, appointments, figures, topics.

Every fact keeps the offsets of the text that states it, in its article's body; ``Article.body_map`` and
``CleanText.offsets`` take them back to the cleaned text and to the page as read.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from ..budget import check_time
from ..model import Article, Figure, PageFacts, Person, PersonMention
from .appointments import find_appointments
from .documents import approved_titles, find_documents
from .figures import find_figures
from .meetings import cited_leader, find_meetings, name_finder, name_unnamed_sessions
from .people import find_people, is_longer_form, titled_people
from .people.scores import scored_together
from .textscan import WordFinder
from .topics import classify_topics

__all__ = ["extract_facts"]

# is one post a longer form of another: asked of every pair of a person's posts on every page, of posts that recur
# from page to page (书记, 市长, 中共中央总书记); each answer reads the post lexicon character by character
_longer_form = lru_cache(maxsize=1 << 14)(is_longer_form)

DateResolver = Callable[[int, int], "str | None"]


def extract_facts(
    articles: list[Article], resolve_md: DateResolver, page_text: str = "", issue_date: str | None = None
) -> PageFacts:
    captions = _caption_lines(articles, page_text)
    # the articles' texts, all of which the people grammar reads, scored by the name recogniser in one pass (the
    # few captions it reads are scored together later: ``aggregate_people``)
    with scored_together([a.body for a in articles] + [line for a in articles for line in _stack_lines(a)]):
        return _extract(articles, resolve_md, page_text, issue_date, captions)


def _stack_lines(a: Article) -> list[str]:
    return [line for line in (a.kicker, a.headline, a.subheadline) if line]


def _extract(
    articles: list[Article], resolve_md: DateResolver, page_text: str, issue_date: str | None, captions: list[str]
) -> PageFacts:
    facts = PageFacts()
    stacks = {a.id: "\n".join(x for x in (a.kicker, a.headline, a.subheadline) if x) for a in articles}
    by_article: dict[str, list[PersonMention]] = {}
    for a in articles:
        check_time()
        by_article[a.id] = [PersonMention(m.name, m.titles, a.id, m.start, m.end, m.how) for m in find_people(a.body)]
        facts.mentions += by_article[a.id]
        facts.appointments += find_appointments(a.body, a.id, stacks[a.id])
    # a name the page gives anywhere (with a post, or in a decision) may stand bare at a meeting elsewhere on it
    known = name_finder([m.name for m in facts.mentions if not cited_leader(m)] + [ap.person for ap in facts.appointments])
    for a in articles:
        check_time()
        body, stack = a.body, stacks[a.id]
        facts.documents += find_documents(body, a.id)
        check_time()
        meetings = find_meetings(
            a.id, body, stack, by_article[a.id], lambda s, e, b=body: approved_titles(b, s, e), a.event_date, resolve_md,
            issue_date, known,
        )
        facts.meetings += meetings
        check_time()
        figures = find_figures(body, a.id)
        # a figure the headline states and the body does not repeat ("千亿元融资助推…") is the article's too
        in_body = {(f.value, f.unit) for f in figures}
        facts.figures += figures + [
            Figure(a.id, f.text, f.value, f.unit, f.measure, f.approximate, f.target, 0, 0)
            for f in find_figures(stack, a.id)
            if (f.value, f.unit) not in in_body
        ]
        # the meetings an article reports held say what it is about as plainly as its headline does
        a.topics = classify_topics(a.headline, a.kicker, a.subheadline, body, [m.name for m in meetings])
    name_unnamed_sessions(facts.meetings, page_text, {a.id: a.body for a in articles})
    facts.people = aggregate_people(articles, facts, captions)
    return facts


def aggregate_people(articles: list[Article], facts: PageFacts, captions: list[str]) -> list[Person]:
    """One record per name on the page, with all its posts (a short form dropped when the page also gives
    the long one: 总书记 / 中共中央总书记, 市人大常委会副主任 / 市六届人大常委会副主任) and every article that
    names the person. Posts printed in a headline line count too (谷春立当选中共鞍山市委书记), and so do those of
    a photo caption left out of every article (市委副书记、市长张桂华致欢迎辞) for someone the articles name."""
    titles: dict[str, list[str]] = {}
    for m in facts.mentions:
        titles.setdefault(m.name, [])
        titles[m.name] += [t for t in m.titles if t not in titles[m.name]]
    for a in articles:
        for line in _stack_lines(a):
            for hm in titled_people(line):
                # a headline names someone new only with a post: a bare name there may be another story's
                if hm.titles and (hm.name in titles or hm.how in ("title", "appointed")):
                    titles.setdefault(hm.name, [])
                    titles[hm.name] += [t for t in hm.titles if t not in titles[hm.name]]
    known = frozenset(titles)
    naming = _naming_some(captions, known)
    with scored_together(naming):
        for line in naming:
            for hm in titled_people(line, known):
                if hm.name in titles:
                    titles[hm.name] += [t for t in hm.titles if t not in titles[hm.name]]
    for ap in facts.appointments:
        # a post someone is given, or relieved of, is a post the page gives them
        titles.setdefault(ap.person, [])
        if ap.post not in titles[ap.person]:
            titles[ap.person].append(ap.post)
    # every article that names the person (in its headline lines or body), one pass per article over all names
    seen: dict[str, list[str]] = {name: [] for name in titles}
    if titles:
        finder = WordFinder(titles)
        for a in articles:
            printed = "\n".join(x for x in (a.kicker, a.headline, a.subheadline, a.body) if x)
            for name in dict.fromkeys(printed[s:e] for s, e in finder.spans(printed)):
                seen[name].append(a.id)
    people = []
    for name, ts in titles.items():
        kept = [t for t in ts if not any(o != t and _longer_form(o, t) for o in ts)] if len(ts) > 1 else list(ts)
        people.append(Person(name, kept, seen[name]))
    return people


def _naming_some(lines: list[str], names: frozenset[str]) -> list[str]:
    """The lines that hold all the characters of one of ``names`` at least: a name the grammar finds in a line
    is made of the line's characters, and a page's captions mostly name no one the page's articles name (the
    grammar costs a dozen passes over each line it reads)."""
    by_first: dict[str, list[str]] = {}
    for name in names:
        by_first.setdefault(name[:1], []).append(name)
    out = []
    for line in lines:
        chars = set(line)
        if any(chars.issuperset(name) for c in chars & by_first.keys() for name in by_first[c]):
            out.append(line)
    return out


def _caption_lines(articles: list[Article], page_text: str) -> list[str]:
    """Short lines of the page that no article printed (photo captions and the like)."""
    printed = {line.strip() for a in articles for x in (a.kicker, a.headline, a.subheadline, a.body) if x
               for line in x.splitlines()}
    return [s for line in page_text.splitlines() if 4 <= len(s := line.strip()) <= 60 and s not in printed]
