"""From positioned lines to the document's text: running headers, page numbers and stamps out,
lines broken by the page width joined back into paragraphs, structure lines kept on their own.
"""

from __future__ import annotations

import re
import statistics

from .pdf_page import STAMP_RE, Line, Page

# "CÔNG BÁO/Số 1271 + 1272/Ngày 31-12-2015", with the page number before or after it
_RUNNING_RE = re.compile(r"^\s*(?:\d{1,4}\s+)?C[ÔO]NG\s*B[ÁA]O\s*/\s*S[ỐOốo].{0,60}$", re.I)
_PAGE_NO_RE = re.compile(r"^\s*(?:[-–—]\s*)?(?:Trang\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.I)
# a line that starts a unit of its own: Phần, Chương, Mục, Điều, khoản "1.", điểm "a)", dashes
STRUCTURE_RE = re.compile(
    r"^(?:Phần\s+thứ|PHẦN\s+THỨ|Chương\s+[IVXLC\d]|CHƯƠNG\s+[IVXLC\d]|Mục\s+\d|MỤC\s+\d"
    r"|Tiểu\s+mục\s+\d|Điều\s+\d+[a-z]?\s*[.:]|ĐIỀU\s+\d|\d+[a-z]?\.\s|\d+(?:\.\d+)+\.?\s"
    r"|[a-zđ]\d?\)\s|[-–—+•*]\s|Căn cứ\s|Theo đề nghị|Xét\s|Nơi nhận|QUYẾT ĐỊNH:|QUYẾT NGHỊ:"
    r"|(?:TM|KT|TL|TUQ|Q)\.\s)"
)
_END_PUNCT = ".;:!?"
_EDGE = 0.09  # page numbers sit within this fraction of the page height from the edge


def strip_furniture(page: Page) -> list[Line]:
    """Drop the Công báo running header, page numbers and stamp lines at the page edges."""
    lines = page.lines
    keep = []
    for i, line in enumerate(lines):
        near_top = line.bottom > page.height * (1 - _EDGE) or i < 2
        near_bottom = line.top < page.height * _EDGE or i >= len(lines) - 2
        if _RUNNING_RE.match(line.text) and (near_top or near_bottom):
            continue
        at_edge = line.bottom > page.height * (1 - _EDGE) or line.top < page.height * _EDGE
        if at_edge and (_PAGE_NO_RE.match(line.text) or STAMP_RE.match(line.text)):
            continue
        keep.append(line)
    return merge_row_pieces(keep)


def merge_row_pieces(lines: list[Line]) -> list[Line]:
    """Glue a piece that pdfium put on a line of its own back onto the previous line when it
    sits on the same visual row just to its right: footnote calls, a closing "." after them,
    text set in another font size."""
    merged: list[Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        if prev is not None and _same_row(prev, line):
            gap = line.x0 - prev.x1
            sep = " " if gap > 0.2 * prev.height else ""
            merged[-1] = Line(prev.text + sep + line.text, prev.x0, line.x1,
                              max(prev.top, line.top), min(prev.bottom, line.bottom), None)
        else:
            merged.append(line)
    return merged


def _same_row(prev: Line, line: Line) -> bool:
    middle = (line.top + line.bottom) / 2
    gap = line.x0 - prev.x1
    return prev.bottom - 1 <= middle <= prev.top + 1 and -1 <= gap <= 1.5 * prev.height


def margins(lines: list[Line], default: tuple[float, float] | None) -> tuple[float, float]:
    """Left and right text margins of a page, from where most lines start and end."""
    if len(lines) < 6 and default:
        return default
    if not lines:
        return default or (0.0, 0.0)
    xs0 = sorted(ln.x0 for ln in lines)
    xs1 = sorted(ln.x1 for ln in lines)
    return xs0[len(xs0) // 10], xs1[(len(xs1) * 9) // 10]


def default_margins(pages: list[list[Line]]) -> tuple[float, float] | None:
    found = [margins(p, None) for p in pages if len(p) >= 6]
    if not found:
        return None
    return statistics.median(m[0] for m in found), statistics.median(m[1] for m in found)


def join_paragraphs(lines: list[tuple[Line, float, float]]) -> list[str]:
    """``lines`` carry their page's (left, right) margins. A line continues the paragraph
    when the one before it ran to the right margin and it neither starts a structure unit,
    nor is indented, nor is an upper-case heading."""
    paragraphs: list[str] = []
    prev: tuple[Line, float, float] | None = None
    for item in lines:
        line, left, right = item
        if prev is not None and _continues(prev, item):
            paragraphs[-1] = _glue(paragraphs[-1], line.text)
        else:
            paragraphs.append(line.text)
        prev = item
    return paragraphs


def _continues(prev: tuple[Line, float, float], cur: tuple[Line, float, float]) -> bool:
    p, _, p_right = prev
    line, left, _ = cur
    text = line.text
    if STRUCTURE_RE.match(text) or is_upper(text) or is_upper(p.text):
        return False
    width = max(p_right - left, 100.0)
    if p.x1 < p_right - 0.06 * width:  # the line before stopped short: paragraph end
        return False
    if line.x0 > left + 0.03 * width:  # indented: a new paragraph (or a centred line)
        return False
    return not (p.text.endswith(tuple(_END_PUNCT)) and text[:1].isupper())


def _glue(paragraph: str, text: str) -> str:
    # a date or number cut at its hyphen ("27-7-" / "2012") is one token again
    if re.search(r"\d[-–]$", paragraph) and text[:1].isdigit():
        return paragraph + text
    return paragraph + " " + text


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
