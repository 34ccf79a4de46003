"""The end of a document: the passage sentence of laws and resolutions, the effective date
stated in the final article, and the signature block (TM./KT./TL./TUQ./Q., chức vụ, họ tên)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ingest.extract.dates import VI_DATE, make_date, parse_vi_date
from ingest.extract.text import fold, is_upper

_THIS = r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Chỉ\s+thị|Lệnh|Hiến\s+pháp|Quy\s+(?:định|chế))"
_PASSED = re.compile(
    rf"(?P<subject>{_THIS})\s+này\s+(?:đã\s+)?được\s+(?P<body>.{{3,160}}?)\s+thông\s+qua\s+(?:ngày\s*\d|vào\s+ngày|ngày)",
    re.S,
)
_EFFECTIVE = re.compile(r"có\s+hiệu\s+lực\s+(?:thi\s+hành\s+)?(?:kể\s+)?từ\s*(?P<when>.{0,60})", re.S)
_SUBJECT = re.compile(rf"(?:{_THIS}|Văn\s+bản)\s+này\s+(?:[^.;:]{{0,40}}\s)?$")
_SIGN_PREFIX = re.compile(r"^(?P<p>TM|KT|TL|TUQ|Q)\s*\.\s*(?P<rest>.+)$")
_POSITION = re.compile(
    r"^(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|THỐNG\s+ĐỐC|CHÁNH\s+ÁN|VIỆN\s+TRƯỞNG|TỔNG\s+KIỂM\s+TOÁN|"
    r"TỔNG\s+CỤC\s+TRƯỞNG|CỤC\s+TRƯỞNG|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG|TRƯỞNG\s+BAN|TỔNG\s+THƯ\s+KÝ|"
    r"THỨ\s+TRƯỞNG|PHÓ\s+THỦ\s+TƯỚNG|CHỦ\s+NHIỆM|TRƯỞNG\s+ĐOÀN|CHÁNH\s+THANH\s+TRA)\b"
)
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){1,4}$")
_SIGNED = re.compile(r"^\(?\s*(?:Đã\s+ký|đã\s+ký|Ký\s+tên)\s*\)?\.?$")


@dataclass
class Closing:
    passed_date: date | None = None
    passed_by: str = ""
    passed_subject: str = ""  # "Luật" in "Luật này được Quốc hội … thông qua"
    effective_date: date | None = None
    effective_from_signing: bool = False
    effective_evidence: str = ""
    signer: str = ""
    signer_title: str = ""
    signer_prefix: str = ""


def passage(text: str) -> tuple[date | None, str, str]:
    """(date, body, subject type) of 'Luật này được Quốc hội … thông qua ngày …'; the last one wins
    because quoted amendments may contain earlier ones."""
    found = None
    for m in _PASSED.finditer(text):
        tail = text[m.end() - 6 : m.end() + 60]
        d = VI_DATE.search(tail)
        if d:
            subject = " ".join(m["subject"].split())
            found = (make_date(d["y"], d["m"], d["d"]), m["body"].strip(), subject)
    return found if found else (None, "", "")


def _budget_year(when: str) -> date | None:
    m = re.match(r"\s*năm\s+ngân\s+sách\s+(\d{4})", when)
    return make_date(m[1], 1, 1) if m else None


def effective(text: str) -> tuple[date | None, bool, str]:
    """(date, from_signing, evidence) of the document's own effective date. Prefers sentences
    whose subject is the document itself ('Luật này có hiệu lực …')."""
    best: tuple[int, date | None, bool, str] | None = None
    for m in _EFFECTIVE.finditer(text):
        when = m["when"]
        before = text[max(0, m.start() - 60) : m.start()]
        evidence = " ".join(text[max(0, m.start() - 60) : m.end()].split())
        # the document's own date: "Luật này có hiệu lực …", not a decision it mentions
        rank = 0 if _SUBJECT.search(before) else 1
        if re.match(r"\s*(?:ngày\s+)?(?:ký|ban\s+hành|thông\s+qua|công\s+bố)\b", when):
            cand = (rank, None, True, evidence)
        elif (b := _budget_year(when)) is not None:
            cand = (rank, b, False, evidence)
        else:
            d = parse_vi_date(when[:45])
            if d is None:
                continue
            cand = (rank, d, False, evidence)
        if best is None or cand[0] < best[0]:
            best = cand
        if rank == 0:
            break
    if best is None:
        return None, False, ""
    return best[1], best[2], best[3]


def _signature_region(lines: list[str]) -> list[str]:
    """Lines of the closing block: after the last article text, before annexes."""
    end = len(lines)
    for i in range(len(lines) - 1, max(-1, len(lines) - 400), -1):
        if re.match(r"^(?:PHỤ\s+LỤC|QUY\s+(?:ĐỊNH|CHẾ)|ĐIỀU\s+LỆ|DANH\s+MỤC)\b", lines[i]) and i > 10:
            window = " ".join(lines[i : i + 4])
            if re.search(r"(?i)ban\s+hành\s+kèm\s+theo|kèm\s+theo", window):
                end = i
    return lines[max(0, end - 60) : end]


def signature(lines: list[str]) -> tuple[str, str, str]:
    """(name, position, prefix) from the closing block; empty strings when it is not there."""
    region = _signature_region(lines)
    for i in range(len(region) - 1, -1, -1):
        line = region[i].strip()
        if _SIGNED.match(line) or not _NAME.match(line) or is_upper(line):
            continue
        prefix, position = "", []
        j = i - 1
        while j >= 0 and i - j <= 5:
            prev = region[j].strip()
            if _SIGNED.match(prev) or not prev:
                j -= 1
                continue
            p = _SIGN_PREFIX.match(prev)
            if p:
                prefix = p["p"] + "."
                break
            if is_upper(prev) and (_POSITION.match(prev) or position):
                position.insert(0, prev)
                j -= 1
                continue
            break
        if position or prefix or i >= len(region) - 3:
            if not position and not prefix and not _near_end_signature(region, i):
                continue
            title = " ".join(position)
            if prefix:
                p = _SIGN_PREFIX.match(region[j].strip())
                title = title or ""
                return line, title, f"{prefix} {p['rest'].strip()}" if p else prefix
            return line, title, ""
    return "", "", ""


def _near_end_signature(region: list[str], i: int) -> bool:
    """A bare name right after the passage sentence or '(Đã ký)' (old laws)."""
    after = [ln for ln in region[i + 1 :] if ln.strip()]
    before = region[i - 1] if i > 0 else ""
    return bool(after and _SIGNED.match(after[0])) or "thông qua" in before


def closing(text: str, lines: list[str]) -> Closing:
    out = Closing()
    out.passed_date, out.passed_by, out.passed_subject = passage(text)
    out.effective_date, out.effective_from_signing, out.effective_evidence = effective(text)
    out.signer, out.signer_title, out.signer_prefix = signature(lines)
    if fold(out.signer_title).upper().startswith("CHU TICH QUOC HOI") and not out.signer_prefix:
        out.signer_prefix = ""
    return out
