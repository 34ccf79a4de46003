"""Documents a page links to, with their statuses: a document's relations in both directions and
a procedure's legal bases. One request to the engine per page (an ``msearch`` or a search).

``documents.get_document`` may return ``relations`` either as the document states them (a list:
what this document does to others) or grouped by relation name in both directions (a dict such as
``{"replaces": [...], "replaced_by": [...]}``). Both are rendered; with the list, the reverse
direction is found here from the other documents' ``relation_keys``.
"""

from __future__ import annotations

from dataclasses import dataclass

from opensearchpy import OpenSearch

from legal_search.client import UNAVAILABLE, unavailable
from legal_search.settings import Settings

# relation name → what the page says; the stated direction first, then the reverse one
RELATION_LABELS: dict[str, str] = {
    "replaces": "Thay thế văn bản", "replaced_by": "Bị thay thế bởi",
    "amends": "Sửa đổi văn bản", "amended_by": "Được sửa đổi bởi",
    "supplements": "Bổ sung văn bản", "supplemented_by": "Được bổ sung bởi",
    "repeals": "Bãi bỏ văn bản", "repealed_by": "Bị bãi bỏ bởi",
    "annuls": "Hủy bỏ văn bản", "annulled_by": "Bị hủy bỏ bởi",
    "suspends": "Ngưng hiệu lực văn bản", "suspended_by": "Bị ngưng hiệu lực bởi",
    "resumes": "Cho tiếp tục thi hành", "resumed_by": "Được tiếp tục thi hành theo",
    "announces_expired": "Công bố hết hiệu lực", "announced_expired_by": "Được công bố hết hiệu lực bởi",
    "details": "Quy định chi tiết văn bản", "detailed_by": "Được quy định chi tiết bởi",
    "guides": "Hướng dẫn văn bản", "guided_by": "Được hướng dẫn bởi",
    "consolidates": "Hợp nhất văn bản", "consolidated_by": "Được hợp nhất bởi",
    "corrects": "Đính chính văn bản", "corrected_by": "Được đính chính bởi",
    "based_on": "Căn cứ", "basis_of": "Là căn cứ của",
    "cites": "Dẫn chiếu", "cited_by": "Được dẫn chiếu bởi",
}
REVERSE = {k: v for k, v in zip(list(RELATION_LABELS)[::2], list(RELATION_LABELS)[1::2])}
_META = ["doc_id", "number", "number_key", "doc_type", "title", "issued_date", "status", "status_label",
         "status_reason"]


@dataclass
class Related:
    """One document at the other end of a relation (or a legal basis)."""

    label: str  # number, or title when there is no number
    doc_id: str = ""  # empty: not in our database
    title: str = ""
    status: str = ""
    status_label: str = ""
    status_reason: str = ""
    scope: str = ""
    effective_date: str = ""


@dataclass
class RelationGroup:
    name: str
    label: str
    items: list[Related]


def _msearch(client: OpenSearch, settings: Settings, queries: list[dict]) -> list[list[dict]]:
    if not queries:
        return []
    lines: list[dict] = []
    for q in queries:
        lines += [{"index": settings.docs_alias}, q]
    try:
        raw = client.msearch(body=lines)
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    return [[h["_source"] for h in r.get("hits", {}).get("hits", [])] for r in raw["responses"]]


def _documents(field: str, values: list[str], size: int = 200) -> dict:
    return {"size": size, "_source": _META + ["relation_keys", "doc.relations"],
            "query": {"bool": {"filter": [{"terms": {field: values}}, {"term": {"record": "document"}}]}}}


def _from_source(src: dict, **extra) -> Related:
    return Related(label=src.get("number") or src.get("title") or src.get("doc_id", ""),
                   doc_id=src.get("doc_id") or "", title=src.get("title") or "",
                   status=src.get("status") or "", status_label=src.get("status_label") or "",
                   status_reason=src.get("status_reason") or "", **extra)


def _stated(rel: dict, found: dict[str, dict]) -> Related:
    key = rel.get("target_key") or ""
    extra = {"scope": rel.get("scope") or "", "effective_date": rel.get("effective_date") or ""}
    if key in found:
        return _from_source(found[key], **extra)
    return Related(label=rel.get("target_number") or rel.get("target_title") or key,
                   title=rel.get("target_title") or "", **extra)


def _item_id(item: dict) -> str:
    return item.get("doc_id") or item.get("id") or item.get("target_id") or item.get("source_id") or ""


def _given(item, found: dict[str, dict]) -> Related:
    """An item of an already grouped relation, whatever its shape (dict, or just a label); its
    own fields win, a looked-up document fills the gaps."""
    if not isinstance(item, dict):
        return Related(label=str(item))
    doc_id = _item_id(item)
    src = found.get(doc_id, {})
    known = "status" in item or bool(src)  # the item or the lookup vouches the document exists

    def pick(*keys: str) -> str:
        return next((str(item[k]) for k in keys if item.get(k)), "") or next(
            (str(src[k]) for k in keys if src.get(k)), "")

    return Related(label=pick("number", "target_number", "label", "target_key") or pick("title", "target_title") or doc_id,
                   doc_id=doc_id if known else "", title=pick("title", "target_title"),
                   status=pick("status"), status_label=pick("status_label"), status_reason=pick("status_reason"),
                   scope=pick("scope"), effective_date=pick("effective_date"))


def _ordered(groups: dict[str, list[Related]]) -> list[RelationGroup]:
    names = [n for n in RELATION_LABELS if groups.get(n)] + [n for n in groups if n not in RELATION_LABELS and groups[n]]
    return [RelationGroup(n, RELATION_LABELS.get(n, n.replace("_", " ")), groups[n]) for n in names]


def relation_groups(client: OpenSearch, settings: Settings, doc: dict) -> list[RelationGroup]:
    relations = doc.get("relations") or []
    if isinstance(relations, dict):
        # items that already carry their status need no lookup
        ids = sorted({_item_id(i) for items in relations.values() for i in items
                      if isinstance(i, dict) and _item_id(i) and "status" not in i})
        rows = _msearch(client, settings, [_documents("doc_id", ids)])[0] if ids else []
        found = {s["doc_id"]: s for s in rows}
        return _ordered({name: [_given(i, found) for i in items] for name, items in relations.items()})
    keys = sorted({r.get("target_key") for r in relations if r.get("target_key")})
    own = doc.get("number_key")
    queries = [_documents("number_key", keys)] if keys else []
    if own:
        queries.append(_documents("relation_keys", [own]))
    results = _msearch(client, settings, queries)
    found = {s["number_key"]: s for s in (results[0] if keys else []) if s.get("number_key")}
    groups: dict[str, list[Related]] = {}
    for rel in relations:
        groups.setdefault(rel.get("kind", "cites"), []).append(_stated(rel, found))
    for src in results[-1] if own else []:
        if src.get("doc_id") == doc.get("id"):
            continue
        for rel in (src.get("doc") or {}).get("relations") or []:
            if rel.get("target_key") == own:
                name = REVERSE.get(rel.get("kind", ""), "cited_by")
                groups.setdefault(name, []).append(_from_source(src, scope=rel.get("scope") or "",
                                                                effective_date=rel.get("effective_date") or ""))
    return _ordered(groups)


def basis_statuses(client: OpenSearch, settings: Settings, bases: list[dict]) -> list[tuple[dict, Related | None]]:
    """Each legal basis with the indexed document it names (by id or number), or None."""
    ids = sorted({b.get("doc_id") for b in bases if b.get("doc_id")})
    keys = sorted({b.get("number_key") for b in bases if b.get("number_key")})
    if not ids and not keys:
        return [(b, None) for b in bases]
    body = {"size": 200, "_source": _META, "query": {"bool": {
        "filter": [{"term": {"record": "document"}}], "minimum_should_match": 1,
        "should": [{"terms": {"doc_id": ids}}, {"terms": {"number_key": keys}}]}}}
    rows = _msearch(client, settings, [body])[0]
    by_id = {r["doc_id"]: r for r in rows}
    by_key = {r["number_key"]: r for r in rows if r.get("number_key")}
    out = []
    for b in bases:
        src = by_id.get(b.get("doc_id") or "") or by_key.get(b.get("number_key") or "")
        out.append((b, _from_source(src) if src else None))
    return out
