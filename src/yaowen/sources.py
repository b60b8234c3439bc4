"""File names as data: any name a file system allows is shown with visible escapes and stored faithfully.

Python hands a name that is not valid UTF-8 over as a ``str`` with lone surrogates (``surrogateescape``),
which no database, JSON file or terminal accepts; a name may also hold newlines, ESC sequences or bidi
overrides that would break a one-line message or repaint a terminal. ``shown`` gives the one safe spelling
used everywhere a name is printed or stored as text (``bad\\xff.txt``, ``a\\nb.txt``, ``\\x1b[31m``);
``name_bytes`` keeps the exact bytes when that spelling differs from the name.
"""

from __future__ import annotations

import os
import re

__all__ = ["shown", "name_bytes"]

# C0 and C1 controls, DEL, zero-width and bidi formatting, line/paragraph separators, the BOM, surrogates
_UNSAFE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if ch in _NAMED:
        return _NAMED[ch]
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as surrogateescape carries it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x80 else f"\\u{code:04x}"


def shown(text: str) -> str:
    """``text`` with every control, formatting and undecodable character written as a visible escape.

    Idempotent (escapes are printable ASCII), and the identity on every ordinary name."""
    return _UNSAFE_RE.sub(_escape, text)


def name_bytes(source: str) -> bytes | None:
    """The exact bytes of a file name whose ``shown`` spelling differs from it, else None (nothing lost)."""
    if shown(source) == source:
        return None
    return os.fsencode(source) if not _has_foreign_surrogate(source) else source.encode("utf-8", "surrogatepass")


def _has_foreign_surrogate(source: str) -> bool:
    # a surrogate surrogateescape did not make (a str built by hand) has no file-system bytes
    return any(0xD800 <= ord(c) <= 0xDFFF and not 0xDC80 <= ord(c) <= 0xDCFF for c in source)
