"""Read pages: files (.txt, .html, .pdf), directories, globs and stdin -> ``Page``.

A page's id is the SHA-256 of its bytes, so the same page read twice, from anywhere, is the same page.
Every failure is a ``PageError`` naming the source and the reason; nothing here raises anything else for
bad input.
"""

from __future__ import annotations

import glob
import hashlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from ..errors import PageError
from ..model import MediaType, Page, PageMeta
from .dates import date_in
from .encoding import declared_charset, decode_text

__all__ = ["read_path", "read_bytes", "read_stdin", "iter_sources", "PAGE_SUFFIXES"]

PAGE_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".htm": "html", ".html": "html",
                 ".xhtml": "html", ".shtml": "html", ".pdf": "pdf"}
MAX_BYTES = 200 * 1024 * 1024  # a "page" larger than this is not a page: refuse it with a clear message


def _sniff(data: bytes, source: str) -> MediaType:
    suffix = Path(source).suffix.lower()
    if suffix in PAGE_SUFFIXES:
        return PAGE_SUFFIXES[suffix]  # type: ignore[return-value]
    head = data[:1024].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "html"
    return "text"


def read_bytes(data: bytes, source: str, media_type: MediaType | None = None) -> Page:
    """A Page from raw bytes; ``source`` names it in messages and output."""
    kind = media_type or _sniff(data, source)
    page_id = hashlib.sha256(data).hexdigest()
    path_date = date_in(source)
    if kind == "pdf":
        from .pdf import pdf_to_text

        text, meta = pdf_to_text(data, source)
        encoding = None
    elif kind == "html":
        from .html import html_to_text

        markup, encoding = decode_text(data, source, declared_charset(data))
        text, meta = html_to_text(markup)
    else:
        text, encoding = decode_text(data, source)
        meta = PageMeta()
    if not text.strip():
        raise PageError(source, "no text on the page")
    if meta.date is None and path_date:
        meta = PageMeta(title=meta.title, date=path_date, paper=meta.paper, url=meta.url)
    return Page(page_id=page_id, source=source, text=text, media_type=kind, encoding=encoding, size=len(data),
                meta=meta)


def read_path(path: str | os.PathLike[str]) -> Page:
    source = str(path)
    if source == "-":
        return read_stdin()
    p = Path(source)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise PageError(source, "is a directory")
        if size > MAX_BYTES:
            raise PageError(source, f"too large for a page ({size / 1e6:.0f} MB > {MAX_BYTES / 1e6:.0f} MB)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise PageError(source, "no such file") from None
    except PermissionError:
        raise PageError(source, "permission denied") from None
    except IsADirectoryError:
        raise PageError(source, "is a directory") from None
    except OSError as e:
        raise PageError(source, f"cannot read ({e.strerror or e})") from None
    return read_bytes(data, source)


def read_stdin() -> Page:
    data = sys.stdin.buffer.read()
    return read_bytes(data, "<stdin>")


def iter_sources(args: list[str]) -> Iterator[str | PageError]:
    """Expand arguments into page paths: files, directories (recursive, page files only, sorted), glob
    patterns, and "-" for standard input. A missing path yields a PageError instead of stopping the batch."""
    for arg in args:
        if arg == "-":
            yield arg
            continue
        if any(ch in arg for ch in "*?[") and not os.path.exists(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield PageError(arg, "no file matches the pattern")
            for m in matches:
                yield from _expand(Path(m))
            continue
        p = Path(arg)
        if not p.exists():
            yield PageError(arg, "no such file or directory")
            continue
        yield from _expand(p)


def _expand(p: Path) -> Iterator[str]:
    if p.is_dir():
        for root, dirs, files in os.walk(p):
            dirs.sort()
            for name in sorted(files):
                if Path(name).suffix.lower() in PAGE_SUFFIXES:
                    yield str(Path(root) / name)
    else:
        yield str(p)
