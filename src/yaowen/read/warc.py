"""Web archives as input: the HTML pages of a ``.warc`` / ``.warc.gz`` file, read record by record.

What web-archive users hold: crawls (Heritrix, wget --warc-file, browsertrix) of a paper's site. Each
response (or resource) record with an HTML payload and status 200 is one page, with its URL, and the date
its markup, its URL or, failing both, its capture (WARC-Date) gives. Other records (requests, metadata,
images, style sheets, redirects) are not pages and are passed over. The archive is streamed (warcio reads
gzip member by member), so its size does not matter.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import PageError
from ..model import PageMeta
from .text import date_from_path

__all__ = ["WARC_SUFFIXES", "WarcPage", "is_warc", "iter_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
MAX_PAYLOAD = 256 * 1024 * 1024  # as for a page file: beyond this it is not a news page
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class WarcPage:
    """The HTML payload of one archive record, with what the archive says about it."""

    source: str  # "archive.warc.gz#N": the archive and the record's number in it (from 1)
    number: int
    raw: bytes
    meta: PageMeta  # url; date from the URL, else the capture date

    @property
    def stem(self) -> str:
        name = os.path.basename(self.source.rsplit("#", 1)[0])
        for suffix in WARC_SUFFIXES:
            name = name.removesuffix(suffix)
        return f"{name}-{self.number}"


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


def iter_warc(path: str) -> Iterator[WarcPage | PageError]:
    """The HTML pages of an archive in order; a record that breaks the archive ends it with a PageError."""
    from warcio.archiveiterator import ArchiveIterator  # loaded only for archives
    from warcio.exceptions import ArchiveLoadFailed

    try:
        f = open(path, "rb")  # noqa: SIM115 - closed below
    except FileNotFoundError:
        yield PageError(path, "no such file")
        return
    except OSError as e:
        yield PageError(path, f"cannot read: {e.strerror or type(e).__name__}")
        return
    number = 0
    with f:
        if not _starts_like_an_archive(f):
            yield PageError(path, "not a WARC file (it does not start with a WARC record)")
            return
        pages = 0
        try:
            records = ArchiveIterator(f, arc2warc=True)
            for record in records:
                number += 1
                page = _page(path, number, record)
                if records.err_count:  # the record's length did not match its header: the archive is damaged
                    yield PageError(f"{path} record {number}", "its length does not match its Content-Length "
                                                              "(damaged archive); the rest of the archive is skipped")
                    return
                if page is not None:
                    pages += 1
                    yield page
            if not pages:  # an archive that gives nothing says why, instead of nothing at all
                yield PageError(path, "not a readable WARC file (no record could be read)" if not number else
                                f"no HTML page in the archive ({number} record(s), none an HTML response)")
        except ArchiveLoadFailed as e:
            where = f"{path} record {number + 1}"
            yield PageError(where, f"not a readable WARC record ({' '.join(str(e).split())[:160]}); "
                                   "the rest of the archive is skipped")
        except Exception as e:  # noqa: BLE001 - warcio raises what its parser meets; say where, keep the rest
            yield PageError(f"{path} record {number + 1}", f"archive cut short or damaged ({type(e).__name__}: "
                                                           f"{' '.join(str(e).split())[:120]}); "
                                                           "the rest of the archive is skipped")


def _starts_like_an_archive(f) -> bool:  # type: ignore[no-untyped-def]
    head = f.read(4096)
    f.seek(0)
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip().startswith((b"WARC/", b"filedesc:"))


def _page(path: str, number: int, record) -> WarcPage | PageError | None:  # type: ignore[no-untyped-def]
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers
    if record.rec_type == "response":
        if headers is None or headers.get_statuscode() != "200":
            return None
        content_type = headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    if content_type.split(";")[0].strip().lower() not in _HTML_TYPES:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    where = f"{path} record {number}" + (f" ({url})" if url else "")
    payload = record.content_stream().read(MAX_PAYLOAD + 1)
    if len(payload) > MAX_PAYLOAD:
        return PageError(where, f"payload larger than {MAX_PAYLOAD // 2**20} MB: not a news page")
    if not payload.strip():
        return PageError(where, "empty HTML payload")
    captured = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    date = (date_from_path(url) if url else None) or captured
    return WarcPage(f"{path}#{number}", number, payload, PageMeta(url=url, date=date))
