"""People and posts on hand-made sentences (a fictional city, 临江市), one pattern or trap per test."""

from yaowen.extract.people import find_people


def _people(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in find_people(text):
        out.setdefault(m.name, [])
        out[m.name] += [t for t in m.titles if t not in out[m.name]]
    return out


def test_people_chain_of_posts_with_organs():
    got = _people("市委副书记、市长、市委审计委员会副主任欧阳青出席。")
    assert got == {"欧阳青": ["市委副书记", "市长", "市委审计委员会副主任"]}


def test_people_list_shares_one_title():
    got = _people("市领导毛晓明、刘正国、伍清山出席。")
    assert got == {n: ["市领导"] for n in ("毛晓明", "刘正国", "伍清山")}


def test_people_bare_post_takes_the_organ_before_it():
    got = _people("市人大常委会党组书记、副主任段国强主持会议。市人大常委会副主任李飞、王红,秘书长龙一出席会议。")
    assert got["段国强"] == ["市人大常委会党组书记", "市人大常委会副主任"]
    assert got["龙一"] == ["市人大常委会秘书长"] and got["王红"] == ["市人大常委会副主任"]


def test_people_name_length_settled_by_the_next_word():
    got = _people("副市长杨洪主持会议。市委书记秦国华主持召开会议。队长李解放有着二十多年经验。")
    assert set(got) == {"杨洪", "秦国华", "李解放"} and got["李解放"] == ["队长"]


def test_people_name_before_post_and_long_form():
    got = _people("学习贯彻习近平总书记重要讲话精神。中共中央总书记习近平主持会议。")
    assert got == {"习近平": ["总书记", "中共中央总书记"]}


def test_people_without_post_speaker_and_list_and_appositive():
    got = _people(
        "市中心医院冷晓表示:“我们深受鼓舞。”老党员全宏感叹道。周中、陈亮两位身边好人登榜。"
        "陈亮,临江县启航学校总校长。"
    )
    assert got["冷晓"] == [] and got["全宏"] == [] and got["周中"] == []
    assert got["陈亮"] == ["临江县启航学校总校长"]


def test_people_traps_place_organization_and_slogan_are_not_people():
    got = _people("临江市长江大桥建成通车。市领导出席。大力发扬“三牛”精神。国开行发放贷款。全面介绍工作推进情况。")
    assert got == {}


def test_people_offsets_point_at_the_name():
    text = "副市长杨洪主持会议。"
    [m] = find_people(text)
    assert text[m.start : m.end] == "杨洪"


def test_people_title_forms_of_other_cities_and_levels():
    got = _people(
        "中共中央政治局委员、国务院副总理刘国华出席会议。省委常委、市委书记王建国主持会议。"
        "镇党委书记陈一平介绍说,今年变化大。市委常委、宣传部部长孙亮出席。市政府党组成员、副市长刘德明出席。"
    )
    assert got["刘国华"] == ["中共中央政治局委员", "国务院副总理"]
    assert got["王建国"] == ["省委常委", "市委书记"] and got["陈一平"] == ["镇党委书记"]
    assert got["孙亮"] == ["市委常委", "市委宣传部部长"] and got["刘德明"] == ["市政府党组成员", "副市长"]


def test_people_introduced_by_a_role_noun_and_not_by_a_plain_noun():
    got = _people(
        "白沙县村民彭大勇跳入冰冷的河水,救起落水儿童。已坚持志愿服务12年的市民欧阳丽华说。"
        "江南区退休教师钟秀兰十余年如一日资助学生。在党员干部中引起强烈反响,促进领导干部廉洁用权。"
    )
    assert got == {"彭大勇": [], "欧阳丽华": [], "钟秀兰": []}


def test_people_conjunction_is_not_a_surname():
    assert _people("市政协委员和居民代表参加协商。") == {}


def test_people_traps_from_national_news():
    text = (
        "今晚播出巴基斯坦总理夏巴兹专访。商务部表示,将推进便民生活圈建设。中国人民银行表示,要稳定预期。"
        "方案指出,现阶段要加强监管。四部门日前表示,金融管理要规范。连日来,湖南湘西普降暴雨。"
        "成员国达到33个。引导广大党员干部进一步坚定理想。2024年农民丰收节主题确定。职工应帮尽帮。"
    )
    assert _people(text) == {"夏巴兹": ["巴基斯坦总理"]}  # a foreign leader is a person


def test_people_role_word_followed_by_a_noun():
    assert _people("指导各级中小企业主管部门和服务机构开展工作。临江县农民丰收节主题确定。") == {}


def test_leader_named_by_given_name_only():
    found = [(m.name, m.titles) for m in find_people("市委书记群策到园区调研，市委书记群策主持会议。")]
    assert ("群策", ["市委书记"]) in found


def test_words_after_a_post_are_not_given_names():
    for text in ("市委书记强调，要抓好项目。", "市委书记亲自部署。", "学习总书记重要讲话精神。", "市长主持会议。"):
        assert find_people(text) == [], text


def test_list_after_a_post_takes_rare_surnames_and_ends_at_ji():
    got = _people("市政协副主席郑一山、能小荣、秧立、孔福建及秘书长邓光明出席。")
    assert got == {n: ["市政协副主席"] for n in ("郑一山", "能小荣", "秧立", "孔福建")} | {"邓光明": ["市政协秘书长"]}


def test_group_labels_before_and_after_a_list():
    got = _people(
        "在主席台就座的市党政军领导有王一民、李二强。"
        "赵三元、钱四方等市委、市人大、市政府领导出席。孙五、周六、吴七等出席或列席会议。"
    )
    assert got["王一民"] == ["市党政军领导"] and got["李二强"] == ["市党政军领导"]
    assert got["赵三元"] == ["市委、市人大、市政府领导"] and got["钱四方"] == ["市委、市人大、市政府领导"]
    assert got["孙五"] == [] and got["吴七"] == []


def test_list_after_a_post_with_a_colon():
    got = _people("大会的执行主席是:郑一山、王二虎、陈三(按姓名笔画顺序排列)。")
    assert set(got) == {"郑一山", "王二虎", "陈三"}


def test_shared_prefix_written_out_the_gold_way():
    got = _people(
        "临江市委副书记、市长王一民,临江市委常委、常务副市长李二强,临江市委常委、市委秘书长赵三元出席。"
        "市委常委、经开区党工委书记、管委会主任钱四方介绍情况。市政协党组副书记、副主席孙五,副主席周小六出席。"
    )
    assert got["王一民"] == ["临江市委副书记", "临江市长"]
    assert got["李二强"] == ["临江市委常委", "临江市常务副市长"]
    assert got["赵三元"] == ["临江市委常委", "临江市委秘书长"]
    assert got["钱四方"] == ["市委常委", "经开区党工委书记", "经开区管委会主任"]
    assert got["孙五"] == ["市政协党组副书记", "市政协副主席"] and got["周小六"] == ["市政协副主席"]


def test_organs_of_companies_and_hospitals_by_shape():
    got = _people(
        "全国先进工作者是:临江市人民医院内科主任、主任医师郑一山,临江青木电子有限公司防化车间主任兼工会主席王二虎。"
        "会见临江远大国际集团首席执行官陈三一行。"
    )
    assert got["郑一山"] == ["临江市人民医院内科主任", "临江市人民医院主任医师"]
    assert got["王二虎"] == ["临江青木电子有限公司防化车间主任", "临江青木电子有限公司工会主席"]
    assert got["陈三"] == ["临江远大国际集团首席执行官"]


def test_place_printed_before_a_complete_post():
    got = _people("他们分别是:临江市委书记王一民,青山市长李二强。昨天上午市委书记赵三元主持会议。")
    assert got == {"王一民": ["临江市委书记"], "李二强": ["青山市长"], "赵三元": ["市委书记"]}


def test_posts_given_by_an_appointment_sentence():
    got = _people("省委决定:王一民同志任中共临江市委委员、常委、书记;李二强同志不再担任中共临江市委书记职务。"
                  "选举赵三元为市中级人民法院院长、钱四方为市人民检察院检察长。")
    assert got["王一民"] == ["中共临江市委委员", "中共临江市委常委", "中共临江市委书记"]
    assert got["李二强"] == ["中共临江市委书记"]
    assert got["赵三元"] == ["市中级人民法院院长"] and got["钱四方"] == ["市人民检察院检察长"]


def test_name_ends_before_the_longer_action_word():
    got = _people("市委副书记、代市长郑小虹来到古城区调研。市领导王一民、刘琳等出席。")
    assert set(got) == {"郑小虹", "王一民", "刘琳"}


def test_name_before_its_form_of_address():
    got = _people("会议传达了刘国华副总理的讲话和孟一平同志的讲话。古巴总理出席。")
    assert got == {"刘国华": ["副总理"], "孟一平": []}


def test_an_organ_never_reaches_back_over_a_named_person():
    got = _people("新任市委书记是:临江市委书记王一民和青山市委书记李二强。")
    assert got == {"王一民": ["临江市委书记"], "李二强": ["青山市委书记"]}


def test_list_with_a_note_and_a_count_after_names():
    got = _people("选举王一民为市委书记,赵二(女)、钱三为市委副书记。孙四、李五等40人当选为市人大常委会委员。")
    assert got["赵二"] == ["市委副书记"] and got["钱三"] == ["市委副书记"]
    assert got["孙四"] == ["市人大常委会委员"] and got["李五"] == ["市人大常委会委员"]


def test_a_list_cut_off_by_the_end_of_the_excerpt():
    got = _people("会议召开。陈一、杨二红、余三勇、向四、李")
    assert set(got) == {"陈一", "杨二红", "余三勇", "向四"}


def test_clauses_that_go_on_about_the_appointed_person():
    got = _people("省委决定:王一民同志任临江市委书记,不再担任临江市市长职务;"
                  "李二强同志任临江市委副书记,免去其青山市委常委、委员和青山市副市长职务。")
    assert got["王一民"] == ["临江市委书记", "临江市市长"]
    assert got["李二强"] == ["临江市委副书记", "青山市委常委", "青山市委委员", "青山市副市长"]


def test_heads_of_a_visiting_group_and_a_removed_deputy():
    got = _people("以省委常委、省纪委书记陈一清为组长的省委督查组来我市。"
                  "会议审议了关于罢免肖一扬临江省第十三届人民代表大会代表职务的议案。企业家代表李思远发言。")
    assert got["陈一清"] == ["省委常委", "省纪委书记", "省委督查组组长"]
    assert got["肖一扬"] == ["临江省第十三届人民代表大会代表"] and got["李思远"] == []


def test_bylines_are_not_people_but_a_reporter_in_the_story_is():
    got = _people("本报记者王一民报道。临江广播电视台新闻频道记者李二强讲述了故事。")
    assert got == {"李二强": ["临江广播电视台新闻频道记者"]}


def test_foreign_names_after_a_post():
    got = _people("市长王一民会见临江友好城市的市长奥尔洛夫·阿列克谢一行。")
    assert got["奥尔洛夫·阿列克谢"] == ["市长"]


def test_countries_and_common_words_are_not_names():
    got = _people("今晚播出阿根廷总统专访。将播出对安哥拉总统的专访。推出《院士公开课》栏目。"
                  "“临江经济展望”大使圆桌对话活动举行。将播出对俄罗斯总统普京的独家专访。")
    assert got == {"普京": ["俄罗斯总统"]}


def test_people_named_as_subjects_and_objects_of_verbs():
    got = _people("决赛中,选手郑小文夺得冠军。最佳影片由龙一飞执导。市长会见王大明一行。"
                  "明天走进临江青城。党的十八大以来,青城深入推进改革。会上,向世界发表倡议。")
    assert got == {"郑小文": [], "龙一飞": [], "王大明": []}


def test_e_paper_lists_separated_by_spaces_and_padded_names():
    got = _people("市领导 张三丰 李四 王五明 出席会议。市政协副主席有:王  伟、李  强。")
    assert got == {"张三丰": ["市领导"], "李四": ["市领导"], "王五明": ["市领导"],
                   "王伟": ["市政协副主席"], "李强": ["市政协副主席"]}
    assert _people("王一维任临江市代市长 吴二文辞去市长职务") == {"王一维": ["临江市代市长"], "吴二文": ["市长"]}


def test_a_clause_word_before_an_organ_and_a_national_deputy():
    got = _people("据市卫健委主任王一明介绍,床位增加。全国人大代表、临江市人民医院院长李二强说:“很受鼓舞。”"
                  "他高兴地说,市人大代表建议很好。")
    assert got == {"王一明": ["市卫健委主任"], "李二强": ["全国人大代表", "临江市人民医院院长"]}


def test_forms_of_address_foreign_leaders_and_speakers_for_a_body():
    got = _people("王一明书记强调,李二强市长指出。赵三刚代表市委致辞。老人李大爷笑着说。"
                  "美国总统特朗普表示。会见巴基斯坦总理夏巴兹时说。古巴总理出席。党委书记出席。")
    assert got == {"王一明": ["书记"], "李二强": ["市长"], "赵三刚": [], "特朗普": ["美国总统"], "夏巴兹": ["巴基斯坦总理"]}


def test_a_list_closed_by_its_ordering_note():
    got = _people("主席团成员:张一、李二、王三(以姓氏笔画为序)。")
    assert set(got) == {"张一", "李二", "王三"}


def test_a_nominee_is_a_person_without_the_post():
    assert _people("会议决定提名王一明为临江市人民政府市长候选人。") == {"王一明": []}


def test_a_known_leader_before_his_title_after_any_word_but_not_inside_a_doctrine():
    got = _people("全区人民牢记习近平总书记殷切嘱托,坚持以习近平新时代中国特色社会主义思想为指导。")
    assert got == {"习近平": ["总书记"]}
    assert _people("深入学习习近平生态文明思想和习近平法治思想。") == {}


def test_a_page_gives_titles_from_a_headline_and_keeps_the_longer_form():
    from yaowen.extract import extract_facts
    from yaowen.model import Article

    articles = [Article(id="a1", headline="王一民当选中共临江市委书记",
                        body="会议选举王一民为市委书记。市六届人大常委会副主任李二强,市人大常委会副主任李二强出席。")]
    facts = extract_facts(articles, lambda m, d: None)
    people = {p.name: (p.titles, p.articles) for p in facts.people}
    assert people["王一民"] == (["中共临江市委书记"], ["a1"])
    assert people["李二强"] == (["市六届人大常委会副主任"], ["a1"])


def test_a_caption_left_out_of_the_articles_gives_posts_to_people_the_articles_name():
    from yaowen.extract import extract_facts
    from yaowen.model import Article

    articles = [Article(id="a1", body="市领导王一民、能小荣、李二强出席签约仪式。")]
    page = "市领导王一民、能小荣、李二强出席签约仪式。\n市委常委、副市长能小荣与客商签约\n市长赵三刚会见客商"
    people = {p.name: p.titles for p in extract_facts(articles, lambda m, d: None, page).people}
    assert people["能小荣"] == ["市领导", "市委常委", "副市长"]
    assert "赵三刚" not in people  # a caption names no one new


def test_the_name_model_proposes_and_the_grammar_vetoes():
    got = _people("决赛中,中国组合王小钦/孙小莎以总比分3比1获胜。深入学习马克思主义,弘扬雷锋精神,获得詹天佑奖。"
                  "上演《骆驼祥子》等剧目。(记者 张小明 摄)示范项目——钟江平高速建成通车。"
                  "班列从临江和马德里开出。塔里木油田产量创新高。市长和张明远出席。")
    # 钟江平|高速: a road named by its cities; 临江和马德里: beside a place and 和, a place
    assert got == {"王小钦": [], "孙小莎": [], "张明远": []}


def test_a_note_on_the_post_and_a_former_post_as_printed():
    got = _people("副县长(挂职)钱永刚陪同。县委书记（兼）孙德胜讲话。原市委书记王秋生,市政协原副主席李德明出席。"
                  "原市委常委、副市长赵立新,原临江市财政局局长吴一凡也参加。")
    assert got["钱永刚"] == ["副县长"] and got["孙德胜"] == ["县委书记"]
    assert got["王秋生"] == ["原市委书记"] and got["李德明"] == ["市政协原副主席"]
    assert got["赵立新"] == ["原市委常委", "原副市长"] and got["吴一凡"] == ["原临江市财政局局长"]


def test_posts_of_youth_league_and_village_committees():
    got = _people("团市委书记许丽,共青团临江县委副书记周小红出席。村党支部书记、村委会主任贺三元说。")
    assert got["许丽"] == ["团市委书记"] and got["周小红"] == ["共青团临江县委副书记"]
    assert got["贺三元"] == ["村党支部书记", "村委会主任"]


def test_one_persons_offices_parted_by_a_comma():
    got = _people("出席会议的有市委常委、副市长，市公安局党委书记、局长曹振宇。会议任命张三丰为副市长，市公安局局长李四海列席。")
    assert got["曹振宇"] == ["市委常委", "副市长", "市公安局党委书记", "市公安局局长"]
    assert got["张三丰"] == ["副市长"] and got["李四海"] == ["市公安局局长"]


def test_lists_parted_by_commas_close_with_a_word_of_attendance_or_a_new_post():
    got = _people("市领导张建军，李海波，王晓明出席。副市长钱永刚，赵立新，市政府秘书长孙德胜参加。")
    assert got == {"张建军": ["市领导"], "李海波": ["市领导"], "王晓明": ["市领导"], "钱永刚": ["副市长"],
                   "赵立新": ["副市长"], "孙德胜": ["市政府秘书长"]}
    got = _people("市长张建军，李海波表示同意。")  # a new clause's subject, not a second 市长
    assert got["张建军"] == ["市长"] and got["李海波"] == []


def test_rolls_after_a_colon_in_lines_and_spaces():
    got = _people("出席会议的市领导：\n张建军  李海波\n王晓明  赵立新\n会议指出，要抓好落实。")
    assert got == {n: ["市领导"] for n in ("张建军", "李海波", "王晓明", "赵立新")}
    got = _people("主席团常务主席（以姓氏笔画为序）：\n王晓明 李海波 张建军")
    assert got == {n: ["主席团常务主席"] for n in ("王晓明", "李海波", "张建军")}
    assert _people("市长：我们要把工作做实。") == {}


def test_a_label_after_the_list_goes_to_people_with_posts_of_their_own():
    got = _people("市委书记张建军，市委副书记、市长李海波等市领导出席。会议由市长王晓明主持，市委书记赵立新等市领导出席。")
    assert got["张建军"] == ["市委书记", "市领导"] and got["李海波"] == ["市委副书记", "市长", "市领导"]
    assert got["王晓明"] == ["市长"]  # the label closes another clause


def test_people_named_before_a_form_of_address_or_with_posts_in_brackets():
    # a post printed after the name is its title as printed (a longer form elsewhere on the page wins)
    got = _people("张建军主席、李海波副主席出席会议。赵立新院士作报告。吴晓燕女士说,很满意。中国工程院院士出席。"
                  "会议邀请了周国平（临江市政协副主席、市工商联主席）作报告。市政协委员孙德胜建议，加强管理。")
    assert got == {"张建军": ["主席"], "李海波": ["副主席"], "赵立新": ["院士"], "吴晓燕": [],
                   "周国平": ["临江市政协副主席", "临江市工商联主席"], "孙德胜": ["市政协委员"]}


def test_the_model_reads_the_items_of_a_list_beside_people_and_names_after_a_post():
    got = _people("由张博文、邹明远、尤小浩、孙一炜和杨家兴组成的临江队夺冠。市长禤国华出席。")
    assert set(got) == {"张博文", "邹明远", "尤小浩", "孙一炜", "杨家兴", "禤国华"}
    assert got["禤国华"] == ["市长"]
    got = _people("航线通往纽约、马德里、米兰等城市。记者从水利部长江水利委员会了解到。")
    assert got == {}


def test_foreign_leaders_of_countries_whose_names_hold_a_stop_or_a_hyphen():
    got = _people("今晚播出阿尔及利亚总统特本独家专访。古巴国家主席迪亚斯-卡内尔表示。国际奥委会主席巴赫出席。")
    assert got == {"特本": ["阿尔及利亚总统"], "迪亚斯-卡内尔": ["古巴国家主席"], "巴赫": ["国际奥委会主席"]}


def test_bare_lists_closed_by_he_or_by_an_action_and_not_swallowing_a_preposition():
    got = _people("张建军、李海波和王晓明出席会议。赵立新、钱永刚等深入企业调研。由孙小莎、陈一梦、王艺丁组成的临江队获胜。")
    assert set(got) == {"张建军", "李海波", "王晓明", "赵立新", "钱永刚", "孙小莎", "陈一梦", "王艺丁"}
    got = _people("张建军、李海波等县级领导参加。镇领导王晓明、赵立新陪同。")
    assert got == {"张建军": ["县级领导"], "李海波": ["县级领导"], "王晓明": ["镇领导"], "赵立新": ["镇领导"]}


def test_posts_of_works_parties_rivers_and_professions():
    got = _people("临江钢铁厂厂长王晓明,民盟临江市委主委赵立新,市级总河长、市委书记张建军,临江正大律师事务所律师钱永刚,"
                  "省委巡察组组长孙德胜出席。沿线从沈阳到吉林长白山。")
    assert got == {"王晓明": ["临江钢铁厂厂长"], "赵立新": ["民盟临江市委主委"], "张建军": ["市级总河长", "市委书记"],
                   "钱永刚": ["临江正大律师事务所律师"], "孙德胜": ["省委巡察组组长"]}


def test_a_post_after_the_name_gives_way_to_the_full_post_printed_elsewhere():
    from yaowen.extract import extract_facts
    from yaowen.model import Article

    articles = [Article(id="a1", body="市委副书记王一明出席。王一明书记强调,要抓落实。副市长李二强讲话。李二强市长指出。")]
    people = {p.name: p.titles for p in extract_facts(articles, lambda m, d: None).people}
    assert people == {"王一明": ["市委副书记"], "李二强": ["副市长"]}


def test_spacing_notes_and_de_between_post_and_name():
    got = _people("市委书记 张建军出席会议。张晓燕（女，汉族）当选为市人大常委会主任。"
                  "现任市委常委、副市长的赵立新参加。担任临江县委书记的钱永刚表示同意。听取了市长的汇报。")
    assert got == {"张建军": ["市委书记"], "张晓燕": ["市人大常委会主任"], "赵立新": ["市委常委", "副市长"],
                   "钱永刚": ["临江县委书记"]}


def test_a_committee_post_after_a_deputy_secretary_takes_the_committee():
    got = _people("市委副书记、政法委书记郑长青出席。市委副书记、组织部部长王一凡出席。")
    assert got == {"郑长青": ["市委副书记", "市委政法委书记"], "王一凡": ["市委副书记", "市委组织部部长"]}


def test_people_in_stories_after_role_nouns_and_before_forms_of_address():
    got = _people("种粮大户孙德胜算了一笔账。周国平老人今年90岁了。来到贫困户郑长青家中。党员志愿者何丽华每天坚持巡逻。"
                  "蒋红卫、韩冰夫妇开了一家小店。可办理职工养老、居民养老等事项。")
    assert got == {"孙德胜": [], "周国平": [], "郑长青": [], "何丽华": [], "蒋红卫": [], "韩冰": []}


def test_a_word_before_a_complete_post_is_a_place_only_when_it_can_be_one():
    got = _people("跟随副市长王晓明来到现场。随即市长赵立新宣布开工。首先市长张建军讲话。日照市长刘一泰出席。"
                  "河南开封是古都。开封市长李海波致辞。")
    assert got == {"王晓明": ["副市长"], "赵立新": ["市长"], "张建军": ["市长"], "刘一泰": ["日照市长"],
                   "李海波": ["开封市长"]}


def test_court_and_procuratorate_ranks_share_the_court_and_a_leading_group_is_no_label():
    got = _people("任命李海波为临江市中级人民法院副院长、审判委员会委员、审判员。"
                  "大会选举产生了新一届市委领导班子，张建军当选为市委书记。")
    assert got == {"李海波": ["临江市中级人民法院副院长", "临江市中级人民法院审判委员会委员", "临江市中级人民法院审判员"],
                   "张建军": ["市委书记"]}


def test_a_unit_merged_with_its_head_and_a_former_post_after_a_country():
    got = _people("市公安局长张建军出席。会议由财政局长王晓明主持。今晚播出法国前总理拉法兰专访。"
                  "对刚果（布）总统萨苏的独家专访。世界经济论坛主席施瓦布出席。此前市长赵立新到场。")
    assert got == {"张建军": ["市公安局长"], "王晓明": ["财政局长"], "拉法兰": ["法国前总理"],
                   "萨苏": ["刚果（布）总统"], "施瓦布": ["世界经济论坛主席"], "赵立新": ["市长"]}


def test_dotted_names_of_minorities_and_foreigners_but_not_slogans_places_or_estates():
    got = _people("会上，阿依古丽·吐尔洪发言。阿不都热依木·艾买提出席会议。会议选举吐尔逊·买买提（维吾尔族）为副县长。"
                  "“同心迎亚运·携手向未来”活动举行。中国·西安—匈牙利·布达佩斯班列开行。"
                  "来到临江建筑公司项目工地、碧桂园·衡州盛世、宜尚酒店市政府店，询问情况。")
    assert got == {"阿依古丽·吐尔洪": [], "阿不都热依木·艾买提": [], "吐尔逊·买买提": ["副县长"]}


def test_rows_of_a_table_of_people_give_the_posts_after_the_name():
    got = _people("1.张建军 临江市委书记\n2.李海波 临江市市长\n（3）王晓明  临江市人大常委会主任\n"
                  "赵立新：临江市政协主席；钱永刚：临江市委副书记。")
    assert got == {"张建军": ["临江市委书记"], "李海波": ["临江市市长"], "王晓明": ["临江市人大常委会主任"],
                   "赵立新": ["临江市政协主席"], "钱永刚": ["临江市委副书记"]}
    assert _people("会议指出：市委书记要带头。") == {}


def test_a_papers_chief_editor_is_a_post_in_its_short_form():
    got = _people("临江日报社社长马青、临江日报社总编钱进、临江日报社副总编孔明等参加座谈。")
    assert got == {"马青": ["临江日报社社长"], "钱进": ["临江日报社总编"], "孔明": ["临江日报社副总编"]}


def test_a_name_the_model_is_sure_of_needs_only_a_word_boundary_after_it():
    # people outside the post grammar: before a form of address, after a role noun, as a subject
    assert _people("假如他有缘选修林知远先生的课,他的学问会更扎实。") == {"林知远": []}
    assert _people("言者指责王海只打大宗假货,王海不是真心打假。") == {"王海": []}


def test_weak_rules_and_the_model_rule_out_what_is_no_name():
    assert _people("正是由于林海同志的帮助,我才走到今天。") == {"林海": []}  # not 于林海
    assert _people("是由吴先生转来的信。") == {}  # 由吴: a surname and its form of address
    assert _people("由于建房、修路、砍树等人为因素的影响,鸟类减少。") == {}  # 等人|为 is no count of people
    assert _people("通常人们概括为:高投入、高风险和高回报。") == {}  # a list after a colon, no item a name


def test_things_and_places_the_model_may_take_for_names():
    for text in ("花池中的迎春、丁香、桃花、杏花你不认识。", "马蹄莲、非洲菊、玫瑰……开满了大棚。",
                 "列车从重庆发出,最终抵达缅甸曼德勒。", "福建周宁抽水蓄能电站投产。",
                 "索密克汽车配件有限公司等3家单位获奖。", "台风“木兰”将于明天登陆。"):
        assert _people(text) == {}, text


def test_organs_a_reader_writes_out_whole():
    got = _people("我市市委书记汪明、我市政协主席王一出席。华润(集团)有限公司副董事长王印致辞。")
    assert got == {"汪明": ["市委书记"], "王一": ["市政协主席"], "王印": ["华润(集团)有限公司副董事长"]}
    # a democratic party's provincial committee, and the place it shares with the next post (not the party)
    got = _people("致公党江苏省委会主委、省住房和城乡建设厅厅长王学峰率调研组,省委会秘书长裘林参加。")
    assert got == {"王学峰": ["致公党江苏省委会主委", "江苏省住房和城乡建设厅厅长"], "裘林": ["省委会秘书长"]}


def test_a_bare_post_after_a_party_group_post_shares_the_group_only_for_its_own_posts():
    got = _people("县人大常委会党组副书记钟一,副书记、副主任肖二,副主任邓三出席。市人民医院党委书记王五,副书记赵六参加。")
    assert got == {"钟一": ["县人大常委会党组副书记"], "肖二": ["县人大常委会党组副书记", "县人大常委会副主任"],
                   "邓三": ["县人大常委会副主任"], "王五": ["市人民医院党委书记"], "赵六": ["市人民医院党委副书记"]}
    assert _people("市政协党组书记、主席张三,副主席李四出席。") == {"张三": ["市政协党组书记", "市政协主席"],
                                                              "李四": ["市政协副主席"]}
