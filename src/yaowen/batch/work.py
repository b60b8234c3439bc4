"""What is done to one page wherever it runs (this process, a local worker, a Ray worker): read its bytes,
run the pipeline, and return its JSON-ready record or the one-line reason it failed.

Workers return plain records (not the pipeline's objects), so results cross process and machine boundaries
cheaply, and every engine gives the same records for the same pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import PageError
from ..model import Page
from ..output import page_record
from ..pipeline import process_page
from ..read import read_path
from ..read.inputs import PageInput, read_input


@dataclass
class PageOutcome:
    source: str
    record: dict[str, Any] | None = None  # the page's JSON record
    error: str | None = None  # the one-line message when the page could not be processed
    stem: str | None = None  # a file name for the page's output
    item: PageInput | None = None  # the input it came from: set by the engine in this process, never shipped
    tsvectors: list[bytes] | None = None  # its articles' search index values, when the job asks (beside the record)


@dataclass(frozen=True)
class Extraction:
    """The job for one page, as a picklable callable an engine ships to its workers.

    ``options``: keyword arguments of ``process_page`` for every page (passed on as they are).
    ``printed_paper``: when the page's container names no paper, the record takes the one its masthead or
    datelines print (what the record stores; ``extract`` shows the container's only).
    ``search_index``: also work out each article's PostgreSQL tsvector (``record.tsvector``), carried beside
    the record (which stays as ``extract`` writes it): where the workers are, not in the process that writes.
    """

    options: dict[str, Any] = field(default_factory=dict)
    printed_paper: bool = False
    search_index: bool = False

    def __call__(self, item: PageInput) -> PageOutcome:
        outcome = _guarded(item.source, item.stem, lambda: self.record(item))
        if self.search_index and outcome.record is not None:
            from ..record.tsvector import article_tsvectors  # the record's, loaded only where it is used

            outcome.tsvectors = article_tsvectors(outcome.record["articles"])
        return outcome

    def record(self, item: PageInput) -> dict[str, Any]:
        return self.record_of(read_input(item), item.year_hint)

    def record_of(self, page: Page, year_hint: tuple[int, str] | None = None) -> dict[str, Any]:
        result = process_page(page, year_hint=year_hint, **self.options)
        record = page_record(result)
        if self.printed_paper:
            from ..record.papers import printed_paper  # the record's rule, loaded only where it is used

            record["paper"] = record.get("paper") or printed_paper(result)
        return record


def extract_path(source: str, extraction: Extraction) -> PageOutcome:
    """The outcome of one path read here (standard input, which only this process can read)."""
    return _guarded(source, None, lambda: extraction.record_of(read_path(source)))


def _guarded(source: str, stem: str | None, work: Callable[[], dict[str, Any]]) -> PageOutcome:
    try:
        return PageOutcome(source, record=work(), stem=stem)
    except PageError as e:
        return PageOutcome(source, error=str(e), stem=stem)
    except Exception as e:  # noqa: BLE001 - one bad page must not stop the batch; say what broke
        return PageOutcome(source, error=f"{source}: internal error while processing: {type(e).__name__}: {e}",
                           stem=stem)
