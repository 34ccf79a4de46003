"""Validity statuses settled within one import, before the records are sent.

A document's status can change because of another one (a law replaced, amended or repealed by
a later text, a decree ending with the law it details). Each record is prepared in a worker
with the status of its document judged alone. The importer reads ahead of the workers and holds
their results until every document of the import has been read; it then knows all the relations
between them, and ``Settler.settle`` rewrites the validity fields of the records another
document acts on before they are sent. The records are then written once with the right status,
instead of being written and then rewritten by partial updates.

What one import cannot see is left to ``legal_search.statuses.refresh_statuses`` afterwards,
for the few documents ``seeds`` names: results sent before reading ended (when the hold budget
ran out), documents left unchanged in the index, documents naming one already stored, and
imported documents named by stored ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from opensearchpy import OpenSearch

from ingest.prepare import Prepared
from legal_search import statuses
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.model import LegalDocument
from legal_search.settings import Settings
from legal_search.validity import RelationGraph
from legal_search.validity.graph import cite_key

TERMS_CHUNK = 1000
MAX_DOCS = 50_000  # documents settled in memory per import; beyond, statuses go the refresh way
NAMED_BY_TITLE = {"Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"}  # in other texts, often by title and date


def light(doc: LegalDocument) -> LegalDocument:
    """What the validity engine reads of a document: everything but the texts (as stored)."""
    return doc.model_copy(update={"text": "", "articles": [a.model_copy(update={"text": ""})
                                                             for a in doc.articles]})


class Settler:
    """Statuses of the documents of one import, computed among themselves."""

    def __init__(self, today: date | None = None):
        self.today = today or date.today()
        self.docs: dict[str, LegalDocument] = {}
        self.graph: RelationGraph | None = None
        self.provisional: set[str] = set()  # sent with the status judged alone
        self.rewritten = 0  # records whose validity fields were settled again
        # kept for every document, small: what the refresh needs when the import is too big to
        # settle in memory (more than MAX_DOCS documents)
        self.overflow = False
        self.linked: set[str] = set()  # names another document, or is a law (named by title)
        self.keys: dict[str, str] = {}  # number key → document id

    def note(self, doc: LegalDocument) -> None:
        """A document read (called while reading, before ``close``)."""
        if doc.relations or doc.doc_type in NAMED_BY_TITLE:
            self.linked.add(doc.id)
        if doc.number_key:
            self.keys[doc.number_key] = doc.id
        if self.overflow or len(self.docs) >= MAX_DOCS:
            self.overflow, self.docs = True, {}  # memory stays bounded: every record is refreshed
            return
        self.docs[doc.id] = light(doc)

    def close(self) -> None:
        """Every document has been read: link them."""
        if not self.overflow:
            self.graph = RelationGraph(self.docs.values())

    def settle(self, prepared: Prepared) -> None:
        """Give the records of one document the status it has among all the imported ones."""
        if not prepared.is_document:
            return
        if self.graph is None or prepared.id not in self.graph:
            self.provisional.add(prepared.id)
            return
        if not statuses.touched(self.graph, prepared.id):
            return  # nothing else in the import acts on it: judged alone is right
        try:
            fields = statuses.record_fields(self.graph, prepared.id, self.today, prepared.articles)
        except Exception:  # logged again, with its context, by the refresh that takes it over
            self.provisional.add(prepared.id)
            return
        before = list(prepared.validity)
        if not prepared.set_validity(fields):
            self.provisional.add(prepared.id)
        self.rewritten += sum(a is not b for a, b in zip(before, prepared.validity))

    def seeds(self, client: OpenSearch, settings: Settings, outcomes: dict[str, str]) -> list[str]:
        """Imported documents whose status (or whose targets' status) the import could not
        settle alone; ``outcomes`` maps each document id to its outcome."""
        if self.overflow:
            return self._linked(client, settings, outcomes)
        graph = self.graph or RelationGraph(self.docs.values())
        kept = {i for i, o in outcomes.items() if o in ("indexed", "updated", "unchanged") and i in self.docs}
        unsettled = self.provisional | {i for i in kept if outcomes[i] == "unchanged"}
        out = {i for i in unsettled & kept if statuses.touched(graph, i)}
        out |= self._naming_stored(client, settings, graph, kept)
        out |= self._named_by_stored(client, settings, kept)
        return sorted(out)

    def _linked(self, client: OpenSearch, settings: Settings, outcomes: dict[str, str]) -> list[str]:
        """Too big to settle in memory: every imported document that takes part in a relation,
        naming one or named by one (stored or imported: the index holds them all by now)."""
        kept = {i for i, o in outcomes.items() if o in ("indexed", "updated", "unchanged")}
        named = _present(client, settings, "relation_keys", self.keys)
        return sorted((self.linked | {self.keys[k] for k in named}) & kept)

    def _naming_stored(self, client: OpenSearch, settings: Settings, graph: RelationGraph,
                       kept: set[str]) -> set[str]:
        """Imported documents acting on a document of the index that this import did not bring."""
        by_key: dict[str, set[str]] = {}
        for doc_id in kept:
            for rel in self.docs[doc_id].relations:
                if rel.kind in statuses.STATUS_INCOMING and graph.resolve(rel) is None:
                    key = cite_key(rel)  # a number key, or "@YYYY-MM-DD" for a law named by title
                    if key:
                        by_key.setdefault(key, set()).add(doc_id)
        found = _present(client, settings, "number_key", [k for k in by_key if not k.startswith("@")])
        found |= {f"@{d}" for d in _present(client, settings, "issued_date",
                                             {k[1:] for k in by_key if k.startswith("@")}, dates=True)}
        return {doc_id for key in found for doc_id in by_key.get(key, ())}

    def _named_by_stored(self, client: OpenSearch, settings: Settings, kept: set[str]) -> set[str]:
        """Imported documents that a document of the index, not of this import, names: by
        number, or (laws and codes) by title and issue date."""
        by_key: dict[str, set[str]] = {}
        by_ref: dict[str, set[str]] = {}
        for doc_id in kept:
            doc = self.docs[doc_id]
            if doc.number_key:
                by_key.setdefault(doc.number_key, set()).add(doc_id)
            if doc.doc_type in NAMED_BY_TITLE and doc.issued_date:
                for kind in statuses.STATUS_INCOMING:
                    by_ref.setdefault(f"{kind.value}|@{doc.issued_date}", set()).add(doc_id)
        out: set[str] = set()
        for field, owners in (("relation_keys", by_key), ("relation_refs", by_ref)):
            for value in _present(client, settings, field, owners, leave_out=self.docs):
                out |= owners[value]
        return out


def _present(client: OpenSearch, settings: Settings, field: str, values: Iterable[str],
             leave_out: Iterable[str] = (), dates: bool = False) -> set[str]:
    """Which of ``values`` some document record of the index holds in ``field``, records
    ``leave_out`` (ids) left out; ``dates``: a date field, values as YYYY-MM-DD."""
    values, skip = sorted(set(values)), sorted(leave_out)
    found: set[str] = set()
    try:
        for i in range(0, len(values), TERMS_CHUNK):
            chunk = values[i:i + TERMS_CHUNK]
            query: dict = {"bool": {"filter": [{"term": {"record": "document"}}, {"terms": {field: chunk}}]}}
            if skip:
                query["bool"]["must_not"] = [{"ids": {"values": skip}}]
            agg = {"field": field, "size": len(chunk), **({"format": "yyyy-MM-dd"} if dates else {"include": chunk})}
            got = client.search(index=settings.docs_alias, body={"size": 0, "query": query,
                                                                 "aggs": {"found": {"terms": agg}}})
            found |= {str(b.get("key_as_string") or b["key"]) for b in got["aggregations"]["found"]["buckets"]}
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    return found


def outcomes_of(results: Iterable) -> dict[str, str]:
    """Document id → outcome, from an import's input results."""
    return {i: r.outcome for r in results for i in r.ids if not i.startswith("tthc:")}
