"""Reading commands of the CLI: search, person, people, meetings, appointments, stats, and the demo.

They never create a record (a missing one is one line naming the path), and every filter goes through the
rules of ``yaowen.validate`` that the web API uses too.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from . import validate
from .cli import app, err_console, fail, out_console
from .cli_record import (
    MAX_ROWS,
    DbOption,
    JsonOption,
    LimitOption,
    _open,
    _print_json,
    _run_with_progress,
    _summary,
    checked,
)

_MARK_RE = re.compile(r"<mark>(.*?)</mark>")
MAX_SEARCH_ROWS = 500
FromOption = Annotated[str | None, typer.Option("--from", help="From date: 2021, 2021-03 or 2021-03-05.")]
ToOption = Annotated[str | None, typer.Option("--to", help="To date (inclusive; 2021 means to its end).")]
TOPIC_HELP = "Topic, by its label or code: " + ", ".join(f"{label} ({code})" for code, label in
                                                          list(validate.TOPIC_LABELS.items())[:4]) + " ..."


@app.command(context_settings={"ignore_unknown_options": True})  # -疫情 is a word to leave out, not an option
def search(
    words: Annotated[list[str], typer.Argument(
        metavar="QUERY", help='Words (all must occur): 审计 整改; 审计 OR 疫情; -word or NOT word leaves out; '
                              '"a phrase"; traditional script finds simplified text.')],
    db: DbOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    person: Annotated[str | None, typer.Option("--person", help="Articles naming this person.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help=TOPIC_HELP)] = None,
    body: Annotated[str | None, typer.Option("--body", help="Articles on a meeting of this body.")] = None,
    paper: Annotated[str | None, typer.Option("--paper")] = None,
    sort: Annotated[str, typer.Option("--sort", help="relevance (best first) or date (newest first).")] = "relevance",
    limit: Annotated[int, typer.Option("--limit", "-n", help=f"Results per page (1 to {MAX_SEARCH_ROWS}).")] = 10,
    page: Annotated[int, typer.Option("--page", help="Result page, from 1.")] = 1,
    as_json: JsonOption = False,
) -> None:
    """Full-text search of headlines and bodies, best matches first."""
    unknown = [w for w in words if w.startswith("--")]
    if unknown:
        fail(f"no such option: {unknown[0]} (see `yaowen search --help`)")
    query = " ".join(words)
    first, last = checked(validate.date_range, date_from, date_to)
    code = checked(validate.topic, topic)
    checked(validate.count, limit, "--limit", MAX_SEARCH_ROWS)
    checked(validate.page_number, page)
    from .record import Filters, QueryError
    from .record.search import SORTS

    if sort not in SORTS:
        fail(f"--sort {sort}: sort by relevance or date")
    rec = _open(db)
    try:
        result = rec.search(query, Filters(first, last, person, code, body, paper), limit=limit,
                            offset=(page - 1) * limit, sort=sort)
    except QueryError as e:
        fail(str(e))
    if as_json:
        _print_json({"query": result.query, "total": result.total, "hits": [h.__dict__ for h in result.hits]})
        return
    shown = f"{(page - 1) * limit + 1}–{(page - 1) * limit + len(result.hits)} of " if result.hits else ""
    err_console.print(f"[dim]{shown}{result.total} article(s) for {query!r}[/dim]")
    for h in result.hits:
        head = Text(f"#{h.article_id} ", style="dim") + Text(h.headline or "(no headline)", style="bold")
        head += Text(f"  {h.date or ''} {h.paper}  {' '.join(map(validate.topic_label, h.topics))}", style="dim")
        out_console.print(head)
        out_console.print(_marked(h.snippet))
        if h.people:
            out_console.print(Text("  " + "、".join(h.people), style="cyan"))


def _marked(snippet: str) -> Text:
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
    name: Annotated[str, typer.Argument(metavar="NAME", help="The person's name (every person of that name is shown).")],
    db: DbOption = None,
    paper: Annotated[str | None, typer.Option("--paper")] = None,
    as_json: JsonOption = False,
) -> None:
    """A person's posts over time, appearances, meetings and appointments."""
    rec = _open(db)
    found = rec.person(name.strip(), paper)
    if as_json:
        _print_json(found)
        return
    if not found:
        fail(f"no person named {name} in the record (try `yaowen people --name {name[:2]}`)", 1)
    for p in found:
        out_console.rule(f"[bold]{p['key']}[/bold]  {p['paper'] or ''}  {p['mentions']} mention(s), "
                         f"{p['first_seen'] or '?'} – {p['last_seen'] or '?'}")
        table = Table("post", "first seen", "last seen", "articles", title="posts")
        for t in p["timeline"]:
            table.add_row(t["post"], t["first_seen"] or "", t["last_seen"] or "", str(len(t["articles"])))
        out_console.print(table)
        meetings_table = Table("date", "meeting", "role", title="meetings")
        for m in p["meetings"][:20]:
            meetings_table.add_row(m["date"] or "", m["name"] or m["body"] or "(unnamed meeting)", m["role"])
        if p["meetings"]:
            out_console.print(meetings_table)
        if p.get("appointments"):
            out_console.print(Text("  appointments: " + "; ".join(
                f"{a['date'] or '?'} {a['kind']} {a['post']}" for a in p["appointments"][:10]), style="cyan"))
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
    checked(validate.count, limit, "--limit", MAX_ROWS)
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
    date_from: FromOption = None,
    date_to: ToOption = None,
    person: Annotated[str | None, typer.Option("--person", help="Chaired or attended by.")] = None,
    limit: LimitOption = 30,
    as_json: JsonOption = False,
) -> None:
    """Meetings held: date, body, chairs, attendees and approved documents."""
    first, last = checked(validate.date_range, date_from, date_to)
    checked(validate.count, limit, "--limit", MAX_ROWS)
    rows = _open(db).meetings(body=body, date_from=first, date_to=last, person=person, limit=limit)
    if as_json:
        _print_json(rows)
        return
    table = Table("date", "meeting", "chairs", "attendees", "approved", show_lines=True)
    for r in rows:
        table.add_row(r["date"] or "", meeting_title(r), "、".join(r["chairs"]),
                      "、".join(r["attendees"]), "\n".join(f"《{t}》" for t in r["approved"]))
    out_console.print(table)


def meeting_title(row: dict) -> str:  # type: ignore[type-arg]
    return row["name"] or (f"{row['body']} meeting (unnamed)" if row["body"] else "(unnamed meeting)")


@app.command()
def appointments(
    db: DbOption = None,
    person: Annotated[str | None, typer.Option("--person", help="Who was appointed, removed or elected.")] = None,
    post: Annotated[str | None, typer.Option("--post", help="Posts containing this (市长, 局长 ...).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="appoint, remove, elect or acting.")] = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    limit: LimitOption = 30,
    as_json: JsonOption = False,
) -> None:
    """Who was appointed, removed, elected or made acting, to what, when."""
    first, last = checked(validate.date_range, date_from, date_to)
    checked(validate.count, limit, "--limit", MAX_ROWS)
    kind_code = checked(validate.appointment_kind, kind)
    rows = _open(db).appointments(person=person, post=post, kind=kind_code, date_from=first, date_to=last,
                                  limit=limit)
    if as_json:
        _print_json(rows)
        return
    table = Table("date", "person", "kind", "post", "article")
    for r in rows:
        table.add_row(r["date"] or "", r["person"], validate.APPOINTMENT_KINDS[r["kind"]], r["post"],
                      f"#{r['article_id']} {r['headline'] or ''}")
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
        out_console.print("topics: " + ", ".join(f"{validate.topic_label(t['topic'])} {t['articles']}"
                                                 for t in data["topics"]))
    if data["meeting_bodies"]:
        out_console.print("bodies: " + ", ".join(f"{b['body']} {b['meetings']}" for b in data["meeting_bodies"]))


DEMO_MEETINGS = 5


@app.command()
def demo(
    pages: Annotated[Path, typer.Argument(metavar="[PAGES]", help="Pages to ingest.")] = Path("examples/pages"),
    db: DbOption = None,
    paper: Annotated[str, typer.Option(help="The paper the pages are from (the examples: all 临江日报; "
                                            "without it, pages whose masthead is not found stand apart).")] = "临江日报",
) -> None:
    """Ingest the bundled example pages into a local record and show what was found."""
    if not pages.exists():
        fail(f"{pages}: no such directory (run from the repository root)", 1)
    rec = _open(db, create=True)
    report = _run_with_progress("ingest", lambda cb: rec.ingest([str(pages)], paper=paper or None, on_page=cb))
    _summary(report, rec)
    stats(db=db, as_json=False)
    out_console.rule("most mentioned people")
    people(db=db, name=None, paper=None, limit=8, as_json=False)
    held = rec.stats()["meetings"]
    out_console.rule(f"meetings: the latest {min(DEMO_MEETINGS, held)} of {held} (all: yaowen meetings)")
    meetings(db=db, body=None, date_from=None, date_to=None, person=None, limit=DEMO_MEETINGS, as_json=False)
    out_console.rule("search: 审计")
    search(["审计"], db=db, date_from=None, date_to=None, person=None, topic=None, body=None, paper=None,
           sort="relevance", limit=3, page=1, as_json=False)
    top = rec.people(limit=1)
    if top:
        out_console.rule(f"person: {top[0]['name']}")
        person(top[0]["name"], db=db, paper=None, as_json=False)
    out_console.print(f"\n[dim]Explore further: yaowen serve (then open http://127.0.0.1:8000/), yaowen search "
                      f"WORD, yaowen person NAME, yaowen export --format parquet --out DIR (record: {rec.url})[/dim]")
