"""Server-rendered pages: home, search, article, raw page, people, person, posts, meetings, appointments,
documents, topics, figures, and the API's documentation (/api, Swagger UI at /docs).

Templates are Jinja2 with autoescaping on; the only markup that reaches a page unescaped is what
``render`` built from escaped text (marked article text, snippets, chart JSON).
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ..record import QueryError, listings, queries
from . import data, render
from .params import (
    DatesDep,
    FiltersDep,
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

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(FsPath(__file__).with_name("templates")))
templates.env.auto_reload = False  # templates ship with the package: no stat() of each file per render


def url_with(request: Request, path: str | None = None, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one); a new filter goes to page 1."""
    params = _query(request)
    if "offset" not in changes:
        params.pop("offset", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return (path or request.url.path) + ("?" + query if query else "")


def _query(request: Request) -> dict[str, str]:
    """A copy of the request's query parameters, parsed once per request (a page makes hundreds of links)."""
    parsed = getattr(request.state, "query", None)
    if parsed is None:
        parsed = request.state.query = dict(request.query_params)
    return dict(parsed)


def api_url(request: Request, path: str, fmt: str) -> str:
    """The API twin of this listing as a download: the same filters, every row up to the API's limit."""
    params = {k: v for k, v in request.query_params.items() if k not in ("offset", "limit")}
    return path + "?" + urlencode(params | {"format": fmt, "limit": "10000"})


templates.env.globals.update(url_with=url_with, api_url=api_url, topic_label=render.topic_label,
                             meeting_name=render.meeting_name, kind_label=render.kind_label)
templates.env.filters["value"] = render.figure_value
# a search snippet is already escaped by the record's search, with <mark> around the matches
templates.env.filters["snippet"] = Markup


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, rec: RecordDep) -> HTMLResponse:
    return _page(request, "home.html", **data.home_data(rec))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, rec: RecordDep, filters: FiltersDep, paging: PagingDep,
                q: Annotated[str | None, Query(max_length=200)] = None, sort: SortParam = "relevance") -> HTMLResponse:
    q = clean(q)
    active = {k: v for k, v in vars(filters).items() if v}
    try:
        result = data.search_data(rec, q, filters, paging, sort=sort)
    except QueryError as e:  # said on the search page itself, with the form to write it again
        return templates.TemplateResponse(request, "search.html", {
            "q": q or "", "result": None, "active": active, "paging": paging, "sort": sort, "problem": str(e)},
            status_code=422)
    timeline = render.hits_chart(rec.hits_by_month(q, filters)) if q and result["total"] else None
    return _page(request, "search.html", q=q or "", result=result, active=active, paging=paging, sort=sort,
                 timeline=render.chart_json(timeline), has_timeline=timeline is not None)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, rec: RecordDep, article_id: IdPath) -> HTMLResponse:
    article = found(rec.article(article_id), f"article {article_id}")
    return _page(request, "article.html", a=article, text=render.article_text(article))


@router.get("/pages/{page_id}/raw", response_class=HTMLResponse)
def raw_page(request: Request, rec: RecordDep, page_id: IdPath,
             article: IdQuery = None) -> HTMLResponse:
    page = found(data.raw_page_data(rec, page_id), f"page {page_id}")
    text = render.raw_page_text(page["text"], page["spans"], article)
    return _page(request, "raw.html", p=page, text=text, current=article)


@router.get("/pages/{page_id}/source")
def page_source(rec: RecordDep, page_id: IdPath) -> Response:
    """The page's bytes exactly as ingested, as a download (never rendered by the browser)."""
    with rec.engine.connect() as conn:
        page = found(queries.page_raw(conn, page_id), f"page {page_id}")
    name = FsPath(page["source"].replace("\\", "/")).name or f"page-{page_id}"
    return Response(page["raw"], media_type="application/octet-stream",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name, safe='')}"})


@router.get("/people", response_class=HTMLResponse)
def people_page(request: Request, rec: RecordDep, paging: PagingDep, name: TextParam = None) -> HTMLResponse:
    rows = rec.people(clean(name), None, paging.limit + 1, paging.offset)
    return _page(request, "people.html", rows=rows[:paging.limit], more=len(rows) > paging.limit, name=name or "",
                 paging=paging)


@router.get("/people/{person_id}", response_class=HTMLResponse)
def person_page(request: Request, rec: RecordDep, person_id: IdPath) -> HTMLResponse:
    person = found(data.person_data(rec, person_id, recent=30), f"person {person_id}")
    charts = {"timeline": render.timeline_chart(person["timeline"]),
              "appearances": render.appearances_chart(person["appearances_by_month"]),
              "network": render.network_chart(person["network"])}
    return _page(request, "person.html", p=person, charts={k: render.chart_json(v) for k, v in charts.items()},
                 has={k: v is not None for k, v in charts.items()})


@router.get("/posts", response_class=HTMLResponse)
def posts_page(request: Request, rec: RecordDep, paging: PagingDep, post: TextParam = None,
               person: TextParam = None) -> HTMLResponse:
    """Who held a post when (市长: every holder, latest first)."""
    with rec.engine.connect() as conn:
        rows = listings.posts(conn, clean(person), clean(post), paging.limit + 1, paging.offset)
    return _page(request, "posts.html", rows=rows[:paging.limit], more=len(rows) > paging.limit,
                 f={"post": clean(post), "person": clean(person)}, paging=paging)


@router.get("/meetings", response_class=HTMLResponse)
def meetings_page(request: Request, rec: RecordDep, paging: PagingDep, dates: DatesDep, body: TextParam = None,
                  person: TextParam = None) -> HTMLResponse:
    rows = rec.meetings(body=clean(body), date_from=dates.date_from, date_to=dates.date_to, person=clean(person),
                        limit=paging.limit + 1, offset=paging.offset)
    with rec.engine.connect() as conn:
        bodies = queries.meeting_bodies(conn)
    return _page(request, "meetings.html", rows=rows[:paging.limit], more=len(rows) > paging.limit, bodies=bodies,
                 f={"body": clean(body), "date_from": dates.date_from, "date_to": dates.date_to,
                    "person": clean(person)}, paging=paging)


@router.get("/appointments", response_class=HTMLResponse)
def appointments_page(request: Request, rec: RecordDep, paging: PagingDep, dates: DatesDep,
                      person: TextParam = None, post: TextParam = None, kind: KindParam = None) -> HTMLResponse:
    """Who was appointed, removed, elected or made acting, to what, when."""
    rows = rec.appointments(person=clean(person), post=clean(post), kind=kind, date_from=dates.date_from,
                            date_to=dates.date_to, limit=paging.limit + 1, offset=paging.offset)
    return _page(request, "appointments.html", rows=rows[:paging.limit], more=len(rows) > paging.limit,
                 kinds=render.APPOINTMENT_KINDS, paging=paging,
                 f={"person": clean(person), "post": clean(post), "kind": kind, "date_from": dates.date_from,
                    "date_to": dates.date_to})


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, rec: RecordDep, paging: PagingDep, dates: DatesDep, title: TextParam = None,
                   approved: bool | None = None) -> HTMLResponse:
    """Documents cited, the articles citing each and the meetings that approved it."""
    rows = rec.documents(title=clean(title), approved=approved, date_from=dates.date_from, date_to=dates.date_to,
                         limit=paging.limit + 1, offset=paging.offset)
    return _page(request, "documents.html", rows=rows[:paging.limit], more=len(rows) > paging.limit, paging=paging,
                 f={"title": clean(title), "approved": approved, "date_from": dates.date_from,
                    "date_to": dates.date_to})


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, rec: RecordDep, document_id: IdPath) -> HTMLResponse:
    doc = found(rec.document(document_id), f"document {document_id}")
    return _page(request, "document.html", d=doc)


@router.get("/topics", response_class=HTMLResponse)
def topics_page(request: Request, rec: RecordDep, dates: DatesDep) -> HTMLResponse:
    date_from, date_to = dates.date_from, dates.date_to
    rows = data.topic_months(rec, date_from, date_to)
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["topic"]] = totals.get(r["topic"], 0) + r["articles"]
    chart = render.topics_chart(rows)
    return _page(request, "topics.html", spec=render.chart_json(chart), has_chart=chart is not None,
                 totals=sorted(totals.items(), key=lambda kv: -kv[1]),
                 f={"date_from": date_from, "date_to": date_to})


@router.get("/figures", response_class=HTMLResponse)
def figures_page(request: Request, rec: RecordDep, paging: PagingDep, dates: DatesDep, measure: TextParam = None,
                 unit: TextParam = None, target: bool | None = None,
                 group: Annotated[Literal["measure"] | None, Query(description="measure: one row per measure")] = None,
                 ) -> HTMLResponse:
    """Every figure, or (group=measure) one row per measure and unit with its count, dates and values."""
    args = (clean(measure), clean(unit), target, dates.date_from, dates.date_to)
    with rec.engine.connect() as conn:
        if group == "measure":
            rows = listings.figure_measures(conn, *args, paging.limit + 1, paging.offset)
        else:
            rows = listings.figures(conn, *args, None, paging.limit + 1, paging.offset)
        units = data.figure_units(conn)
    return _page(request, "figures.html", rows=rows[:paging.limit], more=len(rows) > paging.limit, units=units,
                 group=group, paging=paging,
                 f={"measure": clean(measure), "unit": clean(unit), "target": target, "date_from": dates.date_from,
                    "date_to": dates.date_to})


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> HTMLResponse:
    """Swagger UI over /openapi.json, from the swagger-ui-bundle package's files."""
    return _page(request, "docs.html")


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The API's routes, read from the app's own OpenAPI schema (no external documentation viewer)."""
    schema = request.app.openapi()
    routes = [{"method": method.upper(), "path": path, "summary": op.get("summary", ""),
               "params": [p["name"] for p in op.get("parameters", [])]}
              for path, ops in schema["paths"].items() for method, op in ops.items()]
    return _page(request, "api.html", routes=routes)
