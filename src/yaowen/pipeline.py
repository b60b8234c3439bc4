"""The whole job for one page: read -> clean -> segment -> resolve, as one call a batch can map."""

from __future__ import annotations

import re

from .budget import check_time, time_budget
from .clean import clean_page
from .errors import PageError
from .extract import extract_facts
from .extract.documents import find_documents
from .model import Article, CleanText, DocumentRef, Page, PageResult
from .resolve import month_day_resolver, resolve_dates
from .segment import segment_page

MIN_HAN = 20  # fewer Chinese characters than this and the page is not Chinese news
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")


def process_page(page: Page, facts: bool = True, year_hint: tuple[int, str] | None = None,
                 time_limit: float | None = None) -> PageResult:
    """Read -> clean -> segment -> dates; with ``facts``, also extract people, meetings, figures ...

    ``year_hint`` (year, why): the page's year from elsewhere, used when the page itself shows none.
    ``time_limit``: seconds the page may take (None or 0: no limit); past it, ``budget.PageTimeout`` (a
    ``PageError``) says so.
    """
    if len(_HAN_RE.findall(page.text[:20000])) < MIN_HAN:
        raise PageError(page.source, "not a Chinese news page (almost no Chinese text)")
    with time_budget(page.source, time_limit):
        clean = clean_page(page)
        check_time()
        articles = segment_page(page, clean)
        check_time()
        issue, note, year = resolve_dates(articles, clean, page.meta, year_hint)
        result = PageResult(page=page, clean=clean, articles=articles, issue_date=issue, issue_date_note=note,
                            year=year)
        if facts:
            check_time()
            result.facts = extract_facts(articles, month_day_resolver(clean, year, issue), clean.text, issue)
            result.facts.documents += documents_outside_articles(clean, articles)
    return result


def documents_outside_articles(clean: CleanText, articles: list[Article]) -> list[DocumentRef]:
    """《…》 titles the page prints outside every article (a caption, a reprint notice in the footer) are
    the page's documents too; each is filed under the article printed before it (or the first)."""
    if not articles:
        return []
    spans = sorted((s.start, s.end, a.id) for a in articles for s in a.spans)
    out: list[DocumentRef] = []
    pos, owner = 0, articles[0].id
    for start, end, aid in [*spans, (len(clean.text), len(clean.text), "")]:
        if start > pos:
            out += [DocumentRef(owner, d.title) for d in find_documents(clean.text[pos:start])]
        if end > pos:
            pos, owner = end, aid or owner
    return out
