"""Canonical names of issuing bodies (cơ quan ban hành), so one body is one facet value.

Sources spell the same body many ways: "QUỐC HỘI" and "Quốc hội"; "Bộ công thương" and "Bộ Công
Thương"; "Văn hoá" and "Văn hóa"; "Uỷ ban" and "Ủy ban"; "Văn hóa - Thể thao" and "Văn hóa, Thể
thao"; and joint documents name several ("Bộ Tài chính và Bộ Tư pháp"). ``issuer_names`` splits
joint issuers and gives each one display form: a known central body's official spelling, or for
other bodies sentence case with the place name capitalised ("Ủy ban nhân dân thành phố Hà Nội").
Tone marks use the placement of official names (hóa, Ủy, Tòa, thủy).
"""

from __future__ import annotations

import re
import unicodedata

from .fold import fold
from .normalize import normalize

CENTRAL = [
    "Quốc hội", "Ủy ban Thường vụ Quốc hội", "Chủ tịch nước", "Chính phủ", "Thủ tướng Chính phủ",
    "Tòa án nhân dân tối cao", "Viện kiểm sát nhân dân tối cao", "Kiểm toán nhà nước",
    "Hội đồng Thẩm phán Tòa án nhân dân tối cao", "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ",
    "Văn phòng Chính phủ", "Văn phòng Quốc hội", "Ủy ban Dân tộc", "Bộ Công an", "Bộ Công Thương",
    "Bộ Giáo dục và Đào tạo", "Bộ Giao thông vận tải", "Bộ Kế hoạch và Đầu tư", "Bộ Khoa học và Công nghệ",
    "Bộ Lao động - Thương binh và Xã hội", "Bộ Ngoại giao", "Bộ Nội vụ", "Bộ Nông nghiệp và Phát triển nông thôn",
    "Bộ Quốc phòng", "Bộ Tài chính", "Bộ Tài nguyên và Môi trường", "Bộ Thông tin và Truyền thông",
    "Bộ Tư pháp", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Xây dựng", "Bộ Y tế", "Bộ Nông nghiệp và Môi trường",
    "Bộ Khoa học, Công nghệ và Môi trường", "Bộ Văn hóa - Thông tin", "Bộ Công nghiệp", "Bộ Thương mại",
    "Bộ Dân tộc và Tôn giáo", "Hội đồng Nhà nước", "Hội đồng Bộ trưởng",
]
ALIASES = {"ngan hang nha nuoc": "Ngân hàng Nhà nước Việt Nam", "bo cong nghiep thuong mai": "Bộ Công Thương"}
PLACE_WORDS = ("tỉnh", "thành phố", "quận", "huyện", "thị xã", "xã", "phường", "thị trấn")
_JOINT = re.compile(r"\s*(?:,|;|\bvà\b)\s*(?=(?:Bộ|Ủy|Uỷ|Tòa|Toà|Viện|Ngân|Thanh|Kiểm|Văn phòng|Chính|Thủ|Hội đồng|"
                    r"BỘ|ỦY|UỶ|TÒA|TOÀ|VIỆN)\b)")
_TONE_MOVES = re.compile(r"(?i)(?<![a-zà-ỹđ])([^\W\d_]*?)([oOuU])([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ])(?![a-zà-ỹđ])")


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", fold(name).lower()).strip()


_BY_KEY = {_key(n): n for n in CENTRAL} | ALIASES


def _old_style_tones(text: str) -> str:
    """hoá → hóa, Uỷ → Ủy, Toà → Tòa: the tone on the first vowel of oa/oe/uy at a syllable end."""
    def move(m: re.Match[str]) -> str:
        second = unicodedata.normalize("NFD", m.group(3))
        base, marks = second[0], second[1:]
        first = unicodedata.normalize("NFC", m.group(2) + marks)
        return m.group(1) + first + base

    return _TONE_MOVES.sub(move, text)


def _sentence_case(name: str) -> str:
    low = name.lower()
    out = low[:1].upper() + low[1:]
    for word in PLACE_WORDS:
        # the place name after "tỉnh", "thành phố"… is a proper name: capitalise each syllable
        out = re.sub(rf"(\b{word}\s+)(.+)$", lambda m: m.group(1) + m.group(2).title(), out, count=1)
        if out != low[:1].upper() + low[1:]:
            break
    return out


def canonical_issuer(name: str) -> str:
    name = _old_style_tones(normalize(name).strip(" .;,"))
    if not name:
        return ""
    known = _BY_KEY.get(_key(name))
    if known:
        return known
    letters = [c for c in name if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8:
        return _sentence_case(name)
    return name


def issuer_names(issuer: str) -> list[str]:
    """Each body named by an issuer line, canonical, in order, without repeats."""
    out: list[str] = []
    for part in _JOINT.split(normalize(issuer or "")):
        name = canonical_issuer(part)
        if name and name not in out:
            out.append(name)
    return out
