"""Search: ``build(params) → body`` (pure), ``run(client, settings, body) → raw``,
``parse(raw, params) → SearchResponse``; ``search`` does the three, and for ``kind=procedures``
or ``all`` also queries the procedures index (one ``_msearch`` round trip).

User text never reaches a query-string parser: every clause is a match/term query built from
the analysed query (``analyzers.analyze_query``) by ``legal_search.relevance``.
"""

from __future__ import annotations

import html
import re
from datetime import date

from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exc
from pydantic import BaseModel, Field

import analyzers
from legal_search import cursor as cursors
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.errors import QueryError, SearchUnavailable
from legal_search.model import Status
from legal_search.relevance import DOC_FIELDS, FEATURES, highlight_query, text_clause
from legal_search.results import ArticleHit, DocumentHit, FacetValue, ProcedureHit, SearchResponse
from legal_search.settings import Settings

FACETS = {"type": "doc_type", "issuer": "issuers", "status": "status", "year": "issued_year", "field": "fields"}
# Every sort ends with a unique tiebreaker so that search_after pages are stable.
TIEBREAK = [{"doc_id": "asc"}, {"anchor": {"order": "asc", "missing": "_first"}}]
SORTS = {
    "relevance": [{"_score": "desc"}, {"issued_date": {"order": "desc", "missing": "_last"}}, *TIEBREAK],
    "issued_desc": [{"issued_date": {"order": "desc", "missing": "_last"}}, {"_score": "desc"}, *TIEBREAK],
    "issued_asc": [{"issued_date": {"order": "asc", "missing": "_last"}}, {"_score": "desc"}, *TIEBREAK],
}
KINDS = ("documents", "articles", "procedures", "all")
DOC_ONLY = ("type", "issuer", "signer", "status", "year", "issued_from", "issued_to", "effective_from",
            "effective_to", "in_force_on")
MAX_SIZE = 100
MAX_WINDOW = 10_000  # index.max_result_window: the deepest a collapsed (document) page can go
MARK = ("<mark>", "</mark>")
BEST_ARTICLES = 3


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
    cursor: str | None = None

    def validate_values(self) -> "SearchParams":
        if self.kind not in KINDS:
            raise QueryError(f"unknown kind {self.kind!r}; use one of {', '.join(KINDS)}", param="kind")
        if self.sort not in SORTS:
            raise QueryError(f"unknown sort {self.sort!r}; use one of {', '.join(SORTS)}", param="sort")
        if not 1 <= self.size <= MAX_SIZE:
            raise QueryError(f"size must be between 1 and {MAX_SIZE}, not {self.size}", param="size")
        if self.page < 1 or self.page * self.size > MAX_WINDOW:
            raise QueryError(f"page {self.page} is out of range (at most {MAX_WINDOW} results can be paged; "
                             "use the cursor of kind=articles or /api/export to go further)", param="page")
        if len(self.q) > 1000:
            raise QueryError("the query is longer than 1000 characters", param="q")
        for lo, hi in (("issued_from", "issued_to"), ("effective_from", "effective_to")):
            a, b = getattr(self, lo), getattr(self, hi)
            if a and b and a > b:
                raise QueryError(f"{lo} ({a}) is after {hi} ({b})", param=lo)
        bad = [s for s in self.status if s not in Status.__members__]
        if bad:
            raise QueryError(f"unknown status {bad[0]!r}; use one of {', '.join(Status.__members__)}",
                             param="status")
        bad = [y for y in self.year if not (y.isdigit() and len(y) == 4)]
        if bad:
            raise QueryError(f"year must be four digits, not {bad[0]!r}", param="year")
        if self.kind == "procedures":
            used = [name for name in DOC_ONLY if getattr(self, name)]
            if used:
                raise QueryError(f"{used[0]} filters documents; procedures take q and field only", param=used[0])
        return self

    def fingerprint(self) -> str:
        return cursors.fingerprint(self.model_dump(exclude={"page", "size", "cursor"}))


# ---------------------------------------------------------------- building (pure)

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
    """Filters that are not facets: dates, validity on a day, signer, record kind."""
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


def highlight(qa, no_match_size: int = 180) -> dict:
    """Marks on the display text, drawn from its term vectors: the spellings the query stands
    for (``relevance.highlight_query``). A query typed with diacritics marks only exact-accent
    matches (any tone placement or i/y spelling); one typed without marks the folded matches too.
    ``no_match_size``: the opening characters shown when nothing matches (0: no fragment)."""
    body: dict = {"type": "fvh", "fragment_size": 180, "number_of_fragments": 2}
    if no_match_size:
        body["no_match_size"] = no_match_size
    marks = highlight_query(qa)
    if marks:
        body["highlight_query"] = marks
    return {"pre_tags": [MARK[0]], "post_tags": [MARK[1]], "encoder": "html", "fields": {"body": body}}


def paging(params: SearchParams) -> dict:
    """``from`` or ``search_after`` for the page asked for (page number or cursor)."""
    if not params.cursor:
        return {"from": (params.page - 1) * params.size}
    payload = cursors.decode(params.cursor, params.fingerprint())
    if params.kind == "articles" and "a" in payload:
        return {"search_after": payload["a"]}
    offset = payload.get("o")
    if offset is None or not 0 <= offset <= MAX_WINDOW - params.size:
        raise QueryError(f"document results page within the first {MAX_WINDOW}; use kind=articles or "
                         "/api/export to go further", param="cursor")
    return {"from": offset}


def build(params: SearchParams, features: frozenset[str] = FEATURES) -> dict:
    """The documents-index body for ``kind`` documents, articles or all (its documents part)."""
    qa = analyzers.analyze_query(params.q)
    clause = text_clause(qa, DOC_FIELDS, features)
    query = {"bool": {"must": [clause] if clause else [{"match_all": {}}], "filter": plain_filters(params)}}
    selected = facet_filters(params)
    sort = "issued_desc" if params.sort == "relevance" and not (clause and qa.syllables) else params.sort
    body: dict = {
        "query": query,
        **paging(params),
        "size": params.size,
        "sort": SORTS[sort],
        "track_scores": True,
        "_source": {"excludes": ["*_canon", "*_folded", "*_words", "full_text", "doc", "body", "suggest"]},
        "aggs": {"total_docs": {"filter": {"bool": {"filter": list(selected.values())}},
                                "aggs": {"n": {"cardinality": {"field": "doc_id"}}}}, **facet_aggs(selected)},
    }
    if selected:
        body["post_filter"] = {"bool": {"filter": list(selected.values())}}
    if params.kind == "articles":
        body["highlight"] = highlight(qa)
        body["track_total_hits"] = True
    else:
        body["collapse"] = {"field": "doc_id", "inner_hits": {
            "name": "best", "size": BEST_ARTICLES, "_source": ["anchor", "article_number", "heading"],
            "highlight": highlight(qa)}}
    return body


# ---------------------------------------------------------------- running and parsing

def _engine_error(settings: Settings, exc: Exception):
    if isinstance(exc, UNAVAILABLE):
        return unavailable(settings, exc)
    if isinstance(exc, os_exc.NotFoundError):
        return SearchUnavailable("the search index does not exist yet: import documents first "
                                 "(legal-search ingest samples/)")
    if isinstance(exc, os_exc.TransportError) and isinstance(exc.status_code, int) and exc.status_code >= 500:
        return SearchUnavailable(f"OpenSearch at {settings.url} answered {exc.status_code}")
    return None


def run(client: OpenSearch, settings: Settings, body: dict, index: str | None = None) -> dict:
    try:
        return client.search(index=index or settings.docs_alias, body=body)
    except (*UNAVAILABLE, os_exc.TransportError) as exc:
        err = _engine_error(settings, exc)
        if err is None:
            raise
        raise err from None


def run_many(client: OpenSearch, settings: Settings, requests: list[tuple[str, dict]]) -> list[dict]:
    """Several searches in one ``_msearch`` round trip; the first failed one raises as ``run`` would."""
    lines: list[dict] = []
    for index, body in requests:
        lines += [{"index": index}, body]
    try:
        responses = client.msearch(body=lines)["responses"]
    except (*UNAVAILABLE, os_exc.TransportError) as exc:
        err = _engine_error(settings, exc)
        if err is None:
            raise
        raise err from None
    for resp in responses:
        if "error" in resp:
            status = resp.get("status", 500)
            cls = os_exc.NotFoundError if status == 404 else os_exc.TransportError
            err = _engine_error(settings, cls(status, str(resp["error"])[:200], resp["error"]))
            raise err or RuntimeError(f"OpenSearch refused a search: {str(resp['error'])[:300]}")
    return responses


_PYVI_JOIN = re.compile(r"(?<=[^\W_])_(?=[^\W_])")
_ADJACENT_MARKS = re.compile(re.escape(MARK[1]) + "( +)" + re.escape(MARK[0]))


def clean_fragment(fragment: str) -> str:
    """Marks on neighbouring words become one (``<mark>đất đai</mark>``: the highlighter marks
    each spelling it was asked for apart). Fragments are drawn on the display text, which has no
    pyvi ``_``; should one come from a segmented field, turn it back into a space."""
    return _ADJACENT_MARKS.sub(r"\1", _PYVI_JOIN.sub(" ", fragment))


def _fragments(hit: dict) -> list[str]:
    return [clean_fragment(f) for f in hit.get("highlight", {}).get("body", [])]


def _article(hit: dict, with_document: bool = False) -> ArticleHit | None:
    src = hit.get("_source", {})
    if not src.get("anchor"):
        return None
    art = ArticleHit(anchor=src["anchor"], number=src.get("article_number") or "",
                     heading=html.escape(src.get("heading") or ""), fragments=_fragments(hit),
                     score=hit.get("_score"))
    if with_document:
        art = art.model_copy(update={
            "doc_id": src.get("doc_id"), "doc_number": src.get("number"), "doc_type": src.get("doc_type"),
            "doc_title": src.get("title"), **{k: src.get(k) for k in (
                "issued_date", "status", "status_label", "status_reason")}})
    return art


def _document(hit: dict) -> DocumentHit:
    src = hit["_source"]
    doc = DocumentHit(id=src["doc_id"], score=hit.get("_score"),
                      **{k: src.get(k) for k in ("number", "doc_type", "issuer", "title", "issued_date",
                                                 "effective_date", "expiry_date", "status", "status_label",
                                                 "status_reason")})
    inner = hit.get("inner_hits", {}).get("best", {}).get("hits", {}).get("hits", [])
    for h in inner or [hit]:
        art = _article(h)
        if art:
            doc.articles.append(art)
        elif not doc.fragments:
            doc.fragments = _fragments(h)
    return doc


def _facets(aggs: dict, params: SearchParams) -> dict[str, list[FacetValue]]:
    out = {}
    for name in FACETS:
        chosen = {str(v) for v in getattr(params, name)}
        buckets = aggs.get(name, {}).get("values", {}).get("buckets", [])
        out[name] = [FacetValue(value=str(b["key"]), count=b["docs"]["value"], selected=str(b["key"]) in chosen)
                     for b in buckets]
    return out


def _next_cursor(raw: dict, params: SearchParams, start: int, total: int) -> str | None:
    hits = raw["hits"]["hits"]
    if params.kind == "articles":
        return cursors.encode(params.fingerprint(), after=hits[-1]["sort"]) if len(hits) == params.size else None
    nxt = start + len(hits)
    if len(hits) < params.size or nxt >= total or nxt + params.size > MAX_WINDOW:
        return None
    return cursors.encode(params.fingerprint(), offset=nxt)


def parse(raw: dict, params: SearchParams, start: int | None = None) -> SearchResponse:
    aggs = raw.get("aggregations", {})
    hits = raw["hits"]["hits"]
    if start is None:
        start = (params.page - 1) * params.size
    res = SearchResponse(q=params.q, kind=params.kind, total=0, page=params.page, size=params.size,
                         took_ms=raw.get("took", 0), facets=_facets(aggs, params))
    if params.kind == "articles":
        res.total = raw["hits"]["total"]["value"]
        res.articles = [a for a in (_article(h, with_document=True) for h in hits) if a]
    else:
        res.total = aggs.get("total_docs", {}).get("n", {}).get("value", 0)  # after the facet selections
        res.hits = [_document(h) for h in hits]
    res.next_cursor = _next_cursor(raw, params, start, res.total)
    return res


def search(client: OpenSearch, settings: Settings, params: SearchParams,
           features: frozenset[str] = FEATURES) -> SearchResponse:
    from legal_search import procedures  # procedures builds on this module

    params.validate_values()
    if params.kind == "procedures":
        body = procedures.build_for(params, features)
        return procedures.as_search_response(run(client, settings, body, settings.procedures_alias), params)
    body = build(params, features)
    start = body.get("from", 0)
    if params.kind != "all":
        return parse(run(client, settings, body), params, start)
    docs_raw, proc_raw = run_many(client, settings, [
        (settings.docs_alias, body), (settings.procedures_alias, procedures.build_for(params, features))])
    res = parse(docs_raw, params, start)
    procs = procedures.as_search_response(proc_raw, params)
    res.procedures, res.procedures_total = procs.procedures, procs.procedures_total
    return res
