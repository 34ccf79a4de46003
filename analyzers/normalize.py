"""Display normalisation and the canonical spelling used for search keys.

``normalize`` cleans what differs only in encoding (NFC, look-alike letters, dashes, quotes,
invisible and odd spaces) and keeps the source's spelling, so it is safe for display.

``canonical`` additionally unifies spelling variants that NFC leaves apart, for search keys:

* **Tone-mark placement: the "new style" (kiểu mới).** In the open rhymes ``oa``, ``oe`` and
  ``uy`` the tone goes on the second vowel: ``hòa → hoà``, ``khỏe → khoẻ``, ``thủy → thuỷ``,
  ``Ủy → Uỷ``. We choose it because pyvi's own dictionary is written in that style (its word list
  has ``hoà``/``thuỷ``/``uỷ`` and never ``hòa``/``thủy``/``ủy``), so canonical text feeds the
  segmenter the spelling it was trained on. Closed rhymes (``hoàn``, ``thuyền``) and ``qu``
  (``quý``) never vary and are left alone.
* **i/y after a consonant: ``y → i``** when the whole rhyme is that one vowel (``kỹ → kĩ``,
  ``lý → lí``, ``quy → qui``, ``tỷ → tỉ``, ``sỹ → sĩ``, ``Mỹ → Mĩ``, ``hy → hi``). In that
  position the two letters are pure orthographic variants. ``y`` alone (``y tế``, ``ý kiến``)
  and ``y`` inside a rhyme (``uy``, ``ay``, ``yêu``) are different sounds and are left alone.

Both rewrites only move or swap precomposed characters, so ``canonical(t)`` has exactly the
length of ``normalize(t)`` and character *i* of one corresponds to character *i* of the other.
Highlighting goes the other way: ``spellings`` lists the display forms of a canonical syllable.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "canonical", "canonical_normalized", "canonical_word", "respell", "split_tone", "with_tone"]

# --- character-level cleaning ------------------------------------------------------------------

_DELETE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"  # soft hyphen, zero-width, BOM
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\x0b\x0c"
_TABLE: dict[int, str | None] = {ord(c): None for c in _DELETE}
_TABLE.update({ord(c): " " for c in _SPACES})
_TABLE.update({cp: "-" for cp in range(0x2010, 0x2016)})
_TABLE.update({0x2212: "-", 0xFE58: "-", 0xFE63: "-", 0xFF0D: "-"})
_TABLE.update({ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4\u02bc"})
_TABLE.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u2033"})
_TABLE.update({0x00D0: "\u0110", 0x00F0: "\u0111"})  # Icelandic eth typed for Đ/đ
_TABLE.update({0x2028: "\n", 0x2029: "\n", 0x0085: "\n"})
# Other C0/C1 controls (binary garbage, Word field marks) become spaces; \n and \r are handled apart.
_TABLE.update({cp: " " for cp in list(range(0x00, 0x20)) + list(range(0x7F, 0xA0)) if cp not in (0x0A, 0x0D, 0x85)})

_RE_SPACES = re.compile(r" {2,}")
_RE_SURROGATE = re.compile("[\ud800-\udfff]")
_RE_COMBINING = re.compile("[\u0300-\u036f]")
_RE_EDGE = re.compile(r" ?\n ?")
_RE_NEEDS_WORK = re.compile(r"[^\n -~\u00c0-\u00cf\u00d1-\u00ef\u00f1-\u00ff\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]| {2}|\n | \n|^ | $")


def normalize(text: str) -> str:
    """Clean encoding-level differences; keep the source's spelling (the display form).

    NFC; U+00D0/U+00F0 → Đ/đ; dashes U+2010–2015, U+2212 → "-"; curly quotes → straight;
    NBSP and other spaces → " "; soft hyphen and zero-width characters removed; control
    characters → " "; combining marks NFC cannot compose are dropped; lone surrogates → U+FFFD;
    CR/CRLF/U+2028 → "\\n"; runs of spaces collapsed and lines stripped.
    Newlines are kept. Idempotent.
    """
    if not text:
        return ""
    if not _RE_NEEDS_WORK.search(text):  # fast path: plain NFC Vietnamese with single spaces
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _RE_SURROGATE.sub("\ufffd", text)  # lone surrogates cannot be encoded anywhere
    text = unicodedata.normalize("NFC", text.translate(_TABLE))
    if _RE_COMBINING.search(text):
        # marks NFC could not compose (on a consonant, stacked, alone): dropped, so that
        # canonical/fold stay aligned char by char with this display text
        text = _RE_COMBINING.sub("", text)
    if "\u00d0" in text or "\u00f0" in text:  # NFC may have produced them from NFD input
        text = text.translate(_TABLE)
    text = _RE_SPACES.sub(" ", text)
    text = _RE_EDGE.sub("\n", text)
    return text.strip(" ")


# --- tone marks ---------------------------------------------------------------------------------

_TONE_MARKS = {"\u0300": 1, "\u0301": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
_TONE_CHARS = {v: k for k, v in _TONE_MARKS.items()}
_SPLIT: dict[str, tuple[str, int]] = {}  # "ấ" -> ("â", 2)
_JOIN: dict[tuple[str, int], str] = {}  # ("â", 2) -> "ấ"
for _base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY":
    _JOIN[(_base, 0)] = _base
    _SPLIT[_base] = (_base, 0)
    for _mark, _tone in _TONE_MARKS.items():
        _ch = unicodedata.normalize("NFC", _base + _mark)
        if len(_ch) == 1:
            _SPLIT[_ch] = (_base, _tone)
            _JOIN[(_base, _tone)] = _ch


def split_tone(ch: str) -> tuple[str, int]:
    """``"ấ" → ("â", 2)``; non-vowels give ``(ch, 0)``. Tones: 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng."""
    return _SPLIT.get(ch, (ch, 0))


def with_tone(base: str, tone: int) -> str:
    return _JOIN.get((base, tone), base)


_INITIALS = "b|c|ch|d|đ|g|gh|gi|h|k|kh|l|m|n|ng|ngh|nh|p|ph|r|s|t|th|tr|v|x"
_RE_OPEN_PAIR = re.compile(rf"^(?:{_INITIALS})?(?:oa|oe|uy)$")
_RE_CONS_Y = re.compile(rf"^(?:{_INITIALS}|qu)y$")
_RE_WORD = re.compile(r"[^\W\d_]+")
_WORD_CACHE: dict[str, str] = {}
_TONE_CACHE: dict[str, str] = {}


def canonical_word(word: str, iy: bool = True) -> str:
    """Canonical spelling of one syllable (same length; see the module docstring). With
    ``iy=False`` only the tone placement changes (what word segmentation needs: pyvi's word
    list spells kỹ/quý/lý with y but puts tones new-style)."""
    cache = _WORD_CACHE if iy else _TONE_CACHE
    cached = cache.get(word)
    if cached is not None:
        return cached
    out = respell(word, iy)
    if len(cache) < 200_000:
        cache[word] = out
    return out


def respell(word: str, iy: bool = True) -> str:
    """``canonical_word`` without its cache: for callers that try many spellings which are not
    words of any text (``spellings``), so that they do not fill the cache meant for real text."""
    out = word
    n = len(word)
    if 1 <= n <= 7:
        parts = [_SPLIT.get(c, (c, 0)) for c in word]
        bare = "".join(p[0] for p in parts).lower()
        tones = [p[1] for p in parts]
        chars = list(word)
        if _RE_OPEN_PAIR.match(bare) and tones[-2] and not tones[-1]:
            # old style hòa/khỏe/thủy -> new style hoà/khoẻ/thuỷ
            chars[-1] = with_tone(parts[-1][0], tones[-2])
            chars[-2] = parts[-2][0]
        if iy and _RE_CONS_Y.match(bare):
            chars[-1] = with_tone("i" if parts[-1][0] == "y" else "I", tones[-1])
        out = "".join(chars)
    return out


def _canonical_match(m: re.Match[str]) -> str:
    return canonical_word(m.group())


# Only syllables ending in a y-vowel or in a toned o + a/e can change: match just those.
_L = r"[^\W\d_]"
_RE_CANDIDATE = re.compile(rf"(?<!{_L}){_L}*(?:[yýỳỷỹỵYÝỲỶỸỴ]|[òóỏõọÒÓỎÕỌ][aeAE])(?!{_L})")


def canonical_normalized(norm: str) -> str:
    """``canonical`` for text that is already ``normalize``d."""
    return _RE_CANDIDATE.sub(_canonical_match, norm)


def canonical_tones(norm: str) -> str:
    """Normalised text with one tone placement only (i/y kept): the input of word segmentation,
    so that "hòa giải" and "hoà giải" segment alike."""
    return _RE_CANDIDATE.sub(lambda m: canonical_word(m.group(), iy=False), norm)


def canonical(text: str) -> str:
    """``normalize(text)`` with one tone placement and i/y spelling; aligned with it char by char."""
    return _RE_CANDIDATE.sub(_canonical_match, normalize(text))
