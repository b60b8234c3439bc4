"""HTML nested deeper than libxml2 goes (2,048 elements, even with ``huge_tree``), read without losing text.

libxml2 gives up at that depth and drops everything after it, silently. Such a page is re-read with the
standard library's tokenizer (no depth limit) into an lxml tree whose depth is capped: an element below the
cap is not made, its text goes to the deepest element kept, and a block element there still breaks the
paragraph (an empty ``<br>``), so the reader sees every word in order.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

import lxml.html
from lxml import etree

__all__ = ["MAX_DEPTH", "shallow_document"]

MAX_DEPTH = 1000  # well inside libxml2's limit and Python's recursion limit (lxml's serialisation recurses)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
         "track", "wbr"}
_SKIPPED = {"script", "style"}  # their text is code, never news: not kept below the cap either


class _CappedBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = lxml.html.Element("html")
        self.body = etree.SubElement(self.root, "body")
        self.stack: list[etree._Element] = [self.body]  # elements made, outermost first
        self.open_tags: list[str] = []  # every open tag, made or flattened
        self.made: list[bool] = []  # whether open_tags[i] has an element on the stack
        self.open_counts: Counter[str] = Counter()  # of open_tags: a stray end tag is found in O(1)
        self.skipping = 0

    def _attach(self, text: str) -> None:
        top = self.stack[-1]
        if len(top):
            last = top[-1]
            last.tail = (last.tail or "") + text
        else:
            top.text = (top.text or "") + text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("html", "body"):
            return
        if tag == "head" and not self.open_tags:  # title and metas stay in the head, where the reader looks
            head = etree.Element("head")
            self.root.insert(0, head)
            self.stack.append(head)
            self._open(tag, True)
            return
        if tag in _VOID:
            if len(self.stack) < MAX_DEPTH or tag == "br":
                etree.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs if _is_name(k)})
            return
        made = len(self.stack) < MAX_DEPTH
        if made:
            self.stack.append(etree.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs if _is_name(k)}))
        else:
            etree.SubElement(self.stack[-1], "br")  # flattened: still a break between blocks
        self._open(tag, made)

    def _open(self, tag: str, made: bool) -> None:
        self.open_tags.append(tag)
        self.made.append(made)
        self.open_counts[tag] += 1
        self.skipping += tag in _SKIPPED

    def handle_endtag(self, tag: str) -> None:
        if not self.open_counts[tag]:
            return  # a stray end tag, as browsers ignore it
        while self.open_tags:
            open_tag = self.open_tags.pop()
            self.open_counts[open_tag] -= 1
            self.skipping -= open_tag in _SKIPPED
            if self.made.pop():
                self.stack.pop()
            if open_tag == tag:
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self._attach(data)


def _is_name(attr: str) -> bool:
    return attr.replace("-", "").replace("_", "").replace(":", "").isalnum()


def shallow_document(html: str) -> etree._Element:
    """The document of ``html`` with at most ``MAX_DEPTH`` levels of elements and all of its text."""
    builder = _CappedBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
