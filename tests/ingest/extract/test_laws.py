"""extract() on real law texts (excerpts of laws.jsonl, see fixtures CREDITS.md)."""

import json
from datetime import date
from pathlib import Path

import pytest

from ingest.extract import extract
from ingest.raw import RawDocument

FIX = Path(__file__).parents[1] / "fixtures" / "extract"


@pytest.fixture(scope="module")
def laws():
    out = {}
    with open(FIX / "laws_sample.jsonl", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out[rec["filename"]] = extract(RawDocument(path=rec["filename"], format="txt", text=rec["text"]))
    return out


def test_modern_law_header(laws):
    doc = laws["Luat-08-2017-QH14-Thuy-loi-2017-322933.txt"]
    assert doc.number == "08/2017/QH14"
    assert doc.number_key == "8/2017/QH14"
    assert doc.id == "8-2017-qh14"
    assert doc.doc_type == "Luật"
    assert doc.issuer == "QUỐC HỘI"
    assert doc.issued_place == "Hà Nội"
    assert doc.issued_date == date(2017, 6, 19)
    assert doc.passed_date == date(2017, 6, 19)
    assert doc.title == "Luật Thủy lợi"
    assert doc.bases == ["Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"]
    assert doc.effective_date == date(2018, 7, 1)
    assert doc.signer == "Nguyễn Thị Kim Ngân" and doc.signer_title == "CHỦ TỊCH QUỐC HỘI"
    assert doc.provenance["number"] == "text:header"
    assert doc.provenance["passed_date"] == "text:closing-sentence"


def test_articles_have_stable_anchors_and_paths(laws):
    doc = laws["Luat-08-2017-QH14-Thuy-loi-2017-322933.txt"]
    first = doc.articles[0]
    assert first.anchor == "dieu-1" and first.title == "Phạm vi điều chỉnh"
    assert first.text.startswith("Điều 1. Phạm vi điều chỉnh\n")
    assert first.path == ["Chương I. NHỮNG QUY ĐỊNH CHUNG"]
    assert len({a.anchor for a in doc.articles}) == len(doc.articles)
    assert [o.label for o in doc.outline[:2]] == ["Chương I", "Điều 1"]


def test_law_date_from_passage_sentence_wins_over_publisher_date_line(laws):
    # thuvienphapluat.vn's date line says 29/6/2006; the law was passed on 29/11/2006
    doc = laws["Luat-Binh-dang-gioi-2006-73-2006-QH11-15866.txt"]
    assert doc.number == "73/2006/QH11"  # written "Luật số: 73/2006/QH 11"
    assert doc.issued_date == date(2006, 11, 29)
    assert doc.provenance["issued_date"] == "text:closing-sentence"
    assert any("issued_date" in d for d in doc.disagreements)


def test_old_style_title_line(laws):
    doc = laws["Luat-Giao-thong-duong-thuy-noi-dia-2004-23-2004-QH11-52184.txt"]
    assert doc.number == "23/2004/QH11"
    assert doc.title == "Luật Giao thông đường thuỷ nội địa"  # tone mark as written
    assert doc.effective_date == date(2005, 1, 1)
