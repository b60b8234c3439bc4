"""The JSON API under /api/v1/: the same listings and filters as the pages, each also as CSV (format=csv).

Reading needs nothing; the only writes (person rules) need the server's token as ``Authorization: Bearer``,
and there are none at all when the server was started without a token.
"""

from __future__ import annotations

import re
import secrets
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from ..record import listings, queries
from . import data
from .params import (
    DatesDep,
    FiltersDep,
    FormatParam,
    IdPath,
    IdQuery,
    KindParam,
    PagingDep,
    RecordDep,
    SortParam,
    TextParam,
    clean,
    found,
)
from .render import to_csv

router = APIRouter(prefix="/api/v1", tags=["api"])
_TAG_RE = re.compile(r"<[^>]+>")
SearchQuery = Annotated[str, Query(min_length=1, max_length=200, description='Words (all must occur); 审计 OR 疫情; '
                                   '-word or NOT word leaves out; "a phrase"; traditional script finds simplified')]
_CSV = {200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv"}}
_NOT_FOUND = {404: {"description": "No such item"}}


def _listing(rows: list[dict[str, Any]], fmt: str, name: str, columns: list[str] | None = None,
             **envelope: Any) -> Any:
    if fmt == "csv":
        return Response(to_csv(rows, columns).encode("utf-8-sig"), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="yaowen-{name}.csv"'})
    return envelope | {"items": rows}


def _hits_listing(result: dict[str, Any], fmt: str, name: str) -> Any:
    if fmt == "csv":
        rows = [h | {"snippet": _TAG_RE.sub("", h["snippet"])} for h in result["hits"]]
        return _listing(rows, fmt, name, ["article_id", "date", "paper", "headline", "score", "people", "topics",
                                          "snippet"])
    return result


@router.get("/search", responses=_CSV, summary="Full-text search (2-character words work), ranked, with facets")
def api_search(rec: RecordDep, q: SearchQuery, filters: FiltersDep, paging: PagingDep, fmt: FormatParam = "json",
               facets: bool = True, sort: SortParam = "relevance") -> Any:
    q_clean = clean(q) or ""
    result = data.search_data(rec, q_clean, filters, paging, with_facets=facets and fmt == "json", sort=sort)
    return _hits_listing(result, fmt, "search")


@router.get("/search/timeline", responses=_CSV, summary="How many articles match a query each month (attention "
                                                         "over time)")
def api_search_timeline(rec: RecordDep, q: SearchQuery, filters: FiltersDep, fmt: FormatParam = "json") -> Any:
    rows = rec.hits_by_month(clean(q) or "", filters)
    return _listing(rows, fmt, "search-timeline", ["month", "articles"], query=q)


@router.get("/articles", responses=_CSV, summary="Articles the filters allow, newest first")
def api_articles(rec: RecordDep, filters: FiltersDep, paging: PagingDep, fmt: FormatParam = "json") -> Any:
    return _hits_listing(data.articles_data(rec, filters, paging), fmt, "articles")


@router.get("/articles/{article_id}", responses=_NOT_FOUND,
            summary="One article: text, spans, people, meetings, documents, figures, appointments")
def api_article(rec: RecordDep, article_id: IdPath) -> dict[str, Any]:
    article = found(rec.article(article_id), f"article {article_id}")
    return article


@router.get("/people", responses=_CSV, summary="People by number of mentions; name matches any part")
def api_people(rec: RecordDep, paging: PagingDep, name: TextParam = None, paper: TextParam = None,
               fmt: FormatParam = "json") -> Any:
    rows = rec.people(clean(name), clean(paper), paging.limit, paging.offset)
    return _listing(rows, fmt, "people", limit=paging.limit, offset=paging.offset)


@router.get("/people/{person_id}", responses=_NOT_FOUND,
            summary="A person: post timeline, appearances, meetings, co-attendees")
def api_person(rec: RecordDep, person_id: IdPath) -> dict[str, Any]:
    person = found(data.person_data(rec, person_id), f"person {person_id}")
    return person


@router.get("/posts", responses=_CSV, summary="Who held which post: first and last date seen, articles")
def api_posts(rec: RecordDep, paging: PagingDep, person: TextParam = None, post: TextParam = None,
              fmt: FormatParam = "json") -> Any:
    with rec.engine.connect() as conn:
        rows = listings.posts(conn, clean(person), clean(post), paging.limit, paging.offset)
    return _listing(rows, fmt, "posts", limit=paging.limit, offset=paging.offset)


MEETING_COLUMNS = ["id", "date", "body", "name", "ordinal", "chairs", "attendees", "approved", "article_id",
                   "headline"]


@router.get("/meetings", responses=_CSV, summary="The meetings ledger: chairs, attendees, approved documents")
def api_meetings(rec: RecordDep, paging: PagingDep, dates: DatesDep, body: TextParam = None,
                 person: TextParam = None, fmt: FormatParam = "json") -> Any:
    rows = rec.meetings(body=clean(body), date_from=dates.date_from, date_to=dates.date_to, person=clean(person),
                        limit=paging.limit, offset=paging.offset)
    return _listing(rows, fmt, "meetings", MEETING_COLUMNS, limit=paging.limit, offset=paging.offset)


@router.get("/meeting-bodies", summary="Meeting bodies and how many meetings each held")
def api_meeting_bodies(rec: RecordDep) -> list[dict[str, Any]]:
    with rec.engine.connect() as conn:
        return queries.meeting_bodies(conn)


@router.get("/figures", responses=_CSV, summary="Extracted figures: measure, value, unit, target flag, source")
def api_figures(rec: RecordDep, paging: PagingDep, dates: DatesDep, measure: TextParam = None,
                unit: TextParam = None, target: bool | None = None, article_id: IdQuery = None,
                fmt: FormatParam = "json") -> Any:
    with rec.engine.connect() as conn:
        rows = listings.figures(conn, clean(measure), clean(unit), target, dates.date_from, dates.date_to,
                                article_id, paging.limit, paging.offset)
    return _listing(rows, fmt, "figures", limit=paging.limit, offset=paging.offset)


@router.get("/figures/measures", responses=_CSV,
            summary="Figures grouped by what they measure: count, dates, range and latest value per measure and unit")
def api_figure_measures(rec: RecordDep, paging: PagingDep, dates: DatesDep, measure: TextParam = None,
                        unit: TextParam = None, target: bool | None = None, fmt: FormatParam = "json") -> Any:
    with rec.engine.connect() as conn:
        rows = listings.figure_measures(conn, clean(measure), clean(unit), target, dates.date_from, dates.date_to,
                                        paging.limit, paging.offset)
    return _listing(rows, fmt, "figure-measures", limit=paging.limit, offset=paging.offset)


APPOINTMENT_COLUMNS = ["id", "date", "person", "person_id", "kind", "post", "paper", "article_id", "headline"]


@router.get("/appointments", responses=_CSV,
            summary="Who was appointed, removed, elected or made acting, to what, when")
def api_appointments(rec: RecordDep, paging: PagingDep, dates: DatesDep, person: TextParam = None,
                     post: TextParam = None, kind: KindParam = None, person_id: IdQuery = None,
                     fmt: FormatParam = "json") -> Any:
    rows = rec.appointments(person=clean(person), post=clean(post), kind=kind, date_from=dates.date_from,
                            date_to=dates.date_to, person_id=person_id, limit=paging.limit, offset=paging.offset)
    return _listing(rows, fmt, "appointments", APPOINTMENT_COLUMNS, limit=paging.limit, offset=paging.offset)


DOCUMENT_COLUMNS = ["id", "title", "approved", "approved_by", "articles", "first_cited", "last_cited"]


@router.get("/documents", responses=_CSV,
            summary="Documents cited (《…》): articles citing each, first and last cited, meetings that approved it")
def api_documents(rec: RecordDep, paging: PagingDep, dates: DatesDep, title: TextParam = None,
                  approved: bool | None = None, fmt: FormatParam = "json") -> Any:
    rows = rec.documents(title=clean(title), approved=approved, date_from=dates.date_from, date_to=dates.date_to,
                         limit=paging.limit, offset=paging.offset)
    if fmt == "csv":
        rows = [r | {"approved_by": [f"{m['date'] or ''} {m['name'] or m['body'] or ''}".strip()
                                     for m in r["approved_by"]]} for r in rows]
    return _listing(rows, fmt, "documents", DOCUMENT_COLUMNS, limit=paging.limit, offset=paging.offset)


@router.get("/documents/{document_id}", responses=_NOT_FOUND,
            summary="A document: its title, the meetings that approved it and every article that cites it")
def api_document(rec: RecordDep, document_id: IdPath) -> dict[str, Any]:
    return found(rec.document(document_id), f"document {document_id}")


@router.get("/topics", responses=_CSV, summary="Articles per topic per month")
def api_topics(rec: RecordDep, dates: DatesDep, fmt: FormatParam = "json") -> Any:
    return _listing(data.topic_months(rec, dates.date_from, dates.date_to), fmt, "topics")


@router.get("/stats", summary="Counts of everything in the record, papers, topics, meeting bodies")
def api_stats(rec: RecordDep) -> dict[str, Any]:
    return rec.stats()


# ---- writing: person rules (merge two names, split one), only with the server's token ----

_bearer = HTTPBearer(auto_error=False)


def require_token(request: Request,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    token: str | None = request.app.state.token
    if not token:
        raise HTTPException(403, "writing is disabled: start the server with --token (or YAOWEN_TOKEN)")
    if credentials is None or not secrets.compare_digest(credentials.credentials.encode(), token.encode()):
        raise HTTPException(401, "a valid 'Authorization: Bearer <token>' header is needed",
                            headers={"WWW-Authenticate": "Bearer"})


class RuleIn(BaseModel):
    kind: Literal["merge", "split"]
    name: str = Field(min_length=1, max_length=50, description="merge: the name folded in; split: the name split")
    target: str = Field(min_length=1, max_length=100,
                        description="merge: the person's name it joins; split: post text that marks the other")
    paper: str = Field("", max_length=100, description="'' = every paper")


@router.get("/rules", summary="Person rules made by hand")
def api_rules(rec: RecordDep) -> list[dict[str, Any]]:
    return rec.rules()


@router.post("/rules", status_code=201, dependencies=[Depends(require_token)],
             responses={401: {"description": "No or wrong token"}, 403: {"description": "Writing disabled"},
                        422: {"description": "Invalid rule"}},
             summary="Add a person rule (token needed); people are re-resolved")
def api_add_rule(rec: RecordDep, rule: RuleIn) -> dict[str, Any]:
    name, target = clean(rule.name), clean(rule.target)
    if not name or not target:
        raise HTTPException(422, "name and target must have text")
    try:
        counts = rec.add_rule(rule.kind, name, target, clean(rule.paper) or "")
    except ValueError as e:
        raise HTTPException(422, str(e)) from None
    return {"rule": rule.model_dump(), "people": counts}


@router.delete("/rules/{rule_id}", dependencies=[Depends(require_token)],
               responses={401: {"description": "No or wrong token"}, 403: {"description": "Writing disabled"},
                          **_NOT_FOUND},
               summary="Remove a person rule (token needed)")
def api_remove_rule(rec: RecordDep, rule_id: IdPath) -> dict[str, Any]:
    if not rec.remove_rule(rule_id):
        raise HTTPException(404, f"no rule {rule_id}")
    return {"removed": rule_id}
