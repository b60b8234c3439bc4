from conftest import make_clean

from yaowen.model import PageMeta
from yaowen.resolve import resolve_dates
from yaowen.resolve.dates import infer_year, resolve_month_day, stale_stamp
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


def test_dates_a_day_just_after_the_issue_is_in_its_year():
    # a stamp a day early, or a date the report announces (9月1日起施行), is not last year's
    assert resolve_month_day((7, 24), 2021, "2021-07-23", {}) == "2021-07-24"
    assert resolve_month_day((9, 1), 2024, "2024-08-15", {}) == "2024-09-01"


def test_dates_a_stamp_months_after_every_event_does_not_date_them():
    # 发布时间 2018-09-19 over a report of 1月7日: a repost stamp; the session may be of any earlier year
    assert stale_stamp("2018-09-19", [(1, 7)])
    assert not stale_stamp("2018-09-19", [(1, 7), (9, 18)]) and not stale_stamp("2018-05-20", [(5, 6)])
    assert not stale_stamp("2018-09-19", [])
    page = "临江市人代会开幕\n发布时间:2018-09-19 来源:临江新闻网\n1月7日上午,临江市第五届人民代表大会第三次会议开幕。"
    clean = make_clean(page)
    [a] = segment_clean(clean)
    issue, _, year = resolve_dates([a], clean, PageMeta())
    assert (issue, year, a.event_date) == ("2018-09-19", None, None)


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

    assert first_event_date("记者今天(6月9日)从市统计局获悉") == "6月9日"
    assert first_event_date("昨日下午,市委常委会召开会议") == "昨日"


def test_dates_next_years_plan_adopted_in_november():
    text = "会议审议通过了《政协临江市委员会2024年度协商工作计划》。"
    assert infer_year(text, None, [(11, 20)]).year == 2023
    assert infer_year(text, None, [(3, 2)]).year == 2024


def test_dates_page_timestamp_is_the_issue_date():
    from yaowen.resolve import printed_issue_date

    assert printed_issue_date("临江召开会议\n发布时间:2022年11月03日 来源:临江日报\n11月2日,会议召开。")[0] == "2022-11-03"
    assert printed_issue_date("2021年03月11日 星期四\n第A02版:要闻\n临江召开会议")[0] == "2021-03-11"
    assert printed_issue_date("二版:要闻 总第1495期 >2015-01-22编印\n临江召开会议")[0] == "2015-01-22"
    # an unlabelled date below the text is a document's, not the page's; a labelled one is the page's
    body = "5月6日,临江市召开全市安全生产工作会议,部署隐患排查整治工作。"
    assert printed_issue_date(f"临江召开会议\n{body}\n2023年5月8日") is None
    assert printed_issue_date(f"临江召开会议\n{body}\n发布日期:2023-05-08")[0] == "2023-05-08"


def test_dates_lone_day_and_the_issue_month():
    page = "临江召开常务会议\n\n2008-11-18 14:35 来源:临江政府网\n\n17日上午,市政府召开第15次常务会议。"
    clean = make_clean(page)
    [a] = segment_clean(clean)
    issue, _, _ = resolve_dates([a], clean, PageMeta())
    assert (issue, a.event_date) == ("2008-11-18", "2008-11-17")
    from yaowen.resolve.dates import resolve_day

    assert resolve_day(28, "2024-03-02") == "2024-02-28"  # a day still to come this month is last month's


def test_dates_event_date_skips_a_date_still_to_come():
    from yaowen.resolve.dates import first_event_date

    assert first_event_date("表彰大会将于11月24日在北京举行。11月21日上午,我市举行欢送仪式。") == "11月21日"


def test_dates_year_from_a_year_and_month_or_an_iso_date():
    assert infer_year("1月10日下午,我市2025年1月份招商引资项目集中签约,位居2024年全省前列。", None, [(1, 10)]).year == 2025
    assert infer_year("1月8日,市长到古城区调研。2021-1-9 13:51 上传", None, [(1, 8)]).year == 2021
    assert infer_year("会议听取了2021年度全县绩效考评情况汇报。", None, [(6, 30)]).year == 2022


def test_dates_the_forms_a_lead_dates_its_event_in():
    from yaowen.resolve.dates import first_event_date

    assert first_event_date("市委书记周明远5日上午主持召开市委常委会会议。") == "5日"
    assert first_event_date("临江市于2024年3月5日召开全市春耕生产工作会议。") == "2024年3月5日"
    assert first_event_date("上周五,全市春耕生产工作会议召开。") == "上周五"
    assert first_event_date("《条例》自3月1日起施行。3月5日,全市召开学习会。") == "3月5日"  # the edge of a span
    assert first_event_date("日前,临江市召开防汛工作会议,传达3月1日全省会议精神。") is None  # undated
    assert first_event_date("5日至7日,临江举办农博会。") == "5日"
    assert first_event_date("全市共有12个乡镇参加。") is None


def _dated(page: str):
    clean = make_clean(page)
    arts = segment_clean(clean)
    issue, _, _ = resolve_dates(arts, clean, PageMeta())
    return [a.event_date for a in arts], issue


def test_dates_relative_to_the_page_timestamp():
    assert _dated("临江召开会议\n\n2024-03-12\n\n上周五,全市春耕生产工作会议召开。") == (["2024-03-08"], "2024-03-12")
    assert _dated("临江召开会议\n\n2024-03-14\n\n本周二,全市春耕生产工作会议召开。") == (["2024-03-12"], "2024-03-14")
    assert _dated("临江召开会议\n\n2024-03-02\n\n上月28日,全市春耕生产工作会议召开。") == (["2024-02-28"], "2024-03-02")
    assert _dated("临江召开会议\n\n发布时间:2024-03-06\n\n本报讯 市委书记周明远5日上午主持召开会议。") == (
        ["2024-03-05"], "2024-03-06"
    )


def test_dates_a_headline_dates_an_undated_text():
    assert _dated("临江3月5日召开全市春耕生产工作会议\n\n2024-03-06 07:30\n\n会议要求,要抓好春耕生产。") == (
        ["2024-03-05"], "2024-03-06"
    )
    # a text that opens 日前 says the day is not known: the headline's 今日 is the posting's, not the event's
    assert _dated("临江防汛工作会议召开\n\n2023-06-02 10:00\n\n日前,临江市召开防汛工作会议。")[0] == [None]


def test_dates_years_from_what_a_page_offers():
    def year(text: str, mds: list[tuple[int, int]]) -> int | None:
        return infer_year(text, None, mds).year

    # a year reviewed and the next planned: at the year's end, or early in the next
    assert year("12月28日,全市经济工作会议召开,总结2023年工作,部署2024年工作。", [(12, 28)]) == 2023
    assert year("3月5日,会议总结2023年工作,部署2024年工作。", [(3, 5)]) == 2024
    assert year("本文链接:http://www.linjiang.gov.cn/2024-03/06/c_123.htm", [(3, 5)]) == 2024
    assert year("本文链接:http://www.linjiang.gov.cn/content/646945/58/1462.html", [(3, 5)]) is None
    assert year("9月23日,会议研究了旅发大会筹备、“十五五”规划编制等工作。", [(9, 23)]) == 2025  # drafted the year before
    assert year("今年是“十四五”开局之年。", [(3, 5)]) == 2021
    assert year("深入实施“十四五”规划。", [(3, 5)]) is None  # five years: no one of them
    assert year("纪念抗战胜利80周年座谈会召开。", [(9, 3)]) == 2025
    assert year("市委常委班子2016年度民主生活会召开。", [(1, 23)]) == 2017  # held early the next year
    assert year("纪念建党一百周年。", []) == 2021  # the count in Chinese numerals
    # sittings counted by number: the national congress and CPPCC each spring of a five-year term, and the
    # provinces' congresses with them; the Central Committee's plenums in their known years
    assert year("临江代表团参加省十四届人大三次会议第一次全体会议。", [(1, 13)]) == 2025
    assert year("会议传达学习十三届全国人大四次会议和全国政协十三届四次会议精神。", [(3, 15)]) == 2021
    assert year("学习贯彻党的二十届三中全会精神。", [(8, 2)]) == 2024
    assert year("市委十二届三中全会召开。", [(8, 2)]) is None  # a city's plenum: no national count
    assert year("省政协十三届三次会议开幕。", [(1, 13)]) is None  # provinces' CPPCCs are numbered their own way
    assert year("省十四届人大常委会第十次会议召开。", [(7, 2)]) is None  # the standing committee sits all year


def test_dates_a_lead_read_against_its_dateline():
    from yaowen.resolve.dates import relative_to_dateline

    assert relative_to_dateline("昨日", "3月12日") == "3月11日"
    assert relative_to_dateline("11日", "3月12日") == "3月11日"
    assert relative_to_dateline("28日", "3月2日") == "2月28日"  # a day still to come is last month's
    assert relative_to_dateline("3月10日", "3月12日") == "3月10日"
    assert relative_to_dateline("昨日", "2月29日") == "2月28日"  # a leap day's dateline is a day like any other
    assert relative_to_dateline("昨日", "4月31日") == "昨日"  # a misprinted dateline counts nothing
    page = "临江召开两会筹备会\n\n本报临江3月12日讯(记者 方晓)昨日,全市两会筹备工作会议召开。\n\n2024-03-12 08:00"
    assert _dated(page)[0] == ["2024-03-11"]


def test_dates_passing_mentions_of_years_give_the_latest_not_a_target_or_a_period_end():
    # years to come and the end of a plan's period are not the page's year: no year is named here
    text = "会议审议通过《临江市国土空间规划(2021—2035年)》。到2035年,全面建成美丽临江。预计2026年建成。"
    assert infer_year(text, None, [(6, 9)]).year is None
    # a year's statistical bulletin is published the year after
    assert infer_year("市统计局发布2023年国民经济和社会发展统计公报。", None, [(3, 5)]).year == 2024
    # passing mentions only: the page looks back at earlier years, so the latest one it names is its own
    text = "2019年,临江获评文明城市。2020年10月,新区挂牌。今年以来,新区新签项目32个,2022年主要指标稳中有进。"
    assert infer_year(text, None, [(6, 9)]).year == 2022


def test_year_from_the_pages_address_when_it_names_only_year_and_month():
    text = "7月9日上午,市七届人大五次会议举行各代表团召集人会议。"  # no year anywhere in the text
    assert infer_year(text, None, [(7, 9)]).year is None
    ev = infer_year(text, None, [(7, 9)], "https://news.example.cn/linjiang/201507/1234567.html")
    assert ev.year == 2015 and "address" in ev.note
    # posted in January about the last days of December
    assert infer_year("12月30日,市委常委会召开会议。", None, [(12, 30)], "http://example.cn/202401/1234.html").year == 2023
    # an address with no date in it says nothing
    assert infer_year(text, None, [(7, 9)], "https://news.example.cn/content/1234567.html").year is None


def test_a_year_reported_as_over_dates_the_page_the_year_after():
    # a year's figures are published once it has ended
    assert infer_year("国内快讯\n截至2022年底全市市场主体达16.9万户。", None, [(1, 13)]).year == 2023
    assert infer_year("市统计局数据显示，2022年，全市一般公共预算收入增长5%。", None, []).year == 2023
    assert infer_year("2022年全年新增减税降费12亿元。", None, []).year == 2023
    # a year named in passing still counts as itself
    assert infer_year("该项目2021年12月开工建设。", None, []).year == 2021


def test_a_things_own_year_is_not_the_pages():
    # what opened, was built or set up in a year, and "since": the page calls its own year 今年
    assert infer_year("该奖项2004年设立,旨在提升青少年科技素养。", None, []).year is None
    assert infer_year("气田2012年投产以来,已探明储量超千亿立方米。", None, []).year is None
    assert infer_year("电站2027年建成投产后,年发电量可达20亿千瓦时。", None, []).year is None
    assert infer_year("自2017年以来,全市共建成基地12个。", None, []).year is None
    assert infer_year("2022年,全市新增就业1.2万人。", None, []).year == 2022  # a year named in passing still counts
