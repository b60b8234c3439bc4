"""Indexes for browsing: people by mentions, meetings by date, figures by unit (the web listings' orders),
and mentions by (article, name) so that counting the people of a set of articles reads the index alone.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_people_mentions", "people", ["mentions"])
    op.create_index("ix_meetings_date", "meetings", ["date"])
    op.create_index("ix_figures_unit", "figures", ["unit"])
    op.drop_index("ix_mentions_article", table_name="mentions")
    op.create_index("ix_mentions_article", "mentions", ["article_id", "name"])


def downgrade() -> None:
    op.drop_index("ix_mentions_article", table_name="mentions")
    op.create_index("ix_mentions_article", "mentions", ["article_id"])
    op.drop_index("ix_figures_unit", table_name="figures")
    op.drop_index("ix_meetings_date", table_name="meetings")
    op.drop_index("ix_people_mentions", table_name="people")
