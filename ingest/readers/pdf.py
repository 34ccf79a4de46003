"""PDF reader: pypdfium2's text layer (fast, same text as poppler), with positions used where
the reading order needs them (the page-one header, text filled into blanks by annotations).

pdfminer.six is only the fallback for files pdfium refuses (``pdf_fallback``): its layout
analysis is 30x slower, and it does not see annotation appearances, where e-signed Hà Nội
documents carry the number typed into "Số:   /2024/…".
"""

from __future__ import annotations

import unicodedata

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.raw import RawDocument, ReaderError

from .pdf_fallback import read_with_pdfminer
from .pdf_header import split_header
from .pdf_page import Page, detailed_page, fast_page
from .pdf_text import default_margins, join_paragraphs, margins, strip_furniture

_MIN_CHARS_PER_PAGE = 15  # fewer visible characters than this: the page is an image
_BROKEN_SHARE = 0.05  # share of unmapped glyphs (U+FFFD, private use) that flags a bad font map


def read_pdf(data: bytes, path: str) -> RawDocument:
    try:
        pdf = _open(data, path)
    except ReaderError as exc:
        if exc.reason.startswith("encrypted"):
            raise
        recovered = read_with_pdfminer(data, path, exc.reason)
        if recovered is None:
            raise
        return recovered
    try:
        pages = [_read_page(pdf, i) for i in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        raise ReaderError(path, f"corrupt PDF: {exc}") from exc
    finally:
        pdf.close()
    return assemble(pages, path)


def _open(data: bytes, path: str) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = pdfium_c.FPDF_GetLastError()
        if code == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise ReaderError(path, "encrypted PDF: a password is needed to open it") from exc
        raise ReaderError(path, f"corrupt or unreadable PDF ({exc})") from exc
    if len(pdf) == 0:
        pdf.close()
        raise ReaderError(path, "corrupt PDF: no pages")
    return pdf


def _read_page(pdf: pdfium.PdfDocument, index: int) -> Page:
    page = pdf[index]
    try:
        if index > 0 and pdfium_c.FPDFPage_GetAnnotCount(page) == 0:
            result = fast_page(page)
        else:
            result = None
        if result is None or _visible(result.lines) < _MIN_CHARS_PER_PAGE:
            has_images = _has_images(page)
    finally:
        page.close()
    if result is None:
        result = detailed_page(pdf, index)
    if _visible(result.lines) < _MIN_CHARS_PER_PAGE:
        result.has_images = has_images
    return result


def _has_images(page: pdfium.PdfPage) -> bool:
    return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))


def assemble(pages: list[Page], path: str) -> RawDocument:
    doc = RawDocument(path=path, format="pdf", pages=len(pages))
    for page in pages:
        doc.warnings.extend(page.warnings or [])
    bodies = [strip_furniture(p) for p in pages]
    textless = [i for i, lines in enumerate(bodies) if _visible(lines) < _MIN_CHARS_PER_PAGE]
    if len(textless) == len(pages):
        doc.needs_ocr = True
        doc.warnings.append("no text layer: the PDF is a scan and needs OCR")
        return doc
    scanned = [i + 1 for i in textless if pages[i].has_images]
    if scanned:
        doc.warnings.append(f"pages with images but no text layer (scanned?): {_ranges(scanned)}")
    head: list[str] = []
    header = split_header(bodies[0]) if bodies[0] else None
    if header is not None:
        doc.header_cells = header.cells
        head = [ln.text for ln in header.before] + header.left + header.right
        bodies[0] = header.rest
    fallback = default_margins(bodies)
    flat = []
    for lines in bodies:
        left, right = margins(lines, fallback)
        flat.extend((ln, left, right) for ln in lines)
    text = "\n".join(head + join_paragraphs(flat))
    doc.text = unicodedata.normalize("NFC", text)
    _check_font_map(doc)
    return doc


def _visible(lines) -> int:
    return sum(len(ln.text.replace(" ", "")) for ln in lines)


def _check_font_map(doc: RawDocument) -> None:
    chars = [c for c in doc.text if not c.isspace()]
    if not chars:
        return
    bad = sum(1 for c in chars if c == "\ufffd" or unicodedata.category(c) in ("Co", "Cn", "Cc"))
    if bad / len(chars) > _BROKEN_SHARE:
        doc.warnings.append(
            f"text layer looks broken ({bad} of {len(chars)} glyphs unmapped): check the font map"
        )


def _ranges(numbers: list[int]) -> str:
    spans: list[str] = []
    start = prev = numbers[0]
    for n in numbers[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        spans.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(spans)
