"""The whole job on one hand-made web page of the fictional 临江."""

from yaowen.model import Page
from yaowen.pipeline import process_page

PAGE = (
    "临江召开全市人代会\n\n发布时间:2024-01-09 10:00 来源:临江日报\n\n"
    "本报讯(记者 方晓)1月8日上午,临江市第十届人民代表大会第三次会议开幕。大会听取了政府工作报告。\n\n"
    "会议由大会执行主席周明远主持。\n\n"
    "《临江市第十届人大三次会议开幕》由临江新闻网提供,转载请注明出处。\n\n版权所有 临江新闻网"
)


def test_pipeline_web_page_dates_and_documents_outside_the_article():
    page = Page("0" * 64, "web.txt", PAGE, "text", "utf-8", len(PAGE.encode()))
    result = process_page(page)
    [a] = result.articles
    assert (result.issue_date, a.event_date) == ("2024-01-09", "2024-01-08")
    assert a.body.endswith("周明远主持。") and "转载" not in a.body
    # a 《…》 title in the footer's reprint notice is still one of the page's documents
    assert [d.title for d in result.facts.documents] == ["临江市第十届人大三次会议开幕"]
