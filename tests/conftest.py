"""Shared test helpers. Inputs are built by hand (a fictional city, 临江市); seed pages are read from ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

from yaowen.clean.layout import join_layout_breaks
from yaowen.model import CleanText, OffsetMap

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def make_clean(text: str, headings: dict[int, int] | None = None, join: bool = True) -> CleanText:
    """A CleanText for segmenter tests, without the character passes (so each stage is tested alone)."""
    headings = headings or {}
    if join:
        text, omap, headings, _ = join_layout_breaks(text, headings)
    else:
        omap = OffsetMap.identity(len(text))
    return CleanText(text=text, offsets=omap, script="simplified", headings=headings)


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared/seeds is not beside the repository")
    return SHARED
