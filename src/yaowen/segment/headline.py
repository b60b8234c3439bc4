"""Read a headline stack (引题 / 主题 / 副题) and the byline into article fields."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..chrome import NOT_A_NAME_RE
from ..genre import CORRESPONDENT_ROLES, CREDIT_MARK_RE, REPORTER_ROLES, ROLE_RE, marked_credit
from .lines import Line

STACK_LINES = 3  # kicker, headline, subheadline; lines above them are a column rubric
RUBRIC_MAX = 4  # Han characters of a column's name above a stack ("要闻", "本地新闻")
_SITE_NAME_RE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:新闻网|网|日报|晚报|客户端|融媒体?|在线|发布|电视台)$")

# "X在…上强调——", "X…时强调", "X调研…时指出": a lead-in set above the main headline.
_LEAD_IN_RE = re.compile(r"(?:强调|指出|要求|表示|寄语|提出|说|时|上)\s*(?:——|--|-|:|：)?\s*$")
_DASHES = "—–-~～ "
_HAN_NAME_RE = re.compile(r"[\u4e00-\u9fff·]+")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_SPACES_RE = re.compile(r"\s+")
_SPACE_RE = re.compile(r"\s")
_NAME_SEPARATORS_RE = re.compile(r"[\s、,，/:：]+")
_RUN_ON_MARKS = ("文/图", "文图", "图文")
_RUN_ON_MARK_RE = re.compile(rf"^({'|'.join(_RUN_ON_MARKS)})(?=[^\s/|｜:：])")
_CREDIT_TAILS = ("摄影报道", "报道", "整理", "摄")
_CREDIT_TAIL_RE = re.compile(rf"\s*(?:{'|'.join(_CREDIT_TAILS)})$")
# A character every credit mark (CREDIT_MARK_RE) holds: a byline without one is spared the search.
_CREDIT_MARK_CHAR_RE = re.compile("[文图撰作摄视制海设]")


@dataclass
class Headline:
    kicker: str | None = None
    headline: str | None = None
    subheadline: str | None = None
    column: str | None = None
    is_document: bool = False  # a 题注 under the headline: an official document, printed without a lead


_BULLETS = "■□●◆▲★◇○•"
# "标题:…", "题目:…": a government site labels its title.
_TITLE_LABEL_RE = re.compile(r"^(?:文章)?(?:标题|题目|名称)\s*[:：]\s*")
# One line "主题——副题": the dash sets a subheadline off the headline (not inside 《》 or quotes).
_DASH_SPLIT_RE = re.compile(r"^(?P<head>[^《“\"]*?(?:《[^》]*》[^《“\"]*?|“[^”]*”[^《“\"]*?)*)\s*(?:——|--)\s*(?P<sub>.+)$")
_MIN_PART = 4  # Han characters each side of a splitting dash


def _tidy(s: str | None) -> str | None:
    if s is None:
        return None
    s = _SPACES_RE.sub(" ", s).strip().lstrip(_BULLETS).strip().strip(_DASHES).strip()
    return s or None


def read_stack(lines: list[Line]) -> Headline:
    """Assign the stack's lines to kicker / headline / subheadline."""
    h = Headline()
    if not lines:
        return h
    # a lead-in ("X在…上强调——") is always the kicker: what stands above it is a column rubric
    lead_in = [i for i, x in enumerate(lines[:-1]) if x.kind != "heading" and _LEAD_IN_RE.search(x.text)]
    if lead_in and lead_in[-1] > 0:
        i = lead_in[-1]
        h.column = _tidy(" ".join(x.text for x in lines[:i]))
        lines = lines[i:]
    # a word or two above the stack ("要闻", "时政"): the page's column, too short for a kicker
    rubric = 0
    while rubric < len(lines) - 1 and lines[rubric].kind != "heading" and _is_rubric(lines[rubric].text):
        rubric += 1
    if rubric:
        h.column = _tidy(" ".join(x.text for x in lines[:rubric]))
        lines = lines[rubric:]
    # a bulleted line starts an item's own stack: what stands above it is the column ("要闻简报 / ■…")
    bullet = next((i for i, x in enumerate(lines) if i and x.text.lstrip()[:1] in _BULLETS), None)
    if bullet is not None and lines[0].text.lstrip()[:1] not in _BULLETS:
        h.column = _tidy(" ".join(x.text for x in lines[:bullet]))
        lines = lines[bullet:]
    if len(lines) > STACK_LINES:
        h.column = _tidy(" ".join(x.text for x in lines[:-STACK_LINES]))
        lines = lines[-STACK_LINES:]
    texts = [x.text for x in lines]
    if any(x.kind == "paren" for x in lines):
        h.is_document = True
        texts = [t[1:-1] if x.kind == "paren" else t for x, t in zip(lines, texts, strict=True)]

    main = next((i for i, x in enumerate(lines) if x.kind == "heading" and x.level == 1), None)
    if main is None:
        dashed = [i for i, t in enumerate(texts) if t.startswith(("——", "--")) or lines[i].kind == "paren"]
        if len(texts) >= 3:
            main = 1
        elif len(texts) == 2:
            lead_in = _LEAD_IN_RE.search(texts[0]) and not dashed
            main = 1 if lead_in else 0
        else:
            main = 0
    h.headline = _tidy(_TITLE_LABEL_RE.sub("", texts[main]))
    h.kicker = _tidy(" ".join(texts[:main])) if main else None
    h.subheadline = _tidy(" ".join(texts[main + 1 :])) if main + 1 < len(texts) else None
    return h


# What a factual headline (实题) reports, and a 副题 that names who chaired or attended.
_EVENT_RE = re.compile(
    r"召开|举行|举办|开幕|闭幕|座谈|会议|大会|调研|考察|视察|会见|签约|开工|启动|揭牌|发布|成立|表彰|慰问|部署|通过|当选|选举|任命"
)
_NAMES_SUB_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:主持|出席|讲话|参加|致辞|作报告|率队|强调|指出)")


def factual_headline(h: Headline) -> Headline:
    """On a page of one story, a line that reports no event over the line that reports it is the kicker, and
    the report is the headline: a slogan ("与时代同步 与人民同行 / …座谈会举行") or the result it leads with
    ("项目数、投资额均居全省前列 / 我市18个重大项目集中开工")."""
    if h.kicker or not h.headline or not h.subheadline or _EVENT_RE.search(h.headline):
        return h
    if not _EVENT_RE.search(h.subheadline) or _NAMES_SUB_RE.match(h.subheadline):
        return h
    return Headline(kicker=h.headline, headline=h.subheadline, column=h.column, is_document=h.is_document)


def _is_rubric(text: str) -> bool:
    """A column's or the site's name above a stack: "要闻", "临江新闻网", "掌上临江客户端"."""
    return len(_HAN_RE.findall(text)) <= RUBRIC_MAX or bool(_SITE_NAME_RE.match(text.strip()))


def split_dashed_headline(h: Headline, body: str) -> None:
    """One line "主题——副题" is a headline and its subheadline, unless the text prints the dash too: then it
    belongs to a name ("迎春消费季——老字号嘉年华活动启动")."""
    if h.subheadline is not None or not h.headline or not (m := _DASH_SPLIT_RE.match(h.headline)):
        return
    if any(len(_HAN_RE.findall(m.group(k))) < _MIN_PART for k in ("head", "sub")):
        return
    if _SPACE_RE.sub("", m.group("head"))[-4:] + "——" in _SPACE_RE.sub("", body).replace("--", "——"):
        return
    h.headline, h.subheadline = _tidy(m.group("head")), _tidy(m.group("sub"))


def _names(chunk: str) -> list[str]:
    """Names in a byline chunk: "陈 润" (letter-spaced) is one name, "谢小青 向吟吟" two, "方月平 曹 勇" two."""
    tokens = [t for t in _NAME_SEPARATORS_RE.split(chunk.strip()) if t]
    names: list[str] = []
    singles: list[str] = []  # a run of single characters: a letter-spaced name (or two)
    for t in tokens:
        if len(t) == 1:
            singles.append(t)
            continue
        if singles:
            names += _spaced_names(singles)
            singles = []
        if 2 <= len(t) <= 4 and _HAN_NAME_RE.fullmatch(t) and not NOT_A_NAME_RE.search(t):
            names.append(t)
    if singles:
        names += _spaced_names(singles)
    return names


def _spaced_names(singles: list[str]) -> list[str]:
    """The name or names a run of single characters spells ("陈 润"; "曹 勇 王 明" is two)."""
    if len(singles) in (2, 3):
        return ["".join(singles)]
    # letter-spacing pads two-character names: pair the single characters up
    return ["".join(singles[i : i + 2]) for i in range(0, len(singles) - 1, 2)]


def read_byline(text: str) -> tuple[list[str], list[str], bool]:
    """(reporters, correspondents, is_own_staff) from "■通讯员 蒋甜田 本报记者 唐海强", "记者 罗文鹏" or
    "文 | 方晓 图 | 林立" (the text's author is a reporter; a photographer's credit names no one)."""
    text = text.strip().lstrip("■□●◆▲★ ").strip()
    if text.startswith(_RUN_ON_MARKS):
        text = _RUN_ON_MARK_RE.sub(r"\1 ", text)  # "文/图方晓"
    elif "/" in text:
        text = marked_credit(text)  # "记者 张三/文 李四/摄": each name's mark before it
    marks = list(CREDIT_MARK_RE.finditer(text)) if _CREDIT_MARK_CHAR_RE.search(text) else []
    if marks:
        reporters: list[str] = []
        correspondents: list[str] = []
        head = text[: marks[0].start()]
        if head.strip():
            reporters, correspondents, _ = _read_roles(head)
        for k, m in enumerate(marks):
            if not m.group("text"):
                continue  # 图 | 林立: the photographer's credit
            chunk = text[m.end() : marks[k + 1].start() if k + 1 < len(marks) else len(text)]
            r, c, _ = _read_roles(chunk)
            no_role = not ROLE_RE.search(chunk)
            reporters += [x for x in (r + c if no_role else r) if x not in reporters]
            correspondents += [] if no_role else [x for x in c if x not in correspondents]
        return reporters, correspondents, "本报" in text
    return _read_roles(text)


def _read_roles(text: str) -> tuple[list[str], list[str], bool]:
    text = text.strip()
    if text.endswith(_CREDIT_TAILS):
        text = _CREDIT_TAIL_RE.sub("", text)
    reporters: list[str] = []
    correspondents: list[str] = []
    own = "本报" in text
    parts = ROLE_RE.split(text)
    # parts: [before-first-role, role, names, role, names, ...]
    if parts[0].strip():
        correspondents += _names(parts[0])  # names without a role count as correspondents
    for role, chunk in zip(parts[1::2], parts[2::2], strict=False):
        role = role.replace(" ", "")
        names = _names(chunk)
        if role in CORRESPONDENT_ROLES:
            correspondents += names
        elif role.endswith("记者") or role in REPORTER_ROLES:
            reporters += names
    return reporters, correspondents, own
