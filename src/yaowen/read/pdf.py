"""PDF pages: text by blocks in reading order, columns handled, headline-sized lines marked.

Newspaper PDFs set articles in columns. Blocks are grouped into columns by their left edge and read column
by column, left to right, top to bottom; a block wider than a column (a headline across the top) is read
before the columns below it. Lines set clearly larger than the body text become ``# `` lines.
"""

from __future__ import annotations

import statistics

from ..errors import PageError
from ..model import PageMeta
from .dates import date_in


def pdf_to_text(data: bytes, source: str) -> tuple[str, PageMeta]:
    import pymupdf

    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as e:  # noqa: BLE001 - pymupdf raises several types for a damaged file
        raise PageError(source, f"not a readable PDF ({type(e).__name__})") from None
    if doc.needs_pass:
        raise PageError(source, "encrypted PDF (password required)")
    out: list[str] = []
    for page in doc:
        out += _page_lines(page)
    if not any(line.strip() for line in out):
        raise PageError(source, "PDF has no text layer (scanned image?)")
    meta = doc.metadata or {}
    date = date_in(meta.get("creationDate", "")[2:10]) if meta.get("creationDate") else None
    return "\n\n".join(out) + "\n", PageMeta(title=meta.get("title") or None, date=date or date_in(source))


def _page_lines(page) -> list[str]:  # type: ignore[no-untyped-def]
    blocks = []
    sizes: list[float] = []
    for b in page.get_text("dict")["blocks"]:
        if b.get("type") != 0:
            continue
        lines = []
        for line in b["lines"]:
            text = "".join(s["text"] for s in line["spans"]).strip()
            if text:
                size = max(s["size"] for s in line["spans"])
                lines.append((text, size))
                sizes += [size] * len(text)
        if lines:
            blocks.append((b["bbox"], lines))
    if not blocks:
        return []
    body_size = statistics.median(sizes)
    width = page.rect.width
    # columns: blocks narrower than half the page, keyed by their left edge; wide blocks read in place
    narrow = [b for b in blocks if (b[0][2] - b[0][0]) < width * 0.6]
    col_width = statistics.median([b[0][2] - b[0][0] for b in narrow]) if narrow else width

    def key(b):  # type: ignore[no-untyped-def]
        x0, y0, x1, _ = b[0]
        if x1 - x0 >= width * 0.6:
            return (y0, -1, 0.0)
        return (_band(y0, blocks, width), round(x0 / max(col_width, 1)), y0)

    out: list[str] = []
    for _, lines in sorted(blocks, key=key):
        para = ""
        for text, size in lines:
            if size >= body_size * 1.3:
                if para:
                    out.append(para)
                    para = ""
                out.append(f"# {text}")
            else:
                para += text
        if para:
            out.append(para)
    return out


def _band(y0: float, blocks, width: float) -> float:  # type: ignore[no-untyped-def]
    """The top of the horizontal band a block sits in: wide blocks (headlines across columns) cut bands."""
    tops = [b[0][1] for b in blocks if b[0][2] - b[0][0] >= width * 0.6 and b[0][1] <= y0]
    return max(tops) if tops else -1.0
