"""Local-government datasets: Hà Nội's documents (text layers through ``extract``) and
metadata-only catalogue exports such as Bình Dương's (documents without text, to be completed
when the text arrives)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from legal_search.model import LegalDocument, SourceInfo

from ingest.datasets._common import DatasetError, Item, empty_if_placeholder, read_jsonl
from ingest.extract import document_id, extract
from ingest.extract.dates import parse_iso_or_vi
from ingest.extract.numbers import number_fields
from ingest.extract.text import nfc
from ingest.raw import RawDocument

HANOI_CREDIT = "UBND/HĐND thành phố Hà Nội via hoangmd2410/RAG_DEMO data/ @3d88a8cd"
HANOI_KEYS = frozenset({"id", "source_repo", "text", "text_layout"})
CATALOGUE_CREDIT = (
    "UBND tỉnh Bình Dương catalogue via TommyNhatNguyen/Crawl-Documents-Data-From-VanBanPhapLuatBinhDuong @cf241d7f"
)
CATALOGUE_KEYS = frozenset({"so_ky_hieu", "ngay_ban_hanh", "trich_yeu", "hieu_luc"})
# text layers shorter than this, after dropping the signing stamp, carry no document
_MIN_TEXT = 200
_STAMP = re.compile(r"^(SAO Y;.*|Giờ ký:.*|Signature Not Verified|Ký bởi:.*)$", re.M)


def iter_hanoi(path: str) -> Iterator[tuple[int, Item]]:
    for line, rec in read_jsonl(path):
        if isinstance(rec, DatasetError):
            yield line, rec
            continue
        text = nfc(str(rec.get("text") or ""))
        name = str(rec.get("id") or f"line {line}")
        if len(_STAMP.sub("", text).strip()) < _MIN_TEXT:
            if rec.get("pdf_missing"):  # nothing to read and nothing to OCR
                yield line, DatasetError(path, line, f"{name}: no text and no PDF ({rec['pdf_missing']})")
                continue
            why = f"{rec.get('pdf_pages')} pages, {rec.get('pdf_creator') or 'unknown creator'}, no text layer"
            yield line, DatasetError(path, line, f"{name}: needs OCR, not indexed empty ({why})",
                                     outcome="needs-ocr")
            continue
        raw = RawDocument(path=f"{path}#L{line}", format="jsonl:hanoi", text=text, pages=rec.get("pdf_pages"))
        doc = extract(raw)
        doc.source.dataset = "local/hanoi"
        doc.source.url = str(rec.get("source_pdf") or "")
        doc.source.credit = HANOI_CREDIT
        yield line, doc


def iter_catalogue(path: str, source: str = "binhduong") -> Iterator[tuple[int, Item]]:
    for line, rec in read_jsonl(path):
        if isinstance(rec, DatasetError):
            yield line, rec
            continue
        written = empty_if_placeholder(nfc(str(rec.get("so_ky_hieu") or "")))
        if not written:
            yield line, DatasetError(path, line, "catalogue row without số ký hiệu")
            continue
        number, key, _ = number_fields(written)
        doc = LegalDocument(
            number=number,
            number_key=key,
            issued_date=parse_iso_or_vi(rec.get("ngay_ban_hanh")),
            title=empty_if_placeholder(nfc(str(rec.get("trich_yeu") or ""))),
            status_raw=empty_if_placeholder(nfc(str(rec.get("hieu_luc") or ""))),
            status_source=source,
            source=SourceInfo(
                path=f"{path}#L{line}", format="jsonl:catalogue", dataset=f"local/{source}",
                url=str(rec.get("pdf") or ""), credit=CATALOGUE_CREDIT,
            ),
        )
        origin = f"catalogue:{source}"
        for name in ("number", "number_key", "issued_date", "title", "status_raw", "status_source"):
            if getattr(doc, name) not in (None, ""):
                doc.provenance[name] = origin
        doc.warnings.append("metadata only: no text yet")
        doc.id = document_id(doc)
        yield line, doc
