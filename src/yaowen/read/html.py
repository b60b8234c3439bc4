"""E-paper and news-site HTML -> the article text, its headline stack as markdown lines, and PageMeta.

The reader removes what is not article text (scripts, navigation, menus, share bars, link lists, footers,
copyright lines, image captions), then writes what is left in document order, one paragraph a line with a
blank line between, starting at the first headline stack (the site's header above it is never news). The
stack is written the way the segmenter reads text pages: ``## kicker``, ``# headline``, then the
subheadline as a plain line. A 版面 page carrying several articles gives one stack per headline. What each
element is (headline, caption, link list, furniture) is decided in ``html_layout``.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..errors import PageError
from ..model import PageMeta
from .dates import date_in
from .html_deep import shallow_document
from .html_layout import (
    BLOCK_TAGS,
    SPACE_RE,
    WRAP_RE,
    classify,
    find_headlines,
    headline_stack,
    image_captions,
    is_furniture,
    link_lists,
    norm,
    one_line,
    text_sizes,
)
from .text import clean_paper, date_from_path, header_date, split_title

__all__ = ["html_to_text"]

_JUNK_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "select",
              "button", "input", "textarea", "map", "canvas", "video", "audio", "head")
_ALWAYS_BOILER_TAGS = {"nav", "footer", "aside", "header", "figcaption"}

_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_BAD_CHARS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # libxml2 refuses them in a str
# A labelled info line: "发布时间：2021-08-17". (The e-paper header date is text.header_date's.)
_LABELLED_DATE_RE = re.compile(
    r"(?:发布时间|发布日期|出版日期|刊发日期|见报日期|日期|时间)\s*[:：]\s*((?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")
_DATE_META = ("publishdate", "pubdate", "publish_date", "publishtime", "publish_time", "pubtime",
              "article:published_time", "og:published_time", "og:release_date", "datepublished",
              "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued", "date", "release_date")
_PAPER_META = ("og:site_name", "site_name", "sitename", "site", "application-name", "publisher")

def html_to_text(html: str, source: str = "<html>") -> tuple[str, PageMeta]:
    """The article text of an HTML page (headline stacks as ``## ``/``# `` lines) and what its markup says."""
    doc = _parse(html, source)
    metas = _metas(doc)
    head_title = one_line(doc.findtext(".//title") or "")
    headline_from_title, paper_from_title = split_title(head_title)
    paper = clean_paper(next((metas[k] for k in _PAPER_META if k in metas), None)) or paper_from_title
    url = metas.get("og:url") or next((str(h).strip() for h in doc.xpath("//link[@rel='canonical']/@href")), None)

    body = doc.find("body")
    if body is None:
        body = doc
    for el in list(body.iter(*_JUNK_TAGS)):
        _drop(el)
    date = _markup_date(metas, body, url)

    headlines = find_headlines(body, headline_from_title, paper)
    roles: dict[etree._Element, str] = {}
    for h in headlines:
        kicker, sub = headline_stack(h, roles)
        roles[h] = "#"
        if kicker is not None:
            roles[kicker] = "##"
        if sub is not None:
            roles[sub] = "sub"
    protected = {a for el in roles for a in el.iterancestors()} | set(roles)
    _drop_boilerplate(body, protected)
    for el in image_captions(body, protected):
        _drop(el)
    for el in link_lists(body, protected):
        _drop(el)

    lines = _filter(_render(body, roles))
    title = one_line(headlines[0].text_content()) if headlines else None
    if not headlines and headline_from_title:
        # No headline element: the <title> is the best headline there is. If the page prints it as its
        # first line, mark that line; otherwise put it on top, where the segmenter looks for it.
        title = headline_from_title
        if lines and norm(lines[0]) == norm(title):
            lines[0] = f"# {lines[0]}"
        else:
            lines.insert(0, f"# {title}")
    text = "\n\n".join(lines) + "\n" if lines else ""
    return text, PageMeta(title=title or None, date=date, paper=paper, url=url or None)


def _parse(html: str, source: str) -> etree._Element:
    html = _BAD_CHARS_RE.sub("", _XML_DECL_RE.sub("", html, count=1))
    if not html.strip():
        raise PageError(source, "empty page")
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        doc = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError) as e:
        raise PageError(source, f"cannot parse HTML ({one_line(str(e))})") from None
    if any(err.type_name == "ERR_RESOURCE_LIMIT" for err in parser.error_log):
        # libxml2 stops at 2,048 nested elements even with huge_tree, dropping the rest of the page
        return shallow_document(html)
    return doc


def _drop(el: etree._Element) -> None:
    if el.getparent() is not None:
        el.drop_tree()  # keeps the tail text: it belongs to the parent


def _metas(doc: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for m in doc.iter("meta"):
        key = (m.get("name") or m.get("property") or m.get("itemprop") or m.get("http-equiv") or "").strip()
        content = (m.get("content") or "").strip()
        if key and content:
            found.setdefault(key.lower(), content)
    return found


def _markup_date(metas: dict[str, str], body: etree._Element, url: str | None) -> str | None:
    """The issue date: a date meta, else the e-paper header, the URL (/2021-08/17/), a labelled info
    line, a <time datetime>. Dates inside the article text are the segmenter's business, not the page's."""
    page_text = body.text_content()[:200_000]
    candidates = (
        *(metas[key] for key in _DATE_META if key in metas),
        *((iso,) if (iso := header_date(page_text, 8000)) else ()),
        *((iso,) if url and (iso := date_from_path(url)) else ()),  # the path rules read e-paper URLs too
        *(m.group(1) for m in _LABELLED_DATE_RE.finditer(page_text)),
        *(str(v) for v in body.xpath("//time/@datetime | //*[@itemprop='datePublished']/@content")),
    )
    return next((iso for value in candidates if (iso := date_in(value))), None)


def _drop_boilerplate(body: etree._Element, protected: set[etree._Element]) -> None:
    """Drop navigation, menus, share bars, footers and caption boxes, by tag and by class/id words.

    A class word can be wrong (a content div called "imgtext"), so an element holding half the page's
    text, or the headline, stays.
    """
    sizes = text_sizes(body)
    total = sizes[body][0] or 1
    walker = etree.iterwalk(body, events=("start",))
    doomed: list[etree._Element] = []
    for _, el in walker:
        if el is body or el in protected or not isinstance(el.tag, str):
            continue
        kind = classify(el)
        if el.tag in _ALWAYS_BOILER_TAGS or (kind in ("boiler", "caption") and sizes[el][0] <= 0.5 * total):
            doomed.append(el)
            walker.skip_subtree()
    for el in doomed:
        _drop(el)


def _render(body: etree._Element, roles: dict[etree._Element, str]) -> list[str]:
    """Blocks of text in document order; a headline-stack element is one block with its markdown mark.
    Output starts at the first stack when there is one: what precedes it is the site's header."""
    blocks: list[str] = []
    buf: list[str] = []
    first_stack: int | None = None

    def flush() -> None:
        if buf:
            text = SPACE_RE.sub(" ", WRAP_RE.sub("", "".join(buf))).strip(" \u3000")
            buf.clear()
            if text:
                blocks.append(text)

    walker = etree.iterwalk(body, events=("start", "end"))
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else ""
        role = roles.get(el)
        if event == "start":
            if role is not None:
                flush()
                if first_stack is None:
                    first_stack = len(blocks)
                line = one_line(el.text_content())
                if line:
                    blocks.append({"#": "# ", "##": "## "}.get(role, "") + line)
                walker.skip_subtree()
                continue
            if tag in BLOCK_TAGS or tag == "br":
                flush()
            if tag == "pre":  # preformatted: its own line breaks are the paragraphs
                blocks.extend(x for x in (one_line(t) for t in el.text_content().split("\n")) if x)
                walker.skip_subtree()
                continue
            if el.text:
                buf.append(el.text)
        else:
            if tag in BLOCK_TAGS or role is not None:
                flush()
            if el is not body and el.tail:
                buf.append(el.tail)
    flush()
    return blocks[first_stack or 0:]


def _filter(blocks: list[str]) -> list[str]:
    out: list[str] = []
    for line in blocks:
        if not line.startswith("#") and is_furniture(line):
            continue
        if not out or out[-1] != line:
            out.append(line)
    return out
