"""The whole job for one page: read -> clean -> segment -> resolve, as one call a batch can map."""

from __future__ import annotations

from .clean import clean_page
from .model import Page, PageResult
from .resolve import resolve_dates
from .segment import segment_page


def process_page(page: Page) -> PageResult:
    clean = clean_page(page)
    articles = segment_page(page, clean)
    issue, note, year = resolve_dates(articles, clean, page.meta)
    return PageResult(page=page, clean=clean, articles=articles, issue_date=issue, issue_date_note=note, year=year)
