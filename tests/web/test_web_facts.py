"""Every fact browsable: appointments and documents (pages, API twins, CSV/JSON, links), figures grouped by
measure and shown as plain numbers, search with sort and hits over time, and the shared input rules."""

from __future__ import annotations

import re

import pytest
from test_web_api import get, read_csv

from yaowen.web import render


def test_appointments_listing_filters_and_csv(client):
    data = get(client, "/api/v1/appointments")
    rows = data["items"]
    assert {(r["person"], r["kind"], r["post"]) for r in rows} >= {
        ("龚雅文", "appoint", "临江市财政局局长"), ("谢振华", "remove", "临江市财政局局长"),
        ("邹国庆", "acting", "临江市中级人民法院代理院长")}
    assert all(r["date"] == "2021-12-28" and r["article_id"] and r["person_id"] for r in rows)
    assert [r["person"] for r in get(client, "/api/v1/appointments", kind="remove")["items"]] == ["谢振华"]
    assert [r["person"] for r in get(client, "/api/v1/appointments", kind="免去")["items"]] == ["谢振华"]  # label
    assert {r["person"] for r in get(client, "/api/v1/appointments", post="财政局")["items"]} == {"龚雅文", "谢振华"}
    assert get(client, "/api/v1/appointments", person="邹国庆", date_from="2021", date_to="2021")["items"]
    assert get(client, "/api/v1/appointments", date_from="2022")["items"] == []
    csv_rows = read_csv(get(client, "/api/v1/appointments", format="csv"))
    assert list(csv_rows[0]) == ["id", "date", "person", "person_id", "kind", "post", "paper", "article_id", "headline"]
    bad = get(client, "/api/v1/appointments", 422, kind="promote")
    assert bad["detail"][0]["msg"].startswith("kind promote: no such kind; the kinds are 任命 (appoint)")


def test_appointments_page_and_the_links_to_it(client):
    page = get(client, "/appointments", kind="acting").text
    assert "邹国庆" in page and "龚雅文" not in page and "代理" in page
    assert 'href="/appointments"' in get(client, "/").text  # the home count links to the listing
    person_id = get(client, "/api/v1/appointments", person="龚雅文")["items"][0]["person_id"]
    person = get(client, f"/people/{person_id}").text
    assert "任免 Appointments" in person and "临江市财政局局长" in person
    assert get(client, f"/api/v1/people/{person_id}")["appointments"][0]["kind"] == "appoint"


def test_documents_listing_detail_and_links(client):
    docs = get(client, "/api/v1/documents", limit=100)["items"]
    by_title = {d["title"]: d for d in docs}
    plan = by_title["临江市城市更新专项规划(2024—2035年)"]
    assert plan["approved"] and plan["articles"] == 1
    assert [m["name"] for m in plan["approved_by"]] == ["市政府2024年第6次常务会议"]
    assert not by_title["关于2021年市本级预算调整方案(草案)的报告"]["approved"]
    approved_only = {d["title"] for d in get(client, "/api/v1/documents", approved="true", limit=100)["items"]}
    assert "关于2021年市本级预算调整方案(草案)的报告" not in approved_only and plan["title"] in approved_only
    assert [d["title"] for d in get(client, "/api/v1/documents", title="城市更新")["items"]] == [plan["title"]]
    detail = get(client, f"/api/v1/documents/{plan['id']}")
    assert detail["title"] == plan["title"] and detail["articles"][0]["approved"]
    get(client, "/api/v1/documents/999999", 404)
    rows = read_csv(get(client, "/api/v1/documents", format="csv", title="城市更新"))
    assert rows[0]["approved_by"] == "2024-03-25 市政府2024年第6次常务会议"
    page = get(client, f"/documents/{plan['id']}").text
    assert "《临江市城市更新专项规划(2024—2035年)》" in page and "市政府2024年第6次常务会议" in page
    listing = get(client, "/documents").text
    assert f'href="/documents/{plan["id"]}"' in listing
    meetings = get(client, "/meetings").text  # approved documents in the ledger link to the documents
    assert '/documents?title=%E4%B8%B4%E6%B1%9F%E5%B8%82%E5%9F%8E%E5%B8%82' in meetings


def test_figures_by_measure_and_values_as_plain_numbers(client):
    grouped = get(client, "/api/v1/figures/measures", limit=100)["items"]
    top = grouped[0]  # the most reported measure
    assert top["figures"] == max(r["figures"] for r in grouped)  # groups of several: tests/record/test_record_figures.py
    assert top["min_value"] <= top["latest_value"] <= top["max_value"] and top["articles"] >= 1
    every = get(client, "/api/v1/figures", measure=top["measure"], unit=top["unit"], limit=100)["items"]
    assert len([f for f in every if f["measure"] == top["measure"]]) == top["figures"]
    page = get(client, "/figures", group="measure").text
    assert top["measure"] in page and "按指标 By measure" in page
    every = get(client, "/figures", limit=200).text
    assert not re.search(r"\de[+-]\d", every)  # no 2e+09
    assert re.search(r"[\d,.]+ 亿元", every)
    assert re.search(r"\d{1,3}(,\d{3})+ USD|\d+(\.\d+)? USD", every)


@pytest.mark.parametrize("value, unit, shown", [
    (8211500, "USD", "8,211,500 USD"), (2e9, "CNY", "20 亿元"), (8211500, "CNY", "821.15 万元"),
    (350, "CNY", "350 元"), (12.5, "%", "12.5%"), (1200, "人", "1,200 人"), (None, "人", ""),
])
def test_figure_values_read_as_people_write_them(value, unit, shown):
    assert render.figure_value(value, unit) == shown


def test_time_charts_leave_gaps_where_the_record_has_no_articles():
    rows = [{"month": "2021-01", "topic": "audit", "articles": 2}, {"month": "2021-01", "topic": "party", "articles": 1},
            {"month": "2021-03", "topic": "party", "articles": 4}, {"month": "2023-02", "topic": "audit", "articles": 1}]
    spec = render.topics_chart(rows)
    audit = next(t for t in spec["data"] if t["name"] == "审计整改")
    months = audit["x"]
    assert months[0] == "2021-01" and months[-1] == "2023-02" and len(months) == 26
    y = dict(zip(months, audit["y"], strict=True))
    assert y["2021-01"] == 2 and y["2021-03"] == 0  # articles that month, none on the topic: a real 0
    assert y["2021-02"] is None and y["2022-06"] is None  # no articles at all: a gap, not a line across
    assert audit["connectgaps"] is False


def test_an_unnamed_meeting_is_shown_as_what_it_is():
    assert render.meeting_name({"name": None, "body": "市委常委会"}) == "市委常委会会议（未具名）"
    assert render.meeting_name({"name": "", "body": None}) == "未具名会议"
    assert render.meeting_name({"name": "市委常委会会议", "body": "市委常委会"}) == "市委常委会会议"


def test_search_sorts_by_date_and_counts_hits_per_month(client):
    by_date = get(client, "/api/v1/search", q="审计", sort="date")["hits"]
    dates = [h["date"] for h in by_date if h["date"]]
    assert dates == sorted(dates, reverse=True) and len(dates) >= 2
    months = get(client, "/api/v1/search/timeline", q="审计 OR 疫情")["items"]
    assert sum(m["articles"] for m in months) == get(client, "/api/v1/search", q="审计 OR 疫情")["total"] - sum(
        1 for h in get(client, "/api/v1/search", q="审计 OR 疫情", limit=100)["hits"] if not h["date"])
    assert read_csv(get(client, "/api/v1/search/timeline", q="审计", format="csv"))[0].keys() == {"month", "articles"}
    page = get(client, "/search", q="审计").text
    assert 'id="hits"' in page and "按月命中" in page


def test_search_operators_and_traditional_script_on_the_web(client):
    audit = get(client, "/api/v1/search", q="审计", limit=100)["total"]
    assert get(client, "/api/v1/search", q="審計", limit=100)["total"] == audit
    either = get(client, "/api/v1/search", q="审计 OR 疫情")["total"]
    assert either > audit
    assert get(client, "/api/v1/search", q="审计 -整改")["total"] < audit


@pytest.mark.parametrize("q, why", [("-疫情", "only words to leave out"), ("审计 OR", "OR needs a word on each side"),
                                    ("！！", "nothing to search for")])
def test_a_search_that_cannot_run_says_why(client, q, why):
    assert [(e["loc"], why in e["msg"]) for e in get(client, "/api/v1/search", 422, q=q)["detail"]] == [
        (["query", "q"], True)]
    page = client.get("/search", params={"q": q})
    assert page.status_code == 422 and why in page.text and 'name="q"' in page.text  # the form to try again


@pytest.mark.parametrize("params, message", [
    ({"date_from": "2021-13"}, "date_from 2021-13: there is no month 13; write 2021, 2021-03 or 2021-03-05"),
    ({"date_to": "yesterday"}, "date_to yesterday: not a date; write 2021, 2021-03 or 2021-03-05"),
    ({"date_from": "2021-02-30"}, "date_from 2021-02-30: 2021-02 has no day 30"),
    ({"topic": "审计"}, "topic 审计: no such topic"),
])
def test_bad_filters_get_the_same_words_as_on_the_command_line(client, params, message):
    body = get(client, "/api/v1/articles", 422, **params)
    assert body["detail"][0]["msg"].startswith(message)
    page = client.get("/meetings" if "topic" not in params else "/search", params=params)
    assert page.status_code == 422 and message.split(":")[0] in page.text and "pattern" not in page.text


def test_a_date_range_backwards_and_a_topic_by_label(client):
    assert get(client, "/api/v1/meetings", 422, date_from="2024", date_to="2023")["detail"] == [
        {"loc": ["query"], "msg": "date_from 2024 is after date_to 2023", "type": "value_error"}]
    by_label = get(client, "/api/v1/articles", topic="审计整改", limit=100)
    assert by_label == get(client, "/api/v1/articles", topic="audit", limit=100) and by_label["total"] >= 1
