"""Fetching one stored document (by id or by number) with its validity and its relations in
both directions, and one of its articles."""

from __future__ import annotations

from datetime import date

from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exc

import analyzers
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.errors import NotFound
from legal_search.model import RelationKind
from legal_search.settings import Settings
from legal_search.stored import StoredDocuments
from legal_search.validity import RelationGraph
from legal_search.validity.graph import Edge

# validity fields of the document record returned beside the stored metadata
VALIDITY = ("status", "status_label", "status_reason", "status_raw", "status_source", "status_as_of",
            "status_computed", "needs_review", "status_disagreement")


def _get(client: OpenSearch, settings: Settings, record_id: str) -> dict | None:
    try:
        return client.get(index=settings.docs_alias, id=record_id)["_source"]
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    except os_exc.NotFoundError:
        return None


def _by_number(client: OpenSearch, settings: Settings, text: str) -> dict | None:
    num = analyzers.parse_doc_number(text)
    if num is None:
        return None
    try:
        raw = client.search(index=settings.docs_alias, body={"size": 1, "query": {"bool": {"filter": [
            {"term": {"number_key": num.key}}, {"term": {"record": "document"}}]}}})
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    hits = raw["hits"]["hits"]
    return hits[0]["_source"] if hits else None


def _end(edge: Edge, other: dict | None, other_id: str | None) -> dict:
    """One relation as the page shows it: the other document's number, title, status and link;
    a target not in the database with what the text says of it."""
    rel = edge.relation
    out = {"scope": rel.scope or None,
           "effective_date": rel.effective_date.isoformat() if rel.effective_date else None,
           "evidence": rel.evidence or None}
    if other is None:
        return {"doc_id": None, "number": rel.target_number or rel.target_key or None,
                "title": rel.target_title or None, "status": None, "status_label": None, "link": None, **out}
    return {"doc_id": other_id, "number": other.get("number"), "title": (other.get("doc") or {}).get("title"),
            "doc_type": other.get("doc_type"), "status": other.get("status"),
            "status_label": other.get("status_label"), "link": f"/documents/{other_id}", **out}


def relations(client: OpenSearch, settings: Settings, doc_id: str) -> dict[str, list[dict]]:
    """Relations grouped by name both ways: replaces / replaced_by, amends / amended_by,
    repeals / repealed_by, details / detailed_by, based_on / basis_of…"""
    store = StoredDocuments(client, settings)
    store.fetch_ids([doc_id])
    store.expand([doc_id], list(RelationKind))
    graph = RelationGraph(store.take_fresh())
    out: dict[str, list[dict]] = {}
    for name, edges in graph.grouped(doc_id).items():
        for edge in edges:
            other = edge.target_id if name == edge.kind.value else edge.source_id  # stated or reverse
            out.setdefault(name, []).append(_end(edge, store.sources.get(other or ""), other))
    return out


def _as_of_today(doc: dict, today: date) -> dict:
    """A status stored on an earlier day, brought to today from its history (the history holds
    every dated change known when it was computed; "Chưa có hiệu lực" becomes "Còn hiệu lực" on
    the effective date without any import)."""
    if not doc.get("status_as_of") or doc["status_as_of"] >= today.isoformat():
        return {}
    passed = [h for h in doc["status_history"] if h.get("date", "") <= today.isoformat()]
    if not passed or passed[-1].get("status") == doc.get("status"):
        return {}
    last = passed[-1]
    return {"status": last["status"], "status_label": last.get("status_label"),
            "status_reason": last.get("reason"), "status_as_of": today.isoformat()}


def get_document(client: OpenSearch, settings: Settings, id_or_number: str, *,
                 grouped: bool = True) -> dict:
    """The stored document: its metadata (``doc``), full text, computed status with reason and
    history, and (``grouped``) its relations grouped by name in both directions; without
    ``grouped`` the relations stay as the document states them (our own import format)."""
    src = _get(client, settings, id_or_number) or _by_number(client, settings, id_or_number)
    if src is None or src.get("record") != "document":
        raise NotFound(f"no document with id or number {id_or_number!r}")
    out = dict(src["doc"])
    out["text"] = src.get("full_text") or ""
    # ``issuer`` as the document writes it ("QUỐC HỘI"); the canonical names the facet counts
    out["issuer_name"], out["issuers"] = src.get("issuer"), src.get("issuers") or []
    for key in VALIDITY:
        out[key] = src.get(key)
    out["status_history"] = src.get("status_history") or []
    out["in_force"] = src.get("in_force") or []
    out.update(_as_of_today(out, date.today()))
    if grouped:
        out["relations"] = relations(client, settings, src.get("doc_id") or out.get("id"))
    return out


def get_article(client: OpenSearch, settings: Settings, doc_id: str, anchor: str) -> dict:
    src = _get(client, settings, f"{doc_id}~{anchor}")
    if src is None:
        raise NotFound(f"document {doc_id!r} has no article {anchor!r}")
    return {"doc_id": doc_id, "number": src.get("number"), "title": src.get("title"),
            "anchor": anchor, "article_number": src.get("article_number"),
            "heading": src.get("heading"), "path": src.get("path"), "text": src.get("body"),
            "status": src.get("status"), "status_label": src.get("status_label"),
            "article_status": src.get("article_status"),
            "article_status_label": src.get("article_status_label"),
            "article_status_reason": src.get("article_status_reason"),
            "in_force": src.get("in_force") or []}
