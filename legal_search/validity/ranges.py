"""Date ranges in force, for an ``in_force_on=DATE`` filter stored as date ranges in the index.

Ranges are half-open ``(start, end_exclusive)``; ``end_exclusive`` None means open-ended.
"""

from __future__ import annotations

from datetime import date

from legal_search.validity.cascade import resolve
from legal_search.validity.graph import RelationGraph
from legal_search.validity.status import IN_FORCE_STATES, status_history
from legal_search.validity.timeline import Timeline

Range = tuple[date, date | None]


def in_force_ranges(doc_id: str, graph: RelationGraph) -> list[Range]:
    """When any of the document is in force (the statuses ``in_force_on`` accepts)."""
    out: list[Range] = []
    start: date | None = None
    for entry in status_history(doc_id, graph):
        live = entry.status in IN_FORCE_STATES
        if live and start is None:
            start = entry.date
        elif not live and start is not None:
            out.append((start, entry.date))
            start = None
    if start is not None:
        out.append((start, None))
    return out


def _original_wording(t: Timeline) -> list[Range]:
    """[start, first of end / first amendment), minus suspensions."""
    if t.start is None:
        return []
    cuts = [x for x in (t.end, *(a.effective_date for a in t.amendments)) if x is not None]
    end = min(cuts, default=None)
    if end is not None and end <= t.start:
        return []
    out: list[Range] = [(t.start, end)]
    for s_start, s_end, _ in sorted(t.suspensions, key=lambda s: s[0]):
        out = [piece for r in out for piece in _minus(r, s_start, s_end)]
    return out


def _minus(r: Range, cut_start: date, cut_end: date | None) -> list[Range]:
    start, end = r
    pieces: list[Range] = []
    if cut_start > start:
        pieces.append((start, cut_start if end is None else min(end, cut_start)))
    if cut_end is not None and (end is None or cut_end < end):
        pieces.append((max(start, cut_end), end))
    return [p for p in pieces if p[1] is None or p[0] < p[1]]


def provision_ranges(doc_id: str, graph: RelationGraph) -> dict[str, list[Range]]:
    """Per provision path ("dieu-5", "*" for the rest): when its original wording applies, so
    that an article amended or repealed before a date does not match as in force on it."""
    return {t.path: _original_wording(t) for t in resolve(graph, doc_id).timelines}


