"""Legacy Vietnamese encodings: detect and convert TCVN3 (ABC), VNI, VISCII, Windows-1258 and
UTF-8 mojibake to Unicode.

Text typed with a TCVN3 (``.VnTime``) or VNI (``VNI-Times``) font is stored as cp1252 bytes:
extracted from a .doc or .rtf it arrives as Latin-1-looking characters (``Céng hßa`` is TCVN3
for ``Cộng hòa``, ``Ñoäc laäp`` VNI for ``Độc lập``). We convert with our own tables, not
subprocesses. TCVN3's ABC variant has no upper-case accented letters (headings used the
``.VnTimeH`` font, whose lower-case codes draw capitals): a word whose plain letters are
capitals (``QUYÕT`` → ``QUYẾT``) is upper-cased whole; a heading typed entirely in lower-case
codes cannot be told apart and stays lower case, as in the hand-made transcripts.

Detection scores how many of the non-ASCII words are well-formed Vietnamese syllables, before
and after each candidate conversion, and converts only on a large, clear gain. Clean Unicode
Vietnamese already scores near 1, so detection never fires on it; a text that holds letters
only Unicode has (ạ, ư, ơ, đ…) is accepted as Unicode without trying anything.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from .normalize import split_tone

__all__ = ["decode_legacy", "detect_legacy", "convert", "encode_legacy", "ENCODINGS"]

ENCODINGS = ("tcvn3", "vni", "viscii", "cp1258", "utf8-mojibake")

# --- byte <-> character view of cp1252 (undefined positions fall back to Latin-1) ------------------
_CP1252X = "".join(
    bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b) for b in range(256)
)
_CP1252X_REV = {c: i for i, c in enumerate(_CP1252X)}


def _to_bytes(text: str) -> bytes | None:
    try:
        return bytes(_CP1252X_REV[c] for c in text)
    except KeyError:
        return None


# --- TCVN3 (ABC / VN3) ---------------------------------------------------------------------------
_TCVN3_SRC = (
    "µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé" "¬êíëìî" "ïóñòô"
    "\u00adõøö÷ù" "úýûüþ" "¡¢§£¤¥¦"
)
_TCVN3_DST = (
    "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đèéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ" "ùúủũụ"
    "ưừứửữự" "ỳýỷỹỵ" "ĂÂĐÊÔƠƯ"
)
assert len(_TCVN3_SRC) == len(_TCVN3_DST) == 74
_TCVN3 = str.maketrans(_TCVN3_SRC, _TCVN3_DST)
_TCVN3_REV = str.maketrans(_TCVN3_DST, _TCVN3_SRC)

# --- VNI (Windows) --------------------------------------------------------------------------------
# A base letter followed by mark characters; a few letters are single characters.
_VNI_TONES = {"ù": 2, "ø": 1, "û": 3, "õ": 4, "ï": 5}
_VNI_HAT = {"â": 0, "á": 2, "à": 1, "å": 3, "ã": 4, "ä": 5}  # circumflex (a e o)
_VNI_BREVE = {"ê": 0, "é": 2, "è": 1, "ú": 3, "ü": 4, "ë": 5}  # breve (a)
_VNI_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "î": "ỵ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị"}


def _vni_tables() -> dict[str, str]:
    from .normalize import with_tone

    seq: dict[str, str] = {}
    for base in "aeouy":
        for mark, tone in _VNI_TONES.items():
            seq[base + mark] = with_tone(base, tone)
    for base, hat in (("a", "â"), ("e", "ê"), ("o", "ô")):
        for mark, tone in _VNI_HAT.items():
            seq[base + mark] = with_tone(hat, tone)
    for mark, tone in _VNI_BREVE.items():
        seq["a" + mark] = with_tone("ă", tone)
    for base, horn in (("ô", "ơ"), ("ö", "ư")):
        for mark, tone in _VNI_TONES.items():
            seq[base + mark] = with_tone(horn, tone)
    seq.update(_VNI_SINGLE)
    table = dict(seq)
    for src, dst in seq.items():  # upper case: upper base with upper (or, sloppily, lower) marks
        up_src = src.upper()
        table.setdefault(up_src, dst.upper())
        if len(src) == 2:
            table.setdefault(up_src[0] + src[1], dst.upper())
    return table


_VNI = _vni_tables()
_VNI_REV = {v: k for k, v in sorted(_VNI.items(), key=lambda kv: (len(kv[0]), kv[0] != kv[0].lower() and kv[0][1:] != kv[0][1:].upper()))
            if not (len(k) == 2 and k[0].isupper() and k[1].islower())}
_RE_VNI = re.compile("|".join(sorted((re.escape(k) for k in _VNI), key=len, reverse=True)))
_RE_VNI_REV = re.compile("|".join(re.escape(k) for k in sorted(_VNI_REV, key=len, reverse=True)))

# --- VISCII (RFC 1456); upper half and the six C0 positions that carry letters --------------------
_VISCII_HIGH = (
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡưàáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
_VISCII = {0x02: "Ẳ", 0x05: "Ẵ", 0x06: "Ẫ", 0x14: "Ỷ", 0x19: "Ỹ", 0x1E: "Ỵ"}
_VISCII.update({0x80 + i: c for i, c in enumerate(_VISCII_HIGH)})
assert len(_VISCII_HIGH) == 128
_VISCII_DECODE = "".join(_VISCII.get(b, chr(b)) for b in range(256))
_VISCII_ENCODE = {c: b for b, c in enumerate(_VISCII_DECODE)}


def _viscii_decode(data: bytes) -> str:
    return "".join(_VISCII_DECODE[b] for b in data)


# --- converters on text -------------------------------------------------------------------------


_RE_LETTERS = re.compile(r"[^\W\d_]+")
_RE_ASCII_LOWER = re.compile(r"[a-z]")


def _vntimeh(m: re.Match[str]) -> str:
    """A word typed in capitals around TCVN3 letters was set in ``.VnTimeH``: all capitals."""
    w = m.group()
    if _RE_ASCII_LOWER.search(w) or sum(c.isupper() for c in w) < 2 or w.isupper():
        return w
    return w.upper()


def _conv_tcvn3(text: str) -> str | None:
    return _RE_LETTERS.sub(_vntimeh, text.translate(_TCVN3))


def _conv_vni(text: str) -> str | None:
    return _RE_VNI.sub(lambda m: _VNI[m.group()], text)


def _conv_viscii(text: str) -> str | None:
    data = _to_bytes(text)
    return None if data is None else _viscii_decode(data)


def _conv_cp1258(text: str) -> str | None:
    data = _to_bytes(text)
    if data is None:
        return None
    return unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))


def _conv_mojibake(text: str) -> str | None:
    data = _to_bytes(text)
    if data is None:
        return None
    # Decode runs that are valid UTF-8; keep anything else as it was.
    return unicodedata.normalize("NFC", codecs.decode(data, "utf-8", errors="replace")) if _valid_utf8_share(data) else None


def _valid_utf8_share(data: bytes) -> bool:
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError as e:
        return e.start > len(data) * 0.9


_CONVERTERS = {
    "utf8-mojibake": _conv_mojibake,
    "cp1258": _conv_cp1258,
    "vni": _conv_vni,
    "tcvn3": _conv_tcvn3,
    "viscii": _conv_viscii,
}


def convert(text: str, encoding: str) -> str:
    """Convert ``text`` (legacy bytes seen as cp1252 characters) from ``encoding`` to Unicode."""
    out = _CONVERTERS[encoding](text)
    if out is None:
        raise ValueError(f"text cannot be read as {encoding}")
    return out


def encode_legacy(text: str, encoding: str) -> str:
    """Unicode → how ``encoding`` text looks once read as cp1252 (for tests and round trips)."""
    text = unicodedata.normalize("NFC", text)
    if encoding == "tcvn3":
        return text.translate(_TCVN3_REV)
    if encoding == "vni":
        return _RE_VNI_REV.sub(lambda m: _VNI_REV[m.group()], text)
    if encoding == "viscii":
        return "".join(_CP1252X[_VISCII_ENCODE[c]] for c in text)
    if encoding == "cp1258":
        nfd = _cp1258_split(text)
        return nfd.encode("cp1258").decode("cp1252", errors="strict")
    if encoding == "utf8-mojibake":
        return "".join(_CP1252X[b] for b in text.encode("utf-8"))
    raise ValueError(encoding)


def _cp1258_split(text: str) -> str:
    """cp1258 has precomposed base vowels (â, ơ…) plus combining tone marks."""
    out = []
    for c in text:
        base, tone = split_tone(c)
        if tone and base not in "iIyY" or tone and base in "iIyY":
            out.append(base + "\u0300\u0301\u0309\u0303\u0323"[tone - 1])
        else:
            out.append(c)
    return "".join(out)


# --- detection ----------------------------------------------------------------------------------

_VIET_ONLY = re.compile("[\u1ea0-\u1ef9\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u0128\u0129\u0168\u0169]")
_WORD_EDGE = "".join(chr(c) for c in range(0x21, 0x7f) if not chr(c).isalnum()) + "\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2026"
_RE_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"(?:[aăâeêioôơuưy]{1,3})(?:ng|nh|ch|[cmnpt])?$"
)


_SYLLABLES: dict[str, bool] = {}  # a text repeats a few thousand words: each is judged once


def _is_syllable(word: str) -> bool:
    known = _SYLLABLES.get(word)
    if known is not None:
        return known
    tones = 0
    bare = []
    for c in word.lower():
        b, t = split_tone(c)
        if t:
            tones += 1
        bare.append(b)
    out = tones <= 1 and bool(_RE_SYLLABLE.match("".join(bare)))
    if len(_SYLLABLES) < 100_000:
        _SYLLABLES[word] = out
    return out


def _score(text: str, sample: int = 4000) -> tuple[float, int]:
    """(share of non-ASCII words that are Vietnamese syllables, number of such words)."""
    words = []
    for w in text[:200_000].split():  # str.split: linear, no regex backtracking on long runs
        if not w.isascii():
            w = w.strip(_WORD_EDGE)
            if w and not w.isascii():
                words.append(w)
                if len(words) >= sample:
                    break
    if not words:
        return 1.0, 0
    good = sum(map(_is_syllable, words))
    return good / len(words), len(words)


def detect_legacy(text: str) -> str:
    """Name of the legacy encoding ``text`` is in (one of ``ENCODINGS``), or ``""`` when clean."""
    if not text or text.isascii():
        return ""
    base, n = _score(text)
    if n == 0 or base >= 0.9:
        return ""
    viet = len(_VIET_ONLY.findall(text[:200_000]))
    if viet >= n * 0.5:  # letters that only Unicode has: Unicode text, perhaps with odd words
        return ""
    best, best_score = "", base
    for name, conv in _CONVERTERS.items():
        out = conv(text[:200_000])
        if out is None or out == text[:200_000]:
            continue
        score, m = _score(out)
        if m and score > best_score:
            best, best_score = name, score
    if best and best_score >= 0.75 and best_score >= base + 0.25:
        return best
    return ""


def decode_legacy(data: bytes | str) -> tuple[str, str]:
    """``(unicode_text, encoding_name)``; ``encoding_name`` is ``""`` when the input was clean.

    Bytes are read as UTF-8 when they are valid UTF-8, else as cp1252 characters (what a legacy
    font's bytes look like) — VISCII and Windows-1258 bytes are recognised from there too.
    """
    if isinstance(data, (bytes, bytearray)):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError:
            text = "".join(_CP1252X[b] for b in data)
    else:
        text = data
    enc = detect_legacy(text)
    if not enc:
        return text, ""
    return convert(text, enc), enc
