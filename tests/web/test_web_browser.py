"""Browser tests: Debian's Chromium, headless, driven by Playwright (executable_path; no browser download).

The app runs in uvicorn on a free loopback port. Screenshots go to tests/artifacts/web/ (git-ignored).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "web"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions"]


def _chromium() -> str | None:
    return os.environ.get("YAOWEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser():
    path = _chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        path = None
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("chromium or playwright missing: .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed here")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def base_url(web_app):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(web_app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert errors == []  # no script errors, no CSP violations, no failed loads


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_for_audit_and_open_a_result(page, base_url):
    page.goto(base_url + "/")
    page.fill(".bigsearch input[name=q]", "审计")
    page.press(".bigsearch input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=%E5%AE%A1%E8%AE%A1"))
    hits = page.locator("article.hit")
    assert hits.count() >= 2
    assert page.locator("article.hit mark").first.inner_text() == "审计"
    shot(page, "search-audit")
    headline = hits.first.locator("h3 a").inner_text()
    hits.first.locator("h3 a").click()
    page.wait_for_url(re.compile(r"/articles/\d+$"))
    assert page.locator("article.article h1").inner_text() == headline
    assert page.locator("#article-text .f-person").count() >= 1
    shot(page, "article")


def test_person_page_draws_the_timeline(page, base_url):
    page.goto(base_url + "/people?name=韩松涛")
    page.locator("table.ledger a", has_text="韩松涛").first.click()
    page.wait_for_url(re.compile(r"/people/\d+$"))
    page.wait_for_selector('#timeline[data-rendered="true"] .main-svg', timeout=20_000)
    posts = page.locator("table.small tbody tr").count()
    assert page.locator("#timeline .scatterlayer .trace").count() == posts
    assert "市长" in page.locator("#timeline .ytick").all_text_contents()
    page.wait_for_selector('#network[data-rendered="true"] .main-svg', timeout=20_000)
    assert page.locator("#network .scatterlayer .trace").count() >= 2  # edges and the nodes
    shot(page, "person")


def test_filter_the_meetings_ledger(page, base_url):
    page.goto(base_url + "/meetings")
    options = page.locator("select[name=body] option").all_inner_texts()
    body = options[1].rsplit(" (", 1)[0]
    everything = page.locator("#meetings tbody tr").count()
    page.select_option("select[name=body]", body)
    page.click("#meeting-filters button[type=submit]")
    page.wait_for_url(re.compile(r"body="))
    rows = page.locator("#meetings tbody tr")
    assert 1 <= rows.count() <= everything
    assert set(rows.locator("td:nth-child(2)").all_inner_texts()) == {body}
    shot(page, "meetings-filtered")


def test_topics_chart_renders_and_a_point_opens_its_articles(page, base_url):
    page.goto(base_url + "/topics")
    page.wait_for_selector('#topics[data-rendered="true"] .main-svg', timeout=20_000)
    assert page.locator("#topics .legend .traces").count() >= 3
    shot(page, "topics")
    box = page.locator("#topics .scatterlayer .trace .points path").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/search\?topic=\w+&date_from=\d{4}-\d{2}&date_to=\d{4}-\d{2}"))
    assert page.locator("article.hit").count() >= 1
