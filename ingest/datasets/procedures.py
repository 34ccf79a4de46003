"""The procedure export (``procedures/procedures.jsonl``, CSDL quốc gia TTHC; fields of domain
notes §3.9) -> ``Procedure``. Placeholders ("Không có thông tin", "Không") become empty values.

Legal-basis numbers are parsed from ``so_ky_hieu`` and, when that column is truncated ("12",
"104", "34/2023") or holds a name ("BỘ LUẬT HÀNG HẢI VIỆT NAM"), from the trích yếu. A number
that neither gives stays unparsed: it is never completed from memory.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from legal_search.model import Channel, LegalBasis, LegalDocument, Paper, Procedure, SourceInfo

from ingest.datasets._common import DatasetError, Item, empty_if_placeholder, read_jsonl
from ingest.extract import document_id
from ingest.extract.dates import parse_iso_or_vi
from ingest.extract.numbers import find_numbers, parse_number
from ingest.extract.text import nfc

CREDIT = "Cơ sở dữ liệu quốc gia về TTHC via nhdandz/ThuTucHanhChinh data/extracted_fixed @936e184e"
KEYS = frozenset({"thu_tuc_id", "metadata", "content", "tables"})
_TYPE_WORD = re.compile(r"(?i)^(Bộ\s+luật|Luật|Nghị\s+quyết|Pháp\s+lệnh|Hiến\s+pháp)\b")


def _text(value: object) -> str:
    return empty_if_placeholder(nfc(str(value))) if value is not None else ""


def _steps(text: str) -> list[str]:
    text = _text(text)
    if not text:
        return []
    parts = re.split(r"(?=\bBước\s+\d+\s*[:.])", text)
    return [p.strip() for p in parts if p.strip()]


def _fields(value: str) -> list[str]:
    value = _text(value)
    return [value] if value else []


def legal_basis(row: dict) -> LegalBasis:
    written = _text(row.get("so_ky_hieu"))
    title = _text(row.get("trich_yeu"))
    parsed = parse_number(written) if written else None
    if parsed is not None and getattr(parsed, "partial", False):
        parsed = None  # "Thông tư số 104/2024" without its symbol: look in the trích yếu
    if parsed is None or parsed.year is None and not re.search(r"[A-Za-zĐđ]", written):
        in_title = find_numbers(title)
        if in_title and (parsed is None or in_title[0].num.lstrip("0") == str(parsed.num).lstrip("0")):
            parsed = in_title[0]
        elif in_title and re.fullmatch(r"\d{1,5}", written or "") and in_title[0].num.lstrip("0") == written.lstrip("0"):
            parsed = in_title[0]
    basis = LegalBasis(
        number=parsed.canonical if parsed is not None else written,
        number_key=parsed.key if parsed is not None else "",
        title=title,
        issued_date=parse_iso_or_vi(row.get("ngay_ban_hanh")),
        issuer=_text(row.get("co_quan_ban_hanh")),
    )
    if basis.number_key:
        # the id the cited document gets when it is indexed (same rule as every document)
        typed = _TYPE_WORD.match(written) or _TYPE_WORD.match(title)
        doc_type = " ".join(typed[1].split()).capitalize() if typed else ""
        basis.doc_id = document_id(LegalDocument(number=basis.number, number_key=basis.number_key,
                                                 issued_date=basis.issued_date, doc_type=doc_type))
    return basis


def to_procedure(rec: dict, path: str, line: int) -> Procedure:
    meta = rec.get("metadata") or {}
    content = rec.get("content") or {}
    tables = rec.get("tables") or {}
    code = _text(meta.get("mã_thủ_tục") or rec.get("thu_tuc_id"))
    name = _text(meta.get("tên_thủ_tục"))
    if not code or not name:
        raise ValueError("procedure without a code or a name")
    decision = _text(meta.get("số_quyết_định"))
    parsed_decision = parse_number(decision) if decision else None
    return Procedure(
        code=code,
        name=name,
        decision_number=parsed_decision.canonical if parsed_decision is not None else decision,
        level=_text(meta.get("cấp_thực_hiện")),
        procedure_type=_text(meta.get("loại_thủ_tục")),
        fields=_fields(meta.get("lĩnh_vực")),
        steps=_steps(content.get("trình_tự_thực_hiện")),
        channels=[
            Channel(
                channel=_text(c.get("hinh_thuc")), time_limit=_text(c.get("thoi_han_giai_quyet")),
                fee=_text(c.get("phi_le_phi")), description=_text(c.get("mo_ta")),
            )
            for c in tables.get("hinh_thuc_nop") or []
        ],
        papers=[
            Paper(name=_text(p.get("ten_giay_to")), form=_text(p.get("so_luong")), quantity=_text(p.get("ghi_chu")))
            for p in tables.get("thanh_phan_ho_so") or []
            if _text(p.get("ten_giay_to"))
        ],
        subjects=_text(content.get("đối_tượng_thực_hiện")),
        agency=_text(content.get("cơ_quan_thực_hiện")),
        competent_agency=_text(content.get("cơ_quan_có_thẩm_quyền")),
        address=_text(content.get("địa_chỉ_tiếp_nhận_hs")),
        results=_text(content.get("kết_quả_thực_hiện")),
        requirements=_text(content.get("yêu_cầu_điều_kiện_thực_hiện")),
        legal_basis=[legal_basis(b) for b in tables.get("can_cu_phap_ly") or []],
        source=SourceInfo(
            path=f"{path}#L{line}", format="jsonl:procedures", dataset="procedures",
            url=str(rec.get("source_file") or ""), credit=CREDIT,
        ),
    )


def iter_procedures(path: str) -> Iterator[tuple[int, Item]]:
    for line, rec in read_jsonl(path):
        if isinstance(rec, DatasetError):
            yield line, rec
            continue
        try:
            yield line, to_procedure(rec, path, line)
        except (ValueError, TypeError, AttributeError) as exc:
            yield line, DatasetError(path, line, f"not a procedure record: {exc}")
