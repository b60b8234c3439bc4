"""Posts by their mention and their article: deleting a page's facts (re-extraction, ``remove``) deletes its
mentions and articles, and the foreign keys' cascade to ``posts`` looked each one up with a scan of the whole
table (per row deleted, on both backends): 1,000 pages took ~40 s to delete on a 1,000-page record.

Revision ID: 0007
Revises: 0006
"""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_posts_mention", "posts", ["mention_id"])
    op.create_index("ix_posts_article", "posts", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_posts_article", table_name="posts")
    op.drop_index("ix_posts_mention", table_name="posts")
