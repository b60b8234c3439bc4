"""Traditional -> Simplified with OpenCC, so that one name has one spelling across pages."""

from __future__ import annotations

import re
from functools import cache

import numpy as np

from ..model import OffsetMap

SAMPLE = 20000
# OpenCC maps a few rare traditional characters to simplified forms coded only in the CJK extension planes (晛 -> 𬀪);
# names keep the common character, which is what pages, input methods and fonts use
_EXTENSION_RE = re.compile(r"[\U00020000-\U0003FFFF]")


@cache
def _t2s():  # type: ignore[no-untyped-def]
    import opencc  # the official OpenCC (opencc-python-reimplemented clashes with it)

    return opencc.OpenCC("t2s")


def code_points(text: str) -> np.ndarray:
    """The text's code points as an array (lone surrogates included), for work on every character at once."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def detect_script(text: str) -> str:
    """"traditional" when clearly more than a few Han characters of a sample change under t2s."""
    return detect_script_converted(text)[0]


def detect_script_converted(text: str) -> tuple[str, str | None]:
    """``detect_script(text)``, with OpenCC's t2s conversion of the whole text when the sample it converted
    was the whole text (else None): ``to_simplified`` then need not convert it again."""
    sample = text[:SAMPLE]
    converted = _t2s().convert(sample)
    whole = converted if len(text) <= SAMPLE else None
    return _script_of(sample, converted), whole


def _script_of(sample: str, converted: str) -> str:
    if converted == sample:  # most pages: nothing changes, no need to count characters one by one
        return "simplified"
    # counted on code point arrays, not character by character in Python
    points = code_points(sample)
    han = int(np.count_nonzero((points >= 0x4E00) & (points <= 0x9FFF)))  # _HAN_RE's range
    if not han:
        return "simplified"
    changed = int(np.count_nonzero(points != code_points(converted))) if len(converted) == len(sample) else han
    return "traditional" if changed >= 5 and changed / han > 0.03 else "simplified"


def _convert(text: str, converted: str | None = None) -> str:
    """OpenCC's t2s on ``text`` (``converted``: that conversion, when the caller has it), extension-plane
    characters kept as they were."""
    if converted is None:
        converted = _t2s().convert(text)
    if len(converted) != len(text) or not _EXTENSION_RE.search(converted):
        return converted
    chars = list(converted)
    for m in _EXTENSION_RE.finditer(converted):
        if not _EXTENSION_RE.match(text[m.start()]):
            chars[m.start()] = text[m.start()]
    return "".join(chars)


def to_simplified(text: str, t2s_converted: str | None = None) -> tuple[str, OffsetMap]:
    """``t2s_converted``: ``_t2s().convert(text)`` when the caller has it (``detect_script_converted``)."""
    converted = _convert(text, t2s_converted)
    if len(converted) == len(text):
        return converted, OffsetMap.identity(len(text))
    # a phrase conversion changed length somewhere: convert line by line, map changed lines as a whole
    cs: list[int] = []
    rs: list[int] = []
    lin: list[bool] = []
    parts: list[str] = []
    out = pos = 0
    for line in text.split("\n"):
        new = _convert(line)
        cs.append(out)
        rs.append(pos)
        lin.append(len(new) == len(line))
        parts.append(new + "\n")
        out += len(new) + 1
        pos += len(line) + 1
    result = "".join(parts)[:-1]
    return result, OffsetMap(cs, rs, lin, len(result))
