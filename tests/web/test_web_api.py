"""Every route of the JSON API: what it returns, that its filters narrow, paging, CSV twins, errors."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from webapp import TOKEN

from yaowen.web import create_app


def get(client, url: str, status: int = 200, **params):
    r = client.get(url, params=params)
    assert r.status_code == status, (url, params, r.text[:300])
    return r.json() if r.headers["content-type"].startswith("application/json") else r


def read_csv(response) -> list[dict[str, str]]:
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_search_ranks_marks_and_facets(client):
    res = get(client, "/api/v1/search", q="审计")
    assert res["total"] >= 2 and len(res["hits"]) == min(res["total"], 20)
    for hit in res["hits"]:
        assert "<mark>审计</mark>" in hit["snippet"]
    scores = [h["score"] for h in res["hits"]]
    assert scores == sorted(scores, reverse=True)
    facets = res["facets"]
    assert {f["value"] for f in facets["topic"]} >= {"audit"}
    assert sum(f["count"] for f in facets["year"]) == res["total"]  # every example article is dated
    assert any(f["value"] == "韩松涛" for f in facets["person"])


def test_search_filters_narrow_to_the_facet(client):
    everything = get(client, "/api/v1/search", q="审计")
    audit_count = next(f["count"] for f in everything["facets"]["topic"] if f["value"] == "audit")
    narrowed = get(client, "/api/v1/search", q="审计", topic="audit")
    assert narrowed["total"] == audit_count
    assert all("audit" in h["topics"] for h in narrowed["hits"])
    year = everything["facets"]["year"][0]
    by_year = get(client, "/api/v1/search", q="审计", date_from=year["value"], date_to=year["value"])
    assert by_year["total"] == year["count"]
    assert all(h["date"].startswith(year["value"]) for h in by_year["hits"])
    person = get(client, "/api/v1/search", q="审计", person="韩松涛")
    assert person["total"] and all("韩松涛" in h["people"] for h in person["hits"])


def test_search_pages_do_not_overlap(client):
    first = get(client, "/api/v1/search", q="会议", limit=2)
    second = get(client, "/api/v1/search", q="会议", limit=2, offset=2)
    assert first["total"] == second["total"] > 4
    assert not {h["article_id"] for h in first["hits"]} & {h["article_id"] for h in second["hits"]}


def test_search_csv_is_the_same_listing(client):
    res = get(client, "/api/v1/search", q="审计")
    rows = read_csv(get(client, "/api/v1/search", q="审计", format="csv"))
    assert [int(r["article_id"]) for r in rows] == [h["article_id"] for h in res["hits"]]
    assert "<mark>" not in rows[0]["snippet"] and "审计" in rows[0]["snippet"]


def test_search_needs_words(client):
    assert get(client, "/api/v1/search", 422)["detail"][0]["loc"] == ["query", "q"]


def test_articles_listing_filters_and_orders(client, web_record):
    res = get(client, "/api/v1/articles", limit=100)
    assert res["total"] == web_record.stats()["articles"]
    dates = [h["date"] for h in res["hits"] if h["date"]]
    assert dates == sorted(dates, reverse=True)
    window = get(client, "/api/v1/articles", date_from="2022-04", date_to="2022-04", limit=100)
    assert 0 < window["total"] < res["total"]
    assert all(h["date"].startswith("2022-04") for h in window["hits"])
    body = get(client, "/api/v1/articles", body="市委常委会")
    assert body["total"] >= 1


def test_article_has_its_facts_at_their_spans(client):
    hit = get(client, "/api/v1/search", q="疫情防控")["hits"][0]
    a = get(client, f"/api/v1/articles/{hit['article_id']}")
    assert a["headline"] == hit["headline"] and a["topics"]
    assert a["mentions"] and a["figures"]
    for m in a["mentions"]:
        assert a["body"][m["body_start"]:m["body_end"]] == m["name"]
    for f in a["figures"]:
        assert a["body"][f["body_start"]:f["body_end"]] == f["text"]
    get(client, "/api/v1/articles/99999", 404)
    get(client, "/api/v1/articles/0", 422)


def test_people_listing_and_profile(client):
    people = get(client, "/api/v1/people", limit=5)["items"]
    counts = [p["mentions"] for p in people]
    assert len(people) == 5 and counts == sorted(counts, reverse=True)
    found = get(client, "/api/v1/people", name="松涛")["items"]
    assert [p["name"] for p in found] == ["韩松涛"]
    p = get(client, f"/api/v1/people/{found[0]['id']}")
    posts = {t["post"] for t in p["timeline"]}
    assert "市长" in posts
    assert sum(m["articles"] for m in p["appearances_by_month"]) == len(p["appearances"])
    assert {m["role"] for m in p["meetings"]} >= {"chair"}
    nodes = p["network"]["nodes"]
    assert nodes[0]["id"] == p["id"] and len(nodes) == len(p["co_attendees"][:12]) + 1
    assert all(e["meetings"] >= 1 for e in p["network"]["edges"])
    rows = read_csv(get(client, "/api/v1/people", name="松涛", format="csv"))
    assert rows[0]["name"] == "韩松涛"
    get(client, "/api/v1/people/99999", 404)


def test_posts(client):
    rows = get(client, "/api/v1/posts", person="韩松涛")["items"]
    assert rows and all(r["name"] == "韩松涛" for r in rows)
    assert all(r["first_seen"] <= r["last_seen"] for r in rows)
    mayors = get(client, "/api/v1/posts", post="市长")["items"]
    assert all("市长" in r["post"] for r in mayors) and "韩松涛" in {r["name"] for r in mayors}


def test_meetings_ledger_filters(client):
    bodies = get(client, "/api/v1/meeting-bodies")
    assert bodies and all(b["meetings"] >= 1 for b in bodies)
    body = bodies[0]["body"]
    rows = get(client, "/api/v1/meetings", body=body, limit=100)["items"]
    assert len(rows) == bodies[0]["meetings"] and all(r["body"] == body for r in rows)
    chaired = get(client, "/api/v1/meetings", person="韩松涛", limit=100)["items"]
    assert chaired and all("韩松涛" in r["chairs"] + r["attendees"] for r in chaired)
    dated = get(client, "/api/v1/meetings", date_from="2023", date_to="2023", limit=100)["items"]
    assert dated and all(r["date"].startswith("2023") for r in dated)
    csv_rows = read_csv(get(client, "/api/v1/meetings", body=body, format="csv"))
    assert len(csv_rows) == len(rows) and csv_rows[0]["body"] == body
    assert any(r["approved"] for r in get(client, "/api/v1/meetings", limit=100)["items"])


def test_figures_filters(client):
    all_rows = get(client, "/api/v1/figures", limit=1000)["items"]
    assert all_rows and {"measure", "value", "unit", "target", "article_id", "headline"} <= set(all_rows[0])
    targets = get(client, "/api/v1/figures", target=True, limit=1000)["items"]
    actual = get(client, "/api/v1/figures", target=False, limit=1000)["items"]
    assert targets and all(r["target"] for r in targets) and not any(r["target"] for r in actual)
    assert len(targets) + len(actual) == len(all_rows)
    unit = all_rows[0]["unit"]
    assert all(r["unit"] == unit for r in get(client, "/api/v1/figures", unit=unit)["items"])
    one = all_rows[0]["article_id"]
    assert all(r["article_id"] == one for r in get(client, "/api/v1/figures", article_id=one)["items"])


def test_topics_per_month(client, web_record):
    rows = get(client, "/api/v1/topics")["items"]
    assert rows and all(len(r["month"]) == 7 for r in rows)
    stats = web_record.stats()
    assert sum(r["articles"] for r in rows if r["topic"] == "audit") >= next(
        t["articles"] for t in stats["topics"] if t["topic"] == "audit")
    only = get(client, "/api/v1/topics", date_from="2023-01", date_to="2023-12")["items"]
    assert only and all(r["month"].startswith("2023") for r in only)


def test_stats(client, web_record):
    s = get(client, "/api/v1/stats")
    assert s["articles"] == web_record.stats()["articles"] and s["pages"] == 8


def test_bad_parameters_are_422_and_blank_ones_ignored(client):
    get(client, "/api/v1/articles", 422, date_from="last week")
    get(client, "/api/v1/articles", 422, limit=0)
    get(client, "/api/v1/articles", 422, limit=10_001)
    get(client, "/api/v1/meetings", 422, format="xml")
    assert get(client, "/api/v1/meetings", body="", date_from="")["items"]


def test_openapi_lists_every_route_and_no_external_docs(client):
    schema = get(client, "/openapi.json")
    paths = set(schema["paths"])
    assert {"/api/v1/search", "/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/people",
            "/api/v1/people/{person_id}", "/api/v1/posts", "/api/v1/meetings", "/api/v1/figures",
            "/api/v1/topics", "/api/v1/stats", "/api/v1/rules"} <= paths
    assert all(p.startswith("/api/v1/") for p in paths)  # pages are not API
    docs = get(client, "/docs").text  # Swagger UI, from the swagger-ui-bundle package's files: no CDN
    assert "http" not in docs.split("<body>")[0].replace('http-equiv', '')
    assert get(client, "/static/swagger/swagger-ui-bundle.js").headers["content-type"].startswith("text/javascript")


# ---- writes ----

def test_writes_need_the_token(writable_record):
    with TestClient(create_app(writable_record, token=TOKEN)) as c:
        rule = {"kind": "split", "name": "韩松涛", "target": "市长"}
        assert c.post("/api/v1/rules", json=rule).status_code == 401
        assert c.post("/api/v1/rules", json=rule, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/v1/rules").json() == []
        auth = {"Authorization": f"Bearer {TOKEN}"}
        r = c.post("/api/v1/rules", json=rule, headers=auth)
        assert r.status_code == 201, r.text
        rules = c.get("/api/v1/rules").json()
        assert [(x["kind"], x["name"], x["target"]) for x in rules] == [("split", "韩松涛", "市长")]
        assert c.delete(f"/api/v1/rules/{rules[0]['id']}").status_code == 401
        assert c.delete(f"/api/v1/rules/{rules[0]['id']}", headers=auth).status_code == 200
        assert c.delete(f"/api/v1/rules/{rules[0]['id']}", headers=auth).status_code == 404
        bad = c.post("/api/v1/rules", json={"kind": "merge", "name": "x", "target": "x"}, headers=auth)
        assert bad.status_code == 422
        nobody = c.post("/api/v1/rules", json={"kind": "merge", "name": "张三", "target": "韩松涛"}, headers=auth)
        assert nobody.status_code == 422 and nobody.json()["detail"] == [
            {"loc": ["body"], "msg": "no one named 张三 in the record", "type": "value_error"}]
        assert c.get("/api/v1/rules").json() == []


@pytest.mark.parametrize("token", [None, ""])
def test_no_token_configured_means_no_writes(writable_record, monkeypatch, token):
    monkeypatch.delenv("YAOWEN_TOKEN", raising=False)
    with TestClient(create_app(writable_record, token=token)) as c:
        r = c.post("/api/v1/rules", json={"kind": "merge", "name": "松涛", "target": "韩松涛"},
                   headers={"Authorization": "Bearer "})
        assert r.status_code in (401, 403)
        r = c.post("/api/v1/rules", json={"kind": "merge", "name": "松涛", "target": "韩松涛"},
                   headers={"Authorization": "Bearer anything"})
        assert r.status_code == 403 and "disabled" in r.json()["detail"]
        assert writable_record.rules() == []


def test_postgresql_answers_as_sqlite_does(client, pg_server, tmp_path):
    """The same pages in a PostgreSQL record: every listing route answers alike (ranking scores apart)."""
    from webapp import build_record_at

    from yaowen.record import Record

    rec = Record.open(build_record_at(tmp_path, pg_server.new_database()))
    try:
        with TestClient(create_app(rec)) as pg:
            for url, params in [("/api/v1/search", {"q": "审计"}), ("/api/v1/search", {"q": "审", "topic": "audit"}),
                                ("/api/v1/articles", {"date_from": "2022", "date_to": "2023-06", "limit": 100}),
                                ("/api/v1/articles", {"person": "韩松涛", "body": "市政府"}),
                                ("/api/v1/people", {"limit": 100}), ("/api/v1/posts", {"limit": 500}),
                                ("/api/v1/meetings", {"limit": 100}), ("/api/v1/figures", {"limit": 1000}),
                                ("/api/v1/topics", {}), ("/api/v1/meeting-bodies", {}),
                                ("/api/v1/appointments", {"limit": 100}), ("/api/v1/documents", {"limit": 100}),
                                ("/api/v1/documents", {"approved": "false"}),
                                ("/api/v1/figures/measures", {"limit": 1000}),
                                ("/api/v1/search/timeline", {"q": "审计 OR 疫情 -整改"}),
                                ("/api/v1/search", {"q": "會議", "sort": "date"})]:
                mine, theirs = get(client, url, **params), get(pg, url, **params)
                if url == "/api/v1/search":
                    assert mine["total"] == theirs["total"] and mine["facets"] == theirs["facets"]
                    assert {h["article_id"] for h in mine["hits"]} == {h["article_id"] for h in theirs["hits"]}
                    continue
                strip = _without_ids if url != "/api/v1/articles" else (lambda x: x)
                assert _canon(strip(mine)) == _canon(strip(theirs)), url
            for route in ("/", "/search?q=审计", "/topics", "/figures", "/meetings", "/people", "/appointments",
                          "/documents", "/figures?group=measure"):
                assert pg.get(route).status_code == 200
    finally:
        rec.close()


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items()
                if k not in ("id", "person_id", "article_id", "meeting_id", "latest_article_id")}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _canon(value):
    """Order-free comparison of listings: rows as sorted JSON strings."""
    import json

    if isinstance(value, dict) and "items" in value:
        value = value["items"]
    if isinstance(value, dict) and "hits" in value:
        value = value["hits"]
    if isinstance(value, list):
        return sorted(json.dumps(v, ensure_ascii=False, sort_keys=True, default=str) for v in value)
    return value
