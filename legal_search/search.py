"""Search: ``build(params) → body`` (pure), ``run(client, settings, params) → raw``,
``parse(raw, params) → SearchResponse``.

User text never reaches a query-string parser: every clause is a match/term query built from
the analysed query (``analyzers.analyze_query``).
"""

from __future__ import annotations

import html
from datetime import date

from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exc
from pydantic import BaseModel, Field

import analyzers
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.errors import QueryError, SearchUnavailable
from legal_search.settings import Settings

FACETS = {"type": "doc_type", "issuer": "issuers", "status": "status", "year": "issued_year", "field": "fields"}
FILTER_PARAMS = ("type", "issuer", "field", "signer", "status", "year")
SORTS = {
    "relevance": [{"_score": "desc"}, {"issued_date": {"order": "desc", "missing": "_last"}}],
    "issued_desc": [{"issued_date": {"order": "desc", "missing": "_last"}}, {"_score": "desc"}],
    "issued_asc": [{"issued_date": {"order": "asc", "missing": "_last"}}, {"_score": "desc"}],
}
KINDS = ("documents", "articles", "procedures", "all")
MAX_SIZE = 100
MARK = ("<mark>", "</mark>")


class SearchParams(BaseModel):
    q: str = ""
    type: list[str] = Field(default_factory=list)
    issuer: list[str] = Field(default_factory=list)
    field: list[str] = Field(default_factory=list)
    signer: list[str] = Field(default_factory=list)
    status: list[str] = Field(default_factory=list)
    year: list[str] = Field(default_factory=list)
    issued_from: date | None = None
    issued_to: date | None = None
    effective_from: date | None = None
    effective_to: date | None = None
    in_force_on: date | None = None
    kind: str = "documents"
    sort: str = "relevance"
    page: int = 1
    size: int = 10

    def validate_values(self) -> "SearchParams":
        if self.kind not in KINDS:
            raise QueryError(f"unknown kind {self.kind!r}; use one of {', '.join(KINDS)}", param="kind")
        if self.sort not in SORTS:
            raise QueryError(f"unknown sort {self.sort!r}; use one of {', '.join(SORTS)}", param="sort")
        if not 1 <= self.size <= MAX_SIZE:
            raise QueryError(f"size must be between 1 and {MAX_SIZE}, not {self.size}", param="size")
        if self.page < 1 or self.page * self.size > 10_000:
            raise QueryError(f"page {self.page} is out of range (at most 10000 results can be paged)",
                             param="page")
        if len(self.q) > 1000:
            raise QueryError("the query is longer than 1000 characters", param="q")
        for lo, hi in (("issued_from", "issued_to"), ("effective_from", "effective_to")):
            a, b = getattr(self, lo), getattr(self, hi)
            if a and b and a > b:
                raise QueryError(f"{lo} ({a}) is after {hi} ({b})", param=lo)
        return self


class ArticleHit(BaseModel):
    anchor: str
    number: str = ""
    heading: str = ""
    fragments: list[str] = Field(default_factory=list)
    score: float | None = None


class DocumentHit(BaseModel):
    id: str
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    title: str | None = None
    issued_date: str | None = None
    effective_date: str | None = None
    status: str | None = None
    status_label: str | None = None
    status_reason: str | None = None
    score: float | None = None
    fragments: list[str] = Field(default_factory=list)
    articles: list[ArticleHit] = Field(default_factory=list)


class FacetValue(BaseModel):
    value: str
    count: int
    selected: bool = False


class SearchResponse(BaseModel):
    q: str
    kind: str
    total: int
    page: int
    size: int
    took_ms: int
    hits: list[DocumentHit] = Field(default_factory=list)
    facets: dict[str, list[FacetValue]] = Field(default_factory=dict)


# ---------------------------------------------------------------- building (pure)

def _match(field: str, text: str, boost: float, msm: str | None = None) -> dict:
    body: dict = {"query": text, "boost": boost}
    if msm:
        body["minimum_should_match"] = msm
    return {"match": {field: body}}


def text_clause(qa) -> dict | None:
    """Relevance clause: exact accents rank above folded matches, words and phrases above
    syllables, the title above the body, a document number or article reference above all."""
    should: list[dict] = []
    if qa.canonical.strip():
        for prefix, weight in (("title", 2.0), ("body", 1.0)):
            should += [
                _match(f"{prefix}_canon", qa.canonical, 1.0 * weight, "2<75%"),
                _match(f"{prefix}_folded", qa.folded, 0.6 * weight, "2<75%"),
            ]
            if qa.words:
                should.append(_match(f"{prefix}_words", qa.words, 0.8 * weight))
                should.append({"match_phrase": {f"{prefix}_words": {"query": qa.words, "slop": 1,
                                                                    "boost": 1.5 * weight}}})
    for num in qa.numbers:
        should.append({"constant_score": {"filter": {"term": {"number_key": num.key}}, "boost": 50.0}})
        if qa.article:
            should.append({"constant_score": {"filter": {"bool": {"filter": [
                {"term": {"number_key": num.key}}, {"term": {"article_number": qa.article}}]}},
                "boost": 100.0}})
    if qa.article and not qa.numbers:
        should.append({"constant_score": {"filter": {"term": {"article_number": qa.article}}, "boost": 2.0}})
    must = [{"match_phrase": {"body_canon": {"query": analyzers.canonical(p)}}} for p in qa.phrases]
    must_not = [{"match": {"body_folded": analyzers.fold(w)}} for w in qa.excluded]
    if not should and not must:
        return None
    clause: dict = {"bool": {}}
    if should:
        clause["bool"]["should"] = should
        clause["bool"]["minimum_should_match"] = 1
    if must:
        clause["bool"]["must"] = must
    if must_not:
        clause["bool"]["must_not"] = must_not
    return clause


def _range(field: str, lo: date | None, hi: date | None) -> dict | None:
    if not lo and not hi:
        return None
    r = {}
    if lo:
        r["gte"] = lo.isoformat()
    if hi:
        r["lte"] = hi.isoformat()
    return {"range": {field: r}}


def in_force_clause(day: date) -> dict:
    """Records in force on ``day`` by the date ranges the validity engine stores (an article
    amended or repealed before the day does not match); records it has not computed yet
    (no ``status_as_of``) fall back to their own dates."""
    iso = day.isoformat()
    naive = {"bool": {"filter": [{"range": {"effective_date": {"lte": iso}}}], "must_not": [
        {"exists": {"field": "status_as_of"}}, {"range": {"expiry_date": {"lte": iso}}},
        {"terms": {"status": ["EXPIRED", "SUSPENDED"]}}]}}
    return {"bool": {"should": [{"term": {"in_force": iso}}, naive], "minimum_should_match": 1}}


def plain_filters(params: SearchParams) -> list[dict]:
    """Filters that are not facets: dates, validity on a day, signer."""
    out = [f for f in (_range("issued_date", params.issued_from, params.issued_to),
                       _range("effective_date", params.effective_from, params.effective_to)) if f]
    if params.in_force_on:
        out.append(in_force_clause(params.in_force_on))
    if params.signer:
        out.append({"terms": {"signer": params.signer}})
    if params.kind == "articles":
        out.append({"term": {"record": "article"}})
    return out


def facet_filters(params: SearchParams) -> dict[str, dict]:
    out = {name: {"terms": {field: getattr(params, name)}} for name, field in FACETS.items()
           if getattr(params, name)}
    if "issuer" in out:  # "QUỐC HỘI" selects the facet value "Quốc hội"
        out["issuer"] = {"terms": {"issuers": [analyzers.canonical_issuer(v) for v in params.issuer]}}
    return out


def facet_aggs(selected: dict[str, dict]) -> dict:
    """Disjunctive facets: each facet's counts follow the other facets' selections."""
    aggs = {}
    for name, field in FACETS.items():
        others = [f for k, f in selected.items() if k != name]
        terms = {"terms": {"field": field, "size": 30}, "aggs": {"docs": {"cardinality": {"field": "doc_id"}}}}
        aggs[name] = {"filter": {"bool": {"filter": others}} if others else {"match_all": {}},
                      "aggs": {"values": terms}}
    return aggs


def highlight(accented: bool = False) -> dict:
    """Marks on the display text. A query typed with diacritics marks only exact-accent
    matches; one typed without marks the folded matches too."""
    fields = ["body", "body_canon"] if accented else ["body", "body_canon", "body_folded"]
    return {"pre_tags": [MARK[0]], "post_tags": [MARK[1]], "encoder": "html", "fields": {
        "body": {"type": "fvh", "matched_fields": fields, "fragment_size": 180, "number_of_fragments": 2,
                 "no_match_size": 180},
    }}


def build(params: SearchParams) -> dict:
    qa = analyzers.analyze_query(params.q)
    clause = text_clause(qa)
    filters = plain_filters(params)
    query = {"bool": {"must": [clause] if clause else [{"match_all": {}}], "filter": filters}}
    selected = facet_filters(params)
    body: dict = {
        "query": query,
        "from": (params.page - 1) * params.size,
        "size": params.size,
        "sort": SORTS["issued_desc"] if params.sort == "relevance" and clause is None else SORTS[params.sort],
        "track_scores": True,
        "_source": {"excludes": ["*_canon", "*_folded", "*_words", "full_text", "doc", "body", "suggest"]},
        "highlight": highlight(qa.has_diacritics),
        "aggs": {"total_docs": {"cardinality": {"field": "doc_id"}}, **facet_aggs(selected)},
    }
    if selected:
        body["post_filter"] = {"bool": {"filter": list(selected.values())}}
    if params.kind != "articles":
        body["collapse"] = {"field": "doc_id", "inner_hits": {
            "name": "best", "size": 3, "_source": ["anchor", "article_number", "heading"],
            "highlight": highlight(qa.has_diacritics)}}
    return body


# ---------------------------------------------------------------- running and parsing

def run(client: OpenSearch, settings: Settings, body: dict, index: str | None = None) -> dict:
    try:
        return client.search(index=index or settings.docs_alias, body=body)
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    except os_exc.NotFoundError:
        raise SearchUnavailable("the search index does not exist yet: import documents first "
                                "(legal-search ingest samples/)") from None
    except os_exc.TransportError as exc:
        if isinstance(exc.status_code, int) and exc.status_code >= 500:
            raise SearchUnavailable(f"OpenSearch at {settings.url} answered {exc.status_code}") from None
        raise


def _fragments(hit: dict) -> list[str]:
    return hit.get("highlight", {}).get("body", [])


def _article(hit: dict) -> ArticleHit | None:
    src = hit.get("_source", {})
    if not src.get("anchor"):
        return None
    return ArticleHit(anchor=src["anchor"], number=src.get("article_number") or "",
                      heading=html.escape(src.get("heading") or ""), fragments=_fragments(hit),
                      score=hit.get("_score"))


def _document(hit: dict, params: SearchParams) -> DocumentHit:
    src = hit["_source"]
    doc = DocumentHit(id=src["doc_id"], score=hit.get("_score"),
                      **{k: src.get(k) for k in ("number", "doc_type", "issuer", "title", "issued_date",
                                                 "effective_date", "status", "status_label", "status_reason")})
    inner = hit.get("inner_hits", {}).get("best", {}).get("hits", {}).get("hits", [])
    for h in inner or [hit]:
        art = _article(h)
        if art:
            doc.articles.append(art)
        elif not doc.fragments:
            doc.fragments = _fragments(h)
    return doc


def parse(raw: dict, params: SearchParams) -> SearchResponse:
    aggs = raw.get("aggregations", {})
    if params.kind == "articles":
        total = raw["hits"]["total"]["value"]
    else:
        total = aggs.get("total_docs", {}).get("value", 0)
    facets = {}
    for name in FACETS:
        chosen = {str(v) for v in getattr(params, name)}
        buckets = aggs.get(name, {}).get("values", {}).get("buckets", [])
        facets[name] = [FacetValue(value=str(b["key"]), count=b["docs"]["value"], selected=str(b["key"]) in chosen)
                        for b in buckets]
    return SearchResponse(q=params.q, kind=params.kind, total=total, page=params.page, size=params.size,
                          took_ms=raw.get("took", 0), facets=facets,
                          hits=[_document(h, params) for h in raw["hits"]["hits"]])


def search(client: OpenSearch, settings: Settings, params: SearchParams) -> SearchResponse:
    params.validate_values()
    return parse(run(client, settings, build(params)), params)
