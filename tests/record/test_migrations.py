"""The migrations build exactly the schema the code declares, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from yaowen.record.db import open_engine, schema_revision
from yaowen.record.schema import metadata


def test_migrated_schema_matches_declared(db_url):
    engine = open_engine(db_url)
    try:
        assert schema_revision(engine) == "0001"
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        # the full-text table is made by the migration itself and is not part of the declared tables
        diff = [d for d in diff if "article_fts" not in str(d)]
        assert diff == []
        assert "article_fts" in inspect(engine).get_table_names()
        open_engine(db_url).dispose()  # opening again migrates nothing and breaks nothing
        assert schema_revision(engine) == "0001"
    finally:
        engine.dispose()
