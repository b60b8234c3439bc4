"""Web archives for the tests, written with warcio: pages of the fictional 临江日报 site, as a crawl holds them."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGE_HTML = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}_临江日报</title>{meta}</head>
<body><nav>首页 | 要闻 | 评论</nav><div class="article"><h1>{title}</h1>
<p>本报讯 {md}，{body}</p><p>会议要求，各地各部门要压实责任，确保各项工作落到实处。</p></div>
<footer>临江日报社版权所有</footer></body></html>"""

# (url, capture date, title, markup date meta or "", month-day, body, charset)
PAGES = [
    ("https://www.ljrb.example.cn/html/2023-06/02/content_1.htm", "2023-06-02T09:00:00Z", "临江召开审计整改推进会", "",
     "6月1日", "全市审计整改推进会召开。市委副书记、市长韩松涛主持会议并讲话。副市长邱建国出席。", "gbk"),
    ("https://www.ljrb.example.cn/news/show.php?id=88", "2023-07-09T10:00:00Z", "临江港吞吐量创新高",
     '<meta name="publishdate" content="2023-07-08">', "7月8日", "临江港今年完成货物吞吐量1200万吨，同比增长12%。", "utf-8"),
    ("https://www.ljrb.example.cn/news/show.php?id=90", "2023-08-15T10:00:00Z", "临江新区开工十个重点项目", "",
     "8月14日", "临江新区集中开工十个重点项目，总投资85亿元。副市长邱建国出席开工仪式。", "utf-8"),
]


def _page_bytes(title: str, meta: str, md: str, body: str, charset: str) -> bytes:
    return PAGE_HTML.format(charset=charset, title=title, meta=meta, md=md, body=body).encode(charset)


def write_warc(path: Path, pages: list[tuple[str, str, str, str, str, str, str]] = PAGES, gz: bool = True,
               extras: bool = True) -> Path:
    """A crawl of ``pages`` (with, if ``extras``, the records that are not pages: a request, an image, a 404)."""
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gz)
        for url, captured, title, meta, md, body, charset in pages:
            if extras:
                req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "www.ljrb.example.cn")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=req,
                                                              warc_headers_dict={"WARC-Date": captured}))
            payload = _page_bytes(title, meta, md, body, charset)
            headers = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(payload),
                                                          http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": captured}))
        if extras:
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://www.ljrb.example.cn/logo.png", "response",
                                                          payload=BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * 64),
                                                          http_headers=image))
            missing = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record("https://www.ljrb.example.cn/gone.htm", "response",
                                                          payload=BytesIO(b"<html><body>404</body></html>"),
                                                          http_headers=missing))
    return path
