"""What a search returns: documents with their best articles, articles on their own, procedures,
and facets. Fragments and headings are HTML (escaped, matches in ``<mark>``); every other text
field is plain text."""

from __future__ import annotations

from pydantic import BaseModel, Field

__all__ = ["ArticleHit", "DocumentHit", "FacetValue", "ProcedureHit", "SearchResponse"]


class ProcedureHit(BaseModel):
    code: str
    name: str
    level: str | None = None
    fields: list[str] = Field(default_factory=list)
    agency: str | None = None
    basis_flag: str | None = None  # ok | basis_partly_expired | basis_expired
    score: float | None = None
    fragments: list[str] = Field(default_factory=list)


class ArticleHit(BaseModel):
    """An article: in a document hit (its best articles), or on its own (``kind=articles``), then
    with its document's id, number, type, title and status."""

    anchor: str
    number: str = ""
    heading: str = ""  # HTML-escaped
    fragments: list[str] = Field(default_factory=list)  # HTML-escaped, matches in <mark>
    score: float | None = None
    doc_id: str | None = None
    doc_number: str | None = None
    doc_type: str | None = None
    doc_title: str | None = None
    issued_date: str | None = None
    status: str | None = None
    status_label: str | None = None
    status_reason: str | None = None


class DocumentHit(BaseModel):
    id: str
    number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    title: str | None = None
    issued_date: str | None = None
    effective_date: str | None = None
    expiry_date: str | None = None
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
    articles: list[ArticleHit] = Field(default_factory=list)
    procedures: list[ProcedureHit] = Field(default_factory=list)
    procedures_total: int | None = None
    facets: dict[str, list[FacetValue]] = Field(default_factory=dict)
    next_cursor: str | None = None
