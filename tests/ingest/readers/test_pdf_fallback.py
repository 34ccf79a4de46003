"""PDFs pdfium refuses are tried once more with pdfminer.six before being reported corrupt."""

import pytest

from ingest.raw import ReaderError
from ingest.readers.pdf import read_pdf
from legal_search.settings import PROJECT_ROOT

PDF = PROJECT_ROOT / "samples" / "pdf" / "anle_27-2019-AL.pdf"


def test_damaged_header_is_recovered_with_pdfminer():
    damaged = PDF.read_bytes().replace(b"%PDF-", b"%PXF-", 1)
    doc = read_pdf(damaged, "damaged.pdf")
    assert "Án lệ số 27/2019/AL" in doc.text
    assert any("pdfminer.six" in w for w in doc.warnings)


def test_garbage_is_still_a_clear_error():
    with pytest.raises(ReaderError, match="corrupt"):
        read_pdf(b"%PDF-1.4\n1 0 obj garbage\n", "garbage.pdf")
