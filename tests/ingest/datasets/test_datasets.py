"""Dataset adapters on small real excerpts (tests/ingest/fixtures/extract, see CREDITS.md)."""

import json
from datetime import date
from pathlib import Path

import pytest

from legal_search.model import LegalDocument, Procedure, RelationKind

from ingest.datasets import DatasetError, detect_dataset, iter_dataset

FIX = Path(__file__).parents[1] / "fixtures" / "extract"


def items(name: str, **kw):
    return list(iter_dataset(FIX / name, **kw))


def first(name: str) -> dict:
    with open(FIX / name, encoding="utf-8") as fh:
        return json.loads(fh.readline())


@pytest.mark.parametrize(
    "name, expected",
    [
        ("phapdien_sample.jsonl", "phapdien"),
        ("laws_sample.jsonl", "laws"),
        ("procedures_sample.jsonl", "procedures"),
        ("hanoi_sample.jsonl", "hanoi"),
        ("catalogue_sample.jsonl", "catalogue"),
    ],
)
def test_detect_dataset_from_first_record_keys(name, expected):
    assert detect_dataset(first(name)) == expected


def test_detect_dataset_native_and_unknown():
    dumped = LegalDocument(number="15/2020/NĐ-CP", title="x").model_dump(mode="json")
    assert detect_dataset(dumped) == "native"
    assert detect_dataset({"foo": 1}) is None
    assert detect_dataset([]) is None


def test_unknown_shape_is_one_error_naming_the_keys(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"foo": 1, "bar": 2}\n', encoding="utf-8")
    [(line, err)] = list(iter_dataset(path))
    assert line == 1 and isinstance(err, DatasetError)
    assert "bar" in err.reason and "foo" in err.reason


def test_phapdien_rows_grouped_into_their_source_document():
    got = items("phapdien_sample.jsonl")
    docs = {item.number_key: item for _, item in got if isinstance(item, LegalDocument)}
    law = docs["8/2007/QH12"]
    assert law.id == "8-2007-qh12"
    assert law.doc_type == "Luật"
    assert law.title == "Luật Tương trợ tư pháp"
    assert law.issuer == "Quốc hội"
    assert law.issued_date == date(2007, 11, 21)
    assert law.effective_date == date(2008, 7, 1)
    assert [a.anchor for a in law.articles] == ["dieu-1", "dieu-2", "dieu-3"]
    assert [o.anchor for o in law.outline] == ["dieu-1", "dieu-2", "dieu-3"]
    assert law.articles[0].title == "Phạm vi điều chỉnh"
    assert law.articles[0].codified_heading.startswith("Điều 40.1.LQ.1.")
    assert law.articles[0].codified_id == "4000100000000000100000000000000000000000"
    assert law.source.url == "http://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=26995"
    assert law.provenance["issued_date"] == "phapdien:citation"


def test_phapdien_short_citations_only_and_odd_spellings():
    docs = {i.number_key: i for _, i in items("phapdien_sample.jsonl") if isinstance(i, LegalDocument)}
    nd = docs["127/2018/ND-CP"]  # cited only as "Nghị định số 127/2018/nđ-cp, có hiệu lực …"
    assert nd.number == "127/2018/NĐ-CP"
    assert nd.issued_date is None  # not in any citation: never guessed
    assert nd.effective_date == date(2018, 11, 15)
    assert docs["100/2015/QH13"].doc_type == "Bộ luật"  # written "Bộ Luật số …"
    named = [i for i in docs.values() if i.title.startswith("Pháp lệnh Về Hàm")]
    assert named and named[0].number == "" and named[0].id.startswith("doc-")


def test_phapdien_row_without_citation_is_an_error_with_its_line():
    errors = [(line, i) for line, i in items("phapdien_sample.jsonl") if isinstance(i, DatasetError)]
    assert [line for line, _ in errors] == [6]
    assert "HÌNH PHẠT" in errors[0][1].reason and ":6:" in str(errors[0][1])


def test_every_phapdien_record_is_accounted_for():
    got = items("phapdien_sample.jsonl")
    rows = sum(1 for _ in open(FIX / "phapdien_sample.jsonl", encoding="utf-8"))
    articles = sum(len(i.articles) + len([w for w in i.warnings if "no text" in w])
                   for _, i in got if isinstance(i, LegalDocument))
    errors = sum(1 for _, i in got if isinstance(i, DatasetError))
    assert articles + errors == rows


def test_procedures_placeholders_empty_and_basis_parsed():
    [(_, p1), (_, p2)] = items("procedures_sample.jsonl")
    assert isinstance(p1, Procedure) and p1.code == "1.013124"
    assert p1.decision_number == "6225/QĐ-BQP"
    assert p1.address == ""  # "Không có thông tin"
    assert p1.requirements == ""  # "Không"
    assert p1.steps[0].startswith("Bước 1:") and len(p1.steps) == 3
    assert [c.channel for c in p1.channels] == ["Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"]
    assert p1.papers[1].form == "5-PHLCII.doc" and p1.papers[1].quantity.startswith("Bản chính: 1")
    basis = p1.legal_basis[0]  # so_ky_hieu truncated to "12"; the trích yếu holds the number
    assert basis.number_key == "12/2021/QD-TTG"
    assert basis.issued_date == date(2021, 3, 24)
    assert basis.doc_id == "12-2021-qd-ttg"  # the id that document gets when indexed
    assert p2.source.path.endswith("#L2")


def test_hanoi_number_typed_into_a_blank_and_scan_reported():
    got = items("hanoi_sample.jsonl")
    doc = got[0][1]
    assert doc.number == "64/2024/QĐ-UBND" and doc.id == "64-2024-qd-ubnd"
    assert doc.issuer == "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"
    assert doc.issued_date == date(2024, 11, 7)
    line, scan = got[1]
    assert line == 2 and isinstance(scan, DatasetError) and "OCR" in scan.reason


def test_catalogue_rows_are_documents_without_text():
    [(_, d), *_] = items("catalogue_sample.jsonl")
    assert d.number == "3637/UBND-VX"
    assert d.issued_date == date(2022, 7, 20)
    assert d.status_raw == "Văn bản đang có hiệu lực" and d.status_source == "binhduong"
    assert not d.has_text
    assert d.id == "3637-ubnd-vx-20220720"  # yearless công văn numbers repeat: date in the id


def test_native_schema_round_trip_and_bad_field(tmp_path):
    doc = LegalDocument(number="15/2020/NĐ-CP", doc_type="Nghị định", issuer="Chính phủ",
                        issued_date=date(2020, 2, 3), title="Quy định xử phạt")
    path = tmp_path / "mine.jsonl"
    bad = dict(doc.model_dump(mode="json"), issued_date="not a date")
    path.write_text(doc.model_dump_json() + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    (l1, got), (l2, err) = list(iter_dataset(path))
    assert isinstance(got, LegalDocument) and got.id == "15-2020-nd-cp"
    assert got.number_key == "15/2020/ND-CP" and got.issued_date == date(2020, 2, 3)
    assert l2 == 2 and isinstance(err, DatasetError) and "issued_date" in err.reason


def test_bad_json_line_is_an_error_not_a_crash(tmp_path):
    path = tmp_path / "p.jsonl"
    good = (FIX / "procedures_sample.jsonl").read_text(encoding="utf-8").splitlines()[0]
    path.write_text(good + "\n{broken\n", encoding="utf-8")
    got = list(iter_dataset(path))
    assert isinstance(got[0][1], Procedure)
    assert got[1][0] == 2 and isinstance(got[1][1], DatasetError) and "not JSON" in got[1][1].reason


def test_hanoi_record_without_text_or_pdf_fails_rather_than_needs_ocr(tmp_path):
    rec = {"id": "VanBanGoc_QĐ 35.2025", "source_repo": "r", "text": "", "text_layout": "",
           "pdf_missing": "file >= 4 MiB, absent from the snapshot"}
    path = tmp_path / "h.jsonl"
    path.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    [(_, err)] = list(iter_dataset(path))
    assert isinstance(err, DatasetError) and err.outcome == "failed" and "no PDF" in err.reason
    [(_, scan)] = [(l, i) for l, i in items("hanoi_sample.jsonl") if isinstance(i, DatasetError)]
    assert scan.outcome == "needs-ocr"


def test_laws_get_their_field_from_the_publishers_category():
    docs = [i for _, i in items("laws_sample.jsonl")]
    assert docs[0].source.url.startswith("https://thuvienphapluat.vn/van-ban/")
    assert docs[0].fields == ["Tài nguyên - Môi trường"]
    assert docs[0].provenance["fields"] == "tvpl:url-category"
    assert docs[0].source.dataset == "vlc-laws" and docs[0].articles


def test_phapdien_change_notes_become_relations_of_the_changing_document():
    docs = {i.number_key: i for _, i in items("phapdien_sample.jsonl") if isinstance(i, LegalDocument)}
    target = docs["30/2008/QD-BGDDT"]
    assert target.effective_date == date(2008, 7, 7)  # its own date, not the note's
    actor = docs["17/2016/TTLT-BGDDT-BTTTT"]
    [rel] = [r for r in actor.relations if r.target_key == "30/2008/QD-BGDDT"]
    assert rel.kind == RelationKind.REPEALS and rel.scope == "Điều 1"
    assert rel.effective_date == date(2016, 8, 10)
    assert not target.relations  # 20/2019/TT-BGDĐT, the other actor, is not in the sample


def test_phapdien_section_heading_rows_repeating_an_article_are_duplicates(tmp_path):
    text = "1. Khi quyết định hình phạt, Tòa án căn cứ vào quy định của Bộ luật này."
    rows = [
        {"mapc": "1", "ten": "Điều 16.1.LQ.50. Căn cứ quyết định hình phạt", "noidung": text,
         "vbqppl": "(Điều 50 Bộ luật số 100/2015/QH13, có hiệu lực thi hành kể từ ngày 01/01/2018)"},
        {"mapc": "2", "ten": "Mục 1", "noidung": text, "vbqppl": "QUY ĐỊNH CHUNG VỀ QUYẾT ĐỊNH HÌNH PHẠT"},
        {"mapc": "3", "ten": "Mục 2", "noidung": "", "vbqppl": "TRƯỜNG HỢP CỤ THỂ"},
    ]
    path = tmp_path / "dieu.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    got = dict(iter_dataset(str(path)))
    assert isinstance(got[1], LegalDocument) and got[1].number == "100/2015/QH13"
    assert got[2].outcome == "duplicate" and "repeats line 1" in got[2].reason
    assert got[3].outcome == "failed" and "neither a citation nor text" in got[3].reason
