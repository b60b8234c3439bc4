"""How a meeting's name is cut out of the text: the clause and date shapes around it, the subject before
召开/举行 (an organ names its own sitting; a place, a joint host or a time does not), and the cleaning of a name
read (an organizer's phrase, an announcer, a leading date or junk before it)."""

from __future__ import annotations

import re

from .meeting_ids import noun_of

CLAUSE = r"[^,，。;；:：!！?？\n]"
DATE = (
    r"(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日|\d{1,2}日|(?:昨日|昨天|今天|今日|当天|当日)(?:[(（]\d{1,2}月\d{1,2}日[)）])?)"
    r"(?:上午|下午|晚上|晚间|晚|早上|凌晨|中午)?(?:\d{1,2}[时:：]\d{0,2}分?)?"
)
# what may stand between a meeting's name and 召开/举行/开幕: when, where, how, and adverbs
BETWEEN = (
    rf"于?{DATE}(?:[至到—–-]\d{{1,2}}日)?|于?(?:日前|近日|近期)|在{CLAUSE}{{1,20}}?|(?:以|通过){CLAUSE}{{1,12}}?(?:形式|方式)|"
    rf"(?:圆满|顺利)?完成{CLAUSE}{{0,12}}?后|胜利|隆重|正式|如期|顺利|再次|专门|紧急|也|又|还"
)
_ENLARGED_RE = re.compile(r"[(（]扩大[)）](?:会议)?")
_SPACE_RE = re.compile(r"\s+")

# the subject before 召开/举行, cleaned of time, place and adverbs: 市政府紧接着 -> 市政府
_LEAD_TIME_RE = re.compile(rf"^(?:{DATE}[,，]?)+")
_TRAIL_RE = re.compile(
    rf"(?:{BETWEEN}|紧接着|随即|随后|同时|今年)+$"
)
_ORGAN_SUBJECT_RE = re.compile(
    r"(?:委员会|委会|常委会|政府|政协|人大|党组|党委|党工委|市委|县委|区委|省委|州委|主席团|代表团|领导小组|指挥部|中心组|"
    r"工作组|会议|大会|全会|机关|人大常委会|局|办|院|厅|部|中心|办公室|班子)$"
)
# two hosts: 市委、市政府 / 市委和市政府 / 市委市政府 (not 发展和改革委员会)
_JOINT_RE = re.compile(r"、|[和与及](?=中共|市|县|区|省|州)|委(?:市|县|区|省|州)?政府|政府(?:市|县|区|省|州)?委")
_PLACE_ONLY_RE = re.compile(r"^(?:我|全)?(?:[\u4e00-\u9fff]{0,6}?(?:省|市|县|区|州|镇|乡))$")
# 出席省十四届人大三次会议的益阳代表团 -> 省十四届人大三次会议益阳代表团
_DELEGATION_RE = re.compile(r"^(?:出席|参加)(.+?)的(.+代表团)$")

_JUNK_PREFIX_RE = re.compile(r"^(?!\d{4}年?[\u4e00-\u9fff])[^\u4e00-\u9fff《“\"(（]+|^[(（](?:紧接|上接|接)[^)）]{0,8}[)）]")
_LEADING_DATE_RE = re.compile(rf"^{DATE}的")  # 在今天(9月27日)的Y会上
_ATTENDING_OF_RE = re.compile(r"^(?:出席|参加)(.{4,40}?(?:大会|会议))的(.+)$")
_LEADING_WORD_RE = re.compile(r"^(?:了|的|于|我市|我县|我区|我省|我州)")
# 由A主办的B会, 由A发起、C参与的B会, 以“…”为主题的B会: the phrase before 的 describes B
_ORGANIZER_RE = re.compile(
    r"^(?:由[^,，。]{1,60}?的|以[^,，。]{1,40}?为主题的|主题为[^,，。]{1,40}?的|[^,，。的]{1,40}?(?:主办|承办|举办)的|为期[^,，。的]{1,6}的)+"
)
_ANNOUNCER_RE = re.compile(r"^.{2,12}?宣布")


def clean_name(name: str) -> str:
    """A name as read, without the words around it that are not the meeting's."""
    name = name.strip()
    if (name.startswith("“") and "”" not in name) or (name.startswith('"') and name.count('"') == 1):
        name = name[1:]  # 举办了“第二届…论坛”: a name read up to the closing quote mark drops the opening one
    name = _JUNK_PREFIX_RE.sub("", name)
    name = _ORGANIZER_RE.sub("", _LEADING_WORD_RE.sub("", _LEADING_DATE_RE.sub("", name)))  # "由A主办的B会" is B会
    if (a := _ANNOUNCER_RE.match(name)) is not None and noun_of(name[a.end() :]):
        name = name[a.end() :]  # 阎红心宣布…会议开幕
    if (d := _ATTENDING_OF_RE.match(name)) is not None:
        name = d.group(1) + d.group(2)  # 出席X代表大会的各代表团召集人会议 -> X代表大会各代表团召集人会议
    return _SPACE_RE.sub("", name)


def extend_name(text: str, end: int) -> int:
    """A name that stopped at 会 may go on: 调度会|议, 常委会|会议, 常委会|(扩大)会议."""
    while True:
        if text[end - 1 : end] == "会" and text.startswith("议", end):
            end += 1
        elif (m := _ENLARGED_RE.match(text, end)) is not None:
            end = m.end()
        elif text[end - 1 : end] == "会" and text.startswith("会议", end):
            end += 2
        else:
            return end


def organ_subject(before: str, bare_meeting: bool = False) -> str:
    """The subject of 召开/举行 as an organ name, or '' for a place, a joint host or anything else. A joint host
    does name a bare 会议 (市委、市政府召开会议), which has no other name."""
    s = _TRAIL_RE.sub("", _LEAD_TIME_RE.sub("", before.strip()))
    if (d := _DELEGATION_RE.match(s)) is not None:
        s = d.group(1) + d.group(2)
    if not s or len(s) > 40 or not _ORGAN_SUBJECT_RE.search(s) or _PLACE_ONLY_RE.match(s):
        return ""
    if _JOINT_RE.search(s) and not bare_meeting:
        return ""
    if noun_of(s) == s:  # 会议同时套开了…: 会议 is the meeting already named
        return ""
    return s
