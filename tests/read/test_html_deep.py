"""HTML nested past libxml2's 2,048 levels keeps all of its text, in order."""

import time

from yaowen.read import read_bytes
from yaowen.read.html import html_to_text

LEAD = "临江市委常委会召开会议研究部署审计整改工作。"
DEEP = "市委书记韩松涛主持会议并讲话，强调要压实整改责任。"
AFTER = "会议还研究了其他事项。"


def _nested(depth: int) -> str:
    return (f"<html><head><title>深层页面</title><meta name='publishdate' content='2021-08-17'></head><body>"
            f"<p>{LEAD}</p>" + "<div>" * depth + f"<p>{DEEP}</p><script>var x = 1;</script>" + "</div>" * depth
            + f"<p>{AFTER}</p></body></html>")


def test_text_below_depth_2048_is_kept_in_order():
    text, meta = html_to_text(_nested(3000), "deep.html")
    assert text.index(LEAD) < text.index(DEEP) < text.index(AFTER)
    assert "var x" not in text
    assert meta.date == "2021-08-17"


def test_a_shallow_page_reads_the_same_either_way():
    assert html_to_text(_nested(100), "a.html")[0] == html_to_text(_nested(3000), "a.html")[0]


def test_a_very_deep_page_reads_in_linear_time():
    started = time.perf_counter()
    page = read_bytes(_nested(20_000).encode(), "deeper.html")
    assert DEEP in page.text and AFTER in page.text
    assert time.perf_counter() - started < 30  # a generous budget: quadratic work would take minutes
