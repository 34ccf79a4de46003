"""One PDF page as positioned lines, from pypdfium2's text layer.

Most pages take the fast path: pdfium's own line breaks in content-stream order, with the box of
each line's first and last character. Pages that need more (the first page, whose header is a
two-column table, and pages carrying annotations) are read character by character so rows can
be rebuilt from positions: e-signed documents draw the number typed into the blank
("Số: 64 /2024/QĐ-UBND") and the date as signature appearances, which only exist once the
annotations are flattened, and then come last in the stream.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# text pdfium marks as a hyphen it may have inserted; in these documents it is a real "-"
_PDFIUM_HYPHEN = "\ufffe"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufeff\ufffe\uffff]")
# lines of a digital-signature stamp (Ban Cơ yếu / VGCA): not part of the document
STAMP_RE = re.compile(
    r"^\s*(?:Ký bởi|Người ký|Email|E-mail|Cơ quan|Thời gian ký|Giờ ký|Ngày ký|SAO Y)\b", re.I
)


@dataclass
class Char:
    ch: str
    x0: float
    bottom: float
    x1: float
    top: float
    index: int  # position in pdfium's character stream
    line: int  # pdfium's line number in that stream
    added: bool = False  # drawn by an annotation (flattened in), not by the page itself

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    text: str
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    chars: list[Char] | None = None  # kept on pages read character by character

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@dataclass
class Page:
    lines: list[Line]
    width: float
    height: float
    chars: list[Char] | None = None  # only for pages read character by character
    warnings: list[str] | None = None
    has_images: bool = False  # only looked at when the page has (almost) no text


def clean(text: str) -> str:
    return _CONTROL_RE.sub(lambda m: "-" if m.group() == _PDFIUM_HYPHEN else "", text)


def fast_page(page: pdfium.PdfPage) -> Page:
    """pdfium's line breaks; each line's box from its first and last non-blank character."""
    width, height = page.get_size()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        lines: list[Line] = []
        pos = 0
        for raw in text.split("\r\n"):
            start, end = pos, pos + len(raw)
            pos = end + 2
            first = start + len(raw) - len(raw.lstrip())
            last = start + len(raw.rstrip()) - 1
            if last < first:
                continue
            l0, b0, _, t0 = textpage.get_charbox(first)
            _, b1, r1, t1 = textpage.get_charbox(last)
            lines.append(Line(clean(text[first:last + 1]), l0, r1, max(t0, t1), min(b0, b1)))
        return Page(lines, width, height)
    finally:
        textpage.close()


def page_chars(page: pdfium.PdfPage) -> list[Char]:
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        chars = []
        line = 0
        for i, ch in enumerate(text):
            if ch == "\n":
                line += 1
            if ch.isspace():
                continue
            x0, bottom, x1, top = textpage.get_charbox(i)
            chars.append(Char(ch, x0, bottom, x1, top, i, line))
        return chars
    finally:
        textpage.close()


def detailed_page(pdf: pdfium.PdfDocument, index: int) -> Page:
    """Characters with boxes, annotations flattened in; signature stamps dropped."""
    page = pdf[index]
    width, height = page.get_size()
    chars = page_chars(page)
    warnings: list[str] = []
    added: set[int] = set()
    if pdfium_c.FPDFPage_GetAnnotCount(page) > 0:
        original = Counter(_key(c) for c in chars)
        if pdfium_c.FPDFPage_Flatten(page, pdfium_c.FLAT_NORMALDISPLAY) == pdfium_c.FLATTEN_SUCCESS:
            page.close()
            page = pdf[index]
            flat = page_chars(page)
            added = _added_chars(flat, original)
            chars = _keep_filled_blanks(flat, added, warnings, index)
    page.close()
    return Page(_stream_lines(chars, added), width, height, chars, warnings)


def _stream_lines(chars: list[Char], added: set[int]) -> list[Line]:
    """pdfium's lines in stream order, except where annotation text was drawn in: those rows
    are rebuilt from positions and take the place of the first line they touch."""
    by_line: dict[int, list[Char]] = {}
    for c in chars:
        by_line.setdefault(c.line, []).append(c)
    filled = [c for c in chars if c.index in added]
    touched = {
        n for n, cs in by_line.items()
        if any(c.index in added for c in cs) or any(_same_row(c, f) for c in cs for f in filled)
    }
    lines: list[Line] = []
    rebuilt = False
    for n, cs in by_line.items():
        if n not in touched:
            lines.append(_row_line(sorted(cs, key=lambda c: c.index), positional=False))
        elif not rebuilt:
            rebuilt = True
            pool = [c for m in touched for c in by_line[m]]
            lines.extend(_row_line(row) for row in rows(pool))
    return [ln for ln in lines if ln.text]


def _same_row(a: Char, b: Char) -> bool:
    return abs(a.middle - b.middle) <= 0.45 * max(a.top - a.bottom, b.top - b.bottom, 1.0)


def _key(c: Char) -> tuple:
    return (c.ch, round(c.x0), round(c.bottom))


def _added_chars(flat: list[Char], original: Counter) -> set[int]:
    left = original.copy()
    added = set()
    for c in flat:
        k = _key(c)
        if left[k] > 0:
            left[k] -= 1
        else:
            added.add(c.index)
    return added


def _keep_filled_blanks(chars: list[Char], added: set[int], warnings: list[str], index: int):
    """Annotation text that shares a row with the page's own text fills a blank (a number or
    a date typed in by the e-office system): keep it. Annotation text on rows of its own is a
    stamp (signature box, "SAO Y"): drop it, and say so."""
    kept, dropped = [], []
    for row in rows(chars):
        if all(c.index in added for c in row):
            dropped.append(_row_line(row).text)
        else:
            kept.extend(row)
    if dropped:
        warnings.append(f"page {index + 1}: dropped stamp text: " + " | ".join(dropped)[:200])
    for c in kept:
        c.added = c.index in added
    kept.sort(key=lambda c: c.index)
    return kept


def rows(chars: list[Char]) -> list[list[Char]]:
    """Group characters into visual rows (top to bottom), each sorted left to right. A
    character belongs to the current row when its middle lies within the row's height, so
    descenders, accents and footnote calls stay on their line."""
    result: list[list[Char]] = []
    bottom = top = 0.0
    for c in sorted(chars, key=lambda c: -c.top):
        if result and bottom <= c.middle <= top:
            result[-1].append(c)
            bottom = min(bottom, c.bottom)
            continue
        result.append([c])
        bottom, top = c.bottom, c.top
    for row in result:
        row.sort(key=lambda c: c.x0)
    return result


def row_text(row: list[Char]) -> str:
    """Characters to text: a space where the stream had one or the gap is wider than a narrow
    letter; text filled into a blank is set off by spaces, except against "/" (the number
    typed into "Số:   /2024/QĐ-UBND" reads "64/2024/QĐ-UBND")."""
    if not row:
        return ""
    height = sorted(c.top - c.bottom for c in row)[len(row) // 2] or 1.0
    parts = [row[0].ch]
    for prev, c in zip(row, row[1:]):
        if _space_between(prev, c, height):
            parts.append(" ")
        parts.append(c.ch)
    return clean("".join(parts))


def _space_between(prev: Char, c: Char, height: float) -> bool:
    gap = c.x0 - prev.x1
    if prev.added != c.added:
        return "/" not in (prev.ch, c.ch) and gap > -0.1 * height
    if c.index == prev.index + 1:  # neighbours in the stream: one word unless far apart
        return gap > 0.5 * height
    return gap > 0.08 * height


def _row_line(row: list[Char], positional: bool = True) -> Line:
    text = row_text(row) if positional else _stream_text(row)
    return Line(text, min(c.x0 for c in row), max(c.x1 for c in row),
                max(c.top for c in row), min(c.bottom for c in row), row)


def _stream_text(chars: list[Char]) -> str:
    parts = [chars[0].ch]
    for prev, c in zip(chars, chars[1:]):
        if c.index != prev.index + 1:
            parts.append(" ")
        parts.append(c.ch)
    return clean("".join(parts))
