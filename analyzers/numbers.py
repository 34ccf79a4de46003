"""Vietnamese document numbers (số ký hiệu): parse, find in free text, build search keys.

Grammar and test vectors: ``shared/docs/domain.md`` §3.6. Every spelling of one number gives
the same ``key``: ASCII-folded, upper case, leading zeros of the number stripped
(``Số: 015/2020/NÐ-CP`` → ``15/2020/ND-CP``). ``cls`` names the *shape* of the number
(normative, qh, ubtvqh, vbhn, individual, congvan, party, legacy, standard), not its legal force.

Two entry points:

* ``parse_doc_number(s)`` reads one number written any way a person or a header writes it:
  prefixes (``Số:``, ``Luật số``), a trailing ``ngày …``, spaces and odd dashes, a missing slash
  (``09/2026NQ-HĐND``), lower case, and query shorthand (``nd 15 2020``, ``Nghị định 15/2020``,
  ``15-2020-nd-cp``). Query shorthand without an issuer for a type whose issuer is not implied
  (``tt 15 2024``) gives a *partial* number whose key stops after the type (``15/2024/TT``).
* ``find_doc_numbers(text)`` finds numbers in running text with a boundary guard; it is strict
  (codes must be upper case or a known mixed-case code such as ``TTg``), so ``100/người`` or
  ``1/1/2021`` are not numbers. ``lenient=True`` also accepts lower case and query shorthand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .fold import fold
from .normalize import normalize

__all__ = ["DocNumber", "parse_doc_number", "find_doc_numbers", "TYPE_CODES", "ISSUER_CODES"]

# Type codes (domain.md §3.5); display spelling, matched case-insensitively and accent-free.
TYPE_CODES = (
    "NĐ", "QĐ", "NQ", "TT", "TTLT", "NQLT", "QĐLT", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH",
    "PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG",
    "PC", "PB", "L", "PL", "SY", "TrS", "SL", "CV", "VBHN", "KL", "QyC",
)
ISSUER_CODES = (
    "CP", "TTg", "TW", "QH", "UBTVQH", "CTN", "UBND", "HĐND", "HĐBT", "HĐNN", "HĐTP", "BTC", "BTP",
    "BNV", "BCA", "BQP", "BYT", "BCT", "BXD", "NHNN", "BLĐTBXH", "BGDĐT", "BTNMT", "BNNPTNT",
    "BGTVT", "BKHĐT", "BVHTTDL", "BTTTT", "BKHCN", "BNG", "TTCP", "UBDT", "VPCP", "KTNN", "TANDTC",
    "VKSNDTC", "VKSTC", "MTTQVN", "TLĐLĐVN", "VPQH", "VPTW", "ĐU", "TU", "HU", "BCH", "BCĐ",
    "CTUBND", "TCHQ", "TCT", "KBNN", "UBCKNN", "BTGTW", "BKTTW", "BTCTW", "UB", "BNN", "BKH", "BVHTT",
    "BGD", "BLĐ", "BTM", "BTS", "BCN", "BBCVT", "BTNMT", "BNNPTNT", "VKSND", "TAND", "UBMTTQVN",
)


def _display_table(codes: tuple[str, ...]) -> dict[str, str]:
    """Folded upper-case → display spelling, only where the folded form is unambiguous."""
    seen: dict[str, set[str]] = {}
    for code in codes:
        seen.setdefault(fold(code).upper(), set()).add(code)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


_TYPE_DISPLAY = _display_table(TYPE_CODES)
_ISSUER_DISPLAY = _display_table(ISSUER_CODES)
_ALL_DISPLAY = {**_ISSUER_DISPLAY, **_TYPE_DISPLAY}
_TYPE_KEYS = frozenset(fold(c).upper() for c in TYPE_CODES)
_MIXED_CASE = frozenset(c for c in TYPE_CODES + ISSUER_CODES if c != c.upper())
# A type whose issuer is implied when a query leaves it out.
_DEFAULT_ISSUER = {"ND": "CP"}


@dataclass(frozen=True)
class DocNumber:
    raw: str
    canonical: str
    key: str
    num: str
    year: int | None
    type: str
    issuers: tuple[str, ...]
    term: int | None
    cls: str
    units: tuple[str, ...] = ()
    span: tuple[int, int] | None = None
    partial: bool = False

    @property
    def is_yearless(self) -> bool:
        """Yearless numbers (individual, VBHN, công văn) repeat every year: match them with a date."""
        return self.year is None


# --- grammar on a cleaned string -----------------------------------------------------------------

_L = "A-Za-zĐđ"
_TOK = rf"[{_L}][{_L}0-9&]*"
_NUM = r"(?P<num>\d{1,5}(?:\.\d{1,2})?[a-zA-Z]?)"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_GRAMMAR: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (cls, re.compile(rx))
    for cls, rx in (
        ("standard", rf"^(?P<type>QCVN|TCVN)\s*(?P<num>\d+(?:[-.]\d+)*[A-Za-z]?):(?P<year>\d{{4}})(?:/(?P<issuers>{_TOK}))?$"),
        ("qh", rf"^{_NUM}/{_YEAR}/QH(?P<term>\d{{1,2}})$"),
        ("ubtvqh", rf"^{_NUM}/{_YEAR}/(?:(?P<type>PL|NQ)-)?UBTVQH(?P<term>\d{{1,2}})$"),
        ("vbhn", rf"^{_NUM}/(?P<type>VBHN)-(?P<issuers>{_TOK}(?:-{_TOK})*)$"),
        ("normative", rf"^{_NUM}/{_YEAR}/(?P<type>{_TOK})-(?P<issuers>{_TOK}(?:-{_TOK})*)$"),
        ("legacy", rf"^{_NUM}[-/](?P<issuers>CP|TTg|HĐBT)$"),
        ("party", rf"^{_NUM}-(?P<type>{_TOK})/(?P<issuers>{_TOK})$"),
        ("individual", rf"^{_NUM}/(?P<type>{_TOK})-(?P<issuers>{_TOK}(?:-{_TOK})*)$"),
        ("congvan", rf"^{_NUM}/(?P<issuers>{_TOK})(?:-(?P<units>{_TOK}(?:-{_TOK})*))?$"),
    )
)
_FLAGS_I = {cls: re.compile(rx.pattern, re.I) for cls, rx in _GRAMMAR}


def _disp(tok: str, table: dict[str, str] = _ALL_DISPLAY) -> str:
    """Official spelling of a code (``nd`` → ``NĐ``, ``TTG`` → ``TTg``); unknown codes upper-cased."""
    known = table.get(fold(tok).upper())
    if known is not None:
        return known
    return tok if tok in _MIXED_CASE else tok.upper()


def _strip_num(num: str) -> str:
    head = num.lstrip("0")
    return (head if head and head[0].isdigit() else "0" + head) if num else num


def _code_like(tok: str) -> bool:
    return tok in _MIXED_CASE or tok == tok.upper()


def _build(cls: str, m: re.Match[str], raw: str, strict: bool, span: tuple[int, int] | None) -> DocNumber | None:
    g = m.groupdict()
    num = g.get("num") or ""
    year = int(g["year"]) if g.get("year") else None
    term = int(g["term"]) if g.get("term") else None
    typ = g.get("type") or ""
    issuers = tuple((g.get("issuers") or "").split("-")) if g.get("issuers") else ()
    units = tuple(g["units"].split("-")) if g.get("units") else ()
    if cls == "individual" and fold(typ).upper() not in _TYPE_KEYS:
        return None  # a công văn: the first group is an issuer, not a type
    if cls == "normative" and issuers and issuers[0].upper().startswith(("QH", "UBTVQH")):
        return None
    if strict and not all(_code_like(t) for t in (typ, *issuers, *units) if t):
        return None
    if cls == "qh":
        issuers = ("QH",)
    elif cls == "ubtvqh":
        issuers = ("UBTVQH",)
    typ_d = _disp(typ, _TYPE_DISPLAY if cls not in ("standard",) else {}) if typ else ""
    iss_d = tuple(_disp(i) for i in issuers)
    unit_d = tuple(_disp(u) for u in units)
    if cls == "qh":
        canon = f"{num}/{year}/QH{term}"
    elif cls == "ubtvqh":
        canon = f"{num}/{year}/{typ_d + '-' if typ_d else ''}UBTVQH{term}"
    elif cls == "normative":
        canon = f"{num}/{year}/{typ_d}-{'-'.join(iss_d)}"
    elif cls in ("vbhn", "individual"):
        canon = f"{num}/{typ_d}-{'-'.join(iss_d)}"
    elif cls == "legacy":
        canon = f"{num}-{iss_d[0]}"
    elif cls == "party":
        canon = f"{num}-{typ_d}/{iss_d[0]}"
    elif cls == "congvan":
        canon = f"{num}/{'-'.join(iss_d + unit_d)}"
    else:  # standard
        canon = f"{typ.upper()} {num}:{year}" + (f"/{iss_d[0]}" if iss_d else "")
    key_num = num if cls == "standard" else _strip_num(num)
    key = fold(canon.replace(num, key_num, 1)).upper()
    return DocNumber(raw=raw, canonical=canon, key=key, num=num, year=year, type=typ_d,
                     issuers=iss_d, term=term, cls=cls, units=unit_d, span=span)


def _match_grammar(s: str, raw: str, strict: bool, span: tuple[int, int] | None = None) -> DocNumber | None:
    for cls, rx in _GRAMMAR:
        m = (rx if strict else _FLAGS_I[cls]).match(s)
        if m:
            dn = _build(cls, m, raw, strict, span)
            if dn is not None:
                return dn
    return None


# --- cleaning --------------------------------------------------------------------------------------

_TYPE_WORDS = {
    "nghi dinh": "ND", "nd": "ND", "thong tu lien tich": "TTLT", "ttlt": "TTLT", "thong tu": "TT",
    "tt": "TT", "quyet dinh": "QD", "qd": "QD", "nghi quyet lien tich": "NQLT", "nghi quyet": "NQ",
    "nq": "NQ", "chi thi": "CT", "ct": "CT", "van ban hop nhat": "VBHN", "vbhn": "VBHN",
    "phap lenh": "PL", "pl": "PL", "bo luat": "QH", "luat": "QH", "lenh": "L", "cong van": "",
}
_TW_ALT = "|".join(sorted(_TYPE_WORDS, key=len, reverse=True))
_RE_PREFIX = re.compile(rf"^(?:(?P<tw>{_TW_ALT})\b\s*)?(?:so\b\s*:?|so:)?\s*", re.I)
_RE_TRAIL = re.compile(r"\s+(?:ngay|ban hanh|cua|ve|quy dinh|huong dan|sua doi)\b.*$|\s+-\s+.*$", re.I | re.S)
_RE_SPACED = re.compile(r"\s*([/\-:])\s*")
_RE_GLUED_YEAR = re.compile(rf"^(\d{{1,5}}(?:\.\d{{1,2}})?[a-zA-Z]?/(?:19|20)\d{{2}})(?=[{_L}])")
_RE_TERM_SPACE = re.compile(r"(QH|UBTVQH)\s+(\d{1,2})$", re.I)
_RE_QUERY = re.compile(
    r"^(?P<num>\d{1,5}(?:\.\d{1,2})?[a-z]?)\s*[/\-_. ]\s*(?P<year>(?:19|20)\d{2})"
    r"(?:\s*[/\-_ ]\s*(?P<sym>[a-z][a-z0-9&]*(?:\s*[-_]\s*[a-z][a-z0-9&]*)*))?$", re.I)


def _fold_align(s: str) -> str:
    """Accent-free lower case, same length as ``s`` (for matching prefixes on ``s``)."""
    f = fold(s)
    return f.lower() if len(f) == len(s) else s.lower()


@lru_cache(maxsize=1 << 16)  # an import parses the same numbers again and again (bases, citations)
def parse_doc_number(text: str) -> DocNumber | None:
    """Parse one document number written in any of the spellings of domain.md §3.6."""
    if not text or not text.strip():
        return None
    raw = text.strip()
    s = normalize(raw).replace("_", "-").replace("\n", " ")
    m = _RE_PREFIX.match(_fold_align(s))
    tw = _TYPE_WORDS.get(re.sub(r"\s+", " ", m.group("tw").lower())) if m and m.group("tw") else None
    s = s[m.end():] if m else s
    t = _RE_TRAIL.search(_fold_align(s))
    if t and t.start() > 0:
        s = s[: t.start()]
    s = _RE_TERM_SPACE.sub(r"\1\2", _RE_SPACED.sub(r"\1", s.strip()))
    s = _RE_GLUED_YEAR.sub(r"\1/", s)
    dn = _match_grammar(s, raw, strict=False)
    if dn is not None:
        return dn
    return _parse_query_form(s, tw, raw)


def _parse_query_form(s: str, tw: str | None, raw: str, span: tuple[int, int] | None = None) -> DocNumber | None:
    m = _RE_QUERY.match(fold(s) if len(fold(s)) == len(s) else s)
    if not m:
        return None
    num, year = s[m.start("num"):m.end("num")], int(m.group("year"))
    sym = re.sub(r"\s+", "", s[m.start("sym"):m.end("sym")]).replace("_", "-").split("-") if m.group("sym") else []
    typ = sym[0] if sym else (tw or "")
    issuers = sym[1:]
    if not typ or typ == "QH" and not issuers:
        if tw == "QH":  # "Luật 45/2019": the khóa is unknown
            return _partial(raw, num, year, "", ("QH",), "qh", span)
        return None
    if not sym and not tw:
        return None
    if not issuers and fold(typ).upper() in _DEFAULT_ISSUER:
        issuers = [_DEFAULT_ISSUER[fold(typ).upper()]]
    if issuers:
        dn = _match_grammar(f"{num}/{year}/{typ}-{'-'.join(issuers)}", raw, strict=False, span=span)
        return dn
    return _partial(raw, num, year, _disp(typ, _TYPE_DISPLAY), (), "normative", span)


def _partial(raw: str, num: str, year: int, typ: str, issuers: tuple[str, ...], cls: str,
             span: tuple[int, int] | None) -> DocNumber:
    tail = typ or "-".join(issuers)
    canon = f"{num}/{year}/{tail}"
    key = fold(f"{_strip_num(num)}/{year}/{tail}").upper()
    return DocNumber(raw=raw, canonical=canon, key=key, num=num, year=year, type=typ, issuers=issuers,
                     term=None, cls=cls, span=span, partial=True)


# --- free text -------------------------------------------------------------------------------------

_D = "\\-\u2010-\u2015\u2212"  # dashes as they appear before normalisation
_LT = "A-Za-zĐđÐð"
_TOKT = rf"[{_LT}][{_LT}0-9&]*(?:(?<=QH)\s\d{{1,2}}\b)?"
_RE_IN_TEXT = re.compile(
    rf"(?<![\w/.{_D}])(?:"
    rf"(?:QCVN|TCVN)\s?\d+(?:[-.]\d+)*[A-Za-z]?:\s?(?:19|20)\d{{2}}(?:/{_TOKT})?"
    rf"|\d{{1,5}}-{_TOKT}/{_TOKT}"
    rf"|\d{{1,5}}(?:\.\d{{1,2}})?[a-z]?\s*/\s*(?:(?:19|20)\d{{2}}(?:\s*/\s*|(?=[{_LT}])))?{_TOKT}(?:[{_D}_]{_TOKT})*"
    rf"|\d{{1,5}}-(?:CP|TTg|HĐBT)"
    rf")(?![\w/])"
)
_TYPE_ALT = "|".join(sorted({fold(c).lower() for c in TYPE_CODES}, key=len, reverse=True))
_RE_IN_QUERY = re.compile(
    rf"(?<![\w/.])(?:(?P<tw>{_TW_ALT})\s*(?:so\s*:?\s*)?)?"
    rf"(?P<body>\d{{1,5}}(?:\.\d{{1,2}})?[a-z]?\s*[/\-_. ]\s*(?:19|20)\d{{2}}"
    rf"(?:\s*[/\-_]\s*[a-z][a-z0-9&]*(?:[-_][a-z][a-z0-9&]*)*"
    rf"|\s+(?:{_TYPE_ALT})(?:[-_][a-z][a-z0-9&]*)*)?)(?![\w/])", re.I)


def find_doc_numbers(text: str, lenient: bool = False) -> list[DocNumber]:
    """Document numbers mentioned in ``text``, in order, each with ``span`` into ``text``.

    ``lenient`` (queries) also accepts lower case and shorthand such as ``nd 15 2020``.
    """
    if not text:
        return []
    found: list[DocNumber] = []
    taken: list[tuple[int, int]] = []
    for m in _RE_IN_TEXT.finditer(text):
        cand = _RE_TERM_SPACE.sub(r"\1\2", _RE_SPACED.sub(r"\1", normalize(m.group()).replace("_", "-")))
        cand = _RE_GLUED_YEAR.sub(r"\1/", cand)
        dn = _match_grammar(cand, m.group(), strict=not lenient, span=m.span())
        if dn is not None:
            found.append(dn)
            taken.append(m.span())
    if lenient:
        folded = fold(text)
        if len(folded) != len(text):
            folded = text
        for m in _RE_IN_QUERY.finditer(folded):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            tw = _TYPE_WORDS.get(re.sub(r"\s+", " ", m.group("tw").lower())) if m.group("tw") else None
            body = text[m.start("body"):m.end("body")]
            dn = _parse_query_form(body, tw, text[m.start():m.end()], span=m.span())
            if dn is not None:
                found.append(dn)
                taken.append(m.span())
        found.sort(key=lambda d: d.span or (0, 0))
    return found
