"""Fixtures of the web tests: one record built per session, apps over it, a copy for tests that write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webapp import TOKEN, build_record

from yaowen.record import Record
from yaowen.web import create_app


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    return build_record(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def web_record(web_db):
    rec = Record.open(str(web_db))
    yield rec
    rec.close()


@pytest.fixture(scope="session")
def web_app(web_record):
    return create_app(web_record, token=TOKEN)


@pytest.fixture(scope="session")
def client(web_app):
    with TestClient(web_app) as c:
        yield c


@pytest.fixture
def writable_record(web_db, tmp_path):
    """A private copy of the record, for tests that add or remove rules."""
    for f in web_db.parent.glob(web_db.name + "*"):
        shutil.copy(f, tmp_path / f.name)
    rec = Record.open(str(tmp_path / web_db.name))
    yield rec
    rec.close()
