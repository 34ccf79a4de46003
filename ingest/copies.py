"""Two copies of one document in one import (a law's full text and the articles Pháp điển quotes
of it; a catalogue row and the text): the richer copy is indexed, and it takes from the other
what it lacks, so that nothing either source knew is lost.

Filled only where the kept copy is empty, each with its provenance (``copy:PATH``); a field both
copies give differently stays as the kept copy has it and the difference is recorded in
``disagreements``. Relations are joined (the Pháp điển notes name amendments article by article);
articles take the codified headings Pháp điển gives them.
"""

from __future__ import annotations

from legal_search.model import LegalDocument, Relation

SCALARS = ("number", "number_key", "doc_type", "issuer", "issuer_parent", "issued_place", "issued_date",
           "passed_date", "effective_date", "expiry_date", "title", "signer", "signer_title", "signer_prefix",
           "status_raw", "status_source")
COMPARED = ("number_key", "doc_type", "issued_date", "effective_date")  # a difference here is worth a look
LISTS = ("fields", "bases")


def _relation_key(rel: Relation) -> tuple:
    return rel.kind, rel.target_key or rel.target_number or rel.target_title, rel.scope


def with_origins(provenance: str | None, *origins: str) -> str:
    """A field's provenance with more sources after it: ``text:header+copy:A+copy:B``."""
    return "+".join(dict.fromkeys(x for x in (provenance, *origins) if x))


def added_relations(mine: list[Relation], theirs: list[Relation], origin: str) -> list[Relation]:
    """The relations of another copy that ``mine`` lacks, each marked with the file that stated
    it (``Relation.origin``; a relation that copy had itself taken from a third file keeps that)."""
    known = {_relation_key(r) for r in mine}
    out = []
    for rel in theirs:
        key = _relation_key(rel)
        if key not in known:
            known.add(key)
            out.append(rel.model_copy(update={"origin": rel.origin or origin}))
    return out


def merge_copies(kept: LegalDocument, other: LegalDocument) -> None:
    """Complete ``kept`` (changed in place) with what ``other`` knows and it does not."""
    origin = f"copy:{other.source.path or other.id}"
    for name in SCALARS:
        mine, theirs = getattr(kept, name), getattr(other, name)
        if theirs in (None, ""):
            continue
        if mine in (None, ""):
            setattr(kept, name, theirs)
            kept.provenance[name] = origin
        elif name in COMPARED and mine != theirs:
            kept.disagreements.append(f"{name}: {mine} here, {theirs} in {other.source.path or other.id}")
    if kept.is_normative is None and other.is_normative is not None:
        kept.is_normative = other.is_normative
    for name in LISTS:
        mine = getattr(kept, name)
        mine += [v for v in getattr(other, name) if v not in mine]
    added = added_relations(kept.relations, other.relations, origin)
    if added:
        kept.relations += added
        kept.provenance["relations"] = with_origins(kept.provenance.get("relations"), origin)
    codified = {a.number: a for a in other.articles if a.codified_heading or a.codified_id}
    for art in kept.articles:
        twin = codified.get(art.number)
        if twin is not None and not (art.codified_heading or art.codified_id):
            art.codified_heading, art.codified_id = twin.codified_heading, twin.codified_id


def other_copy_richness(stored: dict, source: str) -> tuple[bool, int] | None:
    """(has text, number of articles) of a stored document (its record's ``has_text``,
    ``source_path`` and ``doc``) when it came from another file than ``source``; None when it
    came from the same file (a re-import is a correction) or from no known file."""
    if not stored.get("source_path") or stored["source_path"] == source:
        return None
    return bool(stored.get("has_text")), len((stored.get("doc") or {}).get("articles") or [])


# Fields a stored document can take from a poorer copy imported later without re-analysing its
# text: each is written the same way in the document's ``doc`` and on every record of it
# (partial updates, ``ingest.pipeline``).
RECORD_FIELDS = ("issuer_parent", "issued_place", "passed_date", "effective_date", "expiry_date", "signer",
                 "signer_title", "status_raw", "status_source", "fields")


def stored_patch(stored: dict, other: dict) -> dict:
    """What ``other`` (a copy's ``doc``, as stored) gives that the stored ``doc`` lacks, among
    ``RECORD_FIELDS``: {field: value}. Empty when it gives nothing new."""
    return {name: other[name] for name in RECORD_FIELDS
            if other.get(name) not in (None, "", []) and stored.get(name) in (None, "", [])}


def keep_completions(kept: LegalDocument, stored: LegalDocument) -> list[str]:
    """A new version of a stored document read from the same file keeps what other files had
    completed the stored one with (each such field credited ``copy:OTHER`` in the stored
    provenance), where the new version is still empty. Returns the names of the fields kept."""
    own = f"copy:{kept.source.path or kept.id}"
    names = []
    for name, origin in stored.provenance.items():
        if not origin.startswith("copy:") or origin == own or name not in SCALARS + LISTS:
            continue
        value = getattr(stored, name)
        if value in (None, "", []) or getattr(kept, name) not in (None, "", []):
            continue
        setattr(kept, name, value)
        kept.provenance[name] = origin
        names.append(name)
    # relations other files stated (marked by ``merge_copies``; a document stored before relations
    # carried their origin cannot tell them from its own, and keeps only what its file says now)
    others = [r for r in stored.relations if r.origin.startswith("copy:") and r.origin != own]
    added = added_relations(kept.relations, others, "")
    if added:
        kept.relations += added
        kept.provenance["relations"] = with_origins(kept.provenance.get("relations"), *(r.origin for r in added))
        names.append("relations")
    return names
