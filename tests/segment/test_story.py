"""One story a page: web and e-paper pages of the fictional 临江, furniture and all."""

from conftest import make_clean

from yaowen.model import PageMeta
from yaowen.resolve import resolve_dates
from yaowen.segment import segment_clean


def _seg(text: str):
    return segment_clean(make_clean(text))


def _dated(text: str):
    clean = make_clean(text)
    articles = segment_clean(clean)
    issue, _, _ = resolve_dates(articles, clean, PageMeta())
    return articles, issue


WEB_PAGE = (
    "当前位置:首页 > 要闻动态\n\n"
    "临江召开全市安全生产工作会议\n\n"
    "发布时间:2023-05-07 09:12 来源:临江日报 作者:方晓\n\n"
    "分享到:\n\n"
    "会议现场。(林立 摄)\n\n"
    "本报讯(记者 方晓)昨日下午,全市安全生产工作会议召开。市委副书记、市长欧阳青出席会议并讲话。\n\n"
    "会议要求,要压实各方责任,确保全市安全生产形势稳定。\n\n"
    "副市长王刚主持会议。\n\n"
    "责任编辑:周一\n\n"
    "相关阅读\n\n"
    "临江部署防汛工作\n\n"
    "5月5日,全市防汛工作会议召开。"
)


def test_web_page_is_one_story_inside_its_furniture():
    [a], issue = _dated(WEB_PAGE)
    assert (a.kicker, a.headline, a.subheadline) == (None, "临江召开全市安全生产工作会议", None)
    assert a.reporters == ["方晓"] and a.correspondents == []  # the meta line's 作者 and the lead's credit agree
    assert a.body.startswith("昨日下午,全市安全生产工作会议召开") and a.body.endswith("副市长王刚主持会议。")
    assert "摄" not in a.body and "防汛" not in a.body and not a.fragment
    assert (issue, a.event_date) == ("2023-05-07", "2023-05-06")  # 昨日 of the page's own timestamp


def test_web_page_subheadline_below_the_meta_line_and_channel_name_above_the_title():
    page = (
        "时政要闻\n\n临江召开全市人大代表座谈会\n\n来源:临江晚报 作者:林立 2014-03-01 08:39:52\n\n"
        "临江新闻\n\n市委市政府听取代表意见建议\n\n"
        "本报讯(记者 林立)3月1日,市委、市政府召开在临全国人大代表座谈会。\n\n阅读下一篇\n\n返回首页"
    )
    [a] = _seg(page)
    assert (a.kicker, a.headline, a.subheadline) == (None, "临江召开全市人大代表座谈会", "市委市政府听取代表意见建议")
    assert a.reporters == ["林立"]


def test_title_printed_twice_is_the_headline_of_the_stack_below_it():
    page = (
        "临江新区滨江区两地联席会议召开\n\n"
        "临江新区、滨江区两地联席会议召开\n\n周明远主持会议\n\n欧阳青王刚等出席\n\n"
        "临江新闻网讯(记者 方晓)8月29日,临江新区、滨江区两地联席会议召开。\n\n会议听取了两地工作情况汇报。"
    )
    [a] = _seg(page)
    assert a.headline == "临江新区、滨江区两地联席会议召开" and a.kicker is None
    assert a.subheadline == "周明远主持会议 欧阳青王刚等出席" and a.reporters == ["方晓"]


def test_credits_after_the_text_and_cut_excerpt():
    page = (
        "本报讯 昨天上午,市人大代表驻地充盈着温暖。市委书记周明远看望代表。\n\n"
        "周明远说,各位代表要积极建言献策,为全市发展\n\n"
        "本报记者 方晓 林 立\n\n责任编辑:方晓"
    )
    [a] = _seg(page)
    assert a.reporters == ["方晓", "林立"] and a.fragment  # the text stops mid-sentence
    assert a.body.endswith("为全市发展")


def test_role_less_credit_closing_the_text_is_a_correspondent():
    page = "◆5月6日,临江市人大常委会召开会议。市人大常委会主任周明远主持。\n\n会议还研究了其他事项。(林立 方晓)"
    [a] = _seg(page)
    assert a.correspondents == ["林立", "方晓"] and a.body.endswith("会议还研究了其他事项。") and not a.fragment


def test_captions_above_the_lead_and_after_the_text_are_not_the_body():
    page = (
        "市委书记周明远为获奖选手颁奖。\n\n方晓以最高分获得一等奖。\n\n"
        "临江新闻网讯(记者 林立)9月19日,全市“讲好临江故事”演讲比赛举行。\n\n"
        "比赛吸引了全市各地的选手参加。\n\n"
        "比赛现场\n\n周明远为选手颁奖\n\n获奖选手合影"
    )
    [a] = _seg(page)
    assert a.headline is None and a.reporters == ["林立"]
    assert a.body.startswith("9月19日,全市") and a.body.endswith("选手参加。") and not a.fragment


def test_one_unfinished_last_line_is_the_cut_text():
    page = "临江召开企业座谈会\n\n5月6日,临江召开企业座谈会。市长欧阳青出席。\n\n与会企业家对临江"
    [a] = _seg(page)
    assert a.body.endswith("与会企业家对临江") and a.fragment and a.headline == "临江召开企业座谈会"


def test_excerpt_without_furniture_is_one_story_across_a_closing_line():
    page = (
        "1月10日下午,临江市招商引资项目集中签约仪式举行。\n\n签约仪式由副市长王刚主持。\n\n"
        "市发改委主任林立介绍签约项目情况。\n\n欧阳青指出,要全力做好项目服务。"
    )
    [a] = _seg(page)
    assert a.body.startswith("1月10日下午") and a.body.endswith("项目服务。") and not a.fragment


def test_epaper_navigation_headlines_are_not_articles():
    page = (
        "2025年01月09日\n\n临江日报 数字报纸\n\n第A03版:要闻 上一版 下一版\n\n"
        "临江部署春运工作\n\n市委常委会召开会议\n\n"
        "返回主页 | 临江日报 | 标题导航\n\n"
        "市委常委会召开会议\n\n传达学习省委全会精神\n\n"
        "(紧接第1版)会议强调,要把省委全会精神落到实处。\n\n会议还研究了其他事项。"
    )
    [a], issue = _dated(page)
    assert (a.headline, a.subheadline) == ("市委常委会召开会议", "传达学习省委全会精神")
    assert a.continued_from == "紧接第1版" and a.fragment and issue == "2025-01-09"


def test_story_printed_twice_after_a_continuation_marker_is_one_article():
    lead = "临江日报讯 (全媒体记者方晓、林立 通讯员临宣)4月8日下午,市长欧阳青会见客商一行,双方就深化合作交换意见,"
    page = f"{lead}\n\n(下转3版)\n\n第A1版:头版\n\n方晓、林立\n\n本文字数:236\n\n{lead}\n\n(下转3版)"
    [a] = _seg(page)
    assert a.continues_to == "下转3版" and a.reporters == ["方晓", "林立"] and a.correspondents == ["临宣"]


def test_title_run_into_the_text_on_one_line():
    page = "欧阳青到滨江区调研 多为群众办实事 1月8日,市长欧阳青到滨江区调研。他强调,要多为群众办实事。"
    [a] = _seg(page)
    assert a.headline == "欧阳青到滨江区调研 多为群众办实事" and a.body.startswith("1月8日,市长欧阳青")


def test_numbered_sections_stay_in_the_body():
    page = (
        "临江市人民政府信息公开指南\n\n为做好政府信息公开工作,编制本指南。\n\n一、主动公开\n\n"
        "(一)公开内容\n\n涉及公众利益调整的政府信息。\n\n(二)公开方式\n\n1.市政府门户网站;"
    )
    [a] = _seg(page)
    assert a.headline == "临江市人民政府信息公开指南" and a.body.endswith("1.市政府门户网站;")


def test_round_up_of_bulleted_items_is_one_article_an_item():
    page = (
        "一周时政要闻\n\n【发布日期:2023-08-08】 【来源:本站】\n\n"
        "●8月2日下午,市长欧阳青会见客商一行。\n\n"
        "●8月3日至4日,省督查组来临江督查。市委书记周明远陪同。\n\n"
        "●8月4日,市委书记周明远主持召开市委常委会。(林立/整理)\n\n分享至:"
    )
    arts, issue = _dated(page)
    assert [a.body[:6] for a in arts] == ["8月2日下午", "8月3日至4", "8月4日,市"]
    assert all(a.headline is None and a.correspondents == ["林立"] and not a.fragment for a in arts)
    assert [a.event_date for a in arts] == ["2023-08-02", "2023-08-03", "2023-08-04"] and issue == "2023-08-08"


def test_round_up_of_labelled_items_leaves_out_its_introduction():
    page = (
        "过去的一周,各地扎实做好节日期间各项工作。\n\n【临江】\n\n"
        "2021年12月31日上午,市委书记周明远检查节日市场供应。\n\n他强调,要保障群众节日生活。\n\n"
        "【滨江】\n\n2022年1月1日上午,区委书记林立到医院检查防控工作,叮嘱医务人员"
    )
    a, b = _seg(page)
    assert a.body.startswith("2021年12月31日上午") and a.body.endswith("节日生活。") and not a.fragment
    assert b.date_mention == "2022年1月1日" and b.fragment  # the excerpt cut the last item


def test_government_site_page_meta_and_inline_furniture():
    page = (
        "索引号:000014349/2023-00123\n\n成文日期:2023-05-06 发布日期:2023-05-07 信息来源:临江市人民政府办公室\n\n"
        "临江召开政府常务会议\n\n5月6日,市长欧阳青主持召开市政府常务会议。会议研究了城市更新工作。(来源:临江日报)\n\n"
        "上一条:临江部署防汛工作\n\n【打印本页】 【关闭窗口】"
    )
    [a], issue = _dated(page)
    assert issue == "2023-05-07" and a.headline == "临江召开政府常务会议"  # the date published, not the date written
    assert a.body.endswith("城市更新工作。") and not a.fragment and a.event_date == "2023-05-06"


def test_credit_with_a_colon():
    page = "临江召开企业座谈会\n\n记者:方晓 林立\n\n5月6日,临江召开企业座谈会。市长欧阳青出席。"
    [a] = _seg(page)
    assert a.reporters == ["方晓", "林立"] and a.headline == "临江召开企业座谈会"


def test_short_last_paragraph_with_a_role_less_credit_is_text_not_a_headline():
    page = "临江召开企业座谈会\n\n5月6日,临江召开企业座谈会。\n\n会议还研究了其他事项。(林立 方晓)"
    [a] = _seg(page)
    assert a.body.endswith("其他事项。") and a.correspondents == ["林立", "方晓"] and not a.fragment


def test_web_story_under_a_byline_without_a_lead_is_whole():
    page = (
        "临江春色满园\n\n发布时间:2023-04-02 来源:临江日报\n\n本报记者 方晓\n\n"
        "春日的临江,花开满城。市民纷纷走出家门,踏青赏花。"
    )
    [a] = _seg(page)
    assert a.reporters == ["方晓"] and not a.fragment


def test_headless_excerpt_is_a_fragment_only_when_it_opens_in_mid_story():
    [a] = _seg("近年来,临江市持续推进城市更新,老街区焕发新活力。\n\n居民纷纷点赞。")
    [b] = _seg("会议强调,要持续推进城市更新,让老街区焕发新活力。\n\n副市长王刚出席。")
    assert not a.fragment and b.fragment
    assert not _seg("今年,临江市将实施民生实事项目38项。\n\n全市上下扎实推进。")[0].fragment


def test_short_paragraphs_far_above_a_related_storys_lead_are_text():
    page = (
        "临江召开企业座谈会\n\n发布时间:2023-05-07\n\n5月6日,临江召开企业座谈会。\n\n市长欧阳青出席。\n\n"
        "副市长王刚主持。\n\n与会企业家踊跃发言。\n\n会议气氛热烈。\n\n相关新闻\n\n本报讯 5月5日,临江召开项目推进会。"
    )
    [a] = _seg(page)
    assert a.body.startswith("5月6日,临江召开企业座谈会") and a.body.endswith("会议气氛热烈。")


def test_byline_run_into_the_text():
    [a] = _seg("临江召开企业座谈会\n\n记者 方晓 林立 5月6日,临江召开企业座谈会,听取企业意见建议。市长欧阳青出席并讲话。")
    assert a.reporters == ["方晓", "林立"] and a.body.startswith("5月6日") and a.headline == "临江召开企业座谈会"


def test_one_line_headline_with_a_dash_gives_its_subheadline():
    page = "坚持稳中求进 推动高质量发展——临江市召开经济工作会议\n\n发布时间:2023-12-20\n\n12月19日,临江市经济工作会议召开。"
    [a], issue = _dated(page)
    assert (a.headline, a.subheadline) == ("坚持稳中求进 推动高质量发展", "临江市召开经济工作会议")
    assert (issue, a.event_date) == ("2023-12-20", "2023-12-19")
    [b] = _seg("大型画册《临江——百年变迁》出版发行\n\n近日,大型画册《临江——百年变迁》出版发行。")
    assert b.headline == "大型画册《临江——百年变迁》出版发行" and b.subheadline is None  # a dash inside a title
    [c] = _seg("临江迎春消费季——老字号嘉年华活动启动\n\n临江迎春消费季——老字号嘉年华活动今天启动。")
    assert c.subheadline is None  # the text prints the dash too: it belongs to the event's name


def test_site_title_over_the_article_title_and_a_forum_post():
    page = (
        "临江召开全市文明城市创建推进会_临江新闻网-临江日报社主办\n\n临江召开全市文明城市创建推进会\n\n"
        "【转帖】临江召开全市文明城市创建推进会\n\n发表于 2023-8-15 09:21:33 | 只看该作者 | 倒序浏览\n\n楼主\n\n"
        "8月14日下午,全市文明城市创建推进会召开。市委副书记王刚出席并讲话。\n\n收藏\n\n回复"
    )
    [a], issue = _dated(page)
    assert (a.kicker, a.headline, a.subheadline) == (None, "临江召开全市文明城市创建推进会", None)
    assert (issue, a.event_date) == ("2023-08-15", "2023-08-14") and a.body.endswith("出席并讲话。")


def test_government_disclosure_page_title_label_fields_and_signature():
    page = (
        "索引号:114305000000000001/2024-00123\n\n发布机构:临江市人民政府办公室\n\n生成日期:2024-03-12\n\n"
        "标题:临江市人民政府办公室关于做好春季农业生产工作的通知\n\n文号:临政办发〔2024〕5号\n\n"
        "各县市区人民政府,市直有关单位:\n\n现就做好今年春季农业生产工作通知如下。\n\n一、提高思想认识\n\n"
        "各地要切实提高认识。\n\n临江市人民政府办公室\n\n2024年3月10日"
    )
    [a], issue = _dated(page)
    assert a.headline == "临江市人民政府办公室关于做好春季农业生产工作的通知" and issue == "2024-03-12"
    assert a.body.endswith("一、提高思想认识\n各地要切实提高认识。") and not a.fragment


def test_repost_furniture_around_the_story():
    page = (
        "临江召开全市安全生产工作会议\n\n2024-03-12 08:30:12 来源: 临江日报\n\n举报\n\n0\n\n分享至\n\n"
        "用微信扫码二维码\n\n分享至好友和朋友圈\n\n(原标题:全市安全生产工作会议召开)\n\n"
        "3月11日下午,全市安全生产工作会议召开。市长欧阳青出席并讲话。\n\n本文来自网易号,临江日报"
    )
    [a], issue = _dated(page)
    assert (a.headline, a.subheadline) == ("临江召开全市安全生产工作会议", None)
    assert a.body.startswith("3月11日下午") and a.body.endswith("出席并讲话。") and not a.fragment
    assert (issue, a.event_date) == ("2024-03-12", "2024-03-11")


def test_how_a_story_ends_decides_whether_it_is_whole():
    def frag(end: str) -> bool:
        [a] = _seg("临江召开林长制工作会议\n\n3月10日,临江市召开林长制工作会议。副市长王刚出席。\n\n" + end)
        return a.fragment

    assert frag("会议要求,要全面压实林长责任,确保")  # cut mid-sentence
    assert frag("会议要求:")  # a colon announces what the excerpt lost
    assert frag("会议要求,要全面压实林长责任。(未完待续)")
    assert frag("会议要求,要全面压实林长责任。(下转A3版)")
    assert not frag("会议要求,要全面压实林长责任。(完)")
    assert not frag("会议要求,要全面压实林长责任。(编辑 李文)")


def test_bulleted_briefs_under_a_column_name():
    page = (
        "要闻简报\n\n■临江召开全市经济运行调度会\n\n3月5日,全市经济运行调度会召开,市长欧阳青出席。\n\n"
        "■临江高铁站改造工程开工\n\n3月6日,临江高铁站改造工程正式开工。"
    )
    arts = _seg(page)
    assert [(a.column, a.headline) for a in arts] == [
        ("要闻简报", "临江召开全市经济运行调度会"), (None, "临江高铁站改造工程开工")
    ]


def test_credits_in_more_forms():
    page = "临江召开全市两会筹备工作会议\n\n记者:方晓 通讯员:林立\n\n3月11日,全市两会筹备工作会议召开。"
    [a] = _seg(page)
    assert (a.subheadline, a.reporters, a.correspondents) == (None, ["方晓"], ["林立"])
    [b] = _seg("据临江日报报道 3月11日,全市两会筹备工作会议召开。")
    assert b.source == "临江日报" and b.body.startswith("3月11日")
    [c] = _seg("临江召开两会筹备会\n\n(来源:临江日报)3月11日,全市两会筹备工作会议召开。")
    assert c.body.startswith("3月11日") and c.reporters == c.correspondents == []
    # a role-less credit alone on the last line is a credit, and the text before it is whole
    [d] = _seg("临江召开主任会议\n\n本报讯 3月11日,市人大常委会召开主任会议。\n\n会议听取了有关工作汇报。\n\n(方晓)")
    assert d.correspondents == ["方晓"] and not d.fragment and d.body.endswith("工作汇报。")


def test_a_government_sites_footer_is_no_text():
    page = (
        "临江召开全市两会筹备工作会议\n\n时间:2024-03-12 09:00 来源:临江新闻网 作者:方晓 点击:\n\n"
        "3月11日,全市两会筹备工作会议召开。\n\n主办:临江市人民政府办公室 承办:临江市大数据中心\n\n"
        "网站标识码:4305000001 湘ICP备12345678号"
    )
    [a] = _seg(page)
    assert a.body == "3月11日,全市两会筹备工作会议召开。" and a.reporters == ["方晓"] and not a.fragment


def test_a_features_sub_headings_are_sections_not_stories():
    page = (
        "临江:奋力谱写高质量发展新篇章\n\n本报讯(记者 方晓)今年以来,临江市坚持稳中求进,经济社会发展取得新成效。\n\n"
        "产业升级步伐加快\n\n全市规模以上工业增加值增长8%,新增高新技术企业50家。\n\n"
        "民生福祉持续增进\n\n全年新增城镇就业3万人,城乡居民收入稳步增长。"
    )
    [a] = _seg(page)
    assert a.body.startswith("今年以来") and a.body.endswith("城乡居民收入稳步增长。") and "民生福祉持续增进" in a.body
    # headlines whose stories open dated or say where the news came from are stories of their own
    page = (
        "临江召开全市经济运行调度会\n\n全市经济运行调度会召开,市长欧阳青出席。\n\n"
        "临江港吞吐量创新高\n\n记者从临江港务集团获悉,3月8日临江港集装箱吞吐量创新高。"
    )
    assert len(_seg(page)) == 2


def test_short_lines_after_a_colon_are_the_list_it_announces():
    page = (
        "临江市委全会召开\n\n8月12日,中共临江市委三届十三次全会召开。\n\n在主席台就座的有:\n\n"
        "周明远 欧阳青 王刚\n\n方晓 林立 李文"
    )
    [a] = _seg(page)
    assert a.body.endswith("方晓 林立 李文")


def test_what_closes_the_last_paragraph_is_no_text():
    def last(end: str):
        [a] = _seg("临江召开两会筹备会\n\n3月11日,全市两会筹备工作会议召开。" + end)
        return a.body[-11:], a.reporters, a.correspondents, a.fragment

    whole = "周明远出席会议并讲话。"
    assert last(whole + "(方晓/文 林立/图)") == ("周明远出席会议并讲话。", ["方晓"], [], False)
    assert last(whole + "【融媒体记者 方晓】") == ("周明远出席会议并讲话。", ["方晓"], [], False)
    assert last(whole + "(完)") == ("周明远出席会议并讲话。", [], [], False)
    assert last(whole + "\n\n供稿:市委办公室") == ("周明远出席会议并讲话。", [], [], False)
    assert last(whole + "\n\n编辑/王刚 审核/李文 终审/周一") == ("周明远出席会议并讲话。", [], [], False)


def test_related_stories_after_the_text_are_teasers_even_with_their_leads():
    page = (
        "当前位置:首页 > 要闻\n\n临江召开全市两会筹备工作会议\n\n发布时间:2024-03-12 来源:临江日报\n\n"
        "本报讯(记者 方晓)3月11日,全市两会筹备工作会议召开。\n\n会议要求,要精心组织。\n\n责任编辑:王刚\n\n"
        "相关新闻\n\n临江部署春季森林防火工作\n\n本报讯(记者 林立)3月10日,全市春季森林防火工作会议召开。"
    )
    [a] = _seg(page)
    assert a.headline == "临江召开全市两会筹备工作会议" and a.reporters == ["方晓"] and a.body.endswith("精心组织。")


def test_a_slogan_over_the_report_is_the_kicker_on_a_web_page():
    page = "与时代同步 与人民同行\n\n临江日报创刊40周年座谈会举行\n\n本报讯(记者 方晓)9月29日,临江日报创刊40周年座谈会举行。"
    [a] = _seg(page)
    assert (a.kicker, a.headline) == ("与时代同步 与人民同行", "临江日报创刊40周年座谈会举行")
    page = "项目数、总投资均居全省前列\n\n临江12个重大项目集中开工\n\n本报讯 2月8日上午,全市重大项目集中开工活动举行。"
    assert (_seg(page)[0].kicker, _seg(page)[0].headline) == ("项目数、总投资均居全省前列", "临江12个重大项目集中开工")
    # the report over a slogan, or names under the report, stay headline and subheadline
    page = "临江召开全市两会筹备工作会议\n\n凝心聚力 开好两会\n\n本报讯 3月11日,全市两会筹备工作会议召开。"
    assert (_seg(page)[0].headline, _seg(page)[0].subheadline) == ("临江召开全市两会筹备工作会议", "凝心聚力 开好两会")
    page = "凝心聚力 开好两会\n\n周明远主持召开两会筹备工作会议\n\n本报讯 3月11日,全市两会筹备工作会议召开。"
    assert (_seg(page)[0].headline, _seg(page)[0].subheadline) == ("凝心聚力 开好两会", "周明远主持召开两会筹备工作会议")


def test_briefs_on_a_sites_page_end_at_its_related_stories():
    page = (
        "临江要闻\n\n发布时间:2024-03-12\n\n本报讯 3月11日,全市两会筹备工作会议召开。(方晓)\n\n"
        "本报讯 3月11日,全市春耕生产工作会议召开。(林立)\n\n责任编辑:王刚\n\n相关新闻\n\n"
        "临江部署春季森林防火工作\n\n本报讯(记者 周一)3月10日,全市森林防火工作会议召开。"
    )
    arts = _seg(page)
    assert [a.correspondents for a in arts] == [["方晓"], ["林立"]]


def test_a_headline_and_subheadline_run_into_the_text_on_one_line_are_parted_at_the_space():
    page = "临江市政府召开第12次常务会议 研究部署春季森林防火工作 本报讯 3月11日,市长周明远主持召开市政府常务会议。"
    assert (_seg(page)[0].headline, _seg(page)[0].subheadline) == ("临江市政府召开第12次常务会议", "研究部署春季森林防火工作")
    page = "凝心聚力 开好两会 本报讯 3月11日,全市两会筹备工作会议召开,市长周明远出席。"
    assert _seg(page)[0].headline == "凝心聚力 开好两会"


def test_dateline_below_the_first_paragraphs_goes_on_with_the_same_story():
    # the page's one lead under text that has none: nothing from the lead on may be dropped
    text = (
        "临江新区首批企业入驻以来,园区已吸引投资项目二十余个,带动就业三千余人,成为全市经济新的增长点。"
        "新区管委会表示,将继续优化营商环境,推动更多项目落地见效。\n\n"
        "本报临江5月6日讯 记者从市发展改革委了解到,新区今年将新开工项目十二个,总投资八十亿元。\n\n"
        "市发展改革委负责人介绍,新区将加快建设标准厂房,完善配套设施,为企业入驻提供便利。"
    )
    [a] = _seg(text)
    assert a.body.startswith("临江新区首批企业") and a.body.endswith("为企业入驻提供便利。")
    assert "新开工项目十二个" in a.body
