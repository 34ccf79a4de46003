"""Header metadata on real Hà Nội documents (fixtures/extract/hanoi_sample.jsonl, CREDITS.md)
and on the layouts PDFs produce: a number typed into a blank, NFD text, a broken font map,
structured metadata winning over the text, header cells."""

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from legal_search.model import LegalDocument, RelationKind

from ingest.extract import document_id, extract
from ingest.raw import RawDocument

FIX = Path(__file__).parents[1] / "fixtures" / "extract"


@pytest.fixture(scope="module")
def hanoi():
    recs = [json.loads(line) for line in open(FIX / "hanoi_sample.jsonl", encoding="utf-8")]
    return {r["id"]: r for r in recs}


def test_number_typed_into_a_blank_and_signature(hanoi):
    doc = extract(RawDocument(path="x", format="pdf", text=hanoi["VanBanGoc_64.2024"]["text"]))
    assert doc.number == "64/2024/QĐ-UBND"
    assert doc.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI" and doc.issuer_parent == ""
    assert doc.issued_place == "Hà Nội" and doc.issued_date == date(2024, 11, 7)
    assert doc.doc_type == "Quyết định"
    assert doc.title.startswith("Ban hành Bộ định mức kinh tế - kỹ thuật")
    assert doc.signer == "Vũ Thu Hà"
    assert doc.signer_prefix == "KT. CHỦ TỊCH" and doc.signer_title == "PHÓ CHỦ TỊCH"
    assert any(r.kind == RelationKind.BASED_ON for r in doc.relations)
    assert doc.bases and all(b.startswith("Căn cứ") for b in doc.bases)


def test_nfd_text_is_read_like_nfc(hanoi):
    raw = hanoi["VanBanGoc_QĐ 09.2025"]["text"]
    assert not unicodedata.is_normalized("NFC", raw)  # the fixture really is NFD
    doc = extract(RawDocument(path="x", format="pdf", text=raw))
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.number == "09/2025/QĐ-UBND" and doc.issued_date == date(2025, 2, 26)
    assert doc.title.startswith("Bãi bỏ Quyết định số 10/2011/QĐ-UBND")
    repealed = [r for r in doc.relations if r.kind == RelationKind.REPEALS]
    assert [r.target_key for r in repealed] == ["10/2011/QD-UBND"]


def test_dates_a_reader_cannot_read_are_reported_and_left_empty():
    """Two Hà Nội layouts (local/hanoi QĐ 70/2024: a day typed over the printed one; QĐ 02/2025:
    the effective date never filled in): empty, never guessed, and a warning says what to check."""
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 70\n0 7/2024/QĐ-UBND\n\nHà Nội, ngày 12\n30 tháng 12 năm 2024\n\nQUYẾT ĐỊNH\n"
        "Ban hành Quy định về giá\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy định.\n"
        "Điều 2. Quyết định này có hiệu lực từ ngày 22 tháng 12 năm 2024.\n"
    )
    doc = extract(RawDocument(path="x", format="pdf", text=text))
    assert doc.issued_date is None and doc.effective_date == date(2024, 12, 22)
    assert ["the header date could not be read ('Hà Nội, ngày 12 30 tháng 12 năm 2024'): check it against "
            "the original; it is left empty, not guessed"] == doc.warnings
    blank = text.replace("Hà Nội, ngày 12\n30 tháng", "Hà Nội, ngày 17 tháng").replace(
        "có hiệu lực từ ngày 22 tháng 12 năm 2024.", "có hiệu lực từ ngày …\nĐiều 3. Chánh Văn phòng.")
    doc = extract(RawDocument(path="x", format="pdf", text=blank))
    assert doc.issued_date == date(2024, 12, 17) and doc.effective_date is None
    assert doc.warnings == ["the effective date is left blank in the text ('Quyết định này có hiệu lực từ ngày …'): "
                            "an unfilled copy; the date is not guessed"]
    signed = blank.replace("có hiệu lực từ ngày …", "có hiệu lực kể từ ngày ký")
    assert extract(RawDocument(path="x", format="pdf", text=signed)).warnings == []  # nothing blank there


def test_broken_font_map_is_reported_and_dates_still_read():
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 35/2024/QĐ-UBND\nHà Nội, ngày 28 tháng 5 năm 2024\n"
        "QUYẾT ĐỊNH\nVề việc ban hành Quy chế\nQUYẾT ĐỊNH:\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế.\n"
        "Điều 2. Quyết định này có hiệu lực kể từ ngày 08 th ng 6 năm 2024.\n"
        + "Gi m đốc Sở Nội vụ; thủ trưởng c c tổ ch c ch nh trị - x hội Th nh phố. " * 8
        + "\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTr n S Thanh\n"
    )
    doc = extract(RawDocument(path="x", format="pdf", text=text))
    assert doc.effective_date == date(2024, 6, 8)
    assert any("broken font map" in w for w in doc.warnings)
    assert doc.signer == ""  # "Tr n S Thanh" is not a name: not guessed


def test_structured_metadata_wins_and_disagreement_is_recorded(hanoi):
    raw = RawDocument(
        path="x", format="html", text=hanoi["VanBanGoc_64.2024"]["text"],
        metadata={"number": "64/2024/QĐ-UBND", "issued_date": "2024-11-08", "issuer": "UBND TP Hà Nội",
                  "status_raw": "Còn hiệu lực"},
    )
    doc = extract(raw)
    assert doc.issued_date == date(2024, 11, 8)
    assert doc.provenance["issued_date"] == "metadata"
    assert doc.provenance["number"] == "metadata"
    assert any(d.startswith("issued_date:") for d in doc.disagreements)
    assert any(d.startswith("issuer:") for d in doc.disagreements)
    assert not any(d.startswith("number:") for d in doc.disagreements)  # same key: no disagreement
    assert doc.status_raw == "Còn hiệu lực"


def test_header_cells_are_used():
    raw = RawDocument(
        path="x.docx", format="docx",
        header_cells=["BỘ TÀI CHÍNH\nTỔNG CỤC THUẾ\nSố: 15/2020/TT-BTC",
                      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 03 tháng 02 năm 2020"],
        text="THÔNG TƯ\nHướng dẫn thử\nCăn cứ Luật Quản lý thuế số 38/2019/QH14;\nĐiều 1. Phạm vi\nNội dung.\n",
    )
    doc = extract(raw)
    assert doc.number == "15/2020/TT-BTC" and doc.issued_date == date(2020, 2, 3)
    assert doc.issuer == "TỔNG CỤC THUẾ" and doc.issuer_parent == "BỘ TÀI CHÍNH"
    assert doc.doc_type == "Thông tư" and doc.title == "Hướng dẫn thử"
    assert [a.anchor for a in doc.articles] == ["dieu-1"]
    assert [r.target_key for r in doc.relations if r.kind == RelationKind.BASED_ON] == ["38/2019/QH14"]


def test_missing_fields_stay_empty_and_drafts_have_no_date():
    doc = extract(RawDocument(path="x", format="txt",
                              text="Số: /2025/QĐ-UBND\nHà Nội, ngày … tháng … năm …\nQUYẾT ĐỊNH\nVề việc thử\n"))
    assert doc.issued_date is None and doc.signer == "" and doc.effective_date is None
    assert "issued_date" not in doc.provenance


def test_scan_without_text_is_empty_with_a_warning():
    doc = extract(RawDocument(path="scan.pdf", format="pdf", text="", needs_ocr=True))
    assert not doc.has_text and any("OCR" in w for w in doc.warnings)


@pytest.mark.parametrize(
    "fields, expected",
    [
        ({"number": "15/2020/NĐ-CP", "number_key": "15/2020/ND-CP"}, "15-2020-nd-cp"),
        ({"number": "1579/QĐ-TTg", "number_key": "1579/QD-TTG", "issued_date": date(2020, 10, 15)},
         "1579-qd-ttg-20201015"),
        ({"number": "24/2008/QH12", "number_key": "24/2008/QH12", "doc_type": "Luật"}, "24-2008-qh12"),
        ({"number": "24/2008/QH12", "number_key": "24/2008/QH12", "doc_type": "Nghị quyết"},
         "24-2008-qh12-nghi-quyet"),
    ],
)
def test_document_id_from_the_number(fields, expected):
    assert document_id(LegalDocument(**fields)) == expected


def test_document_id_falls_back_to_a_content_hash():
    a = document_id(LegalDocument(text="một văn bản không số"))
    b = document_id(LegalDocument(number="1579/QĐ-TTg", number_key="1579/QD-TTG", text="một văn bản không số"))
    assert a == b and a.startswith("doc-") and len(a) == 20
    assert a != document_id(LegalDocument(text="văn bản khác"))
    assert set(a) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")


def test_cong_van_takes_its_title_from_the_vv_line_and_its_id_from_number_and_date():
    text = (
        "VĂN PHÒNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Số: 4919/VPCP-KTTH\nV/v triển khai Nghị quyết\nHà Nội, ngày 05 tháng 7 năm 2024\n"
        "Kính gửi: Các Bộ\nNội dung.\nKT. BỘ TRƯỞNG, CHỦ NHIỆM\nPHÓ CHỦ NHIỆM\nNguyễn Văn Anh\n"
    )
    doc = extract(RawDocument(path="cv.txt", format="txt", text=text))
    assert doc.doc_type == "Công văn" and doc.title == "triển khai Nghị quyết"  # as written after "V/v"
    assert doc.issuer == "VĂN PHÒNG CHÍNH PHỦ"
    assert doc.id == "4919-vpcp-ktth-20240705"
    assert (doc.signer, doc.signer_title, doc.signer_prefix) == (
        "Nguyễn Văn Anh", "PHÓ CHỦ NHIỆM", "KT. BỘ TRƯỞNG, CHỦ NHIỆM")


def test_amending_law_named_without_number_is_an_unresolved_amends():
    text = "QUỐC HỘI\nLuật số: 31/2024/QH15\nLUẬT\nSỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI\nCăn cứ Hiến pháp;\nĐiều 1. X\n"
    doc = extract(RawDocument(path="x", format="txt", text=text))
    [amends] = [r for r in doc.relations if r.kind == RelationKind.AMENDS]
    assert amends.target_key == "" and amends.target_title.lower() == "luật đất đai"


@pytest.fixture(scope="module")
def headers():
    recs = [json.loads(line) for line in open(FIX / "headers_sample.jsonl", encoding="utf-8")]
    return {r["name"]: extract(RawDocument(path=r["name"], format="txt", text=r["text"])) for r in recs}


def test_consolidated_text_takes_its_own_number_from_the_xac_thuc_block(headers):
    doc = headers["vbhn_23_2020"]
    assert doc.doc_type == "Văn bản hợp nhất" and doc.is_normative is False
    assert doc.number == "23/VBHN-VPQH" and doc.id == "23-vbhn-vpqh-20200715"
    assert doc.issuer == "VĂN PHÒNG QUỐC HỘI" and doc.issued_date == date(2020, 7, 15)
    assert doc.signer == "Nguyễn Hạnh Phúc" and doc.signer_title == "CHỦ NHIỆM"
    assert doc.effective_date is None  # the dates in its opening belong to the consolidated law
    consolidated = [r.target_key for r in doc.relations if r.kind == RelationKind.CONSOLIDATES]
    assert consolidated == ["80/2015/QH13", "63/2020/QH14"]


@pytest.mark.parametrize(
    "name, number, issued, doc_type, issuer",
    [
        ("2003-A-15.ground-truth.txt", "94/1998/NĐ-CP", date(1998, 11, 17), "Nghị định", "Chính phủ"),
        ("2005-QD-256.ground-truth.txt", "256/2004/QĐ-UB", date(2004, 7, 1), "Quyết định",
         "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ"),
        ("2008-23.QD-991-UBND.ground-truth.txt", "991/QĐ-UBND", date(2008, 5, 14), "Quyết định",
         "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC"),
        # an attached Quy định: the number and date typed into the blanks of its decision
        ("2006-quydinhkiemtra02.ground-truth.txt", "05/2006/QĐ-UBND", date(2006, 1, 25), "Quy định",
         "UỶ BAN NHÂN DÂN TỈNH CÀ MAU"),
    ],
)
def test_legacy_headers_lower_case_headings_and_one_row_columns(headers, name, number, issued, doc_type, issuer):
    doc = headers[name]
    assert (doc.number, doc.issued_date, doc.doc_type, doc.issuer) == (number, issued, doc_type, issuer)


def test_legacy_titles(headers):
    assert headers["2005-QD-256.ground-truth.txt"].title.startswith("ban hành Chương trình Cải cách hành chính")
    assert headers["2003-A-15.ground-truth.txt"].title.startswith("Quy định chi tiết thi hành Luật sửa đổi")


def test_placeholder_number_in_metadata_stays_empty():
    raw = RawDocument(path="hp.html", format="html", metadata={"number": "Không số", "doc_type": "Hiến pháp",
                                                               "issued_date": "2013-11-28", "title": "Hiến pháp năm 2013"})
    doc = extract(raw)
    assert doc.number == "" and doc.doc_type == "Hiến pháp" and doc.issued_date == date(2013, 11, 28)
    assert doc.id.startswith("doc-")
