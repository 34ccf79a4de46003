"""The document model shared by ingest, indexing, search and the API.

Glossary (Vietnamese term = field name):
- văn bản quy phạm pháp luật (VBQPPL) = a normative ``LegalDocument``
- số ký hiệu = ``number`` (as written, normalised); its canonical search key = ``number_key``
- loại văn bản = ``doc_type`` (Luật, Nghị định, Thông tư, Quyết định, Nghị quyết…)
- cơ quan ban hành = ``issuer`` (cơ quan chủ quản, the parent body line = ``issuer_parent``)
- nơi ban hành / địa danh = ``issued_place``; ngày ban hành = ``issued_date``
- ngày thông qua (Quốc hội, HĐND) = ``passed_date``
- ngày có hiệu lực = ``effective_date``; ngày hết hiệu lực = ``expiry_date``
- trích yếu = ``title``; căn cứ = ``bases``; lĩnh vực = ``fields``
- người ký = ``signer``; chức vụ = ``signer_title``; TM./KT./TL./TUQ./Q. = ``signer_prefix``
- tình trạng hiệu lực = ``status`` (canonical enum of domain notes §3.2), label as given by a
  source = ``status_raw``
- Điều = ``Article`` (anchor ``dieu-5``); Chương/Mục/Phần = ``OutlineItem``
- thủ tục hành chính (TTHC) = ``Procedure``; căn cứ pháp lý = ``Procedure.legal_basis``

This module holds data only: no client, no I/O.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, Field


class Status(str, Enum):
    """Canonical validity status (domain notes §3.2)."""

    NOT_YET = "NOT_YET"
    IN_FORCE_PARTLY_PENDING = "IN_FORCE_PARTLY_PENDING"
    IN_FORCE = "IN_FORCE"
    EXPIRED_PART = "EXPIRED_PART"
    EXPIRED = "EXPIRED"
    SUSPENDED_PART = "SUSPENDED_PART"
    SUSPENDED = "SUSPENDED"
    UNKNOWN = "UNKNOWN"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.NOT_YET: "Chưa có hiệu lực",
    Status.IN_FORCE_PARTLY_PENDING: "Có hiệu lực một phần",
    Status.IN_FORCE: "Còn hiệu lực",
    Status.EXPIRED_PART: "Hết hiệu lực một phần",
    Status.EXPIRED: "Hết hiệu lực toàn bộ",
    Status.SUSPENDED_PART: "Ngưng hiệu lực một phần",
    Status.SUSPENDED: "Ngưng hiệu lực",
    Status.UNKNOWN: "Chưa xác định",
}


class RelationKind(str, Enum):
    """Relations stated between documents, each with its reverse name."""

    REPLACES = "replaces"
    AMENDS = "amends"
    SUPPLEMENTS = "supplements"
    REPEALS = "repeals"
    SUSPENDS = "suspends"
    DETAILS = "details"
    GUIDES = "guides"
    BASED_ON = "based_on"
    CONSOLIDATES = "consolidates"
    ANNOUNCES_EXPIRED = "announces_expired"
    # added for the validity engine (domain notes §3.3 event types)
    ANNULS = "annuls"  # hủy bỏ
    RESUMES = "resumes"  # cho tiếp tục thi hành after a suspension
    CORRECTS = "corrects"  # đính chính: no change of effect
    CITES = "cites"  # dẫn chiếu: no change of effect


class Relation(BaseModel):
    kind: RelationKind
    target_number: str = ""  # as written in the source text
    target_key: str = ""  # canonical key of the target number, when parsed
    target_title: str = ""  # e.g. "Luật giao thông đường bộ ngày 29 tháng 6 năm 2001"
    scope: str = ""  # e.g. "khoản 2 Điều 5"; empty = the whole document
    effective_date: date | None = None
    evidence: str = ""  # the sentence the relation was read from
    # "copy:PATH" when another file of the same document stated it (``ingest.copies``); empty:
    # the document's own source. Kept apart so that importing that source again keeps it.
    origin: str = ""


class EffectivePart(BaseModel):
    """A part of a document with its own effective window (domain notes §3.3 ``effective_parts``).

    ``scope`` names provisions as written ("khoản 3 Điều 75"); empty = the whole document.
    ``expiry_date`` is exclusive: the first day the part is no longer in force.
    """

    scope: str = ""
    effective_date: date | None = None
    expiry_date: date | None = None
    evidence: str = ""


class Article(BaseModel):
    """One Điều: the unit a citizen wants to land on."""

    anchor: str  # stable within the document, e.g. "dieu-5"
    number: str  # "5", "5a"
    heading: str = ""  # "Điều 5. Phạm vi điều chỉnh"
    title: str = ""  # "Phạm vi điều chỉnh"
    text: str = ""  # the article's full text, heading included
    path: list[str] = Field(default_factory=list)  # enclosing Phần/Chương/Mục headings
    # Bộ Pháp điển rows: the codified heading ("Điều 40.1.LQ.1. Phạm vi điều chỉnh") and mapc
    codified_heading: str = ""
    codified_id: str = ""


class OutlineItem(BaseModel):
    level: str  # "phan" | "chuong" | "muc" | "tieu_muc" | "dieu" | "phu_luc"
    label: str  # "Chương I", "Điều 5"
    title: str = ""
    anchor: str = ""


class SourceInfo(BaseModel):
    path: str = ""
    sha256: str = ""
    format: str = ""  # pdf, docx, doc, rtf, html, txt, jsonl:phapdien, …
    dataset: str = ""
    url: str = ""
    credit: str = ""


class LegalDocument(BaseModel):
    id: str = ""
    number: str = ""
    number_key: str = ""
    doc_type: str = ""
    issuer: str = ""
    issuer_parent: str = ""
    issued_place: str = ""
    issued_date: date | None = None
    passed_date: date | None = None
    effective_date: date | None = None
    expiry_date: date | None = None  # exclusive: first day no longer in force
    # parts starting or ending on their own dates ("trừ quy định tại khoản 2 Điều này")
    effective_parts: list[EffectivePart] = Field(default_factory=list)
    shortened_procedure: bool = False  # thủ tục rút gọn: may take effect on signing
    title: str = ""
    signer: str = ""
    signer_title: str = ""
    signer_prefix: str = ""
    fields: list[str] = Field(default_factory=list)
    bases: list[str] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    articles: list[Article] = Field(default_factory=list)
    outline: list[OutlineItem] = Field(default_factory=list)
    text: str = ""
    is_normative: bool | None = None
    status: Status | None = None
    status_reason: str = ""
    status_raw: str = ""
    status_source: str = ""
    status_as_of: date | None = None  # the date the stored status was computed for
    source: SourceInfo = Field(default_factory=SourceInfo)
    # where each metadata field came from: {"number": "text:header", "issuer": "json", …}
    provenance: dict[str, str] = Field(default_factory=dict)
    disagreements: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip() or self.articles)


class Channel(BaseModel):
    """Cách thức thực hiện: one submission channel."""

    channel: str = ""  # Trực tiếp / Trực tuyến / Dịch vụ bưu chính
    time_limit: str = ""
    fee: str = ""
    description: str = ""


class Paper(BaseModel):
    """Thành phần hồ sơ: one required paper."""

    name: str
    form: str = ""  # mẫu đơn / tờ khai file name
    quantity: str = ""  # "Bản chính: 1, Bản sao: 0"


class LegalBasis(BaseModel):
    """Căn cứ pháp lý of a procedure, linked to an indexed document when present."""

    number: str = ""
    number_key: str = ""
    title: str = ""
    issued_date: date | None = None
    issuer: str = ""
    doc_id: str = ""


class Procedure(BaseModel):
    code: str  # mã thủ tục, e.g. 1.013124
    name: str
    decision_number: str = ""  # số quyết định công bố
    level: str = ""  # cấp thực hiện
    procedure_type: str = ""
    fields: list[str] = Field(default_factory=list)
    steps: list[str] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    papers: list[Paper] = Field(default_factory=list)
    subjects: str = ""  # đối tượng thực hiện
    agency: str = ""  # cơ quan thực hiện
    competent_agency: str = ""
    address: str = ""
    results: str = ""
    requirements: str = ""
    legal_basis: list[LegalBasis] = Field(default_factory=list)
    source: SourceInfo = Field(default_factory=SourceInfo)
