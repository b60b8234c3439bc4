from yaowen.extract.documents import approved_titles
from yaowen.extract.meetings import find_meetings, name_unnamed_sessions
from yaowen.extract.people import find_people
from yaowen.model import PersonMention


def _meetings(body: str, stack: str = "", event_date: str | None = "2024-05-06"):
    mentions = [PersonMention(m.name, m.titles, "a1", m.start, m.end, m.how) for m in find_people(body)]
    return find_meetings(
        "a1", body, stack, mentions, lambda s, e: approved_titles(body, s, e), event_date,
        lambda mo, d: f"2024-{mo:02d}-{d:02d}",
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
