"""Cut a page's classified lines into blocks: the pieces that articles are built from.

A block opens at a headline stack, at a byline or lead that no stack precedes (an *orphan*: a dropped-in
block or an article whose headline is elsewhere), at a continuation marker "(上接第一版③)", and inside body
text where one article visibly ends and another begins: after a closing attendance line ("副市长X参加会议。")
or where a paragraph opens with a speaker the article never introduced ("邓群策要求,..." in a story about
someone else).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from ..extract.lexicons import looks_like_name
from ..genre import CONT_FROM_RE, CONT_TO_RE, SEE_PAGE_RE, STORY_START_RE, restates, search_end
from .lines import Line

Origin = Literal["headed", "orphan", "headless", "continued"]

# A standalone attendance/chair sentence that closes a meeting report.
_CLOSING_RE = re.compile(
    r"^[^。]{2,120}?(?:(?:出席|参加|列席|陪同)了?(?:[^。,，]{0,8}?(?:会议|活动|仪式|典礼|会))?"
    r"|主持(?:会议|会议相关议程|座谈会)?)。$"
)
# Openers that continue the report they follow (会议强调..., 会上..., 他说...).
CONTINUES_RE = re.compile(r"^(?:会议|会上|会前|会后|会间|他|她|其|据|此外|另外|同时|随后|当天|当日|期间|其间|与会)")
# A line that opens a sentence of its own ("今年,我市将…") does not continue a cut line above it.
_DATE_OPENER_RE = re.compile(
    r"^\s*(?:\d{1,2}月\d{1,2}日|昨日|昨天|今日|今天|近日|日前|今年|去年|近年来|目前|当前|据|记者|我市|全市)"
    r"|^[^,，。]{1,4}[,，]"
)
# "邓群策要求," — a paragraph opened by a named speaker.
_SPEAKER_RE = re.compile(r"^([\u4e00-\u9fff]{2,4}?)(?:要求|强调|指出|表示|认为|提出|说)[,，:：]")


# A paragraph that begins in mid-sentence: a cut word and a comma ("法,第一时间…"), or punctuation.
_MID_SENTENCE_RE = re.compile(r"^(?:[^,，。、;；:：\s][,，、]|[,，。、;；:：)）”’])")


def starts_mid_story(text: str) -> bool:
    """Does the text open where a story could not begin (continuing what came before)? ("据悉,…" may
    open a brief.)"""
    return bool((CONTINUES_RE.match(text) and not text.startswith("据")) or _MID_SENTENCE_RE.match(text))


@dataclass
class Para:
    """A body paragraph: its text and where each run of it lies in the cleaned text.

    ``pieces`` are (cleaned start, length) runs; one run unless the paragraph was rejoined across a cut line.
    """

    text: str
    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.pieces:
            self.pieces = [(self.start, len(self.text))]

    def slice(self, i: int, j: int | None = None) -> Para:
        """The paragraph's text[i:j], with its pieces and span cut to match."""
        j = len(self.text) if j is None else j
        pieces: list[tuple[int, int]] = []
        pos = 0
        for start, n in self.pieces:
            a, b = max(i, pos), min(j, pos + n)
            if a < b:
                pieces.append((start + a - pos, b - a))
            pos += n
        if not pieces:
            return Para("", self.start, self.start, [(self.start, 0)])
        return Para(self.text[i:j], pieces[0][0], pieces[-1][0] + pieces[-1][1], pieces)


@dataclass
class Block:
    origin: Origin
    header: list[Line] = field(default_factory=list)
    bylines: list[Line] = field(default_factory=list)
    lead: Line | None = None
    body: list[Para] = field(default_factory=list)
    continued_from: str | None = None
    continues_to: str | None = None
    closed: bool = False  # a "下转"/"详见" marker ended it
    notes: list[str] = field(default_factory=list)

    @property
    def started(self) -> bool:
        """Has body text begun (so a new byline or lead can no longer belong to this block)?"""
        return bool(self.body)

    def text(self) -> str:
        return "\n".join([x.text for x in self.header + self.bylines] + [p.text for p in self.body])


def is_closing(text: str) -> bool:
    return len(text) <= 120 and text.count("。") == 1 and bool(_CLOSING_RE.match(text))


SPEAKER_WINDOW = 40  # paragraphs looked back for a speaker's introduction (keeps huge pages linear)


def _new_speaker(block: Block, text: str) -> bool:
    m = _SPEAKER_RE.match(text)
    if not m:
        return False
    name = m.group(1)
    if not looks_like_name(name):
        return False
    seen = [x.text for x in block.header + block.bylines] + [p.text for p in block.body[-SPEAKER_WINDOW:]]
    return not any(name in t for t in seen)


def _starts_new_article(block: Block, line: Line) -> bool:
    """Does this body line begin another article although no headline, byline or marker says so?"""
    if not block.body:
        return False
    last = block.body[-1].text
    lead_only = block.lead is not None and len(block.body) == 1
    if not lead_only and is_closing(last) and not is_closing(line.text) and not CONTINUES_RE.match(line.text):
        return True
    return _new_speaker(block, line.text)


def _para(line: Line) -> Para:
    return Para(line.text, line.start, line.end)


_LABEL_RE = re.compile(r"^\s*【[^】]{1,12}】\s*$")
_STACK_LINE_KINDS = ("heading", "stack", "paren")
_NOT_TEXT_KINDS = frozenset({"nav", "meta", "tools", "end", "junk", "caption", "masthead"})


def headlines_open_with_leads(lines: list[Line]) -> bool:
    """Does the page print its headlines over a lead or a byline (本报讯, 记者 X), as a paper's pages do,
    or at most one headline over plain text? There, a lone unpunctuated line over plain text is a paragraph
    a column cut; on a page of headlines over the stories they head (a list of briefs), it is one more."""
    led = unled = 0
    below: Line | None = None  # the next line of text under the current one (the page is walked upwards)
    for k in range(len(lines) - 1, -1, -1):
        line = lines[k]
        last_of_stack = line.kind in _STACK_LINE_KINDS and not (k + 1 < len(lines) and lines[k + 1].kind in _STACK_LINE_KINDS)
        if last_of_stack and below is not None:
            if below.kind in ("lead", "byline"):
                led += 1
            elif below.kind == "body" and opens_story_under(line.text, below.text):
                unled += 1
        if line.kind not in _NOT_TEXT_KINDS:
            below = line
    return led >= unled or unled < 2


# How a news story's first paragraph opens: with its date, or with where the news came from.
_STORY_OPENER_RE = re.compile(r"^\s*(?:记者|据悉|据了解|据介绍|据统计|日前|近日)")


def opens_story_under(headline: str, text: str) -> bool:
    """Does ``text`` read as the opening of a story under ``headline`` (it is dated, says where the news
    came from, or retells the headline)? A feature's sub-heading heads text that does none of these."""
    return bool(STORY_START_RE.match(text) or _STORY_OPENER_RE.match(text) or restates(headline, text))


def is_cut_body_line(cur: Block | None, lines: list[Line], i: int, leads: bool = True) -> bool:
    """A lone unpunctuated line inside an unfinished article, followed by body text that does not open a
    story, on a page whose headlines stand over leads (``leads``): the end of a column cut a paragraph,
    this is not a one-line headline."""
    if not leads or cur is None or not cur.started or cur.closed or is_closing(cur.body[-1].text):
        return False
    if _LABEL_RE.match(lines[i].text):
        return False  # 【苏州】: a round-up's section label
    if cur.header == [] and cur.lead is None:
        return False
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    prev_is_stack = lines[i - 1].kind in ("heading", "stack") if i else False
    return (
        nxt is not None
        and nxt.kind == "body"
        and not prev_is_stack
        and not _DATE_OPENER_RE.match(nxt.text)
        and not opens_story_under(lines[i].text, nxt.text)
        and not _new_speaker(cur, nxt.text)
    )


def cut_blocks(lines: list[Line]) -> list[Block]:
    blocks: list[Block] = []
    cur: Block | None = None
    carry: Line | None = None  # a cut body line waiting for the rest of its paragraph
    leads = headlines_open_with_leads(lines)

    def open_block(origin: Origin) -> Block:
        nonlocal cur
        cur = Block(origin)
        blocks.append(cur)
        return cur

    for i, line in enumerate(lines):
        kind = line.kind
        if kind == "masthead":
            continue  # the page's running head belongs to no article (its date is the issue's)
        if kind == "stack" and is_cut_body_line(cur, lines, i, leads):
            carry = line
            continue
        if kind == "paren" and cur is not None and cur.header and not cur.started and not cur.bylines:
            cur.header.append(line)  # a document's 题注 under its headline
            continue
        if kind in ("heading", "stack"):
            if cur is not None and cur.header and not cur.started and not cur.bylines and not cur.closed:
                cur.header.append(line)
            else:
                open_block("headed").header.append(line)
            continue
        if kind == "byline":
            if cur is None or cur.started or cur.closed:
                open_block("orphan")
            cur.bylines.append(line)  # type: ignore[union-attr]
            continue
        if kind == "lead":
            if cur is None or cur.started or cur.closed:
                open_block("orphan")
            cur.lead = line  # type: ignore[union-attr]
            append_para(cur, _para(line))  # type: ignore[arg-type]
            continue
        if kind == "cont_from":
            m = CONT_FROM_RE.match(line.text)
            b = open_block("continued")
            b.continued_from = m.group("m")  # type: ignore[union-attr]
            rest = line.text[m.end() :]  # type: ignore[union-attr]
            if rest:
                b.body.append(_para(line).slice(m.end()))  # type: ignore[union-attr]
            continue
        if kind == "see_page":
            if cur is not None:
                cur.continues_to = SEE_PAGE_RE.match(line.text).group("m")  # type: ignore[union-attr]
                cur.closed = True
            continue
        # body text
        if cur is None or cur.closed or _starts_new_article(cur, line):
            open_block("headless")
        append_para(cur, joined_para(carry, line))  # type: ignore[arg-type]
        carry = None
    return blocks


def joined_para(carry: Line | None, line: Line) -> Para:
    """The line as a paragraph, after the cut line that waited for it (one paragraph of two pieces)."""
    if carry is None:
        return _para(line)
    pieces = [(carry.start, len(carry.text)), (line.start, len(line.text))]
    return Para(carry.text + line.text, carry.start, line.end, pieces)


def append_para(block: Block, para: Para) -> None:
    """Add a paragraph; a trailing "(下转第三版)" ends the block and leaves the text."""
    m = search_end(CONT_TO_RE, para.text)
    if m:
        block.continues_to = m.group("m")
        block.closed = True
        para = para.slice(0, m.start())
    block.body.append(para)
