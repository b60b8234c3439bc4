"""Segmentation on hand-made pages of a fictional city, one noise kind per test."""

from conftest import make_clean

from yaowen.segment import segment_clean


def _seg(text: str, headings: dict[int, int] | None = None):
    return segment_clean(make_clean(text, headings))


MEETING = (
    "市委审计委员会举行第二次会议\n\n"
    "强化审计监督 服务高质量发展\n\n"
    "周明远主持 欧阳青出席\n\n"
    "■本报记者 林 立\n\n"
    "本报讯 5月6日,市委审计委员会举行第二次会议,研究部署下阶段审计工作。市委书记、市委审计委员会主任周明远主持会议。\n\n"
    "会议原则同意《2023年度全市审计项目计划》。\n\n"
    "会议强调,要聚焦重点领域,做好审计整改“后半篇文章”。\n\n"
    "市领导王红、李卫东出席。"
)


def test_segment_three_line_stack_byline_and_lead():
    [a] = _seg(MEETING)
    assert (a.kicker, a.headline, a.subheadline) == (
        "市委审计委员会举行第二次会议", "强化审计监督 服务高质量发展", "周明远主持 欧阳青出席")
    assert a.reporters == ["林立"] and a.correspondents == [] and a.source == "本报"
    assert a.body.startswith("5月6日,市委审计委员会") and a.body.endswith("市领导王红、李卫东出席。")
    assert a.date_mention == "5月6日" and not a.fragment


def test_segment_two_line_stack_with_lead_in_kicker():
    page = (
        "周明远在全市产业链建设推进会上强调——\n\n"
        "坚定不移推动制造业高质量发展\n\n"
        "本报讯(记者 方晓 通讯员 谭思)6月2日上午,全市产业链建设推进会召开。各产业链链长作了汇报。"
    )
    [a] = _seg(page)
    assert a.kicker == "周明远在全市产业链建设推进会上强调" and a.headline == "坚定不移推动制造业高质量发展"
    assert a.subheadline is None and a.reporters == ["方晓"] and a.correspondents == ["谭思"]


def test_segment_two_line_stack_is_headline_and_subheadline():
    page = "临江新区建设提速\n\n滨江大道等五个项目年内完工\n\n本报讯(通讯员 廖一 岳华 刘芳)4月8日上午,滨江大道工程开工。"
    [a] = _seg(page)
    assert (a.kicker, a.headline, a.subheadline) == (None, "临江新区建设提速", "滨江大道等五个项目年内完工")
    # over the line that reports the event (开工), a line that reports none is the kicker
    page = "临江新区建设拉开序幕\n\n滨江大道开工\n\n本报讯(通讯员 廖一 岳华 刘芳)4月8日上午,滨江大道工程开工。"
    [a] = _seg(page)
    assert (a.kicker, a.headline, a.subheadline) == ("临江新区建设拉开序幕", "滨江大道开工", None)
    assert a.correspondents == ["廖一", "岳华", "刘芳"] and a.reporters == []


def test_segment_bylines_in_every_position():
    page = (
        "学习先进典型 争做时代先锋\n\n■通讯员 蒋 一\n本报记者 唐海波\n\n"
        "本报讯 3月2日,全市各单位组织收看专题片。\n\n"
        "援外医疗队平安返临\n\n■朱小林\n\n本报讯 “我们回来了!”3月2日上午,援外医疗队平安返回。"
    )
    a, b = _seg(page)
    assert a.reporters == ["唐海波"] and a.correspondents == ["蒋一"]
    assert b.reporters == [] and b.correspondents == ["朱小林"] and b.source == "本报"
    assert b.body.startswith("“我们回来了!”3月2日上午") and b.date_mention == "3月2日"


def test_segment_headless_fragment_continued_from_another_page():
    page = "(上接第一版②)扎实推进新型智库建设,为全市发展建言献策。\n\n副市长龚一平主持会议。"
    [a] = _seg(page)
    assert a.headline is None and a.fragment and a.continued_from == "上接第一版②"
    assert a.body.startswith("扎实推进新型智库建设")


def test_segment_continues_to_marker_leaves_the_body():
    page = (
        "我市确定今年乡村振兴目标\n\n本报讯 (记者 许一) 3月4日,记者从市农业农村局获悉,"
        "我市将持续抓好农村饮水安全,全年供水保证率达到95%以上。(下转第三版)"
    )
    [a] = _seg(page)
    assert a.fragment and a.continues_to == "下转第三版"
    assert a.body.endswith("达到95%以上。")


def test_segment_reassembles_article_interrupted_by_another_articles_block():
    page = (
        "市委审计委员会举行第三次会议\n\n推动审计工作高质量发展\n\n周明远主持\n\n■本报记者 林立\n\n"
        "本报讯 3月23日下午,市委书记周明远主持召开市委审计委员会第三次会议,听取全市审计工作情况汇报。\n\n"
        "会议原则同意《2023年度全市统一组织审计项目计划》。\n\n"
        "■通讯员 蒋一\n本报记者 唐海波\n\n"
        "本报讯 3月22日,专题片《榜样》在央视首播,在临江党员干部中引起强烈反响。各单位组织党员收看专题片。\n\n"
        "专题片《榜样》通过典型事迹再现、嘉宾访谈等形式,展现了党员干部的榜样力量,党员收看后深受教育。\n\n"
        "会议强调,要深入学习贯彻关于审计工作的重要论述,切实加强党对审计工作的领导,做好审计整改。\n\n"
        "会议要求,要突出审计工作重点,高质量完成审计项目计划,推动审计整改落到实处。\n\n"
        "市领导王红、李卫东出席。\n\n"
        "学习榜样精神,争做时代先锋\n\n专题片《榜样》在临江党员干部中引起强烈反响\n\n"
        "当晚,市卫健委组织300多名党员集中收看专题片《榜样》,党员们表示要以榜样为标杆。"
    )
    audit, model = _seg(page)
    assert audit.headline == "推动审计工作高质量发展"
    assert "会议强调" in audit.body and audit.body.endswith("市领导王红、李卫东出席。")
    assert "榜样" not in audit.body
    assert model.headline == "学习榜样精神,争做时代先锋"
    assert model.reporters == ["唐海波"] and model.correspondents == ["蒋一"]
    assert model.body.startswith("3月22日,专题片《榜样》") and model.body.endswith("要以榜样为标杆。")
    assert "专题片《榜样》通过典型事迹" in model.body and not model.fragment
    assert len(model.spans) >= 2  # built from two places on the page


def test_segment_paragraph_printed_twice_is_kept_once_at_its_last_place():
    dup = "会议原则同意《中共临江市委常委会2023年工作要点》,要求确保各项决策部署落实落细。"
    page = (
        "市委常委会召开会议\n\n传达学习上级会议精神\n\n周明远主持\n\n"
        "本报讯 (记者 方晓) 昨日下午,市委书记周明远主持召开市委常委会会议。\n\n"
        f"{dup}\n\n会议强调,要全面做好统战工作。\n\n{dup}"
    )
    [a] = _seg(page)
    assert a.body.count("工作要点") == 1 and a.body.endswith(dup)
    assert a.date_mention == "昨日"


# A printed page holds several articles (here two leads): text after a closing line is another article's.
OTHER_ARTICLE = "临江召开安全生产会议\n\n本报讯 (记者 方晓) 5月6日,临江市召开全市安全生产工作会议。\n\n"


def test_segment_body_after_closing_line_starts_a_new_fragment():
    page = OTHER_ARTICLE + (
        "本报讯 5月6日,临江市人大常委会举行会议。\n\n副市长王刚、李红列席会议。\n\n"
        "法,第一时间获取全市热点新闻,并通过地图实时定位,与记者现场连线。"
    )
    _, a, b = _seg(page)
    assert a.body.endswith("列席会议。") and b.fragment and b.body.startswith("法,第一时间")


def test_segment_paragraph_opened_by_an_unintroduced_speaker_is_another_article():
    page = OTHER_ARTICLE + (
        "本报讯 昨日上午,市委副书记、市长欧阳青主持召开企业座谈会。\n\n"
        "欧阳青指出,企业要以大局为重,全力保障生产。\n\n"
        "周明远要求,要驰而不息整治群众身边腐败问题,切实维护群众利益。"
    )
    _, a, b = _seg(page)
    assert "欧阳青指出" in a.body and b.body.startswith("周明远要求") and b.fragment


def test_segment_teaser_keeps_its_text_as_body():
    page = "“寻找最美临江人” 网上征集今日启动\n\n征集对象:表现突出的“最美临江人”典型。征集时间:5月6日至6月5日\n\n详见二版"
    [a] = _seg(page)
    assert a.subheadline is None and a.body.startswith("征集对象") and a.continues_to == "详见二版"
    assert a.fragment


def test_segment_column_rubric_above_a_stack():
    page = (
        "奋进新征程\n建功新时代\n\n市委常委会召开会议\n\n传达学习中央和省委会议精神\n\n周明远主持\n\n"
        "本报讯 (记者 方晓) 昨日下午,市委常委会召开会议。"
    )
    [a] = _seg(page)
    assert a.column == "奋进新征程 建功新时代" and a.kicker == "市委常委会召开会议"
    assert a.subheadline == "周明远主持"


def test_segment_document_with_title_note():
    page = (
        "临江市人民代表大会常务委员会关于召开临江市第十届人民代表大会第三次会议的决定\n\n"
        "(2023年12月28日临江市第十届人大常委会第十五次会议通过)\n\n"
        "临江市第十届人民代表大会常务委员会第十五次会议决定:临江市第十届人民代表大会第三次会议定于2024年1月10日召开。"
    )
    [a] = _seg(page)
    assert a.subheadline == "2023年12月28日临江市第十届人大常委会第十五次会议通过"
    assert not a.fragment and a.date_mention == "2023年12月28日"


def test_segment_article_that_lost_its_start_is_a_fragment():
    page = (
        "百亿元融资助推临江发展\n\n——市政府牵手开发银行签订战略合作协议\n\n■本报记者 武一\n\n"
        "会上,双方签订战略合作框架协议,将让更多金融活水流向我市实体经济。"
    )
    [a] = _seg(page)
    assert a.subheadline == "市政府牵手开发银行签订战略合作协议" and a.fragment and a.source == "本报"


def test_segment_a_feature_under_its_byline_needs_no_lead():
    page = (
        "奋力谱写临江高质量发展新篇章\n\n——访临江市委书记周明远\n\n记者 方晓\n\n"
        "问:过去一年,临江经济发展取得了哪些成绩?\n\n答:过去一年,全市地区生产总值增长6%。"
    )
    [a] = _seg(page)
    assert a.subheadline == "访临江市委书记周明远" and a.reporters == ["方晓"] and not a.fragment


def test_segment_markdown_headings_give_kicker_and_headline():
    page = "市委审计委员会举行第二次会议\n\n强化审计监督\n\n周明远主持\n\n本报讯 5月6日,会议召开。"
    [a] = _seg(page, {0: 2, 2: 1})
    assert (a.kicker, a.headline, a.subheadline) == ("市委审计委员会举行第二次会议", "强化审计监督", "周明远主持")


def test_segment_spans_point_at_the_article_text():
    clean = make_clean(MEETING)
    [a] = segment_clean(clean)
    covered = "".join(clean.text[s.start : s.end] for s in a.spans)
    assert "强化审计监督" in covered and covered.endswith("市领导王红、李卫东出席。")


def test_segment_credit_forms_from_other_papers():
    page = (
        "江北区召开安全生产会议\n\n本报江北5月6日讯 记者张明 通讯员李华报道:5月6日,江北区召开安全生产工作会议。\n\n"
        "会议要求,要压实各方责任。(记者 王强)"
    )
    [a] = _seg(page)
    assert a.reporters == ["张明", "王强"] and a.correspondents == ["李华"]
    assert a.body.startswith("5月6日,江北区") and a.body.endswith("压实各方责任。") and a.date_mention == "5月6日"


def test_segment_body_map_points_every_body_char_at_the_cleaned_text():
    page = (
        "市委审计委员会举行第三次会议\n\n推动审计工作高质量发展\n\n■本报记者 林立\n\n"
        "本报讯 3月23日下午,市委书记周明远主持召开会议,听取全市审计工作情况汇报并作部署。\n\n"
        "会议强调,要切实加强党对审计工作的领导,要推动\n\n"
        "审计整改落到实处,真正把审计成果转化为发展效果。(下转第二版)"
    )
    clean = make_clean(page)
    [a] = segment_clean(clean)
    assert a.continues_to == "下转第二版"
    for i, ch in enumerate(a.body):
        if ch != "\n":
            assert clean.text[a.body_map(i)] == ch


def test_segment_rejoins_a_body_line_cut_short_by_the_column():
    page = (
        "以更加精准的举措抓好疫情防控\n\n■本报记者 林立\n\n"
        "本报讯 8月16日下午,市长欧阳青主持召开全市疫情防控工作视频会议。\n\n"
        "欧阳青充分肯定全市疫情防控\n\n"
        "取得的阶段性成效。他指出,全市上下要慎终如始抓好常态化疫情防控。\n\n"
        "副市长杨一峰参加会议。"
    )
    clean = make_clean(page)
    [a] = segment_clean(clean)
    assert "欧阳青充分肯定全市疫情防控取得的阶段性成效" in a.body and a.body.endswith("参加会议。")
    for i, ch in enumerate(a.body):
        if ch != "\n":
            assert clean.text[a.body_map(i)] == ch


def test_segment_rubric_above_a_lead_in_kicker():
    page = (
        "奋进新征程\n在临江 ——建功新时代\n\n周明远在全市产业链推进会上强调\n\n链长挂帅 加快建设现代产业强市\n\n"
        "本报讯 (记者 方晓) 3月6日上午,全市产业链推进会召开。"
    )
    [a] = _seg(page)
    assert a.column == "奋进新征程 在临江 ——建功新时代"
    assert (a.kicker, a.headline, a.subheadline) == ("周明远在全市产业链推进会上强调", "链长挂帅 加快建设现代产业强市", None)


def test_segment_teaser_headline_after_an_article_is_not_a_cut_line():
    page = (
        "学雷锋 我们在行动\n\n本报讯 3月5日,全市各地开展志愿服务活动。\n\n"
        "近年来,我市注册志愿者达到68.5万人。\n\n"
        "我市发布民生实事项目\n\n今年,我市将实施民生实事12类38项。\n\n详见二版"
    )
    a, b = _seg(page)
    assert a.body.endswith("68.5万人。") and b.headline == "我市发布民生实事项目" and b.continues_to == "详见二版"


def test_segment_datelines_of_other_papers_and_agencies():
    page = (
        "全省部署冬春安全生产工作\n\n湖南日报·新湖南客户端12月3日讯(记者 张三 通讯员 李四)12月2日,全省召开会议。\n\n"
        "我省推进数字政府建设\n\n人民网长沙12月3日电 (记者 王五)日前,省政府印发实施方案。\n\n"
        "临江发布冬季供暖方案\n\n临江日报全媒体记者 罗一 报道:12月2日,临江市发布方案。"
    )
    a, b, c = _seg(page)
    assert (a.source, a.reporters, a.correspondents, a.body[:6]) == ("湖南日报", ["张三"], ["李四"], "12月2日,")
    assert (b.source, b.reporters, b.date_mention, b.body[:2]) == ("人民网", ["王五"], "12月3日", "日前")
    assert (c.source, c.reporters, c.body[:5]) == ("临江日报", ["罗一"], "12月2日")


def test_segment_bulleted_brief_items_each_start_an_article():
    page = (
        "■本报讯 5月6日,临江市召开全市安全生产工作会议,部署隐患排查整治。\n\n"
        "■本报讯 (通讯员 谭一) 5月6日,白沙县开展防汛应急演练,检验应急处置能力。"
    )
    a, b = _seg(page)
    assert a.body.startswith("5月6日,临江市") and b.body.startswith("5月6日,白沙县") and b.correspondents == ["谭一"]


def test_segment_masthead_is_no_article_and_dates_the_issue():
    from yaowen.model import PageMeta
    from yaowen.resolve import resolve_dates

    page = (
        "临江日报 2023年5月7日 星期日 第1版\n\n临江召开安全生产会议\n\n"
        "本报讯 (记者 方晓) 昨日,临江市召开全市安全生产工作会议。"
    )
    clean = make_clean(page)
    [a] = segment_clean(clean)
    assert a.column is None and a.headline == "临江召开安全生产会议"
    issue, _, year = resolve_dates([a], clean, PageMeta())
    assert (issue, year, a.event_date) == ("2023-05-07", 2023, "2023-05-06")


def test_segment_datelines_and_credits_of_web_and_county_media():
    page = (
        "临江召开政协常委会议\n\n临江新闻在线讯 2月19日上午,政协临江市委员会常务委员会会议召开。\n\n"
        "滨江县召开县委常委会\n\n【全媒体记者 方晓】6月30日,县委书记林立主持召开县委常委会会议。\n\n"
        "临江召开代表座谈会\n\n临江新闻网1月21讯 (临江日报社融媒体记者 周一 通讯员 王二) 1月19日,座谈会召开。\n\n"
        "临江召开项目推进会\n\n本报讯(全媒体首席记者 陈三)8日,全市项目推进会召开。"
    )
    a, b, c, d = _seg(page)
    assert (a.source, a.date_mention, a.body[:5]) == ("临江新闻在线", "2月19日", "2月19日")
    assert b.reporters == ["方晓"] and b.body.startswith("6月30日")
    assert (c.reporters, c.correspondents, c.date_mention) == (["周一"], ["王二"], "1月19日")  # the lead's own date
    assert d.reporters == ["陈三"] and d.correspondents == []


def test_segment_power_grid_is_no_dateline():
    from yaowen.genre import match_lead

    assert match_lead("国家电网公司供电服务中心今年新增服务网点12个。") is None
    assert match_lead("新华社北京3月4日电 中共中央政治局常务委员会召开会议。") is not None


def test_segment_credit_that_lost_its_closing_bracket():
    page = "临江政协召开常委会议\n\n临江客户端3月16日讯(记者 方晓3月16日下午,市政协召开常委会议。"
    [a] = _seg(page)
    assert a.reporters == ["方晓"] and a.body.startswith("3月16日下午,市政协") and a.date_mention == "3月16日"


def test_segment_byline_words_that_are_no_names():
    from yaowen.segment.headline import read_byline

    assert read_byline("■本报通讯员 张一 本报记者 李二") == (["李二"], ["张一"], True)
    assert read_byline("记者 王三 摄影报道") == (["王三"], [], False)
    assert read_byline("记者 王三 实习生 赵四 通讯员 钱五") == (["王三", "赵四"], ["钱五"], False)  # an intern writes for the paper
    assert read_byline("本报记者 方月 曹 勇") == (["方月", "曹勇"], [], True)  # a letter-spaced name among others


def test_segment_marked_credits_name_the_author_not_the_photographer():
    from yaowen.genre import is_byline
    from yaowen.segment.headline import read_byline

    assert read_byline("文/图 周四") == (["周四"], [], False)  # the text's author, like 作者:
    assert read_byline("文 | 方晓  图 | 林立") == (["方晓"], [], False)
    assert read_byline("撰文:方晓 摄影:林立") == (["方晓"], [], False)
    assert read_byline("文/本报记者 方晓 通讯员 林立") == (["方晓"], ["林立"], True)
    assert is_byline("文 | 方晓  图 | 林立") and is_byline("文/图方晓")
    assert not is_byline("图片新闻") and not is_byline("文化临江")
    page = "临江召开森林防火工作会议\n\n文 | 方晓 图 | 林立\n\n3月11日,临江市召开森林防火工作会议。"
    [a] = _seg(page)
    assert a.reporters == ["方晓"] and a.body.startswith("3月11日")


def test_segment_headlines_over_plain_text_are_briefs_not_cut_paragraphs():
    page = (
        "临江召开全市经济运行调度会\n\n3月5日,全市经济运行调度会召开,市长欧阳青出席并讲话。\n\n"
        "临江新增两家国家级专精特新企业\n\n记者从市工信局获悉,临江新增两家国家级专精特新“小巨人”企业。\n\n"
        "临江高铁站改造工程开工\n\n3月6日,临江高铁站改造工程正式开工。"
    )
    arts = _seg(page)
    assert [a.headline for a in arts] == ["临江召开全市经济运行调度会", "临江新增两家国家级专精特新企业", "临江高铁站改造工程开工"]
    assert [a.date_mention for a in arts] == ["3月5日", None, "3月6日"]  # a headed story's first date is its own


def test_segment_a_column_cut_under_a_headline_without_lead_is_still_rejoined():
    page = (
        "临江召开全市疫情防控工作会议\n\n8月16日下午,全市疫情防控工作会议召开。\n\n"
        "欧阳青充分肯定全市疫情防控\n\n取得的阶段性成效。他指出,要慎终如始抓好常态化疫情防控。\n\n副市长杨一峰参加会议。"
    )
    [a] = _seg(page)
    assert "欧阳青充分肯定全市疫情防控取得的阶段性成效" in a.body and a.body.endswith("参加会议。")


def test_segment_a_column_name_above_the_stack_is_no_headline():
    [a] = _seg("要闻\n\n临江召开全市两会筹备工作会议\n\n本报讯 3月11日,全市两会筹备工作会议召开。")
    assert (a.column, a.headline, a.subheadline) == ("要闻", "临江召开全市两会筹备工作会议", None)


def test_segment_any_newsrooms_name_before_xun_is_a_dateline():
    from yaowen.genre import match_lead

    for lead in ("掌上临江讯 3月11日,全市会议召开。", "临江发布讯:3月11日,全市会议召开。", "云上临江3月11日讯 全市会议召开。"):
        assert match_lead(lead) is not None, lead
    for text in ("喜讯传来,临江夺冠。", "捷报喜讯 频频传来", "战报喜讯(图)"):
        assert match_lead(text) is None, text


def test_segment_the_sites_name_above_the_stack_is_no_headline():
    [a] = _seg("临江新闻网\n\n临江召开全市两会筹备工作会议\n\n3月11日,全市两会筹备工作会议召开。")
    assert (a.column, a.headline) == ("临江新闻网", "临江召开全市两会筹备工作会议")


def test_segment_web_story_closed_by_a_newsroom_credit_with_marks():
    # a web page's story ends with its credit and the site's editors: "<newsroom>融媒体记者: 张三/文"
    page = (
        "临江市产业链招商重点项目签约仪式在沪举行\n\n林立出席并致辞\n\n"
        "5月9日,临江市产业链招商重点项目签约仪式在上海举行。市长林立出席并致辞。\n\n"
        "会上,一批重点合作项目进行了现场签约。\n\n"
        "掌上临江融媒体记者: 方晓/文 陈一/摄\n\n编辑:韩一\n\n一审:韩一 二审:冯二 三审:慈三"
    )
    [a] = _seg(page)
    assert a.reporters == ["方晓"] and a.correspondents == []
    assert a.body.endswith("进行了现场签约。") and not a.fragment


def test_read_byline_marks_after_names():
    from yaowen.segment.headline import read_byline

    assert read_byline("记者 方晓/文 陈一/摄")[:2] == (["方晓"], [])
    assert read_byline("融媒体记者张三/文")[:2] == (["张三"], [])


def test_segment_a_reporting_teams_credit_closes_the_text():
    page = (
        "临江市第五次党代会召开代表团召集人会议\n\n"
        "本网讯 9月25日,临江市第五次党代会召开代表团召集人会议。会议还讨论了《大会议程(草案)》。"
        "(市第五次党代会临江新闻网报道组)"
    )
    [a] = _seg(page)
    assert a.body.endswith("《大会议程(草案)》。") and not a.fragment and a.reporters == a.correspondents == []
