"""What a reader hands to the extractor: text in reading order plus whatever structure the
file format itself gives (header table cells, attribute pages, JSON fields)."""

from __future__ import annotations

from dataclasses import dataclass, field


class ReaderError(Exception):
    """A file that cannot be read. The message says what is wrong; ``path`` says where."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class RawDocument:
    path: str  # file path; for a ZIP member "archive.zip!inner/file.pdf"
    format: str  # detected type: pdf, docx, doc, rtf, html, txt, …
    text: str = ""  # Unicode (legacy encodings already decoded), reading order, lines kept
    # header cells in order when the format gives them (DOCX first table, PDF columns):
    # e.g. ["BỘ TÀI CHÍNH\nSố: 15/2020/TT-BTC", "CỘNG HÒA …\nHà Nội, ngày …"]
    header_cells: list[str] = field(default_factory=list)
    # structured metadata given by the file itself (vbpl.vn attribute page, JSON record),
    # keys in the LegalDocument field names (number, doc_type, issuer, issued_date, …)
    metadata: dict = field(default_factory=dict)
    pages: int | None = None
    needs_ocr: bool = False  # e.g. a scanned PDF without a text layer: never index it empty
    encoding: str = ""  # detected source encoding when it was not plain UTF-8 (tcvn3, vni, …)
    warnings: list[str] = field(default_factory=list)
