"""Topics on hand-made articles: the headline decides, incidental words do not."""

from yaowen.extract.topics import classify_topics


def test_topics_audit_meeting_stays_audit_despite_party_words():
    got = classify_topics("强化审计监督 服务高质量发展", "市委审计委员会举行第二次会议", None,
                          "会议强调,要结合党史学习教育,做好审计整改工作。审计机关要加强审计监督。")
    assert got[0] == "audit"


def test_topics_congress_session_with_appointments_is_congress_first():
    got = classify_topics(None, None, None, "市人大常委会举行第十五次会议。会议任命张三为副院长。人大常委会副主任出席。")
    assert got[0] == "congress" and "personnel" in got


def test_topics_cppcc_safety_epidemic():
    assert classify_topics("市政协召开专题协商会", None, None, "政协委员围绕老旧小区改造协商议政。")[0] == "cppcc"
    assert classify_topics("副市长督查化工园区安全生产", None, None, "要排查隐患,压实安全生产责任。")[0] == "safety"
    assert classify_topics("慎终如始抓好疫情防控", None, None, "企业要做好复工复产。")[0] == "epidemic"


def test_topics_one_incidental_word_is_other():
    assert classify_topics("临江国际半程马拉松鸣枪开跑", None, None, "选手们沿江奔跑,展现最美临江。") == ["other"]


def test_topics_posts_of_those_present_are_not_the_subject():
    body = ("会议研究了全市预算编制和项目建设工作。市人大常委会副主任王一、市政协副主席李二,"
            "市人大常委会秘书长赵三列席会议。")
    got = classify_topics("市政府召开常务会议", None, None, body)
    assert "congress" not in got and "cppcc" not in got


def test_topics_the_meeting_an_article_reports_weighs_like_its_headline():
    body = "会议听取了有关工作情况汇报,研究部署下一阶段工作。"
    assert classify_topics(None, None, None, body) == ["other"]
    assert classify_topics(None, None, None, body, ["政协临江市委员会常务委员会会议"])[0] == "cppcc"
    assert classify_topics(None, None, None, body, ["市委理论学习中心组集体学习"])[0] == "party"



def test_topics_the_congress_and_cppcc_in_another_bodys_report_are_what_it_dealt_with():
    body = ("会议听取了全市人大代表建议和政协委员提案办理情况汇报,研究了重大项目建设工作。会议要求,加快推进重点"
            "项目建设,强化项目要素保障,确保项目早开工、早投产。政协提案和人大议案办理要提高质量。")
    body = "会议听取了全市人大代表建议和政协委员提案办理情况汇报。" * 3 + "会议研究了重点项目建设工作,要求加快推进。"
    got = classify_topics("市政府召开常务会议", None, None, body, ["市政府常务会议"])
    assert got[0] not in ("congress", "cppcc")
    # a report of the congress's own session is the congress's, headline or not
    lead = "市六届人大四次会议代表驻地,代表们认真审议政府工作报告,人大代表纷纷建言献策。"
    assert classify_topics(None, None, None, lead + body, [])[0] == "congress"
