"""Figures: money, people, percentages and counts, with the value in base units and target/approximate flags.

One regex finds a number (ASCII digits or Chinese numerals), an optional magnitude (万, 亿, 千亿), an optional
余/多 and a unit; the surrounding clause decides the rest. Left out, as the genre's readers expect: ordinals
(第十三督导组), durations and ages (14天, 二十多年, 80多岁: not units here), dates, quoted slogans (“四个一批”),
"一" used as an article (一名老人), and small Chinese-numeral counts of abstractions (五个维度, 两场硬仗).
A target or bound (以上, 不超过, 力争, 拟, 确保) is flagged, so a plan is not read as an achievement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..budget import check_time
from ..model import Figure
from .textscan import MarksSince

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
_MAGNITUDES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "十亿": 1e9, "亿": 1e8, "千万": 1e7, "百万": 1e6,
               "十万": 1e5, "万": 1e4}
_CURRENCY = {"元": "CNY", "人民币": "CNY", "美元": "USD", "欧元": "EUR", "港元": "HKD", "港币": "HKD", "日元": "JPY",
             "英镑": "GBP"}
_PEOPLE = {"人": "人", "名": "人", "位": "人"}
_MONEY_OR_RATE = {*_CURRENCY.values(), "%"}
_PLACES = {"县", "区", "市", "镇", "乡", "村"}  # "7县(市)": places counted, unit 个
_MEASURES = ("个百分点", "人次", "平方公里", "平方米", "立方米", "公里", "千米", "公顷", "千瓦", "个", "项", "家", "场", "例", "所", "条",
             "亩", "户", "双", "件", "台", "座", "处", "批", "类", "辆", "套", "吨", "栋", "间", "张", "册", "部", "支",
             "架", "头", "只", "株", "棵", "份", "篇", "轮", "宗", "笔", "次", "人", "名", "位", "县", "区", "村", "镇", "乡",
             "面")
_FLAT_THINGS = ("红旗", "国旗", "党旗", "旗", "锦旗", "奖牌", "牌匾", "镜")
_DIGIT_PAIR_RE = re.compile("[一二两三四五六七八九]{2}")
_BREAKDOWN_RE = re.compile(r"[、，,。；;]|$")
_HAN_BEFORE_RE = re.compile(r"[\u4e00-\u9fff]$")

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+"
_FIGURE_RE = re.compile(
    rf"(?P<pre>近|约|超过|超|逾|仅)?(?P<num>{_NUM})?(?P<approx0>余|多)?(?P<mag>{'|'.join(_MAGNITUDES)})?(?P<approx>余|多)?"
    rf"(?:(?P<cur>{'|'.join(sorted(_CURRENCY, key=len, reverse=True))})|(?P<pct>%)|"
    rf"(?P<mw>{'|'.join(sorted(_MEASURES, key=len, reverse=True))}))(?P<post>以上|以下|左右)?"
)
_NUMBER_TAIL = set("0123456789.")
_NOUN_WORDS = {"部门", "部件", "场所", "场景", "场馆", "家庭", "家长", "家乡", "条件", "条例", "个人", "人民", "人员", "人才",
               "位数"}
_APPROX_BEFORE_RE = re.compile(r"(?:约|近|超过|逾|大约)[为有达计]?$")  # 约为22亿元
_DURATION_AFTER = re.compile(r"^(?:月|小时|分钟|半月|工作日)")  # 3个月: a duration, not a count
# A plan or bound, by the clause's own modality (达到 alone is neither: 已达到 is done); 将近 is "nearly",
# 主要/重要 are no 要.
_TARGET_RE = re.compile(r"不超过|不低于|不少于|力争|确保|目标|拟|预计|计划|争取|(?<![主重纪摘])要|将(?!近)")
_CLAUSE_RE = re.compile(r"[,，。;；:：!！?？\n、]")
# matched over a stretch, the last clause mark in it (its end is where the clause the stretch ends in starts)
_LAST_CLAUSE_MARK_RE = re.compile(r"(?s:.*)[,，。;；:：!！?？\n、]")
# Abstract nouns a small Chinese numeral counts in slogans and summaries, not facts.
_ABSTRACT = ("层面", "维度", "方面", "市场", "资源", "平台", "理念", "抓手", "保障", "意识", "控制", "中心",
             "一批", "重点", "环节", "领域", "目标", "战略", "阶段", "关键", "作用", "硬仗", "大局", "结合", "机制",
             "原则", "要求", "任务", "体系", "能力", "自信", "维护", "全面", "坚持", "务必", "到位", "不", "规定",
             "班子", "文章")
# A session's number, not a count: 九届二十七次主席会议, 省十一次党代会, 市委十届七次全会.
_SESSION_BEFORE = set("届省市县区")
_SESSION_AFTER_RE = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:会议|全会|党代会|代表大会|常委会|会$)")
_HELD_BEFORE_RE = re.compile(r"(?:召开|举行|开展|组织|参加|出席)了?$")  # 召开三次会议: a count after all
_CN_NUMERAL = set("零〇一二两三四五六七八九十百千万亿")
# Money whose currency goes unsaid after an investment word: 总投资34.4亿, 资金约1.2亿
_BARE_MONEY_RE = re.compile(
    r"(?:投资|资金|金额|总额|产值|营收|营业收入|销售额|收入|增加值|生产总值|GDP)[达为约近超过共计]{0,3}"
    r"(?P<num>\d+(?:\.\d+)?)(?P<mag>万亿|亿|万)(?=[,，。;；、)）]|$)"
)


def chinese_number(s: str) -> float | None:
    """三 -> 3, 十 -> 10, 二十 -> 20, 三百二十 -> 320, 一千二百 -> 1200, 两 -> 2; None if not a numeral."""
    total, section, num = 0, 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            num = _CN_DIGITS[ch]
        elif ch in ("十", "百", "千"):
            section += (num or 1) * _CN_UNITS[ch]
            num = 0
        elif ch in ("万", "亿"):
            total += (section + num) * _CN_UNITS[ch]
            section = num = 0
        else:
            return None
    return float(total + section + num)


def _in_quotes(quotes: MarksSince, pos: int) -> bool:
    """Is ``pos`` inside quotation marks opened in its sentence? (``quotes``: “, ” and " since 。 or a line end)"""
    opened, closed, straight = quotes(pos)
    return opened > closed or straight % 2 == 1


_MEASURE_FILLER_RE = re.compile(r"^(?:已|共|累计|全年|今年|其中|完成|实现|达到?|为|约|近|有|将|拟|新增|总计|合计)+")
_MEASURE_TAIL_RE = re.compile(r"(?:已|共|累计|完成|实现|达到?|为|约|近|有|将|拟|新增|总计|合计|的|等)+$")
# The characters a filler word opens with and a tail word ends with: a text that opens (ends) with none of
# them has no filler (tail), and is spared the substitution's scan.
_FILLER_FIRSTS = frozenset("已共累全今其完实达为约近有将拟新总合")
_TAIL_LASTS = frozenset("已共计成现达到为约近有将拟增的等")


def _strip_filler(s: str) -> str:
    """``_MEASURE_FILLER_RE.sub("", s)``."""
    return _MEASURE_FILLER_RE.sub("", s) if s[:1] in _FILLER_FIRSTS else s


def _strip_tail(s: str) -> str:
    """``_MEASURE_TAIL_RE.sub("", s)`` for ``s`` without a newline (where ``$`` is the end)."""
    return _MEASURE_TAIL_RE.sub("", s) if s[-1:] in _TAIL_LASTS else s


_LAST_SENTENCE_END_RE = re.compile(r"(?s:.*)[。！？!?\n]")
_DISCOURSE_RE = re.compile(r"(?:据了解|据悉|据介绍|据统计|其中|同时|此外|另外|目前|截至目前|今年以来|近年来)$")
_DATE_IN_CLAUSE_RE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:[上下中]午|晚|早)?|\d{4}年")
_FIGURE_IN_CLAUSE_RE = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]+[^\u4e00-\u9fff]?[个名人位项家件亿万元%]*")


_CHANGE_ONLY_RE = re.compile(r"(?:同比|环比|比上年|比去年)?(?:增长|下降|增加|减少|提高|降低|上升|回落|增速)了?")
_SUBJECT_BEFORE_FIGURE_RE = re.compile(r"(\D{2,20}?)(?:约|近|达到?|为)?\d")  # statistics print digits


def _after_last(last_mark: re.Pattern[str], text: str, lo: int, hi: int) -> int:
    """Just after the last mark in ``text[lo:hi]`` (``last_mark``: ``(?s:.*)[marks]``, one backward scan in C), or
    ``lo`` when it has none."""
    m = last_mark.match(text, lo, hi)
    return m.end() if m else lo


def _previous_figure_subject(text: str, clause_start: int) -> str | None:
    """What the clause before a bare change (增长5.5%) measures, when that clause is a figure with its subject
    (第一产业1.7亿元，增长5.5%): the change is of the same thing."""
    if clause_start < 2 or text[clause_start - 1] not in ",，":
        return None
    prev_start = _after_last(_LAST_CLAUSE_MARK_RE, text, max(0, clause_start - 40), clause_start - 1)
    m = _SUBJECT_BEFORE_FIGURE_RE.match(text, prev_start, clause_start - 1)
    if m is None:
        return None
    subject = _strip_filler(m.group(1))
    return subject if len(subject) >= 2 and not _DISCOURSE_RE.match(subject) else None


def _measure(text: str, start: int, end: int, counted: bool) -> str | None:
    """What the figure measures: the clause's words before it (总投资|86.6亿元) and, for a count, the thing
    counted after it as well (全县|53名|政协委员参加座谈会): a count's noun usually follows the number. When
    the clause says little before the figure (实到70人, 总投资34.4亿), the sentence's opening clause names what
    is counted (常委会组成人员应到74人，实到70人)."""
    clause_start = _after_last(_LAST_CLAUSE_MARK_RE, text, max(0, start - 30), start)
    # (the clause holds no newline, a clause mark)
    before = _strip_tail(_strip_filler(text[clause_start:start]))
    after_mark = _CLAUSE_RE.search(text, end, end + 16)  # the words after the figure up to the clause's end
    after = text[end : after_mark.start() if after_mark else end + 16][:12]
    if _CHANGE_ONLY_RE.fullmatch(before) and (subject := _previous_figure_subject(text, clause_start)):
        return subject + before  # 第一产业1.7亿元，增长5.5%: the growth is the previous figure's measure's
    if len(before) < 6:
        sentence_start = _after_last(_LAST_SENTENCE_END_RE, text, max(0, start - 60), start)
        if sentence_start < clause_start:
            clauses = [c for c in _CLAUSE_RE.split(text[sentence_start:clause_start]) if c and not _DISCOURSE_RE.match(c)]
            opening = _DATE_IN_CLAUSE_RE.sub("", clauses[0]) if clauses else ""
            opening = _strip_filler(_FIGURE_IN_CLAUSE_RE.sub("", opening))[-14:]
            if len(opening) >= 2:
                before = f"{opening} {before}".strip()
    if counted and after:
        return f"{before} {after}" if len(before) >= 2 else after
    if len(before) >= 2:
        return before
    return after or None


# Where a figure can start: a number, a magnitude or an approximation word (_START). Since every figure has its
# unit, a candidate start is one of those characters with a unit's first character after a run of the characters
# a figure is written with (or itself the first of its unit: 千米). Most numerals are no figure (一些, 统一, 三是),
# and the candidates are found by a regex that opens with a character class, which the regex engine skips ahead
# to (a regex that opens with an assertion or an optional group is tried at every character); the full pattern,
# whose optional groups and long alternations are slow to fail, is tried at the candidates only.
_FIRSTS = r"近约超逾仅\d零〇一二两三四五六七八九十百千万亿"
_FIGURE_CHARS = r"近约超过逾仅\d,.零〇一二两三四五六七八九十百千万亿余多"  # all a figure holds before its unit
# 日 opens one unit only, 日元, and far more often ends a date (12日): after a figure's characters it is asked
# for with its 元, or every date's digits would be candidates (4/5 of the candidates that failed on the corpus)
_UNITS = (*_CURRENCY, "%", *_MEASURES)
_DAY_UNITS = [u for u in _UNITS if u[0] == "日"]
_UNIT_FIRSTS = re.escape("".join(sorted({u[0] for u in _UNITS} - {"日"})))
_CANDIDATE_RE = re.compile(
    rf"[{_FIRSTS}](?:(?<=[{_UNIT_FIRSTS}])|(?=[{_FIGURE_CHARS}]*(?:[{_UNIT_FIRSTS}]|{'|'.join(_DAY_UNITS)})))"
)
_START = r"(?=(?:近|约|超|逾|仅)?[\d零〇一二两三四五六七八九十百千万亿])"
_FIGURE_AT_RE = re.compile(_START + _FIGURE_RE.pattern)


def _figure_matches(text: str) -> Iterator[re.Match[str]]:
    """The figures of ``text`` as ``_FIGURE_AT_RE.finditer`` finds them, searched at the candidates only."""
    pos = 0
    while (c := _CANDIDATE_RE.search(text, pos)) is not None:
        if (m := _FIGURE_AT_RE.match(text, c.start())) is not None:
            yield m
            pos = m.end()
        else:
            pos = c.start() + 1


def find_figures(text: str, article_id: str = "") -> list[Figure]:
    out: list[Figure] = []
    # most texts quote nothing: no figure of theirs is in quotes, and none need be counted for
    quotes = MarksSince(text, "。\n", "“”\"") if "“" in text or "”" in text or '"' in text else None
    spoken_to = 0  # the end of the last "N个亿": its 亿 is no figure of its own
    for m in _figure_matches(text):
        check_time()
        if m.start() < spoken_to:
            continue
        # the groups read once (a group looked up by name is a call each time)
        pre, num, approx0, mag, approx, cur, pct, mw, post = m.groups()
        if not num and not mag:
            continue
        start = m.start("num") if num else m.start("mag")
        if text[max(0, start - 1) : start] == "第" or (quotes is not None and _in_quotes(quotes, start)):
            continue  # an ordinal or a slogan
        prev2 = text[max(0, start - 2) : start]
        inside = prev2[-1:] in _NUMBER_TAIL or (prev2[-1:] in ("多", "余") and prev2[:1].isdigit())
        m_start, m_end = m.span()
        after = text[m_end : m_end + 6]
        if inside or after[:1] in ("年", "月", "日"):
            continue  # inside a larger number (9200多|万亩), or a date
        chinese = bool(num) and not num[0].isdigit()
        if chinese and (_DIGIT_PAIR_RE.search(num) or after[:1] in _CN_NUMERAL):
            continue  # 唯一一个 (a word, then 一个), 千头万绪 (an idiom of numerals)
        value = chinese_number(num) if chinese else (float(num.replace(",", "")) if num else 1.0)
        if not value:
            continue  # no numeral, or nought of something
        if mag:
            value *= _MAGNITUDES[mag]
        if mw and _DURATION_AFTER.match(after):
            continue
        if (mw or "") + after[:1] in _NOUN_WORDS:
            continue  # 八部门, 场所, 家庭: the measure word begins a noun
        if mw == "次" and num == "三" and after.startswith("产业"):
            continue  # 三次产业: the primary, secondary and tertiary sectors, a term
        if mw == "次" and (text[start - 1 : start] in _SESSION_BEFORE or (
                _SESSION_AFTER_RE.match(after) and not _HELD_BEFORE_RE.search(text, max(0, start - 3), start))):
            continue  # 十五届人大七次会议, 九届二十七次主席会议: a session, not a count
        if mw == "面" and (after[:1] in "积向对临貌" or (chinese and not any(t in after for t in _FLAT_THINGS))):
            continue  # 面 counts flags and banners (10面鲜艳的红旗); 两面, 3面积 are no counts
        if chinese and (num == "一" or (value <= 10 and not approx and after.startswith(_ABSTRACT))):
            continue  # 一名老人 (an article), 五个维度 (an abstraction)
        if mw in _PLACES and chinese:
            continue
        if mw == "个" and not mag and after[:1] == "亿":  # 10个亿: spoken for 10亿元
            value *= 1e8
            m_end += 2 if after[1:2] == "元" else 1
            unit, spoken_to = "CNY", m_end
        elif cur:
            unit = _CURRENCY[cur]
        elif pct:
            unit = "%"
        elif mw in _PEOPLE:
            unit = "人"
        elif mw in _PLACES:
            unit = "个"
        else:
            unit = mw
        if unit == "人" and after[:1] in ("民", "员", "才", "口", "大", "士", "工", "们"):
            continue  # 人民, 人员, 人才: a noun, not the counter
        last_mark = _LAST_CLAUSE_MARK_RE.match(text, max(0, start - 20), start)
        clause_start = last_mark.end() if last_mark else 0
        target = bool(post == "以上" or _TARGET_RE.search(text, clause_start, start))
        approximate = bool(pre in ("近", "约", "超过", "超", "逾") or approx or approx0
                           or post == "左右" or _APPROX_BEFORE_RE.search(text, max(0, start - 4), start))
        out.append(Figure(article_id, text[m_start:m_end], value, unit, _measure(text, m_start, m_end, unit not in _MONEY_OR_RATE),
                          approximate, target, m_start, m_end))
    taken = {(f.start, f.end) for f in out}
    for m in _BARE_MONEY_RE.finditer(text):
        if (m.start("num"), m.end("mag")) not in taken:
            value = float(m.group("num")) * _MAGNITUDES[m.group("mag")]
            out.append(Figure(article_id, m.group("num") + m.group("mag"), value, "CNY",
                              _measure(text, m.start("num"), m.end(), False), False, False, m.start("num"), m.end()))
    out.sort(key=lambda f: f.start)
    return _once(out, text)


def _once(figures: list[Figure], text: str) -> list[Figure]:
    """A count of the same people or things repeated in one article is one figure (15名队员 three times),
    except in a breakdown by what precedes each count (主任1人、副主任7人、秘书长1人); an amount or rate is
    repeated only when it is said of the same thing again (same words after it)."""
    seen: set[tuple] = set()
    counts: dict[tuple, set[str | None]] = {}  # (value, unit) -> the breakdown labels it came with (None: none)
    out = []
    for f in figures:
        if f.unit in _MONEY_OR_RATE:
            follow = _CLAUSE_RE.split(text[f.end : f.end + 12], 1)[0][:6]
            key = (f.value, f.unit, follow) if follow else (f.value, f.unit, f.start)
            if key in seen:
                continue
            seen.add(key)
        else:
            label = (text[max(0, f.start - 2) : f.start] if _BREAKDOWN_RE.match(text, f.end)
                     and _HAN_BEFORE_RE.search(text, max(0, f.start - 2), f.start) else None)
            earlier = counts.setdefault((f.value, f.unit), set())
            if earlier and (label is None or label in earlier or None in earlier):
                continue
            earlier.add(label)
        out.append(f)
    return out
