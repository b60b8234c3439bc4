"""Documents (every 《...》 title) and appointments (任命 / 免去 / 决定...为代理... / 当选)."""

from __future__ import annotations

import re

from ..model import Appointment, DocumentRef
from .people import post_words, read_name

_TITLE_RE = re.compile(r"《([^《》\n]{1,120})》")

# "会议任命胡建福为衡阳市中级人民法院副院长", "决定刘兴无副检察长为...代理检察长", "免去张三的...职务", "李四当选为..."
_VERB_RE = re.compile(r"(任命|免去|决定|选举|当选为|当选|补选)")
_POST_END_RE = re.compile(r"[,，。;；、\n]|职务|的职务")
_CURRENT_POST_RE = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?=为)")


def find_documents(text: str, article: str = "") -> list[DocumentRef]:
    return [DocumentRef(article, m.group(1).strip(), m.start(), m.end()) for m in _TITLE_RE.finditer(text)]


_APPROVE_RE = re.compile(r"(?:审议并原则同意|审议并通过了?|审议通过了?|原则同意|原则通过|批准了?)")
_TITLE_RUN_RE = re.compile(r"\s*(?:[、和及与,，]\s*)?《([^《》\n]{1,120})》")


def approved_titles(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """《》 titles the text says were approved (审议通过, 原则同意, 原则通过 ...), in order, once each."""
    out: list[str] = []
    for v in _APPROVE_RE.finditer(text, start, len(text) if end is None else end):
        pos = v.end()
        while (m := _TITLE_RUN_RE.match(text, pos)) is not None:
            if m.group(1) not in out:
                out.append(m.group(1))
            pos = m.end()
    return out


def _post_after(text: str, pos: int) -> tuple[str, int]:
    m = _POST_END_RE.search(text, pos)
    end = m.start() if m else len(text)
    return text[pos:end].strip(), end


def find_appointments(text: str, article: str = "") -> list[Appointment]:
    out: list[Appointment] = []
    for v in _VERB_RE.finditer(text):
        verb = v.group(1)
        if verb.startswith("当选"):
            # the name stands before the verb: "李四当选为市长" / "李四当选市长"
            for n in (3, 2, 4):
                got = read_name(text, v.start() - n, (n,)) if v.start() >= n else None
                if got and got[1] == v.start():
                    post, end = _post_after(text, v.end())
                    if post:
                        out.append(Appointment(article, got[0], post, "elect", v.start() - n, end))
                    break
            continue
        pos = v.end()
        names: list[str] = []
        # after the verb a name may run straight into 为, 的 or the person's current post
        while True:
            got = read_name(text, pos, ends=("为", "的"), weak_ends=post_words())
            if got is None:
                break
            names.append(got[0])
            pos = got[1]
            if text[pos : pos + 1] == "、":
                pos += 1
                continue
            break
        if not names:
            continue
        if verb == "免去":
            post, end = _post_after(text, pos + (1 if text[pos : pos + 1] == "的" else 0))
            kind = "remove"
        else:
            # "决定刘兴无副检察长为...": skip the person's current post, up to 为
            cur = _CURRENT_POST_RE.match(text[pos : pos + 10])
            if cur is None or text[pos + len(cur.group(0)) : pos + len(cur.group(0)) + 1] != "为":
                continue
            post, end = _post_after(text, pos + len(cur.group(0)) + 1)
            if verb == "决定" and "代理" not in post:
                kind = "appoint"
            elif "代理" in post or verb == "决定":
                kind = "acting"
            elif verb in ("选举", "补选"):
                kind = "elect"
            else:
                kind = "appoint"
        if post and len(post) <= 40:
            out += [Appointment(article, n, post, kind, v.start(), end) for n in names]  # type: ignore[arg-type]
    return out
