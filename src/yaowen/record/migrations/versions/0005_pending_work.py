"""Pending work: the global steps (people refresh, tenure dating, re-derivations, the paper of pages that
print none) recorded in the same transaction as the writes that call for them, so that a kill between a
write and its global steps is completed by the next command that writes, or by ``yaowen check --repair``.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("run", sa.String(length=64), nullable=False),
        sa.Column("page_id", sa.Integer(), nullable=False),
        sa.Column("paper", sa.Text(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("why", sa.Text(), nullable=True),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("kind", "run", "page_id", "paper"),
    )
    # a record made before this revision may hold an ingest killed before its people refresh: refresh once
    op.execute(sa.text("INSERT INTO pending_work (kind, run, page_id, paper, since) "
                       "SELECT 'people', '', 0, '', CURRENT_TIMESTAMP WHERE EXISTS (SELECT 1 FROM pages)"))


def downgrade() -> None:
    op.drop_table("pending_work")
