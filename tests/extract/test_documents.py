from yaowen.extract.documents import approved_titles, find_documents


def test_documents_every_title_without_brackets():
    docs = find_documents("会议审议《临江市违法建设防控条例》,学习《中华人民共和国组织法》。")
    assert [d.title for d in docs] == ["临江市违法建设防控条例", "中华人民共和国组织法"]


def test_documents_approved_only_when_the_text_says_so():
    text = (
        "会议听取和审议了《临江市2023年预算执行情况的报告》。会议审议并通过了《临江市文明行为促进条例》"
        "《关于表彰先进个人的决定》。会议原则同意《2024年度审计项目计划》等文件。"
    )
    assert approved_titles(text) == ["临江市文明行为促进条例", "关于表彰先进个人的决定", "2024年度审计项目计划"]


def test_documents_a_title_inside_a_title_and_the_outer_one_approved():
    text = "会议审议通过了《关于修改《临江市河道管理条例》的决定》和《关于<临江市文明条例>的说明》。"
    assert [d.title for d in find_documents(text)] == [
        "关于修改《临江市河道管理条例》的决定", "临江市河道管理条例", "关于<临江市文明条例>的说明"
    ]
    assert approved_titles(text) == ["关于修改《临江市河道管理条例》的决定", "关于<临江市文明条例>的说明"]


def test_documents_a_stray_layout_space_is_no_part_of_a_title():
    docs = find_documents("会议讨论了《临江市城镇群规划(2021— 2035)》和《China Daily》。")
    assert [d.title for d in docs] == ["临江市城镇群规划(2021—2035)", "China Daily"]
