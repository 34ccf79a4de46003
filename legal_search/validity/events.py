"""Status events (domain notes §3.3) read from documents: their dates and their relations.

An event says that ``actor_doc`` did something to ``target_doc`` (or to the listed provisions of
it) from ``effective_date``. Targets are document ids when a document with the relation's key is
among those given, otherwise the key itself with ``resolved=False``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum

from legal_search.model import LegalDocument, Relation, RelationKind
from legal_search.validity.keys import doc_key, number_key
from legal_search.validity.paths import split_scope


class EventType(str, Enum):
    EFFECTIVE = "EFFECTIVE"
    TERM_END = "TERM_END"
    AMEND = "AMEND"  # sửa đổi
    SUPPLEMENT = "SUPPLEMENT"  # bổ sung
    REPLACE = "REPLACE"  # thay thế
    REPEAL = "REPEAL"  # bãi bỏ
    ANNUL = "ANNUL"  # hủy bỏ
    SUSPEND = "SUSPEND"  # đình chỉ / ngưng hiệu lực
    RESUME = "RESUME"
    CORRECT = "CORRECT"  # đính chính: no change of effect
    CONSOLIDATE = "CONSOLIDATE"  # VBHN: a snapshot, no change of effect
    DETAIL = "DETAIL"  # quy định chi tiết
    GUIDE = "GUIDE"  # hướng dẫn
    BASIS = "BASIS"  # căn cứ
    CITE = "CITE"  # dẫn chiếu
    ANNOUNCE_EXPIRED = "ANNOUNCE_EXPIRED"  # công bố hết hiệu lực


# events that end the wording they target (AMEND ends the old wording only: see status)
ENDING = frozenset(
    {EventType.TERM_END, EventType.REPLACE, EventType.REPEAL, EventType.ANNUL,
     EventType.ANNOUNCE_EXPIRED}
)
NO_EFFECT = frozenset(
    {EventType.CORRECT, EventType.CONSOLIDATE, EventType.DETAIL, EventType.GUIDE,
     EventType.BASIS, EventType.CITE, EventType.SUPPLEMENT}
)

KIND_TO_EVENT: Mapping[RelationKind, EventType] = {
    RelationKind.REPLACES: EventType.REPLACE,
    RelationKind.AMENDS: EventType.AMEND,
    RelationKind.SUPPLEMENTS: EventType.SUPPLEMENT,
    RelationKind.REPEALS: EventType.REPEAL,
    RelationKind.SUSPENDS: EventType.SUSPEND,
    RelationKind.DETAILS: EventType.DETAIL,
    RelationKind.GUIDES: EventType.GUIDE,
    RelationKind.BASED_ON: EventType.BASIS,
    RelationKind.CONSOLIDATES: EventType.CONSOLIDATE,
    RelationKind.ANNOUNCES_EXPIRED: EventType.ANNOUNCE_EXPIRED,
    RelationKind.ANNULS: EventType.ANNUL,
    RelationKind.RESUMES: EventType.RESUME,
    RelationKind.CORRECTS: EventType.CORRECT,
    RelationKind.CITES: EventType.CITE,
}


@dataclass(frozen=True)
class Event:
    type: EventType
    actor_doc: str
    target_doc: str
    target_paths: tuple[str, ...] = ()  # empty = the whole document
    effective_date: date | None = None
    evidence: str = ""
    source: str = ""  # "metadata", "relation", "announcement", …
    except_paths: tuple[str, ...] = ()  # "toàn bộ, trừ các điều 77, 78"
    resolved: bool = True  # False: target_doc is a number key with no document yet
    actor_label: str = ""  # for reasons when the actor is not among the documents

    @property
    def whole(self) -> bool:
        return not self.target_paths


def relation_key(relation: Relation) -> str:
    return relation.target_key or number_key(relation.target_number)


def relation_date(relation: Relation, actor: LegalDocument, kind: EventType) -> date | None:
    """The event date: explicit, else the actor's effective date (replacement rule of §3.3).

    A VBHN is dated by its issue date (a snapshot); a suspension without a date by the actor's
    effective date, else its issue date (đình chỉ usually applies from signing).
    """
    if relation.effective_date:
        return relation.effective_date
    if kind is EventType.CONSOLIDATE:
        return actor.issued_date or actor.effective_date
    return actor.effective_date or (actor.issued_date if kind is EventType.SUSPEND else None)


def own_events(doc: LegalDocument) -> list[Event]:
    """EFFECTIVE and TERM_END events of a document, from its dates and its effective parts."""
    out: list[Event] = []
    if doc.effective_date:
        out.append(Event(EventType.EFFECTIVE, doc.id, doc.id, (), doc.effective_date, source="metadata"))
    if doc.expiry_date:
        out.append(Event(EventType.TERM_END, doc.id, doc.id, (), doc.expiry_date, source="metadata"))
    for part in doc.effective_parts:
        paths, excepted = split_scope(part.scope)
        for kind, when in ((EventType.EFFECTIVE, part.effective_date),
                           (EventType.TERM_END, part.expiry_date)):
            if when:
                out.append(Event(kind, doc.id, doc.id, paths, when, part.evidence,
                                 "metadata", excepted))
    return out


TOPIC_PATH = "quy-dinh-theo-noi-dung"


def _partial_words(scope: str) -> bool:
    text = " ".join(scope.split()).lower()
    return bool(text) and not text.startswith("toàn bộ")


def relation_event(actor: LegalDocument, relation: Relation, resolve: Mapping[str, str]) -> Event:
    kind = KIND_TO_EVENT[relation.kind]
    key = relation_key(relation)
    target = resolve.get(key, "") if key else ""
    paths, excepted = split_scope(relation.scope)
    if not paths and not excepted and _partial_words(relation.scope):
        # "các quy định về trưng dụng đất trong Luật …": a part named by topic, not by article.
        # It is not the whole document; one provision of its own stands for it.
        paths = (TOPIC_PATH,)
    return Event(
        type=kind,
        actor_doc=actor.id,
        target_doc=target or key or relation.target_number or relation.target_title,
        target_paths=paths,
        effective_date=relation_date(relation, actor, kind),
        evidence=relation.evidence,
        source="relation",
        except_paths=excepted,
        resolved=bool(target),
    )


def key_index(docs: Iterable[LegalDocument]) -> dict[str, str]:
    """number key → id, leaving out keys shared by several documents (never guess)."""
    seen: dict[str, set[str]] = {}
    for doc in docs:
        key = doc_key(doc)
        if key:
            seen.setdefault(key, set()).add(doc.id)
    return {key: next(iter(ids)) for key, ids in seen.items() if len(ids) == 1}


def events_from_documents(docs: Iterable[LegalDocument]) -> list[Event]:
    """All events stated by the documents: their own dates, then each relation as an event."""
    docs = list(docs)
    resolve = key_index(docs)
    out: list[Event] = []
    for doc in docs:
        out += own_events(doc)
        out += [relation_event(doc, rel, resolve) for rel in doc.relations]
    return out
