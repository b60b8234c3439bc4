"""The records that flow between Yaowen's pipeline stages.

read -> ``Page``; clean -> ``CleanText``; segment -> ``list[Article]``. Each stage is a plain function from
one record to the next, so a stage can be run, tested and benchmarked alone. Offsets are character offsets:
an ``Article`` span points into ``CleanText.text``, and ``CleanText.offsets`` maps those back into
``Page.text`` (the decoded page, or for HTML/PDF the text the reader rebuilt from the markup).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

MediaType = Literal["text", "html", "pdf", "record"]  # record: an article of a dump (read.dumps)
Script = Literal["simplified", "traditional"]


@dataclass(frozen=True)
class PageMeta:
    """What the page's container says about it (HTML markup, PDF metadata, the file name)."""

    title: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD, when the markup or the path states the issue date
    paper: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Page:
    """One newspaper page as read: its identity, its decoded text and where it came from."""

    page_id: str  # SHA-256 hex digest of the raw bytes
    source: str  # the path as given, or "<stdin>"
    text: str  # decoded text; headings from HTML/PDF are written as markdown '#' lines
    media_type: MediaType
    encoding: str | None  # the detected encoding of a text page, None for PDF
    size: int  # raw size in bytes
    meta: PageMeta = field(default_factory=PageMeta)

    @property
    def stem(self) -> str:
        """The file name without directory and extension, used for output file names."""
        name = self.source.replace("\\", "/").rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name


@dataclass(frozen=True)
class Repair:
    """A change the cleaner made that a reader may want to check (a recovered or unrecoverable char)."""

    kind: Literal["recovered", "unrecoverable", "mojibake", "dedup"]
    start: int  # offset in Page.text (raw offsets stay valid whatever later passes do)
    end: int
    text: str  # what the cleaner put there
    raw: str  # what the page held


class OffsetMap:
    """Maps each character offset of a cleaned text back to an offset in the text it was made from.

    Stored as runs: run *i* starts at cleaned offset ``clean_starts[i]`` and raw offset ``raw_starts[i]``;
    inside a *linear* run the offsets advance together, inside a non-linear run (a replacement whose
    length differs from what it replaced) every character maps to the run's raw start. Runs keep the map
    small for long pages, where a per-character array would cost 8 bytes a character.
    """

    __slots__ = ("clean_starts", "raw_starts", "linear", "length")

    def __init__(self, clean_starts: list[int], raw_starts: list[int], linear: list[bool], length: int):
        self.clean_starts = clean_starts
        self.raw_starts = raw_starts
        self.linear = linear
        self.length = length

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([0], [0], [True], length)

    def __call__(self, offset: int) -> int:
        """The raw offset of cleaned offset ``offset`` (``offset == length`` maps past the last char)."""
        if offset >= self.length:
            if not self.clean_starts:
                return 0
            return self(self.length - 1) + 1 if self.length else 0
        i = bisect_right(self.clean_starts, offset) - 1
        if i < 0:
            return 0
        return self.raw_starts[i] + (offset - self.clean_starts[i] if self.linear[i] else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span covering cleaned span [start, end)."""
        if end <= start:
            r = self(start)
            return r, r
        return self(start), self(end - 1) + 1

    def is_identity(self) -> bool:
        return len(self.clean_starts) == 1 and self.raw_starts[0] == 0 and self.linear[0]

    def then(self, later: OffsetMap) -> OffsetMap:
        """Compose: ``later`` maps a newer text onto this map's cleaned text; the result maps it to raw."""
        if self.is_identity():  # most passes change nothing on most pages: no work to compose
            return later
        if later.is_identity() and later.length == self.length:
            return self
        cs: list[int] = []
        rs: list[int] = []
        lin: list[bool] = []
        n = len(later.clean_starts)
        starts, raws, linear, length = self.clean_starts, self.raw_starts, self.linear, self.length
        n_runs = len(starts)
        j = 0  # this map's run holding the last offset looked up: the next is mostly in it or just after
        for i in range(n):
            c0 = later.clean_starts[i]
            c1 = later.clean_starts[i + 1] if i + 1 < n else later.length
            if c1 <= c0:
                continue
            mid0 = later.raw_starts[i]
            if not later.linear[i]:
                cs.append(c0)
                rs.append(self(mid0))
                lin.append(False)
                continue
            # split the linear run where this map's runs change
            pos = c0
            while pos < c1:
                m = mid0 + (pos - c0)
                if not (starts[j] <= m and (j + 1 == n_runs or m < starts[j + 1])):
                    j = max(bisect_right(starts, m) - 1, 0)
                nxt = starts[j + 1] if j + 1 < n_runs else length
                take = max(1, min(c1 - pos, nxt - m))
                cs.append(pos)
                # self(m), with the run already found
                rs.append(raws[j] + (m - starts[j] if linear[j] else 0) if starts[j] <= m < length else self(m))
                lin.append(linear[j] if m < length else True)
                pos += take
        out = OffsetMap(cs, rs, lin, later.length)
        return out


@dataclass
class CleanText:
    """A page's text after cleaning, one paragraph (or heading, or byline) a line."""

    text: str
    offsets: OffsetMap  # cleaned offset -> Page.text offset
    script: Script  # the script of the page as given
    headings: dict[int, int] = field(default_factory=dict)  # line index -> markdown level (1 '#', 2 '##')
    repairs: list[Repair] = field(default_factory=list)

    def lines(self) -> list[tuple[int, int, str]]:
        """(start, end, text) of every line of the cleaned text, empty lines included."""
        out = []
        pos = 0
        for line in self.text.split("\n"):
            out.append((pos, pos + len(line), line))
            pos += len(line) + 1
        return out


@dataclass(frozen=True)
class Span:
    """A half-open range [start, end) of CleanText.text."""

    start: int
    end: int


@dataclass
class Article:
    """One article rebuilt from a page: headline stack, byline, dateline, body and provenance."""

    id: str
    kicker: str | None = None  # 引题
    headline: str | None = None  # 主题; None for a headless fragment
    subheadline: str | None = None  # 副题
    column: str | None = None  # a column rubric printed above the headline stack
    source: str | None = None  # 本报, 新华社, 衡阳日报 ...
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    dateline: str | None = None  # the lead's dateline as printed: "本报讯", "新华社北京3月4日电"
    date_mention: str | None = None  # the event's date as printed: "8月16日", "昨日", "2020年12月29日"
    event_date: str | None = None  # ISO date of the reported event, year resolved
    body: str = ""  # reassembled body, one paragraph a line
    fragment: bool = False
    continued_from: str | None = None  # "上接第一版③"
    continues_to: str | None = None  # "下转第三版", "详见三版"
    spans: list[Span] = field(default_factory=list)  # cleaned-text spans it was built from, in reading order
    body_map: OffsetMap | None = None  # body offset -> CleanText offset, for facts' provenance
    topics: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how it was rebuilt: "reassembled", "dedup" ...

    @property
    def body_start(self) -> str:
        return self.body.replace("\n", "")[:20]

    @property
    def body_end(self) -> str:
        return self.body.replace("\n", "")[-15:]


@dataclass
class PageResult:
    """Everything Yaowen derived from one page."""

    page: Page
    clean: CleanText
    articles: list[Article]
    issue_date: str | None = None
    issue_date_note: str | None = None
    year: int | None = None  # the year the page's month-day dates were resolved to
    facts: PageFacts | None = None


# ---- facts (extraction stage) ----------------------------------------------------------------------------
# Offsets in facts are offsets in the article's ``body``; ``Article.body_map`` takes them to CleanText and
# ``CleanText.offsets`` on to the page as read, so every fact can be traced to the sentence that states it.


@dataclass
class PersonMention:
    """A person named in an article, with the posts that sentence gives them."""

    name: str
    titles: list[str]
    article: str
    start: int
    end: int
    how: str = "title"  # title | label | list | appointed | appositive | speaker | object | name_post | address | introduced | known


@dataclass
class Meeting:
    article: str
    name: str | None
    body: str | None  # the convening body: 市委常委会, 市政府, 市委审计委员会 ...
    ordinal: int | None
    date: str | None
    chairs: list[str] = field(default_factory=list)
    attendees: list[str] = field(default_factory=list)
    approved: list[str] = field(default_factory=list)
    start: int = 0  # the sentence that reports it as held
    end: int = 0


@dataclass
class Figure:
    article: str
    text: str  # as printed: "821.15万美元", "500余人", "十多场"
    value: float  # in base units: 8211500, 500, 10
    unit: str  # ISO currency (CNY, USD), "%", or the measure word as printed (人, 个, 亩, 项, 例, 家)
    measure: str | None  # what is counted: "对外承包工程营业额"
    approximate: bool = False  # 余, 多, 近, 约, 左右
    target: bool = False  # a target or bound (以上, 不超过, 达到, 力争, 确保 ...), not an achievement
    start: int = 0
    end: int = 0


@dataclass
class Appointment:
    article: str
    person: str
    post: str
    kind: Literal["appoint", "remove", "acting", "elect"]
    start: int = 0
    end: int = 0


@dataclass
class DocumentRef:
    article: str
    title: str  # without 《》
    start: int = 0
    end: int = 0


@dataclass
class Person:
    """One person of a page: every post the page gives them and the articles they appear in."""

    name: str
    titles: list[str]
    articles: list[str]


@dataclass
class PageFacts:
    mentions: list[PersonMention] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
