"""Questions about the stretch of text since the last line or sentence end, answered in one pass.

A page printed on one line has no line end to stop a search back from a position: ``text.rfind("\\n", 0, pos)``
reads back to the start of the page, and asked at every figure or name of a megabyte page it costs the square
of the page. Asked at ascending positions, ``MarksSince`` reads each character once.
"""

from __future__ import annotations


class MarksSince:
    """How often each of ``marks`` occurs between the last of ``stops`` before a position and the position."""

    def __init__(self, text: str, stops: str, marks: str) -> None:
        self._text, self._stops, self._marks = text, stops, marks
        self._pos = 0  # counted up to here, from the last stop before it
        self._counts = [0] * len(marks)

    def __call__(self, pos: int) -> list[int]:
        text = self._text
        if pos < self._pos:  # asked out of order: count again from the start
            self._pos, self._counts = 0, [0] * len(self._marks)
        stop = max(text.rfind(c, self._pos, pos) for c in self._stops)
        if stop >= 0:
            self._counts = [text.count(m, stop + 1, pos) for m in self._marks]
        else:
            self._counts = [n + text.count(m, self._pos, pos) for n, m in zip(self._counts, self._marks, strict=True)]
        self._pos = pos
        return self._counts
