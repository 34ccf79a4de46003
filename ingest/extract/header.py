"""Page-one header (domain notes §3.8): issuer with parent line, số ký hiệu, place and date,
loại văn bản, trích yếu, căn cứ. Pure functions over lines; nothing here guesses: a part that
is not on the page stays empty."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.extract.dates import make_date
from ingest.extract.numbers import TYPE_NAMES
from ingest.extract.text import fold, is_upper, lines_of, sentence_case

_QUOC_HIEU = re.compile(r"^CONG\s*HOA\s+XA\s+HOI\s+CHU\s+NGHIA\s+VIET\s*NAM", re.I)
_TIEU_NGU = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)
_NOISE = re.compile(r"^(Signature Not Verified|SAO Y|Giờ ký|Ký bởi|Email:|Cơ quan:)", re.I)
_NUMBER_LINE = re.compile(
    r"^(?:(?:Bộ\s+luật|Luật|Lệnh|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư)\s+)?"
    r"(?:Số|SỐ|So|số)\s*[:.]?\s*(?P<x>.*)$"
)
_NUMBER_IN_CAPS = re.compile(r"\bSỐ\s*:?\s*(?P<x>\d[\w./&Đđ-]*(?:\s*/\s*[\w.&Đđ-]+)*)")
_PLACE_DATE = re.compile(
    r"(?P<place>[^\W\d][^,\n\d]{1,39}?)\s*,\s*[Nn]gày\s*(?P<d>\d{1,2})\s*(?:\n\s*)*tháng\s*(?P<m>\d{1,2})"
    r"\s*(?:\n\s*)*năm\s*(?P<y>\d{4})"
)
_BODY_START = re.compile(
    r"^(?:Chương\s+[IVXLC\d]+\b|CHƯƠNG\s+[IVXLC\d]+\b|Phần\s+thứ\b|PHẦN\s+THỨ\b|Điều\s+1\b)"
)
_ENACTING = re.compile(
    r"(?:\bban\s+hành\s+(?:Bộ\s+luật|Luật|Nghị\s+định|Thông\s+tư|Quyết\s+định|Pháp\s+lệnh|Nghị\s+quyết)"
    r"|^QUYẾT\s+ĐỊNH\s*:|^QUYẾT\s+NGHỊ\s*:|^NGHỊ\s+QUYẾT\s*:|^RA\s+SẮC\s+LỆNH|^Nay\s+ban\s+bố)"
)
_SESSION = re.compile(
    r"^(?:QUỐC\s+HỘI\s+NƯỚC|(?:CỦA\s+)?QUỐC\s+HỘI\s+KH[OÓ]A|Kho[áa]\s+[IVXLC]+|KHO[ÁA]\s+[IVXLC]+|\(Từ\s+ngày)"
    r"|kỳ\s+họp\s+thứ",
    re.I,
)
_BASIS = re.compile(r"^(?:Căn\s+cứ|Theo\s+đề\s+nghị|Xét\s+đề\s+nghị)", re.I)
_THIS_DOC = re.compile(r"^(?:Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định)\s+này\b")
_LOCALITY = re.compile(r"^(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\b")
_LOCAL_BODY = re.compile(r"^(ỦY|UỶ) BAN NHÂN DÂN$|^HỘI ĐỒNG NHÂN DÂN$")
_PREAMBLE_DATE = re.compile(
    r"NGÀY\s+(?:(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})|(?P<d2>\d{1,2})\s+THÁNG\s+(?P<m2>\d{1,2})\s+NĂM\s+(?P<y2>\d{4}))"
)


@dataclass
class Header:
    issuer: str = ""
    issuer_parent: str = ""
    number_written: str = ""
    place: str = ""
    issued_date: date | None = None
    type_line: str = ""  # as written, e.g. "BỘ LUẬT"
    doc_type: str = ""  # display name, e.g. "Bộ luật"
    title_raw: str = ""  # trích yếu as written
    title_date: date | None = None  # a date stated in an old-style title line ("… NGÀY 20-5-1957 …")
    bases: list[str] = field(default_factory=list)
    enacting: str = ""
    body_start: int = 0  # index into lines() of the first structural line
    notes: list[str] = field(default_factory=list)


def _is_quoc_hieu(line: str) -> bool:
    return bool(_QUOC_HIEU.match(fold(line)))


def body_start(lines: list[str], limit: int = 120) -> int:
    for i, line in enumerate(lines[:limit]):
        if _BODY_START.match(line):
            return i
    for i, line in enumerate(lines[:limit]):
        if re.match(r"^Điều\s+\d+", line):
            return i
    return min(len(lines), limit)


def _type_of(line: str) -> tuple[str, str] | None:
    """(type key, rest) when the line is a loại line ('LUẬT', 'LUẬT BƯU CHÍNH')."""
    upper = line.upper()
    if not is_upper(line):
        return None
    for key in sorted(TYPE_NAMES, key=len, reverse=True):
        if upper == key:
            return key, ""
        if upper.startswith(key + " "):
            rest = line[len(key) :].strip()
            if key in ("LUẬT", "BỘ LUẬT", "PHÁP LỆNH", "SẮC LỆNH", "LUẬT MẪU") or rest.startswith(
                ("VỀ", "CỦA", "QUY ĐỊNH", "BAN HÀNH", "SỬA ĐỔI", "SỐ")
            ):
                return key, rest
    return None


def _first_token(x: str) -> str:
    """The number at the start of what follows 'Số:' ('68 /2024/QĐ-UBND NGÀY …' -> '68 /2024/QĐ-UBND')."""
    m = re.match(r"^\S+(?:\s*/\s*\S+)*(?:(?<=QH)\s+\d{1,2}\b)?", x.strip())
    return m.group(0) if m else ""


def find_number_line(lines: list[str]) -> tuple[int, str] | None:
    """Index and text of the số ký hiệu; joins a number typed into a blank
    ('Số: 64' … '/2024/QĐ-UBND' on a later line)."""
    for i, line in enumerate(lines):
        if _BASIS.match(line):
            break
        m = _NUMBER_LINE.match(line)
        if m:
            x = _first_token(m["x"])
            if re.fullmatch(r"\d{1,5}[a-z]?\s*", x) or not x:
                for j in range(i + 1, min(i + 8, len(lines))):
                    nxt = lines[j]
                    cont = re.match(r"^(?:\d[\d\s]*)?(/\s*\S+.*)$", nxt)
                    if cont and re.search(r"\d{4}|[A-ZĐ]", cont[1]):
                        return i, (x + cont[1]).strip() if x else nxt
                    if not x and re.match(r"^\d{1,5}[a-z]?\s*/", nxt):
                        return i, nxt
                if x:
                    return i, x
                continue
            return i, x
        if is_upper(line):
            m2 = _NUMBER_IN_CAPS.search(line)
            if m2:
                return i, _first_token(m2["x"])
    return None


def _issuer_lines(lines: list[str], stop: int) -> list[str]:
    out: list[str] = []
    for line in lines[:stop]:
        if _is_quoc_hieu(line) or _TIEU_NGU.search(line) or _NOISE.match(line):
            continue
        if _NUMBER_LINE.match(line) or _PLACE_DATE.search(line) or _type_of(line):
            break
        if re.match(r"^[\d\s/]*/\s*\S+", line):  # the tail of a split number
            continue
        if is_upper(line) and len(line) <= 80:
            out.append(line)
    return out


def _split_issuer(found: list[str]) -> tuple[str, str]:
    if not found:
        return "", ""
    if len(found) == 1:
        return found[0], ""
    # "ỦY BAN NHÂN DÂN / THÀNH PHỐ HÀ NỘI" is one name on two lines
    if len(found) == 2 and _LOCAL_BODY.match(found[0]) and _LOCALITY.match(found[1]):
        return f"{found[0]} {found[1]}", ""
    return found[-1], " ".join(found[:-1])


def _title_from(lines: list[str], start: int, stop: int, rest: str) -> str:
    parts = [rest] if rest else []
    for line in lines[start:stop]:
        if (
            _BASIS.match(line)
            or line.startswith("Để ")
            or _THIS_DOC.match(line)
            or _ENACTING.search(line)
            or _SESSION.match(line)
            or _BODY_START.match(line)
            or line.startswith("Điều ")
        ):
            break
        if _is_quoc_hieu(line) and parts:
            break
        if parts and is_upper(line) != is_upper(parts[-1]) and not re.match(r"^[“\"(]", line):
            # upper after lower: the issuer repeated above the căn cứ ("ỦY BAN NHÂN DÂN THÀNH PHỐ
            # HÀ NỘI"); lower after upper: the preamble of an old law
            break
        if parts and fold(line).upper().startswith(
            ("UY BAN NHAN DAN", "HOI DONG NHAN DAN", "CHINH PHU", "BO TRUONG", "CHU TICH NUOC", "THU TUONG")
        ):
            break
        parts.append(line)
    return strip_preamble(" ".join(parts).strip())[0]


def strip_preamble(title: str) -> tuple[str, date | None]:
    """'CỦA QUỐC HỘI … SỐ 23/2004/QH11 NGÀY 15 THÁNG 6 NĂM 2004 VỀ GIAO THÔNG …' -> the name and
    the date the line states (old laws repeat number and date in their title line)."""
    if not re.match(r"^(CỦA|SỐ)\b", title):
        return title.strip(" .:"), None
    when = None
    cut = 0
    for m in re.finditer(r"\bSỐ\s*:?\s*\S+", title):
        cut = max(cut, m.end())
    d = _PREAMBLE_DATE.search(title)
    if d:
        cut = max(cut, d.end())
        when = make_date(d["y"] or d["y2"], d["m"] or d["m2"], d["d"] or d["d2"])
    rest = title[cut:].strip()
    rest = re.sub(r"^VỀ\s+", "", rest)
    return rest.strip(" .:"), when


def _bases(lines: list[str], start: int, stop: int) -> tuple[list[str], str]:
    chunks: list[str] = []
    for line in lines[start:stop]:
        if _BASIS.match(line) or not chunks:
            chunks.append(line)
        else:
            chunks[-1] += " " + line
    bases: list[str] = []
    enacting = ""
    for chunk in chunks:
        for seg in re.split(r";\s*", chunk):
            seg = seg.strip()
            if not seg:
                continue
            if re.match(r"(?i)căn\s+cứ", seg):
                bases.append(seg.rstrip(".,;"))
            elif _ENACTING.search(seg) and not enacting:
                enacting = seg.rstrip(".,;:")
    return bases, enacting


def parse_header(text: str) -> tuple[Header, list[str]]:
    lines = lines_of(text)
    start = body_start(lines)
    head = Header(body_start=start)
    region = lines[:start]

    numbered = find_number_line(region)
    if numbered:
        head.number_written = numbered[1]

    joined = "\n".join(region[:40])
    m = _PLACE_DATE.search(joined)
    if m:
        head.place = m["place"].strip()
        head.issued_date = make_date(m["y"], m["m"], m["d"])
        if head.issued_date is None:
            head.notes.append(f"header date not valid: {m.group(0)!r}")

    type_at = None
    for i, line in enumerate(region):
        if _BASIS.match(line):
            break
        typed = _type_of(line)
        if typed:
            nxt = _type_of(region[i + 1]) if i + 1 < len(region) else None
            if typed[0] == "SẮC LỆNH" and nxt and nxt[0] == "LUẬT":
                continue  # a law promulgated by a sắc lệnh (1957): the document is the law
            type_at = i
            head.type_line, rest = typed
            head.doc_type = TYPE_NAMES[head.type_line]
            head.title_raw = _title_from(region, i + 1, len(region), rest)
            preamble = " ".join([rest] + region[i + 1 : i + 2]) if rest or i + 1 < len(region) else ""
            head.title_date = strip_preamble(preamble.strip())[1]
            break
    if type_at is None:
        vv = next((i for i, line in enumerate(region) if re.match(r"^V/v\b", line)), None)
        if vv is not None:  # a công văn: its trích yếu is the "V/v …" line under the số (§3.8)
            title = [region[vv][3:].strip()]
            for line in region[vv + 1 : vv + 4]:
                if _is_quoc_hieu(line) or _TIEU_NGU.search(line) or _PLACE_DATE.search(line) or is_upper(line):
                    break
                if line.startswith(("Kính gửi", "Căn cứ")):
                    break
                title.append(line)
            head.title_raw = " ".join(title).strip()
            head.doc_type = "Công văn"
    if not head.doc_type and numbered:
        m_prefix = re.match(r"^(Bộ\s+luật|Luật|Pháp\s+lệnh|Lệnh|Nghị\s+quyết)\s+số", region[numbered[0]])
        if m_prefix:
            head.doc_type = TYPE_NAMES[" ".join(m_prefix[1].split()).upper()]
            head.notes.append("doc_type from the number line prefix")

    stop = type_at if type_at is not None else (numbered[0] if numbered else len(region))
    head.issuer, head.issuer_parent = _split_issuer(_issuer_lines(region, stop + 1))

    first_basis = next((i for i, line in enumerate(region) if _BASIS.match(line)), None)
    if first_basis is not None:
        head.bases, head.enacting = _bases(region, first_basis, len(region))
    else:
        head.enacting = next((line for line in region if _ENACTING.search(line)), "")
    return head, lines


def law_title(head: Header) -> str:
    """For Luật/Bộ luật/Pháp lệnh the trích yếu is the name ('LUẬT / ĐẤT ĐAI'): make it
    'Luật Đất đai', taking the casing from the enacting formula when it names the same law."""
    name = head.title_raw
    if not name or not head.doc_type:
        return sentence_case(name)
    full = f"{head.doc_type} {name}"
    m = re.search(r"ban\s+hành\s+(.+?)\s*[.,;:]?\s*$", head.enacting)
    if m and fold(m[1]).lower().strip() == fold(full).lower():
        return m[1].strip()
    return f"{head.doc_type} {sentence_case(name)}" if is_upper(name) else full
