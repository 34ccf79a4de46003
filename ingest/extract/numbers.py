"""Document numbers through ``analyzers`` (the one place that knows the number grammar), plus
the names of document types, which the extractor needs and the grammar does not give.

``analyzers`` is imported lazily: ``parse_doc_number``/``find_doc_numbers`` are looked up at
call time, so this module works before and after that package lands. While it is missing,
numbers stay as written and keys are a plain normalisation of the written token
(``provisional_key``), flagged in provenance so nobody mistakes them for parsed keys.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from ingest.extract.text import fold

# loại văn bản as written on the type line (upper case) -> display name
TYPE_NAMES: dict[str, str] = {
    "HIẾN PHÁP": "Hiến pháp",
    "BỘ LUẬT": "Bộ luật",
    "LUẬT": "Luật",
    "PHÁP LỆNH": "Pháp lệnh",
    "LỆNH": "Lệnh",
    "SẮC LỆNH": "Sắc lệnh",
    "NGHỊ QUYẾT LIÊN TỊCH": "Nghị quyết liên tịch",
    "NGHỊ QUYẾT": "Nghị quyết",
    "NGHỊ ĐỊNH": "Nghị định",
    "QUYẾT ĐỊNH": "Quyết định",
    "THÔNG TƯ LIÊN TỊCH": "Thông tư liên tịch",
    "THÔNG TƯ": "Thông tư",
    "CHỈ THỊ": "Chỉ thị",
    "VĂN BẢN HỢP NHẤT": "Văn bản hợp nhất",
    "CÔNG VĂN": "Công văn",
    "THÔNG BÁO": "Thông báo",
    "KẾ HOẠCH": "Kế hoạch",
    "HƯỚNG DẪN": "Hướng dẫn",
    "QUY CHẾ": "Quy chế",
    "QUY ĐỊNH": "Quy định",
    "CÔNG ĐIỆN": "Công điện",
    "LUẬT MẪU": "Luật mẫu",
}

# type code inside a number (§3.5) -> display name; used to cross-check the type line
TYPE_CODES: dict[str, str] = {
    "NĐ": "Nghị định",
    "NQ": "Nghị quyết",
    "NQLT": "Nghị quyết liên tịch",
    "QĐ": "Quyết định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "CT": "Chỉ thị",
    "PL": "Pháp lệnh",
    "L": "Lệnh",
    "VBHN": "Văn bản hợp nhất",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CĐ": "Công điện",
}


def _analyzers() -> Any | None:
    """The module offering ``parse_doc_number``/``find_doc_numbers``: the package itself, or its
    ``numbers`` submodule while the package does not re-export them yet."""
    try:
        import analyzers
    except ImportError:  # pragma: no cover - depends on the sibling package's progress
        return None
    if callable(getattr(analyzers, "parse_doc_number", None)):
        return analyzers
    try:
        from analyzers import numbers
    except ImportError:  # pragma: no cover
        return None
    return numbers if callable(getattr(numbers, "parse_doc_number", None)) else None


def analyzers_ready() -> bool:
    return _analyzers() is not None


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("Ð", "Đ").replace("ð", "đ")
    # "QH 11" (seen in laws.jsonl headers) is a typing slip inside the token
    text = re.sub(r"(QH|UBTVQH)\s+(\d{1,2})\b", r"\1\2", text)
    return text.strip().rstrip(".,;:")


def parse_number(text: str) -> Any | None:
    """A ``DocNumber`` for text that should hold one number, or None."""
    mod = _analyzers()
    if mod is None or not text:
        return None
    text = _clean(text)
    parsed = mod.parse_doc_number(text)
    if parsed is None:
        found = mod.find_doc_numbers(text)
        parsed = found[0] if found else None
    return parsed


def find_numbers(text: str) -> list[Any]:
    mod = _analyzers()
    if mod is None or not text:
        return []
    return list(mod.find_doc_numbers(_clean(text)))


_PROVISIONAL_TOKEN = re.compile(r"\d{1,5}[a-z]?\s*(?:[/-]\s*[\w.&Đđ]+)+")


def provisional_key(written: str) -> str:
    """Key of a written number when ``analyzers`` is unavailable: fold, upper-case, strip the
    leading zeros of the first part. No grammar: whatever the token is, it is kept."""
    token = re.sub(r"\s+", "", _clean(written))
    token = re.sub(r"^0+(?=\d)", "", token)
    return fold(token).upper()


def _covers(parsed: Any, written: str) -> bool:
    """True when a parse accounts for the whole written token (not '102-SL/L' out of
    '102-SL/L-004')."""
    span = getattr(parsed, "span", None)
    if span is None:
        return True
    return span[0] <= 1 and span[1] >= len(written.rstrip(" .,;")) - 1


@lru_cache(maxsize=1 << 16)  # the same numbers recur across a dataset; the result is immutable
def number_fields(written: str) -> tuple[str, str, Any | None]:
    """(number as written/canonical, key, DocNumber or None) for a written number."""
    written = _clean(written)
    parsed = parse_number(written)
    if parsed is not None and _covers(parsed, written) and not getattr(parsed, "partial", False):
        return parsed.canonical, parsed.key, parsed
    return re.sub(r"\s*/\s*", "/", written), provisional_key(written), None


def type_from_number(parsed: Any | None) -> str:
    """The type a number names (NĐ -> Nghị định), '' when it names none (QH numbers)."""
    if parsed is None:
        return ""
    code = (getattr(parsed, "type", "") or "").upper().replace("Ð", "Đ")
    return TYPE_CODES.get(code, "")


def is_yearless(parsed: Any | None, key: str) -> bool:
    if parsed is not None:
        return getattr(parsed, "year", None) in (None, "", 0)
    return not re.search(r"/(?:19|20)\d\d/", key)
