"""vbpl.vn pages: the attribute page (``vbpq-thuoctinh``) as metadata, the full-text page
(``vbpq-toanvan``) as text with its header table as cells."""

from __future__ import annotations

import re
from datetime import datetime

from .html_dom import Element, squash

# label on the page -> metadata key (LegalDocument field names where one exists)
_LABELS = {
    "số ký hiệu": "number",
    "ngày ban hành": "issued_date",
    "loại văn bản": "doc_type",
    "ngày có hiệu lực": "effective_date",
    "ngày hết hiệu lực": "expiry_date",
    "nguồn thu thập": "gazette_source",
    "ngày đăng công báo": "gazette_date",
    "ngành": "sectors",
    "lĩnh vực": "fields",
    "phạm vi": "scope",
}
_DATE_KEYS = {"issued_date", "effective_date", "expiry_date", "gazette_date"}
_LIST_KEYS = {"fields", "sectors", "scope"}
_STATUS_RE = re.compile(r"Tình trạng hiệu lực\s*:\s*(.+)", re.I)


def is_attribute_page(root: Element) -> bool:
    return root.find(cls="vbProperties") is not None


def attribute_metadata(root: Element) -> dict:
    """Every field of the attribute table, with the values exactly as the page shows them
    (dates as ISO strings)."""
    table = root.find(cls="vbProperties")
    meta: dict = {}
    for row in table.find_all("tr"):
        cells = [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]
        _read_row(cells, meta)
    info = root.find(cls="vbInfo")
    if info is not None and "status_raw" not in meta:
        match = re.search(r"Hiệu lực\s*:\s*(.+)", info.text())
        if match:
            meta["status_raw"] = squash(match.group(1).split("\n")[0])
    return meta


def _read_row(cells: list[Element], meta: dict) -> None:
    if len(cells) == 1:
        text = squash(cells[0].text())
        status = _STATUS_RE.match(text)
        if status:
            meta["status_raw"] = status.group(1)
        elif "title" in cells[0].classes() and "title" not in meta:
            meta["title"] = text
        return
    if cells and "cơ quan ban hành" in squash(cells[0].text()).lower():
        _read_signers(cells[1:], meta)
        return
    for label, value in zip(cells[0::2], cells[1::2]):
        key = _LABELS.get(squash(label.text()).lower())
        if key:
            meta[key] = _value(key, value)


def _read_signers(cells: list[Element], meta: dict) -> None:
    """"Cơ quan ban hành/ Chức danh / Người ký": issuer, signer title, signer."""
    values = [squash(c.text()) for c in cells]
    for key, value in zip(("issuer", "signer_title", "signer"), values):
        if not value:
            continue
        meta[key] = f"{meta[key]}; {value}" if meta.get(key) else value


def _value(key: str, cell: Element):
    if key in _LIST_KEYS:
        items = [squash(li.text()) for li in cell.find_all("li")]
        items = [i for i in items if i] or [v for v in (squash(cell.text()),) if v]
        return items
    text = squash(cell.text())
    if key in _DATE_KEYS:
        return iso_date(text)
    return text


def iso_date(text: str) -> str:
    try:
        return datetime.strptime(text, "%d/%m/%Y").date().isoformat()
    except ValueError:
        return text  # "Không xác định" and the like stay as written


def fulltext(root: Element) -> tuple[list[str], str] | None:
    """Header cells and text of a full-text page, or None when the page has none."""
    content = root.find(id="toanvancontent") or root.find(cls="toanvancontent")
    if content is None:
        return None
    cells: list[str] = []
    container = content.parent
    if container is not None:
        tables = [t for t in container.children if isinstance(t, Element) and t.tag == "table"]
        cells = [t.text() for t in tables[:2]]
    head = "\n".join(c for c in cells if c)
    body = content.text()
    return cells, (head + "\n" + body if head else body)
