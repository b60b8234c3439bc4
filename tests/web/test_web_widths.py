"""Every page at a phone's width (390 px) and a laptop's (1366 px) in Debian's chromium: nothing scrolls the
page sideways (wide tables scroll inside their own box), the Chinese text is drawn with a real CJK font (two
different characters give different glyphs, not the same empty box), and no script or CSP error occurs."""

from __future__ import annotations

import json
import urllib.request

import pytest
from test_web_browser import base_url, browser, shot  # noqa: F401 - fixtures shared with the browser tests

WIDTHS = {"phone": (390, 844), "laptop": (1366, 900)}

# draws two different characters in the body's font; identical pixels mean both are the missing-glyph box
GLYPHS_DIFFER = """() => {
  const font = getComputedStyle(document.body).font;
  const draw = (ch) => { const c = document.createElement('canvas'); c.width = 40; c.height = 40;
    const x = c.getContext('2d'); x.font = font.replace(/\\d+px/, '28px'); x.fillText(ch, 4, 32);
    return c.toDataURL(); };
  return draw('审') !== draw('计') && draw('审') !== draw('\\u0378');
}"""
# against the width asked for: a phone browser widens its layout viewport to fit a page that is too wide
SIDEWAYS = "(width) => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - width"
# header cells of listing tables narrower than about two and a half characters: a column squeezed unreadable
NARROW_COLUMNS = """() => [...document.querySelectorAll('table.ledger th')]
  .filter(th => th.getBoundingClientRect().width < 2.5 * parseFloat(getComputedStyle(th).fontSize))
  .map(th => th.textContent.trim())"""


def _json(base: str, path: str):  # type: ignore[no-untyped-def]
    with urllib.request.urlopen(base + path) as r:  # noqa: S310 - the test's own loopback server
        return json.load(r)


@pytest.fixture(scope="module")
def paths(base_url):  # noqa: F811
    article = _json(base_url, "/api/v1/search?q=%E5%AE%A1%E8%AE%A1")["hits"][0]["article_id"]
    page_id = _json(base_url, f"/api/v1/articles/{article}")["page_id"]
    person = _json(base_url, "/api/v1/people?limit=1")["items"][0]["id"]
    document = _json(base_url, "/api/v1/documents?limit=1")["items"][0]["id"]
    return ["/", "/search?q=%E5%AE%A1%E8%AE%A1", f"/articles/{article}", f"/pages/{page_id}/raw?article={article}",
            "/people", f"/people/{person}", "/posts", "/meetings", "/appointments", "/documents",
            f"/documents/{document}", "/topics", "/figures", "/figures?group=measure", "/api", "/docs"]


@pytest.mark.parametrize("device", list(WIDTHS))
def test_no_page_scrolls_sideways_and_the_chinese_renders(browser, base_url, paths, device):  # noqa: F811
    width, height = WIDTHS[device]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN",
                                  device_scale_factor=1, is_mobile=device == "phone", has_touch=device == "phone")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    too_wide: dict[str, int] = {}
    squeezed: dict[str, list[str]] = {}
    try:
        for path in paths:
            page.goto(base_url + path)
            page.wait_for_load_state("networkidle")
            if path == "/docs":
                page.wait_for_selector(".opblock", timeout=20_000)  # Swagger UI drew the routes
            narrow = page.evaluate(NARROW_COLUMNS)
            if narrow:
                squeezed[path] = narrow
            overflow = page.evaluate(SIDEWAYS, width)
            if overflow > 1:
                too_wide[path] = overflow
            assert page.evaluate(GLYPHS_DIFFER), f"{path}: Chinese characters drawn as boxes at {width} px"
            name = path.strip("/").split("?")[0].replace("/", "-") or "home"
            name += "-by-measure" if "group=measure" in path else ""
            shot(page, f"{device}-{name}")
    finally:
        context.close()
    assert too_wide == {}, f"pages wider than {width} px (px too wide): {too_wide}"
    assert squeezed == {}, f"table columns narrower than two characters at {width} px: {squeezed}"
    assert errors == []


def test_the_style_sheet_names_cjk_fonts(browser, base_url):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "/")
    family = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    context.close()
    assert "Noto Sans CJK SC" in family and "WenQuanYi Micro Hei" in family and "Microsoft YaHei" in family
