#!/usr/bin/env python3
"""How the time of one page grows with its length: single-line pages of 1, 2, 4, 8 and 16 MB.

    .venv/bin/python bench/bench_page_size.py [--sizes 1,2,4,8,16] [--stages] [--profile MB] [--seed 0]

Each page is one line (no line break anywhere) of official-news sentences written here from templates:
post chains with names (市委副书记、市长王一明出席), lists of names, meetings held and approved, appointments,
figures, documents in 《》, speakers, dotted names, dates. Names, organs, numbers and dates are drawn from a
seeded generator, so no two sentences are quite alike and the same --seed gives the same pages. No third-party
text is used. Every page is written to a temporary directory and read back with ``read_path`` (UTF-8 text),
then run through ``process_page`` once, in this process pinned to one core. Printed per size: wall time,
CPU time, time per MB (flat when the pipeline is linear) and the ratio to the first size; ``--stages`` adds
read / clean / segment / dates / facts. ``--profile MB`` profiles that size with cProfile instead and prints
the top entries. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import random
import shlex
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from bench_people_vs_lac import git_rev  # noqa: E402  (this directory is on sys.path when a script here runs)

from yaowen.clean import clean_page  # noqa: E402
from yaowen.extract import extract_facts  # noqa: E402
from yaowen.pipeline import process_page  # noqa: E402
from yaowen.read import read_path  # noqa: E402
from yaowen.resolve import month_day_resolver, resolve_dates  # noqa: E402
from yaowen.segment import segment_page  # noqa: E402

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国华明军平伟强磊洋勇艳杰娟涛超秀英敏静丽霞刚辉鹏飞宇浩然志远文博海波新民世荣德顺春秋冬梅兰竹松柏晓东红光永利长青正清"
CITIES = ["临江", "安平", "河阳", "东川", "南屏", "青州", "云岭", "西陵", "北固", "长泰"]
ORGANS = ["市委", "市人大常委会", "市政府", "市政协", "市纪委监委", "市委组织部", "市委宣传部", "市发展改革委", "市财政局",
          "市教育局", "市交通运输局", "市卫生健康委"]
POSTS = ["书记", "副书记", "常委", "主任", "副主任", "部长", "副部长", "局长", "副局长", "市长", "副市长", "秘书长"]
TOPICS = ["营商环境", "乡村振兴", "生态环境保护", "安全生产", "城市更新", "科技创新", "民生实事", "基层治理", "文明城市创建",
          "防汛抗旱"]
VERBS = ["出席", "参加", "主持", "讲话", "强调", "指出", "调研", "视察"]
DOCS = ["关于加强{t}工作的实施意见", "{c}市{t}三年行动方案", "关于推进{t}的若干措施", "{c}市{t}条例"]


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def sentence(rng: random.Random) -> str:
    """One sentence of official news, in one of a dozen shapes."""
    c, t, n = rng.choice(CITIES), rng.choice(TOPICS), name(rng)
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    kind = rng.randrange(12)
    if kind == 0:
        chain = "、".join(rng.sample(ORGANS, 1) + [rng.choice(POSTS)])
        return f"{chain}{n}{rng.choice(VERBS)}并讲话。"
    if kind == 1:
        people = "、".join(name(rng) for _ in range(rng.randint(2, 8)))
        return f"市领导{people}{rng.choice(['出席', '参加活动', '陪同调研'])}。"
    if kind == 2:
        return (f"{month}月{day}日，{c}市第{rng.randint(10, 19)}届人大常委会第{rng.randint(1, 40)}次会议在市行政中心举行，"
                f"市人大常委会主任{n}主持会议。")
    if kind == 3:
        return f"会议审议通过了《{rng.choice(DOCS).format(t=t, c=c)}》，听取了{rng.choice(ORGANS)}关于{t}工作情况的报告。"
    if kind == 4:
        return f"会议决定任命{n}为{c}市人民政府副市长，免去{name(rng)}的{c}市{rng.choice(ORGANS)[1:]}{rng.choice(POSTS)}职务。"
    if kind == 5:
        return (f"今年以来，全市完成地区生产总值{rng.randint(100, 9999)}.{rng.randint(0, 9)}亿元，同比增长"
                f"{rng.randint(1, 12)}.{rng.randint(0, 9)}%，新增就业{rng.randint(1, 90)}万人。")
    if kind == 6:
        return f"“{t}是一项长期任务，必须久久为功。”{n}表示，要把{t}各项措施落到实处。"
    if kind == 7:
        return f"{c}市委书记{n}在{rng.choice(['东区', '高新区', '经开区'])}调研{t}工作时强调，要坚持以人民为中心的发展思想。"
    if kind == 8:
        return f"村民{n}告诉记者，这几年村里的路修好了，{t}让大家得到了实惠。"
    if kind == 9:
        return f"阿依{rng.choice(GIVEN)}·{rng.choice(SURNAMES)}{rng.choice(GIVEN)}等{rng.randint(3, 20)}名代表作了发言。"
    if kind == 10:
        return f"{n}同志任{c}市委常委、{rng.choice(ORGANS)}{rng.choice(POSTS)}。"
    return f"会议要求，各级各部门要深入学习贯彻党的二十大精神，扎实推进{t}，确保{rng.randint(2024, 2027)}年目标任务全面完成。"


def single_line_page(mb: float, seed: int) -> str:
    """A headline and sentences up to ``mb`` MB of UTF-8, all on one line."""
    rng = random.Random(seed)
    parts = [f"{rng.choice(CITIES)}市召开{rng.choice(TOPICS)}工作会议 "]
    size, limit = len(parts[0].encode()), int(mb * 1_000_000)
    while size < limit:
        s = sentence(rng)
        parts.append(s)
        size += len(s.encode())
    return "".join(parts)


def timed(work: Callable[[], object]) -> tuple[object, float, float]:
    w, c = time.perf_counter(), time.process_time()
    out = work()
    return out, time.perf_counter() - w, time.process_time() - c


def run_stages(path: Path) -> dict[str, float]:
    """Wall seconds of each stage of ``process_page``, run as it runs them."""
    out: dict[str, float] = {}
    page, out["read"], _ = timed(lambda: read_path(path))
    clean, out["clean"], _ = timed(lambda: clean_page(page))
    articles, out["segment"], _ = timed(lambda: segment_page(page, clean))
    (issue, _note, year), out["dates"], _ = timed(lambda: resolve_dates(articles, clean, page.meta, None))
    _, out["facts"], _ = timed(lambda: extract_facts(articles, month_day_resolver(clean, year, issue), clean.text, issue))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1,2,4,8,16", help="page sizes in MB, comma-separated")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--stages", action="store_true", help="time each stage too")
    ap.add_argument("--profile", type=float, default=None, metavar="MB", help="profile one page of this size")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(f"$ {shlex.join([Path(sys.executable).name, *sys.argv])}")
    print(f"# {time.strftime('%Y-%m-%dT%H:%M:%S')}; {platform.machine()}, {os.cpu_count()} cores, one used; "
          f"Python {platform.python_version()}; yaowen @ {git_rev()}")
    warm = single_line_page(0.01, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "warm.txt"
        path.write_text(warm, encoding="utf-8")
        process_page(read_path(path))  # loads the name model and the lexicons
        if args.profile is not None:
            path.write_text(single_line_page(args.profile, args.seed), encoding="utf-8")
            prof = cProfile.Profile()
            prof.runcall(lambda: process_page(read_path(path)))
            pstats.Stats(prof).sort_stats("tottime").print_stats(25)
            return
        print(f"{'MB':>5} {'chars':>11} {'wall s':>8} {'CPU s':>8} {'s/MB':>7} {'x first':>8}  stages (wall s)")
        first = None
        sizes = [float(x) for x in args.sizes.split(",")]
        walls: list[float] = []
        for mb in sizes:
            text = single_line_page(mb, args.seed)
            path = Path(tmp) / f"page_{mb:g}MB.txt"
            path.write_text(text, encoding="utf-8")
            stages = ""
            if args.stages:
                st, wall, cpu = timed(lambda p=path: run_stages(p))
                stages = "  ".join(f"{k} {v:.2f}" for k, v in st.items())  # type: ignore[union-attr]
            else:
                _, wall, cpu = timed(lambda p=path: process_page(read_path(p)))
            first = first or cpu
            walls.append(wall)
            print(f"{mb:5g} {len(text):11,} {wall:8.2f} {cpu:8.2f} {cpu / mb:7.2f} {cpu / first:8.1f}  {stages}")
            path.unlink()
        if len(sizes) > 1:
            print(f"# {sizes[-1]:g} MB / {sizes[0]:g} MB: {sizes[-1] / sizes[0]:g}x the text, {cpu / first:.1f}x the CPU "
                  f"time, {walls[-1] / walls[0]:.1f}x the wall time (linear: {sizes[-1] / sizes[0]:g}x)")


if __name__ == "__main__":
    main()
