"""Per-provision timelines of one document: when each provision starts, is amended, suspended
and ends. Pure: takes the document (possibly unknown) and the events targeting it.

Provisions are the document's articles; a provision named by an event below article level (or any
named provision when the articles are unknown) becomes a provision of its own. Without articles a
pseudo-provision ``*`` stands for the rest of the document (domain notes §3.3 fallback).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from legal_search.model import LegalDocument
from legal_search.validity.events import ENDING, Event, EventType
from legal_search.validity.keys import fold
from legal_search.validity.paths import covers, heading_slug

REST = "*"
# at equal dates the most telling event gives the reason
_END_PRIORITY = {
    EventType.REPLACE: 0, EventType.REPEAL: 1, EventType.ANNUL: 2,
    EventType.ANNOUNCE_EXPIRED: 3, EventType.TERM_END: 4,
}


@dataclass(frozen=True)
class Version:
    """One wording of a provision in force over [start, end)."""

    start: date | None
    end: date | None
    created_by: Event | None = None  # None: the original wording


@dataclass
class Timeline:
    path: str  # "dieu-5", "dieu-84/khoan-4", "*"
    chain: tuple[str, ...]  # enclosing slugs then own, for coverage tests
    start: date | None = None
    start_event: Event | None = None
    end: date | None = None
    end_event: Event | None = None
    amendments: list[Event] = field(default_factory=list)
    suspensions: list[tuple[date, date | None, Event]] = field(default_factory=list)

    def versions(self) -> list[Version]:
        out: list[Version] = []
        start, creator = self.start, None
        for event in self.amendments:  # sorted by date
            if out and event.effective_date == start:  # same-day amendments: one new wording
                creator = event
                continue
            out.append(Version(start, event.effective_date, creator))
            start, creator = event.effective_date, event
        out.append(Version(start, self.end, creator))
        return out


def article_path(anchor: str, number: str) -> str:
    """The provision path of an article: its anchor ("dieu-5"), else "dieu-" + its number."""
    return anchor if anchor.startswith("dieu-") else f"dieu-{fold(number).lower()}"


def _provisions(doc: LegalDocument | None, events: list[Event]) -> list[Timeline]:
    out = []
    for art in doc.articles if doc else []:
        own = article_path(art.anchor, art.number)
        chain = tuple(s for s in map(heading_slug, art.path) if s) + (own,)
        out.append(Timeline(own, chain))
    named = dict.fromkeys(p for e in events for p in (*e.target_paths, *e.except_paths))
    for path in named:
        if any(t.path == path for t in out):
            continue
        parent = next((t for t in out if path.startswith(t.path + "/")), None)
        if parent is not None:
            out.append(Timeline(path, parent.chain + tuple(path[len(parent.path) + 1:].split("/"))))
        elif not any(covers(path, t.chain) for t in out):
            out.append(Timeline(path, tuple(path.split("/"))))
    if not doc or not doc.articles:
        out.append(Timeline(REST, (REST,)))
    return out


def applies(event: Event, timeline: Timeline) -> bool:
    if any(covers(p, timeline.chain) for p in event.except_paths):
        return False
    return event.whole or any(covers(p, timeline.chain) for p in event.target_paths)


def _specificity(event: Event, timeline: Timeline) -> int:
    return max((len(p.split("/")) for p in event.target_paths if covers(p, timeline.chain)), default=0)


def _set_start(timeline: Timeline, events: list[Event]) -> None:
    starts = [e for e in events if e.type is EventType.EFFECTIVE and e.effective_date]
    if starts:
        best = max(starts, key=lambda e: (_specificity(e, timeline), -e.effective_date.toordinal()))
        timeline.start, timeline.start_event = best.effective_date, best


def _set_end(timeline: Timeline, events: list[Event]) -> None:
    ends = [e for e in events if e.type in ENDING and e.effective_date]
    if ends:
        best = min(ends, key=lambda e: (e.effective_date, _END_PRIORITY.get(e.type, 9)))
        timeline.end, timeline.end_event = best.effective_date, best


def _set_suspensions(timeline: Timeline, events: list[Event]) -> None:
    resumes = sorted(e.effective_date for e in events
                     if e.type is EventType.RESUME and e.effective_date)
    for event in events:
        if event.type is EventType.SUSPEND and event.effective_date:
            until = next((r for r in resumes if r > event.effective_date), None)
            timeline.suspensions.append((event.effective_date, until, event))


def is_self_reference(event: Event) -> bool:
    """A relation of a document to itself: a lint finding, never a status event."""
    return event.source == "relation" and event.actor_doc == event.target_doc


def build_timelines(doc: LegalDocument | None, events: Iterable[Event]) -> list[Timeline]:
    events = [e for e in events if not is_self_reference(e)]
    timelines = _provisions(doc, events)
    for timeline in timelines:
        mine = [e for e in events if applies(e, timeline)]
        _set_start(timeline, mine)
        _set_end(timeline, mine)
        _set_suspensions(timeline, mine)
        timeline.amendments = sorted(
            (e for e in mine if e.type is EventType.AMEND and e.effective_date),
            key=lambda e: e.effective_date,
        )
    return timelines
