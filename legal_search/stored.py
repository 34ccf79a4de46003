"""Documents read back from the index as ``LegalDocument``s, with the neighbours the validity
engine needs: what they name (by number key or, for number-less citations, by issue date) and who
names them (by the ``relation_refs`` the engine writes, else by ``relation_keys`` from import).

The whole document minus its text is stored in the ``doc`` field; article paths (Chương, Mục),
which scopes such as "Mục 3 Chương III" need, are read from the article records.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from opensearchpy import OpenSearch, helpers
from pydantic import ValidationError

from legal_search.client import UNAVAILABLE, unavailable
from legal_search.model import LegalDocument, Relation, RelationKind
from legal_search.settings import Settings
from legal_search.validity.events import relation_key
from legal_search.validity.graph import cite_key
from legal_search.validity.keys import doc_key

# analysed copies and texts are never needed to compute statuses
SOURCE_EXCLUDES = ["*_canon", "*_folded", "*_words", "full_text", "body", "suggest"]
TERMS_CHUNK = 500
PAGE = 1000
PATH_SEPARATOR = " › "  # how ingest.prepare joins an article's enclosing headings
log = logging.getLogger("legal_search.stored")


def refs_of(doc: LegalDocument) -> list[str]:
    """``kind|key`` of each relation the document states (key ``@YYYY-MM-DD`` for a target
    named by title and date only), stored so that incoming relations are found by kind."""
    return sorted({f"{r.kind.value}|{cite_key(r)}" for r in doc.relations if cite_key(r)})


def citing_refs(doc: LegalDocument, kinds: Iterable[RelationKind]) -> list[str]:
    """The ``relation_refs`` values by which other documents would name this one."""
    keys = [k for k in (doc_key(doc), f"@{doc.issued_date}" if doc.issued_date else "") if k]
    return [f"{kind.value}|{key}" for kind in kinds for key in keys]


def _chunks(values: list[str], size: int = TERMS_CHUNK) -> Iterator[list[str]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


class StoredDocuments:
    """A growing set of stored document records, loaded in batches and never twice."""

    def __init__(self, client: OpenSearch, settings: Settings):
        self.client, self.settings = client, settings
        self.sources: dict[str, dict] = {}  # doc id → _source of the document record
        self.indices: dict[str, str] = {}  # doc id → concrete index holding it
        self.docs: dict[str, LegalDocument] = {}
        self._fresh: list[LegalDocument] = []
        self._expanded: set[str] = set()

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self.docs

    # -- reading ------------------------------------------------------------------------------
    def _call(self, fn, **kwargs):
        try:
            return fn(**kwargs)
        except UNAVAILABLE as exc:
            raise unavailable(self.settings, exc) from None

    def _keep(self, hit: dict) -> None:
        src = hit.get("_source") or {}
        doc_id = src.get("doc_id") or hit["_id"]
        if src.get("record") != "document" or doc_id in self.docs or not isinstance(src.get("doc"), dict):
            return
        try:
            doc = LegalDocument.model_validate({**src["doc"], "id": doc_id})
        except ValidationError as exc:  # stored by an older model: left out, not fatal to an import
            log.warning("stored document %s cannot be read back: %s", doc_id, exc.errors()[0])
            return
        self.sources[doc_id], self.indices[doc_id], self.docs[doc_id] = src, hit["_index"], doc
        self._fresh.append(doc)

    def _search(self, query: dict) -> None:
        body = {"query": {"bool": {"filter": [{"term": {"record": "document"}}, query]}},
                "_source": {"excludes": SOURCE_EXCLUDES}}
        for hit in self._call(helpers.scan, client=self.client, index=self.settings.docs_alias,
                              query=body, size=PAGE, scroll="2m", preserve_order=False):
            self._keep(hit)

    def fetch_ids(self, ids: Iterable[str]) -> None:
        todo = [i for i in dict.fromkeys(ids) if i and i not in self.docs]
        for chunk in _chunks(todo):
            got = self._call(self.client.mget, index=self.settings.docs_alias, body={"ids": chunk},
                             _source_excludes=SOURCE_EXCLUDES)
            for hit in got["docs"]:
                if hit.get("found"):
                    self._keep(hit)

    def fetch_all(self) -> None:
        self._search({"match_all": {}})

    def fetch_terms(self, field: str, values: Iterable[str]) -> None:
        for chunk in _chunks(sorted({v for v in values if v})):
            self._search({"terms": {field: chunk}})

    def take_fresh(self) -> list[LegalDocument]:
        """Documents loaded since the last call (to add to a relation graph)."""
        fresh, self._fresh = self._fresh, []
        return fresh

    # -- neighbours ---------------------------------------------------------------------------
    def expand(self, ids: Iterable[str], incoming: Iterable[RelationKind]) -> None:
        """Load what the documents name and the documents naming them with one of ``incoming``."""
        todo = [self.docs[i] for i in dict.fromkeys(ids) if i in self.docs and i not in self._expanded]
        if not todo:
            return
        self._expanded |= {d.id for d in todo}
        rels: list[Relation] = [r for d in todo for r in d.relations]
        self.fetch_terms("number_key", (relation_key(r) for r in rels))
        self.fetch_terms("issued_date", (cite_key(r)[1:] for r in rels if cite_key(r).startswith("@")))
        kinds = list(incoming)
        refs = [ref for d in todo for ref in citing_refs(d, kinds)]
        self.fetch_terms("relation_refs", refs)
        # documents imported before relation_refs existed are found by the keys they name
        legacy = sorted({doc_key(d) for d in todo if doc_key(d)})
        for chunk in _chunks(legacy):
            self._search({"bool": {"filter": [{"terms": {"relation_keys": chunk}}],
                                   "must_not": [{"exists": {"field": "relation_refs"}}]}})

    def articles(self, doc_ids: Iterable[str]) -> dict[str, list[dict]]:
        """Article records of the documents (id, index, source), their paths set on the
        documents' articles so that chapter and section scopes apply."""
        out: dict[str, list[dict]] = {}
        for chunk in _chunks(sorted(set(doc_ids))):
            body = {"query": {"bool": {"filter": [{"term": {"record": "article"}},
                                                  {"terms": {"doc_id": chunk}}]}},
                    "_source": {"excludes": SOURCE_EXCLUDES + ["title", "heading"]}}
            for hit in self._call(helpers.scan, client=self.client, index=self.settings.docs_alias,
                                  query=body, size=PAGE, scroll="2m", preserve_order=False):
                out.setdefault(hit["_source"]["doc_id"], []).append(hit)
        for doc_id, hits in out.items():
            paths = {h["_source"].get("anchor"): h["_source"].get("path") or "" for h in hits}
            for art in self.docs[doc_id].articles if doc_id in self.docs else []:
                if paths.get(art.anchor) and not art.path:
                    art.path = paths[art.anchor].split(PATH_SEPARATOR)
        return out
