"""DOC (antiword), RTF, DOCX, HTML and TXT readers on real files and real header text."""

import io
import re
import shutil

import pytest
from docx import Document

from ingest.readers import read, read_bytes


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def word_recall(ours: str, truth: str) -> float:
    from collections import Counter

    got, want = Counter(words(ours)), Counter(words(truth))
    return sum((got & want).values()) / max(sum(want.values()), 1)


def test_antiword_is_installed():
    # CI installs scripts/apt-packages.txt: a missing converter is a failure, never a skip
    assert shutil.which("antiword"), "antiword missing: apt-get install antiword"
    assert shutil.which("catdoc"), "catdoc missing: apt-get install catdoc"


def test_doc_in_vni_fonts_decoded(fixture_path):
    doc = next(read(fixture_path("2008-23.QD-991-UBND.doc")))
    truth = fixture_path("2008-23.QD-991-UBND.ground-truth.txt").read_text(encoding="utf-8")
    assert doc.format == "doc"
    assert doc.encoding == "vni"
    assert "Số: 991/QĐ-UBND" in doc.text
    assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in doc.text
    assert word_recall(doc.text, truth) >= 0.98


def test_rtf_in_tcvn3_decoded(fixture_path):
    doc = next(read(fixture_path("2003-A-15.rtf")))
    truth = fixture_path("2003-A-15.ground-truth.txt").read_text(encoding="utf-8")
    assert doc.format == "rtf" and doc.encoding == "tcvn3"
    assert "94 /1998/NĐ-CP" in doc.text
    assert word_recall(doc.text, truth) >= 0.98


def test_docx_header_table_cells_in_order():
    document = Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "BỘ TÀI CHÍNH"
    table.cell(1, 0).text = "Số: 15/2020/TT-BTC"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 1).text = "Hà Nội, ngày 03 tháng 02 năm 2020"
    document.add_paragraph("THÔNG TƯ")
    document.add_paragraph("Căn cứ Luật Ngân sách nhà nước ngày 25 tháng 6 năm 2015;")
    annex = document.add_table(rows=1, cols=2)
    annex.cell(0, 0).text = "STT"
    annex.cell(0, 1).text = "Tên thủ tục"
    document.add_paragraph("Điều 1. Phạm vi điều chỉnh")
    buf = io.BytesIO()
    document.save(buf)
    doc = next(read_bytes(buf.getvalue(), "tt.docx"))
    assert doc.format == "docx"
    assert doc.header_cells == [
        "BỘ TÀI CHÍNH\nSố: 15/2020/TT-BTC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 03 tháng 02 năm 2020",
    ]
    lines = doc.text.split("\n")
    # paragraphs and tables in document order
    assert lines.index("THÔNG TƯ") < lines.index("STT") < lines.index("Điều 1. Phạm vi điều chỉnh")


def test_vbpl_attribute_page_fields_equal_the_page(fixture_path):
    doc = next(read(fixture_path("vbpl_thuoctinh.html")))
    assert doc.text == ""
    meta = doc.metadata
    assert {k: meta[k] for k in ("number", "doc_type", "issuer", "issued_date", "effective_date",
                                 "signer", "signer_title", "status_raw", "title")} == {
        "number": "101/2015/QH13",
        "doc_type": "Bộ luật",
        "issuer": "Quốc hội",
        "issued_date": "2015-11-27",
        "effective_date": "2018-01-01",
        "signer": "Nguyễn Sinh Hùng",
        "signer_title": "Chủ tịch Quốc hội",
        "status_raw": "Còn hiệu lực",
        "title": "Tố tụng hình sự",
    }
    assert meta["gazette_date"] == "2015-12-31"
    assert meta["scope"] == ["Toàn quốc"]


def test_generic_html_visible_text_only():
    html = ("<html><head><title>t</title><style>p{}</style><script>var x=1</script></head>"
            "<body><p>Điều 1.   Phạm vi</p><div style='display: none'>ẩn</div>"
            "<table><tr><td>a</td><td>b</td></tr></table></body></html>")
    doc = next(read_bytes(html.encode(), "page.htm"))
    assert doc.format == "html"
    assert doc.text.split("\n")[0] == "Điều 1. Phạm vi"
    assert "var x" not in doc.text and "ẩn" not in doc.text


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16"])
def test_txt_unicode_encodings(codec):
    text = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\nĐiều 1. Phạm vi"
    doc = next(read_bytes(text.encode(codec), "a.txt"))
    assert doc.format == "txt" and doc.text == text


def test_txt_in_tcvn3_decoded():
    # "Céng hßa x· héi chñ nghÜa ViÖt Nam" is TCVN3 bytes shown as cp1252
    data = "Céng hßa x· héi chñ nghÜa ViÖt Nam\n§iÒu 1. Ph¹m vi".encode("cp1252")
    doc = next(read_bytes(data, "old.txt"))
    assert doc.encoding == "tcvn3"
    assert doc.text == "Cộng hòa xã hội chủ nghĩa Việt Nam\nĐiều 1. Phạm vi"


def test_txt_nfd_becomes_nfc():
    import unicodedata

    text = unicodedata.normalize("NFD", "Quyết định số 64/2024/QĐ-UBND")
    doc = next(read_bytes(text.encode(), "nfd.txt"))
    assert doc.text == unicodedata.normalize("NFC", text)
