"""One story a page: a web page or e-paper article inside the site's furniture, or an excerpt of one.

A printed page holds many articles, each opened by its headline stack and its byline or lead. A web page
holds one, wrapped in the site's chrome: a breadcrumb and a menu above the title, a source/author/time line
under it, share buttons, captions, then editors, related stories and a copyright footer after the text. The
page's own evidence decides which it is (``is_single_story``): the site's furniture, or no more than one
story opener (lead or byline). A single story is read straight through: the title stack is what stands
above the text after the last piece of navigation; inside the text, sub-headings and captions do not start
new articles; the text ends at the first piece of end furniture, and of what follows only the credits
(``作者:``, a trailing byline) are read. A news round-up (bulleted or labelled brief items, each opened by
its date) is split into its items (``digest.split_digest``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..chrome import DATE_LINE_RE, RELATED_RE, author_names
from ..extract.lexicons import looks_like_name
from ..genre import (
    CONT_FROM_RE,
    CREDIT_ONLY_RE,
    END_MARK_RE,
    ROLE_RE,
    SEE_PAGE_RE,
    TRAILING_CREDIT_RE,
    TRAILING_FURNITURE_RE,
    TRAILING_MARKED_RE,
    TRAILING_NAMES_RE,
    ends_in_bracket,
    is_terminal,
    search_end,
)
from .blocks import (
    Block,
    Para,
    append_para,
    headlines_open_with_leads,
    is_cut_body_line,
    joined_para,
    opens_story_under,
)
from .digest import DIGEST_LABEL_RE
from .headline import Headline, factual_headline, read_byline, read_stack
from .lines import CHROME_KINDS, Line, lead_match

_STACK_KINDS = ("heading", "stack", "paren")
_ENDS_STORY = ("nav", "meta", "tools", "end")  # after the text: the article is over
_HEADER_BREAKS = ("nav", "end")  # above the title: what came before was navigation, not the title stack
CAPTION_BEFORE_LEAD = 60  # short paragraphs just above the lead are captions of the story's photos
CAPTIONS_MAX = 4  # lines of captions a photo or two carry
SHORT_LABEL = 6  # a channel or page name above a web title ("社会广角", "今日上虞"), not a kicker
TRAILING_CAPTION = 30  # unpunctuated lines after the last sentence: captions or links, not text
SIGNATURE_MAX = 30  # a document's signature line (the issuing body) over its date
RELATED_LOOKBACK = 12  # lines above a related-stories list in which the story's own text stands
_NOT_TEXT_RE = re.compile(r"[\s、,，.。·:：“”\"'‘’《》()（）—\-]")
_HAN_RE = re.compile(r"[\u4e00-\u9fff]")
_SPACES_RE = re.compile(r"\s+")
_NAME_SEPARATORS_RE = re.compile(r"[\s、,，]+")
_TAG_HEAD_RE = re.compile(r"^(?:【[^】]{1,12}】|\[[^\]]{1,6}\])\s*")  # 【新春走基层】, [转载]: a tag, not the headline
_TAG_TAIL_RE = re.compile(
    r"\s*[(（](?:组?图|多图|视频|图文|附图|[\u4e00-\u9fff]{0,4}(?:观察|视点|时评|快评|短评|聚焦|特写|纪实|访谈|专访|走基层))[)）]$"
)
_EDITOR_NOTE_RE = re.compile(r"^\s*编者按\s*[:：]\s*")
_CREDIT_IN_META_RE = re.compile(r"[(（](?P<credit>[^()（）]*(?:记者|通讯员)[^()（）]*)[)）]")
_META_LABEL_AT_RE = re.compile(r"\s+\S{1,6}\s*[:：]")
_SITE_SUFFIX_RE = re.compile(r"\s*[_|｜\-–—]\s*\S.{0,30}$")  # "_临江新闻网", " - 临江日报"


@dataclass
class Story:
    """A single story's pieces: its block (bylines, lead, body), its headline and the credits around it."""

    block: Block
    headline: Headline
    reporters: list[str] = field(default_factory=list)  # from the meta line and trailing credits
    correspondents: list[str] = field(default_factory=list)
    cut: bool = False  # the excerpt ends mid-sentence
    web: bool = False  # the page carries a site's furniture
    digest_credit: bool = False  # a compiler's credit "(X/整理)": it covers every item of a round-up


def has_furniture(lines: list[Line]) -> bool:
    """Does the page carry a site's furniture (a captioned photo alone does not make a web page)?"""
    return any(x.kind in CHROME_KINDS and x.kind != "caption" for x in lines)


def is_single_story(lines: list[Line], blocks: list[Block]) -> bool:
    """One story on the page: at most one story opener (a lead or byline with text under it), and either
    the site's furniture around it or at most one headed text."""
    related = related_stories_at(lines)
    openers = {
        _opening(b.body[0].text)
        for b in blocks
        if (b.lead is not None or b.bylines) and b.body and _has_text_after_credit(b.body[0].text, b.lead)
        and (related is None or b.body[0].start < related)
    }
    headed = [b for b in blocks if b.body and b.origin == "headed" and _heading(b)]
    # the first headed text is the page's; a later heading counts only if it heads a story of its own
    stories = len(headed[:1]) + sum(1 for b in headed[1:] if _heads_a_story(b))
    return len(openers) <= 1 and (stories <= 1 or has_furniture(lines))


def _opening(text: str, n: int = 40) -> str:
    """The text's first ``n`` characters less spaces and punctuation (read off its start when that holds
    them, not off the whole paragraph)."""
    head = _NOT_TEXT_RE.sub("", text[: 2 * n])
    return head[:n] if len(head) >= n else _NOT_TEXT_RE.sub("", text)[:n]


def related_stories_at(lines: list[Line]) -> int | None:
    """Where a site's page lists its related stories after the text (相关新闻, 上一篇): what follows are
    their teasers, not stories of the page."""
    return next(
        (x.start for k, x in enumerate(lines) if x.kind == "end" and RELATED_RE.match(x.text) and _text_above(lines, k)),
        None,
    )


def _text_above(lines: list[Line], k: int) -> bool:
    return any(x.kind in ("body", "lead") for x in lines[max(0, k - RELATED_LOOKBACK) : k])


def _heading(b: Block) -> str:
    """The block's header, less a round-up's section label (【南京】), which heads no story."""
    return " ".join(h.text for h in b.header if not DIGEST_LABEL_RE.match(h.text))


def _heads_a_story(b: Block) -> bool:
    """Does the block's header head a story of its own: the text under it opens with a lead or byline, or
    opens as a story does, or retells it? A feature's sub-heading ("产业升级步伐加快") heads a section."""
    if b.lead is not None or b.bylines or b.continues_to or any(h.kind == "paren" for h in b.header):
        return True  # a lead, a byline, "(详见二版)", a document's 题注
    return opens_story_under(_heading(b), b.body[0].text)


def _has_text_after_credit(text: str, line: Line | None = None) -> bool:
    """Does text follow the credit ``text`` opens with? (``line``: the lead line holding it, read already)"""
    lead = lead_match(text, line)
    end = lead[1] if lead else (m.end() if (m := CREDIT_ONLY_RE.match(text)) else 0)
    return bool(text[end:].strip())


def read_story(lines: list[Line], web: bool) -> Story:
    header: list[Line] = []
    meta_at: int | None = None  # where in the header the title's meta line stood
    main: Line | None = None  # a title printed twice (page title, then the article's own stack)
    b = Block("headless")
    story = Story(b, Headline(), web=web)
    first_lead = next((i for i, x in enumerate(lines) if x.kind == "lead" and _has_text_after_credit(x.text, x)), None)
    state = "head"
    carry: Line | None = None  # a line the end of a column cut short, waiting for the rest of its paragraph
    leads = headlines_open_with_leads(lines)
    for i, ln in enumerate(lines):
        kind = ln.kind
        if state == "head":
            if kind in _HEADER_BREAKS and not (kind == "end" and meta_at is not None):
                # (a QR prompt or an editor between a title's meta line and its text leaves the title be)
                header, meta_at, main = [], None, None
            elif kind == "meta":
                _meta_credits(story, ln.text)
                if header and meta_at is None:
                    meta_at = len(header)
            elif kind in _STACK_KINDS:
                dup = next((h for h in header if _same_title(h.text, ln.text)), None)
                if dup is not None:
                    # the title again: the page's title (or a list of titles) above, the article's stack from
                    # here; a single line between the two may be its kicker
                    between = header[header.index(dup) + 1 :]
                    header, meta_at, main = (between if len(between) == 1 else []), None, ln
                header.append(ln)
            elif kind == "byline":
                b.bylines.append(ln)
            elif kind == "body" and first_lead is not None and 0 < first_lead - i <= CAPTIONS_MAX and (
                len(ln.text) <= CAPTION_BEFORE_LEAD
            ):
                continue  # a caption just above the lead
            elif kind in ("lead", "body", "cont_from"):
                b.header = header
                state = "tail" if _start_body(b, ln) else "body"
            elif kind == "see_page":
                b.continues_to = _see_page(ln)
                state = "tail"
            continue
        if state == "body":
            if kind in _ENDS_STORY:
                state = "tail"
                if kind == "meta":
                    _meta_credits(story, ln.text)
                    if DATE_LINE_RE.match(ln.text.strip()) and _is_signature(b):
                        b.body.pop()  # a document's signature: the issuing body over its date
            elif kind in ("junk", "caption", "masthead"):
                continue
            elif kind == "byline":
                b.bylines.append(ln)
                state = "tail"
            elif kind == "lead" and not _has_text_after_credit(ln.text, ln):
                _credit_line(story, ln.text)
                state = "tail"
            elif kind == "lead" and i == first_lead and b.lead is None:
                # the page's one story opener under text that has none (a summary, the story's first lines
                # set above its dateline): the same story goes on, nothing after it is dropped
                b.lead = ln
                if _append(b, Para(ln.text, ln.start, ln.end)):
                    state = "tail"
            elif kind in ("lead", "cont_from"):
                state = "tail"  # a second story starts (a repeat, or a related story): this one is over
            elif kind == "see_page":
                b.continues_to = _see_page(ln)
                b.closed = True
                state = "tail"
            elif kind in _STACK_KINDS and header and _repeats_title(ln.text, header):
                state = "tail"  # a footer that repeats the title
            elif kind == "stack" and is_cut_body_line(b, lines, i, leads):
                carry = ln
            elif _append(b, joined_para(carry, ln)):
                state = "tail"
            else:
                carry = None
            continue
        # tail: only credits are read; the next piece of text belongs to something else
        if kind == "meta":
            _meta_credits(story, ln.text)
        elif kind == "byline":
            b.bylines.append(ln)
        elif kind == "lead" and not _has_text_after_credit(ln.text, ln):
            _credit_line(story, ln.text)
        elif kind not in CHROME_KINDS and kind != "masthead":
            break
    _drop_trailing_captions(b)
    ending = next((t for p in reversed(b.body) if (t := _strip_trailing_credit(p.text).strip())), "")
    story.cut = bool(ending) and not is_terminal(ending, final=True)  # (a credit alone on the last line ends nothing)
    if b.body and story.cut:
        last = b.body[-1]
        b.body[-1] = last.slice(0, len(last.text.rstrip("(（ ")))  # "五中全会(": the cut left a bracket open
    if b.body and (m := _EDITOR_NOTE_RE.match(b.body[0].text)) and b.lead is None:
        b.body[0] = b.body[0].slice(m.end())
    if header and not b.body and not b.bylines and len(header) >= 2:
        last = header.pop()  # a stack with nothing under it (a teaser): its last line is the text
        b.body.append(Para(last.text, last.start, last.end))
    b.header = header
    story.headline = _read_header(header, meta_at, main, web)
    b.origin = "headed" if header else "headless"
    return story


def _start_body(b: Block, ln: Line) -> bool:
    """Open the text with this line; True if a "(下转…)" marker at its end already closes the story."""
    if ln.kind == "lead":
        b.lead = ln
    if ln.kind == "cont_from":
        m = CONT_FROM_RE.match(ln.text)
        b.continued_from = m.group("m") if m else None
        if m and ln.text[m.end() :].strip():
            b.body.append(Para(ln.text, ln.start, ln.end).slice(m.end()))
        return False
    return _append(b, Para(ln.text, ln.start, ln.end))


def _append(b: Block, para: Para) -> bool:
    append_para(b, para)
    return b.closed


def _see_page(ln: Line) -> str | None:
    m = SEE_PAGE_RE.match(ln.text)
    return m.group("m") if m else None


def _same_title(a: str, b: str) -> bool:
    """The same title, or one the site's name follows ("临江召开…_临江新闻网-临江日报社主办")?"""
    a, b = _TAG_HEAD_RE.sub("", a.strip()), _TAG_HEAD_RE.sub("", b.strip())  # "【转帖】…"
    if _NOT_TEXT_RE.sub("", a) == _NOT_TEXT_RE.sub("", b):
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 6 and long_.startswith(short) and bool(_SITE_SUFFIX_RE.match(long_, len(short)))


def _repeats_title(text: str, header: list[Line]) -> bool:
    flat = _NOT_TEXT_RE.sub("", text)
    return any(len(t) >= 6 and t in flat for h in header if (t := _NOT_TEXT_RE.sub("", h.text)))


def _meta_credits(story: Story, text: str) -> None:
    """Reporters named on the meta line: "作者:A B", "记者 A B 来源:…", "来源:(记者 A 实习生 B)"."""
    names = author_names(text)
    m = ROLE_RE.match(text.strip())
    if m:
        cut = _META_LABEL_AT_RE.search(text.strip())
        r, c, _ = read_byline(text.strip()[: cut.start()] if cut else text.strip())
        names += r
        story.correspondents += [x for x in c if x not in story.correspondents]
    for cm in _CREDIT_IN_META_RE.finditer(text):
        r, c, _ = read_byline(cm.group("credit"))
        names += r
        story.correspondents += [x for x in c if x not in story.correspondents]
    story.reporters += [x for x in names if x not in story.reporters]


def _credit_line(story: Story, text: str) -> None:
    m = CREDIT_ONLY_RE.match(text)
    if m:
        r, c, _ = read_byline(m.group("credit"))
        story.reporters += [x for x in r if x not in story.reporters]
        story.correspondents += [x for x in c if x not in story.correspondents]


def _is_signature(b: Block) -> bool:
    """Is the text's last line the issuing body over a closing date line ("临江市人民政府办公室")?"""
    return len(b.body) >= 2 and len(b.body[-1].text) <= SIGNATURE_MAX and not is_terminal(b.body[-1].text)


def _strip_trailing_credit(text: str) -> str:
    if not ends_in_bracket(text):
        return text  # no credit closes it
    text = TRAILING_CREDIT_RE.sub("", TRAILING_MARKED_RE.sub("", TRAILING_FURNITURE_RE.sub("", END_MARK_RE.sub("", text))))
    m = TRAILING_NAMES_RE.search(text)
    return text[: m.start()] if m else text


def trailing_names(text: str) -> tuple[list[str], bool, int] | None:
    """Role-less names closing the text, "(张三 李四)" or "(正仁/整理)": (names, a compiler's credit, where)."""
    m = search_end(TRAILING_NAMES_RE, text)
    if m is None:
        return None
    names = [t for t in _NAME_SEPARATORS_RE.split(m.group("names")) if t]
    compiler = "整理" in m.group(0) or "辑" in m.group(0)
    if not compiler and not (all(len(n) <= 3 for n in names) and sum(map(looks_like_name, names)) * 2 >= len(names)):
        return None  # "(草案)", "(试行)": a note, not a credit
    return names, compiler, m.start()


def _drop_trailing_captions(b: Block) -> None:
    """Two or more short unpunctuated lines after the last sentence are captions or links, not text."""
    run = 0
    while run < len(b.body) and _caption_like(b.body[len(b.body) - 1 - run].text):
        run += 1
    # (after a colon the short lines are what it announces: "列席会议的有:" and a list of names)
    if run >= 2 and run < len(b.body) and is_terminal(b.body[-run - 1].text, final=True):
        del b.body[-run:]


def _caption_like(text: str) -> bool:
    return len(text) <= TRAILING_CAPTION and not is_terminal(text) and "," not in text and "，" not in text


def _read_header(header: list[Line], meta_at: int | None, main: Line | None, web: bool) -> Headline:
    if not header:
        return Headline()
    if web:
        # a channel or page name above the title is navigation (the last line may be a short title itself)
        keep = [h for h in header[:-1] if len(_HAN_RE.findall(h.text)) > SHORT_LABEL or h is main] + header[-1:]
        if meta_at is not None:
            meta_at -= sum(1 for h in header[:meta_at] if h not in keep)
        header = keep
    if main is not None and main in header:
        k = header.index(main)
        h = read_stack(header[k : k + 1])
        h.kicker = _join(header[max(0, k - 1) : k])
        h.subheadline = _join(header[k + 1 :])
    elif meta_at is not None and 0 < meta_at < len(header):
        h = read_stack(header[:meta_at])  # a subheadline printed below the source/date line
        h.subheadline = " ".join(x for x in (h.subheadline, _join(header[meta_at:])) if x) or None
    else:
        h = read_stack(header)
        if len(header) == 2 and not any(x.text.lstrip().startswith(("——", "--")) for x in header):
            h = factual_headline(h)
    if h.headline:
        h.headline = _TAG_TAIL_RE.sub("", _TAG_HEAD_RE.sub("", h.headline)) or h.headline
    return h


def _join(lines: list[Line]) -> str | None:
    text = " ".join(x.text.strip().lstrip("—-~～ ").strip() for x in lines)
    return _SPACES_RE.sub(" ", text).strip() or None
