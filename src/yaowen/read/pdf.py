"""PDF pages (PyMuPDF): text blocks in reading order, columns handled, headline-sized lines marked.

Newspaper pages are set in columns, with headlines across several of them. The reading order comes from a
recursive XY cut over the text blocks: where a vertical band of white runs through the whole region, the
region splits into columns, read left to right; otherwise, where a horizontal band runs across it, into
rows, read top to bottom. Columns are tried first so that paragraph gaps that happen to line up across
two columns never interleave them, and a headline across the top blocks any vertical band, so it is read
before the columns under it. Lines set clearly larger than the page's body text are headings: the
largest size as ``# ``, the others as plain lines in place (the segmenter finds headline stacks itself).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pymupdf

from ..errors import PageError
from ..model import PageMeta
from .text import header_date

__all__ = ["pdf_to_text"]

NO_TEXT = "PDF has no text layer (scanned image?)"
HEADING_RATIO = 1.25  # a heading is at least this much larger than the body size ...
HEADING_MIN_STEP = 1.5  # ... and at least this many points larger (small body sizes round badly)

_SPACES_RE = re.compile(r"\s+")
_CJK_RE = re.compile(r"[\u3400-\u9fff]")
_ASCII_END_RE = re.compile(r"[0-9A-Za-z,.;:!?%)]$")
_ASCII_START_RE = re.compile(r"^[0-9A-Za-z(]")


@dataclass
class _Line:
    text: str
    size: float
    x0: float
    x1: float
    indented: bool  # starts with blank space: a paragraph's first line


@dataclass
class _Block:
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[_Line] = field(default_factory=list)


# MuPDF prints its errors on stdout (which would break `extract --json`) and its warnings on stderr, a line
# each; instead they are kept, and the first that says what is wrong goes into the page's one-line reason.
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


def pdf_to_text(data: bytes, source: str) -> tuple[str, PageMeta]:
    """The text of a PDF page (or pages), headings marked, and what the PDF says about itself."""
    pymupdf.TOOLS.mupdf_warnings(reset=True)
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as e:  # noqa: BLE001 - MuPDF raises several unrelated types for a damaged file
        raise PageError(source, _damage(data, _first_line(e))) from None
    with doc:
        if doc.needs_pass and not doc.authenticate(""):
            raise PageError(source, "encrypted PDF (password required)")
        if doc.page_count == 0:
            raise PageError(source, "PDF has no pages")
        paragraphs: list[str] = []
        inked = False  # images or drawings: a scan, or a page set as paths
        try:
            for page in doc:
                paragraphs += _page_paragraphs(page)
                inked = inked or bool(page.get_images() or page.get_drawings())
        except Exception as e:  # noqa: BLE001 - a page MuPDF cannot parse is a damaged file, not our bug
            raise PageError(source, _damage(data, _first_line(e))) from None
        info: dict[str, Any] = doc.metadata or {}
    problem = _mupdf_problem()
    if problem is not None and not any(_CJK_RE.search(p) for p in paragraphs):
        # the content streams are broken: what is left is no text, not a page in another language
        raise PageError(source, f"damaged PDF: no readable text (MuPDF: {problem})")
    if not paragraphs:
        raise PageError(source, NO_TEXT if inked else "PDF has no text and no images (blank pages)")
    text = "\n\n".join(paragraphs) + "\n"
    title = next((p[2:] for p in paragraphs if p.startswith("# ")), None)
    if title is None and _CJK_RE.search(info.get("title") or ""):
        title = info["title"].strip()  # only a Chinese title: "A01.indd" or "Microsoft Word - x" says nothing
    return text, PageMeta(title=title, date=header_date(text))


def _damage(data: bytes, error: str) -> str:
    """Why MuPDF could not read a PDF: cut short, or damaged, with what MuPDF said."""
    said = _mupdf_problem() or error
    if b"endobj" in data and b"%%EOF" not in data[-2048:]:  # objects, then the file stops
        return f"truncated PDF: the file ends before its end marker (MuPDF: {said})"
    return f"damaged PDF: MuPDF cannot read it ({said})"


def _first_line(e: BaseException) -> str:
    msg = str(e).strip().splitlines()
    return msg[0][:120] if msg else type(e).__name__


def _mupdf_problem() -> str | None:
    """The first error MuPDF recorded since the last reset (its warnings about repairs say less)."""
    lines = [x.strip() for x in pymupdf.TOOLS.mupdf_warnings(reset=True).splitlines() if x.strip()]
    errors = [x for x in lines if "error" in x]
    return (errors or [None])[0]


def _blocks(page: pymupdf.Page) -> list[_Block]:
    blocks: list[_Block] = []
    for raw in page.get_text("dict", flags=pymupdf.TEXTFLAGS_TEXT)["blocks"]:
        if raw.get("type", 0) != 0:
            continue
        block = _Block(*raw["bbox"])
        for line in raw["lines"]:
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            raw_text = "".join(s["text"] for s in line["spans"])
            text = _SPACES_RE.sub(" ", raw_text).strip(" \u3000")
            # the size a line is set in: the one most of its characters use
            weights: Counter[float] = Counter()
            for s in spans:
                weights[round(s["size"], 1)] += len(s["text"].strip())
            size = weights.most_common(1)[0][0]
            indented = raw_text[:1] in (" ", "\u3000") or line["bbox"][0] - block.x0 > size
            block.lines.append(_Line(text, size, line["bbox"][0], line["bbox"][2], indented))
        if block.lines:
            blocks.append(block)
    return blocks


def _page_paragraphs(page: pymupdf.Page) -> list[str]:
    blocks = _blocks(page)
    if not blocks:
        return []
    sizes: Counter[float] = Counter()
    for b in blocks:
        for line in b.lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
    body = sizes.most_common(1)[0][0]  # the size most characters are set in

    def is_heading(size: float) -> bool:
        return size >= body * HEADING_RATIO and size >= body + HEADING_MIN_STEP

    heading_sizes = [s for s in sizes if is_heading(s)]
    largest = max(heading_sizes, default=None)

    out: list[str] = []
    for block in _reading_order(blocks, body):
        # Paragraphs are marked by a first-line indent where the page indents (Chinese typesetting does);
        # only a ragged page without indents falls back to "a short line ends a paragraph".
        indents = any(line.indented for line in block.lines[1:])
        para = ""
        prev: _Line | None = None
        for line in block.lines:
            heading = is_heading(line.size)
            if prev is None:
                breaks = True
            elif heading or is_heading(prev.size):  # a heading is its own line; a wrapped one joins up
                breaks = not (heading and is_heading(prev.size) and abs(prev.size - line.size) < 0.6)
            else:
                breaks = line.indented if indents else prev.x1 < block.x1 - 2 * prev.size
            if breaks and para:
                out.append(para)
                para = ""
            if not para and heading and largest is not None and line.size >= largest - 0.5:
                para = "# "
            para = _join(para, line.text)
            prev = line
        if para:
            out.append(para)
    return [p for p in out if p.strip("# ")]


def _join(left: str, right: str) -> str:
    """Join a wrapped line: Chinese runs on without a space, Latin words and numbers keep one."""
    if left and not left.endswith(" ") and _ASCII_END_RE.search(left) and _ASCII_START_RE.search(right):
        return f"{left} {right}"
    return left + right


def _reading_order(blocks: list[_Block], em: float) -> list[_Block]:
    """XY cut: split a region at its widest white band, recursively (with a stack: a page can have
    thousands of line blocks). A vertical band (a gutter) wins unless a horizontal one is clearly wider,
    because a headline that ends just short of the next column leaves a sliver of a vertical band above
    it, while cutting a two-column region across would interleave the columns."""
    out: list[_Block] = []
    stack = [blocks]
    while stack:
        region = stack.pop()
        parts = _split(region, em) if len(region) > 1 else None
        if parts is None:
            out += sorted(region, key=lambda b: (b.y0, b.x0))
        else:
            stack.extend(reversed(parts))  # the first part (left, or top) is read first
    return out


def _split(region: list[_Block], em: float) -> list[list[_Block]] | None:
    x_gaps = _gaps(region, lambda b: (b.x0, b.x1))
    y_gaps = _gaps(region, lambda b: (b.y0, b.y1))
    gx = max((g for g, _ in x_gaps), default=0.0)
    gy = max((g for g, _ in y_gaps), default=0.0)
    if gx >= 0.3 * em and 1.5 * gx >= gy:
        axis, gaps, widest = 0, x_gaps, gx
    elif gy > 0:
        axis, gaps, widest = 1, y_gaps, gy
    else:
        return None
    # cut at every band nearly as wide as the widest: all the gutters of a page, all the line gaps of a
    # column, in one step
    cuts = sorted(pos for g, pos in gaps if g >= 0.8 * widest)
    parts: list[list[_Block]] = [[] for _ in range(len(cuts) + 1)]
    for b in region:
        start = b.x0 if axis == 0 else b.y0
        parts[bisect_left(cuts, start)].append(b)  # the number of cuts before the block's start
    return [p for p in parts if p]


def _gaps(blocks: list[_Block], extent: Any) -> list[tuple[float, float]]:
    """(width, middle) of every band along one axis that no block covers."""
    ordered = sorted(blocks, key=lambda b: extent(b)[0])
    gaps: list[tuple[float, float]] = []
    reach = extent(ordered[0])[1]
    for b in ordered[1:]:
        lo, hi = extent(b)
        if lo > reach:
            gaps.append((lo - reach, (lo + reach) / 2))
        reach = max(reach, hi)
    return gaps
