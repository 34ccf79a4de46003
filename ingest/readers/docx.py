"""DOCX through python-docx: paragraphs and tables in document order; the first table, when
it is the header (issuer + Số | quốc hiệu + date), gives ``header_cells``."""

from __future__ import annotations

import io
import zipfile

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from ingest.raw import RawDocument, ReaderError

from .legacy import decode_into
from .normalize import finish

_HEADER_HINTS = ("CỘNG HÒA", "CỘNG HOÀ", "Độc lập", "Số", "ngày")


def read_docx(data: bytes, path: str) -> RawDocument:
    try:
        document = Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReaderError(path, f"corrupt DOCX: {exc}") from exc
    doc = RawDocument(path=path, format="docx")
    blocks: list[str] = []
    for block in _blocks(document):
        if isinstance(block, Paragraph):
            blocks.append(block.text)
            continue
        cells = _table_cells(block)
        if not doc.header_cells and not blocks_text(blocks) and _is_header(cells):
            doc.header_cells = _header_columns(block)
        blocks.extend(cells)
    text = decode_into(doc, "\n".join(blocks))
    if doc.encoding and doc.header_cells:
        doc.header_cells = [decode_into(doc, cell) for cell in doc.header_cells]
    doc.header_cells = [finish(c) for c in doc.header_cells]
    doc.text = finish(text)
    return doc


def blocks_text(blocks: list[str]) -> str:
    return "".join(blocks).strip()


def _blocks(document):
    """Paragraphs and tables of the body in the order they appear."""
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            yield Table(child, document)


def _table_cells(table: Table) -> list[str]:
    """Row by row, each cell once (merged cells repeat in python-docx)."""
    out: list[str] = []
    for row in table.rows:
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            if cell.text.strip():
                out.append(cell.text)
    return out


def _header_columns(table: Table) -> list[str]:
    """Cells of the header table by column, top to bottom: [left, right]."""
    columns: dict[int, list[str]] = {}
    for row in table.rows:
        seen: set[int] = set()
        for i, cell in enumerate(row.cells):
            if id(cell._tc) in seen or not cell.text.strip():
                continue
            seen.add(id(cell._tc))
            columns.setdefault(_side(i, row), []).append(cell.text)
    return ["\n".join(columns.get(0, [])), "\n".join(columns.get(1, []))]


def _side(i: int, row) -> int:
    return 0 if i < len(row.cells) / 2 else 1


def _is_header(cells: list[str]) -> bool:
    joined = " ".join(cells)
    return sum(hint.lower() in joined.lower() for hint in _HEADER_HINTS) >= 2
