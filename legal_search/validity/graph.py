"""The relation graph in both directions, built incrementally from documents.

Relations are kept as stated (source document + ``Relation``) and resolved when asked, so a target
cited by number before its document arrives is linked as soon as that document is added.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from legal_search.model import LegalDocument, Relation, RelationKind
from legal_search.validity.events import Event, own_events, relation_event, relation_key
from legal_search.validity.keys import doc_key, fold

REVERSE_NAMES: dict[RelationKind, str] = {
    RelationKind.REPLACES: "replaced_by",
    RelationKind.AMENDS: "amended_by",
    RelationKind.SUPPLEMENTS: "supplemented_by",
    RelationKind.REPEALS: "repealed_by",
    RelationKind.SUSPENDS: "suspended_by",
    RelationKind.DETAILS: "detailed_by",
    RelationKind.GUIDES: "guided_by",
    RelationKind.BASED_ON: "basis_of",
    RelationKind.CONSOLIDATES: "consolidated_by",
    RelationKind.ANNOUNCES_EXPIRED: "announced_expired_by",
    RelationKind.ANNULS: "annulled_by",
    RelationKind.RESUMES: "resumed_by",
    RelationKind.CORRECTS: "corrected_by",
    RelationKind.CITES: "cited_by",
}
# relations whose arrival can change the status of their target
STATUS_KINDS = frozenset(
    {RelationKind.REPLACES, RelationKind.AMENDS, RelationKind.REPEALS, RelationKind.SUSPENDS,
     RelationKind.ANNOUNCES_EXPIRED, RelationKind.ANNULS, RelationKind.RESUMES}
)
DETAIL_KINDS = frozenset({RelationKind.DETAILS, RelationKind.GUIDES})
_TITLE_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)


@dataclass(frozen=True)
class Edge:
    """One stated relation; ``target_id`` is None while the target document is unknown."""

    source_id: str
    relation: Relation
    target_id: str | None

    @property
    def kind(self) -> RelationKind:
        return self.relation.kind

    @property
    def reverse_name(self) -> str:
        return REVERSE_NAMES[self.relation.kind]

    @property
    def target_label(self) -> str:
        rel = self.relation
        return rel.target_number or rel.target_key or rel.target_title


def _title_date(title: str) -> date | None:
    m = _TITLE_DATE.search(title)
    try:
        return date(int(m[3]), int(m[2]), int(m[1])) if m else None
    except ValueError:
        return None


def cite_key(relation: Relation) -> str:
    key = relation_key(relation)
    if key:
        return key
    when = _title_date(relation.target_title)
    return f"@{when}" if when else ""


class RelationGraph:
    def __init__(self, docs: Iterable[LegalDocument] = ()) -> None:
        self._docs: dict[str, LegalDocument] = {}
        self._by_key: dict[str, set[str]] = {}
        self._by_issue_date: dict[date, set[str]] = {}
        self._extra: list[Event] = []
        # relations by the key they point at, so incoming edges need no scan of every document
        self._cites: dict[str, list[tuple[str, Relation]]] = {}
        self.add_all(docs)

    # -- building ---------------------------------------------------------------------------
    def add(self, doc: LegalDocument) -> list[str]:
        """Add or replace a document; returns the ids whose status may change because of it."""
        old = self._docs.get(doc.id)
        if old is not None:
            self._forget(old)
        self._docs[doc.id] = doc
        for rel in doc.relations:
            self._cites.setdefault(cite_key(rel), []).append((doc.id, rel))
        if doc_key(doc):
            self._by_key.setdefault(doc_key(doc), set()).add(doc.id)
        if doc.issued_date:
            self._by_issue_date.setdefault(doc.issued_date, set()).add(doc.id)
        return self.affected_by(doc)

    def _forget(self, old: LegalDocument) -> None:
        self._by_key.get(doc_key(old), set()).discard(old.id)
        if old.issued_date:
            self._by_issue_date.get(old.issued_date, set()).discard(old.id)
        for rel in old.relations:
            cited = self._cites.get(cite_key(rel), [])
            cited[:] = [(s, r) for s, r in cited if s != old.id]

    def _citing(self, doc_id: str, key: str = "") -> list[tuple[str, Relation]]:
        """Relations that may point at the document: by its number key or its issue date."""
        doc = self._docs.get(doc_id)
        keys = {key} if key else set()
        if doc is not None:
            keys |= {doc_key(doc), f"@{doc.issued_date}"}
        return [pair for k in keys if k for pair in self._cites.get(k, [])]

    def add_all(self, docs: Iterable[LegalDocument]) -> None:
        for doc in docs:
            self.add(doc)

    def add_events(self, events: Iterable[Event]) -> None:
        """Events from structured sources (announcements, portals) beside the documents' own."""
        self._extra.extend(events)

    # -- lookup -----------------------------------------------------------------------------
    def doc(self, doc_id: str) -> LegalDocument | None:
        return self._docs.get(doc_id)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def __iter__(self) -> Iterator[LegalDocument]:
        return iter(list(self._docs.values()))

    def resolve_key(self, key: str) -> str | None:
        """The one document with this number key; None when absent or shared (never guess)."""
        ids = self._by_key.get(key, set())
        return next(iter(ids)) if len(ids) == 1 else None

    def resolve(self, relation: Relation) -> str | None:
        """Target id by number key, else by exact title and issue date for number-less targets."""
        key = relation_key(relation)
        if key:
            return self.resolve_key(key)
        when = _title_date(relation.target_title)
        if when is None:
            return None
        wanted = fold(relation.target_title)
        hits = [
            i for i in self._by_issue_date.get(when, set())
            if self._docs[i].title and fold(f"{self._docs[i].doc_type} {self._docs[i].title}") in wanted
        ]
        return hits[0] if len(hits) == 1 else None

    # -- edges ------------------------------------------------------------------------------
    def outgoing(self, doc_id: str) -> list[Edge]:
        doc = self._docs.get(doc_id)
        if doc is None:
            return []
        return [Edge(doc_id, rel, self.resolve(rel)) for rel in doc.relations]

    def incoming(self, doc_id: str) -> list[Edge]:
        """Relations of other documents (and self-references) pointing at this document."""
        return [
            Edge(source, rel, doc_id) for source, rel in self._citing(doc_id)
            if self.resolve(rel) == doc_id
        ]

    def grouped(self, doc_id: str) -> dict[str, list[Edge]]:
        """Edges by relation name both ways: "replaces", "replaced_by", "details", "detailed_by"…"""
        out: dict[str, list[Edge]] = {}
        for edge in self.outgoing(doc_id):
            out.setdefault(edge.kind.value, []).append(edge)
        for edge in self.incoming(doc_id):
            out.setdefault(edge.reverse_name, []).append(edge)
        return out

    def unresolved(self) -> list[Edge]:
        return [e for source in self._docs for e in self.outgoing(source) if e.target_id is None]

    def all_edges(self) -> list[Edge]:
        return [e for source in self._docs for e in self.outgoing(source)]

    # -- events -----------------------------------------------------------------------------
    def events_for(self, doc_id: str) -> list[Event]:
        """Every event whose target is this document, its own dates included."""
        doc = self._docs.get(doc_id)
        out = own_events(doc) if doc else []
        for edge in self.incoming(doc_id):
            actor = self._docs[edge.source_id]
            out.append(relation_event(actor, edge.relation, {relation_key(edge.relation): doc_id}))
        key = doc_key(doc) if doc else ""
        out += [
            e for e in self._extra
            if e.target_doc == doc_id or (not e.resolved and key and e.target_doc == key)
        ]
        return out

    def affected_by(self, doc: LegalDocument) -> list[str]:
        """Ids whose status may change when ``doc`` is imported: itself, the documents it
        replaces, amends, repeals or suspends, and every document detailing those (cascade)."""
        seen = [doc.id]
        seen += [
            t for rel in doc.relations
            if rel.kind in STATUS_KINDS and (t := self.resolve(rel)) and t not in seen
        ]
        queue = list(seen)
        while queue:
            current = queue.pop()
            for edge in self._detailers(current, doc):
                if edge.source_id not in seen:
                    seen.append(edge.source_id)
                    queue.append(edge.source_id)
        return seen

    def _detailers(self, doc_id: str, new: LegalDocument) -> list[Edge]:
        key = doc_key(new) if doc_id == new.id else ""
        return [
            Edge(source, rel, doc_id)
            for source, rel in self._citing(doc_id, key)
            if rel.kind in DETAIL_KINDS
            and (self.resolve(rel) == doc_id or (key and relation_key(rel) == key))
        ]

    def detailed_bases(self, doc_id: str) -> list[Edge]:
        """Outgoing DETAIL/GUIDE edges of a document (the bases it details)."""
        return [e for e in self.outgoing(doc_id) if e.kind in DETAIL_KINDS]
