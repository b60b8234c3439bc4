"""Detect the encoding of a page's bytes and decode it: BOMs, UTF-16 by its NUL pattern, strict UTF-8,
then the legacy Chinese encodings (GB18030, Big5) ranked by how plausible their decoded text is.

Legacy CJK codecs accept most byte sequences (GB18030 nearly all of them), so "decodes cleanly" proves
little: Big5 text decodes as GB18030 and GB text often decodes as Big5. What separates them is the text
they produce: the right codec yields the few thousand characters every Chinese page is made of, the
wrong one scatters into rare characters, kana, box drawing and private-use code points.
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from typing import TYPE_CHECKING

from ..errors import PageError

if TYPE_CHECKING:
    import numpy as np

__all__ = ["decode_text", "decode_html", "plausibility"]

SAMPLE = 64 * 1024  # plausibility and binary checks look at this many bytes, never the whole page
MIN_PLAUSIBLE = 0.6  # share of common characters below which a decode is not Chinese text

UNKNOWN = "unknown encoding (not UTF-8/16, GB18030 or Big5)"
BINARY = "binary file, not text"
EMPTY = "empty page"

# (BOM, the codec that decodes the whole data, BOM included). UTF-32 first: its LE BOM starts with
# UTF-16's. The name reported is the codec's, so ``data.decode(page.encoding)`` gives the text back.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"\x84\x31\x95\x33", "gb18030"),  # GB18030's own BOM (U+FEFF encoded), stripped in _finish
)

# Ranked candidates; ties keep this order, so the plain Big5 table wins over its supersets when all fit.
_LEGACY = ("gb18030", "big5", "cp950", "big5hkscs")
_UTF16 = ("utf-16-le", "utf-16-be")  # also ranked: UTF-16 Chinese without any ASCII has no NUL to show it

# Labels pages declare, mapped to the codecs that actually decode what such pages hold: pages labelled
# GB2312/GBK routinely use GBK-only characters, and Big5 pages use the Microsoft/HKSCS additions.
_GB_LABELS = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "gb_2312", "cp936", "ms936", "windows-936", "euc-cn",
              "euccn", "csgb2312", "chinese", "iso-ir-58", "gb18030"}
_BIG5_LABELS = {"big5", "big-5", "cn-big5", "csbig5", "x-x-big5", "big5-hkscs", "big5hkscs", "cp950", "ms950"}
_LATIN = {"latin_1", "iso8859-1", "cp1252", "ascii", "iso8859-15"}


def _common_chars() -> str:
    """Common hanzi and the punctuation of Chinese text, derived from the stdlib's own codec tables.

    GB2312 level 1 (0xB0A1-0xD7F9) holds the 3755 most frequent simplified characters and Big5 level 1
    (0xA440-0xC67E) the 5401 frequent traditional ones, so decoding those byte ranges gives a frequency
    list for both scripts without shipping one.
    """
    chars: list[str] = []
    for hi in range(0xB0, 0xD8):
        chars.extend(bytes([hi, lo]).decode("gb2312", "ignore") for lo in range(0xA1, 0xFF))
    trails = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    for hi in range(0xA4, 0xC7):
        chars.extend(bytes([hi, lo]).decode("big5", "ignore") for lo in trails if (hi, lo) <= (0xC6, 0x7E))
    chars.extend(chr(c) for c in range(0x20, 0x7F))  # printable ASCII
    chars.extend(chr(c) for c in range(0x3000, 0x3040))  # CJK punctuation: 、。〈〉《》「」【】〔〕
    chars.extend(chr(c) for c in range(0xFF01, 0xFF5F))  # fullwidth forms: ，：；（）！？
    chars.extend(chr(c) for c in range(0x2010, 0x2028))  # dashes, curly quotes, ellipsis
    chars.extend(chr(c) for c in range(0x25A0, 0x2600))  # ■□▲●◆, used as bullets and byline marks
    chars.extend("·×÷°±№★☆※→←↑↓\u00a0")
    chars.extend("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńň")  # pinyin with tone marks, printed after rare names
    return "".join(chars)


# what a character is, as bits of one byte per BMP code point (see _char_classes)
_COMMON, _SPACE, _VISIBLE_ASCII = 1, 2, 4


@cache
def _char_classes() -> np.ndarray:
    """By BMP code point: ``_COMMON`` (one of ``_common_chars``), ``_SPACE`` (what ``\\s`` matches: str.isspace)
    and ``_VISIBLE_ASCII`` (``[\\x21-\\x7e]``). Counting a text's characters by class is one numpy lookup, not
    a regex substitution, a translation and a findall over it. (numpy imported here: a legacy page is rare and
    reading alone should not load it.)"""
    import numpy as np

    table = np.zeros(0x10000, dtype=np.uint8)
    table[[ord(c) for c in _common_chars()]] |= _COMMON
    bmp = np.arange(0x10000, dtype=np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    table[[m.start() for m in re.finditer(r"\s", bmp)]] |= _SPACE
    table[0x21:0x7F] |= _VISIBLE_ASCII
    return table


def _classes(text: str) -> np.ndarray:
    """The class bits of every character of ``text`` (none for one beyond the BMP: rare, never common)."""
    import numpy as np

    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    classes = _char_classes()[np.minimum(points, 0xFFFF)]
    if points.size and points.max() > 0xFFFF:
        classes[points > 0xFFFF] = 0
    return classes
_KANA_RE = re.compile(r"[\u3040-\u30ff]")
_HANGUL_RE = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_HIGH_BYTE_RE = re.compile(rb"[\x80-\xff]")
_NONSPACE_RE = re.compile(r"[^\s\u3000\ufeff]")
_BYTE_NONSPACE_RE = re.compile(rb"[^\s]")
_NEWLINE_RE = re.compile(r"\r\n?")
# C0 controls that never occur in text (tab, LF, VT, FF, CR and ESC excluded).
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])

_META_CHARSET_RE = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_XML_DECL_RE = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([-\w.:]+)""", re.I)


def plausibility(text: str) -> tuple[float, float]:
    """(share of common characters among non-space characters, the same among non-ASCII characters).

    Vectorised: every character's class looked up at once (``_classes``).
    """
    import numpy as np

    classes = _classes(text)
    non_space = (classes & _SPACE) == 0
    total = int(np.count_nonzero(non_space))
    if not total:
        return 1.0, 1.0
    bad = int(np.count_nonzero(non_space & ((classes & _COMMON) == 0)))
    ascii_ = int(np.count_nonzero(classes & _VISIBLE_ASCII))  # (never a space)
    overall = (total - bad) / total
    wide = total - ascii_
    return overall, ((wide - bad) / wide if wide else 1.0)


def _finish(text: str, source: str) -> str:
    if not _NONSPACE_RE.search(text):
        raise PageError(source, EMPTY)
    if "\r" in text:
        text = _NEWLINE_RE.sub("\n", text)
    return text.removeprefix("\ufeff")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _sample_decode(sample: bytes, encoding: str) -> str | None:
    # incremental with final=False: a character cut by the sample's end is not an error
    try:
        return codecs.getincrementaldecoder(encoding)("strict").decode(sample, False)
    except UnicodeDecodeError:
        return None


def _utf16_by_nuls(sample: bytes) -> tuple[str, ...]:
    """UTF-16 codecs to try, most likely first, when the NUL bytes sit on one parity as ASCII characters
    in UTF-16 put them (a few NULs of the other parity come from characters like U+4E00 一)."""
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if not even + odd or 4 * min(even, odd) > max(even, odd):
        return ()
    return _UTF16 if odd >= even else _UTF16[::-1]


def _mostly_controls(sample: bytes) -> bool:
    return len(sample) - len(sample.translate(None, _CONTROL_BYTES)) > len(sample) * 0.05


def _detect_legacy(data: bytes, source: str) -> tuple[str, str]:
    first = _HIGH_BYTE_RE.search(data)
    # Everything before the first high byte is ASCII, identical in every legacy candidate, and so a
    # character boundary: sampling from there puts the informative bytes in the sample even after a long
    # ASCII preamble. (Not so for UTF-16, whose sample starts at the start.)
    start = first.start() if first else 0
    sample = data[start:start + SAMPLE]
    candidates = _LEGACY + (_UTF16 if len(data) % 2 == 0 else ())
    scored: list[tuple[float, int, str]] = []
    for rank, enc in enumerate(candidates):
        text = _sample_decode(data[:SAMPLE] if enc in _UTF16 else sample, enc)
        if text is not None:
            scored.append((plausibility(text)[1], -rank, enc))
    scored.sort(reverse=True)
    for score, _, enc in scored:
        if score < MIN_PLAUSIBLE:
            break
        text = _strict(data, enc)
        if text is None:
            continue
        if enc not in _UTF16:  # (UTF-16 bytes read as EUC-KR are noise, not evidence)
            _reject_other_scripts(sample, text[start:start + SAMPLE], source)
        return text, enc
    raise PageError(source, UNKNOWN)


def _reject_other_scripts(sample: bytes, decoded: str, source: str) -> None:
    """Japanese and Korean legacy text can pass for Chinese: EUC-KR's hangul rows are GB2312's level-1
    hanzi rows, and EUC-JP's kana rows are Big5's commonest characters. Their own codec shows them: Chinese
    decoded as EUC-KR or Shift_JIS/EUC-JP fails or yields little hangul or kana, the real thing is full of it."""
    if _share(_KANA_RE, decoded) > 0.1:
        raise PageError(source, UNKNOWN)
    for enc, script_re, least in (("euc_kr", _HANGUL_RE, 0.7), ("euc_jp", _KANA_RE, 0.2),
                                  ("shift_jis", _KANA_RE, 0.2)):
        other = _sample_decode(sample, enc)
        if other is not None and _share(script_re, other) > least:
            raise PageError(source, UNKNOWN)


def _share(script_re: re.Pattern[str], text: str) -> float:
    """Share of the non-space, non-ASCII characters of ``text`` that ``script_re`` matches."""
    import numpy as np

    classes = _classes(text)
    wide = int(np.count_nonzero((classes & (_SPACE | _VISIBLE_ASCII)) == 0))  # neither a space nor visible ASCII
    return len(script_re.findall(text)) / wide if wide >= 10 else 0.0  # a handful of characters prove nothing


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Decode a text page: (text with "\\n" newlines, the encoding's name). Raises ``PageError``."""
    if not _BYTE_NONSPACE_RE.search(data):  # (a search stops at the first byte; strip() would copy 50 MB)
        raise PageError(source, EMPTY)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is None and enc in ("utf-16", "utf-32"):
                # cut inside its last character (a truncated download), as UTF-8 below
                text = _strict(data[: len(data) - len(data) % (2 if enc == "utf-16" else 4)], enc)
            if text is None:
                raise PageError(source, f"invalid {enc} text after its byte-order mark")
            return _finish(text, source), enc
    head = data[:SAMPLE]
    for wide16 in _utf16_by_nuls(head[: len(head) & ~1]):
        text = _strict(data, wide16)
        if text is not None and plausibility(text[:SAMPLE])[0] >= MIN_PLAUSIBLE:
            return _finish(text, source), wide16
    if 0 in head:
        raise PageError(source, _nul_reason(head))  # NULs, and not on UTF-16's pattern
    utf8_until = len(data)
    try:
        text = data.decode("utf-8")
        if _mostly_controls(head):
            raise PageError(source, BINARY)
        return _finish(text, source), "utf-8"
    except UnicodeDecodeError as e:
        if e.end == len(data) and e.reason == "unexpected end of data":
            # cut inside its last character (a truncated download): everything before it is sound UTF-8
            return _finish(data[: e.start].decode("utf-8"), source), "utf-8"
        utf8_until = e.start
    try:
        text, enc = _detect_legacy(data, source)
    except PageError:
        damaged = _damaged_utf8(data)
        if damaged is None:
            # control bytes are judged only now: UTF-16 Chinese without a BOM is full of them (业 is 1A 4E)
            raise PageError(source, BINARY if _mostly_controls(head) else _unknown_reason(data, utf8_until)) from None
        return _finish(damaged, source), "utf-8"
    return _finish(text, source), enc


def _nul_reason(head: bytes) -> str:
    """NUL bytes off UTF-16's pattern: a binary file, or text with a run of NULs (a file not fully written)."""
    nuls = head.count(0)
    if _mostly_controls(head):
        return BINARY
    if nuls == len(head):
        return f"{BINARY}: only NUL bytes (a file that was never written?)"
    if nuls > len(head) // 4:
        return BINARY
    return f"{BINARY}: {nuls} NUL byte(s), the first at byte {head.index(0)} (a damaged or partly written file?)"


def _unknown_reason(data: bytes, utf8_until: int) -> str:
    """UNKNOWN, or what is plainly the matter: UTF-8 Chinese up to a point, then another encoding."""
    prefix = data[:utf8_until]
    if utf8_until >= 64 and _HIGH_BYTE_RE.search(prefix) and plausibility(prefix.decode("utf-8"))[1] >= MIN_PLAUSIBLE:
        return f"mixed encodings: UTF-8 Chinese up to byte {utf8_until}, then something else (files joined?)"
    return UNKNOWN


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a bad sector, a bad splice): no legacy codec reads it as Chinese, the
    UTF-8 around the damage is plainly right, so decode it and mark each broken byte U+FFFD for the cleaner."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd")
    if broken > 8 + len(text) // 500:
        return None
    first = _HIGH_BYTE_RE.search(data)
    start = first.start() if first else 0  # ASCII before it: byte and character offsets agree
    return text if plausibility(text[start:start + SAMPLE])[1] >= MIN_PLAUSIBLE else None


def _declared_charset(data: bytes) -> list[str]:
    """Codecs for the charset a page declares in its first bytes (XML declaration or <meta>), if any."""
    head = data[:4096]
    m = _XML_DECL_RE.search(head) or _META_CHARSET_RE.search(head)
    if not m:
        return []
    label = m.group(1).decode("ascii", "ignore").strip().lower()
    if label in _GB_LABELS:
        return ["gb18030"]
    if label in _BIG5_LABELS:
        return ["big5", "cp950", "big5hkscs"]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return []
    # a <meta> cannot really declare UTF-16/32: the parser read it as ASCII to see it (HTML spec rule)
    return [] if name.startswith(("utf-16", "utf-32")) else [name]


def decode_html(data: bytes, source: str) -> tuple[str, str]:
    """Decode an HTML page: BOM, else the declared charset when it decodes and reads as text, else detect."""
    if not _BYTE_NONSPACE_RE.search(data):
        raise PageError(source, EMPTY)
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode_text(data, source)
    for enc in _declared_charset(data):
        first = _HIGH_BYTE_RE.search(data)
        if first is None:  # pure ASCII: every ASCII-compatible label decodes it the same way
            return _finish(data.decode("ascii"), source), enc
        if enc != "utf-8" and _sample_decode(data[first.start():first.start() + SAMPLE], "utf-8") is not None:
            break  # non-ASCII bytes that are valid UTF-8 are UTF-8, whatever the template says
        if enc in _LATIN:
            break  # a Western label on a page with high bytes is usually a template default: detect
        text = _strict(data, enc)
        if text is not None and plausibility(text[first.start():first.start() + SAMPLE])[1] >= MIN_PLAUSIBLE:
            return _finish(text, source), enc
    try:
        return decode_text(data, source)
    except PageError as e:
        if e.reason == UNKNOWN:
            # last resort for a page that declared a Western charset and is not Chinese
            for enc in _declared_charset(data):
                text = _strict(data, enc)
                if text is not None:
                    return _finish(text, source), enc
        raise
