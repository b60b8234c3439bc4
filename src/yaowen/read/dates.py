"""Issue dates stated by a page's container: markup values, header lines, URLs and file paths."""

from __future__ import annotations

import datetime as dt
import re

_DATE_RE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})(?:[-/._年]\s*(\d{1,2})[-/._月]\s*(\d{1,2})日?|(\d{2})(\d{2}))(?!\d)"
)


def date_in(text: str | None) -> str | None:
    """The first unambiguous date in ``text`` as ISO YYYY-MM-DD ("2021年08月17日", "2021-08/17", "20210817")."""
    if not text:
        return None
    for m in _DATE_RE.finditer(text):
        y = int(m.group(1))
        mo, d = (int(m.group(2)), int(m.group(3))) if m.group(2) else (int(m.group(4)), int(m.group(5)))
        try:
            return dt.date(y, mo, d).isoformat()
        except ValueError:
            continue
    return None
