"""The structure of an HTML news page: what an element is (by its tag, its class/id words and its text),
which elements are headlines and how they stack (kicker, headline, subheadline), which are image captions
and link lists, and which whole lines are site furniture rather than news. Used by ``html``.
"""

from __future__ import annotations

import re

from lxml import etree

from .text import SITE_TAIL_RE

_CJK = "\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
WRAP_RE = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v]*\n\s*(?=[{_CJK}])")  # source line wraps inside Chinese
SPACE_RE = re.compile(r"[ \t\r\n\f\v\xa0]+")
_NORM_RE = re.compile(r"[\s\u3000\xa0]+")

# Whole lines that are site furniture, not news. Words that also open news sentences (关闭 落后产能,
# 技术支持 ...) count only on a short line.
_NAV_LINE_RE = re.compile(r"^[【\[]?\s*(?:上一篇|下一篇|上一版|下一版|上一期|下一期|返回目录|返回首页|返回顶部|回到顶部|"
                          r"版面导航|本版导航|本版标题导航|分享到|分享至)")
_TOOL_LINE_RE = re.compile(r"^[【\[]?\s*(?:打印|关闭|收藏|扫一扫|我要纠错|字号|字体|放大|缩小)")
_COPYRIGHT_RE = re.compile(r"版权所有|Copyright|©|All Rights Reserved|ICP备|ICP证|公网安备|违法和不良信息举报", re.I)
_SITE_LINE_RE = re.compile(r"版权声明|未经.{0,12}(?:许可|授权|同意)|主办单位|承办单位|技术支持|网站地图|联系我们")
_INFO_LABEL_RE = re.compile(r"(?:来源|作者|责任编辑|编辑|发布时间|发布日期|时间|浏览|点击|阅读|字号)\s*[:：]")
_SITE_INFO_RE = re.compile(r"来源|发布时间|发布日期|浏览|点击|字号|责任编辑")
_HAS_WORD_RE = re.compile(r"[0-9A-Za-z\u3400-\u9fff\uf900-\ufaff]")


def is_furniture(line: str) -> bool:
    n = len(line)
    return (
        not _HAS_WORD_RE.search(line)
        or bool(_NAV_LINE_RE.match(line))
        or (n <= 20 and not line.endswith(SENTENCE_END) and bool(_TOOL_LINE_RE.match(line)))
        or (n <= 200 and bool(_COPYRIGHT_RE.search(line)))
        or (n <= 60 and not line.endswith(SENTENCE_END) and bool(_SITE_LINE_RE.search(line)))
        # "来源：临江日报 作者：林立 发布时间：…" is the site's info line; a byline as printed stays
        or (n <= 150 and len(_INFO_LABEL_RE.findall(line)) >= 2 and bool(_SITE_INFO_RE.search(line)))
        or line.startswith(("发布时间", "浏览次数", "点击数"))
    )


# ---- structure: what an element is, by its tag, its class/id words and its text -------------------------

BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tbody",
    "thead", "tfoot", "tr", "td", "th", "section", "article", "main", "header", "footer", "aside", "nav",
    "blockquote", "pre", "center", "figure", "figcaption", "form", "address", "hr", "caption", "fieldset",
})
_HEADING_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_WORD_SPLIT_RE = re.compile(r"[\s_\-]+")
_BOILER_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "breadcrumb", "breadcrumbs", "crumb", "crumbs", "footer", "foot",
    "copyright", "share", "social", "sidebar", "side", "aside", "related", "recommend", "comment", "comments",
    "advert", "ads", "ad", "banner", "toolbar", "tool", "tools", "pager", "pagination", "login", "search",
    "weather", "logo", "header", "head", "topbar", "qrcode", "ewm", "hot", "rank", "gotop", "backtop",
})
_BOILER_PARTS = ("share", "copyright", "breadcrumb", "navbar", "sidebar", "advert", "footer", "menu", "qrcode")
_NOT_HEADLINE_WORDS = frozenset({"logo", "nav", "navbar", "menu", "footer", "sidebar", "side", "related",
                                 "recommend", "hot", "rank", "comment", "comments"})
_CAPTION_WORDS = frozenset({"pic", "pics", "img", "imgs", "image", "images", "photo", "photos", "picture",
                            "figure", "tupian"})
_KICKER_WORDS = frozenset({"pre", "yt", "yinti", "kicker", "intro", "pretitle", "introtitle", "leadtitle",
                           "ytitle", "shoulder", "overtitle", "supertitle"})
_SUB_WORDS = frozenset({"sub", "fb", "fbt", "subtitle", "subhead", "subheadline", "fubiaoti", "fu", "deck"})
_TITLE_WORDS = frozenset({"title", "headline", "tit", "bt", "biaoti", "zt", "zbt", "zhuti"})
_NOT_TITLE_PREFIXES = ("sub", "fu", "pre", "yin", "intro", "small", "list", "side", "site", "web", "page", "nav",
                       "box", "mod", "column", "lm", "hot", "logo")
# Lines that are never part of a headline stack: dates, info labels, bylines, leads, breadcrumbs.
_NOT_STACK_RE = re.compile(r"(?:19|20)\d{2}\s*[-/.年]|来源|作者|记者|通讯员|本报讯|编辑|发布|浏览|当前位置|"
                           r"您现在的位置|首页|[>›»]|第\s*\S{1,3}\s*版|版面")
_CAPTION_TEXT_RE = re.compile(r"(?:摄|摄影|供图|图片来源\S*|图源\S*|资料图片?|图/\S+)\s*[)）]?\s*$|"
                              r"^\s*(?:图为|图\s*[①②③④⑤⑥⑦⑧⑨⑩\d]|图[：:]|[▲△↑]|[上下左右]图)")
_CENTER_RE = re.compile(r"text-align\s*:\s*center", re.I)
SENTENCE_END = ("。", "！", "？", "：", ":", "；")


def norm(text: str) -> str:
    return _NORM_RE.sub("", text)


def one_line(text: str) -> str:
    return SPACE_RE.sub(" ", WRAP_RE.sub("", text.replace("\u3000", " "))).strip()


def _words(el: etree._Element) -> list[str]:
    return [w for w in _WORD_SPLIT_RE.split(f"{el.get('class', '')} {el.get('id', '')}".lower()) if w]


def classify(el: etree._Element) -> str | None:
    """What an element's class/id words say it is: caption, boiler, kicker, sub, title, or nothing."""
    words = _words(el)
    if not words:
        return None
    if any("caption" in w or w in _CAPTION_WORDS or w.startswith(("pic", "img", "photo")) for w in words):
        return "caption"
    if any(w in _BOILER_WORDS or w.startswith("nav") or any(p in w for p in _BOILER_PARTS) for w in words):
        return "boiler"
    if any(w in _KICKER_WORDS or (w.startswith("pre") and w.endswith("title")) for w in words):
        return "kicker"
    if any(w in _SUB_WORDS or (w.startswith(("sub", "fu")) and w.endswith("title")) for w in words):
        return "sub"
    if any(w in _TITLE_WORDS or (w.endswith("title") and not w.startswith(_NOT_TITLE_PREFIXES)) for w in words):
        return "title"
    return None


def text_sizes(root: etree._Element) -> dict[etree._Element, tuple[int, int, int]]:
    """(non-space chars, of which inside links, number of links) of every element, in one bottom-up pass."""
    sizes: dict[etree._Element, tuple[int, int, int]] = {}
    for el in reversed(list(root.iter())):  # reversed document order: children before their parent
        chars, in_links, links = len(norm(el.text or "")), 0, 0
        for child in el:
            c, cl, n = sizes[child]
            chars += c + len(norm(child.tail or ""))
            in_links += cl
            links += n
        if el.tag == "a":
            in_links, links = chars, links + 1
        sizes[el] = (chars, in_links, links)
    return sizes


def _could_be_headline(el: etree._Element, paper: str | None) -> bool:
    text = norm(el.text_content())
    if not 2 <= len(text) <= 200 or text == norm(paper or ""):
        return False
    for a in (el, *el.iterancestors()):
        if a.tag in ("a", "nav", "footer", "aside") or _NOT_HEADLINE_WORDS.intersection(_words(a)):
            return False
    links = el.findall(".//a")
    if links and norm("".join(a.text_content() for a in links)) == text:
        href = links[0].get("href") or ""
        # a site logo: a heading that only links home, or whose text is a site's name
        if href in ("/", "./", "#", "") or "index" in href or SITE_TAIL_RE.search(text):
            return False
    return True


def find_headlines(body: etree._Element, title_head: str | None, paper: str | None) -> list[etree._Element]:
    """The headline elements: every real <h1>; else the title-classed element the <title> confirms (or the
    only one); else the element whose text is the <title>'s headline. A wrong headline costs the text
    above it, so only confirmed candidates count."""
    h1s = [h for h in body.iter("h1") if _could_be_headline(h, paper)]
    if h1s:
        return h1s
    target = norm(title_head or "")
    titled = [el for el in body.iter() if isinstance(el.tag, str) and el.tag not in ("a", "body")
              and classify(el) == "title" and 4 <= len(norm(el.text_content())) <= 100
              and _could_be_headline(el, paper)]
    titled = [el for el in titled if not any(a in titled for a in el.iterancestors())]
    if target:
        confirmed = [el for el in titled if norm(el.text_content()) == target]
        if confirmed:
            return confirmed[:1]
        for el in body.iter():
            own = norm(el.text or "")
            if own and target.startswith(own[:8]) and norm(el.text_content()) == target:
                return [el]
        return []
    return titled if len(titled) == 1 else []


def _neighbour(node: etree._Element, forward: bool) -> etree._Element | None:
    """The nearest sibling element with text, when only blank space (an image, a <br>) lies between."""
    el = node
    while True:
        sib = el.getnext() if forward else el.getprevious()
        if sib is None or not isinstance(sib.tag, str) or norm((el if forward else sib).tail or ""):
            return None
        if norm(sib.text_content()):
            return sib
        el = sib


def headline_stack(
    h: etree._Element, roles: dict[etree._Element, str]
) -> tuple[etree._Element | None, etree._Element | None]:
    """(kicker, subheadline) around a headline: its neighbours, seen from the outermost wrapper that holds
    nothing but the headline (``<div class="tit"><h1>..</h1></div>``)."""
    node = h
    while (parent := node.getparent()) is not None and parent.tag != "body" and (
        norm(parent.text_content()) == norm(node.text_content())
    ):
        node = parent
    before, after = _neighbour(node, forward=False), _neighbour(node, forward=True)
    kicker = before if before is not None and before not in roles and _is_stack_line(before, "kicker") else None
    sub = after if after is not None and after not in roles and _is_stack_line(after, "sub") else None
    return kicker, sub


def _is_stack_line(el: etree._Element, role: str) -> bool:
    text = one_line(el.text_content())
    n = len(norm(text))
    if not 2 <= n <= 80 or _NOT_STACK_RE.search(text) or el.find(".//h1") is not None:
        return False
    kinds = {classify(el)} | {classify(c) for c in el}
    if el.tag in _HEADING_TAGS or role in kinds:
        return True
    if kinds & {"boiler", "caption"}:
        return False
    if role == "sub":  # a plain line under the headline is the subheadline only when it says so: ——
        return text.startswith(("—", "─", "--"))
    # a plain line above the headline: a kicker is a phrase, a column rubric ("要闻") is a word or two
    return 6 <= n <= 50 and not text.endswith(SENTENCE_END)


def _centered(el: etree._Element) -> bool:
    return any(
        e.tag == "center" or (e.get("align") or "").lower() == "center" or _CENTER_RE.search(e.get("style") or "")
        for e in (el, *el)
    )


def image_captions(body: etree._Element, protected: set[etree._Element]) -> list[etree._Element]:
    """Caption blocks of images: an image's own short block, or the short line right under it when it reads
    as a caption ("图为……", "…… 摄") or is centred. Captions in the image's tail text are blanked here."""
    out: list[etree._Element] = []
    for img in body.iter("img"):
        after_br = img.getnext() if img.getnext() is not None and img.getnext().tag == "br" else None
        for holder in (img, after_br):
            tail = one_line(holder.tail or "") if holder is not None else ""
            if tail:
                if len(tail) <= 100 and _CAPTION_TEXT_RE.search(tail):
                    holder.tail = None
                break
        block = next((a for a in img.iterancestors() if a.tag in BLOCK_TAGS), None)
        if block is None or block is body or block in protected:
            continue
        text = one_line(block.text_content())
        if text:  # image and text in one short block: a caption, unless it reads as a sentence of news
            if len(text) <= 100 and (_CAPTION_TEXT_RE.search(text) or not text.endswith(SENTENCE_END)):
                out.append(block)
            continue
        node = block
        while node.getnext() is None and (p := node.getparent()) is not None and p is not body and (
            not norm(p.text_content())
        ):
            node = p
        nxt = node.getnext()
        if nxt is not None and nxt not in protected and isinstance(nxt.tag, str):
            text = one_line(nxt.text_content())
            if 0 < len(text) <= 100 and (_CAPTION_TEXT_RE.search(text) or _centered(nxt)):
                out.append(nxt)
    return out


def link_lists(body: etree._Element, protected: set[etree._Element]) -> list[etree._Element]:
    """Menus, "related articles" and 版面导航 lists (blocks that are mostly links), and single
    上一篇/下一篇/返回目录 links."""
    sizes = text_sizes(body)
    out: list[etree._Element] = []
    walker = etree.iterwalk(body, events=("start",))
    for _, el in walker:
        if el is body or el in protected or not isinstance(el.tag, str):
            continue
        chars, in_links, links = sizes[el]
        if el.tag == "a" and is_furniture(one_line(el.text_content())):
            out.append(el)
        elif links >= 2 and chars and in_links >= 0.6 * chars and chars - in_links < 100:
            out.append(el)
            walker.skip_subtree()
    return out
