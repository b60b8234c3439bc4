"""The migrations build exactly the schema the code declares, on both backends."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from yaowen.record.db import _alembic_config, database_url, open_engine, schema_revision
from yaowen.record.schema import metadata

HEAD = ScriptDirectory.from_config(_alembic_config()).get_current_head()


def test_migrated_schema_matches_declared(db_url):
    engine = open_engine(db_url)
    try:
        assert schema_revision(engine) == HEAD
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        # the full-text table is made by the migration itself and is not part of the declared tables
        diff = [d for d in diff if "article_fts" not in str(d)]
        assert diff == []
        assert "article_fts" in inspect(engine).get_table_names()
        open_engine(db_url).dispose()  # opening again migrates nothing and breaks nothing
        assert schema_revision(engine) == HEAD
    finally:
        engine.dispose()


def test_an_older_record_is_brought_up_to_date_on_open(db_url):
    old = create_engine(database_url(db_url))
    cfg = _alembic_config()
    with old.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    assert schema_revision(old) == "0001"
    old.dispose()
    engine = open_engine(db_url)
    try:
        assert schema_revision(engine) == HEAD != "0001"
        indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("mentions")}
        assert indexes["ix_mentions_article"] == ["article_id", "name"]
    finally:
        engine.dispose()
