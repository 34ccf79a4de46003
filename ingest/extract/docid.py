"""The one way a document gets its id (style guide §3: ids derive from the normalised number,
so re-importing overwrites instead of duplicating)."""

from __future__ import annotations

import hashlib
import re

from legal_search.model import LegalDocument

from ingest.extract.numbers import is_yearless, parse_number
from ingest.extract.text import fold


_LAW_SERIES = ("Luật", "Bộ luật")


def _slug(text: str) -> str:
    text = fold(text).lower()
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


def document_id(doc: LegalDocument) -> str:
    """'15/2020/ND-CP' -> '15-2020-nd-cp'; a Quốc hội resolution adds its type
    ('24-2008-qh12-nghi-quyet') because it shares numbers with laws. Yearless numbers (1579/QĐ-TTg, 26/VBHN-NHNN, công
    văn) repeat every year, so their id adds the issue date: '1579-qd-ttg-20200101'. Without a
    number (or a yearless one without a date) the id is a content hash: 'doc-<16 hex>'.
    Only lowercase ascii letters, digits and '-'."""
    key = doc.number_key or ""
    if key:
        slug = _slug(key)
        if slug and re.search(r"/QH\d+$", key) and doc.doc_type and doc.doc_type not in _LAW_SERIES:
            # Quốc hội numbers carry no type and resolutions run in their own series:
            # 24/2008/QH12 is both Luật Quốc tịch and a Nghị quyết, so the type joins the id
            slug = f"{slug}-{_slug(doc.doc_type)}"
        if slug and not is_yearless(parse_number(doc.number) if doc.number else None, key):
            return slug
        if slug and doc.issued_date is not None:
            return f"{slug}-{doc.issued_date:%Y%m%d}"
    basis = doc.text or "\n".join(a.text for a in doc.articles) or doc.title or doc.source.path
    if not basis:
        basis = doc.model_dump_json(exclude={"id"})
    return "doc-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]
