"""Figures on hand-made sentences: values in base units, units, flags, and the traps."""

from yaowen.extract.figures import chinese_number, find_figures


def _figs(text: str) -> list[tuple[float, str, bool, bool]]:
    return [(f.value, f.unit, f.approximate, f.target) for f in find_figures(text)]


def test_figures_money_in_base_units():
    assert _figs("今年已完成对外承包工程营业额821.15万美元,项目总投资约为22亿元,筹集28.7万元。") == [
        (8211500.0, "USD", False, False), (2200000000.0, "CNY", True, False), (287000.0, "CNY", False, False)]


def test_figures_bare_magnitude_and_chinese_numerals():
    assert _figs("千亿元融资助推临江发展。创办了三所中小学和四所幼儿园,两位好人登榜,开展十多场活动。") == [
        (1e11, "CNY", False, False), (3.0, "所", False, False), (4.0, "所", False, False), (2.0, "人", False, False),
        (10.0, "场", True, False)]


def test_figures_people_and_approximations():
    assert _figs("组织驻外人员500余人接种疫苗,近4000名留守儿童受益,300多名党员收看。") == [
        (500.0, "人", True, False), (4000.0, "人", True, False), (300.0, "人", True, False)]


def test_figures_targets_are_not_achievements():
    got = _figs("确保参保率达到100%,缴费补助达到50%以上,接待游客量不超过最大承载量的75%,拟融资600亿元以上。")
    assert got == [(100.0, "%", False, True), (50.0, "%", False, True), (75.0, "%", False, True),
                   (6e10, "CNY", False, True)]


def test_figures_traps_are_not_figures():
    text = (
        "队员将通过14天的集中隔离,近3年来,他有二十多年经验,救了一名80多岁的老人,约10分钟后恢复。"
        "第十三督导组和第15督导组于12月29日、2020年出发,采取“四个一批”方式,坚持“881314”格局,"
        "从五个维度防范风险,打赢两场硬仗,落实中央八项规定,5G网络和4K节目,2020级研究生。"
    )
    assert _figs(text) == []


def test_figures_same_count_repeated_is_one_and_different_amounts_stay():
    text = "衡阳15名队员平安返衡。选调15名流调人员。15名队员完成调查。完成投资额800万美元。新增合同投资额800万美元。"
    assert [(f.value, f.unit) for f in find_figures(text)] == [(15.0, "人"), (8e6, "USD"), (8e6, "USD")]


def test_figures_measure_and_offsets():
    text = "今年已完成对外承包工程营业额821.15万美元。"
    [f] = find_figures(text)
    assert f.measure == "对外承包工程营业额" and text[f.start : f.end] == "821.15万美元"


def test_figures_chinese_number_parser():
    assert [chinese_number(s) for s in ("三", "十", "二十", "三百二十", "一千二百", "两", "三十六")] == [
        3, 10, 20, 320, 1200, 2, 36]


def test_figures_approximation_before_the_magnitude_and_measure_words_that_begin_nouns():
    assert _figs("新增造林9200多万亩,投入资金1400多亿元。八部门印发通知,两部门联合部署,其余8处整改。") == [
        (9.2e7, "亩", True, False), (1.4e11, "CNY", True, False), (8.0, "处", False, False)]


def test_figures_session_numbers_and_idioms_are_not_counts():
    text = ("临江市政协召开十届二十七次主席会议,传达省十一次党代会和市委九届七次全会精神。"
            "会议指出,工作千头万绪,要做好“城乡融合”四篇文章,四套班子唯一一个目标,经济保持两位数增长,汽车零部件产业。")
    assert _figs(text) == []


def test_figures_meetings_held_are_counted():
    assert _figs("今年以来,市政府召开了三次常务会议。") == [(3.0, "次", False, False)]


def test_figures_money_without_its_currency_after_an_investment_word():
    got = find_figures("现场签约项目12个,总投资56.8亿,涵盖装备制造。")
    assert [(f.value, f.unit) for f in got] == [(12.0, "个"), (5.68e9, "CNY")]
    assert got[1].measure.endswith("总投资")


def test_figures_a_breakdown_keeps_each_count_and_a_restated_count_is_one():
    text = "会议选举主任1人,副主任6人,秘书长1人,委员30人。全市选出代表512名。会议确认,当选的512名代表资格有效。"
    assert [(f.value, f.unit) for f in find_figures(text)] == [
        (1.0, "人"), (6.0, "人"), (1.0, "人"), (30.0, "人"), (512.0, "人")]


def test_figures_flags_are_counted_with_mian():
    assert _figs("会场两侧12面鲜艳的红旗迎风招展,要全面推进,两面作战。") == [(12.0, "面", False, False)]


def test_figures_a_count_measures_the_thing_counted_after_it():
    [f] = find_figures("全县53名政协委员参加座谈会。")
    assert f.measure == "全县 政协委员参加座谈会"


def test_figures_a_short_measure_takes_the_subject_of_its_sentence():
    text = "据了解,本次集中签约的12个项目,总投资56.8亿元。常委会组成人员应到40人,实到37人。"
    got = {f.text: f.measure for f in find_figures(text)}
    assert "签约" in got["56.8亿元"] and "总投资" in got["56.8亿元"] and "据了解" not in got["56.8亿元"]
    assert got["37人"].startswith("常委会组成人员") and "实到" in got["37人"]


def test_figures_target_by_the_clause_modality():
    got = [(f.text, f.target) for f in find_figures(
        "累计发放助学金将近300万元。主要包括7条道路。力争产值达到100亿元。参保率已达到98%。")]
    assert got == [("近300万元", False), ("7条", False), ("100亿元", True), ("98%", False)]


def test_figures_a_bare_change_measures_what_the_clause_before_it_counted():
    text = "一季度，临江第一产业3.2亿元，增长4.1%；工业投资18亿元，同比增长12.5%。"
    got = {f.text: f.measure for f in find_figures(text)}
    assert got["4.1%"] == "临江第一产业增长"
    assert got["12.5%"] == "工业投资同比增长"


def test_figures_percentage_points_and_the_spoken_hundred_million():
    assert _figs("全市生产总值增速高于去年同期1.8个百分点。园区总投资3个亿元,力争实现12个亿利税。") == [
        (1.8, "个百分点", False, False), (3e8, "CNY", False, False), (1.2e9, "CNY", False, True)]
    assert _figs("三次产业结构调整为5.1:40.2:54.7,全年开展三次督查。") == [(3.0, "次", False, False)]
