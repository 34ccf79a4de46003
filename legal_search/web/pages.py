"""The routes: the search page at ``/``, a document, a procedure, static files, and a 404 page for
any other address. Each is a few lines over the library; failures become pages (``guarded``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

import analyzers
from legal_search import documents, procedures
from legal_search.errors import NotFound, QueryError
from legal_search.search import search
from legal_search.web.forms import PAGE_SIZE, SORT_LABELS, SearchForm, facet_views, page_links
from legal_search.web.fulltext import document_sections, outline_tree
from legal_search.web.related import Related, basis_statuses, relation_groups
from legal_search.web.render import NOT_IN_FORCE, PARTLY, STATIC, STATUS_NAMES, guarded, page

router = APIRouter(include_in_schema=False)

EXAMPLES = ["đất đai", "thu tuc dang ky ket hon", "Điều 5 Luật 45/2019/QH14", "bảo hiểm xã hội",
            "sự cố tràn dầu"]
QUERY_MESSAGES = {
    "issued_from": "Ngày ban hành “từ” phải trước ngày “đến”.",
    "page": "Số trang vượt quá số kết quả có thể xem; hãy thu hẹp tìm kiếm.",
    "q": "Từ khóa quá dài (tối đa 1000 ký tự).",
}
STATIC_FILES = {p.name: p for p in STATIC.iterdir() if p.is_file()}
MEDIA = {".css": "text/css", ".svg": "image/svg+xml", ".js": "text/javascript"}


def _state(request: Request):
    return request.app.state.client, request.app.state.settings


def _count(request: Request, params) -> int:
    client, settings = _state(request)
    return search(client, settings, params.model_copy(update={"page": 1, "size": 1})).total


def _suggestions(request: Request, form: SearchForm, params, procs) -> list[dict]:
    """Other searches worth offering when nothing matched, each with its number of results."""
    out = []
    if form.has_filters and form.q:
        n = _count(request, params.model_copy(update={k: [] for k in form.facets} | {
            "issued_from": None, "issued_to": None}))
        out.append({"text": f"Tìm “{form.q}” không kèm bộ lọc", "url": form.clear_all_url(), "count": n})
    folded = analyzers.fold(form.q)
    if folded != form.q:
        n = _count(request, params.model_copy(update={"q": folded}))
        out.append({"text": f"Tìm không dấu: “{folded}”", "url": form.url(q=folded), "count": n})
    if procs and procs.total:
        out.append({"text": f"Xem thủ tục hành chính cho “{form.q}”", "url": form.url(tab="procedures"),
                    "count": procs.total})
    return [s for s in out if s["count"]]


@router.get("/", response_class=HTMLResponse)
@guarded
def search_page(request: Request) -> Response:
    form = SearchForm.from_query(request.query_params)
    ctx: dict = {"form": form, "examples": EXAMPLES, "sort_labels": SORT_LABELS}
    if form.is_empty:
        return page(request, "search.html", **ctx)
    client, settings = _state(request)
    try:
        params = form.params()
    except QueryError as exc:  # a malformed date, already explained in Vietnamese by the form
        return page(request, "search.html", status_code=400, error=exc.message, **ctx)
    try:
        params.validate_values()
    except QueryError as exc:
        message = QUERY_MESSAGES.get(exc.param or "", "Tham số tìm kiếm không hợp lệ.")
        return page(request, "search.html", status_code=400, error=message, **ctx)
    if form.tab == "procedures":
        procs = procedures.search(client, settings, form.q, form.page, PAGE_SIZE)
        result = search(client, settings, params.model_copy(update={"page": 1, "size": 1}))
        pages = page_links(form, procs.total)
    else:
        result = search(client, settings, params)
        procs = procedures.search(client, settings, form.q, 1, 3) if form.q else None
        pages = page_links(form, result.total)
    empty = (procs.total if form.tab == "procedures" else result.total) == 0
    return page(request, "search.html", result=result, procs=procs, pages=pages,
                facets=facet_views(form, result.facets),
                suggestions=_suggestions(request, form, params, procs) if empty else [], **ctx)


@router.get("/documents/{doc_id:path}", response_class=HTMLResponse)
@guarded
def document_page(request: Request, doc_id: str) -> Response:
    client, settings = _state(request)
    doc = documents.get_document(client, settings, doc_id)
    sections = document_sections(client, settings, doc)
    return page(request, "document.html", doc=doc, sections=sections, outline=outline_tree(sections),
                relations=relation_groups(client, settings, doc))


def _basis_row(basis: dict, found: Related | None) -> dict:
    """A legal basis with its status and, when it no longer applies, the warning to show.
    ``basis_flag`` (set by the validity engine when present) wins over the looked-up status."""
    status = basis.get("status") or (found.status if found else "")
    flag = basis.get("basis_flag")
    if isinstance(flag, dict):
        flag = flag.get("message") or flag.get("reason") or flag.get("label") or flag.get("status") or True
    warning = ""
    if flag:
        warning = STATUS_NAMES.get(flag, flag) if isinstance(flag, str) else "Căn cứ này không còn hiệu lực"
    elif status in NOT_IN_FORCE:
        warning = "Căn cứ này không còn hiệu lực"
    elif status in PARTLY:
        warning = "Căn cứ này đã hết hiệu lực một phần"
    return {"basis": basis, "doc": found, "status": status,
            "status_label": basis.get("status_label") or (found.status_label if found else ""),
            "reason": found.status_reason if found else "", "warning": warning}


@router.get("/procedures/{code}", response_class=HTMLResponse)
@guarded
def procedure_page(request: Request, code: str) -> Response:
    client, settings = _state(request)
    proc = procedures.get(client, settings, code)
    rows = [_basis_row(b, d) for b, d in basis_statuses(client, settings, proc.get("legal_basis") or [])]
    return page(request, "procedure.html", proc=proc, bases=rows, flagged=[r for r in rows if r["warning"]])


@router.get("/static/{name}")
def static_file(name: str) -> Response:
    path = STATIC_FILES.get(name)
    if path is None:
        return Response(status_code=404)
    return FileResponse(path, media_type=MEDIA.get(path.suffix), headers={"Cache-Control": "public, max-age=3600"})


@router.get("/{path:path}", response_class=HTMLResponse)
@guarded
def not_found(request: Request, path: str) -> Response:
    """Any other address: a page for people, JSON under /api."""
    if path.startswith("api/"):
        return JSONResponse(NotFound(f"no endpoint /{path}").to_dict(), status_code=404)
    raise NotFound(f"/{path}")

