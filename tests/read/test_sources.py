"""Reading paths: files, directories, globs, stdin, page records, and errors as values in a batch."""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tracemalloc
from pathlib import Path

import pytest

import yaowen.read as read
from yaowen.errors import PageError
from yaowen.read import iter_sources, read_bytes, read_path, read_stdin
from yaowen.read.text import date_from_path

PAGE = "# 市委常委会召开会议\n\n本报讯 5月6日,市委书记周明远主持召开市委常委会会议,研究部署当前重点工作。\n"
HTML = "<html><head><title>临江新闻</title></head><body><h1>临江召开会议</h1><p>本报讯 会议召开。</p></body></html>"


def _tree(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)


def _names(items: list[str | PageError]) -> list[str]:
    return [Path(x).as_posix() for x in items if isinstance(x, str)]


def test_sources_page_record_from_a_file(tmp_path: Path):
    data = PAGE.encode("gb18030")
    (tmp_path / "a.txt").write_bytes(data)
    page = read_path(tmp_path / "a.txt")
    assert page.page_id == hashlib.sha256(data).hexdigest() and page.size == len(data)
    assert page.text == PAGE and page.media_type == "text" and page.encoding == "gb18030"
    assert page.source == str(tmp_path / "a.txt") and page.stem == "a"
    assert page.meta.title == "市委常委会召开会议" and page.meta.date is None


@pytest.mark.parametrize(
    ("name", "data", "media_type", "starts"),
    [
        ("p.html", HTML.encode(), "html", "# 临江召开会议"),
        ("p.shtml", HTML.encode(), "html", "# 临江召开会议"),
        ("p.txt", HTML.encode(), "text", "<html>"),  # the extension decides: markup in a .txt stays text
        ("noext", HTML.encode(), "html", "# 临江召开会议"),  # no known extension: sniffed
        ("noext", "<!DOCTYPE html><p>临江新闻</p>".encode("utf-16"), "html", "临江新闻"),
        ("noext", PAGE.encode(), "text", "# 市委常委会召开会议"),
    ],
)
def test_sources_media_type_by_extension_then_sniffed(name: str, data: bytes, media_type: str, starts: str):
    page = read_bytes(data, name)
    assert page.media_type == media_type and page.text.startswith(starts)


def test_sources_media_type_can_be_forced():
    page = read_bytes(HTML.encode(), "p.txt", media_type="html")
    assert page.text.startswith("# 临江召开会议") and page.media_type == "html"
    with pytest.raises(PageError) as err:
        read_bytes(b"x", "p", media_type="doc")  # type: ignore[arg-type]
    assert "unknown media type" in str(err.value)


def test_sources_directory_recursive_sorted_with_page_suffixes_only(tmp_path: Path):
    _tree(tmp_path, {"d/b.txt": b"x", "d/sub/a.html": b"x", "d/a.PDF": b"x", "d/notes.json": b"x",
                     "d/.git/c.txt": b"x", "d/a.b/c.xhtml": b"x", "d/z.shtml": b"x", "d/y.htm": b"x"})
    got = list(iter_sources([str(tmp_path / "d")]))
    rel = [Path(x).relative_to(tmp_path).as_posix() for x in _names(got)]
    assert rel == ["d/a.PDF", "d/a.b/c.xhtml", "d/b.txt", "d/sub/a.html", "d/y.htm", "d/z.shtml"]


def test_sources_follow_directory_links_and_walk_each_directory_once(tmp_path: Path):
    _tree(tmp_path, {"d/sub/a.txt": b"x", "kept/elsewhere/b.txt": b"x"})
    os.symlink(tmp_path / "kept" / "elsewhere", tmp_path / "d" / "linked")  # a corpus of links to where pages are
    os.symlink("..", tmp_path / "d" / "sub" / "up")  # a loop back to d
    os.symlink(".", tmp_path / "d" / "here")  # a loop to itself
    got = list(iter_sources([str(tmp_path / "d")]))
    assert not [x for x in got if isinstance(x, PageError)]
    assert [Path(x).relative_to(tmp_path).as_posix() for x in _names(got)] == ["d/linked/b.txt", "d/sub/a.txt"]


def test_sources_one_bad_file_in_a_directory_does_not_stop_the_batch(tmp_path: Path):
    _tree(tmp_path, {"1.txt": PAGE.encode("utf-8"), "2.txt": b"\x00\x01\x02binary\x00" * 50,
                     "3.txt": PAGE.encode("big5", errors="ignore"), "4.txt": b"", "5.html": HTML.encode("gbk")})
    read_ok: list[str] = []
    errors: list[str] = []
    for item in iter_sources([str(tmp_path)]):
        assert isinstance(item, str)
        try:
            read_ok.append(Path(read_path(item).source).name)
        except PageError as e:
            errors.append(str(e))
    assert read_ok == ["1.txt", "3.txt", "5.html"]
    assert errors == [f"{tmp_path / '2.txt'}: binary file, not text", f"{tmp_path / '4.txt'}: empty page"]


def test_sources_globs_missing_paths_and_stdin_in_order(tmp_path: Path):
    _tree(tmp_path, {"c.txt": b"x", "b.txt": b"x", "sub/deep/d.txt": b"x", "sub/e.dat": b"x", "sub/f.json": b"x"})
    t = str(tmp_path)
    got = list(iter_sources([f"{t}/*.txt", "-", f"{t}/nope.txt", f"{t}/sub/**", f"{t}/sub/*.dat", f"{t}/?.txt",
                             f"{t}/*.none"]))
    assert _names(got) == [f"{t}/b.txt", f"{t}/c.txt", "-", f"{t}/sub/deep/d.txt", f"{t}/sub/e.dat"]
    errors = [x for x in got if isinstance(x, PageError)]
    assert [(e.source, e.reason) for e in errors] == [
        (f"{t}/nope.txt", "no such file or directory"), (f"{t}/*.none", "no page files match this pattern")]


def test_sources_explicit_file_is_taken_whatever_its_name_and_empty_directory_reported(tmp_path: Path):
    _tree(tmp_path, {"page.dat": b"x", "empty/readme.md": b"x"})
    got = list(iter_sources([str(tmp_path / "page.dat"), str(tmp_path / "empty")]))
    assert _names(got) == [(tmp_path / "page.dat").as_posix()]
    assert isinstance(got[1], PageError) and "no page files in directory" in str(got[1])


def test_sources_stdin_bytes_and_dash(monkeypatch):
    data = HTML.encode("gb18030")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    page = read_stdin()
    assert page.source == "<stdin>" and page.media_type == "html" and page.encoding == "gb18030"
    assert page.text.startswith("# 临江召开会议") and page.page_id == hashlib.sha256(data).hexdigest()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PAGE.encode("utf-16"))))
    page = read_path("-")
    assert page.source == "<stdin>" and page.text == PAGE and page.encoding == "utf-16"


def test_sources_text_only_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(PAGE))
    assert read_stdin().text == PAGE


def test_sources_unreadable_paths_raise_page_errors(tmp_path: Path, monkeypatch):
    with pytest.raises(PageError) as err:
        read_path(tmp_path / "missing.txt")
    assert err.value.reason == "no such file"
    with pytest.raises(PageError) as err:
        read_path(tmp_path)
    assert err.value.reason == "is a directory, not a file" and err.value.source == str(tmp_path)
    (tmp_path / "locked.txt").write_bytes(b"x")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(read, "open", denied, raising=False)  # tests run as root, where chmod cannot deny
    with pytest.raises(PageError) as err:
        read_path(tmp_path / "locked.txt")
    assert str(err.value) == f"{tmp_path / 'locked.txt'}: permission denied"


@pytest.mark.parametrize(
    ("path", "date"),
    [
        ("archive/2021-08-17/page01.txt", "2021-08-17"),
        ("archive/20210817_01.txt", "2021-08-17"),
        ("archive/2021/08/17/a.html", "2021-08-17"),
        ("epaper/html/2021-08/17/content_3.htm", "2021-08-17"),
        ("2021年8月7日/头版.txt", "2021-08-07"),
        ("2021-08-17/page_20210817.txt", "2021-08-17"),  # the same date twice is still one date
        ("2021-08-17/2021-08-18.txt", None),  # two dates: ambiguous
        ("content_202108171234.htm", None),  # a longer number, not a date
        ("2021-13-45.txt", None),
    ],
)
def test_sources_date_from_the_path(path: str, date: str | None):
    assert date_from_path(path) == date


def test_sources_page_date_from_the_path_but_markup_wins(tmp_path: Path):
    _tree(tmp_path, {"2021-08-17/a.txt": PAGE.encode(),
                     "2021-08-17/b.html": b'<html><head><meta name="publishdate" content="2021-08-16"></head>'
                                          b"<body><h1>x</h1><p>y</p></body></html>"})
    assert read_path(tmp_path / "2021-08-17" / "a.txt").meta.date == "2021-08-17"
    assert read_path(tmp_path / "2021-08-17" / "b.html").meta.date == "2021-08-16"


def test_sources_large_page_reads_in_one_piece(tmp_path: Path):
    big = tmp_path / "big.txt"
    chunk = ("本报讯 5月6日,临江市召开全市安全生产工作会议,部署隐患排查整治工作。\n\n" * 2000).encode("gb18030")
    with big.open("wb") as f:
        while f.tell() < 50 * 1024 * 1024:
            f.write(chunk)
    size = os.path.getsize(big)
    tracemalloc.start()
    try:
        page = read_path(big)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert page.encoding == "gb18030" and page.size == size and page.text.startswith("本报讯 5月6日")
    assert len(page.text) == size // len(chunk) * len(chunk.decode("gb18030"))
    # the bytes, the text (2 bytes a character) and little else: no per-line copies of the page
    assert peak < 4 * size, f"peak {peak / 2**20:.0f} MB for a {size / 2**20:.0f} MB page"
