"""Where a page came from beyond its file: the title and URL its container gives, and what a web archive
says about it (kept so re-extraction reads the page as it was first read).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("pages", sa.Column("title", sa.Text(), nullable=True))
    op.add_column("pages", sa.Column("url", sa.Text(), nullable=True))
    op.add_column("pages", sa.Column("meta", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pages") as batch:
        batch.drop_column("meta")
        batch.drop_column("url")
        batch.drop_column("title")
