"""E-paper and news-site HTML: the article text, its headline stack and the issue date from the markup.

The main text is the element that holds the most paragraph text (navigation, menus, footers, scripts and
captions removed first). The headline stack is written as markdown-style lines — ``## kicker``, ``# headline``
and the subheadline on the next line — so that the segmenter reads HTML and text pages the same way.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ..model import PageMeta
from .dates import date_in

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "select",
              "button", "figcaption", "svg", "template")
_BOILER_RE = re.compile(r"nav|menu|footer|header|breadcrumb|share|copyright|sidebar|banner|toolbar|pager|caption|"
                        r"\bpic|img|photo|related|comment|advert|\bad\b|logo", re.I)
_BOILER_TEXT_RE = re.compile(r"^(?:上一篇|下一篇|上一版|下一版|返回目录|返回首页|版面导航|本版导航|版权所有|Copyright|"
                             r"打印|关闭窗口|分享到|责任编辑|来源[:：]?\s*$)")
_KICKER_CLASS_RE = re.compile(r"yt|pre|intro|kicker|lead-?title|引题", re.I)
_SUB_CLASS_RE = re.compile(r"fb|sub|subtitle|副题", re.I)
_DATE_META = ("publishdate", "pubdate", "article:published_time", "date", "dc.date", "publish_time", "og:release_date")
_TITLE_SPLIT_RE = re.compile(r"\s*(?:_|-|—|\|)\s*")


def _text(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _meta(doc: etree._Element, *names: str) -> str | None:
    for name in names:
        for attr in ("name", "property", "itemprop", "http-equiv"):
            found = doc.xpath(f'//meta[translate(@{attr},"ABCDEFGHIJKLMNOPQRSTUVWXYZ","abcdefghijklmnopqrstuvwxyz")'
                              f'="{name}"]/@content')
            if found and found[0].strip():
                return str(found[0]).strip()
    return None


def _drop_boilerplate(doc: etree._Element) -> None:
    for el in doc.iter(*_DROP_TAGS):
        el.drop_tree() if el.getparent() is not None else None
    for el in list(doc.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        marks = f"{el.get('class', '')} {el.get('id', '')}"
        if marks.strip() and _BOILER_RE.search(marks) and el.tag not in ("body", "html"):
            el.drop_tree()


def _paragraphs(el: etree._Element) -> list[str]:
    """Paragraph texts of an element: <p>, <br>-separated runs and block children, in order."""
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = el.xpath(".//p|.//div[not(.//p) and not(.//div)]|.//li|.//td[not(.//p)]")
    texts = [_text(b) for b in blocks] if blocks else [el.text_content()]
    out: list[str] = []
    for t in texts:
        for line in re.split(r"\n+", t):
            line = re.sub(r"[ \t\u3000]+", " ", line).strip()
            if line and not _BOILER_TEXT_RE.match(line) and line not in out[-1:]:
                out.append(line)
    return out


def _main_element(body: etree._Element) -> etree._Element:
    """The element with the most paragraph text: the article's container."""
    best, best_len = body, 0
    for el in body.iter("div", "article", "section", "td", "founder-content", "content"):
        n = sum(len(_text(p)) for p in el.xpath("./p|./div/p|./span/p"))
        if n > best_len:
            best, best_len = el, n
    return best


def html_to_text(html: str) -> tuple[str, PageMeta]:
    doc = lxml.html.fromstring(html) if html.strip() else lxml.html.fromstring("<html></html>")
    title_tag = doc.findtext(".//title") or ""
    url = _meta(doc, "og:url") or next(iter(doc.xpath("//link[@rel='canonical']/@href")), None)
    paper = _meta(doc, "og:site_name", "site_name", "sitename", "application-name")
    date = None
    for value in filter(None, (_meta(doc, *_DATE_META),)):
        date = date_in(value)
    _drop_boilerplate(doc)
    body = doc.find("body") if doc.find("body") is not None else doc

    h1 = body.find(".//h1")
    headline = _text(h1) if h1 is not None else None
    if not headline and title_tag:
        headline = _TITLE_SPLIT_RE.split(title_tag.strip())[0] or None
    kicker = sub = None
    if h1 is not None:
        prev = h1.getprevious()
        if prev is not None and (prev.tag in ("h2", "h3", "h4") or _KICKER_CLASS_RE.search(prev.get("class", ""))):
            kicker = _text(prev) or None
            prev.drop_tree()
        nxt = h1.getnext()
        if nxt is not None and (nxt.tag in ("h2", "h3", "h4") or _SUB_CLASS_RE.search(nxt.get("class", ""))):
            sub = _text(nxt) or None
            nxt.drop_tree()
        h1.drop_tree()
    if date is None:
        date = date_in(_text(body)[:400]) or (date_in(url) if url else None)

    lines = []
    if kicker:
        lines.append(f"## {kicker}")
    if headline:
        lines.append(f"# {headline}")
    if sub:
        lines.append(sub)
    lines += _paragraphs(_main_element(body))
    return "\n\n".join(lines) + "\n", PageMeta(title=headline, date=date, paper=paper, url=url)
