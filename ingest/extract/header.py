"""Page-one header (domain notes §3.8): issuer with parent line, số ký hiệu, place and date,
loại văn bản, trích yếu, căn cứ. Pure functions over lines; nothing here guesses: a part that
is not on the page stays empty."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.extract.dates import VI_DATE, make_date
from ingest.extract.numbers import TYPE_NAMES
from ingest.extract.text import fold, is_upper, lines_of, sentence_case

_QUOC_HIEU = re.compile(r"^CONG\s*HOA\s+XA\s+HOI\s+CHU\s+NGHIA\s+VIET\s*NAM", re.I)
_TIEU_NGU = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.I)
_NOISE = re.compile(r"^(Signature Not Verified|SAO Y|Giờ ký|Ký bởi|Email:|Cơ quan:|LỜI NÓI ĐẦU|Lời nói đầu)", re.I)
_NUMBER_LINE = re.compile(
    r"^(?:(?:Bộ\s+luật|Luật|Lệnh|Pháp\s+lệnh|Nghị\s+quyết|Nghị\s+định|Quyết\s+định|Thông\s+tư)\s+)?"
    r"(?:Số|SỐ|So|số)\s*[:.]?\s*(?P<x>.*)$"
)
_NUMBER_IN_CAPS = re.compile(r"\bSỐ\s*:?\s*(?P<x>\d[\w./&Đđ-]*(?:\s*/\s*[\w.&Đđ-]+)*)")
_NUMBER_IN_LINE = re.compile(r"(?:^|\s)Số\s*:?\s*(?P<x>\d{1,5}[a-z]?\s*/\s*\S+(?:\s*/\s*\S+)*)")
_ATTACHED = re.compile(
    r"[Bb]an\s+hành\s+kèm\s+theo\s+(?:Quyết\s+định|Nghị\s+định|Thông\s+tư|Nghị\s+quyết)\s+số\s*(?P<num>[\d.…\s]+/[^,()]+?)"
    r"\s*,?\s*(?P<when>ngày[^()]{5,40}?\d{4})"
)
_PLACE_DATE = re.compile(
    r"(?P<place>[^\W\d][^,.;\n\d]{1,39}?)\s*,\s*[Nn]gày\s*(?P<d>\d{1,2})\s*(?:\n\s*)*tháng\s*(?P<m>\d{1,2})"
    r"\s*(?:\n\s*)*năm\s*(?P<y>\d{4})"
)
# a place-and-date line that _PLACE_DATE could not read: anything between "ngày" and the year
_LOOSE_DATE = re.compile(r"(?P<place>[^\W\d][^,.;\n\d]{1,39}?)\s*,\s*[Nn]gày\b[^\n]{0,20}(?:\n[^\n]{0,30})?năm\s*\d{4}")
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
    r"(?i)NGÀY\s+(?:(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})|(?P<d2>\d{1,2})\s+THÁNG\s+(?P<m2>\d{1,2})\s+NĂM\s+(?P<y2>\d{4}))"
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


def _is_place(place: str) -> bool:
    """A địa danh is a proper name: every word capitalised ('Hà Nội', 'TP.Cần Thơ')."""
    words = re.sub(r"^(?:\S*[/-]\S*\s+)+", "", place.strip()).split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() for w in words)


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
    """(type key, rest) when the line is a loại line ('LUẬT', 'LUẬT BƯU CHÍNH', 'QUYẾT ĐỊNH của
    ủY BAN …' and, from legacy fonts that lost capitals, 'Nghị định')."""
    upper = line.upper()
    if upper.rstrip() in TYPE_NAMES and not line.rstrip().endswith(":"):
        return upper.rstrip(), ""
    m = re.match(r"^(?P<t>[A-ZĐÀ-Ỹ ]+?)\s+(?:của|CỦA)\s", line)
    if m and m["t"] in TYPE_NAMES and not re.search(r"\bS[ỐốỐ]\b|\d", line):
        return m["t"], ""  # "QUYẾT ĐỊNH của ỦY BAN …": the rest names the issuer
    if not is_upper(line):
        return None
    for key in sorted(TYPE_NAMES, key=len, reverse=True):
        if upper == key:
            return key, ""
        if upper.startswith(key + " "):
            rest = line[len(key) :].strip()
            if key in ("LUẬT", "BỘ LUẬT", "PHÁP LỆNH", "SẮC LỆNH", "LUẬT MẪU", "HIẾN PHÁP") or rest.startswith(
                ("VỀ", "CỦA", "QUY ĐỊNH", "BAN HÀNH", "SỬA ĐỔI", "SỐ")
            ):
                return key, rest
    return None


def _first_token(x: str) -> str:
    """The number at the start of what follows 'Số:' ('68 /2024/QĐ-UBND NGÀY …' -> '68 /2024/QĐ-UBND');
    '' when it holds no digit ('Số: án …' on a web page)."""
    m = re.match(r"^\S+(?:\s*/\s*\S+)*(?:(?<=QH)\s+\d{1,2}\b)?", x.strip())
    return m.group(0) if m and re.search(r"\d", m.group(0)) else ""


def find_number_line(lines: list[str]) -> tuple[int, str] | None:
    """Index and text of the số ký hiệu; joins a number typed into a blank
    ('Số: 64' … '/2024/QĐ-UBND' on a later line)."""
    for i, line in enumerate(lines):
        if _BASIS.match(line):
            break
        m = _NUMBER_LINE.match(line)
        if m:
            if m["x"].strip() and not re.search(r"\d", m["x"]):
                continue  # "Số án lệ Tên án lệ" (a table heading), not a number line
            x = _first_token(m["x"])
            if re.fullmatch(r"\d{1,5}[a-z]?\s*", x) or not x:
                for j in range(i + 1, min(i + 8, len(lines))):
                    nxt = lines[j]
                    cont = re.match(r"^(?:\d[\d\s]*)?(/\s*\S+.*)$", nxt)
                    if cont and re.search(r"\d{4}|[A-ZĐ]", cont[1]):
                        return i, _first_token((x + cont[1]).strip() if x else nxt)
                    if not x and re.match(r"^\d{1,5}[a-z]?\s*/", nxt):
                        return i, _first_token(nxt)
                if x:
                    return i, x
                continue
            if x:
                return i, x
            continue
        m2 = _NUMBER_IN_CAPS.search(line) if is_upper(line) else _NUMBER_IN_LINE.search(line)
        if m2 and not re.match(r"(?i)^\d+\.\s", line):
            return i, _first_token(m2["x"])
    return None


def _left_column(line: str) -> str:
    """What precedes the quốc hiệu or tiêu ngữ on a row that holds both columns
    ('ỦY BAN NHÂN DÂN  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')."""
    folded = fold(line).upper()
    cut = [m.start() for m in (re.search(r"CONG\s*HOA\s+XA\s+HOI", folded), _TIEU_NGU.search(line)) if m]
    return line[: min(cut)].strip() if cut else line


def _issuer_lines(lines: list[str], stop: int) -> list[str]:
    out: list[str] = []
    for raw in lines[:stop]:
        line = _left_column(raw)
        if not line or _is_quoc_hieu(line) or _TIEU_NGU.search(line) or _NOISE.match(line):
            continue
        if _NUMBER_LINE.match(line) or _PLACE_DATE.search(line) or _type_of(line):
            break
        if re.match(r"^[\d\s/]*/\s*\S+", line):  # the tail of a split number
            continue
        if re.search(r"\d", line):
            continue  # a drafter's code ("XV80") or a page number
        if is_upper(line) and len(line) <= 80:
            out.append(line)
        elif line != raw and len(line) <= 60:
            # legacy fonts (TCVN3 .VnTimeH) lose the capitals of the header: it is still the issuer
            out.append(line.upper())
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
            or fold(line).upper().startswith("LOI NOI DAU")
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
    title = strip_preamble(" ".join(parts).strip())[0]
    return re.sub(r"^V/v\s+", "", title)


def strip_preamble(title: str) -> tuple[str, date | None]:
    """'CỦA QUỐC HỘI … SỐ 23/2004/QH11 NGÀY 15 THÁNG 6 NĂM 2004 VỀ GIAO THÔNG …' -> the name and
    the date the line states (old laws repeat number and date in their title line)."""
    if not re.match(r"^(?:CỦA|SỐ|của|Số)\b", title):
        return title.strip(" .:"), None
    when = None
    cut = 0
    first = re.search(r"\b(?:SỐ|Số|số)\s*:?\s*\d\S*(?:\s*/\s*\S+)*", title)
    if first:
        cut = first.end()
    d = _PREAMBLE_DATE.search(title, cut)
    if d and d.start() - cut <= 3:
        cut = d.end()
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


def _find_type(head: Header, region: list[str]) -> int | None:
    """Index of the loại line; sets type, trích yếu and a date stated in an old title line."""
    for i, line in enumerate(region):
        if _BASIS.match(line):
            break
        typed = _type_of(line)
        if not typed:
            continue
        nxt = _type_of(region[i + 1]) if i + 1 < len(region) else None
        if typed[0] == "SẮC LỆNH" and nxt and nxt[0] == "LUẬT":
            continue  # a law promulgated by a sắc lệnh (1957): the document is the law
        head.type_line, rest = typed
        head.doc_type = TYPE_NAMES[head.type_line]
        head.title_raw = _title_from(region, i + 1, len(region), rest)
        preamble = " ".join([rest] + region[i + 1 : i + 2])
        head.title_date = strip_preamble(preamble.strip())[1]
        return i
    return None


def _cong_van(head: Header, region: list[str]) -> None:
    """A công văn has no loại line: its trích yếu is the "V/v …" line under the số (§3.8)."""
    vv = next((i for i, line in enumerate(region) if re.match(r"^V/v\b", line)), None)
    if vv is None:
        return
    title = [region[vv][3:].strip()]
    for line in region[vv + 1 : vv + 4]:
        if _is_quoc_hieu(line) or _TIEU_NGU.search(line) or _PLACE_DATE.search(line) or is_upper(line):
            break
        if line.startswith(("Kính gửi", "Căn cứ")):
            break
        title.append(line)
    head.title_raw = " ".join(title).strip()
    head.doc_type = "Công văn"


def _attached_to(head: Header, region: list[str]) -> None:
    """'(Ban hành kèm theo Quyết định số …05…./2006/ QĐ-UBND, ngày …25..tháng 01 năm 2006 …)':
    an attached Quy định/Quy chế carries the number and date of its decision."""
    attached = _ATTACHED.search(" ".join(region[:30]))
    if not attached:
        return
    head.number_written = re.sub(r"[.…\s]+", "", attached["num"])
    d = VI_DATE.search(re.sub(r"[.…]+", " ", attached["when"]))
    if d:
        head.issued_date = make_date(d["y"], d["m"], d["d"])
    head.notes.append("number and date of the decision this text is attached to")


def _header_date(head: Header, region: list[str], type_at: int | None, numbered: tuple | None) -> None:
    # the date line sits above the type line; below it, preambles quote other dates
    date_region = region[: type_at + 1] if type_at is not None else region[:15]
    m = next((c for c in _PLACE_DATE.finditer("\n".join(date_region)) if _is_place(c["place"])), None)
    if m:
        head.place = re.sub(r"^(?:\S*[/-]\S*\s+)+", "", m["place"].strip())
        head.issued_date = make_date(m["y"], m["m"], m["d"])
        if head.issued_date is None:
            head.notes.append(f"header date not valid: {m.group(0)!r}")
    elif numbered:
        # "… Số 94 /1998/NĐ-CP ngày 17 tháng 11 năm 1998" (older headings)
        d = VI_DATE.search(" ".join(region[numbered[0] : numbered[0] + 2]))
        if d:
            head.issued_date = make_date(d["y"], d["m"], d["d"])
    if head.issued_date is None and re.search(r"ngày\s*[.…]", "\n".join(date_region)):
        head.notes.append("the header date is left blank (a draft or an unfilled copy)")
    elif head.issued_date is None and (loose := _LOOSE_DATE.search("\n".join(date_region))) and _is_place(
            loose["place"]):
        # "Hà Nội, ngày 12 / 30 tháng 12 năm 2024": a day typed over the printed one, two numbers
        head.notes.append(f"the header date could not be read ({' '.join(loose.group(0).split())!r}): "
                          "check it against the original; it is left empty, not guessed")


def _issuer(head: Header, region: list[str], type_at: int | None, numbered: tuple | None) -> None:
    stop = type_at if type_at is not None else (numbered[0] if numbered else len(region))
    head.issuer, head.issuer_parent = _split_issuer(_issuer_lines(region, stop + 1))
    if head.issuer or type_at is None:
        return
    # "Nghị định / của Chính phủ Số 94 …" and "QUYẾT ĐỊNH CỦA ỦY BAN …": the issuer is named
    for line in region[type_at : type_at + 2]:
        m_of = re.search(r"(?:^|\s)(?:của|CỦA)\s+(?P<x>.+?)(?:\s+(?:Số|SỐ|số)\b.*)?$", line)
        if m_of and not re.search(r"\d", m_of["x"]):
            head.issuer = m_of["x"].strip()
            return


def parse_header(text: str) -> tuple[Header, list[str]]:
    """The header fields of a document and its cleaned lines (``body_start`` indexes them)."""
    lines = lines_of(text)
    start = body_start(lines)
    head = Header(body_start=start)
    region = lines[:start]

    numbered = find_number_line(region)
    if numbered:
        head.number_written = numbered[1]
    type_at = _find_type(head, region)
    if type_at is None:
        _cong_van(head, region)
    if not head.number_written:
        _attached_to(head, region)
    if not head.doc_type and numbered:
        m_prefix = re.match(r"^(Bộ\s+luật|Luật|Pháp\s+lệnh|Lệnh|Nghị\s+quyết)\s+số", region[numbered[0]])
        if m_prefix:
            head.doc_type = TYPE_NAMES[" ".join(m_prefix[1].split()).upper()]
            head.notes.append("doc_type from the number line prefix")
    _header_date(head, region, type_at, numbered)
    _issuer(head, region, type_at, numbered)

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
