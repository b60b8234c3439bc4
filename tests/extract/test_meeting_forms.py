"""Meetings in the many forms official news reports them (fictional 临江 texts written for these tests)."""

from yaowen.extract.documents import approved_titles
from yaowen.extract.meeting_ids import compatible
from yaowen.extract.meetings import find_meetings, name_finder
from yaowen.extract.people import find_people
from yaowen.model import PersonMention


def _meetings(body: str, stack: str = "", event_date: str | None = "2024-05-06", known: tuple[str, ...] = ()):
    mentions = [PersonMention(m.name, m.titles, "a1", m.start, m.end, m.how) for m in find_people(body)]
    return find_meetings(
        "a1", body, stack, mentions, lambda s, e: approved_titles(body, s, e), event_date,
        lambda mo, d: f"2024-{mo:02d}-{d:02d}", None, name_finder([m.name for m in mentions] + list(known)),
    )


def _names(body: str, **kw) -> list[str | None]:
    return [m.name for m in _meetings(body, **kw)]


def test_a_meeting_decided_planned_or_recalled_is_not_held():
    body = (
        "5月6日,市人大常委会召开第二十一次主任会议。会议决定市十届人大常委会第十二次会议于5月29日召开。"
        "会议要求,要尽快召开全市安全生产大会。市委书记马青指出,去年召开的全市教育大会明确了目标。"
    )
    assert _names(body) == ["市人大常委会第二十一次主任会议"]
    assert _names("5月6日,市政协召开主席会议。会议决定,市政协五届三次会议于5月20日召开。") == ["市政协主席会议"]
    assert _names("5月6日,市委常委会召开会议。临江市第五届人民代表大会第三次会议将于5月20日开幕。") == ["市委常委会会议"]


def test_a_session_closing_after_its_agenda_is_its_closing_sitting():
    body = "5月6日下午,临江市第五届人民代表大会第三次会议圆满完成各项议程后胜利闭幕。大会执行主席马青主持闭幕会。"
    [m] = _meetings(body)
    assert m.name == "临江市第五届人民代表大会第三次会议闭幕会" and m.chairs == ["马青"]
    body = "5月6日,中国共产党临江市第五次代表大会在圆满完成各项议程后胜利闭幕。马青主持闭幕大会并讲话。"
    [m] = _meetings(body, known=("马青",))
    assert m.name == "中国共产党临江市第五次代表大会闭幕会" and m.chairs == ["马青"]


def test_a_session_discussing_in_groups_is_one_meeting():
    body = "5月6日下午,市政协五届三次会议分组讨论政府工作报告。市委书记马青、市长钱进分别参加分组讨论。"
    [m] = _meetings(body)
    assert m.name == "市政协五届三次会议分组讨论" and m.attendees == ["马青", "钱进"]


def test_long_and_short_names_of_one_sitting_are_one_meeting():
    assert compatible("中共临江市委五届六次全会", "中国共产党临江市第五届委员会第六次全体会议")
    assert compatible("市五届人大三次会议开幕会", "临江市第五届人民代表大会第三次会议开幕会")
    assert compatible("政协临江市第五届委员会第三次会议", "市政协五届三次会议")
    assert not compatible("临江市委第一次全体会议", "云州市委第一次全体会议")
    body = (
        "5月6日,中国共产党临江市第五届委员会第六次全体会议在市会议中心举行。全会由市委常委会主持。"
        "市委常委马青、钱进在主席台就座。"
    )
    [m] = _meetings(body, stack="中共临江市委五届六次全会召开")
    assert m.name == "中国共产党临江市第五届委员会第六次全体会议" and m.attendees == ["马青", "钱进"]


def test_a_leading_group_or_team_names_its_meeting():
    [m] = _meetings("5月6日,市委常委班子召开2023年度专题民主生活会。市委书记马青主持会议。")
    assert m.name == "市委常委班子2023年度专题民主生活会" and m.chairs == ["马青"]


def test_the_headline_gives_the_holder_a_body_name_lacks_or_a_name_for_a_bare_meeting():
    body = "5月6日,市人大常委会党组书记、主任马青主持召开党组会议,传达学习全国两会精神,研究贯彻落实意见和近期工作安排。"
    [m] = _meetings(body, stack="市人大常委会党组召开会议")
    assert m.name == "市人大常委会党组会议" and m.chairs == ["马青"]
    body = "5月6日,市长马青主持召开会议,研究部署防汛工作。副市长钱进出席,市直有关部门主要负责人参加会议。"
    [m] = _meetings(body, stack="市政府召开第二十二次常务会议")
    assert m.name == "市政府第二十二次常务会议" and m.chairs == ["马青"] and m.attendees == ["钱进"]


def test_attendees_in_parentheses_and_at_an_opening_sitting():
    [m] = _meetings("5月6日,全市乡村振兴工作会议召开(市委副书记马青、副市长钱进出席)。")
    assert m.name == "全市乡村振兴工作会议" and m.attendees == ["马青", "钱进"]
    body = "5月6日,全市领导干部专题读书班开班。市委书记马青出席开班式并作辅导报告。市委副书记钱进主持开班式。"
    [m] = _meetings(body)
    assert m.name == "全市领导干部专题读书班" and m.chairs == ["钱进"] and m.attendees == ["马青"]


def test_speakers_named_in_a_list_with_posts_attend():
    body = (
        "5月6日,全市作风建设大会召开。市委书记马青出席并讲话。江口县委书记钱进、市财政局局长孔明、"
        "高新区党工委书记于兰分别作表态发言。临江钢铁集团董事长何静、临江农商银行行长吕方等企业家代表先后发言。"
        "市委常委、常务副市长高原部署下阶段工作。"
    )
    [m] = _meetings(body)
    assert m.attendees == ["马青", "钱进", "孔明", "于兰", "何静", "吕方", "高原"]


def test_a_chair_is_only_who_the_verb_is_about():
    body = "5月6日,全市劳动模范表彰大会召开。市委书记马青出席并讲话,市委副书记钱进宣读表彰决定,市总工会主席孔明主持大会。"
    [m] = _meetings(body)
    assert m.chairs == ["孔明"] and m.attendees == ["马青", "钱进"]


def test_lists_after_与会_and_a_sentence_of_only_a_label_and_names():
    body = "5月6日,全市统战工作会议召开。市委书记马青出席并讲话。与会市领导还有钱进、孔明。"
    [m] = _meetings(body, known=("钱进", "孔明"))
    assert m.attendees == ["马青", "钱进", "孔明"]
    body = "5月6日,全市教育工作会议召开。市长马青主持会议。会议表彰了一批先进集体。\n市领导钱进、孔明、于兰。"
    [m] = _meetings(body)
    assert m.chairs == ["马青"] and m.attendees == ["钱进", "孔明", "于兰"]


def test_a_meeting_held_after_another_takes_what_follows():
    body = (
        "5月6日,市委常委会召开会议,传达学习全国两会精神。市委书记马青主持会议。市领导钱进、孔明出席。\n"
        "会后,市委理论学习中心组举行专题学习。省委党校教授何一帆作专题辅导。"
    )
    first, second = _meetings(body)
    assert first.chairs == ["马青"] and first.attendees == ["钱进", "孔明"]
    assert second.name == "市委理论学习中心组专题学习" and second.attendees == ["何一帆"]


def test_a_promotion_joined_with_a_signing_is_one_meeting():
    body = "5月6日,临江市在深圳举行投资环境推介会暨项目签约会。市委书记马青出席并致辞。深圳市临江商会会长钱进出席。"
    [m] = _meetings(body)
    assert m.name == "投资环境推介会暨项目签约会" and m.attendees == ["马青", "钱进"]


def _dated(body: str, issue: str = "2024-05-07", event: str | None = None):
    mentions = [PersonMention(m.name, m.titles, "a1", m.start, m.end, m.how) for m in find_people(body)]
    return find_meetings(
        "a1", body, "", mentions, lambda s, e: approved_titles(body, s, e), event,
        lambda mo, d: f"2024-{mo:02d}-{d:02d}", issue,
    )


def test_a_meeting_takes_the_day_its_own_sentence_gives_it():
    [m] = _dated("临江市第五届人民代表大会常务委员会第九次会议6日在市会议中心举行。")
    assert m.date == "2024-05-06"
    [m] = _dated("临江市第五届人民代表大会常务委员会第九次会议28日在市会议中心举行。")
    assert m.date == "2024-04-28"  # a day after the page's own is last month's
    [m] = _dated("今天(5月7日),全市文化旅游发展大会在江口县开幕。", event=None)
    assert (m.name, m.date) == ("全市文化旅游发展大会开幕会", "2024-05-07")
    [m] = _dated("5月5日到6日,全市数字乡村建设现场推进会在江口县举行。", event="2024-05-05")
    assert m.date == "2024-05-05"  # an event of several days takes its first


def test_a_meeting_the_page_dates_after_itself_is_scheduled():
    assert _dated("临江发展大会将于5月20日至22日在临江举行。临江发展大会5月20日至22日在临江举行。") == []


def test_events_counted_habitual_or_expected_are_no_meeting():
    body = (
        "5月6日,首届临江动画周开幕,围绕8个主题单元举办论坛、展览、展映等活动。临江已经连续三年举办旅游发展大会。"
        "预计1500多位代表参加论坛。"
    )
    assert _dated(body) == []


def test_names_lose_a_theme_phrase_a_stray_quote_mark_and_who_attended():
    [m] = _dated("5月6日,主题为“智造临江”的2024临江制造业大会开幕。")
    assert m.name == "2024临江制造业大会开幕会"
    [m] = _dated("5月6日,临江消费季启动。活动当晚还举办了“第二届临江消费论坛”。")
    assert m.name == "第二届临江消费论坛"
    [m] = _dated("5月6日,第九届临江沙漠论坛在江口县开幕。300多位嘉宾参加了论坛开幕。")
    assert m.name == "第九届临江沙漠论坛开幕会"


def test_a_press_conference_named_twice_is_one():
    body = "5月6日,市人大常委会法工委等五部门共同举办新闻发布会,介绍《临江市文明条例》实施情况。"
    mentions: list[PersonMention] = []
    got = find_meetings("a1", body, "多部门举办文明条例实施发布会", mentions, lambda s, e: [], "2024-05-06",
                        lambda mo, d: f"2024-{mo:02d}-{d:02d}")
    assert [m.name for m in got] == ["文明条例实施发布会"]


def test_approval_after_the_titles_or_of_the_one_just_named():
    body = (
        "5月6日,市长马青主持召开市政府第二十三次常务会议。会议听取了关于《临江市物业管理办法(草案)》起草情况的汇报,"
        "原则同意该办法。会议审议了《临江市停车场管理规定》,原则同意,待修改完善后印发实施。"
        "会议审议了《临江市养犬管理规定》,要求进一步修改完善。会议同意《临江市供水价格调整方案》。"
        "会议同意将《临江市河道保护条例(草案)》提请市人大常委会审议。"
    )
    [m] = _meetings(body)
    assert m.approved == ["临江市物业管理办法(草案)", "临江市停车场管理规定", "临江市供水价格调整方案"]


def test_a_lead_reports_its_own_day_after_a_cited_one():
    body = "为贯彻落实4月28日全省安全生产工作会议精神,5月6日,市委书记马青主持召开市委常委会会议。\n市长钱进出席会议。"
    [m] = _meetings(body)
    assert m.date == "2024-05-06" and m.chairs == ["马青"] and m.attendees == ["钱进"]


def test_members_who_relay_arrange_or_demand_speak_at_the_meeting():
    body = (
        "5月6日,市委常委会召开会议。市委书记马青主持会议。市委副书记钱进传达了全省组织工作会议精神。"
        "市委常委孔明就下一步工作作出安排。市委常委于兰对全市统战工作提出要求。市委常委何静在发言中指出,要压实责任。"
    )
    [m] = _meetings(body)
    assert m.attendees == ["钱进", "孔明", "于兰", "何静"]


def test_a_speech_at_a_meeting_reported_by_the_headline_or_the_lead_holds_it():
    body = "本报讯 市长马青在全市春季农业生产现场会上要求,要抢抓农时。副市长钱进主持会议。"
    [m] = _meetings(body, stack="马青在全市春季农业生产现场会上要求 抢抓农时确保春耕生产顺利推进")
    assert m.name == "全市春季农业生产现场会" and m.chairs == ["钱进"] and m.attendees == ["马青"]
    [m] = _meetings("日前,市委书记马青在全市优化营商环境大会上强调,要对标一流。市长钱进主持会议。", event_date=None)
    assert m.name == "全市优化营商环境大会" and m.chairs == ["钱进"]
    assert _meetings("马青指出,正如他在全市优化营商环境大会上强调的那样,要对标一流。习近平总书记在全国科技大会上强调,要创新。") == []


def test_in_a_digest_each_headed_item_is_its_own_event():
    body = (
        "5月6日,市政府新闻办举行新闻发布会,介绍一季度经济运行情况。\n"
        "临江港新航线开通\n"
        "今天(5月6日),临江港至云州港集装箱航线开通。港务集团董事长马青表示,航线将降低物流成本。"
    )
    [m] = _meetings(body)
    assert m.name == "市政府新闻办新闻发布会" and m.attendees == []


def test_a_sitting_of_the_session_the_headline_names_and_a_second_sitting_named_for_it():
    body = (
        "5月6日,市五届人大常委会举行第九次会议第一次全体会议。市人大常委会主任马青主持会议。\n"
        "5月7日,会议举行第二次全体会议。会议表决通过了《临江市城市绿化条例》。"
    )
    first, second = _meetings(body, stack="临江市五届人大常委会举行第九次会议")
    assert (first.name, first.chairs) == ("市五届人大常委会第九次会议第一次全体会议", ["马青"])
    assert (second.name, second.date, second.approved) == (
        "市五届人大常委会第九次会议第二次全体会议", "2024-05-07", ["临江市城市绿化条例"])


def test_who_reported_to_a_meeting_held_during_a_visit_was_there():
    body = (
        "5月6日,市委书记马青深入江口县调研。市委常委钱进陪同调研。\n"
        "在随后召开的座谈会上,马青听取了江口县委书记孔明、县长于兰的工作汇报。马青指出,要做强特色产业。"
    )
    [m] = _meetings(body)
    assert m.name == "座谈会" and m.attendees == ["马青", "孔明", "于兰"]
    body = (
        "5月6日,市人大常委会召开主任会议。会议听取了市人大常委会代表资格审查委员会关于"
        "《关于提请罢免马青临江市人大代表职务的议案》的审查意见。"
    )
    [m] = _meetings(body, known=("马青",))
    assert m.attendees == []


def test_an_excerpt_cut_inside_a_list_of_those_present():
    body = "5月6日,市政府召开视频会,安排部署全市安全生产工作。市长马青强调,要压实责任。\n钱进、孔明、于兰、何"
    [m] = _meetings(body, known=("钱进", "孔明", "于兰"))
    assert m.attendees == ["马青", "钱进", "孔明", "于兰"]
    body = "5月6日,全市劳动模范表彰大会召开。市长马青出席。大会表彰了钱进、孔明、于兰、何"
    [m] = _meetings(body, known=("钱进", "孔明", "于兰"))
    assert m.attendees == ["马青"]


def test_meeting_words_of_organs_and_study_and_how_a_session_ends():
    assert _names("5月6日,市财政局召开局务会,研究部署预算管理工作。") == ["市财政局局务会"]
    assert _names("5月6日,市委理论学习中心组开展第三次集中学习。") == ["市委理论学习中心组第三次集中学习"]
    assert _names("5月6日,第五届临江发展论坛在江口县落下帷幕。") == ["第五届临江发展论坛闭幕会"]
    assert _names("5月6日,临江发展论坛开幕,首次开展中小企业对接会。") == ["临江发展论坛开幕会"]


def test_games_and_shows_named_大会_are_no_meeting():
    assert _names("5月6日,临江市第五届全民健身运动大会开幕。5月6日,全市龙舟大会在临江举行。") == []
    assert _names("5月6日,市文旅局组织开展的全市广场舞大会成果展示活动在江口县举办。") == []


def test_when_where_and_how_between_a_meeting_and_its_verb():
    for body in (
        "全市春季农业生产工作会议日前召开。",
        "全市春季农业生产工作会议近日在江口县隆重召开。",
        "全市春季农业生产工作会议于5月6日至7日召开。",
        "全市春季农业生产工作会议以视频形式召开。",
        "全市春季农业生产工作会议再次召开。",
    ):
        assert _names(body) == ["全市春季农业生产工作会议"], body
    assert _names("2024临江制造业大会6日至7日在临江举行。") == ["2024临江制造业大会"]


def test_who_follows_a_video_conference_at_a_branch_venue_or_comes_to_guide_attends():
    body = "5月6日,全省安全生产电视电话会议召开。市委副书记、市长马青,副市长钱进在临江分会场收听收看。"
    [m] = _meetings(body)
    assert m.attendees == ["马青", "钱进"]
    [m] = _meetings("5月6日,全市安全生产工作会议召开。省应急管理厅副厅长孔明莅临指导。")
    assert m.attendees == ["孔明"]


def test_a_talk_held_after_a_call_is_a_meeting_and_the_call_is_not():
    assert [m.name for m in _meetings("5月6日,市委书记马青会见了华南集团董事长钱进一行。会见后,双方举行座谈。")] == ["座谈会"]
    assert _meetings("5月6日,市委书记马青会见了华南集团董事长钱进一行。副市长孔明参加会见。") == []


def test_a_speech_at_a_meeting_by_someone_named_with_posts():
    [m] = _meetings("5月6日,在全市优化营商环境大会上,市委副书记、市长马青强调,要对标一流。")
    assert m.name == "全市优化营商环境大会" and m.attendees == ["马青"]
    [m] = _meetings("在今天(5月6日)的市政府新闻办新闻发布会上,市统计局负责人表示,经济运行稳中向好。")
    assert m.name == "市政府新闻办新闻发布会"


def test_a_meeting_of_those_attending_a_congress_is_named_for_the_congress():
    body = "5月6日下午,出席中国共产党临江市第五次代表大会的各代表团召集人会议召开。马青主持会议。"
    [m] = _meetings(body, known=("马青",))
    assert m.name == "中国共产党临江市第五次代表大会各代表团召集人会议" and m.chairs == ["马青"]


def test_a_meeting_that_is_business_or_an_addressee_is_not_held():
    body = (
        "5月6日,市人大常委会召开第九次会议。会议审议了召开市五届人大三次会议的有关事项。"
        "会议要求,对该条例进行完善后按程序提交市人大常委会审议。"
    )
    assert _names(body) == ["市人大常委会第九次会议"]


def test_a_closing_sitting_named_as_a_noun_is_no_report_of_one():
    body = "5月6日,市人大常委会机关召开会议。会议学习了市委书记马青在市五届人大三次会议闭幕会上的讲话。"
    assert _names(body) == ["市人大常委会机关会议"]


def test_those_who_are_a_noun_after_a_role_word_place_no_one():
    body = "5月6日,中国共产党临江市第五次代表大会举行代表团召集人会议。马青主持会议。另有58名列席人员参加会议。"
    assert _names(body) == ["中国共产党临江市第五次代表大会代表团召集人会议"]


def test_the_headline_names_the_body_meeting_in_a_short_form():
    body = "5月6日上午,临江市工人文化宫隆重举行临江市劳动模范、先进工作者和模范集体表彰大会。市委书记马青出席并讲话。"
    [m] = _meetings(body, stack="临江市劳模表彰大会隆重举行")
    assert m.name == "临江市劳动模范、先进工作者和模范集体表彰大会" and m.attendees == ["马青"]


def test_who_attends_and_chairs_is_a_chair():
    body = "5月6日,市级老同志参观临江新区。副市长马青参加并主持召开座谈会。"
    [m] = _meetings(body)
    assert m.chairs == ["马青"] and m.attendees == []


def test_who_joins_a_visit_is_not_at_its_meeting_named_for_it():
    body = (
        "5月6日,省政协调研组赴临江开展民主监督调研。市委书记马青参加有关活动。省政协委员钱进、孔明参加调研。\n"
        "6日下午,调研组召开民主监督调研座谈会。"
    )
    [m] = _meetings(body)
    assert "钱进" not in m.attendees and "孔明" not in m.attendees


def test_a_meeting_held_on_a_spirit_is_held():
    body = "“我去开个会。”5月6日,马青交代完便出门。\n晚上,300多人聚集一堂,参加省第十次党代会精神宣讲报告会。"
    assert _names(body) == ["省第十次党代会精神宣讲报告会"]
    body = "5月6日,市委常委会召开会议。市委书记马青参加了学习省委全会精神。"
    assert _names(body) == ["市委常委会会议"]


def test_a_cppcc_group_session_for_deliberation_is_a_meeting():
    body = "5月6日下午,政协临江市第五届委员会第三次会议举行联组协商议政会。市政协副主席马青主持联组协商议政会。"
    [m] = _meetings(body)
    assert m.name == "政协临江市第五届委员会第三次会议联组协商议政会" and m.chairs == ["马青"]


def test_who_calls_a_meeting_is_at_it():
    body = "5月6日,市委书记马青山深入临江新区调研。下午,马青山冒雨查看了港区工地,并召开项目推进会,听取各方汇报。"
    [m] = _meetings(body)
    assert m.name == "项目推进会" and m.chairs == [] and m.attendees == ["马青山"]
    body = "5月6日,市委书记马青主持召开项目推进会。会议决定召开全市项目建设大会。"
    [m] = _meetings(body)
    assert m.chairs == ["马青"] and m.attendees == []


def test_a_sitting_a_session_holds_is_named_for_the_session():
    body = (
        "5月6日上午,政协临江市第五届委员会第三次会议圆满完成各项议程。大会首先举行选举大会。马青山主持选举大会。"
        "上午11时,大会在完成各项议程后,举行闭幕大会。"
    )
    names = _names(body, known=("马青山",))
    assert names == ["政协临江市第五届委员会第三次会议选举大会", "政协临江市第五届委员会第三次会议闭幕大会"]
