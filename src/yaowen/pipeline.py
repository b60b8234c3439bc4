"""The whole job for one page: read -> clean -> segment -> resolve, as one call a batch can map."""

from __future__ import annotations

import re
from functools import cache
from itertools import islice

from .budget import check_time, time_budget
from .clean import clean_page
from .errors import PageError
from .extract import extract_facts
from .extract.documents import find_documents
from .model import Article, CleanText, DocumentRef, Page, PageResult
from .read import read_bytes
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
    # count up to MIN_HAN in the first 20 K characters, not every one of them
    if sum(1 for _ in islice(_HAN_RE.finditer(page.text, 0, 20000), MIN_HAN)) < MIN_HAN:
        raise PageError(page.source, "not a Chinese news page (almost no Chinese text)")
    if time_limit:
        _warmed_up()
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


@cache
def _warmed_up() -> None:
    """Run a short page through every step once, so the models and word lists the steps load on first use
    (the name recogniser, jieba's dictionary, the lexicons) are loaded before a page's time budget starts:
    the budget measures the page, not a fresh worker's start."""
    text = "临江市召开安全生产工作会议\n本报讯 3月5日，市委书记王一明主持召开会议，市领导李建国、张华出席。会议听取了市应急管理局关于全市安全生产工作情况的汇报，审议通过了《临江市安全生产三年行动方案》，新增就业1.2万人。"
    process_page(read_bytes(text.encode(), "<warm-up>"))


def documents_outside_articles(clean: CleanText, articles: list[Article]) -> list[DocumentRef]:
    """《…》 titles the page prints outside every article (a caption, a reprint notice in the footer) are
    the page's documents too; each is filed under the article printed before it (or the first)."""
    if not articles:
        return []
    spans = sorted((s.start, s.end, a.id) for a in articles for s in a.spans)
    out: list[DocumentRef] = []
    pos, owner = 0, articles[0].id
    for start, end, aid in [*spans, (len(clean.text), len(clean.text), "")]:
        if start > pos and clean.text.find("《", pos, start) >= 0:  # (a title opens with 《: most gaps hold none)
            out += [DocumentRef(owner, d.title) for d in find_documents(clean.text[pos:start])]
        if end > pos:
            pos, owner = end, aid or owner
    return out
