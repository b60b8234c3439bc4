from yaowen.clean import clean_text
from yaowen.clean.layout import join_layout_breaks


def _join(text: str, headings: dict[int, int] | None = None) -> list[str]:
    out, _, _, _ = join_layout_breaks(text, headings or {})
    return out.split("\n")


def test_layout_joins_word_broken_at_column_end():
    text = (
        "本报讯 5月6日,临江市委审计委员会举行第二次会议。市委书记、市委审计委\n\n"
        "员会主任周明远主持会议。\n\n会议强调,要做好审计整改工作。"
    )
    assert _join(text) == [
        "本报讯 5月6日,临江市委审计委员会举行第二次会议。市委书记、市委审计委员会主任周明远主持会议。",
        "会议强调,要做好审计整改工作。",
    ]


def test_layout_keeps_headline_stack_lines_apart():
    text = (
        "临江市委常委会召开会议\n\n推动经济社会高质量发展 奋力谱写临江新篇章\n\n"
        "会议还研究了城市更新、安全生产和信访工作等其他事项。周明远主持并讲话\n\n"
        "本报讯(记者 方晓)5月6日下午,市委书记周明远主持召开市委常委会会议。"
    )
    assert len(_join(text)) == 4


def test_layout_keeps_long_subheadline_above_byline_apart():
    text = (
        "临江外贸逆势增长\n\n今年前四个月全市实现进出口总额128.6亿元,同比增长12.5%,增速居全省第三位\n\n"
        "■本报记者 林 立\n\n本报讯 5月6日,记者从市商务局获悉。"
    )
    lines = _join(text)
    assert lines[1].startswith("今年前四个月") and lines[2] == "■本报记者 林 立"


def test_layout_drops_word_doubled_across_break():
    text = "医疗队集中隔离结束后继续休整,坚守在核酸检测等疫情防控\n\n防控前线的医务人员,要合理安排轮休,确保各项工作落实到位。"
    out, omap, _, doubled = join_layout_breaks(text, {})
    assert out == "医疗队集中隔离结束后继续休整,坚守在核酸检测等疫情防控前线的医务人员,要合理安排轮休,确保各项工作落实到位。"
    assert [w for _, _, w in doubled] == ["防控"]
    # every output character still points at the same character of the input
    assert all(text[omap(i)] == ch for i, ch in enumerate(out))


def test_layout_does_not_join_after_sentence_end():
    text = "会议要求,要压实安全生产责任。\n\n市领导李红、王刚出席。"
    assert _join(text) == ["会议要求,要压实安全生产责任。", "市领导李红、王刚出席。"]


def test_layout_never_joins_into_a_heading():
    text = "临江新区建设提速 多个项目集中开工,全年计划投资百亿\n\n本报讯 5月6日上午,临江新区举行重大项目集中开工仪式。"
    out, _, headings, _ = join_layout_breaks(text, {0: 1})
    assert out.split("\n")[0] == "临江新区建设提速 多个项目集中开工,全年计划投资百亿" and headings == {0: 1}


def test_layout_joins_a_page_hard_wrapped_at_a_fixed_width():
    body = (
        "本报讯 5月6日,临江市委审计委员会举行第二次会议,研究部署下阶段审计工作。会议强调,要聚焦重点领域,做好审计整改"
        "后半篇文章,切实发挥审计监督作用,推动全市经济社会高质量发展,为建设现代化新临江提供坚强保障。"
    )
    para2 = "会议要求,各级审计机关要提高政治站位,强化责任担当,把审计整改作为重要政治任务抓紧抓实,确保问题整改到位。"
    width = 16
    wrapped = [body[i : i + width] for i in range(0, len(body), width)] + [
        para2[i : i + width] for i in range(0, len(para2), width)
    ]
    out = _join("强化审计监督\n" + "\n".join(wrapped))
    assert out == ["强化审计监督", body + para2] or out == ["强化审计监督", body, para2]
    assert out[1].startswith("本报讯") and out[-1].endswith("确保问题整改到位。")


def test_layout_keeps_furniture_lines_apart():
    text = "会议还研究了其他事项。(林立)\n\n标签:\n\n市长欧阳青出席会议并讲话,副市长王刚\n\n分享至:"
    assert _join(text) == ["会议还研究了其他事项。(林立)", "标签:", "市长欧阳青出席会议并讲话,副市长王刚", "分享至:"]


def test_layout_keeps_a_pages_first_line_as_its_title():
    text = "9市迎来新书记,多人是博士\n\n梳理中发现,一年以来,全省共有9个市迎来了新任市委书记。"
    assert len(_join(text)) == 2


def test_layout_equal_headline_lengths_among_long_paragraphs_are_no_wrap():
    text = (
        "临江高铁站改造工程正式开工\n今天(3月6日),临江高铁站改造工程正式开工,预计明年6月完工,届时车站年旅客发送能力将大幅提升。\n"
        "临江新增两家专精特新企业\n记者从市工信局获悉,我市新增两家国家级专精特新“小巨人”企业,总数达到12家,居全省前列。\n"
        "临江港集装箱吞吐量创新高\n今年前两个月,临江港完成集装箱吞吐量18万标箱,同比增长15%,创历史同期新高水平。\n"
        "临江举办春季人才招聘会\n昨天(3月5日),临江市春季人才招聘会举行,300多家企业提供岗位8000余个。\n"
        "临江启动春季植树活动\n近日,临江市启动春季义务植树活动,全市将新增造林面积3万亩。"
    )
    assert len(_join(text)) == 10


def test_layout_headline_with_a_colon_stays_over_its_story():
    text = "临江:推进重大项目建设补短板\n开春以来,临江加快传统产业改造升级,各地全力以赴抓开工、抓进度。"
    assert len(_join(text)) == 2
    text = "临江市民调显示:市民高度认同城市更新理念,今年满意度\n达到九成以上。"  # a cut paragraph with a comma joins
    assert len(_join(text)) == 1


def test_layout_hard_wrapped_paragraphs_with_an_indented_first_line_and_a_timestamp_above():
    # the indent takes two of the first line's cells; a timestamp the width happens to fit is not wrapped text
    paras = [
        "1月11日下午,临江市人大常委会主任周明远主持召开市人大常委会第三十三次会议,听取有关工作报告。",
        "会议审议通过了关于临江市第十六届人民代表大会代表的代表资格审查报告,确认代表资格有效。",
        "会上,受市长欧阳青委托,副市长王刚提请人事任免事项,会议以无记名投票方式表决通过了任免名单。",
    ]
    width = 15
    lines = ["临江市人大常委会召开第三十三次会议", "12.01.2017 19:02"]
    for p in paras:
        first = width - 2
        lines += ["  " + p[:first]] + [p[i : i + width] for i in range(first, len(p), width)] + [""]
    out = clean_text("\n".join(lines)).text.split("\n")
    assert out == ["临江市人大常委会召开第三十三次会议", "12.01.2017 19:02", *paras]
    # an indent of four spaces (or two ideographic ones) takes four cells of the first line
    lines = lines[:2]
    for p in paras:
        lines += ["\u3000\u3000" + p[: width - 4]] + [p[i : i + width] for i in range(width - 4, len(p), width)] + [""]
    assert clean_text("\n".join(lines)).text.split("\n") == ["临江市人大常委会召开第三十三次会议", "12.01.2017 19:02", *paras]


def test_layout_joins_a_break_inside_a_credit_and_after_a_dated_first_line():
    out = _join("本报讯(记者\n\n方晓)5月6日,临江市委审计委员会举行第二次会议,研究部署下阶段审计工作。")
    assert out == ["本报讯(记者方晓)5月6日,临江市委审计委员会举行第二次会议,研究部署下阶段审计工作。"]
    # a page that opens with its story's dated first line cut by the column, not with a title
    out = _join("4月8日,州委常委、市委书记周明主\n\n持召开第一季度经济运行分析会。市委常委王刚参加会议。")
    assert out == ["4月8日,州委常委、市委书记周明主持召开第一季度经济运行分析会。市委常委王刚参加会议。"]
