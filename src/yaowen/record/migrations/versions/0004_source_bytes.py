"""The exact bytes of a page's file name when they are not plain text (not UTF-8, or holding control
characters): ``pages.source`` holds the name with visible escapes, ``source_bytes`` the name itself.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("pages", sa.Column("source_bytes", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("pages") as batch:
        batch.drop_column("source_bytes")
