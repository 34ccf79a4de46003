"""Small builders for synthetic documents (dates synthetic, as in domain notes §3.3)."""

from __future__ import annotations

from datetime import date

from legal_search.model import Article, LegalDocument, Relation, RelationKind
from legal_search.validity.keys import number_key


def d(text: str) -> date:
    """"01/03/2020" → date(2020, 3, 1)."""
    day, month, year = map(int, text.split("/"))
    return date(year, month, day)


def doc(number: str, doc_type: str = "Nghị định", issued: str | None = None,
        effective: str | None = None, **fields) -> LegalDocument:
    return LegalDocument(
        id=number_key(number), number=number, number_key=number_key(number), doc_type=doc_type,
        issued_date=d(issued) if issued else None,
        effective_date=d(effective) if effective else None, **fields,
    )


def rel(kind: RelationKind, target: str, scope: str = "", when: str | None = None,
        evidence: str = "") -> Relation:
    return Relation(kind=kind, target_number=target, target_key=number_key(target), scope=scope,
                    effective_date=d(when) if when else None, evidence=evidence)


def articles(*numbers: str, path: tuple[str, ...] = ()) -> list[Article]:
    return [Article(anchor=f"dieu-{n}", number=n, heading=f"Điều {n}.", path=list(path))
            for n in numbers]
