"""HTML pages of a fictional paper (临江日报): headline stacks, main text without furniture, PageMeta."""

from __future__ import annotations

import pytest

from yaowen.errors import PageError
from yaowen.read import read_bytes
from yaowen.read.html import html_to_text

# An e-paper article page in the table layout of the common 数字报 templates: the stack in table cells
# with no heading tags, the <title> carrying site and edition around the headline.
EPAPER = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>临江日报数字报-第01版:要闻-以改革创新推动临江高质量发展</title>
<script type="text/javascript">document.write("<p>广告代码不是正文</p>");</script>
<style>.font01{font-size:14px}</style>
</head><body>
<table width="100%"><tr><td class="header">临江日报 2023年05月07日 星期日 第01版：要闻</td></tr></table>
<div id="menu"><a href="index.htm">首页</a> | <a href="node_2.htm">上一版</a> | <a href="node_3.htm">下一版</a></div>
<table><tr><td>
<table>
<tr><td class="font02">市委常委会召开扩大会议</td></tr>
<tr><td class="font01">以改革创新推动临江高质量发展</td></tr>
<tr><td class="font02">周明远主持 欧阳青出席</td></tr>
</table>
<div id="ozoom"><founder-content>
<p>　　■本报记者 林 立</p>
<p>　　本报讯 5月6日，市委常委会召开扩大会议，传达学习省委全会精神，研究部署
全市改革创新工作。市委书记周明远主持会议。</p>
<table><tr><td><img src="../../../res/1.jpg"></td></tr><tr><td>会议现场。记者 林立 摄</td></tr></table>
<p>　　会议指出，要坚持问题导向，以钉钉子精神抓好各项改革任务落地见效。</p>
<p>&nbsp;&nbsp;&nbsp;&nbsp;会议强调，各级各部门要压实责任，确保全年目标任务圆满完成。</p>
</founder-content></div>
</td></tr></table>
<table><tr><td><a href="content_1.htm">上一篇</a>　<a href="content_3.htm">下一篇</a>　<a href="node_2.htm">返回目录</a></td></tr></table>
<div class="bdsharebuttonbox"><a>分享到：</a><a class="bds_weixin"></a></div>
<table><tr><td>版权所有 临江日报社 未经书面授权不得复制或建立镜像</td></tr></table>
</body></html>"""

# A news-site article page: logo <h1>, nav, breadcrumb, share bar, info line, figure, related list, footer.
NEWS = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>临江：全力抓好防汛救灾工作_时政_临江新闻网</title>
<meta property="og:site_name" content="临江新闻网">
<link rel="canonical" href="https://www.example.cn/news/2022/07/03/art_123.html"></head>
<body><header class="site-header"><div class="logo"><h1><a href="/">临江新闻网</a></h1></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/sz">时政</a></li><li><a href="/sh">社会</a></li></ul></nav></header>
<div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/sz">时政</a></div>
<div class="main"><article>
<div class="article-head"><p class="pre-title">市防汛抗旱指挥部召开调度会</p>
<h1 class="article-title">临江：全力抓好防汛救灾工作</h1>
<h3 class="sub-title">——确保人民群众生命财产安全</h3>
<div class="info">来源：临江日报 作者：林立 发布时间：2022-07-03 09:30 浏览次数：<span>102</span></div></div>
<div class="share-bar">分享到：<a>微信</a><a>微博</a></div>
<div class="article-content">
<p>本报讯（记者 林立 通讯员 何文）7月2日下午，市防汛抗旱指挥部召开全市防汛调度会，部署防汛救灾工作。</p>
<figure><img src="a.jpg"><figcaption>调度会现场。</figcaption></figure>
<p style="text-align:center"><img src="b.jpg"></p>
<p style="text-align:center">江边的巡查人员</p>
<p>会议要求，各地各部门要严格落实24小时值班值守制度，确保安全度汛。</p>
</div></article>
<div class="related"><h3>相关新闻</h3><ul><li><a href="1">临江召开安全生产会议</a></li>
<li><a href="2">临江开展汛前检查</a></li></ul></div></div>
<footer><p>Copyright © 2022 临江新闻网 All Rights Reserved</p></footer>
<script>var _hmt = _hmt || [];</script>
</body></html>"""

# A 版面 page with the full text of every article on it.
BANMIAN = """<html><head><meta charset="utf-8"><title>临江日报-第02版:综合新闻</title></head><body>
<div class="top">临江日报 2023年05月08日 星期一</div>
<ul class="list"><li><a href="c1.htm">临江新增省级示范园区</a></li><li><a href="c2.htm">全市春耕生产有序推进</a></li></ul>
<div class="article"><h3>产业集聚效应持续显现</h3><h1>临江新增省级示范园区</h1>
<p>本报讯（记者 林立）5月7日，记者从市工信局获悉，临江经开区获评省级示范园区。</p>
<p>园区已集聚规模以上企业120家。</p></div>
<div class="article"><h1>全市春耕生产有序推进</h1><h2>——已完成早稻育秧面积8万亩</h2>
<p>本报讯（通讯员 何文）连日来，全市各地抢抓农时，春耕生产有序推进。</p></div>
<table><tr><td><a href="p1.htm">上一版</a></td><td><a href="p3.htm">下一版</a></td></tr></table>
</body></html>"""


def _lines(text: str) -> list[str]:
    assert "\n\n\n" not in text and text.endswith("\n")
    return [x for x in text.split("\n") if x]


def test_html_epaper_table_layout_stack_from_title_and_clean_body():
    text, meta = html_to_text(EPAPER)
    assert _lines(text) == [
        "## 市委常委会召开扩大会议",
        "# 以改革创新推动临江高质量发展",
        "周明远主持 欧阳青出席",
        "■本报记者 林 立",
        # the source line wrap inside the sentence is joined, the ideographic indent stripped
        "本报讯 5月6日，市委常委会召开扩大会议，传达学习省委全会精神，研究部署全市改革创新工作。市委书记周明远主持会议。",
        "会议指出，要坚持问题导向，以钉钉子精神抓好各项改革任务落地见效。",
        "会议强调，各级各部门要压实责任，确保全年目标任务圆满完成。",
    ]
    assert meta.title == "以改革创新推动临江高质量发展"
    assert meta.date == "2023-05-07" and meta.paper == "临江日报" and meta.url is None


def test_html_news_site_page_without_furniture():
    text, meta = html_to_text(NEWS)
    assert _lines(text) == [
        "## 市防汛抗旱指挥部召开调度会",
        "# 临江：全力抓好防汛救灾工作",
        "——确保人民群众生命财产安全",
        "本报讯（记者 林立 通讯员 何文）7月2日下午，市防汛抗旱指挥部召开全市防汛调度会，部署防汛救灾工作。",
        "会议要求，各地各部门要严格落实24小时值班值守制度，确保安全度汛。",
    ]
    assert meta.title == "临江：全力抓好防汛救灾工作" and meta.paper == "临江新闻网"
    assert meta.date == "2022-07-03" and meta.url == "https://www.example.cn/news/2022/07/03/art_123.html"


@pytest.mark.parametrize(
    "junk",
    ["首页", "上一版", "上一篇", "返回目录", "分享到", "版权所有", "Copyright", "不是正文", "_hmt",
     "会议现场", "调度会现场", "江边的巡查人员", "相关新闻", "汛前检查", "当前位置", "浏览次数", "临江新闻网"],
)
def test_html_drops_navigation_captions_scripts_and_footer(junk: str):
    assert junk not in html_to_text(EPAPER)[0] + html_to_text(NEWS)[0]


def test_html_banmian_page_yields_every_article():
    text, meta = html_to_text(BANMIAN)
    assert _lines(text) == [
        "## 产业集聚效应持续显现",
        "# 临江新增省级示范园区",
        "本报讯（记者 林立）5月7日，记者从市工信局获悉，临江经开区获评省级示范园区。",
        "园区已集聚规模以上企业120家。",
        "# 全市春耕生产有序推进",
        "——已完成早稻育秧面积8万亩",
        "本报讯（通讯员 何文）连日来，全市各地抢抓农时，春耕生产有序推进。",
    ]
    assert meta.title == "临江新增省级示范园区" and meta.date == "2023-05-08" and meta.paper == "临江日报"


def test_html_no_headline_element_uses_the_title():
    page = ('<html><head><title>临江召开安全生产会议 - 临江日报</title><link rel="canonical" '
            'href="http://example.org/html/2022-03/04/content_1.htm"></head><body><div><p>本报讯 3月4日,'
            '临江召开安全生产工作会议。</p><p>会议要求压实责任。</p></div></body></html>')
    text, meta = html_to_text(page)
    assert _lines(text) == ["# 临江召开安全生产会议", "本报讯 3月4日,临江召开安全生产工作会议。", "会议要求压实责任。"]
    assert meta.date == "2022-03-04" and meta.paper == "临江日报"


def test_html_br_paragraphs_tail_caption_and_labelled_date():
    page = ("<html><head><title>临江召开安全生产会议_临江日报电子版</title></head><body>"
            '<div class="nav"><a href="/">首页</a></div>'
            '<div class="bt">临江召开安全生产会议</div>'  # printed headline = the title's: marked, not repeated
            '<div id="ozoom">　　本报讯 3月4日,临江召开安全生产工作会议。<br>　　会议要求压实责任。<br>'
            '<img src="x.jpg"><br>图为会议现场。记者 林立 摄<br>　　会议还研究了其他事项。</div>'
            "<p>发布时间：2022-03-05 来源：临江日报</p></body></html>")
    text, meta = html_to_text(page)
    assert _lines(text) == ["# 临江召开安全生产会议", "本报讯 3月4日,临江召开安全生产工作会议。", "会议要求压实责任。",
                            "会议还研究了其他事项。"]
    assert meta.date == "2022-03-05" and meta.paper == "临江日报" and meta.title == "临江召开安全生产会议"


def test_html_kicker_and_subheadline_by_class_around_a_wrapped_h1():
    page = ('<html><body><div class="yt">奋力谱写高质量发展新篇章</div><div class="tit"><h1>临江'
            '\n经济运行稳中向好</h1></div><div class="fb">一季度地区生产总值同比增长6.1%</div>'
            '<div class="date">2023-04-20</div><p>本报讯 一季度，全市经济运行稳中向好。</p></body></html>')
    text, meta = html_to_text(page)
    assert _lines(text) == ["## 奋力谱写高质量发展新篇章", "# 临江经济运行稳中向好", "一季度地区生产总值同比增长6.1%",
                            "2023-04-20", "本报讯 一季度，全市经济运行稳中向好。"]
    assert meta.title == "临江经济运行稳中向好" and meta.date is None  # a bare date in the text is not the page's


def test_html_news_sentences_that_start_like_furniture_stay():
    body = ["关闭落后产能企业12家。", "该项目由市科技局提供技术支持。", "活动时间：5月6日；报名时间：5月1日。",
            "来源：市统计局。"]
    page = "<html><body><h1>临江推进产业升级</h1>" + "".join(f"<p>{x}</p>" for x in body) + "</body></html>"
    assert _lines(html_to_text(page)[0]) == ["# 临江推进产业升级", *body]


def test_html_column_rubric_above_headline_is_not_a_kicker():
    page = "<html><body><div>要闻</div><h1>临江召开民营经济发展大会</h1><p>本报讯 会议召开。</p></body></html>"
    assert _lines(html_to_text(page)[0]) == ["# 临江召开民营经济发展大会", "本报讯 会议召开。"]


def test_html_date_from_meta_wins():
    page = ('<html><head><meta name="PubDate" content="2021-08-17 08:00"></head><body>'
            "<div>临江日报 2021年08月18日 星期三</div><h1>标题文字</h1><p>正文。</p></body></html>")
    assert html_to_text(page)[1].date == "2021-08-17"


def test_html_xml_declaration_and_control_characters_are_tolerated():
    page = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><h1>临江\x0b新闻</h1><p>正文\x01内容。</p></body></html>'
    assert _lines(html_to_text(page)[0]) == ["# 临江新闻", "正文内容。"]


def test_html_without_text_is_a_page_error():
    with pytest.raises(PageError) as err:
        read_bytes(b"<html><head><title></title></head><body><img src='a.jpg'></body></html>", "blank.html")
    assert str(err.value) == "blank.html: no text found in the HTML page"


def test_html_read_bytes_decodes_by_meta_and_keeps_meta():
    page = read_bytes(EPAPER.encode("gb18030"), "2023-05-09/node_1.htm")
    assert page.media_type == "html" and page.encoding == "gb18030"
    assert page.text.startswith("## 市委常委会召开扩大会议\n\n# 以改革创新推动临江高质量发展\n")
    assert page.meta.date == "2023-05-07"  # the page's own header wins over the path


def test_html_site_name_heading_that_links_elsewhere_is_not_the_headline():
    # a logo heading whose link is not the home page ("/", index...) is told by its text: a site's name
    page = ('<html><head><title>临江启动城市更新行动</title></head><body>'
            '<h1><a href="https://www.example.cn/channel/local">临江新闻网</a></h1>'
            '<div class="article"><h1>临江启动城市更新行动</h1>'
            '<p>本报讯 6月8日，临江召开城市更新行动动员会，部署老旧小区改造工作。</p></div></body></html>')
    text, meta = html_to_text(page)
    assert _lines(text)[0] == "# 临江启动城市更新行动"
    assert "临江新闻网" not in text
