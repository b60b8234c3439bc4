"""The server-rendered pages: each shows what it should, its links lead somewhere real, assets are local."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

_HREF_RE = re.compile(r'(?:href|src)="([^"]*)"')
_CHART_RE = re.compile(r'<script type="application/json" id="([\w-]+)">(.*?)</script>', re.S)


def page(client, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def charts(html: str) -> dict[str, dict]:
    return {k.removesuffix("-data"): json.loads(v) for k, v in _CHART_RE.findall(html)}


def links(html: str) -> list[str]:
    return [unescape(h) for h in _HREF_RE.findall(html)]


def test_home_shows_the_overview(client, web_record):
    html = page(client, "/")
    stats = web_record.stats()
    assert f"<b>{stats['articles']:,}</b>" in html and f"<b>{stats['meetings']:,}</b>" in html
    assert "最新会议" in html and "/meetings?body=" in html and "/people/" in html


def test_every_asset_and_link_is_local(client):
    for url in ["/", "/search?q=审计", "/people", "/meetings", "/topics", "/figures", "/api"]:
        for link in links(page(client, url)):
            assert not link.startswith(("http:", "https:", "//")), (url, link)
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and b"plotly.js" in js.content[:200] and len(js.content) > 1_000_000
    assert client.get("/static/app/charts.js").status_code == 200


def test_search_page_shows_hits_facets_and_keeps_the_query_in_the_url(client):
    html = page(client, "/search?q=审计")
    assert 'value="审计"' in html and "<mark>审计</mark>" in html
    hits = re.findall(r'<h3><a href="/articles/(\d+)">', html)
    assert hits
    topic_links = [h for h in links(html) if "topic=" in h and "q=" in h]
    narrowed = page(client, topic_links[0])
    assert "q=" in topic_links[0] and 'class="chip"' in narrowed  # the filter shows and can be removed
    assert len(re.findall(r'<h3><a href="/articles/', narrowed)) <= len(hits)
    downloads = [h for h in links(html) if h.startswith("/api/v1/search")]
    assert {parse_qs(urlsplit(d).query)["format"][0] for d in downloads} == {"csv", "json"}
    for d in downloads:
        assert client.get(d).status_code == 200


def test_search_paginates(client):
    html = page(client, "/search?q=会议&limit=2")
    nxt = [h for h in links(html) if "offset=2" in h]
    assert nxt
    second = page(client, nxt[0])
    assert set(re.findall(r'/articles/(\d+)"', html)).isdisjoint(re.findall(r'<h3><a href="/articles/(\d+)"', second))


def test_browse_without_words(client):
    html = page(client, "/search?topic=audit")
    assert re.search(r"[1-9]\d* 篇", html) and "<mark>" not in html


def test_article_page_marks_facts_and_links_the_raw_page(client):
    hit = client.get("/api/v1/search", params={"q": "疫情防控"}).json()["hits"][0]
    a = client.get(f"/api/v1/articles/{hit['article_id']}").json()
    html = page(client, f"/articles/{a['id']}")
    person = a["mentions"][0]
    assert re.search(rf'<a class="f-person" href="/people/{person["person_id"]}"[^>]*>{person["name"]}</a>', html)
    figure = a["figures"][0]
    assert re.search(rf'class="[^"]*f-figure[^"]*"[^>]*>{re.escape(figure["text"])}<', html)
    raw_link = next(h for h in links(html) if h.startswith(f"/pages/{a['page_id']}/raw"))
    raw = page(client, raw_link)
    marked = re.findall(r'<span class="raw-current" data-article="\d+">(.*?)</span>', raw, re.S)
    assert marked and "".join(map(unescape, marked)).count(person["name"]) >= 1
    source = client.get(f"/pages/{a['page_id']}/source")
    assert source.headers["content-type"] == "application/octet-stream" and source.content


def test_person_page_has_the_charts(client):
    pid = client.get("/api/v1/people", params={"name": "韩松涛"}).json()["items"][0]["id"]
    html = page(client, f"/people/{pid}")
    specs = charts(html)
    assert set(specs) == {"timeline", "appearances", "network"}
    posts = {t["y"][0] for t in specs["timeline"]["data"]}
    assert "市长" in posts
    node_trace = specs["network"]["data"][-1]
    assert node_trace["text"][0] == "韩松涛" and all(u.startswith("/people/") for u in node_trace["customdata"])
    assert '<script src="/static/plotly.min.js"' in html


def test_meetings_page_filters(client):
    body = client.get("/api/v1/meeting-bodies").json()[0]["body"]
    html = page(client, f"/meetings?body={body}")
    rows = re.findall(r"<tr>\s*<td class=\"nowrap\">.*?</tr>", html, re.S)
    assert rows and all(f">{body}</a>" in r for r in rows)
    assert f'<option value="{body}" selected>' in html
    assert page(client, "/meetings?body=&date_from=&person=")  # an empty form is no filter


def test_topics_chart_links_to_its_articles(client):
    specs = charts(page(client, "/topics"))
    trace = specs["topics"]["data"][0]
    url = trace["customdata"][0]
    assert url.startswith("/search?topic=")
    assert re.search(r"[1-9]\d* 篇", page(client, url))


def test_figures_page_filters(client):
    html = page(client, "/figures?target=true")
    assert "目标 target" in html and "实绩 actual</td>" not in html
    assert "No figures match" in page(client, "/figures?measure=没有这种指标")


def test_people_page_and_missing_things(client):
    assert "韩松涛" in page(client, "/people?name=松涛")
    assert "No article 99999" in page(client, "/articles/99999", 404)
    assert "No person 99999" in page(client, "/people/99999", 404)
    assert page(client, "/search?date_from=yesterday", 422)
    assert "/api/v1/search" in page(client, "/api")


def test_posts_page_lists_the_holders_of_a_post(client):
    html = page(client, "/posts?post=市长")
    rows = re.findall(r"<tr><td><a [^>]*>([^<]*)</a></td><td><a href=\"/people/\d+\">([^<]*)</a>", html)
    assert rows and all("市长" in post for post, _ in rows)
    assert "韩松涛" in {name for _, name in rows}
    assert "/api/v1/posts?post=" in html


def test_article_text_marks_the_posts_before_a_name():
    from yaowen.web.render import article_text

    article = {"body": "副市长张三出席。市委副书记、市长李四讲话。", "meetings": [], "documents": [], "figures": [],
               "appointments": [],
               "mentions": [{"name": "张三", "titles": ["副市长"], "body_start": 3, "body_end": 5, "person_id": 1},
                            {"name": "李四", "titles": ["市委副书记", "市长"], "body_start": 16, "body_end": 18,
                             "person_id": 2}]}
    html = str(article_text(article))
    posts = re.findall(r'<span class="f-post"[^>]*>([^<]*)</span>', html)
    assert posts == ["副市长", "市委副书记", "市长"]
    article["mentions"][1]["titles"] = ["副市长"]  # not in its own sentence: not marked
    assert re.findall(r'<span class="f-post"[^>]*>([^<]*)</span>', str(article_text(article))) == ["副市长"]


def test_every_topic_the_extractor_can_give_has_a_chinese_label():
    from yaowen.extract.lexicons import load_lexicon
    from yaowen.web.render import TOPIC_LABELS

    codes = {line.split("\t")[0] for line in load_lexicon("topics")} | {"other"}
    assert codes == set(TOPIC_LABELS)


def test_article_page_links_the_web_address_it_came_from_and_only_a_web_address(client):
    from webapp import HOSTILE_URL, STANDING_URL

    by_source = {}
    for hit in client.get("/api/v1/search", params={"q": "会议", "limit": 100}).json()["hits"]:
        a = client.get(f"/api/v1/articles/{hit['article_id']}").json()
        by_source.setdefault(a["page_source"].rsplit("/", 1)[-1], a)
    standing, hostile = by_source["02_standing_committee.txt"], by_source["99_hostile.txt"]
    assert standing["page_url"] == STANDING_URL and hostile["page_url"] == HOSTILE_URL
    html = page(client, f"/articles/{standing['id']}")
    assert f'<a href="{STANDING_URL}" rel="noopener noreferrer nofollow">' in html
    html = page(client, f"/articles/{hostile['id']}")
    assert "javascript:" not in html and "原文 original" not in html
