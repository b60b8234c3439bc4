"""PDF pages built here with reportlab's built-in CID font (no font file): reading order, headings, errors."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

from yaowen.errors import PageError
from yaowen.read import read_bytes, read_path
from yaowen.read.pdf import NO_TEXT, pdf_to_text

pytest.importorskip("reportlab")
from reportlab.lib import pdfencrypt  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
W, H = A4

Draw = Callable[[canvas.Canvas], None]


def _pdf(draw: Draw, encrypt: object = None) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    draw(c)
    c.showPage()
    c.save()
    return buf.getvalue()


def _line(c: canvas.Canvas, x: float, y: float, text: str, size: float) -> None:
    c.setFont(FONT, size)
    c.drawString(x, y, text)


def _column(c: canvas.Canvas, x: float, y: float, paragraphs: list[str], width: int = 16, size: float = 10) -> float:
    """Set paragraphs in a column, first lines indented by two ideographic spaces, as papers do."""
    for para in paragraphs:
        text = "\u3000\u3000" + para
        for i in range(0, len(text), width):
            _line(c, x, y, text[i:i + width], size)
            y -= size * 1.5
        y -= size  # paragraph spacing: the same in both columns, so the gaps line up across them
    return y


LEFT = ["本报讯 5月6日，临江市召开全市安全生产工作会议，部署隐患排查整治工作。",
        "会议指出，要压紧压实安全生产责任，确保全市安全形势持续稳定。"]
RIGHT = ["会议强调，各地各部门要聚焦重点行业领域，开展拉网式排查。",
         "市领导王红、李卫东出席会议。"]


def _front_page(c: canvas.Canvas) -> None:
    _line(c, 40, H - 30, "临江日报 2023年5月7日 星期日 第1版", 8)
    _line(c, 60, H - 60, "全市安全生产工作会议召开", 14)  # kicker
    _line(c, 60, H - 95, "压实责任 守牢安全底线", 24)  # headline across both columns
    _line(c, 60, H - 120, "周明远出席并讲话", 14)  # subheadline
    _column(c, 40, H - 160, LEFT)
    _column(c, W / 2 + 10, H - 160, RIGHT)


def test_pdf_headline_across_the_top_then_columns_left_to_right():
    text, meta = pdf_to_text(_pdf(_front_page), "p.pdf")
    lines = [x for x in text.split("\n") if x]
    assert lines[1:4] == ["全市安全生产工作会议召开", "# 压实责任 守牢安全底线", "周明远出席并讲话"]
    # each paragraph whole, on one line, left column read before the right one
    assert lines[4:] == LEFT + RIGHT
    assert meta.title == "压实责任 守牢安全底线" and meta.date == "2023-05-07"


def test_pdf_three_columns_with_a_second_headline_over_two_of_them():
    col1 = ["第一栏" + "临江推进乡村振兴重点项目建设，" * 6 + "成效明显。"]
    top = ["第二栏上部文字，持续优化营商环境。", "第三栏上部文字，深化政务服务改革。"]
    bottom = ["第二栏下部文字，企业开办时间压缩到一天。", "第三栏下部文字，群众办事更加便利。"]

    def page(c: canvas.Canvas) -> None:
        x1, x2, x3 = 40, 220, 400
        _column(c, x1, H - 60, col1, width=15)  # column 1 runs the full height
        _column(c, x2, H - 60, top[:1], width=15)
        _column(c, x3, H - 60, top[1:], width=15)
        _line(c, x2, H - 200, "临江营商环境再升级", 20)  # headline over columns 2 and 3 only
        _column(c, x2, H - 240, bottom[:1], width=15)
        _column(c, x3, H - 240, bottom[1:], width=15)

    text, _ = pdf_to_text(_pdf(page), "p.pdf")
    order = [text.index(s[:6]) for s in (col1[0], top[0], top[1], "# 临江营商环境再升级", bottom[0], bottom[1])]
    assert order == sorted(order), text


def test_pdf_only_the_largest_size_is_the_headline():
    def page(c: canvas.Canvas) -> None:
        _line(c, 60, H - 60, "临江市召开会议", 28)
        _column(c, 60, H - 100, ["正文第一段，会议研究部署当前重点工作。"], width=30)
        _line(c, 60, H - 200, "第二篇稿件标题", 18)
        _column(c, 60, H - 230, ["正文第二段，市领导出席。"], width=30)

    text, _ = pdf_to_text(_pdf(page), "p.pdf")
    assert text.splitlines()[0] == "# 临江市召开会议"
    assert "\n第二篇稿件标题\n" in text and "# 第二篇稿件标题" not in text


def test_pdf_scanned_page_without_text_layer():
    def page(c: canvas.Canvas) -> None:
        c.rect(50, 50, 400, 600, fill=1)  # an image of a page: ink, no text

    with pytest.raises(PageError) as err:
        pdf_to_text(_pdf(page), "scan.pdf")
    assert str(err.value) == f"scan.pdf: {NO_TEXT}"


def test_pdf_encrypted_with_a_password_is_a_page_error():
    data = _pdf(_front_page, encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    with pytest.raises(PageError) as err:
        read_bytes(data, "locked.pdf")
    assert err.value.reason == "encrypted PDF (password required)"


@pytest.mark.parametrize(("cut", "said"), [(None, "damaged PDF: MuPDF cannot read it ("),
                                           (0.5, "truncated PDF: the file ends before its end marker")])
def test_pdf_corrupt_or_truncated_is_a_page_error(cut: float | None, said: str):
    good = _pdf(_front_page)
    data = b"%PDF-1.4 this is not really a pdf" if cut is None else good[: int(len(good) * cut)]
    with pytest.raises(PageError) as err:
        read_bytes(data, "broken.pdf")
    assert str(err.value).startswith(f"broken.pdf: {said}")


def test_pdf_with_broken_content_streams_is_damaged_not_scanned():
    import pymupdf

    doc = pymupdf.open(stream=_pdf(_front_page), filetype="pdf")
    doc.update_stream(doc[0].get_contents()[0], b"BT (\x00\x01) Tj ET Q Q BT garbage ]] >> << ET")
    with pytest.raises(PageError) as err:
        read_bytes(doc.tobytes(), "garbled.pdf")
    assert err.value.reason.startswith("damaged PDF: no readable text (MuPDF: ")


def test_pdf_errors_of_mupdf_never_reach_stdout(capfd: pytest.CaptureFixture[str]):
    with pytest.raises(PageError):
        read_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(range(256)) * 4, "x.pdf")
    out, err = capfd.readouterr()
    assert out == "" and "MuPDF" not in err


def test_pdf_of_blank_pages_is_not_called_scanned():
    def page(c: canvas.Canvas) -> None:
        pass

    with pytest.raises(PageError) as err:
        pdf_to_text(_pdf(page), "blank.pdf")
    assert err.value.reason == "PDF has no text and no images (blank pages)"


def test_pdf_read_from_a_file_is_a_pdf_page(tmp_path: Path):
    data = _pdf(_front_page)
    path = tmp_path / "2023-05-08" / "A01.pdf"  # the header's date wins over the path's
    path.parent.mkdir()
    path.write_bytes(data)
    page = read_path(path)
    assert page.media_type == "pdf" and page.encoding is None and page.size == len(data)
    assert page.meta.date == "2023-05-07" and "# 压实责任 守牢安全底线" in page.text


def test_pdf_magic_wins_over_a_wrong_extension():
    page = read_bytes(_pdf(_front_page), "saved-as.txt")
    assert page.media_type == "pdf" and LEFT[0] in page.text
