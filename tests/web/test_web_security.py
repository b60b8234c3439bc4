"""Hostile page text stays inert, parameters are bound, the server binds to loopback by default."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner
from webapp import IMG, SCRIPT, SQL, SQL2

from yaowen.record import Record
from yaowen.web.render import _marked, chart_json

INJECTIONS = [SQL, SQL2, "' OR '1'='1", "1; SELECT * FROM pages --", "%' --", "审计\" AND \"1\"=\"1", "\\", "*",
              '"', "NEAR(", "a:b", "\x00' OR 1=1"]


def hostile_article(client) -> dict:
    hits = client.get("/api/v1/search", params={"q": "推进会"}).json()["hits"]
    hit = next(h for h in hits if "script" in (h["headline"] or ""))
    return client.get(f"/api/v1/articles/{hit['article_id']}").json()


def test_the_hostile_page_was_stored_as_text(client):
    a = hostile_article(client)
    assert SCRIPT in a["headline"] and SQL in a["body"] and IMG in a["body"]


@pytest.mark.parametrize("url", ["/article", "/search?q=推进会", "/search?q=DROP", "/raw", "/person"])
def test_markup_in_page_text_is_escaped_everywhere(client, url):
    a = hostile_article(client)
    pid = next(m["person_id"] for m in a["mentions"] if m["person_id"])
    url = {"/article": f"/articles/{a['id']}", "/raw": f"/pages/{a['page_id']}/raw?article={a['id']}",
           "/person": f"/people/{pid}"}.get(url, url)
    html = client.get(url).text
    assert "<script>alert" not in html and "<img src=x" not in html
    if url.startswith(("/articles", "/pages")):
        assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert re.findall(r"<script(?![^>]*(?:src=\"/static/|type=\"application/json\"))", html) == []


def test_csp_forbids_inline_script(client):
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert client.get("/api/v1/stats").headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("text", INJECTIONS)
def test_sql_in_every_text_parameter_is_only_text(client, web_record, text):
    before = web_record.stats()
    for url, key in [("/api/v1/search", "q"), ("/api/v1/articles", "person"), ("/api/v1/articles", "topic"),
                     ("/api/v1/articles", "body"), ("/api/v1/articles", "paper"), ("/api/v1/people", "name"),
                     ("/api/v1/posts", "post"), ("/api/v1/meetings", "person"), ("/api/v1/figures", "measure"),
                     ("/search", "q"), ("/people", "name"), ("/meetings", "body")]:
        r = client.get(url, params={key: text})
        assert r.status_code in (200, 422), (url, key, r.status_code, r.text[:200])
        if r.status_code == 200 and url.startswith("/api/") and key != "q":
            body = r.json()
            rows = body.get("items", body.get("hits"))
            assert rows == [], (url, key, rows)  # no filter value here names anything
    assert web_record.stats() == before


def test_sql_text_is_found_as_text(client):
    res = client.get("/api/v1/search", params={"q": "DROP TABLE"}).json()
    assert res["total"] == 1 and "<mark>DROP</mark>" in res["hits"][0]["snippet"]


def test_chart_json_cannot_close_its_script_element():
    spec = {"data": [{"text": ["</script><script>alert(1)</script>", "a & b"]}]}
    out = str(chart_json(spec))
    assert "</" not in out and "<" not in out and json.loads(out) == spec


def test_marked_text_escapes_inside_and_outside_marks():
    out = str(_marked('<b>x</b>"&', [(0, 3, "f-person", {"href": '/p/1" onclick="x', "title": "<t>"})]))
    assert "<b>" not in out and 'onclick="x"' not in out and "&lt;t&gt;" in out


def test_serve_binds_to_loopback_by_default(monkeypatch, tmp_path):
    import uvicorn

    from yaowen.cli import app

    seen: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: seen.update(kw, target=target))
    monkeypatch.delenv("YAOWEN_TOKEN", raising=False)
    Record.open(str(tmp_path / "r.db")).close()  # serve opens a record, never makes one
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "r.db")])
    assert result.exit_code == 0, result.output
    assert seen["host"] == "127.0.0.1" and seen["target"].state.token is None
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "r.db"), "--host", "0.0.0.0", "--port", "9001"])
    assert (seen["host"], seen["port"]) == ("0.0.0.0", 9001)
