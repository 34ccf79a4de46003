"""Accent folding for searching without diacritics.

``fold`` maps character by character (đ → d, Đ → D, every precomposed Latin letter to its base
letter), so on NFC input the output has the same length and character *i* of the output comes
from character *i* of the input. Stray combining marks (NFD input) are dropped, which is the only
case where the length changes. Case is kept. We do not use ``pyvi.ViUtils.remove_accents``: it
returns bytes and mangles punctuation (engine notes).
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold", "has_diacritics"]


def _build_table() -> dict[int, int | None]:
    table: dict[int, int | None] = {}
    ranges = list(range(0x00C0, 0x0250)) + list(range(0x1E00, 0x1F00))
    for cp in ranges:
        decomposed = unicodedata.normalize("NFD", chr(cp))
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(cp):
            table[cp] = ord(base)
    table.update({0x0110: ord("D"), 0x0111: ord("d"), 0x00D0: ord("D"), 0x00F0: ord("d")})
    for cp in range(0x0300, 0x0370):  # combining diacritics
        table[cp] = None
    return table


_FOLD = _build_table()
_DIACRITIC_CHARS = frozenset(chr(cp) for cp in _FOLD)


def fold(text: str) -> str:
    """Accent-free form: ``"Nghị định số 15/2020/NĐ-CP" → "Nghi dinh so 15/2020/ND-CP"``."""
    if text.isascii():
        return text
    return text.translate(_FOLD)


def has_diacritics(text: str) -> bool:
    """True when any character carries a Vietnamese (or other Latin) diacritic, đ included."""
    if text.isascii():
        return False
    return not _DIACRITIC_CHARS.isdisjoint(text)
