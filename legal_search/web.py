"""Server-rendered pages (Jinja2), usable without JavaScript, in Vietnamese."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from legal_search import documents, procedures
from legal_search.errors import LegalSearchError, QueryError
from legal_search.model import STATUS_LABELS, Status
from legal_search.search import FACETS, SearchParams, search

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
router = APIRouter(include_in_schema=False)

FACET_TITLES = {"type": "Loại văn bản", "issuer": "Cơ quan ban hành", "status": "Tình trạng hiệu lực",
                "year": "Năm ban hành", "field": "Lĩnh vực"}
STATUS_NAMES = {s.value: label for s, label in STATUS_LABELS.items()}
EXAMPLES = ["đất đai", "thu tuc dang ky ket hon", "Điều 5 Luật 45/2019/QH14", "bảo hiểm xã hội"]


def _page(request: Request, name: str, status_code: int = 200, **ctx) -> HTMLResponse:
    ctx.update(status_names=STATUS_NAMES)
    return templates.TemplateResponse(request, name, ctx, status_code=status_code)


def _error(request: Request, exc: LegalSearchError) -> HTMLResponse:
    return _page(request, "error.html", status_code=exc.status_code, message=exc.message)


def _toggle_url(params: dict[str, list[str]], name: str, value: str) -> str:
    new = {k: list(v) for k, v in params.items() if k != "page"}
    values = new.setdefault(name, [])
    values.remove(value) if value in values else values.append(value)
    return "/?" + urlencode([(k, x) for k, vs in new.items() for x in vs])


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request) -> HTMLResponse:
    qp = request.query_params
    multi = {k: qp.getlist(k) for k in ("q", *FACETS, "issued_from", "issued_to", "page") if qp.getlist(k)}
    q = qp.get("q", "")
    if not q and len(multi) == 0:
        return _page(request, "search.html", q="", result=None, examples=EXAMPLES, facet_titles=FACET_TITLES)
    settings = request.app.state.settings
    try:
        try:
            params = SearchParams(q=q, **{k: qp.getlist(k) for k in FACETS},
                                  issued_from=qp.get("issued_from") or None, issued_to=qp.get("issued_to") or None,
                                  page=int(qp.get("page", "1") or 1))
        except (ValueError, TypeError) as exc:
            raise QueryError(f"tham số không hợp lệ: {exc}") from None
        result = search(request.app.state.client, settings, params)
    except LegalSearchError as exc:
        return _error(request, exc)
    toggles = {name: {f.value: _toggle_url(multi, name, f.value) for f in result.facets.get(name, [])}
               for name in FACETS}
    base = {k: v for k, v in multi.items() if k != "page"}
    pages = {"prev": None, "next": None}
    if params.page > 1:
        pages["prev"] = "/?" + urlencode([(k, x) for k, vs in base.items() for x in vs] + [("page", params.page - 1)])
    if params.page * params.size < result.total:
        pages["next"] = "/?" + urlencode([(k, x) for k, vs in base.items() for x in vs] + [("page", params.page + 1)])
    return _page(request, "search.html", q=q, result=result, toggles=toggles, pages=pages, examples=EXAMPLES,
                 facet_titles=FACET_TITLES, params=params)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    try:
        doc = documents.get_document(request.app.state.client, request.app.state.settings, doc_id)
    except LegalSearchError as exc:
        return _error(request, exc)
    return _page(request, "document.html", doc=doc)


@router.get("/procedures/{code}", response_class=HTMLResponse)
def procedure_page(request: Request, code: str) -> HTMLResponse:
    try:
        proc = procedures.get(request.app.state.client, request.app.state.settings, code)
    except LegalSearchError as exc:
        return _error(request, exc)
    return _page(request, "procedure.html", proc=proc)
