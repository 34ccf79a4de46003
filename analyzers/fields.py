"""The fields indexed for each text, and the OpenSearch analysis they need.

All Vietnamese analysis happens here in Python, so any OpenSearch works, including the plain
distribution without analysis plugins (no ``asciifolding``, no ``pattern`` or ``whitespace``
tokenizers; measured on 2.19.6). Per field:

=============== =========================================== ============================
field           content                                     OpenSearch analyzer
=============== =========================================== ============================
``text``        ``normalize(text)``: display spelling        ``standard`` (syllables)
``text_canon``  ``canonical``: one tone placement, i/y       ``standard``
``text_folded`` ``fold(canonical)``: no diacritics           ``standard``
``text_words``  segmented words, lower case, canonical,      ``whitespace`` (prebuilt
                identifiers whole, no punctuation tokens     analyzer, case kept: we lowercase)
=============== =========================================== ============================

``text``, ``text_canon`` and ``text_folded`` have the same length and character alignment.
Highlights are drawn on ``text`` alone, asked for every spelling a query syllable stands for
there (``spellings``).
``INDEX_ANALYSIS`` is empty: the prebuilt ``standard`` and ``whitespace`` analyzers suffice.
"""

from __future__ import annotations

from typing import Any

from .fold import fold
from .normalize import canonical_normalized, normalize
from .query import words_of

__all__ = ["index_fields", "INDEX_ANALYSIS", "FIELD_ANALYZERS", "field_mappings"]

INDEX_ANALYSIS: dict[str, Any] = {}
FIELD_ANALYZERS = {
    "text": "standard",
    "text_canon": "standard",
    "text_folded": "standard",
    "text_words": "whitespace",
}


def field_mappings(prefix: str = "") -> dict[str, dict[str, Any]]:
    """Mapping properties for the four fields, e.g. ``{"text_words": {"type": "text", ...}}``."""
    return {prefix + name: {"type": "text", "analyzer": an} for name, an in FIELD_ANALYZERS.items()}


def index_fields(text: str) -> dict[str, str]:
    """The four per-text fields above for one text (a paragraph, an article, a title)."""
    norm = normalize(text)
    canon = canonical_normalized(norm)
    return {
        "text": norm,
        "text_canon": canon,
        "text_folded": fold(canon),
        "text_words": words_of(norm),
    }
