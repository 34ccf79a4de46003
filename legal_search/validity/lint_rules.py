"""Lint rules on one document alone (domain notes §3.3 V1, V2, V5, V6, V7, V8)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from legal_search.model import LegalDocument, RelationKind, Status
from legal_search.validity.keys import doc_key, fold, is_local, is_vbhn
from legal_search.validity.labels import map_source_label

LAW_2015_START = date(2016, 7, 1)
LAW_2008_START = date(2009, 1, 1)
EARLIEST = date(1945, 1, 1)
# relation kinds that act on the status of their target (a VBHN may state none of them)
ACTING_KINDS = frozenset(
    {RelationKind.REPLACES, RelationKind.AMENDS, RelationKind.SUPPLEMENTS, RelationKind.REPEALS,
     RelationKind.SUSPENDS, RelationKind.ANNULS, RelationKind.RESUMES,
     RelationKind.ANNOUNCES_EXPIRED}
)


@dataclass(frozen=True)
class Finding:
    code: str  # V1…V8, CYCLE, SELF_REFERENCE, EVENT_BEFORE_ISSUE, ORPHAN, AMBIGUOUS_KEY, …
    severity: str  # "error" | "warning" | "info"
    doc_id: str
    message: str


def effective_dates(doc: LegalDocument) -> list[date]:
    parts = [p.effective_date for p in doc.effective_parts if p.effective_date]
    return ([doc.effective_date] if doc.effective_date else []) + parts


def _min_delay(doc: LegalDocument) -> int:
    if not is_local(doc):
        return 45
    small = re.search(r"\b(HUYEN|XA|QUAN|PHUONG|THI TRAN)\b", fold(doc.issuer))
    issued = doc.issued_date or LAW_2015_START
    return 7 if small and issued < date(2025, 4, 1) else 10  # 2015 law: 7 days at huyện/xã


def v1_early_effect(doc: LegalDocument, today: date) -> Iterator[Finding]:
    """Effective sooner after signing than Điều 151 (2015) / Điều 53 (2025) allow."""
    base = doc.passed_date or doc.issued_date
    dates = effective_dates(doc)
    if doc.shortened_procedure or not base or not dates or base < LAW_2015_START:
        return
    delay = _min_delay(doc)
    first = min(dates)
    if base <= first < base + timedelta(days=delay):
        yield Finding("V1", "warning", doc.id,
                      f"Có hiệu lực {(first - base).days} ngày sau khi ban hành/thông qua, "
                      f"ít hơn {delay} ngày, mà không ghi là thủ tục rút gọn")


def v2_local_retroactive(doc: LegalDocument, today: date) -> Iterator[Finding]:
    if is_local(doc) and doc.issued_date and any(d < doc.issued_date for d in effective_dates(doc)):
        yield Finding("V2", "error", doc.id,
                      f"Văn bản của chính quyền địa phương có hiệu lực "
                      f"({min(effective_dates(doc)):%d/%m/%Y}) trước ngày ban hành "
                      f"({doc.issued_date:%d/%m/%Y}): không được hồi tố")


def v5_impossible_dates(doc: LegalDocument, today: date) -> Iterator[Finding]:
    latest = today + timedelta(days=3 * 365)
    named = [("issued_date", doc.issued_date), ("passed_date", doc.passed_date),
             ("effective_date", doc.effective_date), ("expiry_date", doc.expiry_date)]
    named += [(f"effective_parts[{i}]", p.effective_date) for i, p in enumerate(doc.effective_parts)]
    for field_name, value in named:
        if value and not EARLIEST <= value <= latest:
            yield Finding("V5", "error", doc.id, f"Ngày {field_name} {value:%d/%m/%Y} ngoài "
                          f"khoảng 01/01/1945 – {latest:%d/%m/%Y}: có thể đọc sai năm")
    dates = effective_dates(doc)
    if doc.issued_date and dates and max(dates) > doc.issued_date + timedelta(days=5 * 365):
        yield Finding("V5", "error", doc.id, "Ngày có hiệu lực sau ngày ban hành hơn 5 năm")


def v6_vbhn(doc: LegalDocument, today: date) -> Iterator[Finding]:
    if not is_vbhn(doc):
        return
    if doc.is_normative:
        yield Finding("V6", "error", doc.id, "Văn bản hợp nhất bị đánh dấu là VBQPPL")
    acting = sorted({r.kind.value for r in doc.relations if r.kind in ACTING_KINDS})
    if acting:
        yield Finding("V6", "error", doc.id, "Văn bản hợp nhất không thể làm thay đổi hiệu lực "
                      f"văn bản khác (quan hệ: {', '.join(acting)})")


def v7_in_force_without_date(doc: LegalDocument, today: date) -> Iterator[Finding]:
    claimed = doc.status or map_source_label(doc.status_raw)
    if claimed is Status.IN_FORCE and not effective_dates(doc):
        yield Finding("V7", "warning", doc.id, "Ghi “Còn hiệu lực” nhưng không có ngày có hiệu lực")


def _not_normative_reason(doc: LegalDocument) -> str:
    key, issued = doc_key(doc), doc.issued_date
    m = re.search(r"(?:^|/)(?:(?P<year>(?:19|20)\d\d)/)?(?P<type>QD|CT)-(?P<issuer>[A-Z0-9&-]+)$", key)
    if not m:
        return ""
    kind, issuer, yearless = m["type"], m["issuer"], m["year"] is None
    if kind == "QD" and issuer == "TTG" and yearless:
        return "quyết định của Thủ tướng không có năm trong số ký hiệu là văn bản cá biệt"
    if kind == "QD" and issuer == "CTUBND":
        return "quyết định của Chủ tịch UBND là văn bản cá biệt"
    if issued is None:
        return ""
    if kind == "QD" and issuer not in ("TTG", "UBND", "CTN", "KTNN") and issued >= LAW_2008_START:
        return "sau 01/01/2009 quyết định của bộ trưởng không còn là VBQPPL"
    if kind == "CT" and issuer != "UBND" and issued >= LAW_2008_START:
        return "sau 01/01/2009 chỉ thị của bộ trưởng, Thủ tướng không còn là VBQPPL"
    if kind == "CT" and issuer == "UBND" and issued >= LAW_2015_START:
        return "sau 01/07/2016 chỉ thị của UBND không còn là VBQPPL"
    return ""


def v8_not_normative(doc: LegalDocument, today: date) -> Iterator[Finding]:
    reason = _not_normative_reason(doc)
    if reason and doc.is_normative is not False:
        yield Finding("V8", "warning", doc.id, f"Nên đặt is_normative=False: {reason}")


DOCUMENT_RULES = (v1_early_effect, v2_local_retroactive, v5_impossible_dates, v6_vbhn,
                  v7_in_force_without_date, v8_not_normative)
