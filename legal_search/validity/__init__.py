"""The validity engine: computed hiệu lực status of legal documents, with its reasons.

Pure core, no OpenSearch and no I/O: documents and their relations become dated events
(``events``), kept in a relation graph readable both ways (``graph``), from which the status of a
document on any date is computed per provision with a reason, a history and the 2015/2025 cascade
rules for detailing documents (``timeline``, ``cascade``, ``status``); source labels are mapped to
the canonical enum (``labels``), data-quality findings V1–V8 are listed (``lint``) and the date
ranges in force are given for an ``in_force_on`` index filter (``ranges``). Rules are
those of the domain notes §3.1–3.3 and §3.10.

Imports nothing of ours but the shared model (``legal_search.model``): no client, no settings, no
web framework, nothing from ``ingest``.
"""

from legal_search.validity.events import Event, EventType, events_from_documents
from legal_search.validity.graph import Edge, RelationGraph
from legal_search.validity.labels import Disagreement, compare_with_source, map_source_label
from legal_search.validity.lint import Finding, lint
from legal_search.validity.ranges import in_force_ranges, provision_ranges
from legal_search.validity.status import (
    HistoryEntry,
    StatusResult,
    article_in_force_on,
    compute_status,
    in_force_on,
    status_history,
)

__all__ = [
    "Disagreement",
    "Edge",
    "Event",
    "EventType",
    "Finding",
    "HistoryEntry",
    "RelationGraph",
    "StatusResult",
    "article_in_force_on",
    "compare_with_source",
    "compute_status",
    "events_from_documents",
    "in_force_on",
    "in_force_ranges",
    "lint",
    "map_source_label",
    "provision_ranges",
    "status_history",
]
