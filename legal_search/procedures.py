"""Search and lookup of administrative procedures (thủ tục hành chính).

The same relevance clause as documents (``legal_search.relevance``) over the procedure's name
and body, plus its code (``1.013124``) looked up exactly and the numbers of its legal basis.
"""

from __future__ import annotations

from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exc
from pydantic import BaseModel, Field

import analyzers
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.errors import NotFound, QueryError
from legal_search.relevance import FEATURES, PROCEDURE_FIELDS, number_key_query, text_clause
from legal_search.results import FacetValue, ProcedureHit, SearchResponse
from legal_search.search import MAX_SIZE, SearchParams, clean_fragment, highlight, run

__all__ = ["ProcedureHit", "ProcedureResponse", "build", "search", "get"]


class ProcedureResponse(BaseModel):
    q: str
    total: int
    page: int
    size: int
    hits: list[ProcedureHit] = Field(default_factory=list)


def query(q: str, field: list[str] | None = None, features: frozenset[str] = FEATURES, qa=None) -> dict:
    qa = qa or analyzers.analyze_query(q)
    clause = text_clause(qa, PROCEDURE_FIELDS, features, numbers=False)
    if q.strip():
        extra = [{"term": {"code": {"value": q.strip(), "boost": 100.0}}}]
        if "numbers" in features:  # a number in the query names the procedure's legal basis
            extra += [{"constant_score": {"filter": number_key_query(n, "basis_keys"), "boost": 5.0}}
                      for n in qa.numbers]
        clause = {"bool": {"should": [clause, *extra] if clause else extra, "minimum_should_match": 1}}
    out: dict = clause or {"match_all": {}}
    if field:
        out = {"bool": {"must": [out], "filter": [{"terms": {"fields": field}}]}}
    return out


def build(q: str, page: int = 1, size: int = 10, field: list[str] | None = None,
          features: frozenset[str] = FEATURES) -> dict:
    if not 1 <= size <= MAX_SIZE:
        raise QueryError(f"size must be between 1 and {MAX_SIZE}, not {size}", param="size")
    if page < 1 or page * size > 10_000:
        raise QueryError(f"page {page} is out of range", param="page")
    qa = analyzers.analyze_query(q)
    return {
        "query": query(q, field, features, qa), "from": (page - 1) * size, "size": size,
        "_source": ["code", "procedure.name", "level", "fields", "agency", "basis_flag"],
        "aggs": {"field": {"terms": {"field": "fields", "size": 30}}},
        "highlight": highlight(qa, no_match_size=0),
    }


def build_for(params: SearchParams, features: frozenset[str] = FEATURES) -> dict:
    return build(params.q, params.page, params.size, params.field, features)


def _hits(raw: dict) -> list[ProcedureHit]:
    hits = []
    for h in raw["hits"]["hits"]:
        src = h["_source"]
        hits.append(ProcedureHit(code=src["code"], name=src.get("procedure", {}).get("name", ""),
                                 level=src.get("level"), fields=src.get("fields") or [],
                                 agency=src.get("agency"), basis_flag=src.get("basis_flag"),
                                 score=h.get("_score"),
                                 fragments=[clean_fragment(f) for f in h.get("highlight", {}).get("body", [])]))
    return hits


def as_search_response(raw: dict, params: SearchParams) -> SearchResponse:
    """Procedures in the shape of ``/api/search`` (``kind=procedures``; ``all`` takes the section)."""
    total = raw["hits"]["total"]["value"]
    buckets = raw.get("aggregations", {}).get("field", {}).get("buckets", [])
    facets = {"field": [FacetValue(value=b["key"], count=b["doc_count"], selected=b["key"] in params.field)
                        for b in buckets]}
    return SearchResponse(q=params.q, kind=params.kind, total=total, page=params.page, size=params.size,
                          took_ms=raw.get("took", 0), procedures=_hits(raw), procedures_total=total,
                          facets=facets)


def search(client: OpenSearch, settings, q: str, page: int = 1, size: int = 10,
           field: list[str] | None = None) -> ProcedureResponse:
    raw = run(client, settings, build(q, page, size, field), index=settings.procedures_alias)
    return ProcedureResponse(q=q, total=raw["hits"]["total"]["value"], page=page, size=size, hits=_hits(raw))


def get(client: OpenSearch, settings, code: str) -> dict:
    try:
        got = client.get(index=settings.procedures_alias, id=code)
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    except os_exc.NotFoundError:
        raise NotFound(f"no procedure with code {code!r}") from None
    return got["_source"]["procedure"]
