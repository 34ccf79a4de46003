"""prepare(doc) → index actions: a document record plus one record per article, each text
analysed into the aligned fields of ``legal_search.mapping`` (normalise, segment, fold)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import analyzers
from legal_search.model import LegalDocument, Procedure
from legal_search.statuses import differs

PREAMBLE_LIMIT = 20_000  # characters of the text before Điều 1 indexed on a document record
SUGGEST_LIMIT = 80


def _analysed(prefix: str, text: str) -> dict[str, str]:
    fields = analyzers.index_fields(text or "")
    return {f"{prefix}{suffix}": fields[key] for key, suffix in
            (("text", ""), ("text_canon", "_canon"), ("text_folded", "_folded"), ("text_words", "_words"))}


def _suggest(*texts: str) -> list[str]:
    out: list[str] = []
    for t in texts:
        t = (t or "").strip()[:SUGGEST_LIMIT]
        for form in (t, analyzers.fold(t)):
            if form and form not in out:
                out.append(form)
    return out


# which file stated a relation is provenance, not content: a stored document's hash stays the
# same whether or not its relations carry it
_NOT_HASHED = {"source": True, "relations": {"__all__": {"origin"}}}


def content_hash(doc: LegalDocument | Procedure) -> str:
    data = json.dumps(doc.model_dump(mode="json", exclude=_NOT_HASHED), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def _doc_meta(doc: LegalDocument) -> dict:
    label = doc.status.label if doc.status else ""
    return {
        "doc_id": doc.id,
        "number": doc.number or None,
        "number_key": doc.number_key or None,
        "doc_type": doc.doc_type or None,
        "issuer": " và ".join(analyzers.issuer_names(doc.issuer)) or None,
        "issuers": analyzers.issuer_names(doc.issuer),
        "issuer_parent": doc.issuer_parent or None,
        "issued_place": doc.issued_place or None,
        "fields": doc.fields,
        "signer": doc.signer or None,
        "signer_title": doc.signer_title or None,
        "issued_date": doc.issued_date.isoformat() if doc.issued_date else None,
        "passed_date": doc.passed_date.isoformat() if doc.passed_date else None,
        "effective_date": doc.effective_date.isoformat() if doc.effective_date else None,
        "expiry_date": doc.expiry_date.isoformat() if doc.expiry_date else None,
        "issued_year": doc.issued_date.year if doc.issued_date else None,
        "status": doc.status.value if doc.status else None,
        "status_label": label or None,
        "status_reason": doc.status_reason or None,
        "status_raw": doc.status_raw or None,
        "status_source": doc.status_source or None,
        "is_normative": doc.is_normative,
        "has_text": doc.has_text,
        "relation_keys": sorted({r.target_key for r in doc.relations if r.target_key}),
        "source_sha256": doc.source.sha256 or None,
        "source_path": doc.source.path or None,
        "dataset": doc.source.dataset or None,
    }


def _preamble(doc: LegalDocument) -> str:
    if not doc.articles:
        return doc.text
    first = doc.articles[0].heading
    cut = doc.text.find(first) if first else -1
    return doc.text[:cut if cut > 0 else PREAMBLE_LIMIT][:PREAMBLE_LIMIT]


def document_actions(doc: LegalDocument, index: str) -> list[dict]:
    """The bulk actions for one document: its record, then one record per article."""
    if not doc.id:
        raise ValueError("document has no id")
    meta = _doc_meta(doc)
    title = _analysed("title", doc.title)  # analysed once: every article record carries it
    stored = doc.model_dump(mode="json", exclude={"text", "articles"})
    stored["articles"] = [{"anchor": a.anchor, "number": a.number, "heading": a.heading} for a in doc.articles]
    record = {
        "record": "document",
        **meta,
        **title,
        **_analysed("body", _preamble(doc)),
        "full_text": doc.text or None,
        "suggest": _suggest(doc.number, doc.title),
        "doc": stored,
        "content_hash": content_hash(doc),
    }
    actions = [{"_index": index, "_id": doc.id, "_source": record}]
    for art in doc.articles:
        actions.append({"_index": index, "_id": f"{doc.id}~{art.anchor}", "_source": {
            "record": "article",
            **meta,
            "anchor": art.anchor,
            "article_number": art.number,
            "heading": art.heading,
            "path": " › ".join(art.path) or None,
            **title,
            **_analysed("body", art.text or art.heading),
        }})
    return actions


def procedure_action(proc: Procedure, index: str) -> dict:
    body = "\n".join([proc.name, *proc.steps, *(p.name for p in proc.papers), proc.subjects,
                      proc.results, proc.requirements, proc.agency])
    return {"_index": index, "_id": proc.code, "_source": {
        "code": proc.code,
        "decision_number": proc.decision_number or None,
        "level": proc.level or None,
        "procedure_type": proc.procedure_type or None,
        "fields": proc.fields,
        "agency": proc.agency or None,
        "basis_keys": sorted({b.number_key for b in proc.legal_basis if b.number_key}),
        "basis_doc_ids": sorted({b.doc_id for b in proc.legal_basis if b.doc_id}),
        **_analysed("name", proc.name),
        **_analysed("body", body),
        "procedure": proc.model_dump(mode="json"),
        "suggest": _suggest(proc.code, proc.name),
        "content_hash": content_hash(proc),
    }}


@dataclass
class Prepared:
    """One input's records, already serialised for a bulk request (done in the worker process,
    so the importer's main process only concatenates bytes).

    Each record's validity fields (``legal_search.statuses``) are written last in its line, from
    byte ``cuts[i]`` on, so that the importer can settle them once it knows every document of
    the import (``set_validity``) without parsing the line again."""

    index: str
    id: str  # the main record's id
    content_hash: str
    is_document: bool
    lines: list[tuple[str, bytes]]  # (record id, action line + source line)
    articles: list[tuple[str, str]] = field(default_factory=list)  # (anchor, number) of lines[1:]
    validity: list[dict] = field(default_factory=list)  # per line, as written
    cuts: list[int] = field(default_factory=list)  # per line, where its validity fields begin
    # a document's (has text, number of articles) and source file: a stored copy from another
    # file with more is not replaced by this one (``ingest.bulk``)
    richness: tuple = ()
    source: str = ""

    @property
    def size(self) -> int:
        return sum(len(b) for _, b in self.lines)

    @property
    def ids(self) -> set[str]:
        return {rid for rid, _ in self.lines}

    def set_validity(self, fields: list[dict]) -> bool:
        """Write ``fields`` (one dict per line) over the validity fields of the lines where they
        differ; False when the lines carry no validity fields to replace (the engine could
        not judge the document alone), so nothing was written."""
        if len(fields) != len(self.lines) or len(self.validity) != len(self.lines) \
                or not all(self.validity):
            return False
        for i, (old, new) in enumerate(zip(self.validity, fields)):
            if differs(old, new):
                rid, line = self.lines[i]
                self.lines[i] = (rid, line[:self.cuts[i]] + _tail(new) + b"\n")
                self.validity[i] = new
        return True


def _tail(fields: dict) -> bytes:
    """The end of a source object: its validity fields and the closing brace."""
    if not fields:
        return b"}"
    return b"," + json.dumps(fields, ensure_ascii=False, separators=(",", ":"))[1:].encode()


def serialize(actions: list[dict], validity: list[dict] | None = None,
              articles: list[tuple[str, str]] | None = None) -> Prepared:
    """Action and source lines; ``validity[i]`` (when given, one dict per action) is written at
    the end of source i, replacing any field of the same name."""
    main = actions[0]
    validity = validity if validity and len(validity) == len(actions) else [{} for _ in actions]
    lines, cuts = [], []
    for a, extra in zip(actions, validity):
        head = json.dumps({"index": {"_index": a["_index"], "_id": a["_id"]}})
        source = {k: v for k, v in a["_source"].items() if k not in extra}
        if not source:
            raise ValueError(f"record {a['_id']} has no fields")
        body = json.dumps(source, ensure_ascii=False, separators=(",", ":"))
        start = f"{head}\n{body[:-1]}".encode()
        cuts.append(len(start))
        lines.append((a["_id"], start + _tail(extra) + b"\n"))
    return Prepared(main["_index"], main["_id"], main["_source"].get("content_hash", ""),
                    main["_source"].get("record") == "document", lines, list(articles or []),
                    validity, cuts)
