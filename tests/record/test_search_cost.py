"""Search cost is bounded: a query made to be expensive (66 × 市, a word repeated, a pasted paragraph) answers
within a generous budget on a record dense in what it asks for, and still finds exactly what it should."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import Engine, insert

from yaowen.record import Record
from yaowen.record import schema as s
from yaowen.record.query import MAX_TERMS, QueryError
from yaowen.record.write import fts_insert, insert_page

BUDGET_S = 2.0  # generous: the same queries took tens of seconds on this record before the caps
ARTICLES = 800


def _fill(engine: Engine) -> None:
    """Articles full of 市市 (城市市场, 全市市直 …), one holding a run of exactly 12 × 市; written in bulk."""
    filler = "全市市直单位推进城市市场建设，市市联动。" * 60
    bodies = [filler + ("临江" + "市" * 12 + "汇编。" if n == 7 else "") + f"第{n}号。" for n in range(ARTICLES)]
    record = {"page_id": "0" * 64, "extractor": "test", "issue_date": "2023-03-05", "articles": []}
    with engine.begin() as conn:
        page_id = insert_page(conn, record, b"page", "p.txt", "临江日报")
        ids = conn.execute(insert(s.articles).returning(s.articles.c.id, sort_by_parameter_order=True), [
            {"page_id": page_id, "ordinal": n, "headline": f"城市市场第{n}期", "body": body, "date": "2023-03-05",
             "extractor": "test"} for n, body in enumerate(bodies)]).scalars().all()
        fts_insert(conn, [(i, f"城市市场第{n}期", body) for n, (i, body) in enumerate(zip(ids, bodies, strict=True))])


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def dense(request, tmp_path_factory):
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("cost") / "dense.db")
    else:
        url = request.getfixturevalue("pg_server").new_database()
    rec = Record.open(url)
    _fill(rec.engine)
    yield rec
    rec.close()


@pytest.mark.parametrize("query", [
    "市" * 66, '"' + "市" * 66 + '"', " ".join(["市"] * MAX_TERMS), " ".join(["市市"] * 30), "城市市场" * 20,
    "市" * 66 + " OR 城市", "全市市直单位推进城市市场建设市市联动" * 3,
])
def test_a_pathological_query_answers_within_budget(dense, query):
    started = time.perf_counter()
    result = dense.search(query, limit=20)
    dense.hits_by_month(query)
    assert time.perf_counter() - started < BUDGET_S, query
    assert result.total >= 0


def test_a_long_run_finds_exactly_the_articles_that_hold_it(dense):
    assert [h.headline for h in dense.search("市" * 12).hits] == ["城市市场第7期"]
    assert dense.search("市" * 13).total == 0
    assert dense.search("临江" + "市" * 12 + "汇编").total == 1
    assert dense.search("市市 市市 市市").total == ARTICLES  # one word said three times is the word


def test_too_much_to_ask_is_refused_with_a_reason(dense):
    with pytest.raises(QueryError, match="too many words"):
        dense.search(" ".join(f"词{n}" for n in range(MAX_TERMS + 1)))
    with pytest.raises(QueryError, match="a word to leave out may have at most"):
        dense.search("城市 -" + "市" * 20)


def test_the_index_is_asked_for_a_bounded_number_of_tokens():
    from yaowen.record.query import MAX_PHRASE_TOKENS, MAX_QUERY_TOKENS, parse_query

    def asked(query: str) -> int:
        return sum(len(row) + len(anywhere) for group in parse_query(query).groups for t in group
                   for row, anywhere in [t.lookup()])

    assert asked("市" * 66) == MAX_PHRASE_TOKENS  # not 65 walks of the same list
    assert asked(" ".join(["市"] * 66)) == 1
    assert asked("全市市直单位推进城市市场建设市市联动" * 3) <= MAX_QUERY_TOKENS
    with pytest.raises(QueryError, match="too long a query"):
        parse_query(" ".join("临江" + "市县乡镇村组户人口年月日"[n % 12] * 2 + f"{n}" * 9 for n in range(MAX_TERMS)))
