from yaowen.extract.documents import approved_titles
from yaowen.extract.meetings import find_meetings, name_finder, name_unnamed_sessions
from yaowen.extract.people import find_people
from yaowen.model import PersonMention


def _meetings(body: str, stack: str = "", event_date: str | None = "2024-05-06", known: tuple[str, ...] = ()):
    """``known``: names the page gives elsewhere, so a test of who was where does not hang on the name finder."""
    mentions = [PersonMention(m.name, m.titles, "a1", m.start, m.end, m.how) for m in find_people(body)]
    return find_meetings(
        "a1", body, stack, mentions, lambda s, e: approved_titles(body, s, e), event_date,
        lambda mo, d: f"2024-{mo:02d}-{d:02d}", None, name_finder([m.name for m in mentions] + list(known)),
    )


def test_meetings_body_and_ordinal_chair_attendees_approved():
    body = (
        "5月6日,市委审计委员会举行第四次会议,研究部署审计工作。市委书记、市委审计委员会主任周明远主持会议。"
        "市委副书记、市长欧阳青出席。\n会议审议并原则同意《关于2023年度市本级预算执行的审计报告》。\n"
        "市领导王红、李卫东出席。"
    )
    [m] = _meetings(body)
    assert (m.name, m.body, m.ordinal, m.date) == ("市委审计委员会第四次会议", "市委审计委员会", 4, "2024-05-06")
    assert m.chairs == ["周明远"] and m.attendees == ["欧阳青", "王红", "李卫东"]
    assert m.approved == ["关于2023年度市本级预算执行的审计报告"]


def test_meetings_chair_of_convened_meeting_and_speakers_attend():
    body = (
        "5月6日下午,市长欧阳青主持召开市政府2024年第7次常务会议。\n会议强调,要抓好安全生产。\n"
        "副市长杨一峰在会上指出,要压实责任。\n副市长李红参加会议。"
    )
    [m] = _meetings(body)
    assert m.name == "市政府2024年第7次常务会议" and m.body == "市政府" and m.ordinal == 7
    assert m.chairs == ["欧阳青"] and m.attendees == ["杨一峰", "李红"]


def test_meetings_cited_and_scheduled_meetings_are_not_held():
    body = (
        "5月6日,会议传达学习了全国审计工作会议精神,学习贯彻省委全会精神。"
        "会议决定,2024年6月18日召开临江市第十届人民代表大会第三次会议。"
    )
    assert _meetings(body) == []


def test_meetings_side_event_takes_only_its_own_sentence():
    body = (
        "5月2日下午,副市长彭一明率督导组赴高新区督查安全生产工作。5月6日下午,市领导胡水生率督导组赴经开区"
        "召开督导情况反馈会。\n彭一明强调,要立即整改。"
    )
    [m] = _meetings(body, event_date="2024-05-02")
    assert m.name == "督导情况反馈会" and m.date == "2024-05-06" and m.attendees == ["胡水生"]


def test_meetings_unnamed_session_named_by_the_page_note():
    body = "市人大常委会主任段国强主持会议。市人大常委会副主任李飞出席会议。会议审议并通过了《临江市文明条例》。"
    [m] = _meetings(body, event_date=None)
    assert m.name is None and m.chairs == ["段国强"] and m.approved == ["临江市文明条例"]
    page = "(2024年5月6日临江市第十届人大常委会第十五次会议通过)\n" + body
    name_unnamed_sessions([m], page, {"a1": body})
    assert (m.name, m.date, m.ordinal) == ("临江市第十届人大常委会第十五次会议", "2024-05-06", 15)


def test_meetings_video_conference_with_branch_venue():
    body = "5月6日下午,全省安全生产工作视频会议召开。市委副书记廖一在临江分会场参加会议。\n市领导杨金、谢一参加会议。"
    [m] = _meetings(body)
    assert m.name == "全省安全生产工作视频会议" and m.attendees == ["廖一", "杨金", "谢一"]


def test_meetings_organizer_phrase_dropped_and_counted_events_are_not_meetings():
    body = (
        "5月6日,由市委网信办、市农业农村局主办的全市数字乡村建设现场推进会召开。\n"
        "今年以来,全市共举办了52场论坛,组织多个合作论坛。"
    )
    [m] = _meetings(body)
    assert m.name == "全市数字乡村建设现场推进会"


def test_meetings_a_year_before_the_name_is_no_count():
    [m] = _meetings("5月6日,我市召开2024年“双联”工作领导小组(扩大)会议。")
    assert m.name == "2024年“双联”工作领导小组(扩大)会议"


def test_meetings_invited_speaker_attends():
    body = "5月6日,市政协召开专题协商会。\n市住建局局长简宁应邀到会通报情况。"
    [m] = _meetings(body)
    assert m.attendees == ["简宁"]


def test_meetings_a_numbered_sitting_takes_the_name_of_its_session_or_organ_but_not_of_a_place_or_joint_host():
    assert [m.name for m in _meetings("5月6日上午,市十届人大三次会议在会议中心举行第二次全体会议。")] == [
        "市十届人大三次会议第二次全体会议"
    ]
    assert [m.name for m in _meetings("5月6日,市政协召开五届十二次主席会议。")] == ["市政协五届十二次主席会议"]
    assert [m.name for m in _meetings("5月6日,临江市举行劳动模范表彰大会。")] == ["劳动模范表彰大会"]
    assert [m.name for m in _meetings("5月6日,市委、市政府举行在外企业家座谈会。")] == ["在外企业家座谈会"]
    [m] = _meetings("5月6日,县委书记马青主持召开县十届县委常委会第9次会议。")
    assert (m.name, m.ordinal) == ("县十届县委常委会第9次会议", 9)


def test_meetings_opening_sitting_is_named_for_it_and_one_in_the_offing_is_not_held():
    [m] = _meetings("5月6日上午,临江市第五届人民代表大会第三次会议在市会议中心隆重开幕。大会由执行主席马青主持。")
    assert m.name == "临江市第五届人民代表大会第三次会议开幕会" and m.chairs == ["马青"]
    assert _meetings("市政协五届三次全会开幕在即,要切实履职。市政府不举办大型会议。") == []


def test_meetings_chairs_from_every_pattern_and_who_entrusts_is_not_there():
    body = (
        "5月6日,临江市人大常委会举行第9次主任会议。市人大常委会主任马青,常务副主任于兰分别主持会议。\n"
        "市人大常委会副主任钱进、孔明出席。"
    )
    [m] = _meetings(body)
    assert m.chairs == ["马青", "于兰"] and m.attendees == ["钱进", "孔明"]
    body = "5月6日,受市长马青委托,常务副市长于兰主持召开市政府第9次常务会议。副市长钱进参加会议。"
    [m] = _meetings(body)
    assert m.chairs == ["于兰"] and m.attendees == ["钱进"]


def test_meetings_attendees_from_lists_rostrum_oath_and_people_acting_at_the_meeting():
    body = (
        "5月6日,临江市第五届人民代表大会第三次会议举行第二次全体会议。会议由执行主席马青主持。"
        "担任本次大会执行主席的还有:钱进、孔明。\n"
        "市领导于兰、何静在主席台就座。\n"
        "会上,新当选的市人民政府市长吕方进行了宪法宣誓。\n"
        "会上,市委副书记高原、副市长方正等领导代表市委市政府向代表们致以问候。"
    )
    [m] = _meetings(body, known=("钱进", "孔明", "吕方"))
    assert m.chairs == ["马青"]
    assert sorted(m.attendees) == sorted(["钱进", "孔明", "于兰", "何静", "吕方", "高原", "方正"])


def test_meetings_a_side_meeting_takes_only_those_its_own_words_place_there():
    body = (
        "5月6日至7日,市委书记马青率市直部门负责人赴沙洲考察学习。\n"
        "沙洲市委书记钱进,市长孔明陪同考察并出席座谈会。\n"
        "市人大常委会副主任于兰参加考察活动。\n"
        "在5月6日晚召开的座谈会上,马青指出,要深化合作。"
    )
    [m] = _meetings(body)
    assert m.name == "座谈会" and m.date == "2024-05-06" and m.attendees == ["钱进", "孔明", "马青"]


def test_meetings_in_a_chronicle_each_dated_paragraph_is_its_own_event():
    body = (
        "5月3日,马青同志带队赴省直部门衔接工作。钱进同志参加。\n"
        "5月7日,临江港项目开工仪式举行。孔明同志主持。于兰同志出席。\n"
        "5月9日,马青同志在全市安全生产约谈会上强调,要压实责任。何静同志参加。\n"
        "5月11日,市政府提案交办工作会议召开。马青同志出席并讲话。孔明同志主持。"
    )
    got = _meetings(body, event_date="2024-05-03", known=("马青", "钱进", "孔明", "于兰", "何静"))
    assert [(m.name, m.date, m.chairs, m.attendees) for m in got] == [
        ("全市安全生产约谈会", "2024-05-09", [], ["马青", "何静"]),
        ("市政府提案交办工作会议", "2024-05-11", ["孔明"], ["马青"]),
    ]


def test_meetings_joint_sitting_shares_the_roles_and_a_bare_conference_takes_its_business():
    body = (
        "5月6日,市委书记马青主持召开了市委五届第20次常委会会议。会议同时套开了市防汛抗旱指挥部第5次会议。"
        "市委副书记、市长钱进出席会议。"
    )
    first, second = _meetings(body)
    assert second.name == "市防汛抗旱指挥部第5次会议"
    assert first.chairs == second.chairs == ["马青"] and first.attendees == second.attendees == ["钱进"]
    [m] = _meetings("5月6日,市政府召开视频会,安排部署全市防汛抗旱工作。")
    assert m.name == "全市防汛抗旱工作视频会"


def test_meetings_named_only_in_the_headline_or_as_a_talk():
    body = "(紧接第1版)会议要求,各位常委要带头讲政治、守规矩,遵守政治纪律、会议纪律和保密纪律。市政协主席马青主持会议。"
    [m] = _meetings(body, stack="市政协召开五届九次常委会会议")
    assert m.name == "市政协五届九次常委会会议" and m.chairs == ["马青"]
    assert _meetings("保护视力色:收藏", stack="市政协召开五届九次常委会会议") == []  # a headline over no report
    body = "5月6日,市长马青与来临调研的省工商联副主席钱进一行座谈。副市长孔明参加座谈。"
    [m] = _meetings(body, stack="马青与省工商联副主席钱进座谈")
    assert m.name == "马青与省工商联副主席钱进座谈" and m.chairs == [] and m.attendees == ["马青", "钱进", "孔明"]


def test_meetings_approved_back_references_and_a_modifier_before_the_titles():
    body = (
        "5月6日,市长马青主持召开市政府第9次常务会议。会议听取了关于《临江市河道管理条例(草案)》的汇报,"
        "审议并原则通过了该《条例》草案。会议听取了关于《临江市停车管理办法》《临江市养犬管理办法》的汇报,"
        "审议通过了这两个办法。会议讨论并通过了拟向省政府提出的《关于支持临江港建设的建议》。"
    )
    [m] = _meetings(body)
    assert m.approved == [
        "临江市河道管理条例(草案)", "临江市停车管理办法", "临江市养犬管理办法", "关于支持临江港建设的建议"
    ]


def test_meetings_not_held_a_venue_a_reference_or_a_count():
    body = (
        "5月6日,临江剧开播仪式在临江会议展览中心举行。节目立足于古田会议召开后涌现的作品。"
        "活动期间还举办了绿色发展、数字赋能等多项专题论坛。全市9个县区分别召开了人民代表大会。"
    )
    assert _meetings(body) == []
    [m] = _meetings("5月6日,在临江举行的临江市在外乡贤恳谈会宾朋满座。")
    assert m.name == "临江市在外乡贤恳谈会"


def test_meetings_a_comrade_named_before_同志_chairs_but_a_quoted_national_leader_is_not_there():
    body = "5月6日,全市防汛工作会议召开。马青同志主持。习近平总书记指出,要坚持人民至上。钱进同志强调,要压实责任。"
    mentions = [
        PersonMention("马青", [], "a1", body.index("马青"), body.index("马青") + 2, "name_post"),
        PersonMention("习近平", ["总书记"], "a1", body.index("习近平"), body.index("习近平") + 3, "name_post"),
        PersonMention("钱进", [], "a1", body.index("钱进"), body.index("钱进") + 2, "name_post"),
    ]
    [m] = find_meetings("a1", body, "", mentions, lambda s, e: [], "2024-05-06", lambda mo, d: None)
    assert m.chairs == ["马青"] and m.attendees == ["钱进"]


def test_meetings_a_dated_speech_at_a_meeting_reports_it_and_presenters_attend():
    body = (
        "本报讯(记者 王一)5月6日,市委书记马青在全市劳动模范表彰大会上强调,要弘扬劳模精神。"
        "市长钱进为劳模颁奖。会议指出,习近平总书记在全国劳动模范表彰大会上强调,劳动最光荣。"
    )
    [m] = _meetings(body)
    assert m.name == "全市劳动模范表彰大会" and m.attendees == ["马青", "钱进"]


def test_meetings_a_study_session_of_a_group_named_for_study_and_a_list_after_还有():
    [m] = _meetings("5月6日,市委理论学习中心组举行2024年第3次集体学习。市委书记马青主持并讲话。")
    assert (m.name, m.ordinal, m.chairs) == ("市委理论学习中心组2024年第3次集体学习", 3, ["马青"])
    [m] = _meetings("5月6日,市政协召开十届二十次常委会议。出席会议的市政协领导还有钱进、孔明。", known=("钱进", "孔明"))
    assert m.name == "市政协十届二十次常委会议" and m.attendees == ["钱进", "孔明"]


def test_meetings_a_bare_meeting_takes_the_name_of_any_organ_that_holds_it():
    assert [m.name for m in _meetings("5月6日,市人大常委会机关召开会议,传达学习省两会精神。")] == ["市人大常委会机关会议"]
    assert [m.name for m in _meetings("5月6日,市发展和改革委员会召开会议,研究项目建设。")] == ["市发展和改革委员会会议"]
    assert [m.name for m in _meetings("5月6日,市委、市政府召开会议,研究防汛工作。")] == ["市委、市政府会议"]


def test_meetings_a_delegation_sitting_takes_its_name_and_a_verb_with_its_own_object_names_no_meeting():
    [m] = _meetings("5月6日,临江代表团举行全体会议,审议政府工作报告。省委常委、市委书记马青参加审议。", known=("马青",))
    assert m.name == "临江代表团全体会议" and m.attendees == ["马青"]
    [m] = _meetings("5月6日,市委常委会召开2024年度民主生活会。市委书记马青主持会议。")
    assert m.name == "市委常委会2024年度民主生活会" and m.chairs == ["马青"]


def test_meetings_a_paragraph_opening_with_a_deadline_is_no_new_event():
    body = (
        "5月6日,市政府召开第9次常务会议。市长马青主持会议。\n"
        "6月30日前,各地要完成隐患排查。\n"
        "副市长钱进、孔明出席会议。"
    )
    [m] = _meetings(body, known=("钱进", "孔明"))
    assert m.chairs == ["马青"] and m.attendees == ["钱进", "孔明"]


def test_meetings_a_committee_by_its_short_name_names_its_sitting():
    [m] = _meetings("临江市安委会召开第三次全体会议,市长欧阳青主持会议。")
    assert m.name == "临江市安委会第三次全体会议" and m.chairs == ["欧阳青"]
