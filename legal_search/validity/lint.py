"""Data-quality findings for archivists: V1–V8 of domain notes §3.3, cycles, self-references,
events dated before issue, orphan relations. Reports, never raises."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from legal_search.model import LegalDocument, RelationKind, Status
from legal_search.validity.graph import Edge, RelationGraph
from legal_search.validity.keys import display_name, doc_key, is_local, issuer_code
from legal_search.validity.labels import compare_with_source, map_source_label
from legal_search.validity.lint_rules import ACTING_KINDS, DOCUMENT_RULES, Finding
from legal_search.validity.status import compute_status

_ENDING_VERBS = {RelationKind.REPLACES: "thay thế bởi", RelationKind.REPEALS: "bãi bỏ bởi",
                 RelationKind.ANNULS: "hủy bỏ bởi"}
_ENDING_KINDS = frozenset(_ENDING_VERBS)
# families in which a cycle cannot happen: one supersedes the other, or one rests on the other
CYCLE_FAMILIES = {
    "thay thế/sửa đổi/bãi bỏ": frozenset({RelationKind.REPLACES, RelationKind.AMENDS,
                                          RelationKind.REPEALS, RelationKind.ANNULS}),
    "quy định chi tiết/căn cứ": frozenset({RelationKind.DETAILS, RelationKind.GUIDES,
                                           RelationKind.BASED_ON}),
}


def _v3_conflicting_labels(doc: LegalDocument, graph: RelationGraph, today: date) -> Iterator[Finding]:
    claimed = map_source_label(doc.status_raw)
    if claimed is Status.UNKNOWN:
        return
    ending = [e for e in graph.incoming(doc.id)
              if e.kind in _ENDING_KINDS and not e.relation.scope and e.source_id != doc.id]
    result = compute_status(doc.id, today, graph, history=False)
    if claimed is Status.IN_FORCE:
        for edge in ending:
            when = e_date(edge, graph)
            if when and when <= today:
                actor = display_name(graph.doc(edge.source_id))
                yield Finding("V3", "warning", doc.id, f"Nhãn “{doc.status_raw}” nhưng đã "
                              f"{_ENDING_VERBS[edge.kind]} {actor} từ {when:%d/%m/%Y}")
                return
    if claimed is Status.EXPIRED and result.status is not Status.EXPIRED and not doc.expiry_date \
            and not ending and result.computed:
        yield Finding("V3", "warning", doc.id,
                      f"Nhãn “{doc.status_raw}” nhưng không có sự kiện hết hiệu lực nào")
        return
    if result.computed and (d := compare_with_source(doc.id, doc.status_raw, result.status,
                                                     doc.status_source)):
        yield Finding("V3", "info", doc.id, d.message)


def e_date(edge: Edge, graph: RelationGraph) -> date | None:
    actor = graph.doc(edge.source_id)
    return edge.relation.effective_date or (actor.effective_date if actor else None)


def _v4_other_issuer(edge: Edge, graph: RelationGraph) -> Iterator[Finding]:
    if edge.kind not in (RelationKind.AMENDS, RelationKind.REPLACES) or not edge.target_id:
        return
    actor, target = graph.doc(edge.source_id), graph.doc(edge.target_id)
    mine, theirs = set(issuer_code(actor).split("-")), set(issuer_code(target).split("-"))
    if mine and theirs and not mine & theirs - {""}:
        yield Finding("V4", "warning", edge.source_id,
                      f"{edge.kind.value} {edge.target_label} của cơ quan khác "
                      f"({'-'.join(sorted(theirs))} ≠ {'-'.join(sorted(mine))}): Điều 154 khoản 2 "
                      "đòi cùng cơ quan ban hành; nếu không thì phải là bãi bỏ")


def _edge_dates(edge: Edge, graph: RelationGraph) -> Iterator[Finding]:
    actor, target = graph.doc(edge.source_id), graph.doc(edge.target_id or "")
    when = edge.relation.effective_date
    if edge.target_id == edge.source_id:
        yield Finding("SELF_REFERENCE", "error", edge.source_id,
                      f"Quan hệ {edge.kind.value} trỏ tới chính văn bản này")
    if when and actor and actor.issued_date and when < actor.issued_date \
            and edge.kind in ACTING_KINDS:
        yield Finding("EVENT_BEFORE_ISSUE", "warning", edge.source_id,
                      f"{edge.kind.value} {edge.target_label} từ {when:%d/%m/%Y}, trước ngày ban "
                      f"hành {actor.issued_date:%d/%m/%Y} của văn bản này")
    if target and actor and target.issued_date and actor.issued_date \
            and actor.issued_date < target.issued_date and edge.kind in ACTING_KINDS:
        yield Finding("EVENT_BEFORE_ISSUE", "warning", edge.source_id,
                      f"{edge.kind.value} {edge.target_label}, văn bản ban hành sau nó")
    if edge.target_id is None and edge.kind in ACTING_KINDS:
        yield Finding("ORPHAN", "info", edge.source_id,
                      f"Quan hệ {edge.kind.value} tới {edge.target_label or '(không rõ)'} "
                      "chưa liên kết được văn bản")


def _central_before_issue(doc: LegalDocument, graph: RelationGraph, today: date) -> Iterator[Finding]:
    if is_local(doc):  # V2 already reports local documents, as an error
        return
    if doc.issued_date and doc.effective_date and doc.effective_date < doc.issued_date:
        yield Finding("EVENT_BEFORE_ISSUE", "warning", doc.id,
                      f"Có hiệu lực {doc.effective_date:%d/%m/%Y} trước ngày ban hành "
                      f"{doc.issued_date:%d/%m/%Y} (hồi tố: kiểm tra)")


def cycles(graph: RelationGraph) -> Iterator[Finding]:
    """One finding per group of documents that reach each other within a relation family."""
    for family, kinds in CYCLE_FAMILIES.items():
        succ: dict[str, set[str]] = {}
        for edge in graph.all_edges():
            if edge.kind in kinds and edge.target_id and edge.target_id != edge.source_id:
                succ.setdefault(edge.source_id, set()).add(edge.target_id)
        for group in strongly_connected(succ):
            if len(group) > 1:
                members = sorted(group)
                yield Finding("CYCLE", "error", members[0],
                              f"Chu trình quan hệ {family}: {' → '.join(members)}")


def strongly_connected(succ: dict[str, set[str]]) -> list[set[str]]:
    """Tarjan's algorithm, iterative so that long chains cannot overflow the stack."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for root in sorted(succ):
        if root in index:
            continue
        work = [(root, iter(sorted(succ.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                        if member == node:
                            break
                    groups.append(group)
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(succ.get(child, ())))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return groups


def _ambiguous_keys(docs: list[LegalDocument]) -> Iterator[Finding]:
    seen: dict[str, list[str]] = {}
    for doc in docs:
        if doc_key(doc):
            seen.setdefault(doc_key(doc), []).append(doc.id)
    for key, ids in seen.items():
        if len(ids) > 1:
            yield Finding("AMBIGUOUS_KEY", "warning", ids[0],
                          f"Số ký hiệu {key} dùng cho {len(ids)} văn bản ({', '.join(ids)}): "
                          "quan hệ tới số này không được liên kết")


def _safe(rule: Callable[[], Iterable[Finding]], doc_id: str, name: str) -> list[Finding]:
    try:
        return list(rule())
    except Exception as exc:  # a rule that breaks on odd data is itself a finding
        return [Finding("LINT_ERROR", "error", doc_id, f"{name}: {type(exc).__name__}: {exc}")]


def lint(docs: Iterable[LegalDocument], graph: RelationGraph | None = None,
         today: date | None = None) -> list[Finding]:
    """All findings for the documents, in document order then rule order."""
    docs = list(docs)
    graph = graph if graph is not None else RelationGraph(docs)
    today = today or date.today()
    out: list[Finding] = []
    for doc in docs:
        for rule in DOCUMENT_RULES:
            out += _safe(lambda: rule(doc, today), doc.id, rule.__name__)
        for rule in (_central_before_issue, _v3_conflicting_labels):
            out += _safe(lambda: rule(doc, graph, today), doc.id, rule.__name__)
        for edge in graph.outgoing(doc.id):
            out += _safe(lambda: _v4_other_issuer(edge, graph), doc.id, "V4")
            out += _safe(lambda: _edge_dates(edge, graph), doc.id, "edge dates")
    out += _safe(lambda: cycles(graph), "", "cycles")
    out += _safe(lambda: _ambiguous_keys(docs), "", "ambiguous keys")
    return out
