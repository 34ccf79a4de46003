"""Export of a search's results as CSV or JSON lines, streamed batch by batch and capped.

The first batch is fetched before anything is sent, so a bad parameter or an unreachable engine
is still a proper 400 or 503; a failure later in the stream can only cut it short. Articles
page with ``search_after`` (any depth), documents by offset (collapse forbids ``search_after``),
hence the cap at the index's result window.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Iterator

from opensearchpy import OpenSearch

from legal_search.errors import QueryError
from legal_search.relevance import FEATURES
from legal_search.search import MAX_WINDOW, SearchParams, build, run
from legal_search.settings import Settings

FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
MAX_EXPORT = MAX_WINDOW
DOC_COLUMNS = ("id", "number", "doc_type", "issuer", "title", "issued_date", "effective_date", "expiry_date",
               "status", "status_label", "score")
ARTICLE_COLUMNS = ("doc_id", "number", "doc_type", "title", "article_number", "anchor", "heading",
                   "issued_date", "status", "status_label", "score")
PROCEDURE_COLUMNS = ("code", "name", "level", "fields", "agency", "score")
_BATCH = {"documents": 100, "articles": 500, "procedures": 100}


def columns(kind: str) -> tuple[str, ...]:
    return {"documents": DOC_COLUMNS, "articles": ARTICLE_COLUMNS, "procedures": PROCEDURE_COLUMNS}[kind]


def _lean(body: dict) -> dict:
    """No highlights, inner hits or facets: an export needs the rows only."""
    body = {k: v for k, v in body.items() if k not in ("highlight", "aggs", "post_filter")}
    if "collapse" in body:
        body["collapse"] = {"field": "doc_id"}
    return body


def _row(kind: str, hit: dict) -> dict:
    src = hit["_source"]
    if kind == "procedures":
        proc = src.get("procedure", {})
        return {"code": src.get("code"), "name": proc.get("name"), "level": src.get("level"),
                "fields": "; ".join(src.get("fields") or []), "agency": src.get("agency"), "score": hit.get("_score")}
    row = {c: src.get(c) for c in columns(kind)}
    row["score"] = hit.get("_score")
    if kind == "documents":
        row["id"] = src.get("doc_id")
    return row


def _batches(client: OpenSearch, settings: Settings, params: SearchParams, limit: int) -> Iterator[list[dict]]:
    from legal_search import procedures

    kind, sent, after = params.kind, 0, None
    batch = _BATCH[kind]
    while sent < limit:
        size = min(batch, limit - sent)
        page = params.model_copy(update={"page": 1, "size": min(size, 100), "cursor": None})
        if kind == "procedures":
            body = procedures.build(params.q, 1, 1, params.field)
            body.update({"from": sent, "size": size, "_source": ["code", "procedure.name", "level", "fields",
                                                                  "agency"]})
            body.pop("highlight"), body.pop("aggs")
            index = settings.procedures_alias
        else:
            body = _lean(build(page, FEATURES))
            body["size"] = size
            if kind == "articles":
                body.pop("from", None)
                if after is not None:
                    body["search_after"] = after
            else:
                body["from"] = sent
            index = settings.docs_alias
        hits = run(client, settings, body, index)["hits"]["hits"]
        if not hits:
            return
        after = hits[-1].get("sort")
        sent += len(hits)
        yield [_row(kind, h) for h in hits]
        if len(hits) < size:
            return


def _safe(value) -> str:
    """Cells a spreadsheet would run as a formula are quoted with a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "@", "\t", "\r") else text


def _render(batches: Iterator[list[dict]], fmt: str, cols: tuple[str, ...]) -> Iterator[str]:
    if fmt == "jsonl":
        for rows in batches:
            yield "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        return
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(cols)
    for rows in batches:
        for r in rows:
            writer.writerow([_safe(r.get(c)) for c in cols])
        yield buf.getvalue()
        buf.seek(0)
        buf.truncate()
    if buf.getvalue():
        yield buf.getvalue()


def stream(client: OpenSearch, settings: Settings, params: SearchParams, fmt: str = "csv",
           limit: int = 1000) -> Iterator[str]:
    """The export as text chunks; the first query has already run when this returns."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; use csv or jsonl", param="format")
    if not 1 <= limit <= MAX_EXPORT:
        raise QueryError(f"limit must be between 1 and {MAX_EXPORT}, not {limit}", param="limit")
    if params.kind == "all":
        raise QueryError("export one kind at a time: documents, articles or procedures", param="kind")
    params.validate_values()
    batches = _batches(client, settings, params, limit)
    first = next(batches, [])
    header_only = _render(iter(()), fmt, columns(params.kind))
    if not first:
        return header_only
    return _render(itertools.chain([first], batches), fmt, columns(params.kind))
