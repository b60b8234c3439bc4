"""Segment a cleaned page into articles: headline stacks, bylines, datelines, markers and reassembly."""

from __future__ import annotations

from ..genre import (
    CREDIT_ONLY_RE,
    END_MARK_RE,
    LOST,
    STORY_START_RE,
    TRAILING_CREDIT_RE,
    TRAILING_FURNITURE_RE,
    TRAILING_MARKED_RE,
    is_terminal,
    marked_credit,
    search_end,
)
from ..model import Article, CleanText, OffsetMap, Page, Span
from ..resolve.dates import FULL_DATE_RE, UNDATED_OPENER_RE, first_event_date, relative_to_dateline
from .blocks import Block, Para, cut_blocks, starts_mid_story
from .digest import split_digest
from .headline import Headline, read_byline, read_stack, split_dashed_headline
from .lines import CHROME_KINDS, Line, classify_lines, lead_match
from .reassemble import attach_orphans, drop_repeated_paragraphs, split_dropped_blocks
from .story import (
    Story,
    has_furniture,
    is_single_story,
    read_story,
    related_stories_at,
    trailing_names,
)

__all__ = ["segment_page", "segment_clean"]



def segment_page(page: Page, clean: CleanText) -> list[Article]:
    return segment_clean(clean)


def segment_clean(clean: CleanText) -> list[Article]:
    lines = classify_lines(clean)
    blocks = cut_blocks([x for x in lines if x.kind not in CHROME_KINDS])
    if is_single_story(lines, blocks):
        return _story_articles(read_story(lines, has_furniture(lines)))
    if (related := related_stories_at(lines)) is not None:
        blocks = [b for b in blocks if _block_start(b) < related]  # the teasers of other pages' stories
    split_dropped_blocks(blocks)
    stacks = {id(b): read_stack(b.header) for b in blocks}
    blocks = attach_orphans(blocks, {k: h.is_document for k, h in stacks.items()})
    # Where the paper prints leads (本报讯, bylines), a headed article without one has lost its start.
    headed = [b for b in blocks if b.header]
    uses_leads = sum(1 for b in headed if b.lead is not None or b.bylines) * 2 >= len(headed) > 0
    articles = []
    for b in blocks:
        if not b.header and not b.body and not b.bylines:
            continue
        drop_repeated_paragraphs(b)
        hl = stacks[id(b)]
        # a stack with nothing under it (a teaser): its last line is the text, not a subheadline
        if b.header and not b.body and not b.bylines and len(b.header) >= 2:
            last = b.header.pop()
            b.body.append(Para(last.text, last.start, last.end))
            hl = read_stack(b.header)
        articles.append(_article(f"a{len(articles) + 1}", b, hl, uses_leads))
    return articles


def _block_start(b: Block) -> int:
    return min(x.start for x in (*b.header, *b.bylines, *b.body)) if (b.header or b.bylines or b.body) else 0


def _story_articles(story: Story) -> list[Article]:
    """The page's one story, or the items of a round-up."""
    items = split_digest(story)
    if items is None:
        b = story.block
        if not b.header and not b.body and not b.bylines:
            return []
        drop_repeated_paragraphs(b)
        return [_article("a1", b, story.headline, story=story)]
    out = []
    for k, item in enumerate(items):
        last = k == len(items) - 1
        a = _article(f"a{k + 1}", item, Headline(), story=story, last=last)
        out.append(a)
    if story.digest_credit:  # "(X/整理)" closes the round-up: the compiler of every item
        for a in out[:-1]:
            a.correspondents += [x for x in out[-1].correspondents if x not in a.correspondents]
    return out


def _article(
    aid: str, b: Block, hl: Headline, uses_leads: bool = True, story: Story | None = None, last: bool = True
) -> Article:
    """An article from a block; ``story`` when it is the page's single story (or an item of a round-up:
    ``last`` for the one the excerpt may have cut), whose credits around the text it carries."""
    a = Article(id=aid, kicker=hl.kicker, headline=hl.headline, subheadline=hl.subheadline, column=hl.column)
    a.continued_from, a.continues_to, a.notes = b.continued_from, b.continues_to, list(b.notes)
    own_staff = False
    for line in b.bylines:
        r, c, own = read_byline(line.text)
        a.reporters += r
        a.correspondents += c
        own_staff |= own

    paras = list(b.body)
    if b.lead is not None and paras and paras[0].start == b.lead.start:
        end = _read_lead(a, paras[0].text, b.lead)
        paras[0] = paras[0].slice(end)
        if a.date_mention and (own := _date_mention(paras[0].text)):
            # "…1月21日讯 1月19日,…", "…3月12日讯 昨日,…": the dateline dates the filing, the lead the event
            a.date_mention = relative_to_dateline(own, a.date_mention)
    if paras and (m := search_end(END_MARK_RE, paras[-1].text)):
        paras[-1] = paras[-1].slice(0, m.start())  # "(完)"
    if paras and (m := search_end(TRAILING_FURNITURE_RE, paras[-1].text)):
        paras[-1] = paras[-1].slice(0, m.start())
    if paras and (m := search_end(TRAILING_MARKED_RE, paras[-1].text)):
        _add_credit(a, marked_credit(m.group("credit")))  # "(张三/文 李四/图)": the text's author
        paras[-1] = paras[-1].slice(0, m.start())
    if paras and (m := search_end(TRAILING_CREDIT_RE, paras[-1].text)):
        # some papers credit the reporters at the end: "...。(记者 张三 通讯员 李四)"
        _add_credit(a, m.group("credit"))
        paras[-1] = paras[-1].slice(0, m.start())
    elif paras and (found := trailing_names(paras[-1].text)):
        # a credit without a role, "...。(张三 李四)", or a compiler's "(张三/整理)": correspondents
        names, compiler, at = found
        a.correspondents += [x for x in names if x not in a.correspondents]
        paras[-1] = paras[-1].slice(0, at)
        if story is not None:
            story.digest_credit |= compiler
    if story is not None:
        a.reporters += [x for x in story.reporters if x not in a.reporters]
        a.correspondents += [x for x in story.correspondents if x not in a.correspondents]
        # a name the author line gives is the reporter's, whatever role-less credit repeats it
        a.correspondents = [x for x in a.correspondents if x not in a.reporters]
    if a.source is None and own_staff:
        a.source = "本报"
    paras = [p for p in paras if p.text.strip()]
    a.body = "\n".join(p.text for p in paras)
    a.body_map = _body_map(paras)
    if a.headline and a.subheadline is None and a.kicker is None:
        split_dashed_headline(hl, a.body)
        a.headline, a.subheadline = hl.headline, hl.subheadline

    if a.date_mention is None and hl.is_document and hl.subheadline and (m := FULL_DATE_RE.search(hl.subheadline)):
        a.date_mention = m.group(0)  # a document is dated by its 题注: "(2020年12月29日…会议通过)"
    if a.date_mention is None and paras and (b.lead is not None or b.origin == "headed" or story is not None):
        a.date_mention = _date_mention(paras[0].text)
    if a.date_mention is None and not a.continued_from and not (paras and UNDATED_OPENER_RE.match(paras[0].text)):
        # "网上征集今日启动", "临江3月5日召开…": a headline that dates the event its text leaves undated
        stack = " ".join(x for x in (hl.kicker, hl.headline, hl.subheadline) if x)
        a.date_mention = first_event_date(stack) if stack else None

    starts_story = bool(paras and STORY_START_RE.match(paras[0].text))
    if story is not None:
        # a story read whole: a fragment if the excerpt cut it, or it starts in mid-story
        a.fragment = bool(
            a.continued_from
            or a.continues_to
            or (last and story.cut)
            # a story starts where the page starts, unless its text opens in mid-story ("会议强调,…")
            or (b.lead is None and not starts_story and bool(paras) and starts_mid_story(paras[0].text))
        )
    else:
        a.fragment = _fragment(a, b, hl, uses_leads)
    a.spans = _merge_spans([(x.start, x.end) for x in b.header + b.bylines] + [(p.start, p.end) for p in paras])
    return a


def _fragment(a: Article, b: Block, hl: Headline, uses_leads: bool) -> bool:
    """On a printed page: an article is a fragment when a marker says so, when its block has no headline of
    its own, or when the paper prints leads and this one has lost its lead."""
    paras = b.body
    return bool(
        a.continued_from
        or a.continues_to
        or b.origin in ("headless", "continued")
        or (a.body and not is_terminal(a.body, final=True))  # its text stops mid-sentence
        or (
            (uses_leads or b.bylines)
            and b.lead is None
            and not hl.is_document
            and not (paras and STORY_START_RE.match(paras[0].text))
        )
    )


def _read_lead(a: Article, text: str, line: Line | None = None) -> int:
    """Fill dateline, source, date and credit from the lead's opening; return where the body starts.
    (``line``: the lead line that holds ``text``, whose lead classify_lines has read)"""
    lead = lead_match(text, line)
    if lead is not None:
        m, end = lead
        a.dateline = text[:end].rstrip(" :：")
        a.source = m.group("org").replace(LOST, "")
        md = m.group("md")
        a.date_mention = (md if not md or md.endswith("日") else md + "日") or a.date_mention
        _add_credit(a, m.group("credit") or m.group("open_credit") or m.group("credit2") or m.group("credit3"))
        return end
    m = CREDIT_ONLY_RE.match(text)  # "(记者 罗文鹏)" opening the paragraph under a bare 本报讯
    if m is None:
        return 0
    _add_credit(a, m.group("credit"))
    return m.end()


def _add_credit(a: Article, credit: str | None) -> None:
    if credit:
        reporters, correspondents, _ = read_byline(credit)
        a.reporters += [x for x in reporters if x not in a.reporters]
        a.correspondents += [x for x in correspondents if x not in a.correspondents]


def _body_map(paras: list[Para]) -> OffsetMap:
    """Body offset -> cleaned-text offset (the newline between paragraphs maps to the paragraph's end)."""
    cs: list[int] = []
    rs: list[int] = []
    lin: list[bool] = []
    pos = 0
    for k, p in enumerate(paras):
        if k:
            cs.append(pos)
            rs.append(paras[k - 1].end)
            lin.append(False)
            pos += 1
        for start, n in p.pieces:
            if n:
                cs.append(pos)
                rs.append(start)
                lin.append(True)
                pos += n
    return OffsetMap(cs or [0], rs or [0], lin or [True], pos)


def _date_mention(text: str) -> str | None:
    return first_event_date(text)


def _merge_spans(spans: list[tuple[int, int]]) -> list[Span]:
    """Adjacent spans (one line apart) merge, so a straight article is one span and a rebuilt one several.
    (Merged as pairs: a frozen dataclass costs a microsecond to build.)"""
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out and 0 <= start - out[-1][1] <= 1:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return [Span(start, end) for start, end in out]
