"""The command line: a thin layer over the library (``yaowen.read``, ``yaowen.pipeline``, ``yaowen.batch``)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.text import Text
from typer.core import TyperArgument

from . import __version__
from .budget import DEFAULT_PAGE_TIMEOUT
from .read import MAX_BYTES
from .read.dumps import FieldMap, parse_field_map
from .read.inputs import iter_inputs
from .read.source_urls import SourceUrls, load_source_urls, tables_beside
from .sources import shown

if TYPE_CHECKING:
    from .batch import PageEngine, PageOutcome

# The pipeline and the record (their word lists, models and SQLAlchemy: ~2.5 s of imports) are imported by
# the commands that use them, so `yaowen --help` and a mistyped option answer at once.


def _argument_type(self: TyperArgument, ctx: Any) -> str:
    return "" if self.metavar else _typer_argument_type(self, ctx)


# Typer prints a Python type beside each argument ("<list[str]>"), which tells a reader nothing: an argument
# given a metavar (PATH, QUERY) shows its name and help only.
_typer_argument_type = TyperArgument.display_type
TyperArgument.display_type = _argument_type  # type: ignore[method-assign]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Yaowen (要闻): rebuild the articles of Chinese official newspaper pages and extract their facts.",
)
out_console = Console()
err_console = Console(stderr=True)


@app.callback()
def callback(
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of a failure that is Yaowen's own "
                                                        "(also: YAOWEN_DEBUG=1).")] = False,
) -> None:
    """Yaowen (要闻)."""
    if debug:
        os.environ["YAOWEN_DEBUG"] = "1"  # read by main() and inherited by worker processes


@app.command()
def version() -> None:
    """Print the version."""
    out_console.print(f"yaowen {__version__}")


FieldOption = Annotated[list[str] | None, typer.Option(
    "--field", metavar="ROLE=FIELD",
    help="For article dumps: the field that holds a role (text, title, date, url, paper), e.g. "
         "--field text=正文. Default: content/text/body, title/headline, date/published, url/link, source/paper.")]


ManifestOption = Annotated[Path | None, typer.Option(
    "--manifest", metavar="FILE", help="Also read the inputs listed in FILE: one path, directory or glob a "
                                       "line (blank lines and lines starting with # are skipped).")]
UrlsOption = Annotated[Path | None, typer.Option(
    "--urls", metavar="TABLE", help="A CSV/TSV table of the page files' source URLs (columns: path, file, name "
                                    "or id; url), e.g. a scraper's log: a date or year-month in a URL dates a "
                                    "page that prints no year. Default: a table named INDEX.tsv, index.csv, "
                                    "urls.tsv or urls.csv beside the pages given (in their directory or its "
                                    "parent).")]
NoUrlsOption = Annotated[bool, typer.Option(
    "--no-urls", help="Do not read a table of source URLs found beside the pages (see --urls).")]
EngineOption = Annotated[str, typer.Option(
    "--engine", metavar="local|ray", help="Where pages are extracted: local processes, or a Ray cluster "
                                          "(pip install \"yaowen\\[ray]\").")]
AddressOption = Annotated[str | None, typer.Option(
    "--address", help="With --engine ray: the cluster (auto: the one `ray start` runs here; "
                      "ray://host:10001). Default: a Ray of --workers CPUs started for this command.")]
PageTimeoutOption = Annotated[float, typer.Option(
    "--page-timeout", min=0, metavar="SECONDS",
    help="Give up a page that takes longer than this (reported by name; the batch goes on). 0 = no limit.")]

MaxPageOption = Annotated[float, typer.Option(
    "--max-page-mb", min=0, metavar="MB",
    help="Refuse a page file larger than this, unread (reported by name; the batch goes on). 0 = no limit.")]


def max_page_bytes(mb: float) -> int | None:
    return int(mb * 2**20) or None


@app.command()
def extract(
    paths: Annotated[list[str] | None, typer.Argument(
        metavar="PATH", help="Files, directories (recursive), globs, or - for stdin. Article dumps "
                                "(.jsonl, .json, .csv) and web archives (.warc, .warc.gz) give one page per record.")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write DIR/<page stem>.json per page.")] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, max=256,
                                         help="Processes to use (0 = one per core).")] = 1,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON record per page, a line each (JSONL).")] = False,
    brief: Annotated[bool, typer.Option("--brief", help="Show only the first lines of each body.")] = False,
    field: FieldOption = None,
    manifest: ManifestOption = None,
    urls: UrlsOption = None,
    no_urls: NoUrlsOption = False,
    engine: EngineOption = "local",
    address: AddressOption = None,
    page_timeout: PageTimeoutOption = DEFAULT_PAGE_TIMEOUT,
    max_page_mb: MaxPageOption = MAX_BYTES / 2**20,
) -> None:
    """Rebuild the articles of newspaper pages: print them, or write one JSON file per page with --out."""
    fields = field_map_or_exit(field)
    inputs = inputs_or_exit(paths, manifest)
    source_urls = source_urls_or_exit(urls, paths, not no_urls)
    if out is not None:
        prepare_out_dir(out)
    pages = engine_or_exit(engine, workers, address)
    done = articles = errors = 0
    used_names: set[str] = set()
    progress = None
    if out is not None:
        progress = Progress(
            TextColumn("[bold]extract"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
            console=err_console, transient=True, disable=not err_console.is_terminal,
        )
        task = progress.add_task("extract", total=None)
        progress.start()
    try:
        for outcome in _outcomes(paths or [], inputs, pages, fields, page_timeout, max_page_bytes(max_page_mb),
                                 source_urls):
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
                _write(out, outcome.stem or _stem(outcome.source), record, used_names)
            elif as_json:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                show_page(outcome.source, record, brief)
    finally:
        pages.close()
        if progress is not None:
            progress.stop()
    summary = f"{done} page(s), {articles} article(s)" + (f", {errors} error(s)" if errors else "")
    err_console.print(f"[dim]{summary}{f' -> {out}' if out else ''}[/dim]")
    if done == 0:
        raise typer.Exit(1)


def field_map_or_exit(options: list[str] | None) -> FieldMap:
    try:
        return parse_field_map(options)
    except ValueError as e:
        fail(str(e))


def prepare_out_dir(out: Path) -> None:
    """Make the output directory, or end in one line saying why it cannot be."""
    if out.exists() and not out.is_dir():
        fail(f"--out {out}: a file of that name exists; give a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".yaowen-write-test"
        probe.touch()
        probe.unlink()
    except OSError as e:
        fail(f"--out {out}: cannot write there ({e.strerror or type(e).__name__})")


def fail(message: str, code: int = 2) -> NoReturn:
    """One red line on stderr and a non-zero exit: how every mistake on the command line ends."""
    report_line(message)
    raise typer.Exit(code)


def inputs_or_exit(paths: list[str] | None, manifest: Path | None) -> Iterator[str]:
    """The command's inputs: ``paths``, then the lines of ``manifest``, read as they are used."""
    if not paths and manifest is None:
        fail("give the pages to read: PATH... or --manifest FILE")
    if manifest is not None:
        try:
            with manifest.open("rb"):
                pass
        except OSError as e:
            fail(f"--manifest {manifest}: cannot read it ({e.strerror or type(e).__name__})")
    return _listed(paths or [], manifest)


def _listed(paths: list[str], manifest: Path | None) -> Iterator[str]:
    yield from paths
    if manifest is not None:
        with manifest.open(encoding="utf-8", errors="surrogateescape") as lines:  # names are bytes on Linux
            for line in lines:
                line = line.strip()
                if line and not line.startswith("#"):
                    yield line


def source_urls_or_exit(table: Path | None, paths: list[str] | None, look_beside: bool) -> SourceUrls | None:
    """The source URLs of ``--urls TABLE`` (or one line saying why the table cannot be used and an exit);
    without it, those of the tables a scrape keeps beside the pages given (each named in a line)."""
    if table is not None:
        try:
            return load_source_urls(table)
        except ValueError as e:
            fail(str(e))
    if not look_beside:
        return None
    urls = SourceUrls()
    folders = dict.fromkeys(p if os.path.isdir(p) else os.path.dirname(os.path.abspath(p))
                            for p in paths or [] if p != "-" and os.path.exists(p))  # (a page file's folder)
    for found in tables_beside(folders):
        before = len(urls)
        try:
            load_source_urls(found, urls)
        except ValueError as e:
            why = str(e).split(": ", 1)[-1]
            err_console.print(Text(f"{shown(found)} is beside the pages but gives no source URLs: {why}",
                                   style="dim"), soft_wrap=True)
            continue
        err_console.print(Text(f"source URLs from {shown(found)} ({len(urls) - before} pages; --no-urls "
                               "ignores it)", style="dim"), soft_wrap=True)
    return urls if urls.tables else None


def engine_or_exit(name: str, workers: int, address: str | None) -> PageEngine:
    """The extraction engine asked for, or one line saying why it cannot run (Ray not installed ...)."""
    from .batch import EngineUnavailable, open_engine

    try:
        return open_engine(name, workers, address)
    except EngineUnavailable as e:
        fail(str(e))


def _outcomes(paths: list[str], inputs: Iterator[str], pages: PageEngine, fields: FieldMap,
              time_limit: float, max_bytes: int | None, urls: SourceUrls | None) -> Iterator[PageOutcome]:
    from .batch import Extraction, extract_path

    # stdin can only be read by this process; everything else streams through the engine, in order
    job = Extraction(options={"time_limit": time_limit})
    for _ in (p for p in paths if p == "-"):
        yield extract_path("-", job)
    yield from pages.outcomes(iter_inputs((p for p in inputs if p != "-"), fields, max_bytes, urls), job)


def _stem(source: str) -> str:
    return Path(source).stem if source != "-" else "stdin"


def report_line(message: str, console: Console | None = None) -> None:
    """One red line on stderr for a page or file that failed: escapes keep it one line, whatever a file name
    or a library's reason holds (newlines, ESC sequences, bytes that are not UTF-8)."""
    (console or err_console).print(Text(f"yaowen: {shown(message)}", style="red"), soft_wrap=True)


def _report(message: str, progress: Progress | None = None) -> None:
    report_line(message, progress.console if progress is not None else None)


def _write(out: Path, stem: str, record: dict[str, Any], used: set[str]) -> None:
    name = stem if stem not in used else f"{stem}_{record['page_id'][:8]}"
    used.add(name)
    target = out / f"{name}.json"
    tmp = target.with_name(target.name + ".tmp")
    try:
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, target)  # atomic: an interrupted run never leaves half a file
    finally:
        tmp.unlink(missing_ok=True)


def show_page(source: str, record: dict[str, Any], brief: bool = False) -> None:
    head = f"[bold]{escape(shown(source))}[/bold]  {len(record['articles'])} article(s)"
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



def main(argv: list[str] | None = None) -> None:
    """The ``yaowen`` command: every mistake ends in one line on stderr and a non-zero exit, never a
    traceback (``yaowen --debug ...`` or ``YAOWEN_DEBUG=1`` shows one for a failure that is Yaowen's own); a
    failure of the machine — a full disk, a lost database server, a record kept locked — says what to do and
    exits 3."""
    try:
        code = app(args=argv, prog_name="yaowen", standalone_mode=False)
    except typer.Exit as e:
        sys.exit(e.exit_code)
    except typer.TyperException as e:  # click's usage errors (typer vendors click): missing or bad arguments
        ctx = getattr(e, "ctx", None)
        message = e.format_message()
        if message.startswith("No such option: -") and not message.isascii():
            message += " (a query that starts with -: put -- before it, yaowen search -- -疫情 审计)"
        where = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        err_console.print(Text(f"yaowen: {message}{where}", style="red"), soft_wrap=True)
        sys.exit(e.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        err_console.print(Text("yaowen: interrupted", style="red"))
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - a bug of ours: one line that says so, not a traceback
        if os.environ.get("YAOWEN_DEBUG"):
            raise
        from .record.failures import operational_failure

        line = operational_failure(e, cli_record.opened_record)
        if line is not None:  # the machine's failure (disk, server, locks), not ours: what to do about it
            report_line(line)
            sys.exit(3)
        report_line(f"internal error: {type(e).__name__}: {e} (yaowen --debug ... shows where)")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


# registers the record commands and ``serve`` on ``app``
from . import cli_query, cli_record, cli_web  # noqa: E402,F401
