"""Text rewrites that keep the offset map: each returns (new text, OffsetMap from new text to old)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import OffsetMap


def rewrite(text: str, pattern: re.Pattern[str], repl: Callable[[re.Match[str]], str]) -> tuple[str, OffsetMap]:
    """Substitute every match in one pass. Kept text maps one to one; a replacement of the same length maps
    one to one too, any other replacement maps all its characters to the start of what it replaced."""
    parts: list[str] = []
    cs: list[int] = []
    rs: list[int] = []
    lin: list[bool] = []
    out = 0
    last = 0
    matched = False
    for m in pattern.finditer(text):
        matched = True
        if m.start() > last:
            cs.append(out)
            rs.append(last)
            lin.append(True)
            parts.append(text[last : m.start()])
            out += m.start() - last
        new = repl(m)
        if new:
            cs.append(out)
            rs.append(m.start())
            lin.append(len(new) == m.end() - m.start())
            parts.append(new)
            out += len(new)
        last = m.end()
    if not matched:  # same text, identity map, no copy
        return text, OffsetMap.identity(len(text))
    if last < len(text):
        cs.append(out)
        rs.append(last)
        lin.append(True)
        parts.append(text[last:])
        out += len(text) - last
    return "".join(parts), OffsetMap(cs or [0], rs or [0], lin or [True], out)
