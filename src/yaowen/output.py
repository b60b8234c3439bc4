"""Page results as JSON in the annotation format of ../shared/eval/GOLD.md, plus provenance."""

from __future__ import annotations

from typing import Any

from . import __version__
from .model import Article, PageResult


def article_record(a: Article, result: PageResult) -> dict[str, Any]:
    omap = result.clean.offsets
    return {
        "id": a.id,
        "kicker": a.kicker,
        "headline": a.headline,
        "subheadline": a.subheadline,
        "column": a.column,
        "source": a.source,
        "reporters": a.reporters,
        "correspondents": a.correspondents,
        "dateline": a.dateline,
        "event_date": a.event_date,
        "body_start": a.body_start,
        "body_end": a.body_end,
        "body": a.body,
        "fragment": a.fragment,
        "continued_from": a.continued_from,
        "continues_to": a.continues_to,
        "topics": a.topics,
        # provenance: spans of the cleaned page text, and the same spans in the page text as read
        "spans": [[s.start, s.end] for s in a.spans],
        "raw_spans": [list(omap.span(s.start, s.end)) for s in a.spans],
        "notes": a.notes,
    }


def page_record(result: PageResult) -> dict[str, Any]:
    page = result.page
    return {
        "source": page.source.replace("\\", "/").rsplit("/", 1)[-1],
        "page_id": page.page_id,
        "media_type": page.media_type,
        "encoding": page.encoding,
        "script": result.clean.script,
        "issue_date": result.issue_date,
        "issue_date_note": result.issue_date_note,
        "extractor": f"yaowen {__version__}",
        "articles": [article_record(a, result) for a in result.articles],
        "repairs": [
            {"kind": r.kind, "raw_span": [r.start, r.end], "text": r.text, "raw": r.raw} for r in result.clean.repairs
        ],
        # facts come with the extraction stage; the lists are here so the format is complete
        "people": [],
        "meetings": [],
        "documents": [],
        "figures": [],
        "appointments": [],
    }
