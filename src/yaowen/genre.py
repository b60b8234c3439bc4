"""The regularities of the official-news genre that several stages lean on.

Bylines, datelines, continuation markers and sentence ends look the same in every Chinese party paper, so
they are written once here; the cleaner (layout joins) and the segmenter both read them. Patterns assume
text after form normalization (full-width ASCII folded to half-width).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .chrome import chrome_kind

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN = f"[{CJK}]"

# Reporter roles in bylines, longest first so that 本报记者 wins over 记者.
# An intern (实习生) writes for the newsroom beside its reporters: a reporter, not a correspondent.
REPORTER_ROLES = ("全媒体记者", "融媒体记者", "本报记者", "特约记者", "见习记者", "实习记者", "首席记者", "记者", "实习生")
CORRESPONDENT_ROLES = ("本报特约通讯员", "本报通讯员", "特约通讯员", "通讯员")
# A reporter's role with the newsroom it works for: 绵阳日报社融媒体记者, 全媒体首席记者, 九江日报全媒记者.
# Before 全媒体/融媒体 any newsroom's name will do: 掌上临江融媒体记者, 云上临江全媒体记者.
_NEWSROOM_REPORTER = (
    rf"(?:{HAN}{{0,6}}?(?:日报社|日报|晚报|时报|报社|新闻网|新闻|电视台|广播电视台|融媒体中心|网|台)"
    rf"(?:全媒体|融媒体|全媒|融媒)?|{HAN}{{0,6}}?(?:全媒体|融媒体|全媒|融媒))?"
    r"(?:首席|特约|见习|实习|驻站|本报|摄影)?记者"
)
ROLE_RE = re.compile(
    f"({_NEWSROOM_REPORTER}|"
    + "|".join(r"\s?".join(r) for r in sorted(REPORTER_ROLES + CORRESPONDENT_ROLES, key=len, reverse=True))
    + ")"
)

# A name's own credit mark after it: "记者 张三/文" (its text), "李四/摄".
_NAME_MARK = r"(?:\s*/\s*(?:文|图|摄影|摄))?"
# A byline line: "■本报记者 陈 润", "■通讯员 蒋甜田 本报记者 唐海强", "本报记者 唐海强", "■朱桂林", "通 讯 员 刘海华".
BYLINE_RE = re.compile(
    rf"^(?:(?:文/图|文图|文/)\s*(?:{ROLE_RE.pattern}[\s:：]*)?|(?:文/图|文图|文/|图/)?\s*(?:[■□●◆▲★]\s*(?:{ROLE_RE.pattern}[\s:：]*)?"
    rf"|{ROLE_RE.pattern}[\s:：]*))"
    rf"(?:{HAN}(?:\s?{HAN}){{0,3}}{_NAME_MARK})(?:\s*(?:{ROLE_RE.pattern}\s*)?[\s、,，:：]\s*{HAN}(?:\s?{HAN}){{0,3}}{_NAME_MARK})*\s*$"
)

# A credit line of marked parts: "文 | 方晓  图 | 林立", "文/图 方晓", "撰文:方晓 摄影:林立", "文字 方晓".
# The text's author (文, 撰文, 作者) is a byline; a photographer's or designer's credit names no reporter.
TEXT_MARK = r"(?:文/图|文图|图文|撰文|文字|撰稿|作者|文(?=\s*[/|｜:：]))"
PHOTO_MARK = r"(?:摄影|摄像|视频|制图|图片|海报|设计|图(?=\s*[/|｜:：]))"
_MARK_END = r"(?:\s*[/|｜:：]\s*|\s+)"  # a mark is set off from the names ("图片新闻" is no credit)
CREDIT_MARK_RE = re.compile(rf"(?:^|(?<=\s))(?:(?P<text>{TEXT_MARK})|{PHOTO_MARK}){_MARK_END}")
_CREDIT_NAMES = rf"{HAN}(?:\s?{HAN}){{0,3}}(?:\s*[\s、,，]\s*{HAN}(?:\s?{HAN}){{0,3}})*"
CREDIT_LINE_RE = re.compile(
    rf"^(?:(?:{TEXT_MARK}|{PHOTO_MARK}){_MARK_END}(?:{ROLE_RE.pattern}[\s:：]*)?{_CREDIT_NAMES}\s*)+$"
)
# The first characters of the marks: a line that opens with none of them is spared CREDIT_LINE_RE's attempt.
_CREDIT_MARK_FIRSTS = frozenset("文图撰作摄视制海设")


def is_credit_line(line: str) -> bool:
    """``CREDIT_LINE_RE.match(line)``."""
    return line[:1] in _CREDIT_MARK_FIRSTS and CREDIT_LINE_RE.match(line) is not None

# The lead's dateline: 本报讯, 衡阳日报讯, 本报长沙3月4日讯, 新华社北京3月4日电, 人民日报北京3月4日电, 邵阳新闻网讯,
# 常报全媒体讯, 今日永州讯, optionally followed by "(记者 罗文鹏)" and/or a month-day.
_NEWS_AGENCIES = r"新华社|中新社|人民日报|光明日报|经济日报|中央广电总台|人民网|新华网|央视网|中新网|光明网|央视|红网"
_AGENCY = (
    _NEWS_AGENCIES
    + rf"|{HAN}{{0,8}}?(?:日报|晚报|早报|时报|商报|新闻网|新闻在线|客户端|融媒体中心|融媒|全媒体|广播电视台|电视台)"
    + rf"|{HAN}{{1,8}}?(?:网|台)|今日{HAN}{{2,4}}"
    # any newsroom's name before "讯" ("掌上临江讯 3月11日,", "云上临江3月11日讯(记者…)"): 讯 marks the lead
    + rf"|{HAN}{{2,8}}?(?={HAN}{{0,6}}?\d{{1,2}}月\d{{1,2}}日?讯)"
    + rf"|{HAN}{{2,8}}?(?=讯\s*(?:[:：【\d]|[(（](?:[^)）]{{0,8}}(?:记者|通讯员|实习生)|{HAN}{{2,4}}[\s)）])|昨|今|前|近日|日前))"
)
_ORG = rf"(?P<org>本报|{_AGENCY})(?:·{HAN}{{2,10}}?)?"  # 湖南日报·新湖南客户端
# the credit in parentheses; pinyin glosses left inside it "(wàn)" are one level of nesting
_CREDIT = r"\s*[(（](?P<credit>(?:[^()（）]|[(（][^()（）]{0,8}[)）]){1,60})[)）]"
# a credit whose closing bracket was lost: "(记者 张三3月16日下午,…" ends where the date begins
_OPEN_CREDIT = rf"\s*[(（](?P<open_credit>(?:{ROLE_RE.pattern})\s*[^()（）\d,，。]{{2,20}}?)(?=\d{{1,2}}月\d{{1,2}}日)"
LEAD_RE = re.compile(
    rf"^(?P<dateline>(?:[■□●◆▲★]\s*)?(?:据)?{_ORG}(?:(?P<place>{HAN}{{1,8}}?)?(?P<md>\d{{1,2}}月\d{{1,2}}日?)?"
    rf"(?P<kind>讯|电|消息|报道(?=[\s,，:：]))(?:{_CREDIT}|{_OPEN_CREDIT})?"
    rf"(?:\s*(?P<credit2>(?:{ROLE_RE.pattern})[^,，。:：()（）]{{1,40}}?)\s*报道)?"
    rf"|\s*(?P<credit3>(?:{ROLE_RE.pattern})\s*[^,，。:：()（）]{{1,40}}?)\s*报道))[\s:：]*"
)
_AGENCY_RE = re.compile(rf"^(?:本报|{_NEWS_AGENCIES})$")
# Furniture closing the last paragraph: "...。(来源:临江日报)", "...。(编辑 张三)", and a team's credit that
# names no one: "...。(本报两会报道组)", "(市党代会新闻网报道组)".
TRAILING_FURNITURE_RE = re.compile(
    r"\s*[(（【\[](?:(?:来源|责任编辑|编辑|责编|审核|校对|值班编辑|网络编辑|审校|终审|供稿|供图)[:：\s/][^()（）【】]{1,30}"
    r"|[^()（）【】\[\]\s]{0,24}(?:报道组|采访组))[)）】\]]\s*$"
)
# A credit closing an article: "...。(记者 张三 通讯员 李四)", "【融媒体记者 张三】".
TRAILING_CREDIT_RE = re.compile(rf"\s*[(（【](?P<credit>(?:{ROLE_RE.pattern})[^()（）【】]{{1,40}})[)）】]\s*$")
# Marked credits closing an article: "(张三/文 李四/图)", "(文/张三 图/李四)".
_MARK_WORD = r"(?:文|图|摄|摄影|视频)"
TRAILING_MARKED_RE = re.compile(
    rf"\s*[(（【](?P<credit>(?:\s*(?:{HAN}{{2,4}}\s*/\s*{_MARK_WORD}|{_MARK_WORD}\s*/\s*{HAN}{{2,4}}))+)\s*[)）】]\s*$"
)
_POSTFIX_MARK_RE = re.compile(rf"(?<!{HAN})({HAN}{{2,4}})\s*/\s*({_MARK_WORD})")  # a whole name: not 记者张三/文


def marked_credit(credit: str) -> str:
    """"张三/文 李四/图" as the byline reader reads marks: "文/张三 图/李四"."""
    return _POSTFIX_MARK_RE.sub(lambda m: f"{m.group(2)}/{m.group(1)}", credit).replace("摄/", "图/")
# A credit without a role closing an article: "...。(张三 李四)", or a compiler's "(正仁/整理)".
TRAILING_NAMES_RE = re.compile(
    rf"\s*[(（](?P<names>{HAN}{{2,4}}(?:[\s、,，]+{HAN}{{2,4}}){{0,5}})(?:\s*/?\s*(?:整理|编辑|辑))?[)）]\s*$"
)
# "(记者 罗文鹏)" heading a paragraph without an org (a byline in parentheses after 本报讯 on the line above),
# or "【全媒体记者 李索】".
CREDIT_ONLY_RE = re.compile(r"^[(（【](?P<credit>(?:[^()（）【】]*?(?:记者|通讯员)[^()（）【】]*|来源[:：][^()（）【】]{1,20}))[)）】]\s*")

# Continuation markers: "(上接第一版③)", "(紧接1版)", "【下转A3版】", "(下转第二版▶)", "(转第4版《…》)".
_PAGE_NO = r"第?(?:[A-Z]{0,2}\d{1,3}|[一二三四五六七八九十]{1,3})版[①-⑳\d]*"
_MARK_TAIL = r"[^()（）【】\[\]]{0,24}?"  # a title or an arrow after the page number
CONT_FROM_RE = re.compile(
    rf"^[(（【\[]\s*(?P<m>(?:上接|紧接|承接|接上|接)(?:{_PAGE_NO}|上期|上版|前版){_MARK_TAIL})\s*[)）】\]]\s*"
)
CONT_TO_RE = re.compile(
    rf"\s*[(（【\[]\s*(?P<m>(?:下转|转至|转)(?:{_PAGE_NO}|下期|下版){_MARK_TAIL}|未完待续|待续|未完)\s*[)）】\]]\s*$"
)
SEE_PAGE_RE = re.compile(rf"^\s*[(（【]?\s*(?P<m>(?:详见|见|下转|转)(?:{_PAGE_NO}){_MARK_TAIL})\s*[)）】]?\s*$")
# "(完)", "【全文完】": the paper says the story ends here.
END_MARK_RE = re.compile(r"\s*[(（【\[]\s*(?:全文)?完\s*[)）】\]]\s*$")

# A story that opens with its date (or a quote, then its date) has its own start, not a lost one.
STORY_START_RE = re.compile(
    r"^\s*[■□●◆▲★•]?\s*(?:“[^”]{0,40}”)?\s*(?:\d{1,2}月\d{1,2}日|昨日|昨天|今日|今天|近日|日前|前不久|当天|\d{4}年"
    r"|\d{1,2}日(?:上午|下午|晚上?|中午|凌晨|早上)?[,，])"
)
# A page's masthead or running head: "临江日报 2023年5月7日 星期日 第1版" — the issue date, not an article.
MASTHEAD_RE = re.compile(
    r"^[^。,，]{0,16}?(?:日报|晚报|报)[^。,，]{0,8}?((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日"
    r"\s*(?:星期.|周.)?[^。,，]{0,16}$"
)
# A full-line parenthetical note such as a document's 题注 "(2020年12月29日...会议通过)".
PAREN_LINE_RE = re.compile(r"^[(（][^()（）]{4,120}[)）]$")

# Markers of a new structural element at a line start (no layout join may cross into it).
_BLOCK_START_RE = re.compile(r"^(?:[■□●◆▲★]|——|--)")


LOST = "\ufffd"  # the cleaner's mark for a character lost beyond recovery

_NOT_WORD_RE = re.compile(rf"[^{CJK}A-Za-z0-9]+")
RESTATE_WINDOW = 120  # a story's first sentence or two restate its headline


@lru_cache(maxsize=4096)  # the same headline and opening are weighed by several rules
def restates(headline: str, text: str) -> bool:
    """Does ``text`` open by restating ``headline`` (half of the headline's character pairs recur in its
    first sentences)? A news paragraph retells the headline above it; a column's cut-off words do not
    come back in the line that continues them."""
    head = _NOT_WORD_RE.sub("", headline)
    pairs = set(map("".join, zip(head, head[1:], strict=False)))
    if len(pairs) < 3:
        return False
    opening = _NOT_WORD_RE.sub("", text[:RESTATE_WINDOW])
    return len(pairs & set(map("".join, zip(opening, opening[1:], strict=False)))) * 2 >= len(pairs)


# Every dateline names its kind (LEAD_RE's "kind" or a credit's 报道): a line without one is no lead, and a
# search for these words costs a tenth of LEAD_RE's attempt, which backtracks through the agencies' forms.
_LEAD_KIND_RE = re.compile("讯|电|消息|报道")


def _lead(line: str) -> re.Match[str] | None:
    return LEAD_RE.match(line) if _LEAD_KIND_RE.search(line) else None


def match_lead(line: str) -> tuple[re.Match[str], int] | None:
    """LEAD_RE on the line read past lost-character marks ("衡阳日\ufffd报讯"), with the match's end in ``line``."""
    if LOST not in line[:60]:
        m = _lead(line)
        return (m, m.end()) if m and _plausible_lead(m) else None
    m = _lead(line.replace(LOST, ""))
    if not m or not _plausible_lead(m):
        return None
    end = kept = 0
    while kept < m.end() and end < len(line):  # walk the original line until as many kept chars are passed
        kept += line[end] != LOST
        end += 1
    return m, end


def _plausible_lead(m: re.Match[str]) -> bool:
    """"…电" is a news agency's dateline only with a date or from an agency: "国家电网公司供电…" is no lead."""
    if m.group("kind") != "电" or m.group("md"):
        return True
    return bool(_AGENCY_RE.match((m.group("org") or "").replace(LOST, "")))


# What may follow a sentence's last mark (closing quotes and brackets, and a final newline).
_AFTER_SENTENCE_END = "”’」』)]》\n"
# Every trailing pattern (credit, source, names, "(完)", "(下转第三版)") ends in one of these, past spaces.
_CLOSING_BRACKETS = (")", "）", "】", "]")


def ends_in_bracket(text: str) -> bool:
    """Could a trailing credit, source, names, "(完)" or "(下转…)" pattern match at the end of ``text``? Each
    ends in a closing bracket: a text that does not is spared their searches (each tries every position)."""
    return text.rstrip().endswith(_CLOSING_BRACKETS)


def search_end(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for one of the trailing patterns (see ``ends_in_bracket``)."""
    return pattern.search(text) if ends_in_bracket(text) else None


# The marks that end a sentence (before its closing quotes and brackets), and those that end a story (a colon
# or semicolon announces more: an excerpt cut there)
_TERMINAL_MARKS = frozenset("。!?！？…;；:：")
_FINAL_MARKS = frozenset("。!?！？…")


def _ends_sentence(end_marks: frozenset[str], line: str) -> bool:
    """Does ``line`` end in one of ``end_marks`` followed only by closing quotes and brackets (and at most a
    final newline)? A set lookup of the last character before the closers, not a regex over the line."""
    body = line.rstrip(_AFTER_SENTENCE_END)
    return bool(body) and body[-1] in end_marks and "\n" not in line[len(body) : -1]


def is_terminal(line: str, final: bool = False) -> bool:
    """Does the line end a sentence (looking past a closing credit, a source, "(完)" or a "(下转第三版)"
    marker)? ``final``: does it end a story (a colon or a semicolon does not)?"""
    end_marks = _FINAL_MARKS if final else _TERMINAL_MARKS
    if _ends_sentence(end_marks, line):
        return True
    if not ends_in_bracket(line):
        return False  # nothing to look past
    stripped = TRAILING_MARKED_RE.sub("", END_MARK_RE.sub("", TRAILING_FURNITURE_RE.sub("", line)))
    stripped = CONT_TO_RE.sub("", TRAILING_NAMES_RE.sub("", TRAILING_CREDIT_RE.sub("", stripped)))
    return stripped != line and _ends_sentence(end_marks, stripped)


# A character every BYLINE_RE match holds: a role's last (记者, 通讯员, 实习生), a bullet, or 文 of "文/".
_BYLINE_CHAR_RE = re.compile("[者员生■□●◆▲★文]")


def is_byline(line: str) -> bool:
    return len(line) <= 40 and bool(
        (_BYLINE_CHAR_RE.search(line) and BYLINE_RE.match(line)) or is_credit_line(line)
    )


def starts_block(line: str) -> bool:
    """Does the line open a structural element (byline, dateline, marker, 题注, subheadline dash, or a line of
    the site's furniture)?"""
    return bool(
        _BLOCK_START_RE.match(line)
        or match_lead(line)
        or CREDIT_ONLY_RE.match(line)
        or CONT_FROM_RE.match(line)
        or SEE_PAGE_RE.match(line)
        or PAREN_LINE_RE.match(line)
        or is_byline(line)
        or chrome_kind(line) is not None
    )
