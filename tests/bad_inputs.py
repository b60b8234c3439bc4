"""A corpus of bad inputs of every kind the readers meet, with good pages among them, built in a directory.

``build_corpus(root)`` writes it and returns what a run over ``root`` must say: for each bad input the name
it is reported under (as printed: ``yaowen.sources.shown``) and a piece of its reason; and the good pages,
which must all be stored. Nothing here is third-party text: the pages are the tests' own (helpers.PAGE).
"""

from __future__ import annotations

import gzip
import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from yaowen.sources import shown

PAGE = """临江日报 2023年{month}月{day}日 星期一

# 临江召开第{n}次{topic}工作会议

本报讯（记者 苏晴）{month}月{day}日，全市第{n}次{topic}工作会议召开。市委副书记、市长韩松涛主持会议并讲话。副市长邱建国出席。

会议强调，要压实{topic}责任，全面排查各类隐患，共排查企业{firms}家。会议审议通过了《临江市{topic}专项整治方案》。
"""
TOPICS = ["安全生产", "审计整改", "防汛抗旱", "乡村振兴", "招商引资", "生态环境", "食品安全", "城市管理"]


def page_text(n: int) -> str:
    return PAGE.format(month=1 + n % 12, day=1 + n % 27, n=n + 1, topic=TOPICS[n % len(TOPICS)], firms=100 + n)


@dataclass
class Corpus:
    bad: dict[str, str] = field(default_factory=dict)  # name as printed -> a piece of its reason
    good: list[str] = field(default_factory=list)  # names as printed of the pages that must be stored
    deep_text: str = ""  # text a good page holds below 2,048 levels of nesting


def _pdf(text: str | None) -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page()
    if text:
        page.insert_text((72, 72), text, fontname="china-s", fontsize=11)
    return doc


def build_corpus(root: Path, as_root: bool) -> Corpus:
    """Write the corpus under ``root`` (``as_root``: running as root, whom file modes do not stop)."""
    c = Corpus()
    root.mkdir(parents=True, exist_ok=True)
    n = 0

    def good(name: str | bytes, data: bytes | None = None) -> None:
        nonlocal n
        path = os.path.join(os.fsencode(root), name if isinstance(name, bytes) else name.encode())
        with open(path, "wb") as f:
            f.write(data if data is not None else page_text(n).encode())
        n += 1
        c.good.append(shown(os.fsdecode(path)))

    def bad(name: str, data: bytes, reason: str) -> Path:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        c.bad[shown(str(path))] = reason
        return path

    # good pages, among them names that are not UTF-8 or hold a newline, ESC or a bidi override
    for i in range(4):
        good(f"good_{i}.txt")
    good(b"latin1-\xe9t\xe9.txt")
    good(b"bad\xff\xfe.txt")
    good("new\nline.txt")
    good("esc\x1b[31mred\x1b[0m.txt")
    good("rtl\u202etxt.exe.txt")
    good("gbk.txt", page_text(n).encode("gb18030"))
    good("cut_utf8.txt", page_text(n).encode()[:-1])  # cut inside its last character: the rest is read
    c.deep_text = "深处的正文：市委书记韩松涛主持召开市委常委会会议，研究部署防汛工作。"
    good("deep.html", ("<html><head><title>深层页面</title></head><body><p>" + page_text(n).replace("\n", "</p><p>")
                       + "</p>" + "<div>" * 3000 + f"<p>{c.deep_text}</p>" + "</div>" * 3000
                       + "</body></html>").encode())
    good("pdf_ok.pdf", _pdf("临江召开安全生产工作会议。市委副书记、市长韩松涛主持会议并讲话。").tobytes())

    # bad bytes
    text = page_text(99).encode()
    bad("empty.txt", b"", "empty page")
    bad("blank.txt", b" \n\t\n  ", "empty page")
    bad("all_nul.txt", b"\0" * 4096, "only NUL bytes")
    bad("nul_run.txt", text[:120] + b"\0" * 40 + text[120:], "NUL byte(s), the first at byte 120")
    bad("binary.txt", bytes(range(256)) * 64, "binary file, not text")
    bad("mixed.txt", text + page_text(98).encode("gb18030"), "mixed encodings: UTF-8 Chinese up to byte")
    bad("japanese.txt", ("日本語のテキストです。これはニュースではありません。" * 20).encode("shift_jis"),
        "unknown encoding")
    bad("utf16_broken.txt", b"\xff\xfe" + "临江".encode("utf-16-le") + b"\x00\xdc\x00\xdc", "invalid utf-16 text")
    bad("english.txt", b"This page is written in English and says nothing at all.\n" * 30,
        "not a Chinese news page")
    bad("scripts_only.html", b"<html><body><script>var a = '\xe4\xb8\xb4\xe6\xb1\x9f';</script></body></html>",
        "no text found in the HTML page")
    bad("markup_garbage.html", b"<html><body>" + bytes(random.Random(1).randrange(1, 256) for _ in range(5000))
        + b"</body></html>", "not a Chinese news page")
    # PDFs: damaged, cut short, locked, scanned, blank
    bad("garbled.pdf", b"%PDF-1.7\n" + bytes(random.Random(2).randrange(256) for _ in range(4000)), "damaged PDF")
    good_pdf = _pdf("临江召开防汛抗旱工作会议。").tobytes()
    bad("truncated.pdf", good_pdf[: len(good_pdf) // 2], "truncated PDF")
    locked = _pdf("临江召开审计整改工作会议。")
    bad("encrypted.pdf", locked.tobytes(encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o"),
        "encrypted PDF (password required)")
    scan = _pdf(None)
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 40, 40), False)
    pix.clear_with(180)
    scan[0].insert_image(scan[0].rect, pixmap=pix)
    bad("scanned.pdf", scan.tobytes(), "no text layer (scanned image?)")
    bad("blank.pdf", _pdf(None).tobytes(), "no text and no images")
    broken = _pdf("临江召开会议。")
    broken.update_stream(broken[0].get_contents()[0], b"BT (\x00\x01) Tj ET Q Q BT garbage ]] >> << ET")
    bad("broken_streams.pdf", broken.tobytes(), "damaged PDF: no readable text")
    # over the page size budget: a sparse file, refused before it is read
    huge = bad("huge.txt", b"", "over the page size budget")
    with huge.open("r+b") as f:
        f.truncate(300 * 2**20)
    # article dumps and archives with bad records, a cut gzip
    bad("news.jsonl", (b'{"title": "t", "content": "' + page_text(97).replace("\n", " ").encode() + b'"}\n'
                       b'{"title": broken json\n'), "")
    c.bad[shown(str(root / "news.jsonl")) + " line 2"] = "invalid JSON"
    del c.bad[shown(str(root / "news.jsonl"))]
    c.good.append(shown(str(root / "news.jsonl")) + "#1")
    bad("notext.jsonl", b'{"title": "only a title", "date": "2023-01-02"}\n', "")
    c.bad[shown(str(root / "notext.jsonl")) + " line 1"] = "no text field"
    del c.bad[shown(str(root / "notext.jsonl"))]
    record = json.dumps({"title": "临江新闻", "content": page_text(95)}, ensure_ascii=False).encode() + b"\n"
    bad("cut.jsonl.gz", gzip.compress(record)[:-8], "cannot read the rest of the file")  # its trailer lost
    c.good.append(shown(str(root / "cut.jsonl.gz")) + "#1")
    bad("junk.warc", b"WARC/1.0\r\nthis is not a web archive\r\n" * 10, "no HTML page in the archive")
    bad("empty.html", b"<html><head><title></title></head><body>  </body></html>", "no text found in the HTML page")
    bad("bom_only.txt", b"\xef\xbb\xbf\r\n", "empty page")
    # the file system: links that lead nowhere, a directory that cannot be listed
    for name, target in (("loop_a.txt", "loop_b.txt"), ("loop_b.txt", "loop_a.txt"), ("self.txt", "self.txt")):
        os.symlink(target, root / name)
        c.bad[shown(str(root / name))] = "symbolic link loop"
    os.symlink("nowhere.txt", root / "dangling.txt")
    c.bad[shown(str(root / "dangling.txt"))] = "broken symbolic link"
    locked_dir = root / "locked"
    locked_dir.mkdir()
    (locked_dir / "inside.txt").write_text(page_text(96), encoding="utf-8")
    locked_dir.chmod(0)
    c.bad[shown(str(locked_dir))] = "cannot read this directory (permission denied)"
    if not as_root:
        unreadable = bad("unreadable.txt", text, "permission denied")
        unreadable.chmod(0)
    return c
