"""detect() from content, the reader table, missing/empty/dataset files, ZIP limits."""

import io
import zipfile

import pytest

from ingest.raw import ReaderError
from ingest.readers import READERS, detect, read, read_bytes


def test_detect_ignores_a_wrong_extension(fixture_path, tmp_path):
    fake = tmp_path / "decision.doc"
    fake.write_bytes(fixture_path("scan_no_text_layer.pdf").read_bytes())
    assert detect(fake) == "pdf"
    rtf_as_doc = tmp_path / "nghidinh.doc"
    rtf_as_doc.write_bytes(fixture_path("2003-A-15.rtf").read_bytes())
    assert detect(rtf_as_doc) == "rtf"
    assert next(read(rtf_as_doc)).format == "rtf"


@pytest.mark.parametrize("name, kind", [
    ("congbao_101-2015-QH13_p1-2.pdf", "pdf"),
    ("2008-23.QD-991-UBND.doc", "doc"),
    ("2003-A-15.rtf", "rtf"),
    ("vbpl_thuoctinh.html", "html"),
    ("2003-A-15.ground-truth.txt", "txt"),
])
def test_detect_real_files(fixture_path, name, kind):
    path = fixture_path(name)
    assert detect(path) == kind
    assert detect(path.read_bytes()) == kind


def test_detect_json_jsonl_zip_docx_unknown(tmp_path):
    assert detect(b'{"number": "15/2020/ND-CP"}') == "json"
    assert detect(b'{"a": 1}\n{"a": 2}\n') == "jsonl"
    assert detect(b"\x00\x01\x02binary\x00" * 50) == "unknown"
    assert detect(b"") == "unknown"
    assert detect("Căn cứ Luật Tổ chức Chính phủ;".encode("utf-16")) == "txt"
    assert detect(_zip({"a.txt": b"x"})) == "zip"
    assert detect(_docx_bytes()) == "docx"


def test_reader_table_covers_document_types():
    assert set(READERS) == {"pdf", "docx", "doc", "rtf", "html", "txt"}


def test_missing_path_names_the_path(tmp_path):
    missing = tmp_path / "nowhere.pdf"
    with pytest.raises(ReaderError) as info:
        list(read(missing))
    assert info.value.path == str(missing) and "no such file" in info.value.reason


def test_empty_file_and_unsupported_type(tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(ReaderError, match="empty file"):
        list(read(empty))
    with pytest.raises(ReaderError, match="unsupported"):
        list(read_bytes(b"\x00\x01\x02binary\x00" * 50, "blob.bin"))


def test_json_and_jsonl_are_dataset_files():
    with pytest.raises(ReaderError, match="dataset file"):
        list(read_bytes(b'{"a": 1}\n{"a": 2}\n', "export.jsonl"))


def test_zip_members_read_recursively(fixture_path):
    pdf = fixture_path("scan_no_text_layer.pdf").read_bytes()
    html = fixture_path("vbpl_thuoctinh.html").read_bytes()
    inner = _zip({"sub/ban.pdf": pdf})
    data = _zip({"docs/thuoctinh.html": html, "inner.zip": inner, "__MACOSX/._x": b"junk"})
    docs = list(read_bytes(data, "a.zip"))
    assert [d.path for d in docs] == ["a.zip!docs/thuoctinh.html", "a.zip!inner.zip!sub/ban.pdf"]
    assert docs[0].metadata["number"] == "101/2015/QH13"
    assert docs[1].needs_ocr


def test_zip_path_traversal_refused():
    data = _zip({"ok.txt": b"van ban", "../../etc/evil.txt": b"x"})
    with pytest.raises(ReaderError, match="path traversal"):
        list(read_bytes(data, "evil.zip"))


def test_zip_bomb_refused():
    data = _zip({"bomb.txt": b"\x00" * (20 * 1024 * 1024)})
    assert len(data) < 100_000
    with pytest.raises(ReaderError, match="zip bomb"):
        list(read_bytes(data, "bomb.zip"))


def test_zip_nesting_deeper_than_three_refused():
    data = _zip({"a.txt": b"van ban"})
    for _ in range(4):
        data = _zip({"nested.zip": data})
    with pytest.raises(ReaderError, match="nested deeper"):
        list(read_bytes(data, "deep.zip"))


def test_zip_member_errors_go_to_on_error_and_reading_goes_on(fixture_path):
    data = _zip({"bad.pdf": b"%PDF-1.4\ngarbage", "ok.txt": "Điều 1. Phạm vi".encode()})
    errors = []
    docs = list(read_bytes(data, "mixed.zip", on_error=errors.append))
    assert [d.path for d in docs] == ["mixed.zip!ok.txt"]
    assert [e.path for e in errors] == ["mixed.zip!bad.pdf"]


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, payload in members.items():
            zf.writestr(name, payload)
    return buf.getvalue()


def _docx_bytes() -> bytes:
    from docx import Document

    buf = io.BytesIO()
    Document().save(buf)
    return buf.getvalue()
