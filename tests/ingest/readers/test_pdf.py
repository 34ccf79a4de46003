"""PDF reader on real Công báo and Hà Nội pages, a generated scan, encrypted and corrupt files."""

import pytest

from ingest.raw import ReaderError
from ingest.readers import read, read_bytes


def one(path):
    docs = list(read(path))
    assert len(docs) == 1
    return docs[0]


def test_congbao_header_read_cell_by_cell(fixture_path):
    doc = one(fixture_path("congbao_101-2015-QH13_p1-2.pdf"))
    assert doc.format == "pdf" and doc.pages == 2
    assert doc.header_cells == [
        "QUỐC HỘI\nLuật số: 101/2015/QH13",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
    ]
    lines = doc.text.split("\n")
    # reading order: left cell, right cell, then the title, never interleaved
    assert lines[:6] == [
        "QUỐC HỘI", "Luật số: 101/2015/QH13",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "BỘ LUẬT", "TỐ TỤNG HÌNH SỰ",
    ]


def test_running_header_page_numbers_and_stamp_removed(fixture_path):
    doc = one(fixture_path("congbao_101-2015-QH13_p1-2.pdf"))
    assert "CÔNG BÁO" not in doc.text
    assert "Ký bởi" not in doc.text and "thongtinchinhphu" not in doc.text
    assert not any(line.strip().isdigit() for line in doc.text.split("\n"))
    assert any("dropped stamp text" in w for w in doc.warnings)


def test_broken_lines_joined_structure_kept(fixture_path):
    lines = one(fixture_path("congbao_101-2015-QH13_p1-2.pdf")).text.split("\n")
    assert "Điều 1. Phạm vi điều chỉnh" in lines
    assert "Chương I" in lines and "Phần thứ nhất" in lines
    para = next(ln for ln in lines if ln.startswith("Bộ luật tố tụng hình sự quy định"))
    assert para.endswith("hợp tác quốc tế trong tố tụng hình sự.")  # six PDF lines, one paragraph
    assert any(ln.startswith("1. Bộ luật tố tụng hình sự có hiệu lực") for ln in lines)
    assert any(ln.startswith("a) ") for ln in lines)
    # a paragraph running across the page break is one line
    assert any("đối tượng được hưởng quyền miễn trừ ngoại giao" in ln for ln in lines)


def test_number_typed_into_blank_by_esign_is_read(fixture_path):
    doc = one(fixture_path("hanoi_67-2024-QD-UBND_p1.pdf"))
    assert doc.header_cells == [
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 67/2024/QĐ-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Hà Nội, ngày 21 tháng 11 năm 2024",
    ]
    assert doc.text.startswith("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 67/2024/QĐ-UBND\n")
    assert "\nQUYẾT ĐỊNH\n" in doc.text


def test_scan_without_text_layer_needs_ocr(fixture_path):
    doc = one(fixture_path("scan_no_text_layer.pdf"))
    assert doc.needs_ocr is True
    assert doc.text == ""
    assert doc.warnings


def test_encrypted_pdf_is_a_reader_error(fixture_path):
    with pytest.raises(ReaderError, match="encrypted"):
        one(fixture_path("encrypted_userpw.pdf"))


@pytest.mark.parametrize("data", [b"%PDF-1.4\n1 0 obj garbage\n%%EOF", b"%PDF-1.7\n" + bytes(range(256)) * 4])
def test_corrupt_pdf_is_a_reader_error(data):
    with pytest.raises(ReaderError, match="(?i)corrupt"):
        list(read_bytes(data, "broken.pdf"))


def test_truncated_real_pdf_fails_or_reads_with_text(fixture_path):
    data = fixture_path("congbao_101-2015-QH13_p1-2.pdf").read_bytes()[:20000]
    try:
        docs = list(read_bytes(data, "cut.pdf"))
    except ReaderError as exc:
        assert exc.path == "cut.pdf"
    else:  # pdfium may rebuild what is left: then it must not be silently empty
        assert docs[0].text or docs[0].needs_ocr
