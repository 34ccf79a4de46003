"""Vietnamese wording of status reasons: dates, provision paths and events."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from legal_search.validity.events import TOPIC_PATH, Event, EventType

_UNIT_NAMES = {
    "diem": "điểm", "khoan": "khoản", "dieu": "Điều", "tieu-muc": "Tiểu mục", "muc": "Mục",
    "chuong": "Chương", "phan": "Phần", "phu-luc": "Phụ lục",
}
_VERBS = {
    EventType.REPLACE: "thay thế bởi",
    EventType.REPEAL: "bãi bỏ bởi",
    EventType.ANNUL: "hủy bỏ bởi",
    EventType.AMEND: "sửa đổi bởi",
    EventType.ANNOUNCE_EXPIRED: "công bố hết hiệu lực tại",
    EventType.SUSPEND: "ngưng hiệu lực theo",
    EventType.RESUME: "tiếp tục có hiệu lực theo",
}

Namer = Callable[[str], str]  # document id → "Nghị định 20/2022/NĐ-CP"


def fmt_date(when: date | None) -> str:
    return when.strftime("%d/%m/%Y") if when else "(không rõ ngày)"


def path_label(path: str) -> str:
    """"dieu-5/khoan-2" → "khoản 2 Điều 5"; "*" → "phần còn lại"."""
    if path == "*":
        return "phần còn lại"
    if path == TOPIC_PATH:
        return "một số quy định"
    parts = []
    for slug in path.split("/"):
        unit, _, ident = slug.rpartition("-")
        name = _UNIT_NAMES.get(unit, unit)
        parts.append(f"{name} {ident.upper() if unit in ('chuong', 'phan', 'phu-luc') else ident}")
    return " ".join(reversed(parts))


def scope_label(paths: tuple[str, ...]) -> str:
    return ", ".join(path_label(p) for p in paths)


def actor_name(event: Event, name: Namer) -> str:
    return event.actor_label or name(event.actor_doc)


def describe(event: Event, name: Namer) -> str:
    """"thay thế bởi Nghị định 20/2022/NĐ-CP", with the provisions when the event names some."""
    if event.source == "cascade":
        text = event.evidence
    elif event.type is EventType.TERM_END:
        text = "hết thời hạn hiệu lực ghi trong văn bản"
    elif event.type is EventType.EFFECTIVE:
        text = "có hiệu lực"
    else:
        text = f"{_VERBS.get(event.type, event.type.value.lower())} {actor_name(event, name)}"
    return f"{scope_label(event.target_paths)} {text}" if event.target_paths else text
