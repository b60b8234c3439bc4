"""Web and e-paper page furniture: the lines around a story that are not the story.

A page scraped from a news site or an e-paper reader carries the site's chrome around the article:
breadcrumbs and menus, the title's source/author/time line, share and print buttons, editors and
reviewers, QR-code prompts, related-story lists, copyright footers, e-paper page furniture, image file
names, server-side-include errors and injected SEO spam. The same shapes recur on every site, so they are
recognised here by form, once; the segmenter keeps them out of articles and the date resolver reads the
page's own timestamp from the meta line. Patterns assume cleaned text (full-width ASCII folded).

Kinds (what a line does to the story around it):

- ``nav``: navigation (breadcrumbs, menus, e-paper page furniture); ends the header above it.
- ``meta``: the source/author/time line under a title; transparent in the header, ends a story after it.
- ``tools``: share/print/font/bookmark buttons; like ``meta``.
- ``end``: editors and reviewers, tags, related stories, QR prompts, comments, copyright and contact
  footers, "read the rest" links: nothing of the story follows them.
- ``junk``: image file names and attachment furniture, SSI errors, stray digits, audio buttons, markup
  residue, spam: skipped wherever they stand, the story goes on around them.
- ``caption``: a photo caption or credit; not body text, the story goes on around it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Literal

ChromeKind = Literal["nav", "meta", "tools", "end", "junk", "caption"]

_LEAD_MARKS = " \t•·・▪◇○☆▶►"  # list bullets some sites put before meta and tool items

# ---- dates printed as the page's own timestamp -------------------------------------------------------------
_Y = r"(?:19|20)\d{2}"
_ISO_DATE = rf"(?P<y1>{_Y})\s*[-/.]\s*(?P<m1>\d{{1,2}})\s*[-/.]\s*(?P<d1>\d{{1,2}})(?!\d)"
_HAN_DATE = rf"(?P<y2>{_Y})\s*年\s*(?P<m2>\d{{1,2}})\s*月\s*(?P<d2>\d{{1,2}})\s*日"
_DMY_DATE = rf"(?<![\d.])(?P<d3>\d{{1,2}})\.(?P<m3>\d{{1,2}})\.(?P<y3>{_Y})(?!\d)"  # 12.01.2017: day first
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
DATE_RE = re.compile(f"{_ISO_DATE}|{_HAN_DATE}|{_DMY_DATE}")

# A labelled field of the meta line: 发布时间: 来源: 作者: 点击: ... (at the line start or after a separator).
_META_LABEL = (
    r"(?:发布|发表|更新|录入|上传|编辑|出版|刊发)?(?:时间|日期)|(?:信息|文章|新闻|稿件|本文)?来源|稿源|作者|撰稿|"
    r"点击(?:数|量|率|次数)?|浏览(?:次数|量)?|阅读(?:数|量|次数)?|访问量|字[体号]|发布人|发布者|发布单位|发布机构|"
    r"索引号|文号|成文日期|主题分类|所属机构|版次|版名|版面|原标题|原题|"
    # a government site's information-disclosure block (政府信息公开)
    r"(?:生成|发文|公开|印发|施行|实施)日期|发文机关|发文字号|公开方式|公开范围|有效性|主题词|(?:信息|主题|组配|体裁)分类"
)
_META_FIELD_RE = re.compile(rf"(?:^|[\s|｜【\[(/])(?:{_META_LABEL})\s*[:：]|(?:^|\s)【(?:{_META_LABEL})】|^(?:{_META_LABEL})\s*[|｜]")
# A repost's or a forum's byline: "发表于 2023-8-15", "发布于:湖南省", "IP属地:湖南", "只看该作者".
# (written so that every branch opens with its literal first character, "(?:^|\s)" as a lookbehind after it:
# the engine then skips to where a branch can start instead of trying each at every position)
_META_WORD_RE = re.compile(r"发(?<!\S发)(?:表于|布于)(?:\s|[:：])|I(?<!\SI)P属地(?:\s|[:：])|只看该作者|倒序浏览|电梯直达")
# A date with its time anywhere on a short line: an account's or a site's stamp ("临江发布 2024-03-12 20:30 发表于湖南").
_STAMP_RE = re.compile(rf"(?:{_Y}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}日?)\s*{_TIME}")
# A timestamp line: the date and time first, then at most a short source ("2020-05-14 14:31:00 来源:常州日报"),
# or the date alone.
_TIMESTAMP_LINE_RE = re.compile(
    rf"^(?:https?://\S+\s*)?(?:{DATE_RE.pattern})\s*(?:{_TIME}(?:\s*(?:星期|周)[一二三四五六日天])?[^。!?！？,，、;；]{{0,60}}"
    r"|(?:(?:星期|周)[一二三四五六日天])?)$"
)
# The e-paper's date line: "2021年03月11日 星期四", alone on its line.
# "[2024-03-12]", "今天是2024年3月12日 星期二 农历二月初三"
DATE_LINE_RE = re.compile(
    rf"^[\[【(]?\s*(?:今天是)?(?:{_HAN_DATE}|{_ISO_DATE})\s*[\]】)]?\s*(?:(?:星期|周)[一二三四五六日天])?"
    r"\s*(?:农历\S{2,8})?$"
)

# ---- navigation ----------------------------------------------------------------------------------------
# Anchored patterns decide at the line start; floating ones only on a line that is not prose (see _prose).
_NAV_ANCHORED_RE = re.compile(
    r"^(?:当前位置|您的位置|你的位置|您所在的位置|你所在的位置|你当前位置|您当前位置|你现在的位置|您现在的位置|"
    r"当前所在位置|所在位置|当前的位置)\s*[:：]?"
    r"|^(?:首页|正文|返回|网站首页|返回首页|返回主页|返回目录|返回列表)$"
    # 岳阳网> 时政, 首页 >> 新闻 (the lookahead, implied by the rest, stops at the first punctuation of prose: the
    # lazy prefix alone tries 24 lengths on every line)
    r"|^(?=[^。,，;；!?<>»›＞]*[>»›＞])[^。,，;；!?<]{1,24}?\s*(?:>>?|»|›|＞)\s*[^。,，;；!?<]{0,40}$"
    r"|^[>»›|｜\s]+$"
    r"|^第?[A-Z]{0,2}\d{1,5}版\s*[:：]|^[一二三四五六七八九十]{1,3}版\s*[:：]|^第[一二三四五六七八九十]{1,3}版$"
    r"|^本文字数\s*[:：]|^国内统一刊号|^天气预报|^今天是$|^总?第?\d{1,5}\s*期$"
    # a story's pages: "共2页 上一页 1 2 下一页" (the first lookahead as above)
    r"|^(?=[共首上下尾末\d\s])(?=.*页)(?:共\s*\d+\s*页|首页|上一页|下一页|尾页|末页|\d{1,3}|\s)+$"
)
_NAV_FLOATING = (
    r"首页\s*(?:>|»|›|/|\||＞)", "上一版", "下一版", "上一期", "下一期", "版面导航", "标题导航", "版面概览", "往期回顾",
    "前期回顾", "返回主页", "返回首页", "数字报", "电子报", r"CN\s?\d{2}-\d{4}",
)
_NAV_FLOATING_RE = re.compile("|".join(_NAV_FLOATING))
# An e-paper page's running line, which prints the date: "二版:要闻 总第1495期 2015-01-22编印".
_EPAPER_PAGE_RE = re.compile(r"^(?:第?[A-Z]{0,2}\d{1,5}|[一二三四五六七八九十]{1,3})版\s*[:：].{0,60}$")
_MENU_RE = re.compile(r"^[^|｜。]{1,8}(?:\s*[|｜]\s*[^|｜。]{1,8}){2,}$")  # 首页|新闻|图库|教育

# ---- share, print, font and bookmark buttons -------------------------------------------------------------
_TOOLS_ANCHORED_RE = re.compile(
    r"^[-—\s]*分享(?:到|至)?\s*[:：]?[-—\s]*$|^[-—\s]*分享(?:到|至|给)[^。]{0,30}$"
    r"|^(?:打印|收藏|关闭|纠错|推荐|举报|字体|字号|大|中|小|默认|标准|【|】|\[|\]|\s|:|：|T|\||A\+|A-)+$"
    r"|^(?:阅读|浏览|点击|评论|点赞|收藏|转发|回复)\s*[(（]?\s*\d*\s*[)）]?$"
    r"|^字[体号]\s*[:：]|^【\s*字[体号]|^打印\s*字[体号]"
    r"|^(?:微信|微博|QQ空间|QQ|朋友圈|腾讯微博|新浪微博|豆瓣|复制链接|\s|\||｜)+$"  # share targets
    r"|^[【\[]?\s*(?:收藏本页|推荐给好友|打印本文|打印此文|返回|返回上页|加入收藏)\s*[】\]]?$"
    # a forum post's buttons: "楼主", "回复 | 引用 | 举报"
    r"|^(?:楼主|沙发|板凳|地板|回复|引用|收藏|点评|使用道具|举报|只看该作者|倒序浏览|电梯直达|\s|\||｜)+$"
    # an e-paper reader's buttons: "3 上一篇 下一篇 4 放大 缩小 默认"
    # (the first lookahead, implied by the rest, spares most lines the scan of the second)
    r"|^(?=[\d上下放缩默])(?=.*(?:放大|缩小|[上下]一篇))(?:(?:\d{1,2}|[上下]一[篇版]|放大|缩小|默认)(?:\s+|$))+$"
)
_TOOLS_FLOATING = (
    "保护视力色", "打印本页", "关闭本页", "关闭窗口", "返回顶部", "回到顶部", "我要纠错", r"【\s*打印\s*】", r"【\s*关闭\s*】",
    "打印】", "关闭】",
)
_TOOLS_FLOATING_RE = re.compile("|".join(_TOOLS_FLOATING))

# ---- the end of the story: editors, tags, related lists, QR prompts, comments, footers --------------------
_END_ANCHORED_RE = re.compile(
    r"^[(（【\[]?\s*(?:责任编辑|责编|编辑|主编|审核|审校|审稿|校对|终审|初审|复审|一审|二审|三审|值班编辑|网络编辑|"
    r"监制|编审|签发|美编|制作|统筹|责任校对|文字编辑|视频编辑|实习编辑|新媒体编辑|供稿|供图|稿件来源)\s*[:：/|｜]"
    # "编辑 林一", "(值班编辑 林一 方晓)": an editorial role and names, no colon
    r"|^[(（【\[]?\s*(?:责任编辑|责编|编辑|主编|审核|审校|校对|终审|初审|复审|[一二三]审|值班编辑|网络编辑|美编|责任校对)"
    r"\s+[\u4e00-\u9fff]{2,4}(?:[\s、,，]+[\u4e00-\u9fff]{2,4})*\s*[)）】\]]?$"
    r"|^(?:标签|关键词|关键字|tags?)\s*[:：]|^相关(?:阅读|新闻|链接|文章|报道|推荐|稿件)"
    r"|^(?:最(?:火|热|新)|热门|热点|推荐)(?:资讯|新闻|文章|阅读|推荐|排行)|^阅读下一篇|^(?:上|下)一(?:篇|条)|^正在阅读"
    r"|^本站原创|^本文链接|^原文链接|^转载请|^发表评论?|^评论\s*\(\d+\)|^(?:登录|注册)$"
    r"|^(?:电话|联系电话|传真|邮箱|E-?mail|QQ)\s*[:：]|^欢迎(?:广大)?(?:网友|网民|读者|市民)\S{0,12}(?:提供|投稿|关注)"
    r"|^《[^》]{4,}》由\S{2,30}提供|^(?:声明|免责声明|特别声明)\s*[:：]"
    r"|^本文(?:来自|转自|来源|系|为|由)|^返回\S{0,6}[,，]?\s*查看更多"
    r"|^[-—–\s]*END[-—–\s]*$|^\d+\s*条评论|^(?:扫描|扫码)?下载\S{0,6}客户端$|^关注我们(?:[,，、]\s*关注\S{1,8})?$|^点击排行"
    r"|^(?:技术支持|网站标识码|网站地图|联系我们|关于我们)\s*[:：]"
    r"|^(?:主办|主管)(?:单位)?\s*[:：].{1,30}(?:承办|协办|技术支持|备案|ICP)",  # a site's footer names both
    re.IGNORECASE,
)
# Where a page lists other stories after its own: what follows are their teasers, not this story's.
RELATED_RE = re.compile(
    r"^[【\[]?\s*(?:相关(?:阅读|新闻|链接|文章|报道|推荐|稿件)|(?:最(?:火|热|新)|热门|热点|推荐|延伸)(?:资讯|新闻|文章|阅读|推荐|排行)"
    r"|阅读下一篇|(?:上|下)一(?:篇|条)|更多(?:新闻|阅读|资讯)|往期(?:回顾|推荐))"
)
_END_FLOATING = (
    "扫一扫", "扫码", "扫描二维码", "二维码", "本文链接", "原文链接", "转载请", "未经授权", "版权所有", "版权声明", "免责声明",
    "Copyright", "©", "ICP备", "备案号", "公网安备", "官方(?:微信|微博|新浪微博|抖音|账号|客户端)", "微信公众号", "请输入验证码",
    "立即注册", "用户登录", "还没有账号", "忘记密码", "查看余下全文", "查看全文", "展开全文", "阅读全文", "阅读原文", "我要评论",
    "网友评论", "热线电话", "新闻线索", r"\[后台管理\]", r"责任编辑\s*[:：]", "仅代表作者(?:本人|个人)?(?:观点)?", "查看更多",
    "网站标识码",
)
_END_FLOATING_RE = re.compile("|".join(_END_FLOATING), re.IGNORECASE)
_ENUMERATED_RE = re.compile(r"^(?:\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）])")
_URL_RE = re.compile(r"https?://|www\.|@\w+\.(?:com|cn|net)", re.IGNORECASE)

# ---- junk the story runs around -------------------------------------------------------------------------------
_JUNK_ANCHORED_RE = re.compile(
    r"^下载附件|^保存到相册|^\d{1,3}$|^(?:听新闻|播放|暂停|语音播报)$|^(?:-->|<!--)|^Slide background|^[A-Za-z]{1,12}$"
    r"|^(?:https?://|www\.)\S+$"  # a bare link: the page's own address printed above or below it
    r"|^!\[[^\]]{0,80}\]\([^)]*\)$"  # a markdown image a scraper left where the photo stood
    r"|^[【\[]?(?:原创|置顶|独家|精选|头条)[】\]]?$",  # a post's label
    re.IGNORECASE,
)
_JUNK_FLOATING = (r"\.(?:jpe?g|png|gif|bmp|webp)\b", "上传$", "enpproperty")
_JUNK_FLOATING_RE = re.compile("|".join(_JUNK_FLOATING), re.IGNORECASE)
_SSI_RE = re.compile(r"\[an error occurred while processing this directive\]")
# Injected SEO spam: a line of adult/video-site keywords (several of them, so one word never decides).
_SPAM_RE = re.compile(
    r"精品|久久|国产|成人|在线观看|一区二区|色综合|日韩|欧美|免费视频|毛片|无码|中文字幕|亚洲|乱妇|你懂的|午夜|人妻|福利"
    r"|偷拍|自拍|三级|激情|少妇|熟女|伦理片|一本道|麻豆|蜜桃|丝袜|高清无码|av|AV|影院|视频在线|免费观看|网址"
)
_SPAM_STRONG_RE = re.compile(r"久久|色综合|一区二区|毛片|无码|乱妇|你懂的|人妻|偷拍|三级|少妇|熟女|一本道|麻豆")

# ---- photo captions and credits ---------------------------------------------------------------------------
_CAPTION_END_RE = re.compile(
    r"(?:\s|[(（])(?:[^()（）\s]{0,12}记者\s*)?[^()（）\s]{1,12}(?:\s\S{1,4})?\s*摄影?\s*[)）]?\s*$"  # (记者 张莉 摄)
    r"|[(（][^()（）]{0,16}(?:供图|摄|图片来源[^()（）]*|资料图(?:片)?)[)）]\s*$"
)
_CAPTION_START_RE = re.compile(r"^图为|^图\s*[:：/]|^(?:摄影|图片)\s*[:：]|^[^。,，]{0,12}现场[。.]?$")  # 会议现场。
# A caption printed twice, as an image's alt text and its caption: "X X".
_DOUBLED_RE = re.compile(r"^(.{8,60}?)\s+\1$")

CAPTION_MAX = 120  # a longer line is a paragraph, whatever it ends with


# One pass tells most lines of a story from furniture; the kind is sorted out only for a line that matches.
_ANY_ANCHORED_RE = re.compile(
    "|".join(f"(?:{r.pattern})" for r in (_END_ANCHORED_RE, _TOOLS_ANCHORED_RE, _NAV_ANCHORED_RE, _JUNK_ANCHORED_RE)),
    re.IGNORECASE,
)
# What IGNORECASE lets match the first letter of a Latin furniture word (İ and ı count as i).
_CASE_VARIANTS = {"c": "Cc", "e": "Ee", "i": "Ii\u0130\u0131"}


def _literal_first(alternative: str) -> list[str]:
    """``alternative`` as branches that each open with a literal character and match what it matches under
    IGNORECASE: "Copyright" -> "C(?i:opyright)", "c(?i:opyright)"."""
    n = 2 if alternative.startswith("\\") else 1  # an escaped first character: "\\."
    first, rest = alternative[:n], alternative[n:]
    rest = f"(?i:{rest})" if re.search("[A-Za-z]", rest) else rest
    return [ch + rest for ch in _CASE_VARIANTS.get(first.lower(), [first])]


# The same test as one alternation whose every branch opens with a literal character, without IGNORECASE: the
# engine then skips to the positions where a branch can start. (Under IGNORECASE, or with a branch opening on
# a class or a group, it tries every branch at every position: 12 us a line of furniture-free text, now 1.5.)
_ANY_FLOATING_RE = re.compile(
    "|".join(b for a in (*_END_FLOATING, *_TOOLS_FLOATING, *_NAV_FLOATING, *_JUNK_FLOATING) for b in _literal_first(a))
)


@lru_cache(maxsize=4096)  # the cleaner and the segmenter ask about the same lines
def chrome_kind(line: str) -> ChromeKind | None:
    """What page furniture the line is, or None for story text."""
    text = line.strip()
    if text and text[0] in _LEAD_MARKS:
        text = text.lstrip(_LEAD_MARKS).strip()
    if not text:
        return None
    if _SSI_RE.match(text) or _is_spam(text):
        return "junk"
    if len(text) > 200 or _ENUMERATED_RE.match(text):
        return None  # "2、政务新媒体:…" is a numbered point of the text; furniture is never numbered
    if _prose(text):  # a sentence of the story, unless furniture opens it or it is a caption
        return "end" if _END_ANCHORED_RE.match(text) else "caption" if is_caption(text) else None
    if not _ANY_ANCHORED_RE.match(text) and not _ANY_FLOATING_RE.search(text) and not _is_menu(text):
        return "meta" if _is_meta(text) else "caption" if is_caption(text) else None
    if _END_ANCHORED_RE.match(text):
        return "end"
    if _is_meta(text):  # the title's line of labelled fields, whatever else it names (责任编辑:)
        return "meta"
    if _END_FLOATING_RE.search(text):
        return "end"
    if _TOOLS_ANCHORED_RE.match(text) or _TOOLS_FLOATING_RE.search(text):
        return "tools"
    if _NAV_ANCHORED_RE.match(text) or _is_menu(text) or _NAV_FLOATING_RE.search(text):
        return "nav"
    if _JUNK_ANCHORED_RE.match(text) or _JUNK_FLOATING_RE.search(text):
        return "junk"
    return "caption" if is_caption(text) else None


def _prose(text: str) -> bool:
    """Does the line read as a sentence of the story (so a furniture word inside it decides nothing)?
    Furniture is short or unpunctuated; a footer that runs on with a link or an address is furniture too."""
    # (every link holds a "/" or a ".": prose without either is spared the search)
    return len(text) > 40 and "。" in text and not (("." in text or "/" in text) and _URL_RE.search(text))


def _is_spam(text: str) -> bool:
    """A line of adult/video-site keywords: three of them (one word never decides), one unmistakable, no
    sentence."""
    if "。" in text or len(text) > 200:
        return False
    return bool(_SPAM_STRONG_RE.search(text)) and len(set(_SPAM_RE.findall(text))) >= 3


def _is_meta(text: str) -> bool:
    if len(text) > 160 or "。" in text:
        return False
    if (":" in text or "：" in text or "】" in text or "|" in text or "｜" in text) and _META_FIELD_RE.search(text):
        return True
    if _META_WORD_RE.search(text):
        return True
    if "上传" in text:
        return False  # a forum's image-upload stamp dates the image, not the page
    has_year = "19" in text or "20" in text  # every date form below opens with a year, 19xx or 20xx
    if has_year and (_TIMESTAMP_LINE_RE.match(text) or DATE_LINE_RE.match(text)):
        return True
    return has_year and len(text) <= 60 and "," not in text and bool(_STAMP_RE.search(text))


def _is_menu(text: str) -> bool:
    return ("|" in text or "｜" in text) and bool(_MENU_RE.match(text))  # a menu has at least two bars


def is_caption(text: str) -> bool:
    """A photo caption or credit line (not a paragraph of the story)."""
    text = text.strip()
    if len(text) > CAPTION_MAX:
        return False
    if _CAPTION_START_RE.match(text):
        return True
    if ("摄" in text or "图" in text) and _CAPTION_END_RE.search(text):
        return True
    return " " in text and len(text) >= 17 and bool(_DOUBLED_RE.match(text))


_PUBLISHED_RE = re.compile(r"(?:发布|发表|更新|出版|刊发)(?:时间|日期)\s*[:：]\s*$")


def page_timestamp(line: str) -> tuple[str, bool] | None:
    """(ISO date, labelled) of a meta line's date: "发布时间:2022年11月03日", "2024-05-17 09:30:12 来源:...".

    ``labelled`` says a label named the date as the publication's (发布时间, 时间:); an unlabelled timestamp
    counts only where a title's meta line stands, which the caller knows.
    """
    text = line.strip().lstrip(_LEAD_MARKS).strip()
    if not _is_meta(text) and not DATE_LINE_RE.match(text) and not _EPAPER_PAGE_RE.match(text):
        return None
    # "成文日期:2023-05-06 发布日期:2023-05-07": the publication's date, when a label names it
    m = next((x for x in DATE_RE.finditer(text) if _PUBLISHED_RE.search(text, 0, x.start())), None)
    m = m or DATE_RE.search(text)
    if m is None:
        return None
    y, mo, d = (m.group(k + n) for n in ("1", "2", "3") if m.group("y" + n) for k in ("y", "m", "d"))
    try:
        iso = dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None
    before = text[: m.start()]
    labelled = bool(re.search(r"(?:时间|日期)\s*[:：]\s*$", before))
    return iso, labelled


# (the label may follow a source's name with no space: "信息来源:临江日报作者:方晓": a site's fields run together)
_AUTHOR_RE = re.compile(
    r"(?:^|[\s|｜【(]|(?<=报|[网社台站]))(?:作者|撰稿)\s*(?:[:：|｜]|】)\s*(?P<names>[^:：|｜【】()]*?)\s*(?=$|[|｜【】()]|\S{2,4}[:：])"
)
# Words a credit holds that are no one's name: "作者:消息", "本报通讯员", "摄影报道".
NOT_A_NAME_RE = re.compile(
    r"消息|本站|本网|本报|佚名|综合|整理|编辑|记者|通讯员|实习生|管理员|来源|新闻|日报|网站|中心|办公室|摄影|报道|供图"
)


def author_names(line: str) -> list[str]:
    """Names in a meta line's 作者 field ("作者:文豪 易政声 来源:..."): 2-4 Han characters each."""
    m = _AUTHOR_RE.search(line)
    if m is None:
        return []
    tokens = [t for t in re.split(r"[\s、,，]+", m.group("names")) if t]
    if tokens and all(len(t) == 1 for t in tokens):  # "舒 薇": letter-spaced
        tokens = ["".join(tokens)]
    return [t for t in tokens if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", t) and not NOT_A_NAME_RE.search(t)]
