"""The end of a document: the passage sentence of laws and resolutions, the effective date
stated in the final article, and the signature block (TM./KT./TL./TUQ./Q., chức vụ, họ tên)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from legal_search.model import EffectivePart

from ingest.extract.dates import VI_DATE, make_date, parse_vi_date
from ingest.extract.text import is_upper

_THIS = r"(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Chỉ\s+thị|Lệnh|Hiến\s+pháp|Quy\s+(?:định|chế))"
_PASSED = re.compile(
    rf"(?P<subject>{_THIS})\s+này\s+(?:đã\s+)?được\s+(?P<body>.{{3,160}}?)\s+thông\s+qua\s+(?:ngày\s*\d|vào\s+ngày|ngày)",
    re.S,
)
_EFFECTIVE = re.compile(
    r"có\s+hiệu\s+lực\s+(?:thi\s+hành\s+)?(?:sau\s+(?P<after>\d{1,3})\s+ngày,?\s+)?(?:kể\s+)?từ\s*(?P<when>.{0,60})",
    re.S,
)
_SUBJECT = re.compile(rf"(?:{_THIS}|Văn\s+bản)(?:\s+này)?\s+(?:[^.;:]{{0,40}}\s)?$")
_BODY = re.compile(r"^\s*Điều\s+1\b", re.M)
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
    effective_from_signing: bool | int = False  # True, or N for "sau N ngày, kể từ ngày ký"
    effective_evidence: str = ""
    effective_parts: list[EffectivePart] = field(default_factory=list)
    signer: str = ""
    signer_title: str = ""
    signer_prefix: str = ""
    notes: list[str] = field(default_factory=list)  # what a reader should check (become warnings)


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


def _when(m: re.Match) -> tuple[date | None, bool | int] | None:
    """(date, from_signing) of one 'có hiệu lực … từ …' match, None when it names no date."""
    when = m["when"]
    if re.match(r"\s*(?:ngày\s+)?(?:ký|ban\s+hành|thông\s+qua|công\s+bố)\b", when):
        return None, int(m["after"]) if m["after"] else True
    if (b := _budget_year(when)) is not None:
        return b, False
    d = parse_vi_date(when[:45])
    return (d, False) if d is not None else None


def effective(text: str) -> tuple[date | None, bool | int, str, int]:
    """(date, from_signing, evidence, position) of the document's own effective date.
    ``from_signing`` is True for 'kể từ ngày ký' and a number of days for 'sau 10 ngày, kể từ
    ngày ký'. Prefers sentences whose subject is the document itself ('Luật này có hiệu lực …');
    searches the body only (căn cứ lines cite other documents' dates)."""
    best: tuple[int, date | None, bool | int, str, int] | None = None
    body = _BODY.search(text)
    for m in _EFFECTIVE.finditer(text, body.start() if body else 0):
        got = _when(m)
        if got is None:
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        rank = 0 if _SUBJECT.search(before) else 1
        evidence = " ".join(text[max(0, m.start() - 60) : m.end()].split())
        if best is None or rank < best[0]:
            best = (rank, got[0], got[1], evidence, m.start())
        if rank == 0:
            break
    if best is None:
        return None, False, "", -1
    return best[1], best[2], best[3], best[4]


_PART_SCOPE = re.compile(
    r"(?:trừ\s+|[Rr]iêng\s+)?(?:các\s+)?(?:[Qq]uy\s+định\s+(?:tại|về)\s+|[Đđ]ối\s+với\s+)(?P<scope>[^:;]{3,300}?)"
    rf"(?:\s+của\s+{_THIS}\s+này)?(?:\s+thì)?\s*$"
)


def effective_parts(text: str, main_at: int, main_date: date | None) -> list[EffectivePart]:
    """Parts of the document with their own start date, read near the main effective sentence:
    '…, trừ quy định tại khoản 2 Điều 2 của Luật này thì có hiệu lực … từ ngày …' (§3.10)."""
    if main_at < 0:
        return []
    parts: list[EffectivePart] = []
    for m in _EFFECTIVE.finditer(text, main_at + 1, min(len(text), main_at + 4000)):
        got = _when(m)
        if got is None or got[0] is None or got[0] == main_date:
            continue
        before = text[max(main_at, m.start() - 320) : m.start()]
        before = re.split(r"[.;]\s|\n\d+\.\s", before)[-1]
        scope = _PART_SCOPE.search(before)
        if not scope:
            continue
        parts.append(
            EffectivePart(
                scope=" ".join(scope["scope"].split()).rstrip(" ,"),
                effective_date=got[0],
                evidence=" ".join(text[max(0, m.start() - 200) : m.end()].split())[-400:],
            )
        )
    return parts


_LIST_ITEM = re.compile(r"^(?:[-–•+]\s|Nơi\s+nhận|\(|\d{1,3}$|Lưu\s*:)")


def _is_name(line: str) -> bool:
    return bool(_NAME.match(line)) and not is_upper(line)


def _block_at(lines: list[str], i: int) -> tuple[str, str, str] | None:
    """The signature block starting at lines[i] (a prefix or a position line): prefix and
    position lines, then the name within the next lines (skipping the Nơi nhận list, page
    numbers and '(Đã ký)', which PDF text layers interleave with the block)."""
    prefix, position = "", []
    j = i
    p = _SIGN_PREFIX.match(lines[j])
    if p:
        prefix = f"{p['p']}. {p['rest'].strip()}"
        j += 1
        # "TM. ỦY BAN NHÂN DÂN" may be followed by "KT. CHỦ TỊCH": keep the narrower one
        if j < len(lines) and (p2 := _SIGN_PREFIX.match(lines[j])):
            prefix = f"{p2['p']}. {p2['rest'].strip()}"
            j += 1
    while j < len(lines) and is_upper(lines[j]) and _POSITION.match(lines[j]) and len(position) < 3:
        position.append(lines[j])
        j += 1
    if not prefix and not position:
        return None
    for k in range(j, min(j + 25, len(lines))):
        line = lines[k]
        if _is_name(line):
            return line, " ".join(position), prefix
        if _SIGNED.match(line) or _LIST_ITEM.match(line) or not line.strip():
            continue
        if is_upper(line) and not position:
            position.append(line)
            continue
        if k - j > 3 and not line.startswith("-"):
            break
    return None


def signature(lines: list[str]) -> tuple[str, str, str]:
    """(name, position, prefix) of the signer; empty strings when the block is not there."""
    nhan = next((i for i, line in enumerate(lines) if re.match(r"^Nơi\s+nhận", line)), None)
    if nhan is not None:
        window = lines[max(0, nhan - 25) : nhan + 45]
    else:
        passed = max((i for i, line in enumerate(lines) if "thông qua ngày" in line), default=None)
        window = lines[passed + 1 : passed + 12] if passed is not None else lines[-30:]
    for i, line in enumerate(window):
        if _SIGN_PREFIX.match(line) or (_POSITION.match(line) and is_upper(line)):
            found = _block_at(window, i)
            if found:
                return found
    # old laws: a bare name followed by "(Đã ký)"
    for i, line in enumerate(window):
        if _is_name(line) and i + 1 < len(window) and _SIGNED.match(window[i + 1]):
            return line, "", ""
    return "", "", ""


def closing(text: str, lines: list[str]) -> Closing:
    out = Closing()
    out.passed_date, out.passed_by, out.passed_subject = passage(text)
    out.effective_date, out.effective_from_signing, out.effective_evidence, at = effective(text)
    out.effective_parts = effective_parts(text, at, out.effective_date)
    if out.effective_date is None and not out.effective_from_signing:
        blank = blank_effective(text)
        if blank:
            out.notes.append(f"the effective date is left blank in the text ({blank!r}): an unfilled copy; "
                             "the date is not guessed")
    out.signer, out.signer_title, out.signer_prefix = signature(lines)
    return out


_BLANK_WHEN = re.compile(r"\s*(?:ngày\s*)?(?:[.…_]\s*){1,}(?:$|\s|tháng|[;,)])")


def blank_effective(text: str) -> str:
    """The document's own 'có hiệu lực từ ngày …' when its date was left blank (the sentence as
    written, shortened), or ''."""
    body = _BODY.search(text)
    for m in _EFFECTIVE.finditer(text, body.start() if body else 0):
        blank = _BLANK_WHEN.match(m["when"])
        before = max(0, m.start() - 60)
        subject = _SUBJECT.search(text[before : m.start()])
        if blank and subject:
            return " ".join(text[before + subject.start() : m.start("when") + blank.end()].split())
    return ""
