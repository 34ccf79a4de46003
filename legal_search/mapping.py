"""Index settings and mappings, next to the Python side of analysis they depend on.

Every analysed text is indexed in four aligned forms made by ``analyzers.index_fields``:

- ``<f>``: the display text (normalised, source spelling), analyzer ``standard`` (syllables,
  lower-cased). Highlights are drawn on this field, the only one with term vectors.
- ``<f>_canon``: one canonical tone-mark placement, same length and alignment as ``<f>``.
- ``<f>_folded``: accent-free (đ → d), same alignment. Queries typed without diacritics match here.
- ``<f>_words``: pyvi word segmentation (``hà_nội``), identifiers whole (``15/2020/nđ-cp``),
  lower-cased in Python, analyzer ``whitespace``.

Only the prebuilt ``standard`` and ``whitespace`` analyzers are used: the plain OpenSearch
distribution has no analysis plugins (no asciifolding, no whitespace tokenizer), and a managed
cluster may not have them either. Queries match ``_canon`` and ``_folded``; the fast-vector
highlighter marks the display text with a query of every spelling the query syllables stand
for there (``analyzers.spellings``), so ``_canon`` and ``_folded`` need no term vectors: they
would cost a fifth of the node's indexing CPU and of the index size (bench/README.md).
Indices made before this keep theirs and highlight the same way.

The documents index holds two kinds of records: ``record: document`` (metadata, title, and the
text of documents that have no articles) and ``record: article`` (one per Điều, carrying its
document's metadata). Document hits are article and document records collapsed on ``doc_id``.
"""

from __future__ import annotations

MAPPING_VERSION = 2  # 2: validity fields written by legal_search.statuses

_VECTORS = "with_positions_offsets"


def analysed(name: str, *, vectors: bool = True) -> dict[str, dict]:
    """The four aligned fields of one analysed text; ``vectors``: the display field is highlighted."""
    tv = {"term_vector": _VECTORS} if vectors else {}
    return {
        name: {"type": "text", "analyzer": "standard", **tv},
        f"{name}_canon": {"type": "text", "analyzer": "standard"},
        f"{name}_folded": {"type": "text", "analyzer": "standard"},
        f"{name}_words": {"type": "text", "analyzer": "whitespace"},
    }


KEYWORD = {"type": "keyword"}
DATE = {"type": "date", "format": "strict_date"}
STORED_ONLY = {"type": "object", "enabled": False}
DATE_RANGES = {"type": "date_range", "format": "strict_date"}

# Written by the validity engine (``legal_search.statuses``) as partial updates, after import.
# Article records carry their document's status (for hits and facets) and their own.
VALIDITY_FIELDS: dict = {
    "status_as_of": DATE,  # the day the stored status was computed for; absent = never computed
    "status_computed": {"type": "boolean"},  # False: too few dated events, the source label was used
    "needs_review": {"type": "boolean"},  # 2015/2025 cascade doubts and label-only statuses
    "status_history": STORED_ONLY,  # [{date, status, status_label, reason}], oldest first
    "status_disagreement": {"type": "text", "index": False},  # source label vs computed status
    "in_force": DATE_RANGES,  # half-open ranges [gte, lt) in force; articles: their own wording
    "relation_refs": KEYWORD,  # "kind|key" of every stated relation ("replaces|24/2000/QH10", "based_on|@2001-06-29")
    "article_status": KEYWORD,
    "article_status_label": KEYWORD,
    "article_status_reason": {"type": "text", "index": False},
}


def docs_mapping() -> dict:
    props: dict = {
        "record": KEYWORD,  # document | article
        "doc_id": KEYWORD,
        "number": KEYWORD,
        "number_key": KEYWORD,
        "doc_type": KEYWORD,
        "issuer": KEYWORD,  # as displayed: the canonical names joined with " và "
        "issuers": KEYWORD,  # one canonical name per issuing body: the issuer facet
        "issuer_parent": KEYWORD,
        "issued_place": KEYWORD,
        "fields": KEYWORD,
        "signer": KEYWORD,
        "signer_title": KEYWORD,
        "issued_date": DATE,
        "passed_date": DATE,
        "effective_date": DATE,
        "expiry_date": DATE,
        "issued_year": {"type": "integer"},
        "status": KEYWORD,
        "status_label": KEYWORD,
        "status_reason": {"type": "text", "index": False},
        "status_raw": KEYWORD,
        "status_source": KEYWORD,
        "is_normative": {"type": "boolean"},
        "has_text": {"type": "boolean"},
        "relation_keys": KEYWORD,  # number keys of every document this one names
        "anchor": KEYWORD,
        "article_number": KEYWORD,
        "heading": {"type": "text", "analyzer": "standard"},
        "path": {"type": "text", "index": False},
        "source_sha256": KEYWORD,
        "source_path": KEYWORD,
        "dataset": KEYWORD,
        "full_text": {"type": "text", "index": False},
        "suggest": {"type": "completion", "analyzer": "simple", "max_input_length": 80},
        "doc": STORED_ONLY,  # the whole LegalDocument minus text, for the document page
        "content_hash": KEYWORD,  # tells a re-import whether the document changed
    }
    props.update(VALIDITY_FIELDS)
    props.update(analysed("title", vectors=False))  # never highlighted: term vectors would cost for nothing
    props.update(analysed("body"))
    return {"dynamic": "strict", "properties": props}


def procedures_mapping() -> dict:
    props: dict = {
        "code": KEYWORD,
        "decision_number": KEYWORD,
        "level": KEYWORD,
        "procedure_type": KEYWORD,
        "fields": KEYWORD,
        "agency": KEYWORD,
        "basis_keys": KEYWORD,
        "basis_doc_ids": KEYWORD,
        "basis_flag": KEYWORD,  # ok | basis_partly_expired | basis_expired
        "procedure": STORED_ONLY,
        "content_hash": KEYWORD,
        "suggest": {"type": "completion", "analyzer": "simple", "max_input_length": 80},
    }
    props.update(analysed("name", vectors=False))
    props.update(analysed("body"))
    return {"dynamic": "strict", "properties": props}


def index_settings(shards: int = 1, replicas: int = 0) -> dict:
    return {
        "number_of_shards": shards,
        "number_of_replicas": replicas,
        "max_result_window": 10000,
        "highlight.max_analyzed_offset": 2_000_000,
    }


def index_body(kind: str, shards: int = 1, replicas: int = 0) -> dict:
    mappings = {"docs": docs_mapping, "procedures": procedures_mapping}[kind]()
    mappings["_meta"] = {"mapping_version": MAPPING_VERSION, "kind": kind}
    return {"settings": {"index": index_settings(shards, replicas)}, "mappings": mappings}
