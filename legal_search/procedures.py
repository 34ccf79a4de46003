"""Search and lookup of administrative procedures (thủ tục hành chính)."""

from __future__ import annotations

from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exc
from pydantic import BaseModel, Field

import analyzers
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.errors import NotFound, QueryError
from legal_search.search import MARK, MAX_SIZE, run


class ProcedureHit(BaseModel):
    code: str
    name: str
    level: str | None = None
    fields: list[str] = Field(default_factory=list)
    agency: str | None = None
    score: float | None = None
    fragments: list[str] = Field(default_factory=list)


class ProcedureResponse(BaseModel):
    q: str
    total: int
    page: int
    size: int
    hits: list[ProcedureHit] = Field(default_factory=list)


def build(q: str, page: int = 1, size: int = 10, field: list[str] | None = None) -> dict:
    if not 1 <= size <= MAX_SIZE:
        raise QueryError(f"size must be between 1 and {MAX_SIZE}, not {size}", param="size")
    if page < 1:
        raise QueryError(f"page must be 1 or more, not {page}", param="page")
    qa = analyzers.analyze_query(q)
    should = []
    if qa.canonical.strip():
        for prefix, weight in (("name", 3.0), ("body", 1.0)):
            should += [
                {"match": {f"{prefix}_canon": {"query": qa.canonical, "boost": weight,
                                               "minimum_should_match": "2<75%"}}},
                {"match": {f"{prefix}_folded": {"query": qa.folded, "boost": 0.6 * weight,
                                                "minimum_should_match": "2<75%"}}},
                {"match_phrase": {f"{prefix}_words": {"query": qa.words, "slop": 1, "boost": 1.5 * weight}}},
            ]
    should.append({"term": {"code": {"value": q.strip(), "boost": 100}}})
    query: dict = {"bool": {"should": should, "minimum_should_match": 1}} if q.strip() else {"match_all": {}}
    if field:
        query = {"bool": {"must": [query], "filter": [{"terms": {"fields": field}}]}}
    return {
        "query": query, "from": (page - 1) * size, "size": size,
        "_source": ["code", "procedure.name", "level", "fields", "agency"],
        "highlight": {"pre_tags": [MARK[0]], "post_tags": [MARK[1]], "encoder": "html", "fields": {
            "body": {"type": "fvh", "matched_fields": ["body", "body_canon", "body_folded"],
                     "fragment_size": 180, "number_of_fragments": 2}}},
    }


def search(client: OpenSearch, settings, q: str, page: int = 1, size: int = 10,
           field: list[str] | None = None) -> ProcedureResponse:
    raw = run(client, settings, build(q, page, size, field), index=settings.procedures_alias)
    hits = []
    for h in raw["hits"]["hits"]:
        src = h["_source"]
        hits.append(ProcedureHit(code=src["code"], name=src.get("procedure", {}).get("name", ""),
                                 level=src.get("level"), fields=src.get("fields") or [],
                                 agency=src.get("agency"), score=h.get("_score"),
                                 fragments=h.get("highlight", {}).get("body", [])))
    return ProcedureResponse(q=q, total=raw["hits"]["total"]["value"], page=page, size=size, hits=hits)


def get(client: OpenSearch, settings, code: str) -> dict:
    try:
        got = client.get(index=settings.procedures_alias, id=code)
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    except os_exc.NotFoundError:
        raise NotFound(f"no procedure with code {code!r}") from None
    return got["_source"]["procedure"]
