"""Documents: every 《...》 title, and the titles a meeting approved."""

from __future__ import annotations

import re

from ..model import DocumentRef

_TITLE_RE = re.compile(r"《([^《》\n]{1,120})》")


def find_documents(text: str, article: str = "") -> list[DocumentRef]:
    return [DocumentRef(article, m.group(1).strip(), m.start(), m.end()) for m in _TITLE_RE.finditer(text)]


_APPROVE_RE = re.compile(r"(?:审议并原则同意|审议并通过了?|审议通过了?|原则同意|原则通过|批准了?)")
_TITLE_RUN_RE = re.compile(r"\s*(?:[、和及与,，]\s*)?《([^《》\n]{1,120})》")


def approved_titles(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """《》 titles the text says were approved (审议通过, 原则同意, 原则通过 ...), in order, once each."""
    out: list[str] = []
    for v in _APPROVE_RE.finditer(text, start, len(text) if end is None else end):
        pos = v.end()
        while (m := _TITLE_RUN_RE.match(text, pos)) is not None:
            if m.group(1) not in out:
                out.append(m.group(1))
            pos = m.end()
    return out
