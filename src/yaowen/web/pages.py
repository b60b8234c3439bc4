"""Server-rendered pages: home, search, article, raw page, people, person, meetings, topics, figures.

Templates are Jinja2 with autoescaping on; the only markup that reaches a page unescaped is what
``render`` built from escaped text (marked article text, snippets, chart JSON).
"""

from __future__ import annotations

from pathlib import Path as FsPath
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from ..record import listings, queries
from . import data, render
from .params import DateParam, FiltersDep, IdPath, IdQuery, PagingDep, RecordDep, TextParam, clean, found

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


templates.env.globals.update(url_with=url_with, api_url=api_url, topic_label=render.topic_label)
# a search snippet is already escaped by the record's search, with <mark> around the matches
templates.env.filters["snippet"] = Markup


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, rec: RecordDep) -> HTMLResponse:
    return _page(request, "home.html", **data.home_data(rec))


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, rec: RecordDep, filters: FiltersDep, paging: PagingDep,
                q: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    q = clean(q)
    result = data.search_data(rec, q, filters, paging)
    active = {k: v for k, v in vars(filters).items() if v}
    return _page(request, "search.html", q=q or "", result=result, active=active, paging=paging)


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
def meetings_page(request: Request, rec: RecordDep, paging: PagingDep, body: TextParam = None,
                  date_from: DateParam = None, date_to: DateParam = None, person: TextParam = None) -> HTMLResponse:
    rows = rec.meetings(body=clean(body), date_from=date_from, date_to=date_to, person=clean(person),
                        limit=paging.limit + 1, offset=paging.offset)
    with rec.engine.connect() as conn:
        bodies = queries.meeting_bodies(conn)
    return _page(request, "meetings.html", rows=rows[:paging.limit], more=len(rows) > paging.limit, bodies=bodies,
                 f={"body": clean(body), "date_from": date_from, "date_to": date_to, "person": clean(person)},
                 paging=paging)


@router.get("/topics", response_class=HTMLResponse)
def topics_page(request: Request, rec: RecordDep, date_from: DateParam = None,
                date_to: DateParam = None) -> HTMLResponse:
    rows = data.topic_months(rec, date_from, date_to)
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["topic"]] = totals.get(r["topic"], 0) + r["articles"]
    chart = render.topics_chart(rows)
    return _page(request, "topics.html", spec=render.chart_json(chart), has_chart=chart is not None,
                 totals=sorted(totals.items(), key=lambda kv: -kv[1]),
                 f={"date_from": date_from, "date_to": date_to})


@router.get("/figures", response_class=HTMLResponse)
def figures_page(request: Request, rec: RecordDep, paging: PagingDep, measure: TextParam = None,
                 unit: TextParam = None, target: bool | None = None, date_from: DateParam = None,
                 date_to: DateParam = None) -> HTMLResponse:
    with rec.engine.connect() as conn:
        rows = listings.figures(conn, clean(measure), clean(unit), target, date_from, date_to, None,
                                paging.limit + 1, paging.offset)
        units = data.figure_units(conn)
    return _page(request, "figures.html", rows=rows[:paging.limit], more=len(rows) > paging.limit, units=units,
                 f={"measure": clean(measure), "unit": clean(unit), "target": target, "date_from": date_from,
                    "date_to": date_to}, paging=paging)


@router.get("/api", response_class=HTMLResponse)
def api_page(request: Request) -> HTMLResponse:
    """The API's routes, read from the app's own OpenAPI schema (no external documentation viewer)."""
    schema = request.app.openapi()
    routes = [{"method": method.upper(), "path": path, "summary": op.get("summary", ""),
               "params": [p["name"] for p in op.get("parameters", [])]}
              for path, ops in schema["paths"].items() for method, op in ops.items()]
    return _page(request, "api.html", routes=routes)
