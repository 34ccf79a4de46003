"""Queries go through the document path (normalise, canonical spelling, segment, fold), plus
what only queries need: quoted phrases, ``-excluded`` terms, document numbers in shorthand,
article references, abbreviation expansion and a minimal stopword list.

Stopwords only leave ``words``; legal words (điều, khoản, điểm, số, năm, không, ngày, tháng)
are never stopwords. Expansions are extra query text in both directions (``UBND`` → ``Ủy ban
nhân dân`` and ``ủy ban nhân dân`` → ``UBND``), for the search layer to OR in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fold import fold, has_diacritics
from .normalize import canonical, canonical_tones, normalize
from .numbers import DocNumber, find_doc_numbers
from .segment import segment_normalized

__all__ = ["QueryAnalysis", "analyze_query", "query_syllables", "ABBREVIATIONS", "STOPWORDS", "words_of"]

ABBREVIATIONS: dict[str, str] = {
    "UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "NĐ": "nghị định", "TT": "thông tư",
    "QĐ": "quyết định", "NQ": "nghị quyết", "CT": "chỉ thị", "TTLT": "thông tư liên tịch",
    "NQLT": "nghị quyết liên tịch", "CP": "Chính phủ", "TTg": "Thủ tướng", "TTCP": "Thủ tướng Chính phủ",
    "QH": "Quốc hội", "UBTVQH": "Ủy ban thường vụ Quốc hội", "CTN": "Chủ tịch nước",
    "VBHN": "văn bản hợp nhất", "VBQPPL": "văn bản quy phạm pháp luật", "TP.": "thành phố",
    "TP": "thành phố", "TPHCM": "Thành phố Hồ Chí Minh", "TP.HCM": "Thành phố Hồ Chí Minh",
    "BTC": "Bộ Tài chính", "BTP": "Bộ Tư pháp", "BNV": "Bộ Nội vụ", "BCA": "Bộ Công an",
    "BQP": "Bộ Quốc phòng", "BYT": "Bộ Y tế", "BCT": "Bộ Công Thương", "BXD": "Bộ Xây dựng",
    "BGDĐT": "Bộ Giáo dục và Đào tạo", "BLĐTBXH": "Bộ Lao động - Thương binh và Xã hội",
    "BTNMT": "Bộ Tài nguyên và Môi trường", "BNNPTNT": "Bộ Nông nghiệp và Phát triển nông thôn",
    "BGTVT": "Bộ Giao thông vận tải", "BKHĐT": "Bộ Kế hoạch và Đầu tư", "NHNN": "Ngân hàng Nhà nước",
    "TANDTC": "Tòa án nhân dân tối cao", "VKSNDTC": "Viện kiểm sát nhân dân tối cao",
    "TAND": "Tòa án nhân dân", "VKSND": "Viện kiểm sát nhân dân", "HĐTP": "Hội đồng Thẩm phán",
    "BHXH": "bảo hiểm xã hội", "BHYT": "bảo hiểm y tế", "TNHH": "trách nhiệm hữu hạn",
    "GTGT": "giá trị gia tăng", "TNCN": "thu nhập cá nhân", "TNDN": "thu nhập doanh nghiệp",
    "TTHC": "thủ tục hành chính", "QSDĐ": "quyền sử dụng đất", "CMND": "chứng minh nhân dân",
    "CCCD": "căn cước công dân", "PCCC": "phòng cháy chữa cháy", "BLDS": "Bộ luật Dân sự",
    "BLHS": "Bộ luật Hình sự", "BLLĐ": "Bộ luật Lao động", "XLVPHC": "xử lý vi phạm hành chính",
}
STOPWORDS = frozenset(
    "và của các những là thì mà với này đó ở nhưng hoặc cũng rằng như sẽ đã đang nào gì ạ nhé à ơi "
    "về cho bị vậy nhỉ hả".split()
)
# Legal words that must stay searchable even though they are common.
KEEP = frozenset("điều khoản điểm số năm không ngày tháng chương mục phần".split())
assert not STOPWORDS & KEEP


def _fkey(s: str) -> str:
    return fold(canonical(s)).lower()


_ABBR_BY_KEY = {_fkey(k).rstrip("."): k for k in ABBREVIATIONS}
_FULL_BY_KEY: dict[str, list[str]] = {}
for _abbr, _full in ABBREVIATIONS.items():
    _FULL_BY_KEY.setdefault(" ".join(re.findall(r"\w+", _fkey(_full))), []).append(_abbr)


@dataclass(frozen=True)
class QueryAnalysis:
    raw: str
    text: str
    canonical: str
    folded: str
    words: str
    syllables: list[str]
    folded_syllables: list[str]
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    numbers: list[DocNumber] = field(default_factory=list)
    article: str | None = None
    clause: str | None = None
    point: str | None = None
    has_diacritics: bool = False
    expansions: list[str] = field(default_factory=list)


_RE_PHRASE = re.compile(r'"([^"]+)"')
_RE_EXCLUDED = re.compile(r'(?:(?<=\s)|^)-(?!\d)("[^"]+"|[^\s"]+)')
_RE_ARTICLE = re.compile(r"(?<!\w)dieu\s+(\d{1,4}[a-z]?)(?!\w)")
_RE_CLAUSE = re.compile(r"(?<!\w)khoan\s+(\d{1,3}[a-z]?)(?!\w)")
_RE_POINT = re.compile(r"(?<!\w)diem\s+([a-z]\d?)(?!\w)")
_RE_PUNCT_ONLY = re.compile(r"^[^\w]+$")


_WORD_CACHE: dict[str, str] = {}


def _word_key(tok: str) -> str:
    """Canonical lower-case form of one segmented token; "" for punctuation-only tokens."""
    out = _WORD_CACHE.get(tok)
    if out is None:
        out = "" if _RE_PUNCT_ONLY.match(tok) else canonical(tok).lower()
        if len(_WORD_CACHE) < 500_000:
            _WORD_CACHE[tok] = out
    return out


def words_of(normalized: str, stopwords: frozenset[str] = frozenset()) -> str:
    """Segmented, canonical, lower-case words without punctuation tokens (the ``text_words`` form)."""
    keys = (_word_key(t) for t in segment_normalized(canonical_tones(normalized)).split(" "))
    return " ".join(k for k in keys if k and k not in stopwords)


def _expansions(text: str) -> list[str]:
    out: list[str] = []
    toks = re.findall(r"[\w.]+", text)
    for tok in toks:  # abbreviation -> full form
        abbr = _ABBR_BY_KEY.get(_fkey(tok).rstrip("."))
        if abbr and ABBREVIATIONS[abbr] not in out:
            out.append(ABBREVIATIONS[abbr])
    syl = re.findall(r"\w+", _fkey(text))
    joined = " " + " ".join(syl) + " "
    for full_key, abbrs in _FULL_BY_KEY.items():  # full form -> abbreviation
        if " " in full_key and f" {full_key} " in joined:
            for a in abbrs:
                a = a.rstrip(".")
                if a not in out and a != "TP":
                    out.append(a)
    return out


def _numbers_spelled_out(text: str, numbers: list[DocNumber]) -> str:
    """Numbers typed loosely ("45/2013/qh13", "nd 15 2020") in the canonical spelling that
    documents are indexed with, so the words form keeps them whole on both sides."""
    out = text
    for num in sorted((n for n in numbers if n.span and not n.partial), key=lambda n: -n.span[0]):
        start, end = num.span
        out = out[:start] + num.canonical + out[end:]
    return out


_RE_SYLLABLE = re.compile(r"[^\W_]+")


def query_syllables(text: str) -> list[str]:
    """The syllables of (already canonical, lower-case) query text: runs of letters and digits."""
    return _RE_SYLLABLE.findall(text)


def analyze_query(q: str) -> QueryAnalysis:
    """Analyse a user query the way documents are analysed (see the module docstring)."""
    raw = q or ""
    text = normalize(raw).replace("\n", " ")
    canon = canonical(text)
    phrases = [p.strip() for p in _RE_PHRASE.findall(text) if p.strip()]
    excluded = [e.strip('"') for e in _RE_EXCLUDED.findall(text)]
    positive = _RE_EXCLUDED.sub(" ", text).replace('"', " ")
    numbers = find_doc_numbers(positive, lenient=True)
    key = fold(canonical(positive)).lower()
    art, cla, pnt = (_RE_ARTICLE.search(key), _RE_CLAUSE.search(key), _RE_POINT.search(key))
    syllables = query_syllables(canonical(positive).lower())
    return QueryAnalysis(
        raw=raw,
        text=text,
        canonical=canon,
        folded=fold(canon),
        words=words_of(_numbers_spelled_out(positive, numbers), STOPWORDS),
        syllables=syllables,
        folded_syllables=[fold(s) for s in syllables],
        phrases=phrases,
        excluded=excluded,
        numbers=numbers,
        article=art.group(1) if art else None,
        clause=cla.group(1) if cla else None,
        point=pnt.group(1) if pnt else None,
        has_diacritics=has_diacritics(text),
        expansions=_expansions(positive),
    )
