"""Document-number keys and the few facts about a document the rules need (level, VBHN).

The ingest stage normally fills ``number_key``; this fallback follows domain notes §3.6 steps 1–6
closely enough to link relations whose ``target_key`` is empty.
"""

from __future__ import annotations

import re
import unicodedata

from legal_search.model import LegalDocument

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_PREFIX = re.compile(
    r"^(?:số:?|so:?|(?:luật|lệnh|pháp lệnh|nghị quyết|nghị định|thông tư|quyết định)\s+số:?)\s*",
    re.I,
)
_TRAILING_DATE = re.compile(r"\s+ngày\b.*$", re.I)
_MISSING_SLASH = re.compile(r"^(\d+(?:\.\d+)?[a-z]?/(?:19|20)\d{2})(?=[^\d/])", re.I)
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


def normalize_number(raw: str) -> str:
    """Return the number as written but cleaned: NFC, plain dashes, no spaces around separators."""
    text = unicodedata.normalize("NFC", raw or "").strip()
    text = text.replace("\u00d0", "Đ").replace("\u00f0", "đ").translate(_DASHES)
    text = re.sub(r"\s*([/-])\s*", r"\1", text).replace("_", "-")
    text = _TRAILING_DATE.sub("", _PREFIX.sub("", text)).strip()
    return _MISSING_SLASH.sub(r"\1/", text)


def fold(text: str) -> str:
    """ASCII-fold Vietnamese text (Đ→D, diacritics dropped) and upper-case it."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def number_key(raw: str) -> str:
    """Canonical search key of a document number: ``Số: 015/2020/NĐ-CP`` → ``15/2020/ND-CP``."""
    cleaned = normalize_number(raw)
    if not cleaned:
        return ""
    return _LEADING_ZEROS.sub("", fold(cleaned))


def doc_key(doc: LegalDocument) -> str:
    return doc.number_key or number_key(doc.number)


def is_vbhn(doc: LegalDocument) -> bool:
    """Văn bản hợp nhất: a snapshot, never a source of status events (domain notes §3.1)."""
    return "/VBHN-" in doc_key(doc) or fold(doc.doc_type).startswith("VAN BAN HOP NHAT")


_LOCAL_MARKERS = ("HDND", "UBND", "HOI DONG NHAN DAN", "UY BAN NHAN DAN")


def is_local(doc: LegalDocument) -> bool:
    """Document of local government (HĐND/UBND), judged from its number and issuer."""
    haystack = " ".join(fold(x) for x in (doc_key(doc), doc.issuer, doc.issuer_parent))
    return any(marker in haystack for marker in _LOCAL_MARKERS)


def issuer_code(doc: LegalDocument) -> str:
    """The issuing body set as it appears in the number (``ND-CP`` → ``CP``; TTLT → ``BTP-BTC``)."""
    key = doc_key(doc)
    tail = key.rsplit("/", 1)[-1] if "/" in key else ""
    if re.fullmatch(r"(?:PL-|NQ-)?UBTVQH\d*|QH\d*", tail):
        return re.sub(r"^(?:PL-|NQ-)|\d+$", "", tail)
    return tail.split("-", 1)[1] if "-" in tail else fold(doc.issuer)


def display_name(doc: LegalDocument) -> str:
    """How a reason names a document: "Nghị định 20/2022/NĐ-CP"."""
    number = normalize_number(doc.number) or doc.number_key or doc.id
    return f"{doc.doc_type} {number}".strip() if doc.doc_type else number
