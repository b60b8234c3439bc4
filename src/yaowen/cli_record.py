"""Record commands of the CLI: ingest, reextract, search, person, people, meetings, stats, export, rules."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn
from rich.table import Table
from rich.text import Text

from .cli import FieldOption, app, err_console, fail, field_map_or_exit, out_console
from .record import Filters, IngestReport, Record, RecordMissing, database_url

DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL "
                                              "(default: $YAOWEN_DB, else ./yaowen.db).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
LimitOption = Annotated[int, typer.Option("--limit", "-n", help="How many rows.")]
_MARK_RE = re.compile(r"<mark>(.*?)</mark>")


def _open(db: str | None, create: bool = False) -> Record:
    """The record, or one line saying why not. Only commands that store pages create one."""
    try:
        return Record.open(db, create=create)
    except RecordMissing as e:
        hint = "" if create else " (store pages first with `yaowen ingest PATH`, or name the record with --db or $YAOWEN_DB)"
        fail(f"{e}{hint}")
    except Exception as e:  # noqa: BLE001 - say which database and why, in one line
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
            progress.console.print(Text(f"yaowen: {error}", style="red"), soft_wrap=True)

    with progress:
        return run(on_page)


def _summary(report: IngestReport, rec: Record) -> None:
    parts = [f"{report.stored} page(s) stored", f"{report.articles} article(s)"]
    if report.skipped:
        parts.append(f"{report.skipped} already in the record")
    if report.relabelled:
        parts.append(f"{report.relabelled} of them given the paper asked for")
    if report.failed:
        parts.append(f"{report.failed} failed")
    parts.append(f"{report.pages_per_second:.1f} pages/s")
    err_console.print(f"[dim]{', '.join(parts)} -> {rec.url}[/dim]")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(
        metavar="PATH...", help="Page files, directories (recursive), globs, article dumps (.jsonl, .json, "
                                ".csv: one page per record) and web archives (.warc, .warc.gz).")],
    paper: Annotated[str | None, typer.Option("--paper", help="The newspaper these pages are from (pages already "
                                                              "stored under another paper are given this one).")] = None,
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, max=256,
                                         help="Extraction processes (0 = one per core).")] = 1,
    field: FieldOption = None,
) -> None:
    """Store pages and their facts in the record. Pages already stored (same bytes) are skipped."""
    fields = field_map_or_exit(field)
    rec = _open(db, create=True)
    report = _run_with_progress("ingest", lambda cb: rec.ingest(paths, paper=paper, workers=workers, on_page=cb,
                                                                fields=fields))
    _summary(report, rec)
    if report.stored + report.skipped == 0:
        raise typer.Exit(1)


@app.command()
def reextract(
    db: DbOption = None,
    all_pages: Annotated[bool, typer.Option("--all", help="Every page, not only those of older extractors.")] = False,
    workers: Annotated[int, typer.Option("--workers", "-w")] = 1,
) -> None:
    """Re-derive articles and facts from the stored page bytes (after upgrading Yaowen)."""
    rec = _open(db)
    report = _run_with_progress("reextract", lambda cb: rec.reextract(all_pages, workers, on_page=cb))
    _summary(report, rec)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words; several words must all occur. 审计, 市委, 审计整改 ...")],
    db: DbOption = None,
    date_from: Annotated[str | None, typer.Option("--from", help="From date: 2021, 2021-03, 2021-03-05.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="To date (inclusive).")] = None,
    person: Annotated[str | None, typer.Option("--person", help="Articles naming this person.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="audit, epidemic, industry ...")] = None,
    body: Annotated[str | None, typer.Option("--body", help="Articles on a meeting of this body.")] = None,
    paper: Annotated[str | None, typer.Option("--paper")] = None,
    limit: LimitOption = 10,
    page: Annotated[int, typer.Option("--page", help="Result page, from 1.")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Full-text search of headlines and bodies, best matches first."""
    rec = _open(db)
    result = rec.search(query, Filters(date_from, date_to, person, topic, body, paper), limit=limit,
                        offset=(max(page, 1) - 1) * limit)
    if as_json:
        _print_json({"query": result.query, "total": result.total, "hits": [h.__dict__ for h in result.hits]})
        return
    err_console.print(f"[dim]{result.total} article(s) for {query!r}[/dim]")
    for h in result.hits:
        head = Text(f"#{h.article_id} ", style="dim") + Text(h.headline or "(no headline)", style="bold")
        head += Text(f"  {h.date or ''} {h.paper}  {' '.join(h.topics)}", style="dim")
        out_console.print(head)
        out_console.print(_marked(h.snippet))
        if h.people:
            out_console.print(Text("  " + "、".join(h.people), style="cyan"))


def _marked(snippet: str) -> Text:
    import html

    text = Text("  ")
    pos = 0
    for m in _MARK_RE.finditer(snippet):
        text.append(html.unescape(snippet[pos:m.start()]))
        text.append(html.unescape(m.group(1)), style="bold yellow")
        pos = m.end()
    text.append(html.unescape(snippet[pos:]))
    return text


@app.command()
def person(
    name: Annotated[str, typer.Argument(help="The person's name (every person of that name is shown).")],
    db: DbOption = None,
    paper: Annotated[str | None, typer.Option("--paper")] = None,
    as_json: JsonOption = False,
) -> None:
    """A person's posts over time, appearances and meetings."""
    rec = _open(db)
    found = rec.person(name, paper)
    if as_json:
        _print_json(found)
        return
    if not found:
        err_console.print(f"yaowen: no person named {name!r} in the record")
        raise typer.Exit(1)
    for p in found:
        out_console.rule(f"[bold]{p['key']}[/bold]  {p['paper'] or ''}  {p['mentions']} mention(s), "
                         f"{p['first_seen'] or '?'} – {p['last_seen'] or '?'}")
        table = Table("post", "first seen", "last seen", "articles", title="posts")
        for t in p["timeline"]:
            table.add_row(t["post"], t["first_seen"] or "", t["last_seen"] or "", str(len(t["articles"])))
        out_console.print(table)
        meetings = Table("date", "meeting", "role", title="meetings")
        for m in p["meetings"][:20]:
            meetings.add_row(m["date"] or "", m["name"] or m["body"] or "", m["role"])
        if p["meetings"]:
            out_console.print(meetings)
        for a in p["appearances"][:10]:
            out_console.print(Text(f"  {a['date'] or '':10}  #{a['id']} {a['headline'] or '(no headline)'}"))
        if p["co_attendees"]:
            out_console.print(Text("  often with: " + "、".join(f"{c['name']}({c['meetings']})"
                                                             for c in p["co_attendees"][:8]), style="dim"))


@app.command()
def people(
    db: DbOption = None,
    name: Annotated[str | None, typer.Option("--name", help="Names containing this.")] = None,
    paper: Annotated[str | None, typer.Option("--paper")] = None,
    limit: LimitOption = 30,
    as_json: JsonOption = False,
) -> None:
    """People in the record, most mentioned first, with their latest post."""
    rows = _open(db).people(name, paper, limit)
    if as_json:
        _print_json(rows)
        return
    table = Table("name", "latest post", "mentions", "first seen", "last seen")
    for r in rows:
        table.add_row(r["key"], r["latest_post"] or "", str(r["mentions"]), r["first_seen"] or "",
                      r["last_seen"] or "")
    out_console.print(table)


@app.command()
def meetings(
    db: DbOption = None,
    body: Annotated[str | None, typer.Option("--body", help="Convening body: 市委常委会, 市政府 ...")] = None,
    date_from: Annotated[str | None, typer.Option("--from")] = None,
    date_to: Annotated[str | None, typer.Option("--to")] = None,
    person: Annotated[str | None, typer.Option("--person", help="Chaired or attended by.")] = None,
    limit: LimitOption = 30,
    as_json: JsonOption = False,
) -> None:
    """Meetings held: date, body, chairs, attendees and approved documents."""
    rows = _open(db).meetings(body=body, date_from=date_from, date_to=date_to, person=person, limit=limit)
    if as_json:
        _print_json(rows)
        return
    table = Table("date", "meeting", "chairs", "attendees", "approved", show_lines=True)
    for r in rows:
        table.add_row(r["date"] or "", r["name"] or r["body"] or "", "、".join(r["chairs"]),
                      "、".join(r["attendees"]), "\n".join(f"《{t}》" for t in r["approved"]))
    out_console.print(table)


@app.command()
def stats(db: DbOption = None, as_json: JsonOption = False) -> None:
    """What the record holds."""
    data = _open(db).stats()
    if as_json:
        _print_json(data)
        return
    table = Table("", "count")
    for key in ("pages", "articles", "people", "mentions", "meetings", "documents", "figures", "appointments",
                "ingest_errors"):
        table.add_row(key, str(data[key]))
    out_console.print(table)
    out_console.print(f"dates: {data['first_date'] or '?'} – {data['last_date'] or '?'}")
    if data["topics"]:
        out_console.print("topics: " + ", ".join(f"{t['topic']} {t['articles']}" for t in data["topics"]))
    if data["meeting_bodies"]:
        out_console.print("bodies: " + ", ".join(f"{b['body']} {b['meetings']}" for b in data["meeting_bodies"]))


@app.command()
def export(
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for one file per table.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = "jsonl",
    db: DbOption = None,
) -> None:
    """Write every table as JSON Lines, CSV or Parquet (for pandas, Polars, DuckDB)."""
    if fmt not in ("jsonl", "csv", "parquet"):
        err_console.print(f"yaowen: unknown format {fmt!r} (jsonl, csv or parquet)")
        raise typer.Exit(2)
    counts = _open(db).export(out, fmt)  # type: ignore[arg-type]
    err_console.print(f"[dim]{sum(counts.values())} row(s) in {len(counts)} file(s) -> {out}[/dim]")


@app.command()
def merge(
    name: Annotated[str, typer.Argument(help="The name to fold in (群策).")],
    into: Annotated[str, typer.Argument(help="The person it is (邓群策).")],
    db: DbOption = None,
    paper: Annotated[str, typer.Option("--paper", help="Only in this paper (default: all).")] = "",
) -> None:
    """Correct the record by hand: NAME is the same person as INTO."""
    changed = _open(db).add_rule("merge", name, into, paper)
    err_console.print(f"[dim]merged {name} into {into}: {sum(changed.values())} row(s) moved[/dim]")


@app.command()
def split(
    name: Annotated[str, typer.Argument(help="The name two people share.")],
    post: Annotated[str, typer.Option("--post", help="Text of the posts that mark the other person.")],
    db: DbOption = None,
    paper: Annotated[str, typer.Option("--paper")] = "",
) -> None:
    """Correct the record by hand: mentions of NAME with a post containing POST are another person."""
    changed = _open(db).add_rule("split", name, post, paper)
    err_console.print(f"[dim]split {name} by {post}: {sum(changed.values())} row(s) moved[/dim]")


@app.command()
def rules(
    db: DbOption = None,
    remove: Annotated[int | None, typer.Option("--remove", help="Remove the rule with this id.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List (or remove) the hand corrections of who is who."""
    rec = _open(db)
    if remove is not None and not rec.remove_rule(remove):
        err_console.print(f"yaowen: no rule {remove}")
        raise typer.Exit(1)
    rows = rec.rules()
    if as_json:
        _print_json(rows)
        return
    for r in rows:
        what = f"{r['name']} -> {r['target']}" if r["kind"] == "merge" else f"{r['name']} where post has {r['target']}"
        out_console.print(f"{r['id']:>4}  {r['kind']:5}  {what}  {r['paper'] or '(all papers)'}")


@app.command()
def demo(
    pages: Annotated[Path, typer.Argument(help="Pages to ingest.")] = Path("examples/pages"),
    db: DbOption = None,
    paper: Annotated[str, typer.Option(help="The paper the pages are from (the examples: all 临江日报; "
                                            "without it, pages whose masthead is not found stand apart).")] = "临江日报",
) -> None:
    """Ingest the bundled example pages into a local record and show what was found."""
    if not pages.exists():
        err_console.print(f"yaowen: {pages}: no such directory (run from the repository root)")
        raise typer.Exit(1)
    rec = _open(db, create=True)
    report = _run_with_progress("ingest", lambda cb: rec.ingest([str(pages)], paper=paper or None, on_page=cb))
    _summary(report, rec)
    stats(db=db, as_json=False)
    out_console.rule("most mentioned people")
    people(db=db, name=None, paper=None, limit=8, as_json=False)
    out_console.rule("meetings")
    meetings(db=db, body=None, date_from=None, date_to=None, person=None, limit=5, as_json=False)
    out_console.rule("search: 审计")
    search("审计", db=db, date_from=None, date_to=None, person=None, topic=None, body=None, paper=None, limit=3,
           page=1, as_json=False)
    top = rec.people(limit=1)
    if top:
        out_console.rule(f"person: {top[0]['name']}")
        person(top[0]["name"], db=db, paper=None, as_json=False)
    out_console.print(f"\n[dim]Explore further: yaowen serve (then open http://127.0.0.1:8000/), yaowen search "
                      f"WORD, yaowen person NAME, yaowen export --format parquet --out DIR (record: {rec.url})[/dim]")
