"""Web and e-paper furniture recognised by form (hand-made lines of the fictional 临江)."""

import pytest

from yaowen.chrome import author_names, chrome_kind, page_timestamp


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("当前位置:首页 > 要闻动态 > 图片新闻", "nav"),
        ("您的位置: 首页 >市政府>市政府会议>详细内容", "nav"),
        ("临江网> 时政", "nav"),
        ("首页|新闻|图库|教育|房产|旅游", "nav"),
        ("第A02版:要闻 上一版 下一版", "nav"),
        ("返回主页 | 临江日报 | 标题导航 | 临江晚报", "nav"),
        ("00003版:一版要闻", "nav"),
        ("临江日报 数字报纸", "nav"),
        (">", "nav"),
        ("发布时间:2022年11月03日", "meta"),
        ("2024-05-17 09:30:12 来源:临江日报", "meta"),
        ("来源:临江新闻网 作者:方晓 2017-11-22 17:34", "meta"),
        ("12.01.2017 19:02", "meta"),
        ("• 发布时间:2018-07-13 09:05", "meta"),
        ("2024年09月30日", "meta"),
        ("[2024-03-12]", "meta"),
        ("今天是2024年3月12日 星期二 农历二月初三", "meta"),
        ("分享到:", "tools"),
        ("关注我们,关注临江", "end"),
        ("3 上一篇  下一篇 4 放大 缩小 默认", "tools"),
        ("![]()", "junk"),
        ("![会场](https://www.linjiang.gov.cn/a.jpg)", "junk"),
        ("—分享—", "tools"),
        ("打印本页 我要纠错 返回顶部 关闭本页", "tools"),
        ("责任编辑:林一", "end"),
        ("(责任编辑:林一)", "end"),
        ("一审:张红", "end"),
        ("责编:王二 李三", "end"),
        ("相关阅读", "end"),
        ("扫一扫在手机打开当前页", "end"),
        ("分享至好友和朋友圈", "tools"),
        ("小字号", "tools"),
        ("楼主", "tools"),
        ("回复 | 引用 | 举报", "tools"),
        ("原标题:临江召开全市安全生产工作会议", "meta"),
        ("(原标题:全市安全生产工作会议召开)", "meta"),
        ("生成日期:2024-03-12", "meta"),
        ("发文字号:临政办发〔2024〕5号", "meta"),
        ("临江发布 2024-03-12 20:30 发表于湖南", "meta"),
        ("发布于:湖南省", "meta"),
        ("【作者】方晓 【来源】临江日报", "meta"),
        ("作者 | 方晓", "meta"),
        ("发表于 2023-8-15 09:21:33 | 只看该作者 | 倒序浏览", "meta"),
        ("2024-03-12 08:30·临江日报官方账号", "meta"),
        ("编辑 林一", "end"),
        ("(值班编辑 林一 方晓)", "end"),
        ("【编辑:林一】", "end"),
        ("校对|周一", "end"),
        ("本文来自网易号,临江日报", "end"),
        ("返回搜狐,查看更多", "end"),
        ("http://www.linjiang.gov.cn/2024-03/06/c_123.htm", "junk"),
        ("共2页 上一页 1 2 下一页", "nav"),
        ("微信 微博 QQ空间", "tools"),
        ("【返回】", "tools"),
        ("收藏本页", "tools"),
        ("- END -", "end"),
        ("0条评论", "end"),
        ("扫描下载客户端", "end"),
        ("(本文来源:临江日报)", "meta"),
        ("原创", "junk"),
        ("本文链接:https://www.example.cn/content/1.html", "end"),
        ("Copyright @ 2012 - 2019 www.example.cn All Rights Reserved", "end"),
        ("查看余下全文", "end"),
        ("【纠错】 责任编辑: 张三", "end"),
        ("声明:该文观点仅代表作者本人,本平台仅提供信息存储空间服务。", "end"),
        ("上一条:临江部署防汛工作", "end"),
        ("举报", "tools"),
        ("阅读 (1234)", "tools"),
        ("索引号:000014349/2023-00123", "meta"),
        ("作者:方晓 来源:临江日报 时间:2024-04-16 14:10:23责任编辑:", "meta"),  # the title's meta line
        ("微信图片_20200512093000.jpg", "junk"),
        ("[an error occurred while processing this directive]", "junk"),
        ("1", "junk"),
        ("欧美日韩在线观看,国产精品久久,中文字幕免费视频", "junk"),
        ("国产精品久久久久久久久免费观看 无码高清在线", "junk"),  # a spam title needs no commas
        ("临江大桥全景。(方晓 摄)", "caption"),
        ("图为市委书记周明远在企业调研。 本报记者 林立 摄", "caption"),
        ("会议现场。", "caption"),
        ("临江市召开全市领导干部大会 临江市召开全市领导干部大会", "caption"),
    ],
)
def test_chrome_kinds(line, kind):
    assert chrome_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "市民扫码即可办理不动产登记,全市已有二维码服务点120个,办理时间平均缩短一半以上。",  # furniture words in prose
        "2024年1月1日起 临江调整公交票价",  # a headline that opens with a date
        "国产大飞机亮相亚洲博览会 精品展区福利多",  # ordinary words some spam also uses
        "主办单位:临江市委宣传部",  # a notice's own line; a footer names its 承办 or 技术支持 too
        "2、政务新媒体:临江市人民政府网(可扫描二维码关注)",  # a numbered point of a guide
        "市委审计委员会举行第二次会议",
        "本报讯(记者 方晓)5月6日,临江市召开全市安全生产工作会议。",
        "编辑部同志要坚持正确导向,讲好临江故事。",
        "分享会在临江举行",  # 分享 as a word of the headline
        "编辑 出版 发行一体化",
        "2024年临江市两会召开",
    ],
)
def test_story_text_is_no_chrome(line):
    assert chrome_kind(line) is None


def test_page_timestamp_labelled_and_unlabelled():
    assert page_timestamp("发布时间:2022年11月03日") == ("2022-11-03", True)
    assert page_timestamp("2024-05-17 09:30:12 来源:临江日报") == ("2024-05-17", False)
    assert page_timestamp("22.03.2023 17:50") == ("2023-03-22", False)  # day first
    assert page_timestamp("[2024-03-12]") == ("2024-03-12", False)
    assert page_timestamp("临江发布 2024-03-12 20:30 发表于湖南") == ("2024-03-12", False)
    assert page_timestamp("2021-1-9 13:51 上传") is None  # a forum upload stamp dates an image
    assert page_timestamp("5月6日,临江市召开全市安全生产工作会议。") is None


def test_author_names_from_the_meta_line():
    assert author_names("作者:方晓 林立 来源:临江日报 时间:2024-04-16") == ["方晓", "林立"]
    assert author_names("来源:临江市政府 作者:消息 责任编辑:康康") == []  # not a name
    assert author_names("作者: 周 一") == ["周一"]
    assert author_names("【作者】方晓 【来源】临江日报") == ["方晓"]
    assert author_names("作者 | 方晓") == ["方晓"]
    # a site's fields run together after the source's name; a word that ends in 作者 is no label
    assert author_names("信息来源:临江日报作者:方晓 林立责任编辑:康康") == ["方晓", "林立"]
    assert author_names("新时代文艺工作者:方晓") == []
