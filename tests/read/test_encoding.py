"""Encoding detection on hand-made pages in every common Chinese encoding, and the failures."""

from __future__ import annotations

import os

import pytest

from yaowen.errors import PageError
from yaowen.read.encoding import MIN_PLAUSIBLE, decode_html, decode_text, plausibility

SIMPLIFIED = (
    "临江市委审计委员会举行第二次会议\n本报讯 5月6日,市委书记周明远主持会议,研究部署审计整改工作。"
    "会议强调,要聚焦重点领域,推动经济社会高质量发展。市领导王红、李卫东出席。\n"
)
TRADITIONAL = (
    "臨江市委審計委員會舉行第二次會議\n本報訊 5月6日,市委書記周明遠主持會議,研究部署審計整改工作。"
    "會議強調,要聚焦重點領域,推動經濟社會高質量發展。市領導王紅、李衛東出席。\n"
)
NO_ASCII = "临江市召开全市安全生产工作会议，部署隐患排查整治工作。市委书记周明远出席会议并讲话。"


@pytest.mark.parametrize(
    ("text", "encoding", "detected"),
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb2312", "gb18030"),
        (SIMPLIFIED, "utf-16", "utf-16"),  # with BOM
        (SIMPLIFIED, "utf-16-le", "utf-16-le"),  # no BOM: found by where the NULs are
        (SIMPLIFIED, "utf-16-be", "utf-16-be"),
        (NO_ASCII, "utf-16-le", "utf-16-le"),  # no BOM and no NUL at all: found by plausibility
        (NO_ASCII, "utf-16-be", "utf-16-be"),
        (SIMPLIFIED, "utf-32", "utf-32"),
        (TRADITIONAL, "big5", "big5"),
        (TRADITIONAL, "utf-8", "utf-8"),
        (TRADITIONAL, "gb18030", "gb18030"),  # traditional characters in a GB page stay GB
    ],
)
def test_encoding_detected_not_guessed(text: str, encoding: str, detected: str):
    out, name = decode_text(text.encode(encoding), "page.txt")
    assert out == text and name == detected


def test_encoding_big5_page_is_not_read_as_gb18030():
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the trap: Big5 bytes are valid GB18030 too ...
    assert decode_text(data, "p")[1] == "big5"  # ... but read as GB they are rare characters


def test_encoding_gb_page_is_not_read_as_big5():
    data = ("临江市委常委会召开会议研究部署改革发展稳定工作" * 3).encode("gb18030")
    data.decode("big5hkscs")  # the trap: these GB bytes are valid Big5-HKSCS
    out, name = decode_text(data, "p")
    assert name == "gb18030" and out.startswith("临江市委常委会")


def test_encoding_sample_starts_at_the_first_non_ascii_byte():
    data = b"<!-- " + b"x" * 200_000 + b" -->\n" + TRADITIONAL.encode("big5")
    out, name = decode_text(data, "p")
    assert name == "big5" and out.endswith(TRADITIONAL)


def test_encoding_newlines_normalized():
    out, _ = decode_text(SIMPLIFIED.replace("\n", "\r\n").encode("gb18030"), "p")
    assert out == SIMPLIFIED
    out, _ = decode_text(SIMPLIFIED.replace("\n", "\r").encode("utf-8"), "p")
    assert out == SIMPLIFIED


def test_encoding_truncated_or_damaged_utf8_is_still_utf8():
    data = SIMPLIFIED.encode("utf-8")
    out, name = decode_text(data[:-4], "p")  # cut inside the last "。"
    assert name == "utf-8" and out == SIMPLIFIED[:-2]
    out, name = decode_text(data[:9] + b"\xff" + data[9:], "p")  # one stray byte
    assert name == "utf-8" and out.startswith("临江市\ufffd委审计") and out.endswith("出席。\n")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty page"),
        (b"  \n\t \r\n", "empty page"),
        ("\u3000 \n".encode("utf-16"), "empty page"),
        (bytes(range(256)) * 50, "binary file, not text"),
        (b"\x00\x01\x02\x03PK\x00\xff" * 100, "binary file, not text"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08data" * 100, "binary file, not text"),
        (SIMPLIFIED.encode("gb18030") + b"\x00\x00" + SIMPLIFIED.encode("gb18030"), "binary file, not text"),
        ("한국어 텍스트 입니다. 신문 기사를 읽습니다. ".encode("euc-kr") * 20, "unknown encoding"),
        ("日本語のテキストです。これは新聞の記事です。".encode("shift_jis") * 5, "unknown encoding"),
        ("日本語のテキストです。これは新聞の記事です。".encode("euc_jp") * 5, "unknown encoding"),
        ("Ceci est un texte français, très ancien. Ça marche?".encode("latin-1") * 5, "unknown encoding"),
    ],
)
def test_encoding_bad_input_names_file_and_reason(data: bytes, reason: str):
    with pytest.raises(PageError) as err:
        decode_text(data, "bad.txt")
    assert err.value.source == "bad.txt" and err.value.reason.startswith(reason)
    assert str(err.value) == f"bad.txt: {err.value.reason}"


def test_encoding_random_bytes_are_binary():
    with pytest.raises(PageError) as err:
        decode_text(os.urandom(20_000), "noise.bin")
    assert err.value.reason == "binary file, not text"


def test_encoding_plausibility_separates_right_and_wrong_decodes():
    right = plausibility(TRADITIONAL)
    wrong = plausibility(TRADITIONAL.encode("big5").decode("gb18030"))
    assert right[1] > 0.95 and wrong[1] < MIN_PLAUSIBLE


# ---- HTML: the declared charset, when it is true ------------------------------------------------------

def _page(charset: str, text: str = SIMPLIFIED) -> str:
    return f'<html><head><meta charset="{charset}"><title>临江</title></head><body><p>{text}</p></body></html>'


def test_encoding_html_declared_gb2312_is_read_as_gb18030():
    # 镕 is GBK, not GB2312: pages labelled gb2312 use it all the same
    html = _page("gb2312", SIMPLIFIED + "朱镕基")
    out, name = decode_html(html.encode("gb18030"), "p.html")
    assert name == "gb18030" and "朱镕基" in out


def test_encoding_html_declared_charset_that_lies_is_overruled():
    out, name = decode_html(_page("utf-8").encode("gbk"), "p.html")  # says UTF-8, is GBK
    assert name == "gb18030" and SIMPLIFIED in out
    out, name = decode_html(_page("gbk").encode("utf-8"), "p.html")  # says GBK, is UTF-8
    assert name == "utf-8" and SIMPLIFIED in out
    out, name = decode_html(_page("iso-8859-1").encode("gbk"), "p.html")  # a template's default
    assert name == "gb18030" and SIMPLIFIED in out


def test_encoding_html_big5_declared_and_http_equiv():
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>'
            f"<body>{TRADITIONAL}</body></html>")
    out, name = decode_html(html.encode("big5"), "p.html")
    assert name == "big5" and TRADITIONAL in out


def test_encoding_html_bom_wins_over_meta_and_xml_declaration_is_read():
    out, name = decode_html(b"\xef\xbb\xbf" + _page("gbk").encode("utf-8"), "p.html")
    assert name == "utf-8-sig" and SIMPLIFIED in out
    xhtml = f'<?xml version="1.0" encoding="GB2312"?><html><body><p>{SIMPLIFIED}</p></body></html>'
    out, name = decode_html(xhtml.encode("gb2312"), "p.xhtml")
    assert name == "gb18030" and SIMPLIFIED in out


def test_encoding_seed_pages_round_trip(shared):
    # real pages, re-encoded here in memory: every legacy form must come back character for character
    for path in sorted((shared / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        for enc in ("gb18030", "utf-16-le", "utf-16-be"):
            out, name = decode_text(text.encode(enc), path.name)
            assert (out, name) == (text, enc), (path.name, enc)
