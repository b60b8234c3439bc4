"""Noise transforms for the benchmark corpus: the damage real pages show, applied to clean-ish text.

Every function takes an explicit ``random.Random`` so a corpus is reproducible from its seed. The kinds of
noise follow ../shared/gold/seeds/NOTES.md: names and dates that differ from page to page, lines broken
where a column ended (sometimes with the word printed twice), paragraphs printed twice, a block of one
article dropped into another, traditional script with pinyin after characters and characters lost as '?',
markdown headings, and a spread of encodings.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterable

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容")
GIVEN = (
    "建国华明军平志红伟芳丽强磊洋艳勇杰娟涛超秀霞刚桂英文辉力斌静敏玲云海波宁浩鹏晨蕾雪梅兰松柏清远航飞润"
    "晴珂宇鑫凯嘉欣怡思雨婷宏新春秋林森峰岩立德振邦慧琳庆丰卫东永康晓一鸣若满"
)
# Fictional city names: bench pages must not read as reports about a real city's officials.
CITIES = ("临江", "澄州", "云溪", "白沙", "石门", "望湖", "柳城", "南岭", "西陵", "青禾", "沅川", "桐港")

HEADINGISH_END = "。！？；：!?;:，,"
PINYIN_NOTE = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüê]+\)")


def person_name(rng: random.Random) -> str:
    """A plausible Chinese name: one in twelve has a compound surname, most have a two-char given name."""
    surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 1 / 12 else rng.choice(SURNAMES)
    n_given = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(GIVEN) for _ in range(n_given))


def spaced(name: str) -> str:
    """Bylines set two-character names letter-spaced: '陈 润'."""
    return " ".join(name) if len(name) == 2 else name


def substitute(text: str, mapping: dict[str, str]) -> str:
    """Replace every key by its value in one pass, longest key first (so 欧阳明远 wins over 欧阳)."""
    keys = [k for k in sorted(mapping, key=len, reverse=True) if k and k in text]
    if not keys:
        return text
    rx = re.compile("|".join(map(re.escape, keys)))
    return rx.sub(lambda m: mapping[m.group(0)], text)


def name_mapping(
    names: Iterable[str], rng: random.Random, convert: Callable[[str], str] | None = None
) -> dict[str, str]:
    """A fresh name for every known name; ``convert`` adds the same pair in another script (s2t)."""
    out: dict[str, str] = {}
    for name in names:
        new = person_name(rng)
        out[name] = new
        if convert is not None:
            out[convert(name)] = convert(new)
    return out


_MD = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"(?<!\d)(20[0-4]\d)(?=年|—|－|-)")


def shift_dates(text: str, days: int, years: int) -> str:
    """Move every month-day by ``days`` and every 20XX year by ``years``, consistently across the page."""

    def md(m: re.Match[str]) -> str:
        try:
            d = dt.date(2020, int(m.group(1)), int(m.group(2))) + dt.timedelta(days=days)
        except ValueError:  # 2月30日 and the like: leave what the page printed
            return m.group(0)
        return f"{d.month}月{d.day}日"

    text = _MD.sub(md, text) if days else text
    return _YEAR.sub(lambda m: str(int(m.group(1)) + years), text) if years else text


def is_headingish(line: str) -> bool:
    s = line.strip().lstrip("#").strip()
    return (
        0 < len(s) <= 40 and s[-1] not in HEADINGISH_END and not s.startswith(("本报讯", "■", "新华社", "**"))
    )


def body_indices(lines: list[str]) -> list[int]:
    """Indices of body paragraphs: long lines that end like a sentence."""
    return [i for i, ln in enumerate(lines) if len(ln) >= 40 and not is_headingish(ln)]


def duplicate_paragraph(lines: list[str], rng: random.Random) -> bool:
    """Print one paragraph a second time a little further down (seed 004's 常委会 report)."""
    idx = body_indices(lines)
    if len(idx) < 3:
        return False
    k = rng.randrange(len(idx) - 1)
    src, dst = idx[k], idx[min(len(idx) - 1, k + rng.randint(1, 3))]
    lines[dst + 1 : dst + 1] = ["", lines[src]]
    return True


def move_block(lines: list[str], rng: random.Random) -> bool:
    """Lift one or two paragraphs and drop them earlier, inside another article (seed 001's interleave)."""
    idx = body_indices(lines)
    if len(idx) < 6:
        return False
    k = rng.randrange(len(idx) // 2, len(idx) - 1)
    start, end = idx[k], idx[min(len(idx) - 1, k + rng.randint(0, 1))] + 1
    block = lines[start:end]
    del lines[start:end]
    at = idx[rng.randrange(1, max(2, k // 2 + 1))]
    lines[at:at] = block + [""]
    return True


def break_columns(lines: list[str], rng: random.Random, rate: float, double_rate: float = 0.15) -> list[str]:
    """Break some body paragraphs where a column ended: a blank line in mid-word, sometimes the word twice."""
    out: list[str] = []
    for ln in lines:
        if len(ln) >= 30 and not is_headingish(ln) and rng.random() < rate:
            cut = rng.randrange(8, len(ln) - 4)
            head, tail = ln[:cut], ln[cut:]
            if rng.random() < double_rate and len(head) >= 2:
                tail = head[-2:] + tail  # the column repeats the word it was cut in
            out += [head, "", tail]
        else:
            out.append(ln)
    return out


def wrap_columns(lines: list[str], rng: random.Random) -> list[str]:
    """Re-flow the whole page into a fixed column width, as text pulled from a PDF column looks."""
    width = rng.randint(14, 40)
    out: list[str] = []
    for ln in lines:
        if len(ln) <= width or is_headingish(ln):
            out.append(ln)
            continue
        out += [ln[i : i + width] for i in range(0, len(ln), width)]
        out.append("")
    return out


def to_markdown(lines: list[str]) -> list[str]:
    """Mark heading-like lines '#', the first of a stack '##', and the dateline bold (seed 000)."""
    out: list[str] = []
    prev_heading = False
    for ln in lines:
        if is_headingish(ln) and not ln.startswith("#"):
            out.append(("# " if prev_heading else "## ") + ln.strip())
            prev_heading = True
            continue
        if ln.strip():
            prev_heading = False
        out.append(ln.replace("本报讯", "**本报讯**", 1) if ln.startswith("本报讯") else ln)
    return out


def strip_markdown(lines: list[str]) -> list[str]:
    return [re.sub(r"^#+\s*", "", ln).replace("**", "") for ln in lines]


def add_pinyin(
    trad: str, simp: str, rng: random.Random, rate: float, losses: int, pinyin_of: Callable[[str], list[str]]
) -> str:
    """Put '(pīn)' after a share of the characters the s2t conversion changed, and lose a few as '?'.

    ``pinyin_of`` maps a line to one reading per character (pypinyin, injected so this module has no hard
    dependency); the reading comes from the simplified line, which pypinyin segments into words better.
    """
    out_lines: list[str] = []
    lost = 0
    for t_line, s_line in zip(trad.split("\n"), simp.split("\n"), strict=True):
        if len(t_line) != len(s_line) or not t_line:
            out_lines.append(t_line)
            continue
        readings = pinyin_of(s_line)
        buf: list[str] = []
        for t, s, r in zip(t_line, s_line, readings, strict=False):
            if t != s and r != s and rng.random() < rate:
                if lost < losses and rng.random() < 0.05:
                    buf.append("?(" + r + ")")  # the character is lost, its reading survives
                    lost += 1
                else:
                    buf.append(f"{t}({r})")
            else:
                buf.append(t)
        out_lines.append("".join(buf))
    return "\n".join(out_lines)


def to_html(text: str, title: str, charset: str = "utf-8") -> str:
    """Wrap a page in e-paper markup: nav bar, a script, headings as <h2>, paragraphs as <p>."""
    parts = [
        f'<!DOCTYPE html>\n<html><head><meta charset="{charset}"><title>{title}</title>',
        '<script>var pageInfo = {edition: "01"}; document.title += "";</script></head><body>',
        '<div class="nav"><a href="/">首页</a> | <a href="/epaper">电子报</a> | <a href="/prev">上一版</a></div>',
    ]
    for ln in text.split("\n"):
        s = ln.strip()
        if not s:
            continue
        tag = "h2" if is_headingish(s) else "p"
        s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts.append(f"<{tag}>{s}</{tag}>")
    parts.append('<div class="footer">版权所有</div><script src="/stat.js"></script></body></html>\n')
    return "\n".join(parts)


def strip_pinyin(text: str) -> str:
    return PINYIN_NOTE.sub("", text)
