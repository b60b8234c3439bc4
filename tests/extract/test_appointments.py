from yaowen.extract.appointments import find_appointments


def _got(text: str, stack: str = "") -> list[tuple[str, str, str]]:
    return [(a.person, a.post, a.kind) for a in find_appointments(text, "a1", stack)]


def test_appointments_appoint_acting_remove_elect():
    text = (
        "会议任命胡建国为临江市中级人民法院副院长,并决定胡建国为临江市中级人民法院代理院长。"
        "会议决定刘兴副检察长为临江市人民检察院代理检察长。会议决定免去王大明的临江市财政局局长职务。"
        "李小红当选为临江市政协主席。会议还通过了其他有关人事任免事项。"
    )
    got = _got(text)
    assert got == [
        ("胡建国", "临江市中级人民法院副院长", "appoint"),
        ("胡建国", "临江市中级人民法院代理院长", "acting"),
        ("刘兴", "临江市人民检察院代理检察长", "acting"),
        ("王大明", "临江市财政局局长", "remove"),
        ("李小红", "临江市政协主席", "elect"),
    ]


def test_appointments_list_of_names_and_name_before_为():
    got = [(a.person, a.post) for a in find_appointments("会议任命张三、李四为临江市副市长。")]
    assert got == [("张三", "临江市副市长"), ("李四", "临江市副市长")]


def test_appointments_resignation_accepted_is_a_removal_and_acting_post_takes_the_organ():
    text = (
        "会议决定接受周文辞去临江市人民政府市长职务的请求,决定任命马丽为临江市人民政府副市长,"
        "并决定马丽代理市长职务。"
    )
    assert _got(text) == [
        ("周文", "临江市人民政府市长", "remove"),
        ("马丽", "临江市人民政府副市长", "appoint"),
        ("马丽", "临江市人民政府代理市长", "acting"),
    ]


def test_appointments_one_verb_governs_several_clauses_and_a_post_list():
    text = (
        "会议任命孔明为临江市中级人民法院副院长、代理院长,孙立为临江市人民检察院副检察长。"
        "大会选举吕方为临江市人民政府市长;选举钱进为临江市中级人民法院院长、于兰为临江市人民检察院检察长。"
    )
    assert _got(text) == [
        ("孔明", "临江市中级人民法院副院长", "appoint"),
        ("孔明", "临江市中级人民法院代理院长", "acting"),
        ("孙立", "临江市人民检察院副检察长", "appoint"),
        ("吕方", "临江市人民政府市长", "elect"),
        ("钱进", "临江市中级人民法院院长", "elect"),
        ("于兰", "临江市人民检察院检察长", "elect"),
    ]


def test_appointments_elected_list_before_当选_and_a_bare_post_after_a_full_one():
    text = (
        "选举结果是:高原当选为临江市人大常委会秘书长,林海、何静等30人当选为临江市人大常委会委员。"
        "会议推选方正为临江代表团团长,许可、唐宁为副团长。"
    )
    assert _got(text) == [
        ("高原", "临江市人大常委会秘书长", "elect"),
        ("林海", "临江市人大常委会委员", "elect"),
        ("何静", "临江市人大常委会委员", "elect"),
        ("方正", "临江代表团团长", "elect"),
        ("许可", "临江代表团副团长", "elect"),
        ("唐宁", "临江代表团副团长", "elect"),
    ]


def test_appointments_party_decision_ladder_is_one_office_and_nominations_are_not_decisions():
    text = (
        "省委决定:江涛同志任中共临江市委委员、常委、书记,不再担任临江市市长职务;"
        "罗平同志任临江市委委员、常委、副书记,提名为临江市市长候选人,免去其沙洲市委常委、委员和沙洲市副市长职务;"
        "免去孟凡同志的临江市委书记、常委、委员职务。孟凡同志主持会议。"
        "会上,省委组织部负责同志说,江涛同志任临江市委书记期间,将继续努力。"
    )
    assert _got(text) == [
        ("江涛", "中共临江市委书记", "appoint"),
        ("江涛", "临江市市长", "remove"),
        ("罗平", "临江市委副书记", "appoint"),
        ("罗平", "沙洲市委常委", "remove"),
        ("罗平", "沙洲市副市长", "remove"),
        ("孟凡", "临江市委书记", "remove"),
    ]


def test_appointments_no_longer_holding_and_headline_election_keeps_the_longer_post():
    body = "5月6日,中共临江市第五届委员会第一次全体会议选举贺平为市委书记。孔明同志不再担任临江市委副书记职务。"
    assert _got(body, stack="贺平当选中共临江市委书记") == [
        ("贺平", "中共临江市委书记", "elect"),
        ("孔明", "临江市委副书记", "remove"),
    ]


def test_appointments_a_colon_after_the_verb_and_a_resignation_agreed_to():
    text = "会议决定任命:孔明为临江市财政局局长,于兰为临江市审计局局长。会议同意方正辞去临江市人民政府副市长职务。"
    assert _got(text) == [
        ("孔明", "临江市财政局局长", "appoint"),
        ("于兰", "临江市审计局局长", "appoint"),
        ("方正", "临江市人民政府副市长", "remove"),
    ]


def test_appointments_a_decision_printed_as_a_list_and_a_resignation_with_its_reason():
    text = (
        "会议决定任命:\n孔明为临江市财政局局长;\n于兰为临江市审计局局长。"
        "会议决定接受方正因工作变动辞去临江市人民政府副市长职务的请求。"
    )
    assert _got(text) == [
        ("孔明", "临江市财政局局长", "appoint"),
        ("于兰", "临江市审计局局长", "appoint"),
        ("方正", "临江市人民政府副市长", "remove"),
    ]


def test_a_motion_to_appoint_or_remove_is_no_decision():
    body = (
        "会议审议了市人民政府关于提请任命陈伟为临江市交通运输局局长的议案,"
        "审议了市人民政府市长马青关于提请免去郑华的临江市教育局局长职务的议案。"
    )
    assert find_appointments(body) == []
