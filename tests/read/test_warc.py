"""Web archives: each HTML page of a WARC is a page with its URL and date; other records are passed over."""

from __future__ import annotations

from warcs import PAGES, write_warc

from yaowen.errors import PageError
from yaowen.read.inputs import iter_inputs, read_input
from yaowen.read.warc import WarcPage, iter_warc


def test_the_html_pages_of_a_warc_with_their_urls_and_dates(tmp_path):
    path = write_warc(tmp_path / "crawl.warc.gz")
    items = list(iter_warc(str(path)))
    assert all(isinstance(i, WarcPage) for i in items)
    assert [i.meta.url for i in items] == [p[0] for p in PAGES]  # requests, the image and the 404 passed over
    pages = [read_input(i) for i in iter_inputs([str(path)])]
    # the URL's date; the markup's date over the capture date; the capture date when nothing else says
    assert [p.meta.date for p in pages] == ["2023-06-02", "2023-07-08", "2023-08-15"]
    assert "临江召开审计整改推进会" in pages[0].text  # GBK page decoded by its declared charset
    assert pages[0].source == f"{path}#2" and items[0].stem == "crawl-2"
    assert pages[0].media_type == "html"


def test_an_uncompressed_warc_reads_the_same(tmp_path):
    items = list(iter_warc(str(write_warc(tmp_path / "crawl.warc", gz=False))))
    assert [i.meta.url for i in items] == [p[0] for p in PAGES]


def test_a_damaged_archive_keeps_the_pages_before_the_damage_and_says_where(tmp_path):
    good = write_warc(tmp_path / "crawl.warc", gz=False, extras=False).read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(good + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>")
    items = list(iter_warc(str(cut)))
    assert [type(i) for i in items[:3]] == [WarcPage] * 3
    assert isinstance(items[3], PageError) and str(items[3]).startswith(f"{cut} record 4: ")
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"this is not an archive at all\n" * 20)
    (error,) = list(iter_warc(str(junk)))
    assert str(error) == f"{junk}: not a WARC file (it does not start with a WARC record)"
