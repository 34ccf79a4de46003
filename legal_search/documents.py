"""Fetching one stored document (by id or by number) and one of its articles."""

from __future__ import annotations

from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exc

import analyzers
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.errors import NotFound
from legal_search.settings import Settings


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


def get_document(client: OpenSearch, settings: Settings, id_or_number: str) -> dict:
    """The stored document: its metadata (``doc``), full text and status fields."""
    src = _get(client, settings, id_or_number) or _by_number(client, settings, id_or_number)
    if src is None or src.get("record") != "document":
        raise NotFound(f"no document with id or number {id_or_number!r}")
    out = dict(src["doc"])
    out["text"] = src.get("full_text") or ""
    for key in ("status", "status_label", "status_reason"):
        out[key] = src.get(key)
    return out


def get_article(client: OpenSearch, settings: Settings, doc_id: str, anchor: str) -> dict:
    src = _get(client, settings, f"{doc_id}~{anchor}")
    if src is None:
        raise NotFound(f"document {doc_id!r} has no article {anchor!r}")
    return {"doc_id": doc_id, "number": src.get("number"), "title": src.get("title"),
            "anchor": anchor, "article_number": src.get("article_number"),
            "heading": src.get("heading"), "path": src.get("path"), "text": src.get("body"),
            "status": src.get("status"), "status_label": src.get("status_label")}
