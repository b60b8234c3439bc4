"""Query parameters shared by the pages and the API, validated once: filters, paging, output format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, TypeVar

from fastapi import Depends, HTTPException, Path, Query, Request

from ..record import Filters, Record

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # a year, a month or a day: the period it names
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


DateParam = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD")]
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


async def article_filters(date_from: DateParam = None, date_to: DateParam = None, topic: TextParam = None,
                    body: TextParam = None, person: TextParam = None, paper: TextParam = None) -> Filters:
    """Filters on articles: date range, topic, meeting body (市委常委会 ...), person named, paper."""
    return Filters(date_from=date_from, date_to=date_to, topic=clean(topic), body=clean(body),
                   person=clean(person), paper=clean(paper))


async def get_record(request: Request) -> Record:
    return request.app.state.record


PagingDep = Annotated[Paging, Depends(paging)]
FiltersDep = Annotated[Filters, Depends(article_filters)]
RecordDep = Annotated[Record, Depends(get_record)]
