"""Export every table, one file per table, as JSON Lines, CSV or Parquet (for pandas, Polars, DuckDB).

Rows are streamed in chunks, so an export of a large record needs little memory. A page's raw bytes stay in
the database (``pages.sha256`` identifies them); everything else is exported as stored, except that a CSV
text cell a spreadsheet would run as a formula gets a leading quote (``yaowen.csv_cells``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Boolean, DateTime, Engine, Float, Integer, LargeBinary, Table, select

from ..csv_cells import neutralised
from . import schema as s

Format = Literal["jsonl", "csv", "parquet"]
CHUNK = 5000
TABLES = (s.pages, s.articles, s.article_topics, s.people, s.mentions, s.posts, s.organs, s.meetings,
          s.participants, s.documents, s.figures, s.appointments, s.person_rules, s.ingest_errors)


def _columns(table: Table) -> list:  # type: ignore[type-arg]
    return [c for c in table.columns if not isinstance(c.type, LargeBinary)]


def _rows(engine: Engine, table: Table) -> Iterator[list[dict[str, Any]]]:
    cols = _columns(table)
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=CHUNK).execute(select(*cols).order_by(*table.primary_key.columns))
        for part in result.mappings().partitions(CHUNK):
            yield [dict(r) for r in part]


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def export_record(engine: Engine, out: Path, fmt: Format) -> dict[str, int]:
    """Write OUT/<table>.<fmt> for every table; returns rows written per table."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        target = out / f"{table.name}.{fmt}"
        tmp = target.with_name(target.name + ".part")
        writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[fmt]
        counts[table.name] = writer(engine, table, tmp)
        tmp.replace(target)  # a reader never sees half a file
    return counts


def _write_jsonl(engine: Engine, table: Table, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for chunk in _rows(engine, table):
            f.writelines(json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False) + "\n" for r in chunk)
            n += len(chunk)
    return n


def _write_csv(engine: Engine, table: Table, path: Path) -> int:
    n = 0
    names = [c.name for c in _columns(table)]
    # utf-8-sig: Excel opens Chinese CSV correctly only with the byte-order mark
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=names)
        writer.writeheader()
        for chunk in _rows(engine, table):
            writer.writerows({k: neutralised(_plain(v)) for k, v in r.items()} for r in chunk)
            n += len(chunk)
    return n


def _arrow_schema(table: Table):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    def kind(col):  # type: ignore[no-untyped-def]
        t = col.type
        if isinstance(t, Boolean):
            return pa.bool_()
        if isinstance(t, Integer):
            return pa.int64()
        if isinstance(t, Float):
            return pa.float64()
        if isinstance(t, DateTime):
            return pa.timestamp("us", tz="UTC")
        return pa.string()

    return pa.schema([(c.name, kind(c)) for c in _columns(table)])


def _write_parquet(engine: Engine, table: Table, path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(table)
    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        for chunk in _rows(engine, table):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n
