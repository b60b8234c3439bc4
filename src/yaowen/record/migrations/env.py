"""Alembic environment: migrations always run on a connection that ``yaowen.record.db`` hands over."""

from alembic import context

from yaowen.record.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
