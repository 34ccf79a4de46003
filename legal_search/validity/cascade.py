"""Timelines of a document with the cascade rule for detailing documents (domain notes §3.3).

When a base document B ends at t, a document D that details or guides B:
- before 01/04/2025 (Luật 80/2015 Điều 154 khoản 4) ends with B at t, unless D's own ending is
  stated (any dated whole-document ending event of D: obeyed instead) or D also details a
  document still in force at t (then it is flagged for review instead);
- from 01/04/2025 (Luật 64/2025 Điều 57 khoản 2) stays in force and is flagged for review until
  it ends by its own events (announcement of expiry, repeal…).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from legal_search.validity.events import Event, EventType
from legal_search.validity.graph import Edge, RelationGraph
from legal_search.validity.keys import display_name, is_vbhn
from legal_search.validity.paths import covers, split_scope
from legal_search.validity.reasons import describe, fmt_date
from legal_search.validity.timeline import Timeline, build_timelines

REGIME_2025 = date(2025, 4, 1)
LAW_2015 = "khoản 4 Điều 154 Luật 80/2015/QH13"
LAW_2025 = "khoản 2 Điều 57 Luật 64/2025/QH15"


@dataclass(frozen=True)
class Review:
    """Something a person must check; relevant from ``since`` (None: always)."""

    since: date | None
    note: str


@dataclass
class Resolved:
    timelines: list[Timeline]
    reviews: list[Review] = field(default_factory=list)


def namer(graph: RelationGraph):
    def name(doc_id: str) -> str:
        doc = graph.doc(doc_id)
        return display_name(doc) if doc else doc_id

    return name


def usable_events(graph: RelationGraph, doc_id: str) -> list[Event]:
    """Events of the document, without those whose actor is a VBHN (a snapshot, V6)."""
    out = []
    for event in graph.events_for(doc_id):
        actor = graph.doc(event.actor_doc)
        if actor is not None and is_vbhn(actor) and event.type is not EventType.CONSOLIDATE:
            continue
        out.append(event)
    return out


def scope_end(timelines: list[Timeline], scope: str) -> tuple[date | None, Event | None]:
    """When the provisions a scope names have all ended (None if some never end)."""
    paths, excepted = split_scope(scope)
    chosen = [
        t for t in timelines
        if (not paths or any(covers(p, t.chain) for p in paths))
        and not any(covers(p, t.chain) for p in excepted)
    ] or timelines
    if not chosen or any(t.end is None for t in chosen):
        return None, None
    last = max(chosen, key=lambda t: t.end)
    return last.end, last.end_event


def resolve(graph: RelationGraph, doc_id: str, visiting: frozenset[str] = frozenset()) -> Resolved:
    """Timelines of ``doc_id`` with its own events and the cascade from the bases it details."""
    result = Resolved(build_timelines(graph.doc(doc_id), usable_events(graph, doc_id)))
    if doc_id in visiting:
        result.reviews.append(Review(None, "Chu trình trong quan hệ quy định chi tiết: cần rà soát"))
        return result
    bases = [
        (edge, *scope_end(resolve(graph, edge.target_id, visiting | {doc_id}).timelines,
                          edge.relation.scope))
        for edge in graph.detailed_bases(doc_id)
        if edge.target_id and edge.target_id != doc_id
    ]
    explicit = any(
        t.end_event is not None and t.end_event.whole and t.end_event.source != "cascade"
        for t in result.timelines
    )
    for edge, end, event in bases:
        if end is not None:
            _apply(result, graph, edge, end, event, bases, explicit)
    return result


def _apply(result: Resolved, graph: RelationGraph, edge: Edge, end: date, event: Event | None,
           bases: list, explicit: bool) -> None:
    name = namer(graph)
    base = name(edge.target_id)
    how = describe(event, name) if event else "hết hiệu lực"
    if end >= REGIME_2025:
        if event is not None and event.type in (EventType.REPLACE, EventType.AMEND):
            note = (f"{base} hết hiệu lực từ {fmt_date(end)} ({how}); theo {LAW_2025} văn bản "
                    "quy định chi tiết tiếp tục có hiệu lực đến khi được công bố hết hiệu lực")
        else:
            note = (f"{base} hết hiệu lực từ {fmt_date(end)} ({how}); luật không quy định rõ "
                    "hệ quả với văn bản quy định chi tiết")
        result.reviews.append(Review(end, note + ": cần rà soát"))
        return
    if explicit:  # the document's own ending is stated: obey it rather than the cascade
        return
    alive = [name(e.target_id) for e, other_end, _ in bases
             if e is not edge and (other_end is None or other_end > end)]
    if alive:
        result.reviews.append(Review(end, f"{base} hết hiệu lực từ {fmt_date(end)} nhưng văn bản "
                                     f"còn quy định chi tiết {', '.join(alive)}: cần rà soát"))
        return
    cascade = Event(EventType.TERM_END, edge.target_id, edge.source_id, (), end,
                    f"hết hiệu lực cùng {base} ({how}) theo {LAW_2015}", "cascade")
    for timeline in result.timelines:
        if timeline.end is None or end < timeline.end:
            timeline.end, timeline.end_event = end, cascade


