"""What the pages draw: an article's text with its facts marked, a raw page with an article's spans marked,
the Plotly figure specs of the charts, CSV of a listing. Every piece of page text is HTML-escaped here."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from markupsafe import Markup

from ..csv_cells import neutralised
from ..validate import APPOINTMENT_KINDS, TOPIC_LABELS, topic_label

__all__ = ["APPOINTMENT_KINDS", "TOPIC_LABELS", "topic_label"]


def kind_label(code: str) -> str:
    return APPOINTMENT_KINDS.get(code, code)


def meeting_name(meeting: dict[str, Any]) -> str:
    """A meeting's name, or what it is when the article gives none: 市委常委会会议（未具名）."""
    if meeting.get("name"):
        return str(meeting["name"])
    return f"{meeting['body']}会议（未具名）" if meeting.get("body") else "未具名会议"


_CURRENCY_NAMES = {"CNY": "元"}


def figure_value(value: float | None, unit: str = "") -> str:
    """A figure as a reader writes it: 8,211,500 USD; 20 亿元; 1,200 人; 12.5%. Never 2e+09."""
    if value is None:
        return ""
    if unit == "%":
        return f"{_plain(value)}%"
    if unit in _CURRENCY_NAMES:
        for size, word in ((1e8, "亿"), (1e4, "万")):
            if abs(value) >= size:
                return f"{_plain(value / size)} {word}{_CURRENCY_NAMES[unit]}"
        return f"{_plain(value)} {_CURRENCY_NAMES[unit]}"
    return f"{_plain(value)} {unit}".strip()


def _plain(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text


# ---- text with marks ----

def _marked(text: str, marks: Sequence[tuple[int, int, str, dict[str, str]]]) -> Markup:
    """``text`` escaped, each stretch covered by marks wrapped in one element carrying all their classes.

    Marks may overlap (a figure inside a meeting sentence): the text is cut at every mark boundary so that
    no element has to nest inside another. A mark with an ``href`` makes its stretches links.
    """
    n = len(text)
    cuts = sorted({0, n, *(min(max(b, 0), n) for s, e, _, _ in marks for b in (s, e))})
    out: list[str] = []
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        if lo >= hi:
            continue
        active = [m for m in marks if m[0] <= lo and hi <= m[1]]
        piece = escape(text[lo:hi])
        if not active:
            out.append(piece)
            continue
        classes = " ".join(sorted({m[2] for m in active}))
        attrs = {k: v for m in active for k, v in m[3].items()}
        tag = "a" if "href" in attrs else "span"
        attr_html = "".join(f' {k}="{escape(v)}"' for k, v in sorted(attrs.items()))
        out.append(f'<{tag} class="{classes}"{attr_html}>{piece}</{tag}>')
    return Markup("".join(out))


def article_text(article: dict[str, Any]) -> Markup:
    """The article body with people, meetings, documents, figures and appointments marked."""
    marks: list[tuple[int, int, str, dict[str, str]]] = []

    def span(row: dict[str, Any], cls: str, attrs: dict[str, str]) -> None:
        if row.get("body_start") is not None and row.get("body_end") is not None:
            marks.append((row["body_start"], row["body_end"], cls, attrs))

    body = article["body"]
    for m in article["mentions"]:
        attrs = {"title": "、".join(m["titles"]) or m["name"]}
        if m.get("person_id"):
            attrs["href"] = f"/people/{m['person_id']}"
        span(m, "f-person", attrs)
        if m.get("body_start") is not None:
            marks.extend(_post_marks(body, m["body_start"], m["titles"]))
    for m in article["meetings"]:
        span(m, "f-meeting", {"title": meeting_name(m)})
    for d in article["documents"]:
        span(d, "f-document", {"title": "审议通过" if d.get("approved") else "文件"})
    for f in article["figures"]:
        label = " ".join(x for x in (f.get("measure"), figure_value(f.get("value"), f.get("unit", "")),
                                     "目标" if f.get("target") else "") if x)
        span(f, "f-figure", {"title": label})
    for a in article["appointments"]:
        span(a, "f-appointment", {"title": f"{kind_label(a['kind'])} {a['post']}"})
    return _marked(article["body"], marks)


POST_WINDOW = 60  # how far before a name its posts are looked for (市委副书记、市长韩松涛)


def _post_marks(body: str, name_start: int, titles: list[str]) -> list[tuple[int, int, str, dict[str, str]]]:
    """The posts a mention gives, where the text prints them: the nearest occurrence before the name in the
    same sentence (a mention's titles are those its sentence gives)."""
    out = []
    window_start = max(0, name_start - POST_WINDOW)
    window_start = max(window_start, *(body.rfind(stop, window_start, name_start) + 1 for stop in "。！？\n"))
    for title in titles:
        at = body.rfind(title, window_start, name_start)
        if at >= 0:
            out.append((at, at + len(title), "f-post", {"title": title}))
    return out


def raw_page_text(text: str, spans_by_article: dict[int, list[list[int]]], current: int | None) -> Markup:
    """The page as read, the current article's spans marked strongly, the other articles' lightly."""
    marks = [(s, e, "raw-current" if aid == current else "raw-other", {"data-article": str(aid)})
             for aid, spans in spans_by_article.items() for s, e in spans]
    return _marked(text, marks)


# ---- charts: Plotly figure specs (data + layout), drawn by static/charts.js ----

# the same CJK font stack as the style sheet, so that chart labels render where the page text does
_FONT = {"family": "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', "
                   "'WenQuanYi Micro Hei', 'WenQuanYi Zen Hei', system-ui, sans-serif", "size": 13}


def _layout(**kw: Any) -> dict[str, Any]:
    return {"font": _FONT, "margin": {"l": 10, "r": 10, "t": 10, "b": 40}, "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)", **kw}


def timeline_chart(timeline: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Who held which post when: one bar per post from first to last date seen."""
    rows = [t for t in timeline if t["first_seen"]]
    if not rows:
        return None
    data = []
    for t in rows:
        first, last = t["first_seen"], t["last_seen"] or t["first_seen"]
        n = len(t["articles"])
        data.append({"type": "scatter", "mode": "lines+markers", "x": [first, last], "y": [escape(t["post"])] * 2,
                     "line": {"width": 12}, "marker": {"size": 12}, "showlegend": False, "name": escape(t["post"]),
                     "hovertemplate": f"{escape(t['post'])}<br>{first} – {last}<br>{n} 篇<extra></extra>"})
    return {"data": data, "layout": _layout(height=90 + 42 * len(rows), xaxis={"type": "date"},
                                            yaxis={"automargin": True, "autorange": "reversed"})}


def _count_axis(most: int) -> dict[str, Any]:
    """A y axis of whole numbers of articles: ticks at 1, 2, 3 ... or at round steps of about five ticks."""
    return {"automargin": True, "rangemode": "tozero", "tickformat": "d", "dtick": max(1, math.ceil(most / 5))}


def appearances_chart(months: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not months:
        return None
    return {"data": [{"type": "bar", "x": [m["month"] for m in months], "y": [m["articles"] for m in months],
                      "hovertemplate": "%{x|%Y-%m}: %{y} 篇<extra></extra>"}],
            "layout": _layout(height=220, xaxis={"type": "date"},
                              yaxis=_count_axis(max(m["articles"] for m in months)))}


def network_chart(network: dict[str, list[dict[str, Any]]]) -> dict[str, Any] | None:
    """The person in the middle, co-attendees on a circle, a line for each pair that met, thicker = more."""
    nodes = network["nodes"]
    if len(nodes) < 2:
        return None
    pos = {nodes[0]["id"]: (0.0, 0.0)}
    ring = nodes[1:]
    for i, node in enumerate(ring):
        angle = 2 * math.pi * i / len(ring)
        pos[node["id"]] = (math.cos(angle), math.sin(angle))
    most = max(e["meetings"] for e in network["edges"]) or 1
    data: list[dict[str, Any]] = []
    for e in network["edges"]:
        (x0, y0), (x1, y1) = pos[e["source"]], pos[e["target"]]
        data.append({"type": "scatter", "mode": "lines", "x": [x0, x1], "y": [y0, y1], "hoverinfo": "skip",
                     "line": {"width": 1 + 5 * e["meetings"] / most, "color": "rgba(120,120,140,0.45)"},
                     "showlegend": False})
    data.append({
        "type": "scatter", "mode": "markers+text", "showlegend": False,
        "x": [pos[n["id"]][0] for n in nodes], "y": [pos[n["id"]][1] for n in nodes],
        "text": [escape(n["name"]) for n in nodes], "textposition": "top center",
        "customdata": [f"/people/{n['id']}" for n in nodes],
        "hovertext": [f"{escape(n['name'])}：同会 {n['meetings']} 次" if n["meetings"] else escape(n["name"]) for n in nodes],
        "hoverinfo": "text",
        "marker": {"size": [26] + [12 + 14 * n["meetings"] / most for n in ring],
                   "color": ["#b22"] + ["#357"] * len(ring)},
    })
    axis = {"visible": False, "range": [-1.4, 1.4]}
    return {"data": data, "layout": _layout(height=380, xaxis=axis, yaxis=axis | {"scaleanchor": "x"}),
            "click": "link"}


def months_between(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` (YYYY-MM), both included."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def topics_chart(rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Articles per topic per month, one line per topic; a click opens that topic's articles of the month.

    A month the record has no dated article in is a gap in every line (not a straight line joining months
    years apart); a month with articles but none on a topic is a 0 for that topic."""
    if not rows:
        return None
    by_topic: dict[str, dict[str, int]] = {}
    for r in rows:
        by_topic.setdefault(r["topic"], {})[r["month"]] = r["articles"]
    with_data = {r["month"] for r in rows}
    months = months_between(min(with_data), max(with_data))
    order = sorted(by_topic, key=lambda t: -sum(by_topic[t].values()))
    data = [{"type": "scatter", "mode": "lines+markers", "name": escape(topic_label(t)), "connectgaps": False,
             "x": months, "y": [by_topic[t].get(m, 0) if m in with_data else None for m in months],
             "customdata": [f"/search?topic={t}&date_from={m}&date_to={m}" for m in months],
             "hovertemplate": f"{escape(topic_label(t))} %{{x|%Y-%m}}: %{{y}} 篇<extra></extra>"} for t in order]
    return {"data": data, "layout": _layout(height=460, xaxis={"type": "date"},
                                            yaxis=_count_axis(max(r["articles"] for r in rows)),
                                            legend={"orientation": "h", "y": -0.15}),
            "click": "link"}


def hits_chart(months: list[dict[str, Any]]) -> dict[str, Any] | None:
    """How many articles match a query each month (bars; a month without matches has none)."""
    if not months:
        return None
    return {"data": [{"type": "bar", "x": [m["month"] for m in months], "y": [m["articles"] for m in months],
                      "hovertemplate": "%{x|%Y-%m}: %{y} 篇<extra></extra>"}],
            "layout": _layout(height=200, xaxis={"type": "date"},
                              yaxis=_count_axis(max(m["articles"] for m in months)))}


def chart_json(spec: dict[str, Any] | None) -> Markup:
    """A figure spec as JSON safe inside <script type="application/json"> (no '<' can close the element)."""
    text = json.dumps(spec, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return Markup(text.replace("&", "\\u0026"))


# ---- downloads ----

def _cell(value: Any) -> Any:
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    return neutralised(value)


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str] | None = None) -> str:
    """A listing as CSV text with a header row (lists joined with '; '), formulas neutralised."""
    rows = list(rows)
    cols = list(columns or (rows[0].keys() if rows else []))
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(cols)
    for r in rows:
        writer.writerow([_cell(r.get(c)) for c in cols])
    return buf.getvalue()
