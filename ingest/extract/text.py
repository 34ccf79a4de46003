"""Small text helpers shared by the extractor: NFC, accent folding, line cleaning."""

from __future__ import annotations

import functools
import re
import unicodedata

_SEPARATOR = re.compile(r"^[\s\-–—_*=¯.…]+$")
_TRAILING_RULE = re.compile(r"\s*[-–—_*=¯]{3,}\s*$")


def nfc(text: str) -> str:
    """NFC with the look-alike Ð (U+00D0) mapped to Đ: both are common in real files."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("Ð", "Đ").replace("ð", "đ").replace("\u00a0", " ").replace("\x0c", "\n")


@functools.cache
def _analyzers_fold():
    try:
        import analyzers
    except ImportError:  # pragma: no cover - until the analyzers package lands
        return None
    candidate = getattr(analyzers, "fold", None)
    if candidate is not None and not callable(candidate):  # the submodule, not re-exported yet
        candidate = getattr(candidate, "fold", None)
    return candidate if callable(candidate) else None


def fold(text: str) -> str:
    """Accent-folded text (Đ -> D). Uses ``analyzers.fold`` when present so queries and
    documents fold the same way."""
    _fold = _analyzers_fold()
    if _fold is not None:
        return _fold(text)
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


_RULE_CHARS = frozenset("-–—_*=¯")


def clean_line(line: str) -> str:
    """A line without decorative rules ('QUỐC HỘI --------' -> 'QUỐC HỘI'), spaces collapsed."""
    line = line.strip()
    if len(line) >= 3 and line[-1] in _RULE_CHARS:  # the rule regex only where one can end the line
        line = _TRAILING_RULE.sub("", line)
    return " ".join(line.split())


def is_rule(line: str) -> bool:
    return bool(_SEPARATOR.match(line)) and len(line.strip()) >= 2


def is_upper(line: str) -> bool:
    """At least 90% of the letters are capitals (a heading, an issuer, a signer's position)."""
    letters = "".join(filter(str.isalpha, line))
    return bool(letters) and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


def lines_of(text: str) -> list[str]:
    """Non-empty cleaned lines, rules dropped."""
    out = []
    # "|" separates table cells in some converters' output: each cell is a line of its own
    for raw in text.replace("|", "\n").splitlines():
        if is_rule(raw):
            continue
        line = clean_line(raw)
        if line:
            out.append(line)
    return out


def sentence_case(text: str) -> str:
    """'QUẢN LÝ THUẾ' -> 'Quản lý thuế' (only for all-upper text)."""
    if not is_upper(text):
        return text
    # tokens with digits are numbers ("22/2022/NQ-HĐND"): keep them as written
    low = " ".join(t if any(c.isdigit() for c in t) else t.lower() for t in text.split(" "))
    return low[:1].upper() + low[1:]


_LONE_CONSONANT = re.compile(r"(?<![\w/.\-])[bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX](?![\w)./\-])")


def broken_font_ratio(text: str) -> float:
    """Share of lone consonants among words. Vietnamese has no one-consonant words, so a text
    layer whose font map drops accented letters ('Th nh phố', 'c c tổ ch c') shows many."""
    words = len(text.split())
    if words < 50:
        return 0.0
    return len(_LONE_CONSONANT.findall(text)) / words
