"""The two-column header table of page one, read cell by cell.

Left cell: the issuing body (with its parent body above it) and "Số: …"; right cell: quốc hiệu,
tiêu ngữ and "<place>, ngày … tháng … năm …". A PDF has no table, only positions, and pdfium's
stream order interleaves the cells (or puts the whole header last), so the cells are rebuilt from
x-coordinates: everything left of where the quốc hiệu starts belongs to the left cell.
See docs/domain.md §3.8.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .pdf_page import Char, Line, clean, row_text

# upper case only: the words also occur in body text ("nước Cộng hòa xã hội chủ nghĩa Việt Nam")
QUOC_HIEU_RE = re.compile(
    r"C[ỘO]NG\s*H(?:ÒA|OÀ|OA|ÓA)\s*X[ÃA]\s*H[ỘO]I\s*CH[ỦU]\s*NGH[ĨI]A\s*VI[ỆE]T\s*NAM"
)
_SO_RE = re.compile(r"^(?:(?:Luật|Lệnh|Pháp lệnh|Nghị quyết)\s+)?Số\s*[:.]?", re.I)
_DATE_RE = re.compile(r"ngày\b.*tháng", re.I)
_VV_RE = re.compile(r"^V/v\b", re.I)
_RULE_RE = re.compile(r"^[-–—_=.\s]+$")
_MAX_ROWS = 14  # a header table never has more rows than this


@dataclass
class Header:
    before: list[Line] = field(default_factory=list)  # above the table (Công báo section titles)
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    rest: list[Line] = field(default_factory=list)  # the page after the table, stream order

    @property
    def cells(self) -> list[str]:
        return ["\n".join(self.left), "\n".join(self.right)]


def split_header(lines: list[Line]) -> Header | None:
    """Find the header table among page one's lines (which must carry their characters)."""
    qh = next((ln for ln in lines[:40] if ln.chars and QUOC_HIEU_RE.search(ln.text)), None)
    if qh is None:
        return None
    split_x = _quoc_hieu_x(qh) - 4.0
    band_top = qh.top + 0.8 * qh.height
    ordered = sorted((ln for ln in lines if ln.top <= band_top), key=lambda ln: -ln.top)
    band = _band(ordered, split_x)
    if not band:
        return None
    taken = {id(ln) for ln in band}
    header = Header(before=[ln for ln in lines if ln.top > band_top and id(ln) not in taken])
    for line in band:
        left, right = _split(line, split_x)
        if left and not _RULE_RE.match(left):
            header.left.append(left)
        if right and not _RULE_RE.match(right):
            header.right.append(right)
    taken |= {id(ln) for ln in header.before}
    header.rest = [ln for ln in lines if id(ln) not in taken]
    return header


def _band(ordered: list[Line], split_x: float) -> list[Line]:
    """Lines of the table, top down: stop once "Số" and the date are read (a Luật has no date
    line), or at the first line that belongs to neither column."""
    band: list[Line] = []
    seen_so = seen_date = False
    after_so = 0
    for line in ordered[:_MAX_ROWS]:
        left, right = _split(line, split_x)
        if seen_so:
            after_so += 1
            continuation = (left and not right and (_VV_RE.match(left) or _RULE_RE.match(left)))
            dated = right and not left and _DATE_RE.search(right) and not seen_date
            if not (continuation or dated) or after_so > 2:
                break
        elif band and _is_title(line, split_x) and not (left and _SO_RE.match(left)):
            break  # no "Số" in this header (a consolidated text, a precedent)
        band.append(line)
        seen_so = seen_so or bool(left and _SO_RE.match(left))
        seen_date = seen_date or bool(right and _DATE_RE.search(right))
        if seen_so and seen_date:
            after_so = max(after_so, 1)
    return band


def _is_title(line: Line, split_x: float) -> bool:
    """A centred body line (tên loại, trích yếu) below the quốc hiệu: starts right of the split
    but is not the tiêu ngữ, a date or a rule."""
    text = line.text
    if line.x0 < split_x or _RULE_RE.match(text) or _DATE_RE.search(text):
        return False
    return not re.match(r"^Độc lập", text, re.I) and not QUOC_HIEU_RE.search(text)


def _quoc_hieu_x(line: Line) -> float:
    text, owners = aligned(line)
    m = QUOC_HIEU_RE.search(text)
    owner = next((o for o in owners[m.start():] if o is not None), None) if m else None
    return owner.x0 if owner else line.x0


def _split(line: Line, split_x: float) -> tuple[str, str]:
    if line.x1 <= split_x + 2:
        return line.text, ""
    if line.x0 >= split_x - 2 or not line.chars:
        return "", line.text
    chars = sorted(line.chars, key=lambda c: c.x0)
    left = [c for c in chars if (c.x0 + c.x1) / 2 < split_x]
    right = [c for c in chars if (c.x0 + c.x1) / 2 >= split_x]
    return row_text(left).strip(), row_text(right).strip()


def aligned(line: Line) -> tuple[str, list[Char | None]]:
    """The line's text with, for each position, the character that drew it (None for spaces
    the reader inserted)."""
    owners: list[Char | None] = []
    chars = iter(c for c in line.chars or [] if clean(c.ch).strip())
    pending = next(chars, None)
    for ch in line.text:
        if pending is not None and (ch == pending.ch or (ch == "-" and pending.ch == "\ufffe")):
            owners.append(pending)
            pending = next(chars, None)
        else:
            owners.append(None)
    return line.text, owners
