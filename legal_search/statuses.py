"""Computed validity statuses kept current in the index (issue 5): after an import, the
documents involved are read back, linked in a relation graph and their status for today, reason,
history, review flag and date ranges in force are written to the document record and its article
records with partial updates; procedures whose legal basis no longer applies are flagged.

Which documents are involved: the imported ones, the documents they name (so that a replacing
law ends the law it replaces without reimporting it), the documents naming them with a relation
that changes status (so that the order of import does not matter and a target cited before it
arrived is linked when it does), and the detailing documents caught by the cascade rules.

Raw labels from sources stay in ``status_raw``/``status_source``; a disagreement with the
computed status is written to ``status_disagreement``. Imports nothing from ``ingest``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from opensearchpy import OpenSearch, helpers

from legal_search import indices
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.errors import LegalSearchError
from legal_search.model import LegalDocument
from legal_search.settings import Settings
from legal_search.stored import StoredDocuments, refs_of
from legal_search.validity import RelationGraph, compare_with_source, compute_status, lint
from legal_search.validity.cascade import namer
from legal_search.validity.graph import DETAIL_KINDS, STATUS_KINDS
from legal_search.validity.lint_rules import Finding
from legal_search.validity.ranges import Range, in_force_ranges, provision_ranges
from legal_search.validity.status import StatusResult, aggregate, explain
from legal_search.validity.timeline import article_path

# incoming relations that can change a document's status (its own, or by cascade its detailers')
STATUS_INCOMING = STATUS_KINDS | DETAIL_KINDS
MAX_ROUNDS = 8  # cascade chains longer than this are not followed (and never loop)
NOT_COMPARED = {"status_as_of"}  # a new day alone is not a change worth a write
log = logging.getLogger("legal_search.statuses")


# ---------------------------------------------------------------- documents

def _json_ranges(ranges: list[Range]) -> list[dict]:
    return [{"gte": start.isoformat(), **({"lt": end.isoformat()} if end else {})} for start, end in ranges]


def _document_fields(result: StatusResult, ranges: list[Range], refs: list[str], today: date,
                     doc: LegalDocument) -> dict:
    gap = compare_with_source(doc.id, doc.status_raw, result.status, doc.status_source) \
        if result.computed else None
    return {
        "status": result.status.value,
        "status_label": result.status.label,
        "status_reason": result.reason,
        "status_as_of": today.isoformat(),
        "status_computed": result.computed,
        "needs_review": result.needs_review,
        "status_history": [{"date": h.date.isoformat(), "status": h.status.value,
                            "status_label": h.status.label, "reason": h.reason} for h in result.history],
        "status_disagreement": gap.message if gap else None,
        "in_force": _json_ranges(ranges),
        "relation_refs": refs,
    }


def _article_fields(result: StatusResult, own: dict[str, list[Range]], path: str, doc_fields: dict,
                    name) -> dict:
    """An article's own status from its provisions (and those below it), beside its document's."""
    states = [p for p in result.provisions if p.path == path or p.path.startswith(path + "/")]
    if result.computed and states:
        status = aggregate(states)
        reason, ranges = explain(status, states, name), _json_ranges(own.get(path, []))
    else:  # the document's status came from a source label: the article follows it
        status, reason, ranges = result.status, result.reason, doc_fields["in_force"]
    shared = ("status", "status_label", "status_reason", "status_as_of", "status_computed", "needs_review")
    return {**{k: doc_fields[k] for k in shared}, "in_force": ranges, "article_status": status.value,
            "article_status_label": status.label, "article_status_reason": reason}


def _empty(value) -> bool:
    return value is None or value == [] or value == ""


def _changed(stored: dict, fields: dict) -> dict:
    diff = {k: v for k, v in fields.items()
            if k not in NOT_COMPARED and not (_empty(v) and _empty(stored.get(k))) and stored.get(k) != v}
    return fields if diff else {}


def involved(store: StoredDocuments, seeds: list[str]) -> tuple[RelationGraph, list[str]]:
    """The relation graph around the seeds and the ids whose status may change because of them,
    with enough context (incoming relations, detailed bases) to compute each."""
    graph = RelationGraph()
    store.expand(seeds, STATUS_INCOMING)
    graph.add_all(store.take_fresh())
    affected: list[str] = []
    for _ in range(MAX_ROUNDS):
        affected = list(dict.fromkeys(a for s in seeds if s in graph for a in graph.affected_by(graph.doc(s))))
        store.expand(affected, STATUS_INCOMING)
        fresh = store.take_fresh()
        if not fresh:
            break
        graph.add_all(fresh)
    seen, frontier = set(affected), affected
    for _ in range(MAX_ROUNDS):  # the bases a document details, and what ends them (cascade)
        frontier = [e.target_id for x in frontier for e in graph.detailed_bases(x)
                    if e.target_id and e.target_id not in seen]
        if not frontier:
            break
        seen |= set(frontier)
        store.expand(frontier, STATUS_INCOMING)
        graph.add_all(store.take_fresh())
    return graph, affected


def refresh_statuses(client: OpenSearch, settings: Settings, doc_ids: Iterable[str],
                     today: date | None = None) -> list[str]:
    """Compute and store the status of every document the given ones may affect (them included);
    returns the ids of the documents whose stored validity fields changed."""
    today = today or date.today()
    seeds = list(dict.fromkeys(doc_ids))
    if not seeds:
        return []
    indices.ensure(client, settings)  # an index made before the validity fields gets them
    store = StoredDocuments(client, settings)
    store.fetch_ids(seeds)
    graph, affected = involved(store, [s for s in seeds if s in store])
    affected = [d for d in affected if not _written_right(graph, store, d, today)]
    articles = store.articles(affected)  # also gives the documents their article paths
    actions, changed = [], []
    for doc_id in affected:
        hits = articles.get(doc_id, [])
        try:
            fields, per_article = computed_fields(graph, doc_id, today, [
                (h["_source"].get("anchor") or "", h["_source"].get("article_number") or "") for h in hits])
        except Exception:  # one document the engine cannot handle must not stop the others
            log.exception("validity of %s could not be computed", doc_id)
            continue
        updates = [(store.indices[doc_id], doc_id, _changed(store.sources[doc_id], fields))]
        updates += [(h["_index"], h["_id"], _changed(h["_source"], f)) for h, f in zip(hits, per_article)]
        updates = [u for u in updates if u[2]]
        if updates:
            changed.append(doc_id)
            actions += [{"_op_type": "update", "_index": i, "_id": rid, "doc": body} for i, rid, body in updates]
    _bulk(client, settings, actions)
    return changed


def touched(graph: RelationGraph, doc_id: str) -> bool:
    """Whether another document in the graph can change this one's status: one acting on it
    (replaces, amends, repeals, suspends, details), or a base it details (cascade)."""
    return any(e.kind in STATUS_INCOMING and e.source_id != doc_id for e in graph.incoming(doc_id)) \
        or bool(graph.detailed_bases(doc_id))


def _written_right(graph: RelationGraph, store: StoredDocuments, doc_id: str, today: date) -> bool:
    """A document no other one acts on, whose stored record already says what it alone implies
    (as the import wrote it): its article records need not be read back and compared."""
    if touched(graph, doc_id):
        return False
    try:
        fields, _ = computed_fields(graph, doc_id, today, [])
    except Exception:
        return False  # computed again below, where the failure is logged
    return not _changed(store.sources[doc_id], fields)


def computed_fields(graph: RelationGraph, doc_id: str, today: date,
                    articles: list[tuple[str, str]]) -> tuple[dict, list[dict]]:
    """Validity fields of the document record and of each article record (anchor, number)."""
    doc = graph.doc(doc_id)
    result = compute_status(doc_id, today, graph)
    fields = _document_fields(result, in_force_ranges(doc_id, graph), refs_of(doc), today, doc)
    own, name = provision_ranges(doc_id, graph), namer(graph)
    return fields, [_article_fields(result, own, article_path(anchor, number), fields, name)
                    for anchor, number in articles]


def record_fields(graph: RelationGraph, doc_id: str, today: date,
                  articles: list[tuple[str, str]]) -> list[dict]:
    """The validity fields of each record of a document, in index order: its record, then one
    per article (anchor, number). Pure: no client."""
    fields, per_article = computed_fields(graph, doc_id, today, articles)
    return [fields, *per_article]


def alone_fields(doc: LegalDocument, articles: list[tuple[str, str]], today: date | None = None) -> list[dict]:
    """``record_fields`` of a document judged alone, so that records are written right the
    first time and only those another document acts on are settled again. Empty when the
    engine cannot judge it (logged; the import goes on)."""
    try:
        return record_fields(RelationGraph([doc]), doc.id, today or date.today(), articles)
    except Exception:
        log.exception("validity of %s could not be computed", doc.id)
        return []


def differs(old: dict, new: dict) -> bool:
    """Whether writing ``new`` validity fields over ``old`` changes anything but the day."""
    return bool(_changed(old, new))


def _bulk(client: OpenSearch, settings: Settings, actions: list[dict], index: str | None = None) -> None:
    if not actions:
        return
    failed = []
    try:
        for ok, info in helpers.streaming_bulk(client, actions, chunk_size=500, max_chunk_bytes=10 << 20,
                                               raise_on_error=False, max_retries=3):
            op = next(iter(info.values()))
            if not ok and op.get("status") != 404:  # a record deleted meanwhile is not an error
                failed.append(f"{op.get('_id')}: {op.get('error')}")
        client.indices.refresh(index=index or settings.docs_alias)
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    if failed:
        raise LegalSearchError(f"{len(failed)} validity update(s) refused, first: {failed[0]}")


# ---------------------------------------------------------------- procedures

BASIS_FLAGS = {"EXPIRED": "basis_expired", "SUSPENDED": "basis_expired",
               "EXPIRED_PART": "basis_partly_expired", "SUSPENDED_PART": "basis_partly_expired"}
_FLAG_RANK = {None: 0, "ok": 1, "basis_partly_expired": 2, "basis_expired": 3}


def _procedure_hits(client: OpenSearch, settings: Settings, codes: list[str], doc_ids: list[str],
                    keys: list[str], every: bool) -> list[dict]:
    should = [q for q in ({"ids": {"values": codes}} if codes else None,
                          {"terms": {"basis_doc_ids": doc_ids}} if doc_ids else None,
                          {"terms": {"basis_keys": keys}} if keys else None) if q]
    if not should and not every:
        return []
    query = {"match_all": {}} if every else {"bool": {"should": should, "minimum_should_match": 1}}
    try:
        return list(helpers.scan(client, index=settings.procedures_alias, size=500, scroll="2m",
                                 query={"query": query, "_source": ["code", "basis_flag", "procedure"]}))
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None


def _basis_view(basis: dict, src: dict | None) -> dict:
    """A legal basis with the status of the indexed document it names, flagged when it no
    longer applies (whole or in part) with the reason."""
    if src is None:
        return {**basis, "status": None, "status_label": None, "basis_flag": None}
    status = src.get("status")
    flag = BASIS_FLAGS.get(status or "")
    label = " ".join(x for x in (src.get("doc_type"), src.get("number") or basis.get("number")) if x)
    message = f"Căn cứ {label}: {src.get('status_reason') or src.get('status_label')}" if flag else ""
    return {**basis, "doc_id": src.get("doc_id"), "status": status, "status_label": src.get("status_label"),
            "basis_flag": {"flag": flag, "status": status, "message": message} if flag else None}


def _flag(procedure: dict, store: StoredDocuments, by_key: dict[str, str]) -> dict:
    bases = []
    for basis in procedure.get("legal_basis") or []:
        doc_id = basis.get("doc_id") if basis.get("doc_id") in store else by_key.get(basis.get("number_key") or "")
        bases.append(_basis_view(basis, store.sources.get(doc_id or "")))
    flags = [(b["basis_flag"] or {}).get("flag") or ("ok" if b["status"] else None) for b in bases]
    worst = max(flags, key=_FLAG_RANK.get, default=None)
    issues = [b["basis_flag"]["message"] for b in bases if b["basis_flag"]]
    return {"basis_flag": worst,
            "procedure": {"legal_basis": bases, "basis_flag": worst, "basis_issues": issues}}


def _number_keys(client: OpenSearch, settings: Settings, doc_ids: list[str]) -> list[str]:
    """The number keys of the given documents, from the index's doc values (no source read)."""
    keys: set[str] = set()
    for i in range(0, len(doc_ids), 1000):
        chunk = doc_ids[i:i + 1000]
        try:
            got = client.search(index=settings.docs_alias, body={
                "size": 0, "query": {"ids": {"values": chunk}},
                "aggs": {"keys": {"terms": {"field": "number_key", "size": len(chunk)}}}})
        except UNAVAILABLE as exc:
            raise unavailable(settings, exc) from None
        keys |= {b["key"] for b in got["aggregations"]["keys"]["buckets"]}
    return sorted(keys)


def refresh_procedures(client: OpenSearch, settings: Settings, codes: Iterable[str] = (),
                       doc_ids: Iterable[str] = (), every: bool = False) -> list[str]:
    """Flag the procedures given by code, and those whose legal basis is one of ``doc_ids``
    (or every procedure): ``basis_flag`` ok | basis_partly_expired | basis_expired, with which
    basis and why in ``procedure.legal_basis[].basis_flag`` and ``procedure.basis_issues``.
    Returns the codes whose flags changed."""
    doc_ids = list(dict.fromkeys(doc_ids))
    store = StoredDocuments(client, settings)
    keys = _number_keys(client, settings, doc_ids)
    hits = _procedure_hits(client, settings, list(dict.fromkeys(codes)), doc_ids, keys, every)
    bases = [b for h in hits for b in (h["_source"].get("procedure") or {}).get("legal_basis") or []]
    store.fetch_ids(b.get("doc_id") for b in bases)
    store.fetch_terms("number_key", (b.get("number_key") for b in bases))
    owners: dict[str, set[str]] = {}
    for doc_id, src in store.sources.items():
        owners.setdefault(src.get("number_key") or "", set()).add(doc_id)
    by_key = {k: next(iter(v)) for k, v in owners.items() if k and len(v) == 1}  # never guess
    actions, changed = [], []
    for hit in hits:
        src = hit["_source"]
        fields = _flag(src.get("procedure") or {}, store, by_key)
        old = src.get("procedure") or {}
        if src.get("basis_flag") != fields["basis_flag"] or any(
                old.get(k) != v for k, v in fields["procedure"].items()):
            changed.append(src.get("code") or hit["_id"])
            actions.append({"_op_type": "update", "_index": hit["_index"], "_id": hit["_id"], "doc": fields})
    _bulk(client, settings, actions, index=settings.procedures_alias)
    return changed


# ---------------------------------------------------------------- after an import, and everything

@dataclass
class Refreshed:
    documents: list[str] = field(default_factory=list)  # ids whose stored status changed
    procedures: list[str] = field(default_factory=list)  # codes whose basis flag changed


def refresh_after_import(client: OpenSearch, settings: Settings, ids: Iterable[str],
                         today: date | None = None, linked: Iterable[str] | None = None) -> Refreshed:
    """For the ids an import indexed or updated (documents, and procedures as ``tthc:CODE``).
    ``linked``, when given, narrows the status recomputation to the documents that take part in
    a relation (the others were written with the status they have alone); procedures still look
    at every imported document."""
    ids = list(ids)
    codes = [i.removeprefix("tthc:") for i in ids if i.startswith("tthc:")]
    docs = [i for i in ids if not i.startswith("tthc:")]
    changed = refresh_statuses(client, settings, docs if linked is None else list(linked), today)
    # imported documents are written with their status already: their procedures count too
    return Refreshed(changed, refresh_procedures(client, settings, codes, [*docs, *changed]))


def refresh_all(client: OpenSearch, settings: Settings, today: date | None = None) -> Refreshed:
    """Recompute every stored status and every procedure flag (for indices filled before the
    validity engine, or to bring "today" up to date)."""
    store = StoredDocuments(client, settings)
    store.fetch_all()
    changed = refresh_statuses(client, settings, list(store.docs), today)
    return Refreshed(changed, refresh_procedures(client, settings, every=True))


# ---------------------------------------------------------------- data-quality report

@dataclass
class CheckReport:
    documents: int
    findings: list[Finding]

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[f.code] = out.get(f.code, 0) + 1
        return dict(sorted(out.items()))

    @property
    def severities(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    def to_dict(self) -> dict:
        return {"documents": self.documents, "counts": self.counts, "severities": self.severities,
                "findings": [{"code": f.code, "severity": f.severity, "doc_id": f.doc_id,
                              "message": f.message} for f in self.findings]}


def check(client: OpenSearch, settings: Settings, today: date | None = None) -> CheckReport:
    """Lint findings (V1–V8, cycles, self-references, events before issue, orphans…) over every
    stored document."""
    store = StoredDocuments(client, settings)
    store.fetch_all()
    docs = list(store.docs.values())
    return CheckReport(len(docs), lint(docs, RelationGraph(docs), today or date.today()))
