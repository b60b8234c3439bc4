"""Record commands of the CLI that change or manage it: ingest, reextract, remove, pages, export, merge, split,
rules; and what every record command shares (opening the record, options, checks). Reading commands are in
``cli_query``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from . import validate
from .budget import DEFAULT_PAGE_TIMEOUT
from .cli import (
    AddressOption,
    EngineOption,
    FieldOption,
    ManifestOption,
    MaxPageOption,
    PageTimeoutOption,
    UrlsOption,
    app,
    engine_or_exit,
    err_console,
    fail,
    field_map_or_exit,
    inputs_or_exit,
    max_page_bytes,
    out_console,
    prepare_out_dir,
    report_line,
    source_urls_or_exit,
)
from .read import MAX_BYTES

if TYPE_CHECKING:  # the record is imported by the commands that open one (see cli.py)
    from .record import IngestReport, PageSelection, Record

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL "
                                              "(default: $YAOWEN_DB, else ./yaowen.db).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", help="How many rows (1 to 10,000).")]
MAX_ROWS = 10_000


opened_record: str | None = None  # where the command's record is, for the line about a failure of the machine


def _open(db: str | None, create: bool = False) -> Record:
    """The record, or one line saying why not. Only commands that store pages create one."""
    from sqlalchemy.engine import make_url

    from .record import Record, RecordMissing, database_url
    from .record.failures import operational_failure

    global opened_record
    opened_record = make_url(database_url(db)).render_as_string(hide_password=True).removeprefix("sqlite:///")
    try:
        return Record.open(db, create=create)
    except RecordMissing as e:
        hint = "" if create else " (store pages first with `yaowen ingest PATH`, or name the record with --db or $YAOWEN_DB)"
        fail(f"{e}{hint}")
    except Exception as e:  # noqa: BLE001 - say which database and why, in one line
        line = operational_failure(e, opened_record, opening=True)
        if line is not None:
            fail(line, 3)
        reason = " ".join(str(getattr(e, "orig", None) or e).split())[:300]
        fail(f"cannot open the record {database_url(db).removeprefix('sqlite:///')}: {reason}")


def _print_json(value: Any) -> None:
    out_console.print_json(json.dumps(value, ensure_ascii=False, default=str))


def _ingest_progress(verb: str) -> tuple[Progress, Any]:
    progress = Progress(TextColumn(f"[bold]{verb}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
                        TextColumn("{task.fields[rate]} pages/s"), console=err_console, transient=True)
    return progress, progress.add_task(verb, total=None, rate="-")


def _run_with_progress(verb: str, run) -> IngestReport:  # type: ignore[no-untyped-def]
    progress, task = _ingest_progress(verb)
    import time

    started = time.monotonic()
    done = 0

    def on_page(source: str, error: str | None) -> None:
        nonlocal done
        done += 1
        rate = done / max(time.monotonic() - started, 1e-9)
        progress.update(task, advance=1, rate=f"{rate:.0f}")
        if error:
            report_line(error, progress.console)

    with progress:
        return run(on_page)


def _summary(report: IngestReport, rec: Record) -> None:
    parts = [f"{report.stored} page(s) stored", f"{report.articles} article(s)"]
    if report.skipped:
        parts.append(f"{report.skipped} already in the record")
    if report.relabelled:
        parts.append(f"{report.relabelled} of them given the paper asked for")
    if report.readdressed:
        parts.append(f"{report.readdressed} of them given their source URL")
    if report.failed:
        parts.append(f"{report.failed} failed")
    parts.append(f"{report.pages_per_second:.1f} pages/s")
    if report.rows_written:
        parts.append(f"{report.rows_written:,} rows written at {report.rows_per_second:,.0f} rows/s")
    err_console.print(f"[dim]{', '.join(parts)} -> {rec.url}[/dim]")


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="PATH", help="Page files, directories (recursive), globs, article dumps (.jsonl, .json, "
                                ".csv: one page per record) and web archives (.warc, .warc.gz).")] = None,
    paper: Annotated[str | None, typer.Option("--paper", help="The newspaper these pages are from (pages already "
                                                              "stored under another paper are given this one).")] = None,
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, max=256,
                                         help="Extraction processes (0 = one per core).")] = 1,
    field: FieldOption = None,
    manifest: ManifestOption = None,
    urls: UrlsOption = None,
    engine: EngineOption = "local",
    address: AddressOption = None,
    page_timeout: PageTimeoutOption = DEFAULT_PAGE_TIMEOUT,
    shards: Annotated[Path | None, typer.Option(
        "--shards", metavar="DIR", help="Also keep each batch as Parquet shards in DIR (one file per table, "
                                        "keyed by page hash), for `yaowen load-shards` into any record.")] = None,
    max_page_mb: MaxPageOption = MAX_BYTES / 2**20,
    batch: Annotated[int | None, typer.Option(
        "--batch", min=1, max=100_000, metavar="PAGES",
        help="Pages a transaction at most (default 500 into PostgreSQL, 50 into SQLite; a batch also ends at "
             "32 MB of page bytes or 10 s after its first page): what a kill loses.")] = None,
) -> None:
    """Store pages and their facts in the record. Pages already stored (same bytes) are skipped."""
    fields = field_map_or_exit(field)
    inputs = inputs_or_exit(paths, manifest)
    source_urls = source_urls_or_exit(urls)
    if shards is not None and shards.exists() and not shards.is_dir():
        fail(f"--shards {shards}: not a directory")
    rec = _open(db, create=True)
    with engine_or_exit(engine, workers, address) as pages:
        report = _run_with_progress("ingest", lambda cb: rec.ingest(inputs, paper=paper, on_page=cb, fields=fields,
                                                                    page_timeout=page_timeout, pages=pages,
                                                                    shards=shards, batch=batch,
                                                                    max_page_bytes=max_page_bytes(max_page_mb),
                                                                    urls=source_urls))
    _summary(report, rec)
    if report.stored + report.skipped == 0:
        raise typer.Exit(1)


@app.command("load-shards")
def load_shards(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="Shards kept by `yaowen ingest --shards DIR`.")],
    db: DbOption = None,
) -> None:
    """Load Parquet shards into the record (COPY on PostgreSQL); pages already stored are skipped."""
    if not folder.is_dir():
        fail(f"{folder}: no such directory of shards")
    from .record.shards import BadShard

    rec = _open(db, create=True)
    try:
        report = rec.load_shards(folder)
    except BadShard as e:
        fail(f"{e} (the shards before it are loaded; rerun when it is fixed or removed)")
    _summary(report, rec)
    if report.stored + report.skipped == 0:
        fail(f"{folder}: no shards in it (a shard is a folder of <table>.parquet files)")


IdsArgument = Annotated[list[int] | None, typer.Argument(metavar="PAGE_ID",
                                                        help="Page ids (see `yaowen pages`).")]
SourceOption = Annotated[str | None, typer.Option(
    "--source", help="Pages ingested from this path or file name; a dump or archive selects every page read "
                     "from it (news.jsonl, crawl.warc.gz); * and ? are wildcards.")]
FromOption = Annotated[str | None, typer.Option("--from", help="Issue date from: 2021, 2021-03, 2021-03-05.")]
ToOption = Annotated[str | None, typer.Option("--to", help="Issue date to (inclusive).")]


def selection_or_exit(ids: list[int] | None, source: str | None, paper: str | None, date_from: str | None,
                      date_to: str | None) -> PageSelection:
    from .record import PageSelection

    first, last = checked(validate.date_range, date_from, date_to)
    if ids and any(i < 1 for i in ids):
        fail(f"page ids are numbers from 1 (got {min(ids)})")
    return PageSelection(list(ids or []), source, paper, first, last)


def checked(rule, *args):  # type: ignore[no-untyped-def]
    """A shared validation rule's value, or its message as one line and exit 2."""
    try:
        return rule(*args)
    except validate.InvalidInput as e:
        fail(str(e))


@app.command()
def reextract(
    ids: IdsArgument = None,
    db: DbOption = None,
    all_pages: Annotated[bool, typer.Option("--all", help="Every page, not only those of older extractors.")] = False,
    paper: Annotated[str | None, typer.Option(
        "--paper", help="Give the pages this paper first (without a selection: the pages stored without one).")] = None,
    source: SourceOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, max=256,
                                         help="Extraction processes (0 = one per core).")] = 1,
    engine: EngineOption = "local",
    address: AddressOption = None,
    page_timeout: PageTimeoutOption = DEFAULT_PAGE_TIMEOUT,
) -> None:
    """Re-derive articles and facts from the stored page bytes: after upgrading Yaowen, or to set a paper."""
    selection = selection_or_exit(ids, source, None, date_from, date_to)
    if paper is not None and not paper.strip():
        fail("--paper needs a name")
    rec = _open(db)
    if not selection.is_empty() and not rec.pages(selection, limit=1):
        fail("no stored page matches the selection (see `yaowen pages`)", 1)
    with engine_or_exit(engine, workers, address) as pages:
        report = _run_with_progress("reextract", lambda cb: rec.reextract(
            all_pages, on_page=cb, selection=selection, paper=paper.strip() if paper else None,
            page_timeout=page_timeout, pages=pages))
    _summary(report, rec)


@app.command()
def remove(
    ids: IdsArgument = None,
    db: DbOption = None,
    source: SourceOption = None,
    paper: Annotated[str | None, typer.Option("--paper", help="Pages of this paper ('' = stored without one).")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only say what would be removed.")] = False,
) -> None:
    """Take pages out of the record, with their articles and facts (people no page names any more go too)."""
    selection = selection_or_exit(ids, source, paper, date_from, date_to)
    if selection.is_empty():
        fail("say which pages to remove: page ids, --source, --paper, --from/--to (see `yaowen pages`)")
    rec = _open(db)
    chosen = rec.pages(selection, limit=None)
    if not chosen:
        fail("no stored page matches the selection (see `yaowen pages`)", 1)
    missing = sorted(set(selection.ids) - {p["id"] for p in chosen})
    if missing:
        fail(f"no page {', '.join(map(str, missing))} in the record (see `yaowen pages`)", 1)
    if dry_run:
        for p in chosen[:20]:
            out_console.print(Text(f"{p['id']:>6}  {p['issue_date'] or '':10}  {p['paper'] or '-'}  {p['source']}"))
        articles = sum(p["articles"] for p in chosen)
        err_console.print(f"[dim]would remove {len(chosen)} page(s) with {articles} article(s)[/dim]")
        return
    pages_removed, articles = rec.remove(selection)
    err_console.print(f"[dim]removed {pages_removed} page(s) with {articles} article(s) -> {rec.url}[/dim]")


@app.command()
def pages(
    db: DbOption = None,
    source: SourceOption = None,
    paper: Annotated[str | None, typer.Option("--paper", help="Pages of this paper ('' = stored without one).")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    limit: LimitOption = 30,
    as_json: JsonOption = False,
) -> None:
    """The stored pages, newest issue first: id, issue date, paper, articles, title and source."""
    selection = selection_or_exit(None, source, paper, date_from, date_to)
    checked(validate.count, limit, "--limit", MAX_ROWS)
    rows = _open(db).pages(selection, limit=limit)
    if as_json:
        _print_json(rows)
        return
    table = Table("id", "issue", "paper", "articles", "title", "source")
    for r in rows:
        table.add_row(str(r["id"]), r["issue_date"] or "", r["paper"] or "", str(r["articles"]), r["title"] or "",
                      r["source"])
    out_console.print(table)


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for one file per table.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    db: DbOption = None,
) -> None:
    """Write every table as JSON Lines, CSV or Parquet (for pandas, Polars, DuckDB)."""
    if fmt not in ("jsonl", "csv", "parquet"):
        fail(f"--format {fmt}: write jsonl, csv or parquet")
    rec = _open(db)
    prepare_out_dir(out)
    try:
        counts = rec.export(out, fmt)  # type: ignore[arg-type]
    except OSError as e:
        fail(f"--out {out}: cannot write there ({e.strerror or type(e).__name__}: {e.filename or ''})")
    err_console.print(f"[dim]{sum(counts.values())} row(s) in {len(counts)} file(s) -> {out}[/dim]")


@app.command()
def merge(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The name to fold in (群策).")],
    into: Annotated[str, typer.Argument(metavar="INTO", help="The person it is (邓群策).")],
    db: DbOption = None,
    paper: Annotated[str, typer.Option("--paper", help="Only in this paper (default: all).")] = "",
) -> None:
    """Correct the record by hand: NAME is the same person as INTO."""
    changed = _rule(db, "merge", name, into, paper)
    err_console.print(f"[dim]merged {name} into {into}: {sum(changed.values())} row(s) moved[/dim]")


@app.command()
def split(
    name: Annotated[str, typer.Argument(metavar="NAME", help="The name two people share.")],
    post: Annotated[str, typer.Option("--post", help="Text of the posts that mark the other person.")],
    db: DbOption = None,
    paper: Annotated[str, typer.Option("--paper")] = "",
) -> None:
    """Correct the record by hand: mentions of NAME with a post containing POST are another person."""
    changed = _rule(db, "split", name, post, paper)
    err_console.print(f"[dim]split {name} by {post}: {sum(changed.values())} row(s) moved[/dim]")


def _rule(db: str | None, kind: str, name: str, target: str, paper: str) -> dict[str, int]:
    try:
        return _open(db).add_rule(kind, name.strip(), target.strip(), paper.strip())
    except ValueError as e:  # a rule that would do nothing is refused, not stored
        fail(str(e), 1)


@app.command()
def rules(
    db: DbOption = None,
    remove: Annotated[int | None, typer.Option("--remove", help="Remove the rule with this id.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List (or remove) the hand corrections of who is who."""
    rec = _open(db)
    if remove is not None and not rec.remove_rule(remove):
        fail(f"no rule {remove} (see `yaowen rules`)", 1)
    rows = rec.rules()
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        what = f"{r['name']} -> {r['target']}" if r["kind"] == "merge" else f"{r['name']} where post has {r['target']}"
        out_console.print(f"{r['id']:>4}  {r['kind']:5}  {what}  {r['paper'] or '(all papers)'}")


@app.command()
def check(
    db: DbOption = None,
    repair: Annotated[bool, typer.Option("--repair", help="Rebuild what can be rebuilt from the record: the "
                                                          "search index, pending steps, people statistics.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, max=256,
                                         help="Processes for pages to re-derive (0 = one per core).")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Check the record: the database's integrity, the search index against the articles, work an interrupted
    command left pending, people statistics. Exit 0 when all is well (or repaired), 1 when not."""
    from .record.check import check_record

    rec = _open(db)
    findings = check_record(rec.engine, repair=repair, workers=workers or 0)
    if as_json:
        _print_json([vars(f) for f in findings])
    else:
        for f in findings:
            status = "ok" if f.ok else ("repaired" if f.repaired else "PROBLEM")
            out_console.print(Text(f"{status:8}  {f.check}: {f.detail}", style="" if f.ok else
                                   "green" if f.repaired else "red"), soft_wrap=True)
    if any(not f.ok and not f.repaired for f in findings):
        raise typer.Exit(1)
