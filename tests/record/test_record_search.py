"""Chinese full-text search: tokens, 1/2/4-character queries, ranking, filters, snippets; on both backends."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from yaowen.record.query import QueryError, parse_query
from yaowen.record.search import Filters, fts5_match, snippet, tsquery_literal
from yaowen.record.tokens import index_tokens

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "pages"


def test_index_tokens_are_bigrams_plus_the_last_character_of_each_run():
    assert index_tokens("审计工作。2023年Ｂ超") == ["审计", "计工", "工作", "作", "2023", "年", "超"]
    assert index_tokens("GDP增长") == ["gdp", "增长", "长"]


def _terms(query: str) -> list[tuple[list[str], bool]]:
    return [(list(t.tokens), t.prefix) for group in parse_query(query).groups for t in group]


def test_query_terms_and_their_index_syntax():
    assert _terms("审计") == [(["审计"], False)]
    assert _terms("审") == [(["审"], True)]
    assert _terms("审计整改 市委") == [(["审计", "计整", "整改"], False), (["市委"], False)]
    assert _terms("2023年") == [(["2023", "年"], True)]
    with pytest.raises(QueryError, match="nothing to search for"):
        parse_query("\"* ( ) :")  # nothing searchable: no syntax reaches the index, and the user is told
    assert fts5_match("审计整改 审") == '"审计 计整 整改" AND "审"*'
    assert tsquery_literal("审计整改 审") == "('审计' <-> '计整' <-> '整改') & ('审':*)"


def test_snippet_marks_terms_and_escapes_page_text():
    body = "会议指出，<b>要</b>抓好审计整改。" + "其他内容。" * 40
    out = snippet(body, ["审计"])
    assert "<mark>审计</mark>" in out and "&lt;b&gt;" in out and "<b>" not in out


@pytest.fixture
def examples(record):
    record.ingest([str(EXAMPLES)])
    return record


def _headlines(result) -> list[str]:
    return [h.headline or "" for h in result.hits]


def test_two_character_word_finds_every_article_that_has_it(examples):
    result = examples.search("审计", limit=50)
    with examples.engine.connect() as conn:
        from sqlalchemy import select

        from yaowen.record import schema as s

        bodies = conn.execute(select(s.articles.c.id, s.articles.c.headline, s.articles.c.body)).all()
    expected = {i for i, h, b in bodies if "审计" in (h or "") + b}
    assert {h.article_id for h in result.hits} == expected
    assert result.total == len(expected) >= 2
    # the article about the audit committee ranks first: the word is in its headline and all over its body
    assert "审计" in _headlines(result)[0]
    assert all("<mark>审计</mark>" in h.snippet for h in result.hits if "审计" in h.snippet)


def test_one_and_four_character_queries(examples):
    one = examples.search("审", limit=100)
    two = examples.search("审计", limit=100)
    four = examples.search("审计整改", limit=100)
    assert one.total >= two.total >= four.total >= 1
    assert {h.article_id for h in four.hits} <= {h.article_id for h in two.hits} <= {h.article_id for h in one.hits}
    # a character at the end of a run (…审。) is found too: 审 starts a bigram or is a run-final token
    assert examples.search("计", limit=100).total >= two.total


def test_phrase_needs_the_characters_in_order(examples):
    assert examples.search("计审").total == 0
    assert examples.search("审计 不存在的词").total == 0  # terms are AND-ed


def test_filters_narrow_results(examples):
    everything = examples.search("会议", limit=100)
    assert everything.total >= 4
    for filters in (Filters(topic="audit"), Filters(person="欧阳明远"), Filters(date_from="2023-01-01"),
                    Filters(body=_a_meeting_body(examples))):
        narrowed = examples.search("会议", filters, limit=100)
        assert 0 < narrowed.total < everything.total, filters
        assert {h.article_id for h in narrowed.hits} <= {h.article_id for h in everything.hits}
    audit = examples.search("会议", Filters(topic="audit"), limit=100)
    assert all("audit" in h.topics for h in audit.hits)
    dated = examples.search("会议", Filters(date_from="2023-01-01", date_to="2023"), limit=100)
    assert all(h.date and "2023-01-01" <= h.date <= "2023-12-31" for h in dated.hits)
    assert examples.search("会议", Filters(paper="没有这份报纸")).total == 0


def _a_meeting_body(rec) -> str:
    bodies = [m["body"] for m in rec.meetings(limit=100) if m["body"]]
    assert bodies
    return max(set(bodies), key=bodies.count)


def test_pagination_is_stable_and_complete(examples):
    full = examples.search("市", limit=100)
    pages = [examples.search("市", limit=3, offset=o) for o in range(0, full.total, 3)]
    ids = [h.article_id for p in pages for h in p.hits]
    assert ids == [h.article_id for h in full.hits]
    assert len(set(ids)) == full.total


def test_query_text_is_data_not_sql(examples):
    for q in ("'; DROP TABLE articles; --", 'NEAR("审计" 5)', "审计 OR 1=1"):
        examples.search(q)
    for q in ("\\", "%_%"):
        with pytest.raises(QueryError, match="nothing to search for"):
            examples.search(q)
    assert examples.search("审计").total >= 2


def test_ranking_a_bounded_set_of_matches_keeps_totals_and_pages_complete(examples, monkeypatch):
    # PostgreSQL ranks only the latest-stored PG_RANK_CANDIDATES matches (SQLite ranks all): the rest
    # must still be counted and reachable page by page, each once
    search_module = importlib.import_module("yaowen.record.search")  # the package exports a search()
    full = examples.search("市", limit=100)
    monkeypatch.setattr(search_module, "PG_RANK_CANDIDATES", 4)
    capped = examples.search("市", limit=100)
    assert capped.total == full.total > 4
    pages = [examples.search("市", limit=3, offset=o) for o in range(0, full.total, 3)]
    ids = [h.article_id for p in pages for h in p.hits]
    assert ids == [h.article_id for h in capped.hits]
    assert sorted(ids) == sorted(h.article_id for h in full.hits)
    if examples.engine.dialect.name == "postgresql":
        # the ranked four are the latest stored, best first; the others follow newest first, unscored
        latest = sorted((h.article_id for h in full.hits), reverse=True)[:4]
        assert sorted(ids[:4]) == sorted(latest)
        assert [h.score for h in capped.hits[:4]] == sorted((h.score for h in capped.hits[:4]), reverse=True)
        assert ids[4:] == sorted(ids[4:], reverse=True)
        assert all(h.score == 0 for h in capped.hits[4:])
