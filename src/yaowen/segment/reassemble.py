"""Put interleaved articles back together.

Layout errors drop one article's block (byline, lead, a paragraph or two) into the middle of another
article's body, and print the dropped article's headline later on the page with the rest of its text. Two
steps undo that:

1. ``split_dropped_blocks``: an orphan block (byline/lead with no headline) that interrupts an unfinished
   article keeps only the paragraphs that read like its own lead; the rest, which read like the interrupted
   article, go back to it. "Read like" is cosine similarity of IDF-weighted character bigrams, and the
   split point is the one that maximises the agreement.
2. ``attach_orphans``: an orphan block is joined to the first later headed block that has no byline and no
   lead of its own (its body starts mid-story, e.g. "当晚,..."): the orphan supplies byline and lead, the
   headed block the headline stack and the rest of the body.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from ..genre import STORY_START_RE
from .blocks import Block, is_closing

_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]+")
SPLIT_MARGIN = 0.05  # how much better the returned paragraphs must fit the interrupted article
ORPHAN_REACH = 30  # blocks searched for an orphan's headline: a page has a few dozen articles at most


def _bigrams(text: str) -> Counter[str]:
    c: Counter[str] = Counter()
    for run in _HAN_RUN_RE.findall(text):
        c.update(run[i : i + 2] for i in range(len(run) - 1))
    return c


class _Vectors:
    """IDF-weighted bigram vectors over one page's paragraphs."""

    def __init__(self, texts: list[str]):
        df: Counter[str] = Counter()
        for t in texts:
            df.update(set(_bigrams(t)))
        n = max(len(texts), 1)
        self.idf = {g: math.log((n + 1) / (d + 0.5)) for g, d in df.items()}

    def vec(self, text: str) -> dict[str, float]:
        return {g: c * self.idf.get(g, 1.0) for g, c in _bigrams(text).items()}

    @staticmethod
    def cos(a: dict[str, float], b: dict[str, float]) -> float:
        if not a or not b:
            return 0.0
        dot = sum(v * b.get(g, 0.0) for g, v in a.items())
        na = math.sqrt(sum(v * v for v in a.values()))
        nb = math.sqrt(sum(v * v for v in b.values()))
        return dot / (na * nb) if na and nb else 0.0


def _is_orphan(b: Block) -> bool:
    return b.origin == "orphan" and not b.header


def split_dropped_blocks(blocks: list[Block]) -> None:
    vectors: _Vectors | None = None  # built only for a page that has a dropped-in block to weigh
    for i, o in enumerate(blocks):
        if not _is_orphan(o) or i == 0:
            continue
        x = blocks[i - 1]
        if not x.body or x.closed or is_closing(x.body[-1].text):
            continue  # the article before ended properly: this is a new article, not a dropped block
        own = 1 if o.lead is not None else 0  # the lead paragraph certainly belongs to the orphan
        rest = o.body[own:]
        if not rest:
            continue
        if vectors is None:
            vectors = _Vectors([p.text for b in blocks for p in b.body])
        ref_o = vectors.vec("\n".join([ln.text for ln in o.bylines] + [p.text for p in o.body[:own]]))
        ref_x = vectors.vec(x.text())
        gains = [vectors.cos(vectors.vec(p.text), ref_o) - vectors.cos(vectors.vec(p.text), ref_x) for p in rest]
        # keep the first k paragraphs with the orphan, give the rest back: maximise agreement
        best_k, best = len(rest), sum(gains)
        run = 0.0
        for k in range(len(rest)):
            score = run - sum(gains[k:])
            if score > best + SPLIT_MARGIN * (len(rest) - k):
                best_k, best = k, score
            run += gains[k]
        if best_k < len(rest):
            x.body.extend(rest[best_k:])
            del o.body[own + best_k :]
            x.notes.append("reassembled: a dropped-in block was taken out of the body")


def _waits_for_lead(b: Block, is_document: bool) -> bool:
    """A headed block whose story starts mid-way: no byline, no lead, no date at the start."""
    if b.origin != "headed" or b.bylines or b.lead is not None or is_document or not b.body:
        return False
    return not STORY_START_RE.match(b.body[0].text)


def attach_orphans(blocks: list[Block], is_document: dict[int, bool]) -> list[Block]:
    used: set[int] = set()
    out = list(blocks)
    for i, o in enumerate(blocks):
        if not _is_orphan(o):
            continue
        for j in range(i + 1, min(len(blocks), i + 1 + ORPHAN_REACH)):
            h = blocks[j]
            if j in used or not _waits_for_lead(h, is_document.get(id(h), False)):
                continue
            h.bylines = o.bylines + h.bylines
            h.lead = o.lead
            h.body = o.body + h.body
            h.notes.append("reassembled: byline and lead found earlier on the page")
            used.add(j)
            out.remove(o)
            break
    return out


def drop_repeated_paragraphs(block: Block) -> None:
    """A paragraph printed twice is kept once, at its last place (the earlier copy is the misplaced one)."""
    keys = ["".join(p.text.split()) for p in block.body]  # without its spaces (str.split's are \s's)
    seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if len(key) >= 15:
            seen[key] = i
    keep = [p for i, (p, k) in enumerate(zip(block.body, keys, strict=True)) if len(k) < 15 or seen[k] == i]
    if len(keep) < len(block.body):
        block.notes.append(f"dedup: {len(block.body) - len(keep)} repeated paragraph(s) dropped")
        block.body = keep

