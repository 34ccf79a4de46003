"""The display spellings a query syllable stands for, so that highlights can be drawn on the
display field alone.

The index holds each text three ways, aligned character by character (``analyzers.fields``):
as written, in canonical spelling, and folded. Queries match the canonical and folded fields;
only the display field keeps term vectors, the source of the fast-vector highlighter. To mark a
match there, the highlighter is asked for every spelling the text may show for each query
syllable:

- a query typed with diacritics matches canonical forms: ``hoà`` stands for ``hoà`` and ``hòa``,
  ``kĩ`` for ``kĩ`` and ``kỹ``;
- a query typed without them matches folded canonical forms: ``dat`` stands for ``dat``, ``đất``,
  ``đạt``, ``dát``… and ``ki`` for ``kì``, ``kỹ``, ``ký``…

Candidates are every way to put Vietnamese letter marks (ă â ê ô ơ ư đ, i/y) and at most one tone
on the syllable's letters, kept when ``respell`` (and ``fold``) gives the query form back: the
functions that built the index fields (``respell`` is ``canonical_word`` without its cache, which
these mostly made-up spellings would fill), so the two sides cannot drift apart.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

from .fold import fold
from .normalize import respell, with_tone

__all__ = ["spellings", "MAX_SYLLABLE"]

MAX_SYLLABLE = 7  # letters in the longest Vietnamese syllable (nghiêng); longer words stand for themselves
_MAX_VOWELS = 3  # vowel letters in one syllable (khuyên, người)
_LETTER_FORMS = {"a": "aăâ", "e": "eê", "o": "oôơ", "u": "uư", "d": "dđ", "i": "iy", "y": "yi"}
_VOWELS = frozenset("aăâeêioôơuưy")


def _candidates(bare: str):
    """Every spelling of an accent-free syllable with letter marks and at most one tone."""
    for letters in product(*(_LETTER_FORMS.get(c, c) for c in bare)):
        yield "".join(letters)
        for i, c in enumerate(letters):
            if c in _VOWELS:
                for tone in range(1, 6):
                    yield "".join(letters[:i]) + with_tone(c, tone) + "".join(letters[i + 1:])


@lru_cache(maxsize=20_000)
def spellings(syllable: str, folded: bool) -> tuple[str, ...]:
    """Lower-case display spellings whose canonical form (``folded``: whose accent-free
    canonical form) is ``syllable``, itself first. ``syllable`` is a query syllable: lower
    case, canonical (``analyze_query``'s ``syllables`` or ``folded_syllables``). Digits, other
    scripts and words longer than a syllable stand for themselves."""
    bare = fold(syllable)
    vowels = sum(c in "aeiouy" for c in bare)
    if not (bare.isascii() and bare.isalpha()) or len(bare) > MAX_SYLLABLE or vowels > _MAX_VOWELS:
        return (syllable,)
    if folded:
        keep = [c for c in _candidates(bare) if fold(respell(c)) == syllable]
    else:
        keep = [c for c in _candidates(bare) if respell(c) == syllable]
    return tuple(dict.fromkeys([syllable, *keep]))
