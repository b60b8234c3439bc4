"""Join lines that the page layout broke (a column ended mid-word) while keeping real paragraph breaks.

A newspaper page converted to text breaks a paragraph wherever a column ended, often with a blank line:
``市委审计委\\n\\n员会副主任朱健出席。``. A real paragraph ends a sentence; a headline line ends without
punctuation too, but is short and stands in a stack of short lines above a byline or a lead. So a break is
joined only when the line before it reads as unfinished body text and the line after it as its
continuation. Output: one paragraph, heading or byline a line, no blank lines.
"""

from __future__ import annotations

import re
from collections import Counter

from ..chrome import chrome_kind
from ..genre import (
    CONT_TO_RE,
    HAN,
    PAREN_LINE_RE,
    SEE_PAGE_RE,
    STORY_START_RE,
    is_byline,
    is_terminal,
    match_lead,
    restates,
    search_end,
    starts_block,
)
from ..model import OffsetMap
from .forms import line_matches

# Body text carries clause punctuation; a headline rarely does.
_CLAUSE_PUNCT_RE = re.compile(r"[,，、;；:：]")
_SENTENCE_INSIDE_RE = re.compile(r"[。;；!?！？]")
_SECTION_NO_RE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）])")
# A headline's label: a place, body or topic and a colon ("临江:", "民调显示:"), not a speaker's ("会议要求:").
_HEADLINE_LABEL_RE = re.compile(
    rf"^{HAN}{{2,8}}(?<!要求)(?<!强调)(?<!指出)(?<!表示)(?<!认为)(?<!提出)(?<!包括)(?<!如下)(?<![说是有为]):"
)
# A word printed twice across the break ("疫情防控\n\n防控前线"): 2-4 Han characters.
_DOUBLED_RE = re.compile(rf"({HAN}{{2,4}})$")

# a story's dated opening, never a title: "4月8日,州委常委、市委书记…"
_DATED_OPENING_RE = re.compile(r"^\d{1,2}月\d{1,2}日(?:上午|下午|晚上?|中午)?[,，]")
SHORT_LINE = 40  # lines shorter than this, unpunctuated, may be headline-stack lines
BODY_LINE = 30  # an unfinished line at least this long reads as body text
FIRST_TITLE = 24  # a page's unfinished first line up to this long is its title, not a cut paragraph
HEADLINE_MAX = 60  # an unfinished line this short over a story's opening may be its headline


def _is_unfinished_body(line: str, prev: str | None, is_heading: bool) -> bool:
    """Could ``line`` be a body paragraph cut off by the end of a column?"""
    if is_heading or is_terminal(line) or search_end(CONT_TO_RE, line):
        return False
    if is_byline(line) or SEE_PAGE_RE.match(line) or PAREN_LINE_RE.match(line) or line.startswith(("——", "--")):
        return False
    # a line of the site's furniture is none either: asked last, as the dearest test (most lines fail a cheaper one)
    return _reads_unfinished(line, prev) and chrome_kind(line) is None


def _reads_unfinished(line: str, prev: str | None) -> bool:
    """The rest of ``_is_unfinished_body``: a line cut off, not a headline or a title."""
    if line.count("(") > line.count(")"):
        return True  # a bracket left open: 本报讯(记者|王明), cut inside the credit
    if len(line) < BODY_LINE and not _CLAUSE_PUNCT_RE.search(_HEADLINE_LABEL_RE.sub("", _SECTION_NO_RE.sub("", line))):
        return False  # a headline labelled with one colon ("临江:推进重大项目建设"), a section's ("一、总体要求")
    if prev is None and len(line) <= FIRST_TITLE and not _DATED_OPENING_RE.match(line):
        return False  # the page opens with its title, which may hold a comma ("9市迎来新书记,至少4人是博士")
    # A short line under another short unpunctuated line is a headline-stack line, not body.
    stacked = (
        len(line) < SHORT_LINE
        and prev is not None
        and not is_terminal(prev)
        and len(prev) < SHORT_LINE
        and not starts_block(prev)
    )
    return not stacked or bool(match_lead(line))


def _headline_like(line: str) -> bool:
    """Short, no sentence inside, a comma at most ("9市迎来新书记,至少4人是博士")."""
    return len(line) <= HEADLINE_MAX and not _SENTENCE_INSIDE_RE.search(line) and line.count(",") + line.count("，") <= 1


def _continues(line: str, following: str | None, is_heading: bool, before: str) -> bool:
    """Could ``line`` be the rest of the paragraph above it (``before``)?"""
    if is_heading or starts_block(line):
        return False
    if _headline_like(before) and (STORY_START_RE.match(line) or restates(before, line)):
        return False  # a headline over the story that opens below it ("世界肝炎日:我国实现…全覆盖")
    if is_terminal(line):
        return True
    # An unfinished long line continues too, unless a byline/lead follows: then it is a long subheadline.
    return len(line) >= SHORT_LINE and not (following is not None and starts_block(following))


def wrap_width(lines: list[str]) -> int | None:
    """The fixed width a page was hard-wrapped at (every full line the same length), or None."""
    lengths = Counter(len(x) for x in lines if len(x) >= 12)
    if sum(lengths.values()) < 8:
        return None
    width, count = max(lengths.items(), key=lambda kv: (kv[1], kv[0]))
    near = count + lengths.get(width - 1, 0)  # a line may end one short where a wide character did not fit
    # a page wrapped at a width has (almost) no line longer than it: a few equal headline lengths among
    # long paragraphs are no wrap
    longer = sum(n for length, n in lengths.items() if length > width + 1)
    return width if near >= 0.4 * sum(lengths.values()) and width >= 12 and longer * 10 <= len(lines) else None


# ``(?m)^[ \t\u3000\xa0]+(?=\S)``, opening with the blank and asking for the line start after it: the engine skips
# to the blanks instead of trying "^" at every character
_INDENT_RE = re.compile(r"(?m)[ \t\u3000\xa0](?<=^[ \t\u3000\xa0])[ \t\u3000\xa0]*(?=\S)")


def line_indents(text: str) -> dict[int, int]:
    """The width of each indented line's indent, by line index (an ideographic space is two cells)."""
    return {i: len(m.group(0)) + m.group(0).count("\u3000") for i, m in line_matches(_INDENT_RE, text)}


def _wrapped_line(line: str, width: int, indent: int) -> bool:
    """Was ``line`` cut by the page's fixed width? It fills the width (a wide character that did not fit
    leaves it one short, a paragraph's first line gives its ``indent`` and half-width digits let a few more
    in), ends no sentence and is no line of the site's furniture (a timestamp the width happens to fit)."""
    return width - 1 - indent <= len(line) <= width + 2 and not is_terminal(line) and chrome_kind(line) is None


def join_layout_breaks(
    text: str, headings: dict[int, int], indents: dict[int, int] | None = None
) -> tuple[str, OffsetMap, dict[int, int], list]:
    """Return (text, map to input, headings by output line, doubled-word repairs as (start, end, word)).
    ``indents``: the width of the indent each line had before the forms were normalised, by line index."""
    lines: list[tuple[int, str, bool]] = []  # (input offset, text, is_heading), blank lines left out
    indent_at: dict[int, int] = {}  # input offset of a line -> its indent
    heading_of: dict[int, int] = {}  # input offset of a heading line -> its level
    pos = 0
    for i, line in enumerate(text.split("\n")):
        if i in headings:
            heading_of[pos] = headings[i]
        if line.strip():
            lines.append((pos, line, i in headings))
            if indents and i in indents:
                indent_at[pos] = indents[i]
        pos += len(line) + 1
    width = wrap_width([x for _, x, _ in lines])

    out_parts: list[str] = []
    clean_starts: list[int] = []
    raw_starts: list[int] = []
    linear: list[bool] = []
    out_headings: dict[int, int] = {}
    dedups: list[tuple[int, int, str]] = []
    out_len = 0
    para = ""  # the paragraph being built, as output text
    para_start = 0  # the input offset of its first line
    prev_para: str | None = None
    para_heading = False
    n_out_lines = 0

    def emit(offset: int, s: str) -> None:
        nonlocal out_len
        clean_starts.append(out_len)
        raw_starts.append(offset)
        linear.append(True)
        out_parts.append(s)
        out_len += len(s)

    for k, (start, line, is_heading) in enumerate(lines):
        joins = wrapped = False
        if para and not is_heading and not para_heading:
            following = lines[k + 1][1] if k + 1 < len(lines) else None
            last_line = out_parts[-1]
            wrapped = width is not None and _wrapped_line(
                last_line, width, indent_at.get(para_start, 0) if last_line == para else 0
            )
            joins = (wrapped and not starts_block(line)) or (
                _is_unfinished_body(para, prev_para, para_heading) and _continues(line, following, is_heading, para)
            )
        if joins:
            skip = 0
            # (a fixed wrap repeats nothing; a match ends the paragraph, so it starts in its last 4 characters)
            m = None if wrapped else _DOUBLED_RE.search(para, max(0, len(para) - 4))
            if m:
                word = m.group(1)
                for w in (word[-n:] for n in range(len(word), 1, -1)):
                    if line.startswith(w):
                        skip = len(w)
                        dedups.append((start, start + skip, w))
                        break
            emit(start + skip, line[skip:])
            para += line[skip:]
            continue
        if para:  # close the previous paragraph with a newline mapped to its end
            clean_starts.append(out_len)
            raw_starts.append(max(start - 1, 0))
            linear.append(False)
            out_parts.append("\n")
            out_len += 1
            prev_para = para
            n_out_lines += 1
        if start in heading_of:
            out_headings[n_out_lines] = heading_of[start]
        emit(start, line)
        para = line
        para_start = start
        para_heading = is_heading
    return "".join(out_parts), OffsetMap(clean_starts, raw_starts, linear, out_len), out_headings, dedups
