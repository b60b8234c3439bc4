"""The name recogniser's scores for the spans of a text, from one pass over it: the grammar asks about many
spans of the same text (is this list item a name? two characters or three?), and asking span by span would
cost a pass each. ``scored_together`` scores all the texts of a page in one pass before the grammar reads them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from ..names import default_model

_FLOOR = 0.25  # scores below this are kept as 0: no rule takes a name the model gives under 0.3


class _Scores:
    """The model's score of every candidate span of one text, best first."""

    def __init__(self, best_first: list[tuple[int, int, float]]) -> None:
        self.best_first = best_first  # (start, end, score)
        self.by_span = {(s, e): p for s, e, p in best_first}


# the texts of the page being read, scored together (scored_together); others are scored one by one
_together: ContextVar[dict[str, _Scores] | None] = ContextVar("_together", default=None)


@contextmanager
def scored_together(texts: Iterable[str]) -> Iterator[None]:
    """Within the block, the scores of ``texts`` come from one model pass over all of them (a page's bodies,
    headlines and captions: the fixed cost of a pass, ~150 numpy calls, is paid once, not per line)."""
    unique = list(dict.fromkeys(t for t in texts if t))
    token = _together.set(dict(zip(unique, map(_Scores, default_model().best_first_many(unique, _FLOOR)), strict=True)))
    try:
        yield
    finally:
        _together.reset(token)


@lru_cache(maxsize=4)  # a text is searched by several rules in turn; its hash is cached by the str
def _scored_alone(text: str) -> _Scores:
    return _Scores(default_model().best_first_many([text], _FLOOR)[0])


def _scores(text: str) -> _Scores:
    together = _together.get()
    if together is not None:
        got = together.get(text)
        if got is not None:
            return got
    return _scored_alone(text)


def name_prob(text: str, start: int, end: int) -> float:
    """The model's probability that text[start:end] is a person's name in its context (0 for a span it
    never proposes: one that starts with no surname, say)."""
    # (_scores inlined: asked ~10k times a dev pass, a call frame is a good part of the cost)
    together = _together.get()
    got = together.get(text) if together is not None else None
    return (got if got is not None else _scored_alone(text)).by_span.get((start, end), 0.0)


def span_probs(text: str) -> dict[tuple[int, int], float]:
    """``name_prob`` of every span of ``text`` at once, by (start, end) (missing: 0): for a caller that asks
    about many."""
    return _scores(text).by_span


def model_found(text: str, threshold: float) -> list[tuple[int, int, float]]:
    """The names the model finds at ``threshold``: best first, none overlapping a better one."""
    taken = bytearray(len(text) + 1)
    out = []
    for s, e, p in _scores(text).best_first:
        if p < threshold:
            break
        if any(taken[s:e]):
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append((s, e, p))
    return sorted(out)
