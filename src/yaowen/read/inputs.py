"""Everything a command is given, as a stream of pages: page files, article dumps and web archives.

``iter_inputs`` expands the command line (files, directories, globs) and opens each file as what it is: a
page file is one page; a dump (JSON Lines, JSON array, CSV) or a web archive (WARC) is many, read record by
record. Each page comes with its bytes, its source ("dump.jsonl#17" for the article on line 17) and what the
container says about it, so ``extract`` and ``ingest`` treat all of them alike and never hold more than a
record at a time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from ..errors import PageError
from ..model import MediaType, Page, PageMeta
from . import MAX_BYTES, iter_sources, read_bytes, read_raw
from .dumps import DUMP_SUFFIXES, FieldMap, dump_kind, iter_dump
from .source_urls import SourceUrls, file_stem, origin_url
from .warc import WARC_SUFFIXES, is_warc, iter_warc

__all__ = ["CONTAINER_SUFFIXES", "PageInput", "iter_inputs", "read_input"]

CONTAINER_SUFFIXES = DUMP_SUFFIXES + WARC_SUFFIXES  # what a directory is also searched for


@dataclass(frozen=True)
class PageInput:
    """One page to read: its bytes and where they came from."""

    source: str
    raw: bytes
    stem: str  # a file name for its output ("page", "dump-17")
    media_type: MediaType | None = None  # None: sniffed from the bytes and the name
    container: PageMeta | None = None  # what an archive says about the page (URL, capture date)
    year_hint: tuple[int, str] | None = None  # (year, why) from outside the page, for one that shows none

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def read_input(item: PageInput) -> Page:
    return read_bytes(item.raw, item.source, item.media_type, item.container)


def iter_inputs(args: Iterable[str], fields: FieldMap | None = None, max_bytes: int | None = MAX_BYTES,
                urls: SourceUrls | None = None) -> Iterator[PageInput | PageError]:
    """The pages of the arguments in order; what cannot be read comes back as a PageError value (a page file
    over ``max_bytes`` too, unread: ``read_raw``). ``args`` is consumed as it goes (a manifest of millions of
    paths is never held as a list). A page file's source URL comes from ``urls`` (the user's table), else
    from the file's origin attribute (source_urls)."""
    for source in iter_sources(args, extra_suffixes=CONTAINER_SUFFIXES):
        if isinstance(source, PageError):
            yield source
        elif source == "-":
            yield PageError("-", "standard input is read by `yaowen extract -` only")
        elif is_warc(source):
            for item in iter_warc(source):
                yield item if isinstance(item, PageError) else PageInput(
                    item.source, item.raw, item.stem, "html", item.meta)
        elif (kind := dump_kind(source)) is not None:
            for record in iter_dump(source, fields, kind):
                yield record if isinstance(record, PageError) else PageInput(
                    record.source, record.raw, record.stem, "record")
        else:
            try:
                raw = read_raw(source, max_bytes)
            except PageError as e:
                yield e
                continue
            url = (urls.url_of(source) if urls is not None else None) or origin_url(source)
            yield PageInput(source, raw, file_stem(source), container=PageMeta(url=url) if url else None)
