"""The record's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Dates are ISO ``YYYY-MM-DD`` strings: they sort and compare as dates on both backends and keep a partial
date (a year only) honest instead of inventing a day. Every fact row names the extractor version that
produced it, so ``yaowen reextract`` can tell what is stale.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

pages = Table(
    "pages", metadata,
    Column("id", Integer, primary_key=True),
    Column("sha256", String(64), nullable=False, unique=True),  # of the raw bytes: ingest is idempotent by it
    Column("source", Text, nullable=False),  # the file, or "dump.jsonl#17" / "crawl.warc.gz#4" for a record in one
    # the file name's exact bytes when ``source`` had to escape them (not UTF-8, control characters)
    Column("source_bytes", LargeBinary),
    Column("paper", Text),
    Column("title", Text),  # what the container calls the page (a dump's title, the HTML <title>)
    Column("url", Text),  # where the page was published, when the container says
    Column("meta", Text),  # JSON: what a web archive says about the page (URL, capture date), for re-extraction
    Column("issue_date", String(10)),
    Column("issue_date_note", Text),
    Column("year", Integer),
    Column("media_type", String(16)),
    Column("encoding", String(32)),
    Column("script", String(16)),
    Column("size", Integer, nullable=False),
    Column("raw", LargeBinary, nullable=False),  # kept so facts can be re-derived without the source files
    Column("repairs", Text),  # JSON list of the cleaner's repairs
    Column("extractor", String(32), nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)
Index("ix_pages_paper_date", pages.c.paper, pages.c.issue_date)

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("page_id", Integer, ForeignKey("pages.id", ondelete="CASCADE"), nullable=False),
    Column("ordinal", Integer, nullable=False),  # a1, a2 ... on the page
    Column("kicker", Text),
    Column("headline", Text),
    Column("subheadline", Text),
    Column("column_name", Text),
    Column("source", Text),
    Column("reporters", Text),  # JSON list
    Column("dateline", Text),
    Column("event_date", String(10)),
    Column("date", String(10)),  # the article's date for listings: event date, else the page's issue date
    Column("body", Text, nullable=False),
    Column("fragment", Boolean, nullable=False, default=False),
    Column("continued_from", Text),
    Column("continues_to", Text),
    Column("spans", Text),  # JSON [[start, end], ...] in the cleaned page text
    Column("raw_spans", Text),  # JSON, the same in the page text as read
    Column("notes", Text),  # JSON list
    Column("extractor", String(32), nullable=False),
    UniqueConstraint("page_id", "ordinal"),
)
Index("ix_articles_date", articles.c.date)

article_topics = Table(
    "article_topics", metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("topic", String(32), primary_key=True),
    Column("rank", Integer, nullable=False),  # 1 = most central
)
Index("ix_article_topics_topic", article_topics.c.topic)

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("paper", Text, nullable=False, default=""),
    Column("name", Text, nullable=False),
    Column("key", Text, nullable=False),  # name, or name#2 ... when one name is several people
    Column("mentions", Integer, nullable=False, default=0),
    Column("first_seen", String(10)),
    Column("last_seen", String(10)),
    UniqueConstraint("paper", "key"),
)
Index("ix_people_name", people.c.name)
Index("ix_people_mentions", people.c.mentions)  # listings: most mentioned first

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("name", Text, nullable=False),
    Column("titles", Text),  # JSON list of the posts this sentence gives
    Column("how", String(16)),
    Column("body_start", Integer),
    Column("body_end", Integer),
    Column("raw_start", Integer),
    Column("raw_end", Integer),
    Column("extractor", String(32), nullable=False),
)
Index("ix_mentions_person", mentions.c.person_id)
Index("ix_mentions_article", mentions.c.article_id, mentions.c.name)  # covers the person facet
Index("ix_mentions_name", mentions.c.name)

posts = Table(  # one row per (mention, post): the raw material of post timelines
    "posts", metadata,
    Column("id", Integer, primary_key=True),
    Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("post", Text, nullable=False),  # as printed
    Column("canonical", Text, nullable=False),  # organ abbreviations expanded where the paper shows both
    Column("date", String(10)),
)
Index("ix_posts_person", posts.c.person_id, posts.c.canonical)
Index("ix_posts_mention", posts.c.mention_id)  # the foreign keys' cascade when facts are deleted (0007)
Index("ix_posts_article", posts.c.article_id)

organs = Table(  # organ names of a paper and the full name each short form stands for
    "organs", metadata,
    Column("paper", Text, primary_key=True),
    Column("name", Text, primary_key=True),
    Column("canonical", Text, nullable=False),
)

meetings = Table(
    "meetings", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text),
    Column("body", Text),
    Column("ordinal", Integer),
    Column("date", String(10)),
    Column("body_start", Integer),
    Column("body_end", Integer),
    Column("raw_start", Integer),
    Column("raw_end", Integer),
    Column("extractor", String(32), nullable=False),
)
Index("ix_meetings_body_date", meetings.c.body, meetings.c.date)
Index("ix_meetings_article", meetings.c.article_id)
Index("ix_meetings_date", meetings.c.date)  # the ledger: latest first

participants = Table(
    "participants", metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False),  # chair | attendee
)
Index("ix_participants_meeting", participants.c.meeting_id)
Index("ix_participants_person", participants.c.person_id)
Index("ix_participants_name", participants.c.name)  # the people refresh finds rows by name

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("meeting_id", Integer, ForeignKey("meetings.id", ondelete="SET NULL")),  # set when it approved it
    Column("title", Text, nullable=False),
    Column("approved", Boolean, nullable=False, default=False),
    Column("body_start", Integer),
    Column("body_end", Integer),
    Column("extractor", String(32), nullable=False),
)
Index("ix_documents_article", documents.c.article_id)
Index("ix_documents_meeting", documents.c.meeting_id)

figures = Table(
    "figures", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(16), nullable=False),
    Column("measure", Text),
    Column("approximate", Boolean, nullable=False, default=False),
    Column("target", Boolean, nullable=False, default=False),
    Column("body_start", Integer),
    Column("body_end", Integer),
    Column("raw_start", Integer),
    Column("raw_end", Integer),
    Column("extractor", String(32), nullable=False),
)
Index("ix_figures_article", figures.c.article_id)
Index("ix_figures_unit", figures.c.unit)

appointments = Table(
    "appointments", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="SET NULL")),
    Column("person", Text, nullable=False),
    Column("post", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("body_start", Integer),
    Column("body_end", Integer),
    Column("extractor", String(32), nullable=False),
)
Index("ix_appointments_article", appointments.c.article_id)
Index("ix_appointments_person", appointments.c.person)  # the people refresh finds rows by name
Index("ix_appointments_person_id", appointments.c.person_id)  # a person's page; people deleted (0008)

person_rules = Table(  # corrections by hand: merge two names into one person, or split a name by post
    "person_rules", metadata,
    Column("id", Integer, primary_key=True),
    Column("paper", Text, nullable=False, default=""),  # "" = every paper
    Column("kind", String(8), nullable=False),  # merge | split
    Column("name", Text, nullable=False),  # merge: the name that is folded in; split: the name split
    Column("target", Text, nullable=False),  # merge: the person's name it joins; split: post text that marks
    UniqueConstraint("paper", "kind", "name", "target"),
)

ingest_errors = Table(  # files that could not be ingested: one row per source and reason, kept for the summary
    "ingest_errors", metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),  # with visible escapes, as printed
    Column("reason", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
)

pending_work = Table(  # what a write left for the global steps, committed with the write itself (see pending.py)
    "pending_work", metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # people | tenure | rederive | paperless | run_paper
    Column("run", String(64), nullable=False, default=""),  # the ingest a paperless page or a paper seen belongs to
    Column("page_id", Integer, nullable=False, default=0),  # rederive, paperless: the page (0: none)
    Column("paper", Text, nullable=False, default=""),  # run_paper: a paper the run stored pages of
    Column("year", Integer),  # rederive: the year tenure dating gives the page
    Column("why", Text),  # rederive: why that year
    Column("since", DateTime(timezone=True), nullable=False),
    UniqueConstraint("kind", "run", "page_id", "paper"),  # marking the same work twice is one row
)

FACT_TABLES = (mentions, meetings, documents, figures, appointments)
