"""Search as a person writes it: OR, -word / NOT, "a phrase", traditional script, sort by date, hits over
time, and a query the engine cannot run said to be one (never a silent 0)."""

from __future__ import annotations

import pytest

from yaowen.record.query import QueryError, parse_query

PAGE = "临江日报 {date_cn} 星期一\n\n# {headline}\n\n本报讯 {md}，{body}\n"
STORIES = [  # (date, headline, body)
    ("2023-01-09", "全市审计整改推进会召开", "全市审计整改推进会召开，要求压实审计整改责任。"),
    ("2023-02-06", "疫情防控工作会议召开", "全市疫情防控工作会议召开，部署春节期间疫情防控。"),
    ("2023-03-06", "审计工作会议召开", "全市审计工作会议召开，会议提到疫情期间的专项审计。"),
    ("2023-03-13", "临江港吞吐量创新高", "临江港一季度完成货物吞吐量1200万吨，同比增长12%。"),
]


@pytest.fixture
def stories(record, tmp_path):
    paths = []
    for n, (date, headline, body) in enumerate(STORIES):
        y, m, d = date.split("-")
        path = tmp_path / f"p{n}.txt"
        path.write_text(PAGE.format(date_cn=f"{y}年{int(m)}月{int(d)}日", headline=headline,
                                    md=f"{int(m)}月{int(d)}日", body=body), encoding="utf-8")
        paths.append(str(path))
    report = record.ingest(paths)
    assert report.stored == 4
    return record


def _found(rec, query: str, **kw) -> set[str]:  # type: ignore[no-untyped-def]
    return {h.headline for h in rec.search(query, limit=50, **kw).hits}


AUDIT, EPIDEMIC, AUDIT_WORK, PORT = (s[1] for s in STORIES)


def test_or_not_minus_and_phrases(stories):
    assert _found(stories, "审计") == {AUDIT, AUDIT_WORK}
    assert _found(stories, "审计 OR 疫情") == {AUDIT, EPIDEMIC, AUDIT_WORK}
    assert _found(stories, "审计 | 吞吐量") == {AUDIT, AUDIT_WORK, PORT}
    assert _found(stories, "审计 -疫情") == {AUDIT}
    assert _found(stories, "审计 NOT 疫情") == {AUDIT}
    assert _found(stories, "审计 OR 疫情 -防控") == {AUDIT, AUDIT_WORK}
    assert _found(stories, '"审计 整改"') == {AUDIT}  # Chinese is printed without spaces: the words in a row
    assert _found(stories, '"审计整改" 责任') == {AUDIT}
    assert stories.search("审计 OR 疫情").total == 3


def test_a_traditional_query_finds_the_simplified_text(stories):
    assert _found(stories, "審計") == {AUDIT, AUDIT_WORK}
    assert _found(stories, "疫情 -審計") == {EPIDEMIC}
    hit = stories.search("審計整改").hits[0]
    assert "<mark>审计整改</mark>" in hit.snippet


def test_sort_by_date_and_hits_over_time(stories):
    assert [h.headline for h in stories.search("召开", sort="date").hits] == [AUDIT_WORK, EPIDEMIC, AUDIT]
    assert stories.hits_by_month("审计 OR 疫情") == [{"month": "2023-01", "articles": 1},
                                                     {"month": "2023-02", "articles": 1},
                                                     {"month": "2023-03", "articles": 1}]
    with pytest.raises(QueryError, match="sort by relevance or date"):
        stories.search("会议", sort="newest")


@pytest.mark.parametrize("query, why", [
    ("-疫情", "only words to leave out; add a word to look for"),
    ("NOT 疫情", "only words to leave out"),
    ("OR 审计", "OR needs a word on each side"),
    ("审计 OR", "OR needs a word on each side"),
    ("审计 NOT", "NOT needs a word after it"),
    ("!!! ？", "nothing to search for; use Chinese characters, letters or digits"),
    ("(审计 OR 疫情) 整改", "parentheses are not supported"),
])
def test_a_query_that_cannot_run_says_why(stories, query, why):
    with pytest.raises(QueryError, match=why):
        stories.search(query)


def test_the_parsed_query_in_each_engine_syntax():
    q = parse_query('审计 OR 疫情 "市委 常委会" -防控')
    assert q.fts5() == '(("审计" OR "疫情") AND "市委 委常 常委 委会") NOT "防控"'
    assert q.tsquery() == "(('审计') | ('疫情')) & ('市委' <-> '委常' <-> '常委' <-> '委会') & !('防控')"
    assert q.literals() == ["审计", "疫情", "市委常委会"]
