"""Participants and appointments by name: the people refresh after an ingest looks up the rows of the names
the new pages print (mentions had this index already), which without it scans the whole table per lookup.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_participants_name", "participants", ["name"])
    op.create_index("ix_appointments_person", "appointments", ["person"])


def downgrade() -> None:
    op.drop_index("ix_appointments_person", table_name="appointments")
    op.drop_index("ix_participants_name", table_name="participants")
