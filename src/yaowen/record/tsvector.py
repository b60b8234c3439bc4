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
from collections import defaultdict
from typing import Any

import numpy as np
from psycopg.adapt import Dumper
from psycopg.pq import Format

from .tokens import index_tokens

MAX_TSV_POSITION = 16383  # PostgreSQL's largest tsvector position; later tokens share it
MAX_POSITIONS = 256  # PostgreSQL keeps this many positions of a token
TSVECTOR_OID = 3614
_WEIGHT_A = 3 << 14  # a position's weight is in its top two bits (A = 3 ... D = 0)
_POSITION = 0x3FFF
_COUNT = struct.Struct("!i")


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
    """The tsvector in PostgreSQL's binary form (``tsvectors_binary`` of one article)."""
    return tsvectors_binary([(headline, body)])[0]


def article_tsvectors(articles: list[dict[str, Any]]) -> list[bytes]:
    """The binary tsvector of each article of a page record (``output.page_record``)."""
    return tsvectors_binary([(headline_text(a), a["body"]) for a in articles])


def headline_text(article: dict[str, Any]) -> str:
    """What the search index takes as an article's headline: kicker, headline and subheadline."""
    return " ".join(x for x in (article.get("kicker"), article.get("headline"), article.get("subheadline")) if x)


def tsvectors_binary(articles: list[tuple[str, str]]) -> list[bytes]:
    """Each (headline, body)'s tsvector in PostgreSQL's binary form: token count; each token's UTF-8 bytes,
    a zero byte, its position count and positions (16 bits, big-endian), tokens in the order PostgreSQL
    keeps them (by bytes). Worked out with numpy for many articles at once: token by token in Python it
    took 5 s per 1,000 pages, most of building a shard, in the ingest's main process."""
    out: list[bytes] = [b""] * len(articles)
    tokens: list[str] = []
    positions, owner = [], []
    for i, (headline, body) in enumerate(articles):
        head, rest = index_tokens(headline), index_tokens(body)
        n = len(head) + len(rest)
        if n + 1 > MAX_TSV_POSITION:  # positions clipped (an article of 16,000 tokens): token by token
            out[i] = _tsvector_binary_clipped(headline, body)
            continue
        at = np.arange(1, n + 1, dtype=np.uint16)
        at[len(head):] += 1  # the gap after the headline
        at[:len(head)] |= _WEIGHT_A
        tokens += head + rest
        positions.append(at)
        owner.append(np.full(n, i, dtype=np.int64))
    if not tokens:
        return [o or _COUNT.pack(0) for o in out]
    pos, doc = np.concatenate(positions), np.concatenate(owner)
    lexemes, lexeme = np.unique(np.array(tokens), return_inverse=True)  # code point order: UTF-8 bytes'
    order = np.argsort(doc * len(lexemes) + lexeme, kind="stable")  # by article, token, then position
    pos, doc, lexeme = pos[order], doc[order], lexeme[order]
    first = np.ones(len(pos), dtype=bool)
    first[1:] = (doc[1:] != doc[:-1]) | (lexeme[1:] != lexeme[:-1])
    entry = np.cumsum(first) - 1  # the (article, token) entry of each position
    starts = np.flatnonzero(first)
    rank = np.arange(len(pos)) - starts[entry]
    kept = rank < MAX_POSITIONS
    pos, rank, entry = pos[kept], rank[kept], entry[kept]
    counts = np.bincount(entry, minlength=len(starts))
    entry_doc, entry_lexeme = doc[starts], lexeme[starts]
    names = np.frombuffer(("\0".join(lexemes.tolist()) + "\0").encode(), dtype=np.uint8)
    name_end = np.flatnonzero(names == 0) + 1  # each token's bytes with their zero byte end here
    name_length = np.diff(name_end, prepend=0)
    lengths = name_length[entry_lexeme]
    sizes = lengths + 2 + 2 * counts
    doc_sizes = np.bincount(entry_doc, weights=sizes, minlength=len(articles)).astype(np.int64) + _COUNT.size
    doc_at = np.cumsum(doc_sizes) - doc_sizes
    at = np.cumsum(sizes) - sizes + _COUNT.size * (entry_doc + 1)  # where each entry starts
    buffer = np.zeros(int(doc_sizes.sum()), dtype=np.uint8)
    entries = np.bincount(entry_doc, minlength=len(articles))
    for k in range(_COUNT.size):  # each article's token count, big-endian
        buffer[doc_at + k] = (entries >> (8 * (_COUNT.size - 1 - k))) & 0xFF
    within = _ranges(lengths)
    buffer[np.repeat(at, lengths) + within] = names[np.repeat((name_end - name_length)[entry_lexeme], lengths) + within]
    count_at = at + lengths
    buffer[count_at], buffer[count_at + 1] = counts >> 8, counts & 0xFF
    position_at = np.repeat(count_at + 2, counts) + 2 * rank
    buffer[position_at], buffer[position_at + 1] = pos >> 8, pos & 0xFF
    whole = buffer.tobytes()
    return [o or whole[a:a + size] for o, a, size in zip(out, doc_at.tolist(), doc_sizes.tolist(), strict=True)]


def _ranges(lengths: np.ndarray) -> np.ndarray:
    """0 .. length-1 for each length, one after the other."""
    return np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def _tsvector_binary_clipped(headline: str, body: str) -> bytes:
    out = bytearray(_COUNT.pack(len(positions := tsvector_positions(headline, body))))
    for tok, ps in sorted((tok.encode(), ps) for tok, ps in positions.items()):
        kept = _kept(ps)
        out += tok + b"\0" + struct.pack(f"!{len(kept) + 1}H", len(kept), *kept)
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
