"""``extract(raw) -> LegalDocument``: metadata, relations, outline and articles from a
``RawDocument``. Structured metadata (``raw.metadata``) wins over what the text says; when the
two disagree the document records it. Every field set records its origin in ``provenance``."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from legal_search.model import LegalDocument, RelationKind, SourceInfo, Status

from ingest.extract.closing import closing
from ingest.extract.dates import parse_iso_or_vi
from ingest.extract.docid import document_id
from ingest.extract.header import Header, law_title, parse_header
from ingest.extract.numbers import number_fields, type_from_number
from ingest.extract.relations import basis_relations, dedupe, final_relations, title_relations
from ingest.extract.structure import parse_structure
from ingest.extract.text import broken_font_ratio, fold, nfc, sentence_case
from ingest.extract.vbhn import is_vbhn, parse_vbhn
from ingest.raw import RawDocument

_NAMED_TYPES = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp", "Luật mẫu")
_NO_VALUE = {"khong so", "khong co", "khong co thong tin", "khong xac dinh", "chua co thong tin"}
_PASSED_TYPES = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")
_DATE_FIELDS = ("issued_date", "passed_date", "effective_date", "expiry_date")
_TEXT_FIELDS = (
    "number", "doc_type", "issuer", "issuer_parent", "issued_place", "title",
    "signer", "signer_title", "signer_prefix", "status_raw", "status_source",
)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return " ".join(fold(a).lower().split()) == " ".join(fold(b).lower().split())
    return a == b


def _set(doc: LegalDocument, field: str, value: Any, origin: str) -> None:
    if value in (None, "", []):
        return
    setattr(doc, field, value)
    doc.provenance[field] = origin


def _from_text(doc: LegalDocument, head: Header, text: str, lines: list[str]) -> None:
    if head.number_written:
        number, key, parsed = number_fields(head.number_written)
        _set(doc, "number", number, "text:header")
        _set(doc, "number_key", key, "text:header" if parsed is not None else "text:header (unparsed)")
        if parsed is None:
            doc.warnings.append(f"number not parsed by analyzers: {head.number_written!r}")
        code_type = type_from_number(parsed)
        if head.doc_type and code_type and not _same(code_type, head.doc_type):
            doc.disagreements.append(
                f"doc_type: type line says {head.doc_type!r}, number {number!r} says {code_type!r}"
            )
    _set(doc, "doc_type", head.doc_type, "text:type-line")
    if not doc.doc_type and head.number_written:
        _set(doc, "doc_type", type_from_number(number_fields(head.number_written)[2]), "text:number-code")
    _set(doc, "issuer", head.issuer, "text:header")
    _set(doc, "issuer_parent", head.issuer_parent, "text:header")
    _set(doc, "issued_place", head.place, "text:header")
    _set(doc, "issued_date", head.issued_date, "text:header")
    if doc.issued_date is None:
        _set(doc, "issued_date", head.title_date, "text:title-line")
    title = law_title(head) if head.doc_type in _NAMED_TYPES else head.title_raw
    _set(doc, "title", title, "text:header")
    _set(doc, "bases", head.bases, "text:can-cu")
    doc.warnings.extend(head.notes)

    end = closing(text, lines)
    doc.warnings.extend(end.notes)
    _set(doc, "passed_date", end.passed_date, "text:closing-sentence")
    if not doc.doc_type and end.passed_subject:
        _set(doc, "doc_type", end.passed_subject, "text:closing-sentence")
    if end.passed_date and doc.issued_date and end.passed_date != doc.issued_date:
        doc.disagreements.append(f"issued_date: header {doc.issued_date} vs passage sentence {end.passed_date}")
    # a law has no date line of its own (§3.8): its date is the passage date; a date line
    # added by a publisher (thuvienphapluat.vn) yields to the sentence when they differ
    if end.passed_date is not None and (doc.issued_date is None or doc.doc_type in _PASSED_TYPES):
        _set(doc, "issued_date", end.passed_date, "text:closing-sentence")
    if end.effective_from_signing is True:
        _set(doc, "effective_date", doc.issued_date, "text:effective-from-signing")
    elif end.effective_from_signing and doc.issued_date:
        days = int(end.effective_from_signing)
        _set(doc, "effective_date", doc.issued_date + timedelta(days=days), f"text:{days}-days-after-signing")
    else:
        _set(doc, "effective_date", end.effective_date, "text:final-article")
    _set(doc, "effective_parts", end.effective_parts, "text:final-article")
    _set(doc, "signer", end.signer, "text:signature")
    _set(doc, "signer_title", end.signer_title, "text:signature")
    _set(doc, "signer_prefix", end.signer_prefix, "text:signature")

    rels = dedupe(title_relations(doc.title) + final_relations(text, doc.effective_date) + basis_relations(head.bases))
    if is_vbhn(text):
        rels = _apply_vbhn(doc, text, rels)
    doc.relations = rels
    if rels:
        doc.provenance["relations"] = "text"


def _apply_vbhn(doc: LegalDocument, text: str, rels: list) -> list:
    """A consolidated text: its own number/issuer/date/signer come from the XÁC THỰC block; the
    numbers and dates in its opening belong to the documents it consolidates."""
    v = parse_vbhn(text)
    for name in ("number", "number_key", "issuer", "issuer_parent", "issued_date", "effective_date",
                 "effective_parts", "signer", "signer_title", "signer_prefix", "passed_date"):
        doc.provenance.pop(name, None)
        setattr(doc, name, LegalDocument.model_fields[name].get_default(call_default_factory=True))
    _set(doc, "doc_type", "Văn bản hợp nhất", "text:vbhn")
    doc.is_normative = False
    doc.provenance["is_normative"] = "text:vbhn"
    if v.number:
        number, key, _ = number_fields(v.number)
        _set(doc, "number", number, "text:vbhn-block")
        _set(doc, "number_key", key, "text:vbhn-block")
    else:
        doc.warnings.append("consolidated text without its XÁC THỰC block (a file split in parts?): no number")
    _set(doc, "issuer", v.issuer, "text:vbhn-block")
    _set(doc, "issued_date", v.issued_date, "text:vbhn-block")
    _set(doc, "signer", v.signer, "text:vbhn-block")
    _set(doc, "signer_title", v.signer_title, "text:vbhn-block")
    # only the căn cứ of the base law and the consolidation list stay
    return dedupe(v.relations + [r for r in rels if r.kind == RelationKind.BASED_ON])


def _normalise_meta_value(field: str, value: Any) -> Any:
    if field in _DATE_FIELDS:
        return parse_iso_or_vi(value)
    if field == "fields" and isinstance(value, str):
        return [value] if value else []
    return value


def _apply_metadata(doc: LegalDocument, meta: dict, origin: str) -> None:
    """Structured metadata wins; each overridden text value is recorded as a disagreement."""
    for field, raw_value in meta.items():
        if field not in LegalDocument.model_fields or field in ("articles", "outline", "text", "source"):
            continue
        value = _normalise_meta_value(field, raw_value)
        if value in (None, "", []) or (isinstance(value, str) and fold(value).lower().strip() in _NO_VALUE):
            continue
        if field == "number":
            number, key, _ = number_fields(str(value))
            current = doc.number_key
            if current and current != key:
                doc.disagreements.append(f"number: {origin} {value!r} vs text {doc.number!r}")
            _set(doc, "number", number, origin)
            _set(doc, "number_key", key, origin)
            continue
        if field == "status" and isinstance(value, str):
            try:
                value = Status(value)
            except ValueError:
                continue
        current = getattr(doc, field)
        if current not in (None, "", []) and not _same(current, value):
            doc.disagreements.append(f"{field}: {origin} {value!r} vs text {current!r}")
        _set(doc, field, value, origin)


def extract(raw: RawDocument) -> LegalDocument:
    """Everything the extractor can find in one read document. Never guesses: a field not found
    stays empty; a scan without text is returned empty with a warning, for the caller to report
    as needing OCR."""
    text = nfc(raw.text or "")
    if raw.header_cells:
        header_text = "\n".join(nfc(c) for c in raw.header_cells)
        text_for_header = header_text + "\n" + text
    else:
        text_for_header = text
    doc = LegalDocument(
        text=text,
        source=SourceInfo(path=raw.path, format=raw.format),
        warnings=list(raw.warnings),
    )
    if raw.needs_ocr or not text.strip():
        doc.warnings.append("no text layer: needs OCR" if raw.needs_ocr else "no text")
    else:
        if broken_font_ratio(text) > 0.04:
            doc.warnings.append(
                "text layer has a broken font map (accented letters missing): names and words may be"
                " incomplete; check against the PDF"
            )
        head, lines = parse_header(text_for_header)
        body_lines = lines
        offset = head.body_start
        if raw.header_cells:
            head_body, body_lines = parse_header(text)
            offset = head_body.body_start
        _from_text(doc, head, text, body_lines)
        doc.outline, doc.articles = parse_structure(body_lines, offset)
        if doc.articles:
            doc.provenance["articles"] = "text:structure"
    meta = dict(raw.metadata or {})
    origin = str(meta.pop("_origin", "metadata"))
    _apply_metadata(doc, meta, origin)
    if doc.title and doc.provenance.get("title", "").startswith("text") and doc.doc_type not in _NAMED_TYPES:
        doc.title = sentence_case(doc.title)
    doc.id = document_id(doc)
    return doc


def effective_or_issued(doc: LegalDocument) -> date | None:
    return doc.effective_date or doc.issued_date
