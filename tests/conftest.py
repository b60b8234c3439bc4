"""Shared test helpers. Inputs are built by hand (a fictional city, 临江市); seed pages are read from ../shared."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pgserver import PostgresServer

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


# ---- the record: every record test runs on SQLite and on a real PostgreSQL server (see pgserver.py) ----

EXAMPLES = REPO / "examples" / "pages"


@pytest.fixture(scope="session")
def pg_server():
    server = PostgresServer()
    if not server.available:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries not found: .ci/run installs Debian's postgresql package")
        pytest.skip("PostgreSQL is not installed here")
    server.start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "yaowen.db")
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture
def record(db_url):
    from yaowen.record import Record

    rec = Record.open(db_url)
    yield rec
    rec.close()
