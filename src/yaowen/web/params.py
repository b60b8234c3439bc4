"""Query parameters shared by the pages and the API, validated once: filters, paging, output format.

Dates, topics and kinds follow ``yaowen.validate``, the rules the command line uses, so a mistake gets the
same message a person understands (422) in the API, on a page and in a terminal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, TypeVar

from fastapi import Depends, HTTPException, Path, Query, Request
from pydantic import AfterValidator

from .. import validate
from ..record import Filters, Record

MAX_LIMIT = 10_000  # a download of a whole listing; pages show PAGE_SIZE rows
PAGE_SIZE = 20


def clean(value: str | None) -> str | None:
    """A text parameter without NUL characters (PostgreSQL refuses them) and surrounding space; '' is None."""
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    return value or None


T = TypeVar("T")


def found(item: T | None, what: str) -> T:
    """The item, or a 404 naming what was asked for (``what``: "article 12")."""
    if item is None:
        raise HTTPException(404, f"No {what}")
    return item


DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD: the period it names (date_to 2023 runs to the year's end)"
DateFrom = Annotated[str | None, Query(max_length=20, description=DATE_HELP),
                     AfterValidator(lambda v: validate.date_bound(v, "date_from"))]
DateTo = Annotated[str | None, Query(max_length=20, description=DATE_HELP),
                   AfterValidator(lambda v: validate.date_bound(v, "date_to"))]
TopicParam = Annotated[str | None, Query(max_length=100, description="A topic's label (审计整改) or code (audit)"),
                       AfterValidator(lambda v: validate.topic(v, "topic"))]
KindParam = Annotated[str | None, Query(max_length=20, description="appoint (任命), remove (免去), elect (当选) "
                                                                    "or acting (代理)"),
                      AfterValidator(lambda v: validate.appointment_kind(v, "kind"))]
SortParam = Annotated[Literal["relevance", "date"], Query(description="relevance (best first) or date (newest first)")]
TextParam = Annotated[str | None, Query(max_length=100)]
MAX_ID = 2**31 - 1  # ids are positive 32-bit integers on both backends
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]
Format = Literal["json", "csv"]
FormatParam = Annotated[Format, Query(alias="format", description="json, or csv for a download")]


@dataclass
class Paging:
    limit: int
    offset: int


# The dependencies are async (they do no I/O) so that FastAPI calls them in the event loop instead of
# handing each to the thread pool.
async def paging(limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = PAGE_SIZE,
           offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0) -> Paging:
    return Paging(limit, offset)


@dataclass
class Dates:
    date_from: str | None
    date_to: str | None


async def date_range(date_from: DateFrom = None, date_to: DateTo = None) -> Dates:
    """Both bounds valid, and the first not after the second."""
    try:
        validate.date_range(date_from, date_to, "date_from", "date_to")
    except validate.InvalidInput as e:
        raise HTTPException(422, str(e)) from None
    return Dates(date_from, date_to)


DatesDep = Annotated[Dates, Depends(date_range)]


async def article_filters(dates: DatesDep, topic: TopicParam = None, body: TextParam = None,
                          person: TextParam = None, paper: TextParam = None) -> Filters:
    """Filters on articles: date range, topic, meeting body (市委常委会 ...), person named, paper."""
    return Filters(date_from=dates.date_from, date_to=dates.date_to, topic=topic, body=clean(body),
                   person=clean(person), paper=clean(paper))


async def get_record(request: Request) -> Record:
    return request.app.state.record


PagingDep = Annotated[Paging, Depends(paging)]
FiltersDep = Annotated[Filters, Depends(article_filters)]
RecordDep = Annotated[Record, Depends(get_record)]
