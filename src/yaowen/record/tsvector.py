"""PostgreSQL's search index value of an article, worked out in Python (no text-search parser involved).

An article's tsvector holds each token (``tokens.index_tokens``) with its positions, the headline's weighted
A, a gap of one position between headline and body so a phrase never runs from one into the other.
``tsvector_literal`` writes it as text for ``CAST(… AS tsvector)`` (the row-by-row path);
``tsvector_binary`` in PostgreSQL's binary form (``tsvectorsend``) for a binary ``COPY`` (the bulk path),
which the server takes without parsing it: parsing the text cost the bulk load 1.8 s per 1,000 pages.
Both give the same tsvector: tokens in PostgreSQL's order (bytes), at most 256 positions each, positions
past PostgreSQL's largest all at that one.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections import defaultdict
from typing import Any

from psycopg.adapt import Dumper
from psycopg.pq import Format

from .tokens import index_tokens

MAX_TSV_POSITION = 16383  # PostgreSQL's largest tsvector position; later tokens share it
MAX_POSITIONS = 256  # PostgreSQL keeps this many positions of a token
TSVECTOR_OID = 3614
_WEIGHT_A = 3 << 14  # a position's weight is in its top two bits (A = 3 ... D = 0)
_POSITION = 0x3FFF


def tsvector_positions(headline: str, body: str) -> dict[str, list[int]]:
    """{token: positions, each with its weight in the top two bits}, positions in order."""
    head, rest = index_tokens(headline), index_tokens(body)
    positions: dict[str, list[int]] = defaultdict(list)
    if len(head) + len(rest) + 1 <= MAX_TSV_POSITION:  # nearly always: no position to clip
        for pos, tok in enumerate(head, 1):
            positions[tok].append(pos | _WEIGHT_A)
        for pos, tok in enumerate(rest, len(head) + 2):
            positions[tok].append(pos)
        return positions
    pos = 0
    for weight, tokens in ((_WEIGHT_A, head), (0, rest)):
        for tok in tokens:
            pos = min(pos + 1, MAX_TSV_POSITION)
            positions[tok].append(pos | weight)
        pos = min(pos + 1, MAX_TSV_POSITION)
    return positions


def _kept(positions: list[int]) -> list[int]:
    """The positions PostgreSQL keeps: the first 256 given, those clipped to the largest made one."""
    kept = positions[:MAX_POSITIONS]
    if len(kept) > 1 and kept[-2] & _POSITION == MAX_TSV_POSITION:
        first = next(i for i, p in enumerate(kept) if p & _POSITION == MAX_TSV_POSITION)
        kept = [*kept[:first], MAX_TSV_POSITION | max(p & ~_POSITION for p in kept[first:])]
    return kept


def _position_text(position: int) -> str:
    return f"{position & _POSITION}{'A' if position & _WEIGHT_A else ''}"


def tsvector_literal(headline: str, body: str) -> str:
    """The tsvector as text: 'token':pos,pos ... (the headline's positions weighted A)."""
    return " ".join(f"'{tok}':{','.join(map(_position_text, _kept(ps)))}"
                    for tok, ps in tsvector_positions(headline, body).items())


def tsvector_binary(headline: str, body: str) -> bytes:
    """The tsvector in PostgreSQL's binary form: token count; each token's UTF-8 bytes, a zero byte, its
    position count and positions (16 bits, big-endian), tokens in the order PostgreSQL keeps them."""
    positions = tsvector_positions(headline, body)
    out = bytearray(struct.pack("!i", len(positions)))
    encoded = sorted((tok.encode(), ps) for tok, ps in positions.items())
    for tok, ps in encoded:
        kept = array("H", _kept(ps))
        kept.insert(0, len(kept))
        if sys.byteorder == "little":
            kept.byteswap()  # to network order
        out += tok
        out += b"\0"
        out += kept.tobytes()
    return bytes(out)


class TsvectorBinaryDumper(Dumper):
    """Sends ``tsvector_binary`` values as they are, in a binary COPY whose types are set (``set_types``)."""

    format = Format.BINARY
    oid = TSVECTOR_OID

    def dump(self, obj: Any) -> bytes:
        return bytes(obj)


def register_tsvector(connection: Any) -> None:
    """Let a psycopg connection send tsvectors in binary COPY (dumpers are picked by the column's type)."""
    connection.adapters.register_dumper(TsvectorBytes, TsvectorBinaryDumper)


class TsvectorBytes(bytes):
    """The key the dumper is registered under (a class of its own, so ``bytes`` stay bytea)."""
