"""The web application: pages, the JSON API, local static assets and the security headers around them."""

from __future__ import annotations

import os
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import unquote_plus

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..record import Record
from ..validate import InvalidInput
from . import api, pages

STATIC = Path(__file__).with_name("static")
# Plotly's JavaScript as shipped inside the plotly Python package: served from here, never from a CDN
PLOTLY_JS = Path(str(files("plotly") / "package_data" / "plotly.min.js"))
# Swagger UI's files as shipped in the fastapi-offline package, for /docs (no CDN; Swagger UI 5 reads the
# OpenAPI 3.1 schema FastAPI writes, which the 4.x of other packages cannot)
SWAGGER_UI = Path(str(files("fastapi_offline") / "static"))

# Scripts only from this server (page data travels as JSON, never as inline script); Plotly sets inline
# styles on the charts it draws, so styles may be inline.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def create_app(record: Record | str | None = None, token: str | None = None) -> FastAPI:
    """The app over a record (a ``Record``, or a database as ``yaowen serve --db`` takes it).

    ``token`` (else ``$YAOWEN_TOKEN``) enables the API's write routes for requests that present it.
    """
    rec = record if isinstance(record, Record) else Record.open(record)
    app = _App(title="Yaowen 要闻", version=__version__, docs_url=None, redoc_url=None, lifespan=_lifespan,
                  description="A structured, searchable record of local governance, read from official newspapers.")
    app.state.record = rec
    app.state.token = token if token is not None else (os.environ.get("YAOWEN_TOKEN") or None)
    app.add_middleware(DropBlankParams)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static/app", StaticFiles(directory=STATIC), name="static")
    app.mount("/static/swagger", StaticFiles(directory=SWAGGER_UI), name="swagger")

    @app.get("/static/plotly.min.js", include_in_schema=False)
    def plotly_js() -> FileResponse:
        return FileResponse(PLOTLY_JS, media_type="text/javascript",
                            headers={"Cache-Control": "public, max-age=604800"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 422:  # a rule of yaowen.validate, raised in a dependency or a route
            return _unprocessable(request, [_error(request, str(exc.detail))])
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)
        return pages.templates.TemplateResponse(request, "error.html", {"status": exc.status_code,
                                                                        "detail": exc.detail},
                                                status_code=exc.status_code)

    @app.exception_handler(InvalidInput)
    async def invalid_input(request: Request, exc: InvalidInput) -> Response:
        # a search query that cannot run, from deep in the record: the same 422 a bad parameter gets
        return _unprocessable(request, [_error(request, str(exc), "q" if "q" in request.query_params else None)])

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        # a rule of yaowen.validate speaks for itself: drop pydantic's "Value error, " before its message
        return _unprocessable(request, [{"loc": list(e.get("loc", ())),
                                         "msg": e.get("msg", "").removeprefix("Value error, "),
                                         "type": e.get("type", "value_error")} for e in exc.errors()])

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        # a bug of ours: say so in the form the client reads (the traceback goes to the server's log)
        if _wants_json(request):
            return JSONResponse({"detail": "internal error"}, 500)
        return pages.templates.TemplateResponse(request, "error.html", {"status": 500, "detail": "internal error"},
                                                status_code=500)

    return app


def _error(request: Request, msg: str, name: str | None = None) -> dict[str, Any]:
    """One item of a 422 body, as the OpenAPI schema declares them (FastAPI's ValidationError)."""
    where = "query" if request.method in ("GET", "HEAD", "DELETE") else "body"
    return {"loc": [where, name] if name else [where], "msg": msg, "type": "value_error"}


def _unprocessable(request: Request, errors: list[dict[str, Any]]) -> Response:
    """A 422: the declared ``{"detail": [{"loc", "msg", "type"}]}`` in the API, the error page elsewhere."""
    if _wants_json(request):
        return JSONResponse({"detail": errors}, 422)
    detail = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" if len(e["loc"]) > 1 else e["msg"]
                       for e in errors)
    return pages.templates.TemplateResponse(request, "error.html", {"status": 422, "detail": detail},
                                            status_code=422)


class _App(FastAPI):
    def build_middleware_stack(self) -> ASGIApp:
        # outside Starlette's ServerErrorMiddleware, which answers a 500 past every middleware added inside it:
        # so a 500 carries the security headers too; HEAD is answered as GET without the body
        return SecurityHeaders(HeadAsGet(super().build_middleware_stack()))


class HeadAsGet:
    """HEAD on a GET route: FastAPI's routes answer GET only (405); HTTP says HEAD is GET without the body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = dict(message, body=b"")
            await send(message)

        await self.app(dict(scope, method="GET"), receive, send_headers_only)


class SecurityHeaders:
    """CSP and friends on every response (plain ASGI: no per-request task as with @app.middleware)."""

    HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
               (b"referrer-policy", b"same-origin")]

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = dict(message, headers=[*message.get("headers", []), *self.HEADERS])
            await send(message)

        await self.app(scope, receive, send_with_headers)


class DropBlankParams:
    """``?date_from=&body=`` means no filter: a form's empty fields are dropped before validation."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            parts = scope["query_string"].split(b"&")
            kept = [p for p in parts if unquote_plus(p.partition(b"=")[2].decode("latin-1")).strip()]
            if len(kept) != len(parts):
                scope = dict(scope, query_string=b"&".join(kept))
        await self.app(scope, receive, send)


@asynccontextmanager
async def _lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
    # Requests are CPU work under one GIL: a few threads per process serve them faster than anyio's default
    # 40, which mostly take turns at the lock while every request in flight waits longer.
    anyio.to_thread.current_default_thread_limiter().total_tokens = int(os.environ.get("YAOWEN_THREADS", "4"))
    yield


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory`` with several worker processes: the record from $YAOWEN_DB."""
    return create_app(os.environ.get("YAOWEN_DB"))
