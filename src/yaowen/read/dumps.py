"""Article dumps as input: JSON Lines, JSON arrays and CSV files of scraped articles, one page per record.

Researchers hold scraped news as one record per article (title, date, url, text, source). Each record
becomes one page whose metadata is used: the date (or a date in the URL) gives the issue date and the year,
the title is the headline, the source is the paper. Files are streamed record by record, so a dump of any
size is read in constant memory; a bad record is a ``PageError`` naming the file and line, and the records
after it are still read.

A record's page bytes are the record as mapped, written as canonical JSON (``record_bytes``): the page id
(its SHA-256) then changes only when the article does, and the stored bytes are enough to re-derive it.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any, Literal

from ..errors import PageError
from ..model import PageMeta
from .dates import date_in
from .text import clean_paper

__all__ = ["DUMP_SUFFIXES", "FIELD_NAMES", "DumpRecord", "FieldMap", "dump_kind", "iter_dump", "parse_field_map",
           "record_bytes", "record_to_text"]

DumpKind = Literal["jsonl", "json", "csv", "tsv"]
_KIND_BY_SUFFIX: dict[str, DumpKind] = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
                                        ".json": "json", ".csv": "csv", ".tsv": "tsv"}
# What a directory is searched for (a .json or .csv file is read only when named: a folder of pages may
# hold other tables, and `extract --out` writes .json files that are results, not articles)
DUMP_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines", ".jsonl.gz", ".ndjson.gz")

# The roles a record's fields play, and the names each is looked for under, first match wins.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("content", "text", "body", "article", "fulltext", "full_text", "正文", "内容"),
    "title": ("title", "headline", "标题", "题目"),
    "date": ("date", "published", "published_at", "publish_date", "pubdate", "pub_date", "datetime", "time",
             "日期", "发布时间", "时间"),
    "url": ("url", "link", "href", "source_url", "网址", "链接"),
    "paper": ("source", "paper", "publisher", "media", "来源", "报纸", "媒体"),
}
ROLES = tuple(FIELD_NAMES)

MAX_RECORD_BYTES = 64 * 1024 * 1024  # one article; a longer "record" is a broken file, not news
CHUNK = 1 << 20
_SNIFF_BYTES = 64 * 1024


@dataclass(frozen=True)
class FieldMap:
    """Which field of a record plays each role; a role left out is looked for under FIELD_NAMES."""

    chosen: tuple[tuple[str, str], ...] = ()

    def names(self, role: str) -> tuple[str, ...]:
        for r, name in self.chosen:
            if r == role:
                return (name,)
        return FIELD_NAMES[role]


def parse_field_map(options: list[str] | None) -> FieldMap:
    """``["text=正文", "date=pub"]`` -> FieldMap; a ValueError saying what is wrong with an option."""
    chosen: list[tuple[str, str]] = []
    for option in options or []:
        role, sep, name = option.partition("=")
        role, name = role.strip(), name.strip()
        if not sep or not name:
            raise ValueError(f"--field {option!r}: write ROLE=FIELD, e.g. text=正文")
        if role not in FIELD_NAMES:
            raise ValueError(f"--field {option!r}: the role must be one of {', '.join(ROLES)}")
        chosen.append((role, name))
    return FieldMap(tuple(chosen))


@dataclass(frozen=True)
class DumpRecord:
    """One article of a dump, ready to be read as a page."""

    source: str  # "path#LINE": the file and the line the record starts on
    line: int
    raw: bytes  # record_bytes() of the mapped record

    @property
    def stem(self) -> str:
        name = os.path.basename(self.source.rsplit("#", 1)[0])
        for suffix in (".gz", *_KIND_BY_SUFFIX):
            name = name.removesuffix(suffix)
        return f"{name}-{self.line}"


def dump_kind(path: str) -> DumpKind | None:
    """The kind of dump a file is, by its extension, else by its content (a JSON object or array at the
    start whose first record has a text field); None when it is not a dump."""
    name = path.lower().removesuffix(".gz")
    suffix = os.path.splitext(name)[1]
    if suffix in _KIND_BY_SUFFIX:
        return _KIND_BY_SUFFIX[suffix]
    if suffix in (".htm", ".html", ".xhtml", ".shtml", ".pdf"):
        return None
    try:
        with _open_binary(path) as f:
            head = f.read(_SNIFF_BYTES)
    except (OSError, EOFError):
        return None
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] == b"[" and stripped[1:].lstrip()[:1] == b"{":
        return "json"
    if stripped[:1] == b"{":
        first = stripped.split(b"\n", 1)[0]
        try:
            value = json.loads(first)
        except ValueError:
            return None
        if isinstance(value, dict) and any(k.lower() in FIELD_NAMES["text"] for k in value if isinstance(k, str)):
            return "jsonl"
    return None


def _open_binary(path: str) -> IO[bytes]:
    f = open(path, "rb")  # noqa: SIM115 - returned to the caller's with-block
    if f.read(2) == b"\x1f\x8b":
        f.seek(0)
        return gzip.GzipFile(fileobj=f)  # type: ignore[return-value]
    f.seek(0)
    return f


def iter_dump(path: str, fields: FieldMap | None = None, kind: DumpKind | None = None
              ) -> Iterator[DumpRecord | PageError]:
    """Every record of a dump, in file order; a record that cannot be used comes back as a PageError."""
    fields = fields or FieldMap()
    kind = kind or dump_kind(path)
    try:
        f = _open_binary(path)
    except FileNotFoundError:
        yield PageError(path, "no such file")
        return
    except OSError as e:
        yield PageError(path, f"cannot read: {e.strerror or type(e).__name__}")
        return
    with f:
        try:
            if kind == "jsonl":
                yield from _jsonl(f, path, fields)
            elif kind == "json":
                yield from _json_array(f, path, fields)
            elif kind in ("csv", "tsv"):
                yield from _csv(f, path, fields, "\t" if kind == "tsv" else ",")
            else:
                yield PageError(path, "not an article dump (JSON Lines, a JSON array or CSV)")
        except (OSError, EOFError, gzip.BadGzipFile) as e:
            yield PageError(path, f"cannot read the rest of the file: {e}")


def _record(path: str, line: int, value: Any, fields: FieldMap) -> DumpRecord | PageError:
    where = f"{path} line {line}"
    if not isinstance(value, dict):
        return PageError(where, f"a record must be a JSON object, not {type(value).__name__}")
    try:
        mapped = map_record(value, fields)
    except ValueError as e:
        return PageError(where, str(e))
    return DumpRecord(f"{path}#{line}", line, record_bytes(mapped))


def map_record(value: Mapping[str, Any], fields: FieldMap) -> dict[str, str]:
    """The record's roles as strings (text, title, date, url, paper); a ValueError if it has no text."""
    lowered = {k.lower(): v for k, v in value.items() if isinstance(k, str)}
    text = _pick(value, lowered, fields, "text")
    if text is None:
        tried = ", ".join(fields.names("text"))
        raise ValueError(f"no text field (looked for {tried}; name one with --field text=FIELD)")
    if not text.strip():
        raise ValueError("the text field is empty")
    out = {"text": text}
    for role in ("title", "date", "url", "paper"):
        got = _pick(value, lowered, fields, role)
        if got is not None and got.strip():
            out[role] = got.strip()
    return out


def _pick(value: Mapping[str, Any], lowered: Mapping[str, Any], fields: FieldMap, role: str) -> str | None:
    """The field playing ``role`` as a string: by its exact name, else the name in any case."""
    for name in fields.names(role):
        got = value.get(name, lowered.get(name.lower()))
        if got is None:
            continue
        if role == "date" and isinstance(got, int | float) and not isinstance(got, bool):
            return _epoch_date(got)
        if isinstance(got, list) and role == "text":
            return "\n".join(str(x) for x in got if x is not None)  # paragraphs as a list
        if isinstance(got, str | int | float) and not isinstance(got, bool):
            return str(got)
    return None


def _epoch_date(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date().isoformat()
    except (OverflowError, OSError, ValueError):
        return None


def record_bytes(mapped: dict[str, str]) -> bytes:
    """The canonical bytes of a mapped record: the same article gives the same bytes, and so the same id."""
    return json.dumps(mapped, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def record_to_text(data: bytes, source: str) -> tuple[str, PageMeta]:
    """A stored record back to page text (the title as its headline line) and its metadata."""
    try:
        mapped = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        raise PageError(source, f"not an article record: {e}") from None
    if not isinstance(mapped, dict) or not isinstance(mapped.get("text"), str):
        raise PageError(source, "not an article record (no text)")
    title = (mapped.get("title") or "").strip() or None
    url = mapped.get("url") or None
    date = date_in(mapped.get("date"))  # (a date in the URL dates the page when it prints none: resolve)
    body = mapped["text"].replace("\r\n", "\n").replace("\r", "\n")
    text = f"# {title}\n\n{body}" if title and not body.lstrip().startswith(title) else body
    return text, PageMeta(title=title, date=date, paper=clean_paper(mapped.get("paper")), url=url)


# ---- the three formats ----

def _lines(f: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each line; None for a line longer than MAX_RECORD_BYTES (skipped to its end)."""
    number = 0
    while True:
        line = f.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while (rest := f.readline(CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def _jsonl(f: IO[bytes], path: str, fields: FieldMap) -> Iterator[DumpRecord | PageError]:
    for number, line in _lines(f):
        if line is None:
            yield PageError(f"{path} line {number}", f"longer than {MAX_RECORD_BYTES // 2**20} MB: not one article")
            continue
        if number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        line = line.rstrip(b"\r\n")
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except UnicodeDecodeError:
            yield PageError(f"{path} line {number}", "not UTF-8 text (JSON Lines must be UTF-8)")
            continue
        except ValueError as e:
            yield PageError(f"{path} line {number}", f"invalid JSON: {_json_reason(e)}")
            continue
        yield _record(path, number, value, fields)


def _json_reason(e: ValueError) -> str:
    if isinstance(e, json.JSONDecodeError):  # "Unterminated string starting at" + where
        return f"{e.msg.removesuffix(' at')} at column {e.colno}"
    return str(e)


_WS_COMMA_RE = re.compile(r"[\s,]*")


def _json_array(f: IO[bytes], path: str, fields: FieldMap) -> Iterator[DumpRecord | PageError]:
    """The items of a top-level JSON array, decoded one at a time from a sliding buffer."""
    text_stream = io.TextIOWrapper(f, encoding="utf-8-sig", errors="strict")
    decoder = json.JSONDecoder()
    buf, line, eof = "", 1, False

    def more() -> bool:
        nonlocal buf, eof
        chunk = text_stream.read(CHUNK)
        if not chunk:
            eof = True
            return False
        buf += chunk
        return True

    try:
        while not buf.strip() and more():
            pass
        start = len(buf) - len(buf.lstrip())
        if buf[start:start + 1] != "[":
            yield PageError(path, "a .json dump must hold an array of article objects")
            return
        line += buf.count("\n", 0, start)
        pos = start + 1
        while True:
            skip = _WS_COMMA_RE.match(buf, pos)
            end_ws = skip.end() if skip else pos
            line += buf.count("\n", pos, end_ws)
            pos = end_ws
            if pos >= len(buf):
                if not more():
                    yield PageError(f"{path} line {line}", "the array is not closed (file cut short?)")
                    return
                continue
            if buf[pos] == "]":
                return
            try:
                value, end = decoder.raw_decode(buf, pos)
                if end == len(buf) and not eof:
                    raise ValueError("may continue")  # a number or string cut at the chunk's end
            except ValueError as e:
                if not eof and len(buf) - pos <= MAX_RECORD_BYTES and more():
                    continue
                yield PageError(f"{path} line {line}", f"invalid JSON: {_json_reason(e)}; "
                                                       "the rest of the array cannot be read")
                return
            yield _record(path, line, value, fields)
            line += buf.count("\n", pos, end)
            buf, pos = buf[end:], 0  # forget what is read: memory holds one record and one chunk
    except UnicodeDecodeError:
        yield PageError(f"{path} line {line}", "not UTF-8 text (JSON must be UTF-8)")


def _csv_encoding(f: IO[bytes]) -> str:
    head = f.read(_SNIFF_BYTES)
    f.seek(0)
    for cut in range(4):  # the sample may end inside a character
        try:
            head[:len(head) - cut].decode("utf-8")
            return "utf-8-sig"
        except UnicodeDecodeError:
            continue
    return "gb18030"  # spreadsheet programs on Chinese Windows write GBK


def _csv(f: IO[bytes], path: str, fields: FieldMap, delimiter: str) -> Iterator[DumpRecord | PageError]:
    csv.field_size_limit(MAX_RECORD_BYTES)
    encoding = _csv_encoding(f) if f.seekable() else "utf-8-sig"
    stream = io.TextIOWrapper(f, encoding=encoding, errors="strict", newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader, None)
        if not header:
            yield PageError(path, "empty CSV file")
            return
        header = [h.strip() for h in header]
        if not any(name in header or name.lower() in map(str.lower, header) for name in fields.names("text")):
            tried = ", ".join(fields.names("text"))
            yield PageError(path, f"no text column (the header has {', '.join(header[:12])}; looked for {tried}; "
                                  "name one with --field text=COLUMN)")
            return
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:
                yield PageError(f"{path} line {start}", f"bad CSV ({e})")
                start = reader.line_num + 1
                continue
            if any(cell.strip() for cell in row):
                if len(row) > len(header):
                    yield PageError(f"{path} line {start}",
                                    f"{len(row)} cells but the header names {len(header)} columns")
                else:
                    yield _record(path, start, dict(zip(header, row, strict=False)), fields)
            start = reader.line_num + 1
    except UnicodeDecodeError:
        yield PageError(f"{path} line {reader.line_num + 1}", f"not {encoding} text; the rest of the file is skipped")
