"""Where a page file was fetched from: a table of source URLs the user kept (``--urls TABLE``, or one a
scrape left beside its pages: ``tables_beside``), or the URL a download tool wrote on the file (the
``user.xdg.origin.url`` extended attribute of wget --xattr, curl --xattr and browsers on Linux).

A page saved as text loses its address, and with it, for a page that prints no year, the only place its
year is written (``…/c/201202/19/….html``): so a scraper's log of file -> URL is worth reading. The URL is
the page's container metadata, like a dump record's ``url`` field: a date in it is the issue date when the
page prints none, a year and month in it date the page's month-days (resolve).
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

__all__ = ["SourceUrls", "load_source_urls", "origin_url", "tables_beside"]

NAME_COLUMNS = ("path", "file", "filename", "file_name", "name", "id", "stem", "page", "文件", "文件名", "路径", "编号")
URL_COLUMNS = ("url", "link", "href", "source_url", "网址", "链接")
_XATTR = "user.xdg.origin.url"
_AMBIGUOUS = ""  # a short key two rows share with different URLs: it names neither


@dataclass
class SourceUrls:
    """Source URLs by page: a row's path (as written, or from its table's directory), its file name, its
    stem. A file name or stem two rows give different URLs is not used (the paths still are)."""

    tables: list[str] = field(default_factory=list)
    by_path: dict[str, str] = field(default_factory=dict)
    by_name: dict[str, str] = field(default_factory=dict)
    rows: int = 0

    def url_of(self, source: str) -> str | None:
        url = self.by_path.get(_path_key(source))
        if url is None:
            url = self.by_name.get(os.path.basename(source)) or self.by_name.get(file_stem(source))
        return url or None

    def add(self, name: str, url: str, base: str = "") -> None:
        """A row: the page ``name`` (a path is also read from ``base``, its table's directory) and its URL."""
        self.rows += 1
        for key in {_path_key(name), _path_key(os.path.join(base, name))}:
            self.by_path[key] = url
        for key in {os.path.basename(name), file_stem(name)}:
            if self.by_name.setdefault(key, url) != url:
                self.by_name[key] = _AMBIGUOUS

    def __len__(self) -> int:
        return self.rows


def file_stem(path: str) -> str:
    """A file's name without its extension ("raw/d004.txt" -> "d004"): its output's name, and a table's id."""
    name = os.path.basename(path.replace("\\", "/"))
    return name.rsplit(".", 1)[0] if "." in name else name


def _path_key(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


def load_source_urls(table: str | os.PathLike[str], into: SourceUrls | None = None) -> SourceUrls:
    """The URLs a CSV or TSV table (UTF-8 or GBK) gives its pages (added to ``into``, if given). A header
    names the columns (``NAME_COLUMNS``, ``URL_COLUMNS``); without one, the first column is the page and the
    first that starts with http:// or https:// its URL. A ValueError says what is wrong with the table."""
    where = os.fspath(table)
    urls = into if into is not None else SourceUrls()
    rows_read: list[tuple[str, str]] = []  # added once the whole table is read: a bad table adds nothing
    base = os.path.dirname(os.path.abspath(where))
    try:
        with open(where, encoding=_encoding(where), errors="replace", newline="") as f:
            rows = _rows(f)
            header = next(rows, None)
            if header is None:
                raise ValueError(f"--urls {where}: the table is empty")
            columns = _columns(header)
            if columns is None:  # no header: the first row is a page like the others
                url_col = _url_column(header)
                if url_col is None:
                    raise ValueError(f"--urls {where}: no URL column (name one url in a header line, or give "
                                     "rows like: page<TAB>https://…)")
                columns, rows = (0, url_col), chain([header], rows)
            page_col, url_col = columns
            for row in rows:
                if len(row) > max(page_col, url_col) and row[page_col].strip() and _is_url(row[url_col]):
                    rows_read.append((row[page_col].strip(), row[url_col].strip()))
    except OSError as e:
        raise ValueError(f"--urls {where}: cannot read it ({e.strerror or type(e).__name__})") from None
    except csv.Error as e:
        raise ValueError(f"--urls {where}: not a CSV or TSV table ({e})") from None
    if not rows_read:
        raise ValueError(f"--urls {where}: no row gives a page and an http(s) URL")
    for name, url in rows_read:
        urls.add(name, url, base)
    urls.tables.append(where)
    return urls


INDEX_NAMES = ("index.tsv", "index.csv", "urls.tsv", "urls.csv")


def tables_beside(folders: Iterable[str]) -> list[str]:
    """The tables of source URLs a scrape keeps beside its pages: a file named INDEX.tsv, index.csv,
    urls.tsv or urls.csv (any case) in each folder given, else in its parent (pages in raw/, the log above)."""
    found: list[str] = []
    for folder in folders:
        for where in (folder, os.path.dirname(os.path.abspath(folder))):
            try:
                names = sorted(n for n in os.listdir(where) if n.lower() in INDEX_NAMES)
            except OSError:
                continue
            if names:
                table = os.path.join(where, names[0])
                if table not in found:
                    found.append(table)
                break
    return found


def _encoding(path: str) -> str:
    """UTF-8 (with or without a BOM), else GB18030: a table saved by Excel on a Chinese Windows is GBK."""
    with open(path, "rb") as f:
        head = f.read(1 << 20)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 3:  # (not just a character cut by the 1 MB read)
            return "gb18030"
    return "utf-8-sig"


def _rows(lines: Iterator[str]) -> Iterator[list[str]]:
    first = next(lines, "")
    delimiter = "\t" if "\t" in first else ","
    return (row for row in csv.reader(chain([first], lines), delimiter=delimiter) if any(map(str.strip, row)))


def _columns(header: list[str]) -> tuple[int, int] | None:
    """(page column, URL column) a header line names, or None."""
    names = [h.strip().lower() for h in header]
    page = next((names.index(n) for n in NAME_COLUMNS if n in names), None)
    url = next((names.index(n) for n in URL_COLUMNS if n in names), None)
    return (page, url) if page is not None and url is not None else None


def _url_column(row: list[str]) -> int | None:
    return next((i for i, cell in enumerate(row) if i and _is_url(cell)), None)


def _is_url(cell: str) -> bool:
    return cell.strip().lower().startswith(("http://", "https://"))


def origin_url(path: str) -> str | None:
    """The URL a download tool recorded in the file's ``user.xdg.origin.url`` attribute, or None."""
    try:
        value = os.getxattr(path, _XATTR).decode("utf-8", "replace").strip()
    except (OSError, AttributeError):  # no attribute, a file system without them, or not Linux
        return None
    return value if _is_url(value) else None
