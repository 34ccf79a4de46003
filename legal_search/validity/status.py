"""Status of a document on a date (domain notes §3.3 algorithm), its reason and its history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from legal_search.model import LegalDocument, Status
from legal_search.validity.cascade import Resolved, Review, namer, resolve
from legal_search.validity.events import Event
from legal_search.validity.graph import RelationGraph
from legal_search.validity.keys import number_key
from legal_search.validity.labels import map_source_label
from legal_search.validity.reasons import describe, fmt_date, path_label
from legal_search.validity.timeline import Timeline, Version

IN_FORCE_STATES = frozenset(
    {Status.IN_FORCE, Status.IN_FORCE_PARTLY_PENDING, Status.EXPIRED_PART, Status.SUSPENDED_PART}
)


class HistoryEntry(NamedTuple):
    date: date
    status: Status
    reason: str


@dataclass
class ProvisionStatus:
    """State of one provision on the date: IN_FORCE, NOT_YET, EXPIRED, SUSPENDED or UNKNOWN."""

    path: str
    state: Status
    since: date | None = None
    event: Event | None = None
    amendments: list[Event] = field(default_factory=list)  # those in effect on the date
    versions: list[Version] = field(default_factory=list)

    @property
    def amended(self) -> bool:
        return bool(self.amendments)


@dataclass
class StatusResult:
    doc_id: str
    as_of: date
    status: Status
    reason: str
    history: list[HistoryEntry] = field(default_factory=list)
    needs_review: bool = False
    review_notes: list[str] = field(default_factory=list)
    provisions: list[ProvisionStatus] = field(default_factory=list)
    computed: bool = True  # False: not enough dated events, the source's label was used
    status_raw: str = ""

    def provision(self, path: str) -> ProvisionStatus | None:
        return next((p for p in self.provisions if p.path == path), None)


def provision_state(t: Timeline, as_of: date) -> ProvisionStatus:
    versions = t.versions()
    if t.end is not None and as_of >= t.end:
        return ProvisionStatus(t.path, Status.EXPIRED, t.end, t.end_event, versions=versions)
    if t.start is None:
        return ProvisionStatus(t.path, Status.UNKNOWN, versions=versions)
    if as_of < t.start:
        return ProvisionStatus(t.path, Status.NOT_YET, t.start, t.start_event, versions=versions)
    for start, until, event in t.suspensions:
        if start <= as_of and (until is None or as_of < until):
            return ProvisionStatus(t.path, Status.SUSPENDED, start, event, versions=versions)
    amended = [a for a in t.amendments if a.effective_date <= as_of]
    since = max([t.start] + [a.effective_date for a in amended])
    return ProvisionStatus(t.path, Status.IN_FORCE, since, t.start_event, amended, versions)


def aggregate(states: list[ProvisionStatus]) -> Status:
    kinds = [s.state for s in states]
    if all(k is Status.EXPIRED for k in kinds):
        return Status.EXPIRED
    if all(k is Status.SUSPENDED for k in kinds):
        return Status.SUSPENDED
    if Status.SUSPENDED in kinds:
        return Status.SUSPENDED_PART
    if Status.EXPIRED in kinds or any(s.amended for s in states):
        return Status.EXPIRED_PART
    if Status.UNKNOWN in kinds:
        return Status.UNKNOWN
    if all(k is Status.NOT_YET for k in kinds):
        return Status.NOT_YET
    if Status.NOT_YET in kinds:
        return Status.IN_FORCE_PARTLY_PENDING
    return Status.IN_FORCE


def _changes(states: list[ProvisionStatus], name) -> tuple[date | None, str]:
    """Earliest date and wording of the endings and amendments in effect."""
    seen: dict[Event, date] = {}
    for s in states:
        if s.state is Status.EXPIRED and s.event is not None:
            seen.setdefault(s.event, s.since)
        for a in s.amendments:
            seen.setdefault(a, a.effective_date)
    ordered = sorted(seen.items(), key=lambda item: item[1])
    texts = list(dict.fromkeys(describe(e, name) for e, _ in ordered))
    more = f" và {len(texts) - 3} thay đổi khác" if len(texts) > 3 else ""
    return (ordered[0][1] if ordered else None), "; ".join(texts[:3]) + more


def explain(status: Status, states: list[ProvisionStatus], name) -> str:
    """The reason, naming the event and the document that caused the status."""
    label = status.label
    if status is Status.EXPIRED:
        last = max(states, key=lambda s: s.since)
        return f"{label} từ {fmt_date(last.since)}: {describe(last.event, name)}"
    if status in (Status.SUSPENDED, Status.SUSPENDED_PART):
        last = max((s for s in states if s.state is Status.SUSPENDED), key=lambda s: s.since)
        return f"{label} từ {fmt_date(last.since)}: {describe(last.event, name)}"
    if status is Status.EXPIRED_PART:
        when, text = _changes(states, name)
        return f"{label} từ {fmt_date(when)}: {text}"
    if status is Status.NOT_YET:
        return f"{label}: có hiệu lực từ {fmt_date(min(s.since for s in states))}"
    if status is Status.IN_FORCE_PARTLY_PENDING:
        pending = [s for s in states if s.state is Status.NOT_YET]
        parts = "; ".join(f"{path_label(s.path)} có hiệu lực từ {fmt_date(s.since)}"
                          for s in pending[:5])
        return f"{label}: {parts}"
    if status is Status.IN_FORCE:
        return f"{label} từ {fmt_date(max(s.since for s in states))}"
    return f"{label}: chưa có ngày có hiệu lực hoặc sự kiện đủ để tính"


def _as_graph(source: RelationGraph | Iterable[Event]) -> RelationGraph:
    if isinstance(source, RelationGraph):
        return source
    graph = RelationGraph()
    graph.add_events(source)
    return graph


def _evaluate(doc_id: str, doc: LegalDocument | None, resolved: Resolved, as_of: date, name):
    states = [provision_state(t, as_of) for t in resolved.timelines]
    status = aggregate(states)
    notes = [r.note for r in resolved.reviews if r.since is None or r.since <= as_of]
    if status is Status.EXPIRED:  # nothing left to review once the document has ended
        notes = []
    raw = doc.status_raw if doc else ""
    reason = explain(status, states, name)
    if notes:  # shown with the status, so the history records when the doubt arose
        reason = f"{reason}. {notes[-1]}"
    result = StatusResult(doc_id, as_of, status, reason, needs_review=bool(notes),
                          review_notes=notes, provisions=states, status_raw=raw)
    if status is Status.UNKNOWN and map_source_label(raw) is not Status.UNKNOWN:
        where = f" {doc.status_source}" if doc.status_source else ""
        result.status, result.computed, result.needs_review = map_source_label(raw), False, True
        result.reason = f"Chưa đủ dữ liệu để tính; theo nhãn của nguồn{where}: “{raw}”"
    elif status is Status.UNKNOWN and raw:
        result.reason = f"{result.reason} (nhãn nguồn: “{raw}”)"
    return result


def _history_dates(doc: LegalDocument | None, resolved: Resolved) -> list[date]:
    dates = {doc.issued_date} if doc and doc.issued_date else set()
    for t in resolved.timelines:
        dates |= {t.start, t.end} | {a.effective_date for a in t.amendments}
        dates |= {d for start, until, _ in t.suspensions for d in (start, until)}
    dates |= {r.since for r in resolved.reviews}
    return sorted(d for d in dates if d is not None)


def _history(doc_id, doc, resolved: Resolved, name) -> list[HistoryEntry]:
    out: list[HistoryEntry] = []
    for when in _history_dates(doc, resolved):
        r = _evaluate(doc_id, doc, resolved, when, name)
        if not out or (out[-1].status, out[-1].reason) != (r.status, r.reason):
            out.append(HistoryEntry(when, r.status, r.reason))
    return out


def _known_id(graph: RelationGraph, doc_id: str) -> str:
    """The id itself, or the id of the one document whose number it is ("05/2020/TT-BTC")."""
    if doc_id in graph:
        return doc_id
    return graph.resolve_key(number_key(doc_id)) or doc_id


def compute_status(doc_id: str, as_of: date, graph: RelationGraph | Iterable[Event], *,
                   history: bool = True) -> StatusResult:
    """Status of ``doc_id`` (an id, or a number naming one document) on ``as_of`` from the
    graph's documents and events (or from a bare list of events), with reason, history, review
    notes and per-provision states. ``history=False`` skips the history (bulk checks)."""
    graph = _as_graph(graph)
    doc_id = _known_id(graph, doc_id)
    doc, name = graph.doc(doc_id), namer(graph)
    resolved = resolve(graph, doc_id)
    result = _evaluate(doc_id, doc, resolved, as_of, name)
    if history:
        result.history = _history(doc_id, doc, resolved, name)
    return result


def status_history(doc_id: str, graph: RelationGraph | Iterable[Event]) -> list[HistoryEntry]:
    """Every change of status or reason, dated, oldest first."""
    graph = _as_graph(graph)
    doc_id = _known_id(graph, doc_id)
    return _history(doc_id, graph.doc(doc_id), resolve(graph, doc_id), namer(graph))


def _doc_and_graph(doc: LegalDocument | str, graph: RelationGraph | None):
    if isinstance(doc, LegalDocument):
        if graph is None:
            graph = RelationGraph([doc])
        return doc.id, graph
    return doc, graph if graph is not None else RelationGraph()


def in_force_on(doc: LegalDocument | str, when: date, graph: RelationGraph | None = None) -> bool:
    """Whether any of the document is in force on ``when`` (in force, partly pending, partly
    expired or partly suspended). Unknown status is not in force."""
    doc_id, graph = _doc_and_graph(doc, graph)
    return compute_status(doc_id, when, graph).status in IN_FORCE_STATES


def article_in_force_on(doc: LegalDocument | str, path: str, when: date,
                        graph: RelationGraph | None = None) -> bool:
    """Whether the original wording of a provision ("dieu-5") applies on ``when``: started, not
    ended, not suspended and not yet amended. A provision no event names follows the rest."""
    doc_id, graph = _doc_and_graph(doc, graph)
    result = compute_status(doc_id, when, graph)
    state = result.provision(path) or result.provision("*")
    return state is not None and state.state is Status.IN_FORCE and not state.amended


__all__ = [
    "HistoryEntry", "ProvisionStatus", "Review", "StatusResult", "article_in_force_on",
    "compute_status", "in_force_on", "status_history",
]
