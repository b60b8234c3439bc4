"""Appointments by their person: a person's page lists their appointments by ``person_id``, and the people
refresh deleting a person sets that column to NULL through the foreign key; both scanned the whole table.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_appointments_person_id", "appointments", ["person_id"])


def downgrade() -> None:
    op.drop_index("ix_appointments_person_id", table_name="appointments")
