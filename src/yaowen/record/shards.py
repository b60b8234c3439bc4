"""A batch of page records as the record's rows, keyed by content hash: the unit of bulk loading (bulk.py).

Every row names its page by the page's sha256 and its parents by their place in the page (an article by its
ordinal, a mention or a meeting by its index in the page record), never by a row id: ids are assigned by
the database as the rows are loaded, so loading the same shard twice, or a shard whose pages another writer
stored first, stores nothing twice. A shard can be kept as Parquet files (one per table) in a directory
named by the run and the shard's sequence and hash range, and loaded again later into any record.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..extract.documents import find_documents
from ..sources import name_bytes, shown
from .organs import full_organ_names
from .tsvector import article_tsvectors, headline_text
from .write import _json, _spans, page_year

_STR, _INT, _BOOL, _FLOAT, _BIN = pa.string(), pa.int64(), pa.bool_(), pa.float64(), pa.binary()
_SPAN = [("body_start", _INT), ("body_end", _INT)]
_RAW_SPAN = [("raw_start", _INT), ("raw_end", _INT)]

# table -> (column, Arrow type); ``sha`` is the page's content hash, ``article`` an article's ordinal on its
# page, ``mention``/``meeting`` a fact's index in the page record
COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "pages": [("seq", _INT), ("sha", _STR), ("source", _STR), ("source_bytes", _BIN), ("paper", _STR),
              ("title", _STR), ("url", _STR), ("meta", _STR), ("issue_date", _STR), ("issue_date_note", _STR),
              ("year", _INT), ("media_type", _STR), ("encoding", _STR), ("script", _STR), ("size", _INT),
              ("raw", _BIN), ("repairs", _STR), ("extractor", _STR),
              ("ingested_at", pa.timestamp("us", tz="UTC"))],
    "articles": [("sha", _STR), ("article", _INT), ("kicker", _STR), ("headline", _STR), ("subheadline", _STR),
                 ("column_name", _STR), ("source", _STR), ("reporters", _STR), ("dateline", _STR),
                 ("event_date", _STR), ("date", _STR), ("body", _STR), ("fragment", _BOOL),
                 ("continued_from", _STR), ("continues_to", _STR), ("spans", _STR), ("raw_spans", _STR),
                 ("notes", _STR), ("extractor", _STR), ("tsv", _BIN), ("len", _INT)],
    "article_topics": [("sha", _STR), ("article", _INT), ("topic", _STR), ("rank", _INT)],
    "mentions": [("sha", _STR), ("mention", _INT), ("article", _INT), ("name", _STR), ("titles", _STR),
                 ("how", _STR), *_SPAN, *_RAW_SPAN, ("extractor", _STR)],
    "posts": [("sha", _STR), ("mention", _INT), ("article", _INT), ("post", _STR), ("date", _STR)],
    "meetings": [("sha", _STR), ("meeting", _INT), ("article", _INT), ("name", _STR), ("body", _STR),
                 ("ordinal", _INT), ("date", _STR), *_SPAN, *_RAW_SPAN, ("extractor", _STR)],
    "participants": [("sha", _STR), ("meeting", _INT), ("name", _STR), ("role", _STR)],
    "documents": [("sha", _STR), ("article", _INT), ("meeting", _INT), ("title", _STR), ("approved", _BOOL),
                  *_SPAN, ("extractor", _STR)],
    "figures": [("sha", _STR), ("article", _INT), ("text", _STR), ("value", _FLOAT), ("unit", _STR),
                ("measure", _STR), ("approximate", _BOOL), ("target", _BOOL), *_SPAN, *_RAW_SPAN,
                ("extractor", _STR)],
    "appointments": [("sha", _STR), ("article", _INT), ("person", _STR), ("post", _STR), ("kind", _STR),
                     *_SPAN, ("extractor", _STR)],
    "organs": [("sha", _STR), ("paper", _STR), ("name", _STR)],
}


@dataclass
class Shard:
    """The rows of a batch of pages, by table (tuples in ``COLUMNS`` order)."""

    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {t: [] for t in COLUMNS})

    @property
    def shas(self) -> list[str]:
        return [r[1] for r in self.rows["pages"]]

    def __len__(self) -> int:
        return sum(len(r) for r in self.rows.values())

    def row_count(self, shas: Collection[str]) -> int:
        """The rows these pages of the shard become in the record: each table's, an article's search index
        row too (not the people and organ names they name, made only when new)."""
        pages = sum(r[1] in shas for r in self.rows["pages"])
        return pages + sum(sum(r[0] in shas for r in rows) * (2 if table == "articles" else 1)
                           for table, rows in self.rows.items() if table not in ("pages", "organs"))

    def add_page(self, record: dict[str, Any], raw: bytes, source: str, paper: str,
                 container: str | None, tsvectors: list[bytes] | None = None) -> None:
        """One extracted page (``output.page_record``) as rows, as ``write.insert_page`` would store it;
        ``tsvectors``: its articles' search index values when the extraction worked them out
        (``Extraction.search_index``), else worked out here."""
        sha, version, issue = record["page_id"], record["extractor"], record.get("issue_date")
        r = self.rows
        r["pages"].append((
            len(r["pages"]), sha, shown(source), name_bytes(source), paper, record.get("title"), record.get("url"),
            container, issue, record.get("issue_date_note"), page_year(record), record.get("media_type"),
            record.get("encoding"), record.get("script"), len(raw), raw, _json(record.get("repairs", [])), version,
            datetime.now(UTC)))
        arts = record["articles"]
        ordinal = {a["id"]: n for n, a in enumerate(arts, 1)}
        dates = {a["id"]: a.get("event_date") or issue for a in arts}
        approved_by: dict[tuple[str, str], int] = {}
        for n, mt in enumerate(record.get("meetings", [])):
            r["meetings"].append((sha, n, ordinal[mt["article"]], mt.get("name"), mt.get("body"), mt.get("ordinal"),
                                  mt.get("date"), *_spans(mt, "body_span"), *_spans(mt, "raw_span"), version))
            chairs = list(dict.fromkeys(mt.get("chairs", [])))
            r["participants"] += [(sha, n, name, "chair") for name in chairs]
            r["participants"] += [(sha, n, name, "attendee") for name in dict.fromkeys(mt.get("attendees", []))
                                  if name not in chairs]
            for title in mt.get("approved", []):
                approved_by.setdefault((mt["article"], title), n)
        organs: set[str] = set()
        # what PostgreSQL's search index takes of each article (on SQLite the loader indexes the text itself)
        tsvectors = article_tsvectors(arts) if tsvectors is None else tsvectors
        for n, (a, tsv) in enumerate(zip(arts, tsvectors, strict=True), 1):
            r["articles"].append((
                sha, n, a.get("kicker"), a.get("headline"), a.get("subheadline"), a.get("column"), a.get("source"),
                _json(a.get("reporters", [])), a.get("dateline"), a.get("event_date"), dates[a["id"]], a["body"],
                bool(a.get("fragment")), a.get("continued_from"), a.get("continues_to"), _json(a.get("spans", [])),
                _json(a.get("raw_spans", [])), _json(a.get("notes", [])), version,
                tsv, len(headline_text(a)) + len(a["body"])))
            r["article_topics"] += [(sha, n, t, rank) for rank, t in enumerate(dict.fromkeys(a.get("topics") or []), 1)]
            seen: set[str] = set()
            for doc in find_documents(a["body"]):
                if doc.title not in seen:
                    seen.add(doc.title)
                    meeting = approved_by.get((a["id"], doc.title))
                    r["documents"].append((sha, n, meeting, doc.title, meeting is not None, doc.start, doc.end,
                                           version))
            organs |= full_organ_names(a["body"])
        r["organs"] += [(sha, paper, name) for name in sorted(organs)]
        for n, m in enumerate(record.get("mentions", [])):
            r["mentions"].append((sha, n, ordinal[m["article"]], m["name"], _json(m["titles"]), m.get("how"),
                                  *_spans(m, "body_span"), *_spans(m, "raw_span"), version))
            r["posts"] += [(sha, n, ordinal[m["article"]], t, dates[m["article"]]) for t in dict.fromkeys(m["titles"])]
        r["figures"] += [
            (sha, ordinal[f["article"]], f["text"], f["value"], f["unit"], f.get("measure"), bool(f.get("approximate")),
             bool(f.get("target")), *_spans(f, "body_span"), *_spans(f, "raw_span"), version)
            for f in record.get("figures", [])]
        r["appointments"] += [(sha, ordinal[ap["article"]], ap["person"], ap["post"], ap["kind"],
                               *_spans(ap, "body_span"), version) for ap in record.get("appointments", [])]

    # ---- Parquet ----
    def write(self, folder: Path) -> Path:
        """The shard as one Parquet file per table in ``folder``, which appears whole or not at all (written
        beside it, then renamed): a killed writer leaves no half shard to load."""
        if folder.is_dir():
            return folder  # the same run and pages: the same rows, written before
        partial = folder.with_name(folder.name + f".partial-{os.getpid()}")
        partial.mkdir(parents=True, exist_ok=True)
        for table, columns in COLUMNS.items():
            schema = pa.schema(columns)
            values = list(zip(*self.rows[table], strict=True)) or [()] * len(columns)
            arrays = [pa.array(list(v), type=t) for v, (_, t) in zip(values, columns, strict=True)]
            pq.write_table(pa.Table.from_arrays(arrays, schema=schema), partial / f"{table}.parquet")
        partial.rename(folder)
        return folder

    @classmethod
    def read(cls, folder: Path) -> Shard:
        """The shard kept in ``folder``; a ``BadShard`` naming the file and the reason when it cannot be."""
        shard = cls()
        for table, columns in COLUMNS.items():
            path = folder / f"{table}.parquet"
            try:
                read = pq.read_table(path, columns=[c for c, _ in columns])
            except (OSError, pa.ArrowException) as e:
                raise BadShard(f"{path}: not a shard's table ({' '.join(str(e).split())[:200]})") from e
            for name, kind in columns:  # e.g. a text tsvector, kept by a version before the binary one
                if read.schema.field(name).type != kind:
                    raise BadShard(f"{path}: column {name} is {read.schema.field(name).type}, not {kind}: kept by "
                                   "another version of yaowen (ingest the pages again to make shards of this one)")
            data = read.to_pydict()
            shard.rows[table] = list(zip(*(data[c] for c, _ in columns), strict=True))
        return shard


class BadShard(Exception):
    """A shard folder whose files cannot be read as the tables of a shard."""


class ShardOutput:
    """Where an ingest keeps its shards: ``root/<run>-<seq>-<first hash>-<last hash>/<table>.parquet``."""

    def __init__(self, root: Path, run: str) -> None:
        self.root, self.run, self.seq = root, run, 0
        root.mkdir(parents=True, exist_ok=True)

    def keep(self, shard: Shard) -> Path:
        self.seq += 1
        return shard.write(self.root / shard_name(self.run, self.seq, shard.shas))


def shard_name(run: str, seq: int, shas: Iterable[str]) -> str:
    """``<run>-<seq>-<first hash>-<last hash>``: by run and order of writing, the hash range for a look."""
    ordered = sorted(shas)
    return f"{run[:12]}-{seq:06d}-{ordered[0][:8]}-{ordered[-1][:8]}" if ordered else f"{run[:12]}-{seq:06d}"


def shard_folders(root: Path) -> list[Path]:
    """The whole shards under ``root`` (partial ones, left by a killed writer, are not)."""
    return sorted(p for p in root.iterdir() if p.is_dir() and ".partial-" not in p.name
                  and (p / "pages.parquet").is_file())
