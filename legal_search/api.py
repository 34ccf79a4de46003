"""The HTTP API (JSON under /api) and the web pages, as thin shells over the library.

Errors are rendered by one handler: a ``LegalSearchError`` keeps its status and message; a
request that fails validation is a 400 naming the parameter; anything else is a 500 with a plain
message. A client never sees a traceback.
"""


import logging
from datetime import date
from typing import Annotated

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from opensearchpy import OpenSearch

from legal_search import documents, export, procedures
from legal_search.client import UNAVAILABLE, check, make_client
from legal_search.errors import LegalSearchError, QueryError, SearchUnavailable
from legal_search.search import SearchParams, SearchResponse, search
from legal_search.suggest import SuggestResponse, suggest
from legal_search.settings import Settings, get_settings

log = logging.getLogger("legal_search.api")


def _error_response(request: Request, exc: LegalSearchError) -> JSONResponse:
    headers = {"Retry-After": "30"} if isinstance(exc, SearchUnavailable) else None
    return JSONResponse(exc.to_dict(), status_code=exc.status_code, headers=headers)


def _validation_response(request: Request, exc: RequestValidationError) -> JSONResponse:
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(x) for x in first.get("loc", []) if x not in ("query", "path", "body")]
    param = loc[-1] if loc else None
    value = first.get("input")
    msg = f"invalid value {value!r} for {param}: {first.get('msg', 'invalid')}" if param else "invalid request"
    return JSONResponse(QueryError(msg, param=param).to_dict(), status_code=400)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, UNAVAILABLE):
        return _error_response(request, SearchUnavailable("OpenSearch is not reachable"))
    log.exception("unexpected error on %s", request.url.path)
    return JSONResponse({"error": "InternalError", "message": "an unexpected error occurred; it was logged"},
                        status_code=500)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Vietnamese legal search", version="0.1.0",
                  description="Search Vietnamese legal normative documents and administrative procedures.")
    app.state.settings = settings
    app.state.client = make_client(settings)
    app.add_exception_handler(LegalSearchError, _error_response)
    app.add_exception_handler(RequestValidationError, _validation_response)
    app.add_exception_handler(Exception, _unexpected)

    def client() -> OpenSearch:
        return app.state.client

    Client = Annotated[OpenSearch, Depends(client)]
    Many = Annotated[list[str], Query()]

    @app.get("/healthz")
    def healthz(c: Client) -> dict:
        info = check(c, settings)
        return {"status": "ok", "opensearch": info["version"]["number"], "url": settings.url}

    def known(*names: str):
        """Unknown query parameters are a 400 naming them: a mistyped filter (``?tpye=Luật``)
        must not silently return unfiltered results."""
        allowed = set(names)

        def check_params(request: Request) -> None:
            unknown = sorted(set(request.query_params) - allowed)
            if unknown:
                raise QueryError(f"unknown parameter {unknown[0]!r}; known: {', '.join(sorted(allowed))}",
                                 param=unknown[0])
        return Depends(check_params)

    search_names = tuple(SearchParams.model_fields)

    def search_params(q: str = "", type: Many = [], issuer: Many = [], field: Many = [], signer: Many = [],
                      status: Many = [], year: Many = [], issued_from: date | None = None,
                      issued_to: date | None = None, effective_from: date | None = None,
                      effective_to: date | None = None, in_force_on: date | None = None,
                      kind: str = "documents", sort: str = "relevance", page: int = 1, size: int = 10,
                      cursor: str | None = None) -> SearchParams:
        return SearchParams(q=q, type=type, issuer=issuer, field=field, signer=signer, status=status, year=year,
                            issued_from=issued_from, issued_to=issued_to, effective_from=effective_from,
                            effective_to=effective_to, in_force_on=in_force_on, kind=kind, sort=sort, page=page,
                            size=size, cursor=cursor)

    Params = Annotated[SearchParams, Depends(search_params)]

    @app.get("/api/search", response_model=SearchResponse, dependencies=[known(*search_names)])
    def api_search(c: Client, params: Params) -> Response:
        """Documents (with their best articles), articles, procedures or all; facets count documents.
        ``next_cursor`` gives the next page: pass it back as ``cursor`` with the same parameters."""
        # serialised once by pydantic: FastAPI would validate the model again (measurable at 20 clients)
        return Response(search(c, settings, params).model_dump_json(), media_type="application/json")

    @app.get("/api/suggest", response_model=SuggestResponse, dependencies=[known("q", "size")])
    def api_suggest(c: Client, q: str = "", size: int = 10) -> SuggestResponse:
        """Numbers and titles as you type (with or without diacritics)."""
        return suggest(c, settings, q, size)

    @app.get("/api/export", dependencies=[known(*search_names, "format", "limit")],
             response_class=StreamingResponse)
    def api_export(c: Client, params: Params, format: str = "csv", limit: int = 1000) -> StreamingResponse:
        """The same search as rows (CSV or JSON lines), streamed, at most 10000."""
        chunks = export.stream(c, settings, params, format, limit)
        return StreamingResponse(chunks, media_type=export.FORMATS[format], headers={
            "Content-Disposition": f'attachment; filename="legal-search-{params.kind}.{format}"'})

    @app.get("/api/documents/{doc_id}")
    def api_document(c: Client, doc_id: str) -> dict:
        return documents.get_document(c, settings, doc_id)

    @app.get("/api/documents/{doc_id}/articles/{anchor}")
    def api_article(c: Client, doc_id: str, anchor: str) -> dict:
        return documents.get_article(c, settings, doc_id, anchor)

    @app.get("/api/procedures/search", response_model=procedures.ProcedureResponse)
    def api_procedures(c: Client, q: str = "", field: Many = [], page: int = 1, size: int = 10):
        return procedures.search(c, settings, q, page, size, field)

    @app.get("/api/procedures/{code}")
    def api_procedure(c: Client, code: str) -> dict:
        return procedures.get(c, settings, code)

    from legal_search.web import router as web_router  # pages share the handlers above

    app.include_router(web_router)
    return app
