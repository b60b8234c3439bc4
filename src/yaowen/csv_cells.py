"""CSV cells a spreadsheet cannot take for a formula, for every CSV Yaowen writes (exports, web downloads).

Page text is third-party text: a headline ``=HYPERLINK("http://…","点击")`` opened from a CSV in Excel or
LibreOffice would be a live formula. As OWASP recommends (CSV injection), a text cell starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return is prefixed with a single quote, which spreadsheets show
as text; numbers stay numbers (-3.5 is a value, not a formula).
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_STARTS", "neutralised"]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """``value`` as it may go into a CSV cell: a text a spreadsheet would run as a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
