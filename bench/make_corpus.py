#!/usr/bin/env python3
"""Build the throughput benchmark's corpus: tens of MB of noisy newspaper pages, one file at a time.

    python bench/make_corpus.py [OUT_DIR] [--size-mb 60 | --pages N] [--kinds seed,cctv] [--seed 0]
                                [--shared PATH] [--huge-mb 5,2,1]

Three kinds of page, written to OUT_DIR (default bench/.corpus/, which git ignores):

- ``seed_*``  variants of the five seed pages in SHARED/seeds: names drawn from a generated pool, dates and
  years shifted, lines re-broken at column widths, a paragraph printed twice, a block moved into another
  article, markdown added or removed, some pages turned traditional (OpenCC s2t) with pinyin after
  characters and a few characters lost as '?'.
- ``cctv_*``  pages assembled from the CCTV news items in SHARED/corpus: the title as headline, an invented
  byline and dateline in one of the paper's styles, the text re-broken into columns, the same noise.
- ``huge_*``  a few very large pages (5, 2 and 1 MB by default), to show that memory follows the page, not
  the corpus.

Pages are written in UTF-8 mostly, and also GB18030, Big5, UTF-16, UTF-8 with BOM, CRLF line ends, and as
e-paper HTML. The seed pages and the corpus are read at run time and never copied into the repository.
``--pages N`` writes N pages (of the kinds in ``--kinds``) whatever their size; ``--kinds cctv --huge-mb ''``
gives small pages (~4 kB) for runs of many pages. The same --seed gives the same corpus. ``_manifest.tsv`` lists every page with its kind, source, encoding
and noise. Nothing is held in memory beyond the page being written.
"""

from __future__ import annotations

import argparse
import codecs
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import corpus_noise as nz

ROOT = Path(__file__).resolve().parent.parent
OUR_PREFIXES = ("seed_", "cctv_", "huge_")
# Huge pages: (encoding, traditional) by position in --huge-mb.
HUGE_STYLES = [("utf-8", False), ("gb18030", False), ("utf-8", True)]


class Sources:
    """What the pages are made from: seed page texts, the names their gold knows, the CCTV items."""

    def __init__(self, shared: Path):
        seed_dir = shared / "seeds"
        self.seeds = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(seed_dir.glob("*.txt"))]
        if not self.seeds:
            sys.exit(f"make_corpus: no seed pages in {seed_dir} (use --shared PATH)")
        names: set[str] = set()
        for gp in sorted((shared / "gold" / "seeds").glob("*.json")):
            gold = json.loads(gp.read_text(encoding="utf-8"))
            names.update(p["name"] for p in gold.get("people", []))
            for a in gold.get("articles", []):
                names.update(a.get("reporters") or [])
                names.update(a.get("correspondents") or [])
        self.names = sorted(n for n in names if 2 <= len(n) <= 4)
        self.cctv: list[dict[str, str]] = []
        cpath = shared / "corpus" / "cctv-domestic-news.jsonl"
        if cpath.exists():
            with cpath.open(encoding="utf-8") as f:
                self.cctv = [json.loads(line) for line in f if line.strip()]


class Maker:
    """Turns sources into page texts; one instance per corpus, one ``random.Random`` per page."""

    def __init__(self, src: Sources):
        import opencc  # imported here so `--help` works without the venv
        from pypinyin import Style, pinyin

        self.src = src
        self.s2t = opencc.OpenCC("s2t").convert
        self.s2tw = opencc.OpenCC("s2tw").convert  # Taiwan forms: Big5 holds 為/秘, not s2t's 爲/祕
        t2s = opencc.OpenCC("t2s").convert
        self.trad_seed = {
            stem: t2s(nz.strip_pinyin(text)) != nz.strip_pinyin(text) for stem, text in src.seeds
        }

        def readings(line: str) -> list[str]:
            return [r[0] for r in pinyin(line, style=Style.TONE, errors=lambda x: [[c] for c in x])]

        self.readings = readings

    # -- page bodies -------------------------------------------------------------------------------------
    def seed_lines(self, rng: random.Random, noise: list[str]) -> tuple[list[str], str, bool]:
        stem, text = rng.choice(self.src.seeds)
        trad = self.trad_seed[stem]
        if rng.random() < 0.9:
            present = [n for n in self.src.names if n in text or self.s2t(n) in text]
            text = nz.substitute(text, nz.name_mapping(present, rng, self.s2t if trad else None))
            noise.append("names")
        if rng.random() < 0.5:
            city = rng.choice(nz.CITIES)
            text = nz.substitute(text, {"衡阳": city, "衡陽": self.s2t(city)})
            noise.append("city")
        if rng.random() < 0.8:
            text = nz.shift_dates(text, rng.randint(-150, 150), rng.randint(-4, 3))
            noise.append("dates")
        return text.split("\n"), stem, trad

    def cctv_lines(self, rng: random.Random, noise: list[str]) -> tuple[list[str], str, bool]:
        """5-14 stories drawn from the CCTV bulletins, each set as an article of the paper."""
        want = rng.randint(5, 14)
        lines: list[str] = []
        dates: list[str] = []
        while want > 0:
            item = rng.choice(self.src.cctv)
            for title, paras in self._stories(item, rng)[:want]:
                lines += self._article(rng, item["date"], title, paras)
                want -= 1
            dates.append(item["date"])
        noise.append("cctv")
        return lines, "+".join(dates[:2]), False

    @staticmethod
    def _stories(item: dict[str, str], rng: random.Random) -> list[tuple[str, list[str]]]:
        """One to three titled stories of a bulletin (国内联播快讯: a title line, then its text)."""
        paras = [p.strip() for p in item["content"].split("\n") if p.strip()]
        subs: list[tuple[str, list[str]]] = []
        for p in paras:
            if len(p) <= 40 and "。" not in p:
                subs.append((p, []))
            elif subs:
                subs[-1][1].append(p)
        subs = [s for s in subs if s[1]]
        if not subs:
            return [(item["title"], paras)]
        return rng.sample(subs, min(len(subs), rng.randint(1, 3)))

    def _article(self, rng: random.Random, date: str, title: str, paras: list[str]) -> list[str]:
        month, day = (int(x) for x in date[5:10].split("-"))
        who, who2 = nz.person_name(rng), nz.person_name(rng)
        style = rng.randrange(7)
        byline, lead = {
            0: ([f"■本报记者 {nz.spaced(who)}"], "本报讯 "),
            1: ([], f"本报讯（记者 {who}）"),
            2: ([], f"本报讯 (记者 {who}) "),
            3: ([f"■通讯员 {who2}\n本报记者 {who}"], "本报讯 "),
            4: ([f"■{who}"], "本报讯 "),
            5: ([], f"新华社北京{month}月{day}日电 "),
            6: ([f"■全媒体记者 {who}"], "本报讯 "),
        }[style]
        head = [title, ""]
        if rng.random() < 0.15 and paras:
            head += [paras[0].split("，")[0][:30], ""]  # a subheadline lifted from the lead
        body = [lead + paras[0]] + paras[1:] if paras else []
        out = head + [x for b in byline for x in (b, "")]
        for p in body:
            out += [p, ""]
        return ["", *out]

    # -- the noise every kind shares -----------------------------------------------------------------------
    def damage(self, lines: list[str], rng: random.Random, noise: list[str]) -> list[str]:
        if any(ln.startswith("#") for ln in lines) and rng.random() < 0.5:
            lines = nz.strip_markdown(lines)
            noise.append("-markdown")
        elif rng.random() < 0.1:
            lines = nz.to_markdown(lines)
            noise.append("markdown")
        if rng.random() < 0.3 and nz.duplicate_paragraph(lines, rng):
            noise.append("dup")
        if rng.random() < 0.25 and nz.move_block(lines, rng):
            noise.append("moved")
        r = rng.random()
        if r < 0.5:
            lines = nz.break_columns(lines, rng, rate=rng.uniform(0.05, 0.3))
            noise.append("breaks")
        elif r < 0.65:
            lines = nz.wrap_columns(lines, rng)
            noise.append("columns")
        return lines

    def traditional(self, text: str, rng: random.Random, big5: bool, noise: list[str]) -> str:
        """s2t (s2tw for Big5); pinyin after a share of converted characters unless the page is Big5."""
        trad = (self.s2tw if big5 else self.s2t)(text)
        noise.append("s2t")
        if big5 or rng.random() < 0.4:
            return trad
        noise.append("pinyin")
        return nz.add_pinyin(trad, text, rng, rng.uniform(0.3, 0.8), rng.randint(1, 3), self.readings)

    def page(self, kind: str, rng: random.Random) -> tuple[str, str, str, str, list[str]]:
        """(text, source, encoding, script, noise) of one page; encoding 'html' means e-paper markup."""
        noise: list[str] = []
        make = self.seed_lines if kind == "seed" else self.cctv_lines
        lines, source, trad = make(rng, noise)
        text = "\n".join(self.damage(lines, rng, noise))
        enc = rng.choices(["utf-8", "gb18030", "utf-16", "utf-8-sig", "html"], [68, 14, 6, 4, 8])[0]
        if not trad and rng.random() < 0.18:
            big5 = rng.random() < 0.3
            text = self.traditional(text, rng, big5, noise)
            trad, enc = True, "big5" if big5 else enc
        if enc == "html":
            title = next((ln for ln in text.split("\n") if ln.strip()), "")[:40]
            text = nz.to_html(text, title)
        elif rng.random() < 0.05:
            text = text.replace("\n", "\r\n")
            noise.append("crlf")
        return text, source, enc, "traditional" if trad else "simplified", noise


def write_page(path: Path, text: str, enc: str) -> int:
    codec = "utf-8" if enc == "html" else enc
    data = text.encode(codec, errors="replace")  # Big5 lacks a few characters: they become '?', as on the web
    path.write_bytes(data)
    return len(data)


def write_huge(path: Path, target: int, enc: str, trad: bool, maker: Maker, rng: random.Random) -> int:
    """Stream page after page into one file until it holds ``target`` bytes."""
    encoder = codecs.getincrementalencoder(enc)(errors="replace")
    written = 0
    with path.open("wb") as f:
        while written < target:
            kind = "seed" if rng.random() < 0.6 else "cctv"
            noise: list[str] = []
            lines, _, was_trad = (maker.seed_lines if kind == "seed" else maker.cctv_lines)(rng, noise)
            text = "\n".join(maker.damage(lines, rng, noise)) + "\n\n"
            if trad and not was_trad:
                text = maker.traditional(text, rng, False, noise)
            chunk = encoder.encode(text)
            f.write(chunk)
            written += len(chunk)
        f.write(encoder.encode("", final=True))
    return written


def clear_old(out: Path) -> None:
    """Remove a previous corpus (only files this script writes), so sizes and manifest stay truthful."""
    for p in out.iterdir():
        if p.is_file() and (p.name.startswith(OUR_PREFIXES) or p.name == "_manifest.tsv"):
            p.unlink()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", default=str(ROOT / "bench" / ".corpus"), help="output directory")
    ap.add_argument("--size-mb", type=float, default=60.0, help="total corpus size in MB (default 60)")
    ap.add_argument("--seed", type=int, default=0, help="random seed; the same seed gives the same corpus")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared/ dir (seeds, corpus)")
    ap.add_argument("--huge-mb", default="5,2,1", help="sizes of the huge pages in MB ('' for none)")
    ap.add_argument("--pages", type=int, default=0, help="write this many pages (instead of --size-mb)")
    ap.add_argument("--kinds", default="seed,cctv", help="kinds of page: seed, cctv or both (default)")
    args = ap.parse_args(argv)
    kinds = set(args.kinds.split(","))
    if not kinds or kinds - {"seed", "cctv"}:
        ap.error(f"--kinds {args.kinds!r}: choose seed, cctv or seed,cctv")

    t0 = time.perf_counter()
    src = Sources(Path(args.shared))
    maker = Maker(src)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    clear_old(out)
    target = int(args.size_mb * 1_000_000)
    by_kind: Counter[str] = Counter()
    bytes_by: Counter[str] = Counter()
    total = 0

    with (out / "_manifest.tsv").open("w", encoding="utf-8") as manifest:
        manifest.write("file\tkind\tsource\tencoding\tscript\tbytes\tnoise\n")

        def record(
            name: str, kind: str, source: str, enc: str, script: str, size: int, noise: list[str]
        ) -> None:
            nonlocal total
            manifest.write(f"{name}\t{kind}\t{source}\t{enc}\t{script}\t{size}\t{','.join(noise)}\n")
            total += size
            for key in (kind, f"enc:{enc}", f"script:{script}"):
                by_kind[key] += 1
                bytes_by[key] += size

        huge_sizes = [float(x) for x in args.huge_mb.split(",") if x.strip()]
        for i, mb in enumerate(huge_sizes):
            enc, trad = HUGE_STYLES[i % len(HUGE_STYLES)]
            name = f"huge_{i:02d}_{mb:g}mb.txt"
            rng = random.Random(f"{args.seed}/huge/{i}")
            size = write_huge(out / name, int(mb * 1_000_000), enc, trad, maker, rng)
            record(name, "huge", "mixed", enc, "traditional" if trad else "simplified", size, ["mixed"])

        master = random.Random(f"{args.seed}/kinds")
        i = 0
        while (i < args.pages) if args.pages else (total < target):
            kind = "cctv" if src.cctv and master.random() < 0.4 else "seed"
            if kind not in kinds:
                kind = "cctv" if src.cctv and "cctv" in kinds else "seed"
            rng = random.Random(f"{args.seed}/{kind}/{i}")
            text, source, enc, script, noise = maker.page(kind, rng)
            name = f"{kind}_{i:06d}.{'html' if enc == 'html' else 'txt'}"
            record(name, kind, source, enc, script, write_page(out / name, text, enc), noise)
            i += 1
            if i % 1000 == 0:
                print(f"  {i} pages, {total / 1e6:.1f} MB", file=sys.stderr)

    _report(out, total, by_kind, bytes_by, time.perf_counter() - t0, args)


def _report(
    out: Path, total: int, n: Counter[str], b: Counter[str], secs: float, args: argparse.Namespace
) -> None:
    def show(k: str) -> str:
        return f"{n[k]:6d} files {b[k] / 1e6:8.2f} MB"

    print(f"corpus: {out}  (seed {args.seed}, target {args.size_mb:g} MB, built in {secs:.1f} s)")
    print(f"total : {sum(n[k] for k in ('seed', 'cctv', 'huge')):6d} files {total / 1e6:8.2f} MB")
    for k in sorted(n, key=lambda k: (":" in k, k)):
        print(f"  {k:18} {show(k)}")


if __name__ == "__main__":
    main()
