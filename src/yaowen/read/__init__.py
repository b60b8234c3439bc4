"""Read pages: files (.txt, .html, .pdf), directories, globs and stdin -> ``Page``.

A page's id is the SHA-256 of its bytes, so the same page read twice, from anywhere, is the same page.
Every failure is a ``PageError`` naming the source and the reason; nothing here raises anything else for
bad input, and ``iter_sources`` hands back a missing path as a value so a batch can report it and go on.
"""

from __future__ import annotations

import dataclasses
import errno
import glob
import hashlib
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import PageError
from ..model import MediaType, Page, PageMeta
from .encoding import EMPTY, decode_html
from .text import date_from_path, text_to_text

__all__ = ["read_path", "read_raw", "read_bytes", "read_stdin", "iter_sources", "date_from_path", "PAGE_SUFFIXES"]

# What a directory is searched for. A file named explicitly is read whatever its extension.
PAGE_SUFFIXES = (".txt", ".htm", ".html", ".xhtml", ".shtml", ".pdf")
_MEDIA_BY_SUFFIX: dict[str, MediaType] = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".htm": "html", ".html": "html", ".xhtml": "html", ".shtml": "html", ".pdf": "pdf",
}
# beyond this a file is not a newspaper page: refuse it before reading it (a 64 MB text page takes minutes,
# past the default time budget; a page of news is well under 1 MB of text, a PDF page with images tens of MB).
# The size budget of `extract` and `ingest`: --max-page-mb changes it.
MAX_BYTES = 64 * 1024 * 1024
STDIN = "<stdin>"

_GLOB_MAGIC_RE = re.compile(r"[*?[]")
_NONSPACE_RE = re.compile(r"\S")
_HTML_SNIFF_RE = re.compile(rb"<!doctype\s+html|<html[\s>]", re.I)


def _media_type(data: bytes, source: str) -> MediaType:
    if data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"  # the magic beats the name: a PDF saved as .txt or .html is still a PDF
    suffix = os.path.splitext(source)[1].lower()
    if suffix in _MEDIA_BY_SUFFIX:
        return _MEDIA_BY_SUFFIX[suffix]
    head = data[:1024]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[:1024:2].count(0) + head[1:1024:2].count(0) > 16:
        head = head.replace(b"\x00", b"")  # UTF-16 markup: the tags are ASCII with NULs between
    return "html" if _HTML_SNIFF_RE.search(head) else "text"


def read_bytes(data: bytes, source: str, media_type: MediaType | None = None,
               container: PageMeta | None = None) -> Page:
    """A Page from raw bytes; ``source`` names it in messages and output; ``media_type`` overrides sniffing.

    ``container``: what the file holding the page says about it (a web archive's URL and capture date);
    the page's own markup wins where it says the same thing.
    """
    if media_type is not None and media_type not in ("text", "html", "pdf", "record"):
        raise PageError(source, f"unknown media type {media_type!r} (text, html, pdf or record)")
    kind: MediaType = media_type or _media_type(data, source)
    encoding: str | None
    if kind == "record":  # an article of a dump (read.dumps), stored as its mapped record
        from .dumps import record_to_text

        text, meta = record_to_text(data, source)
        encoding = "utf-8"
    elif kind == "pdf":
        from .pdf import pdf_to_text  # pymupdf loads only for PDF pages

        text, meta = pdf_to_text(data, source)
        encoding = None
    elif kind == "html":
        from .html import html_to_text  # lxml loads only for HTML pages

        markup, encoding = decode_html(data, source)
        text, meta = html_to_text(markup, source)
    else:
        text, encoding, meta = text_to_text(data, source)
    if not _NONSPACE_RE.search(text):
        raise PageError(source, EMPTY if kind == "text" else f"no text found in the {kind.upper()} page")
    if container is not None:
        meta = PageMeta(**{k: getattr(meta, k) or getattr(container, k) for k in ("title", "date", "paper", "url")})
    if meta.date is None and source != STDIN and kind != "record":  # a dump's name dates the dump, not it
        meta = dataclasses.replace(meta, date=date_from_path(source))
    return Page(
        page_id=hashlib.sha256(data).hexdigest(), source=source, text=text, media_type=kind,
        encoding=encoding, size=len(data), meta=meta,
    )


def read_path(path: str | os.PathLike[str]) -> Page:
    """Read one page from a file (``"-"`` reads stdin). Raises ``PageError`` for anything unreadable."""
    source = os.fspath(path)
    if source == "-":
        return read_stdin()
    return read_bytes(read_raw(source), source)


def read_raw(source: str, max_bytes: int | None = MAX_BYTES) -> bytes:
    """The bytes of a page file, or a ``PageError`` saying why they cannot be had; a file over ``max_bytes``
    (None or 0: no limit) is refused before it is read, so it never holds up the pages after it."""
    try:
        if os.path.isdir(source):
            raise PageError(source, "is a directory, not a file")
        size = os.stat(source).st_size
        if max_bytes and size > max_bytes:
            raise PageError(source, f"over the page size budget ({_mb(size)} > {_mb(max_bytes)}; "
                                    "--max-page-mb raises it, 0 for no limit)")
        with open(source, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise PageError(source, link_problem(source) or "no such file") from None
    except PermissionError:
        raise PageError(source, "permission denied") from None
    except IsADirectoryError:
        raise PageError(source, "is a directory, not a file") from None
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise PageError(source, SYMLINK_LOOP) from None
        raise PageError(source, f"cannot read: {e.strerror or type(e).__name__}") from None


def _mb(size: int) -> str:
    return f"{size / 2**20:.3g} MB"


SYMLINK_LOOP = "symbolic link loop (following it never reaches a file)"


def link_problem(path: str) -> str | None:
    """Why a path that is a symbolic link leads nowhere (a loop, a missing target), or None."""
    if not os.path.islink(path):
        return None
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return SYMLINK_LOOP
        try:
            return f"broken symbolic link (its target {os.readlink(path)} does not exist)"
        except OSError:
            return "broken symbolic link"
    return None


def read_stdin() -> Page:
    """Read one page from standard input; its source is ``"<stdin>"`` and its type is sniffed."""
    stream = getattr(sys.stdin, "buffer", None)
    try:
        # a text-only stdin (an embedding, a test double) gives str: take it as the UTF-8 it was meant as
        data = stream.read() if stream is not None else sys.stdin.read().encode("utf-8")
    except (OSError, ValueError) as e:
        raise PageError(STDIN, f"cannot read: {e}") from None
    return read_bytes(data, STDIN)


def iter_sources(args: Iterable[str], extra_suffixes: tuple[str, ...] = ()) -> Iterator[str | PageError]:
    """Expand command-line arguments into page paths, in order, each once.

    A file is taken as named; a directory yields its page files (``PAGE_SUFFIXES``), recursively, sorted;
    a glob pattern (``*``, ``?``, ``[...]``, ``**``) yields its matches, sorted (directories it matches are
    expanded, files need a page suffix unless the pattern spells the extension out, like ``*.dat``);
    ``-`` stands for stdin. What cannot be found comes back as a ``PageError`` value, not an exception.
    ``extra_suffixes``: other files a directory or pattern is searched for (article dumps, web archives).
    """
    suffixes = PAGE_SUFFIXES + extra_suffixes
    seen: set[str] = set()

    def once(path: str) -> Iterator[str]:
        key = os.path.normpath(os.path.abspath(path)) if path != "-" else "-"
        if key not in seen:
            seen.add(key)
            yield path

    for arg in args:
        if arg == "-":
            yield from once(arg)
        elif os.path.isdir(arg):
            unreadable: list[PageError] = []
            found = list(_walk(arg, suffixes, unreadable))
            yield from unreadable
            if not found and not unreadable:
                yield PageError(arg, f"no page files in directory ({' '.join(suffixes)})")
            for path in found:
                yield from once(path)
        elif os.path.exists(arg):
            yield from once(arg)
        elif (problem := link_problem(arg)) is not None:
            yield PageError(arg, problem)
        elif _GLOB_MAGIC_RE.search(arg):
            found = list(_glob(arg, suffixes))
            if not found:
                yield PageError(arg, "no page files match this pattern")
            for path in found:
                yield from once(path)
        else:
            yield PageError(arg, "no such file or directory")


def _walk(top: str, suffixes: tuple[str, ...] = PAGE_SUFFIXES,
          unreadable: list[PageError] | None = None) -> Iterator[str]:
    """The page files under ``top``, sorted; a directory that cannot be listed goes to ``unreadable``
    (its pages would otherwise be missing without a word). Symbolic links to directories are followed (a
    corpus is often a tree of links to where the papers are kept), each directory once: a link back to one
    already walked (a loop, or a second way to the same pages) is not walked again."""
    found: list[tuple[tuple[str, ...], str]] = []
    walked: set[tuple[int, int]] = set()  # (device, inode) of the directories walked

    def cannot_list(e: OSError) -> None:
        if unreadable is not None:
            why = "permission denied" if isinstance(e, PermissionError) else (e.strerror or type(e).__name__)
            unreadable.append(PageError(e.filename or top, f"cannot read this directory ({why}): its pages are "
                                                           "skipped"))

    for root, dirs, files in os.walk(top, onerror=cannot_list, followlinks=True):
        try:
            st = os.stat(root)
        except OSError as e:
            cannot_list(e)
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in walked:
            dirs[:] = []
            continue
        walked.add((st.st_dev, st.st_ino))
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # .git, .cache: never pages
        for name in files:
            if name.lower().endswith(suffixes) and not name.startswith("."):
                path = os.path.join(root, name)
                found.append((Path(os.path.relpath(path, top)).parts, path))
    # sort by path components, so "a/b.txt" < "a.b/c.txt" the way a reader of the tree expects
    yield from (path for _, path in sorted(found))


def _glob(pattern: str, suffixes: tuple[str, ...] = PAGE_SUFFIXES) -> Iterator[str]:
    # "*.dat" names its extension: the user asked for those files. "*" or "2021-*" did not: pages only.
    tail = os.path.basename(pattern)
    explicit_suffix = "." in tail and not _GLOB_MAGIC_RE.search(tail.rsplit(".", 1)[1])
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            if not pattern.endswith("**"):  # "**" already yields every file below; do not walk twice
                yield from _walk(match, suffixes)  # (a glob's unreadable directories: glob skips them too)
        elif explicit_suffix or match.lower().endswith(suffixes):
            yield match
