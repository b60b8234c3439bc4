"""Meetings and who was at them as the story around them says (fictional 临江 texts written for these tests):
sittings a session holds one after another, a report that opens on a scene, a group and its leader, a group
named by its people, names run together, group sittings of a session, a forum named for its purpose."""

from test_meeting_forms import _meetings, _names


def test_sittings_a_session_holds_first_and_after_its_agenda_each_take_what_follows():
    body = (
        "5月6日上午,政协临江市第五届委员会第二次会议圆满完成各项议程,在市会议中心闭幕。\n"
        "大会首先举行选举大会。马青、钱进、孔明在主席台前排就坐。马青主持选举大会。"
        "大会审议通过了《政协临江市第五届委员会第二次会议选举办法》。\n"
        "上午11时,大会在完成各项议程后,举行闭幕大会。于兰、钱进、马青在主席台前排就座。大会由钱进主持。"
    )
    elect, close = _meetings(body, known=("马青", "钱进", "孔明", "于兰"))
    assert elect.name.endswith("选举大会") and elect.chairs == ["马青"] and elect.attendees == ["钱进", "孔明"]
    assert elect.approved == ["政协临江市第五届委员会第二次会议选举办法"]
    assert close.name.endswith("闭幕大会") and close.chairs == ["钱进"] and close.attendees == ["于兰", "马青"]
    assert close.approved == []


def test_a_report_opening_on_a_scene_is_about_the_first_meeting_it_reports_held():
    body = (
        "“大家先忙,我去开个会。”5月6日下午,临江市青山村党支部书记交代完村里的事,便往镇上赶。\n"
        "晚上8时,镇会议室坐满了人,200多名群众参加党代会精神宣讲报告会。台上是市委宣传部副部长马文青作宣讲。"
        "马文青首先介绍了大会盛况。"
    )
    [m] = _meetings(body)
    assert m.name == "党代会精神宣讲报告会" and m.attendees == ["马文青"]


def test_who_led_the_group_that_calls_a_meeting_is_at_it():
    body = (
        "5月6日至7日,省政协副主席马文青率调研组赴临江市开展生态环境保护民主监督。市委书记钱明远等参加有关活动。\n"
        "调研组一行考察了临江湿地公园。\n7日下午,调研组召开生态环境保护民主监督工作座谈会,听取了情况介绍。"
    )
    [m] = _meetings(body)
    assert m.name == "生态环境保护民主监督工作座谈会" and m.attendees == ["马文青"]


def test_names_run_together_in_a_list_are_read_where_the_page_names_them_apart():
    body = (
        "5月6日下午,政协临江市第五届委员会第二次会议举行联组协商议政会。市领导马青钱文博、孔明等参加。\n"
        "市委常委、宣传部部长马青,副市长钱文博认真听取了委员们的发言。市政协副主席孔明主持会议。"
    )
    [m] = _meetings(body)
    assert m.chairs == ["孔明"] and m.attendees == ["马青", "钱文博"]


def test_a_group_the_lead_names_by_its_people_speaks_at_the_meeting_as_a_group():
    body = (
        "5月6日,马文青、钱文博、孔德明等市级老同志深入临江新区参观视察。副市长于兰参加并主持召开座谈会。\n"
        "座谈会上,老同志们纷纷畅所欲言,提出了意见和建议。"
    )
    [m] = _meetings(body, known=("马文青", "钱文博", "孔德明"))
    assert m.chairs == ["于兰"] and m.attendees == ["马文青", "钱文博", "孔德明"]
    # without a word of the group at the meeting, a visit places no one there
    [m] = _meetings(body.replace("老同志们", "大家"), known=("马文青", "钱文博", "孔德明"))
    assert m.attendees == []


def test_group_sittings_of_a_session_and_a_delegation_reported_as_the_lead():
    body = "5月6日,市政协五届三次会议各界别分组讨论政府工作报告。市领导马文青、钱文博参加讨论。"
    [m] = _meetings(body, known=("马文青", "钱文博"))
    assert m.name == "市政协五届三次会议分组讨论" and m.attendees == ["马文青", "钱文博"]
    body = "5月6日,出席市五届人大三次会议的青山代表团分组审议政府工作报告。马文青、钱文博等代表踊跃发言。"
    [m] = _meetings(body, known=("马文青", "钱文博"))
    assert m.name == "青山代表团分组审议" and m.attendees == ["马文青", "钱文博"]
    # a visitor's verb in front is the visitor's, not the delegation's name
    [m] = _meetings("5月6日,市长马文青参加青山代表团分组审议。")
    assert m.name == "青山代表团分组审议"


def test_a_bare_forum_held_to_consult_someone_is_named_for_it():
    body = "5月6日,市政府在市政协大楼召开座谈会,征求政协委员意见。市领导马文青、钱文博等参加会议。"
    [m] = _meetings(body, known=("马文青", "钱文博"))
    assert m.name == "征求政协委员意见座谈会" and m.attendees == ["马文青", "钱文博"]
    assert _names("5月6日,市政府召开座谈会,征求意见。") == ["市政府座谈会"]
