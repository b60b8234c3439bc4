from yaowen.extract.documents import approved_titles, find_appointments, find_documents


def test_documents_every_title_without_brackets():
    docs = find_documents("会议审议《临江市违法建设防控条例》,学习《中华人民共和国组织法》。")
    assert [d.title for d in docs] == ["临江市违法建设防控条例", "中华人民共和国组织法"]


def test_documents_approved_only_when_the_text_says_so():
    text = (
        "会议听取和审议了《临江市2023年预算执行情况的报告》。会议审议并通过了《临江市文明行为促进条例》"
        "《关于表彰先进个人的决定》。会议原则同意《2024年度审计项目计划》等文件。"
    )
    assert approved_titles(text) == ["临江市文明行为促进条例", "关于表彰先进个人的决定", "2024年度审计项目计划"]


def test_appointments_appoint_acting_remove_elect():
    text = (
        "会议任命胡建国为临江市中级人民法院副院长,并决定胡建国为临江市中级人民法院代理院长。"
        "会议决定刘兴副检察长为临江市人民检察院代理检察长。会议决定免去王大明的临江市财政局局长职务。"
        "李小红当选为临江市政协主席。会议还通过了其他有关人事任免事项。"
    )
    got = [(a.person, a.post, a.kind) for a in find_appointments(text)]
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
