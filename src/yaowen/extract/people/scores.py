"""The name recogniser's scores for the spans of a text, from one pass over it: the grammar asks about many
spans of the same text (is this list item a name? two characters or three?), and asking span by span would
cost a pass each."""

from __future__ import annotations

from functools import lru_cache

from ..names import default_model

_FLOOR = 0.25  # scores below this are kept as 0: no rule takes a name the model gives under 0.3


class _Scores:
    """The model's score of every candidate span of one text, from one pass over it (asking span by span
    costs a pass each)."""

    def __init__(self, text: str) -> None:
        starts, ends, scores = default_model().spans(text, _FLOOR)
        self.best_first = list(zip(starts.tolist(), ends.tolist(), scores.tolist(), strict=True))
        self.by_span = {(s, e): p for s, e, p in self.best_first}


@lru_cache(maxsize=4)  # a text is searched by several rules in turn; its hash is cached by the str
def _scores(text: str) -> _Scores:
    return _Scores(text)


def name_prob(text: str, start: int, end: int) -> float:
    """The model's probability that text[start:end] is a person's name in its context (0 for a span it
    never proposes: one that starts with no surname, say)."""
    return _scores(text).by_span.get((start, end), 0.0)


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
