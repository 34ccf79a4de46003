"""Status labels as sources write them, mapped to the canonical enum (domain notes §3.2), and
the comparison of a source's label with the computed status."""

from __future__ import annotations

import re
from dataclasses import dataclass

from legal_search.model import Status
from legal_search.validity.keys import fold

# folded label → status; longer phrases are matched before shorter ones
_LABELS: dict[str, Status] = {
    "CHUA CO HIEU LUC": Status.NOT_YET,
    "CHO HIEU LUC": Status.NOT_YET,
    "SAP CO HIEU LUC": Status.NOT_YET,
    "CO HIEU LUC MOT PHAN": Status.IN_FORCE_PARTLY_PENDING,
    "CHUA CO HIEU LUC MOT PHAN": Status.IN_FORCE_PARTLY_PENDING,
    "CON HIEU LUC": Status.IN_FORCE,
    "DANG CO HIEU LUC": Status.IN_FORCE,
    "CON HIEU LUC TOAN BO": Status.IN_FORCE,
    "CO HIEU LUC": Status.IN_FORCE,
    "HET HIEU LUC MOT PHAN": Status.EXPIRED_PART,
    "CON HIEU LUC MOT PHAN": Status.EXPIRED_PART,  # hệ thống hóa: the rest has ended
    "HET HIEU LUC TOAN BO": Status.EXPIRED,
    "HET HIEU LUC": Status.EXPIRED,
    "NGUNG HIEU LUC MOT PHAN": Status.SUSPENDED_PART,
    "NGUNG HIEU LUC": Status.SUSPENDED,
    "NGUNG HIEU LUC TOAN BO": Status.SUSPENDED,
    "NGUNG HIEU LUC THI HANH": Status.SUSPENDED,
    "CHUA XAC DINH": Status.UNKNOWN,
    "KHONG XAC DINH": Status.UNKNOWN,
    "KHONG CON PHU HOP": Status.UNKNOWN,  # editorial, names no repeal event
}
_NOISE = re.compile(r"^(?:TINH TRANG|HIEU LUC)\s*:\s*|^VAN BAN\s+|[.:;!]+$")


def _clean(label: str) -> str:
    # folding makes "Ngừng" and "Ngưng" the same word
    text = " ".join(fold(label).split())
    previous = None
    while previous != text:
        previous, text = text, _NOISE.sub("", text).strip()
    return text


def map_source_label(label: str) -> Status:
    """Canonical status of a source's label; UNKNOWN when the label is empty or not recognised.

    Accepts the portals' variants: "Còn hiệu lực", "Văn bản đang có hiệu lực", "Văn bản hết hiệu
    lực", "Ngừng hiệu lực", "Không còn phù hợp" (→ UNKNOWN), case and accents ignored.
    """
    return _LABELS.get(_clean(label), Status.UNKNOWN)


@dataclass(frozen=True)
class Disagreement:
    doc_id: str
    status_raw: str
    source_status: Status
    computed: Status
    message: str


def compare_with_source(doc_id: str, status_raw: str, computed: Status,
                        status_source: str = "") -> Disagreement | None:
    """A disagreement between a source's label and the computed status, or None.

    An unknown or editorial label ("Không còn phù hợp") is no claim, so it never disagrees.
    """
    claimed = map_source_label(status_raw)
    if not status_raw.strip() or claimed is Status.UNKNOWN or claimed is computed:
        return None
    where = f" ({status_source})" if status_source else ""
    return Disagreement(
        doc_id, status_raw, claimed, computed,
        f"Nhãn nguồn{where} “{status_raw}” khác trạng thái tính được “{computed.label}”",
    )
