from conftest import make_clean

from yaowen.model import PageMeta
from yaowen.resolve import resolve_dates
from yaowen.resolve.dates import infer_year, resolve_month_day
from yaowen.segment import segment_clean


def test_dates_year_from_numbered_session():
    ev = infer_year("市长欧阳青主持召开市政府2024年第7次常务会议。", None, [(4, 2)])
    assert ev.year == 2024


def test_dates_year_from_report_on_the_previous_year():
    # an audit report on 2022's budget is reviewed in 2023
    ev = infer_year("会议原则同意《关于2022年度市本级预算执行和其他财政收支的审计报告》。", None, [(8, 16)])
    assert ev.year == 2023


def test_dates_future_dates_do_not_vote():
    text = (
        "(2023年12月28日临江市第十届人大常委会第十五次会议通过)第三次会议定于2024年1月10日召开。"
        "会议决定,2024年1月10日召开大会。"
    )
    assert infer_year(text, None, [(12, 28)]).year == 2023


def test_dates_markup_date_wins():
    assert infer_year("2019年度计划", "2021-05-06", []).year == 2021


def test_dates_no_evidence_gives_no_year():
    assert infer_year("会议强调,要做好各项工作。", None, []).year is None


def test_dates_december_event_in_a_january_issue_is_last_year():
    assert resolve_month_day((12, 30), 2024, "2024-01-02", {}) == "2023-12-30"
    assert resolve_month_day((12, 30), 2024, None, {(12, 30): 2023}) == "2023-12-30"


def test_dates_issue_is_day_after_latest_event_and_anchors_yesterday():
    page = (
        "市政府召开常务会议\n\n本报讯 5月6日,市长欧阳青主持召开市政府2024年第7次常务会议。\n\n"
        "市委常委会召开会议\n\n本报讯 (记者 方晓) 昨日下午,市委书记周明远主持召开市委常委会会议。"
    )
    clean = make_clean(page)
    arts = segment_clean(clean)
    issue, _, year = resolve_dates(arts, clean, PageMeta())
    assert (year, issue) == (2024, "2024-05-07")
    assert [a.event_date for a in arts] == ["2024-05-06", "2024-05-06"]


def test_dates_relative_day_glossed_with_its_date():
    from yaowen.resolve.dates import first_event_date

    assert first_event_date("记者今天(6月9日)从市统计局获悉") == (6, 9)
    assert first_event_date("昨日下午,市委常委会召开会议") == "昨日"


def test_dates_next_years_plan_adopted_in_november():
    text = "会议审议通过了《政协临江市委员会2024年度协商工作计划》。"
    assert infer_year(text, None, [(11, 20)]).year == 2023
    assert infer_year(text, None, [(3, 2)]).year == 2024
