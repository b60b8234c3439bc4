"""Documents: every 《...》 title, and the titles a meeting approved."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import DocumentRef

# a title may hold one level of titles: 《关于修改〈临江市条例〉的决定》 is also written 《关于修改《临江市条例》的决定》
_TITLE = r"《((?:[^《》\n]|《[^《》\n]{1,120}》){1,160})》"
_TITLE_RE = re.compile(_TITLE)
_INNER_RE = re.compile(r"《([^《》\n]{1,120})》")


# a space the layout left inside a title ((2016— 2030)), not one between two words of a Latin title
_STRAY_SPACE_RE = re.compile(r"(?<![A-Za-z0-9])\s+|\s+(?![A-Za-z0-9])")


def _title(raw: str) -> str:
    return _STRAY_SPACE_RE.sub("", raw.strip())


def find_documents(text: str, article: str = "") -> list[DocumentRef]:
    """Every 《》 title, a title named inside another one too."""
    out = []
    for m in _TITLE_RE.finditer(text):
        out.append(DocumentRef(article, _title(m.group(1)), m.start(), m.end()))
        if "《" in m.group(1):
            out += [DocumentRef(article, _title(i.group(1)), i.start(), i.end())
                    for i in _INNER_RE.finditer(text, m.start() + 1, m.end() - 1)]
    return out


# 审议通过, 审议并原则通过, 讨论并通过, 原则同意, 原则批准, 通过 ...; 审议了 / 讨论了 / 听取 alone approve nothing
_APPROVE_RE = re.compile(
    r"(?:(?:审议|讨论|表决|研究)(?:并|后)?)?(?:原则)?(?:通过|批准)了?"
    r"|(?:(?:审议|讨论|研究)(?:并)?)?原则同意了?|(?:审议|研究)同意了?|(?<=会议)同意了?"
)
# what may stand between the verb and the titles: 该 (a title named before), or a modifier ending in 的
# (讨论并通过了代表团拟提出的《…》)
_LEAD_IN_RE = re.compile(r"\s*(?:该|[^《》。；;\n]{1,60}?的)?(?=\s*《)")
_TITLE_RUN_RE = re.compile(r"\s*(?:(?:[、和及与,，]|以及)\s*)?" + _TITLE)
# 审议并原则通过了这两个规章 / 上述三个文件: the titles just named
_THESE_RE = re.compile(r"(?:这|上述|以上)(\d+|[两二三四五六七八九十])(?:个|项|件|份|部)")
# 原则同意该办法: the last title named before of that kind
_THIS_ONE_RE = re.compile(r"该(?:[\u4e00-\u9fff]{0,4}?)(办法|条例|规定|方案|意见|规划|计划|决定|细则|措施|报告|规则|纲要|草案|议程)")
# 会议审议了《…》，原则同意，待修改后印发: a verb with no object of its own approves what its sentence named
_NO_OBJECT_RE = re.compile(r"了?[,，。;；]")
_SENTENCE_START_RE = re.compile(r"[。;；\n]")
_BACK = 300  # how far back a reference to titles named before may reach


# Every approval holds one of these (its core), at most 5 characters after its start (审议并原则|通过) and no other
# before it; the regex, whose alternatives open with optional groups, is tried at every position it is searched
# from, so it is searched only around each core.
_APPROVE_CORE_RE = re.compile(r"通过|批准|同意")
_BEFORE_CORE = 5


def _approvals(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_APPROVE_RE.finditer(text, start, end)``, searched around each core only: a match that starts before a
    core holds it (the words before a core are none of its characters), so the first match from ``pos`` is the
    one around the first core from there, if there is one around it at all."""
    pos = start
    while (core := _APPROVE_CORE_RE.search(text, pos, end)) is not None:
        c = core.start()
        m = _APPROVE_RE.search(text, max(pos, c - _BEFORE_CORE), min(end, c + 3))  # 3: the core and 了
        if m is None:
            pos = c + 1
        else:
            yield m
            pos = m.end()


def _count(word: str) -> int:
    return int(word) if word.isdigit() else "一两三四五六七八九十".index(word) + 1 if word != "二" else 2


def approved_titles(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """《》 titles the text says were approved (审议通过, 原则同意, 原则通过 ...), in order, once each; a short form
    (``该《条例》``, ``《方案》``) or ``这两个规章`` stands for the full titles named before it."""
    out: list[str] = []

    def add(title: str, at: int) -> None:
        title = _title(title)
        if len(title) <= 6:  # a short form names a title given in full before it
            title = next((t for t in reversed(_TITLE_RE.findall(text, max(0, at - _BACK), at)) if title in t and t != title), title)
        if title not in out:
            out.append(title)

    for v in _approvals(text, start, len(text) if end is None else end):
        pos = v.end()
        lead = _LEAD_IN_RE.match(text, pos)
        if lead is not None and lead.end() > pos:
            pos = lead.end()
        elif (these := _THESE_RE.match(text, pos)) is not None:
            for title in _TITLE_RE.findall(text, max(0, v.start() - _BACK), v.start())[-_count(these.group(1)) :]:
                add(title, v.start())
            continue
        elif (this := _THIS_ONE_RE.match(text, pos)) is not None:
            kind = [t for t in _TITLE_RE.findall(text, max(0, v.start() - _BACK), v.start()) if this.group(1) in t]
            if kind:
                add(kind[-1], v.start())
            continue
        elif _NO_OBJECT_RE.match(text, pos):
            starts = [m.end() for m in _SENTENCE_START_RE.finditer(text, max(0, v.start() - _BACK), v.start())]
            for title in _TITLE_RE.findall(text, starts[-1] if starts else max(0, v.start() - _BACK), v.start()):
                add(title, v.start())
            continue
        while (m := _TITLE_RUN_RE.match(text, pos)) is not None:
            add(m.group(1), m.start())
            pos = m.end()
    return out
