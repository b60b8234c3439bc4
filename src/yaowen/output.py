"""Page results as JSON in the annotation format of ../shared/eval/GOLD.md, plus provenance."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from . import __version__
from .model import Article, PageResult
from .sources import shown


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
        "source": shown(page.source.replace("\\", "/").rsplit("/", 1)[-1]),  # any file name, as printable text
        "page_id": page.page_id,
        "paper": page.meta.paper,
        "title": page.meta.title,
        "url": page.meta.url,
        "media_type": page.media_type,
        "encoding": page.encoding,
        "script": result.clean.script,
        "issue_date": result.issue_date,
        "issue_date_note": result.issue_date_note,
        "year": result.year,
        "extractor": f"yaowen {__version__}",
        "articles": [article_record(a, result) for a in result.articles],
        "repairs": [
            {"kind": r.kind, "raw_span": [r.start, r.end], "text": r.text, "raw": r.raw} for r in result.clean.repairs
        ],
        **facts_record(result),
    }


def _where(result: PageResult, article_id: str, start: int, end: int) -> dict[str, Any]:
    """Provenance of a fact: its span in the article body, the cleaned text and the page as read."""
    art = _by_id(result)[article_id]
    if art.body_map is None:
        return {"body_span": [start, end]}
    c0, c1 = art.body_map.span(start, end)
    return {"body_span": [start, end], "clean_span": [c0, c1], "raw_span": list(result.clean.offsets.span(c0, c1))}


_INDEX: dict[int, tuple[PageResult, dict[str, Article]]] = {}


def _by_id(result: PageResult) -> dict[str, Article]:
    """Articles by id, built once per result (a huge page has tens of thousands of facts and articles)."""
    cached = _INDEX.get(id(result))
    if cached is None or cached[0] is not result:
        _INDEX.clear()
        cached = (result, {a.id: a for a in result.articles})
        _INDEX[id(result)] = cached
    return cached[1]


def facts_record(result: PageResult) -> dict[str, Any]:
    f = result.facts
    if f is None:
        return {"people": [], "meetings": [], "documents": [], "figures": [], "appointments": []}
    documents = list(dict.fromkeys(d.title for d in f.documents))
    return {
        "people": [asdict(p) for p in f.people],
        "mentions": [
            {"name": m.name, "titles": m.titles, "article": m.article, "how": m.how,
             **_where(result, m.article, m.start, m.end)}
            for m in f.mentions
        ],
        "meetings": [
            {k: v for k, v in asdict(m).items() if k not in ("start", "end")} | _where(result, m.article, m.start, m.end)
            for m in f.meetings
        ],
        "documents": documents,
        "figures": [
            {k: v for k, v in asdict(x).items() if k not in ("start", "end")} | _where(result, x.article, x.start, x.end)
            for x in f.figures
        ],
        "appointments": [
            {k: v for k, v in asdict(x).items() if k not in ("start", "end")} | _where(result, x.article, x.start, x.end)
            for x in f.appointments
        ],
    }
