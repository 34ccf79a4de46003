"""The template environment, its filters, and pages for errors (never a traceback)."""

from __future__ import annotations

import functools
import logging
from datetime import date
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from legal_search.client import UNAVAILABLE
from legal_search.errors import LegalSearchError, SearchUnavailable
from legal_search.model import STATUS_LABELS, Status

log = logging.getLogger("legal_search.web")
TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"

STATUS_NAMES = {s.value: label for s, label in STATUS_LABELS.items()}
# statuses after which a citizen must not rely on the text as it stands
NOT_IN_FORCE = frozenset({Status.EXPIRED.value, Status.SUSPENDED.value})
PARTLY = frozenset({Status.EXPIRED_PART.value, Status.SUSPENDED_PART.value})

ERROR_TITLES = {
    400: "Yêu cầu không hợp lệ",
    404: "Không tìm thấy trang hoặc văn bản",
    503: "Hệ thống tìm kiếm tạm thời không hoạt động",
    500: "Đã xảy ra lỗi",
}
ERROR_HINTS = {
    400: "Vui lòng kiểm tra lại từ khóa, ngày tháng hoặc số trang.",
    404: "Văn bản hoặc thủ tục này không có trong cơ sở dữ liệu. Hãy thử tìm theo số ký hiệu hoặc tên.",
    503: "Máy chủ tìm kiếm chưa sẵn sàng. Vui lòng thử lại sau ít phút.",
    500: "Lỗi đã được ghi lại. Vui lòng thử lại sau.",
}


def vndate(value: str | date | None) -> str:
    """``2013-11-29`` → ``29/11/2013``, as Vietnamese readers write dates."""
    if not value:
        return ""
    try:
        d = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def status_label(status: str | None, label: str | None = None) -> str:
    return label or STATUS_NAMES.get(status or "", STATUS_NAMES[Status.UNKNOWN.value])


def safe_url(url: str | None) -> str:
    """Only web addresses become links: a ``javascript:`` source URL stays text."""
    return url if url and url.lower().startswith(("http://", "https://")) else ""


templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.filters.update(vndate=vndate, safe_url=safe_url)
templates.env.globals.update(status_names=STATUS_NAMES, status_label=status_label,
                             not_in_force=NOT_IN_FORCE, partly=PARTLY)


def page(request: Request, name: str, status_code: int = 200, headers: dict | None = None,
         **ctx) -> HTMLResponse:
    return templates.TemplateResponse(request, name, ctx, status_code=status_code, headers=headers)


def error_page(request: Request, exc: LegalSearchError) -> HTMLResponse:
    code = exc.status_code if exc.status_code in ERROR_TITLES else 500
    headers = {"Retry-After": "30"} if code == 503 else None
    # 400 and 404 messages are about what the user asked for; others may name servers
    detail = exc.message if code in (400, 404) else ""
    return page(request, "error.html", status_code=code, headers=headers, code=code,
                title=ERROR_TITLES[code], hint=ERROR_HINTS[code], detail=detail)


def guarded(view):
    """Turn any failure of a page into an error page with the right status."""

    @functools.wraps(view)
    def wrapper(request: Request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except LegalSearchError as exc:
            return error_page(request, exc)
        except UNAVAILABLE:
            return error_page(request, SearchUnavailable("OpenSearch is not reachable"))
        except Exception:
            log.exception("page %s failed", request.url.path)
            return error_page(request, LegalSearchError("unexpected error"))

    return wrapper
