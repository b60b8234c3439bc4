"""Fact extraction from rebuilt articles (people, posts, meetings, documents, figures, dates, topics)."""
