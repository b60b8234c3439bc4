"""The command line: a thin layer over the library (``yaowen.read``, ``yaowen.pipeline``, ``yaowen.batch``)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console, Group
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text

from . import __version__
from .batch import extract_many, extract_one
from .errors import PageError
from .read import iter_sources

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Yaowen (要闻): rebuild the articles of Chinese official newspaper pages and extract their facts.",
)
out_console = Console()
err_console = Console(stderr=True)

PROGRESS_MIN_PAGES = 4  # below this a progress bar is only noise


@app.callback()
def main() -> None:
    """Yaowen (要闻)."""


@app.command()
def version() -> None:
    """Print the version."""
    out_console.print(f"yaowen {__version__}")


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive), globs, or - for stdin.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write DIR/<page stem>.json per page.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Processes to use (0 = one per core).")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON records instead of the readable view.")] = False,
    brief: Annotated[bool, typer.Option("--brief", help="Show only the first lines of each body.")] = False,
) -> None:
    """Rebuild the articles of newspaper pages: print them, or write one JSON file per page with --out."""
    sources: list[str] = []
    errors = 0
    for item in iter_sources(paths):
        if isinstance(item, PageError):
            _report(str(item))
            errors += 1
        else:
            sources.append(item)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)

    done = articles = 0
    used_names: set[str] = set()
    outcomes = _outcomes(sources, workers)
    progress = None
    if out is not None and len(sources) >= PROGRESS_MIN_PAGES:
        progress = Progress(
            TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=err_console, transient=True,
        )
        task = progress.add_task("extract", total=len(sources))
        progress.start()
    try:
        for outcome in outcomes:
            if progress is not None:
                progress.advance(task)
            if outcome.error or outcome.record is None:
                _report(outcome.error or f"{outcome.source}: no result", progress)
                errors += 1
                continue
            record = outcome.record
            done += 1
            articles += len(record["articles"])
            if not record["articles"]:
                _report(f"{outcome.source}: no articles found (is this a news page?)", progress)
            if out is not None:
                _write(out, outcome.source, record, used_names)
            elif as_json:
                out_console.print_json(json.dumps(record, ensure_ascii=False))
            else:
                show_page(outcome.source, record, brief)
    finally:
        if progress is not None:
            progress.stop()
    summary = f"{done} page(s), {articles} article(s)" + (f", {errors} error(s)" if errors else "")
    err_console.print(f"[dim]{summary}{f' -> {out}' if out else ''}[/dim]")
    if done == 0:
        raise typer.Exit(1)


def _outcomes(sources: list[str], workers: int):
    # stdin can only be read by this process; everything else may go to the pool
    for s in (s for s in sources if s == "-"):
        yield extract_one(s)
    yield from extract_many([s for s in sources if s != "-"], workers)


def _report(message: str, progress: Progress | None = None) -> None:
    console = progress.console if progress is not None else err_console
    console.print(Text(f"yaowen: {message}", style="red"), soft_wrap=True)


def _write(out: Path, source: str, record: dict[str, Any], used: set[str]) -> None:
    stem = Path(source).stem if source != "-" else "stdin"
    name = stem if stem not in used else f"{stem}_{record['page_id'][:8]}"
    used.add(name)
    target = out / f"{name}.json"
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, target)  # atomic: an interrupted run never leaves half a file


def show_page(source: str, record: dict[str, Any], brief: bool = False) -> None:
    head = f"[bold]{source}[/bold]  {len(record['articles'])} article(s)"
    if record.get("issue_date"):
        head += f"  issue {record['issue_date']}"
    if record.get("script") == "traditional":
        head += "  (traditional script, converted)"
    out_console.rule(head)
    for a in record["articles"]:
        out_console.print(_article_panel(a, brief))


def _article_panel(a: dict[str, Any], brief: bool) -> Panel:
    parts: list[Any] = []
    if a.get("column"):
        parts.append(Text(a["column"], style="dim italic"))
    if a.get("kicker"):
        parts.append(Text(a["kicker"], style="cyan"))
    parts.append(Text(a.get("headline") or "(no headline)", style="bold" if a.get("headline") else "dim"))
    if a.get("subheadline"):
        parts.append(Text("—— " + a["subheadline"], style="cyan"))
    meta = []
    if a.get("source"):
        meta.append(a["source"])
    if a.get("reporters"):
        meta.append("记者 " + " ".join(a["reporters"]))
    if a.get("correspondents"):
        meta.append("通讯员 " + " ".join(a["correspondents"]))
    if a.get("event_date"):
        meta.append(a["event_date"])
    flags = [f"上接: {a['continued_from']}" if a.get("continued_from") else "",
             f"下转: {a['continues_to']}" if a.get("continues_to") else "",
             "fragment" if a.get("fragment") else ""] + a.get("notes", [])
    meta += [f for f in flags if f]
    if meta:
        parts.append(Text(" · ".join(meta), style="dim"))
    body = a.get("body") or ""
    if brief:
        body = "\n".join(body.split("\n")[:2])
    parts.append(Text(body))
    return Panel(Group(*parts), title=a["id"], title_align="left", expand=True)



# registers the record commands and ``serve`` on ``app``
from . import cli_record, cli_web  # noqa: E402,F401
