"""Every response carries the security headers, server errors included; HEAD is answered on GET routes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from yaowen.web import create_app

ROUTES = ["/", "/search?q=审计", "/api/v1/stats", "/api/v1/search?q=审计", "/openapi.json", "/static/plotly.min.js",
          "/api/v1/articles/999999", "/no/such/page"]


def _secured(response) -> bool:
    return ("script-src 'self'" in response.headers.get("content-security-policy", "")
            and response.headers.get("x-content-type-options") == "nosniff")


@pytest.mark.parametrize("route", ROUTES)
def test_head_is_get_without_the_body(client, route):
    got, head = client.get(route), client.head(route)
    assert head.status_code == got.status_code and head.status_code != 405
    assert head.content == b"" and head.headers.get("content-type") == got.headers.get("content-type")
    assert _secured(head) and _secured(got)


@pytest.mark.parametrize(("route", "method"), [("/api/v1/stats", "stats"), ("/people", "people")])
def test_a_server_error_carries_the_headers_and_says_little(web_record, monkeypatch, route, method):
    def broken(*args, **kwargs):
        raise RuntimeError("secret detail of a bug")

    monkeypatch.setattr(web_record, method, broken)
    with TestClient(create_app(web_record), raise_server_exceptions=False) as client:
        response = client.get(route)
    assert response.status_code == 500 and _secured(response)
    assert "secret detail" not in response.text
    if route.startswith("/api/"):
        assert response.json() == {"detail": "internal error"}


def test_a_422_in_the_api_has_the_declared_shape(client):
    schema = client.get("/openapi.json").json()
    declared = schema["components"]["schemas"]["ValidationError"]["required"]
    for params in ({"q": "-疫情"}, {"q": "审计", "date_from": "2021-13"}, {"q": "审计", "limit": "0"}):
        response = client.get("/api/v1/search", params=params)
        assert response.status_code == 422 and _secured(response)
        assert all(set(declared) <= set(item) for item in response.json()["detail"]), response.json()
