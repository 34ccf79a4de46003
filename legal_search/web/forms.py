"""The search page's state, read from the query string, and every link the page offers (select
or clear a facet, clear all, another page, the same query without filters). Pure: no client."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from legal_search.errors import QueryError
from legal_search.search import FACETS, SORTS, FacetValue, SearchParams

FACET_ORDER = ("type", "status", "issuer", "year", "field")
FACET_TITLES = {"type": "Loại văn bản", "status": "Tình trạng hiệu lực", "issuer": "Cơ quan ban hành",
                "year": "Năm ban hành", "field": "Lĩnh vực"}
SORT_LABELS = {"relevance": "Phù hợp nhất", "issued_desc": "Mới ban hành trước", "issued_asc": "Cũ trước"}
TABS = ("documents", "procedures")
DATES = ("issued_from", "issued_to")
PAGE_SIZE = 10
MAX_RESULTS = 10_000


def _date(value: str, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"Ngày không hợp lệ: “{value}” (cần dạng năm-tháng-ngày, ví dụ 2020-01-31)",
                         param=name) from None


@dataclass
class SearchForm:
    q: str = ""
    tab: str = "documents"
    facets: dict[str, list[str]] = field(default_factory=dict)
    issued_from: str = ""
    issued_to: str = ""
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_query(cls, qp) -> "SearchForm":
        """Lenient about what only shapes the page (tab, sort, page): a bad value falls back."""
        page = qp.get("page", "1")
        return cls(
            q=qp.get("q", "").strip(),
            tab=qp.get("tab") if qp.get("tab") in TABS else "documents",
            facets={name: list(dict.fromkeys(v for v in qp.getlist(name) if v)) for name in FACETS
                    if any(qp.getlist(name))},
            issued_from=qp.get("issued_from", "").strip(),
            issued_to=qp.get("issued_to", "").strip(),
            sort=qp.get("sort") if qp.get("sort") in SORTS else "relevance",
            page=max(1, int(page)) if page.isdigit() and len(page) < 7 else 1,
        )

    @property
    def is_empty(self) -> bool:
        return not (self.q or self.facets or self.issued_from or self.issued_to)

    @property
    def has_filters(self) -> bool:
        return bool(self.facets or self.issued_from or self.issued_to)

    def params(self, **changes) -> SearchParams:
        """Search parameters; a malformed date is a QueryError naming the field."""
        p = SearchParams(q=self.q, **self.facets, issued_from=_date(self.issued_from, "issued_from"),
                         issued_to=_date(self.issued_to, "issued_to"), sort=self.sort, page=self.page,
                         size=PAGE_SIZE)
        return p.model_copy(update=changes)

    # ------------------------------------------------------------------ links
    def pairs(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = [("q", self.q)] if self.q else []
        if self.tab != "documents":
            out.append(("tab", self.tab))
        out += [(name, v) for name in FACET_ORDER for v in self.facets.get(name, [])]
        out += [(name, getattr(self, name)) for name in DATES if getattr(self, name)]
        if self.sort != "relevance":
            out.append(("sort", self.sort))
        if self.page > 1:
            out.append(("page", str(self.page)))
        return out

    def url(self, **changes) -> str:
        changes.setdefault("page", 1)  # any change of the query starts again on page 1
        new = SearchForm(**{**self.__dict__, "facets": {k: list(v) for k, v in self.facets.items()},
                            **changes})
        return "/?" + urlencode(new.pairs()) if new.pairs() else "/"

    def toggle_url(self, name: str, value: str) -> str:
        facets = {k: list(v) for k, v in self.facets.items()}
        values = facets.setdefault(name, [])
        values.remove(value) if value in values else values.append(value)
        return self.url(facets={k: v for k, v in facets.items() if v})

    def clear_url(self, name: str) -> str:
        return self.url(facets={k: v for k, v in self.facets.items() if k != name})

    def clear_all_url(self) -> str:
        return self.url(facets={}, issued_from="", issued_to="")


@dataclass
class FacetView:
    name: str
    title: str
    values: list[tuple[FacetValue, str]]  # (value, link that selects or unselects it)
    clear_url: str | None


def facet_views(form: SearchForm, facets: dict[str, list[FacetValue]]) -> list[FacetView]:
    """Facets in display order; a selected value the engine no longer counts stays listed (with
    0) so that it can be unselected."""
    out = []
    for name in FACET_ORDER:
        values = list(facets.get(name, []))
        seen = {v.value for v in values}
        values += [FacetValue(value=v, count=0, selected=True) for v in form.facets.get(name, []) if v not in seen]
        if not values:
            continue
        out.append(FacetView(name, FACET_TITLES[name], [(v, form.toggle_url(name, v.value)) for v in values],
                             form.clear_url(name) if form.facets.get(name) else None))
    return out


def page_links(form: SearchForm, total: int, size: int = PAGE_SIZE, window: int = 2) -> list[dict]:
    """Numbered pages around the current one, with first and last, and gaps as ``None`` urls."""
    last = max(1, min(math.ceil(total / size), MAX_RESULTS // size))
    if last == 1:
        return []
    shown = sorted({1, last, *range(max(1, form.page - window), min(last, form.page + window) + 1)})
    out, previous = [], 0
    for n in shown:
        if n - previous > 1:
            out.append({"number": None, "url": None, "current": False})
        out.append({"number": n, "url": form.url(page=n), "current": n == form.page})
        previous = n
    return out
