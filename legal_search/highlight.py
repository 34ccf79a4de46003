"""Highlights drawn in Python on the display text of a hit. Pure.

Every analysed text is stored in three aligned forms (``legal_search.mapping``): the display text,
its canonical form (one tone-mark placement) and its accent-free form, all the same length and
character for character aligned. A query typed with diacritics marks the syllables whose canonical
form it names (``hoà`` marks ``hòa``); one typed without marks every syllable whose accent-free
form it names (``dat`` marks ``đất``, ``đạt``, ``dát``). The spans found on the canonical or folded
form are the spans of the display text.

OpenSearch's fast-vector highlighter did this with ``matched_fields``, but it needs term vectors
on the three fields, and writing them cost about a third of OpenSearch's indexing CPU in an import
(``bench/README.md``). The fragments here follow what it gave: up to two fragments of about 180
characters around the densest matches (most distinct query syllables, then most matches), in text
order, HTML-escaped with the matches in ``<mark>``; the text's beginning when nothing matches.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import analyzers

MARK = ("<mark>", "</mark>")
FRAGMENT_SIZE = 180
FRAGMENTS = 2
MARGIN = 30  # characters of context before a fragment's first match
_SCAN = 20  # how far a fragment edge moves to reach a word boundary
_SYLLABLE = re.compile(r"[^\W_]+")
_SPACE = re.compile(r"\s+")
# Matches one space or a mark or two apart (quyền sử dụng, 15/2020/NĐ-CP) read better as one mark.
_JOINABLE = re.compile(r"\s|[^\s\w]{1,2}")


@dataclass(frozen=True)
class Terms:
    """The syllables to mark: canonical, lower-cased (matched on ``*_canon``), and accent-free
    (matched on ``*_folded``)."""

    canon: frozenset[str] = frozenset()
    folded: frozenset[str] = frozenset()

    @classmethod
    def of(cls, qa) -> Terms:
        """From an analysed query (``analyzers.analyze_query``): its syllables, quoted phrases
        and abbreviation expansions, matched the way the query clauses match them."""
        canon, folded = set(qa.syllables), set() if qa.has_diacritics else set(qa.folded_syllables)
        for text in (*qa.phrases, *qa.expansions):
            syllables = _SYLLABLE.findall(analyzers.canonical(text).lower())
            if analyzers.has_diacritics(text):
                canon.update(syllables)
            else:
                folded.update(analyzers.fold(s) for s in syllables)
        return cls(frozenset(canon), frozenset(folded))

    def __bool__(self) -> bool:
        return bool(self.canon or self.folded)


def _pattern(terms: frozenset[str]) -> re.Pattern | None:
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])", re.IGNORECASE)


def spans(terms: Terms, canon: str, folded: str) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) of the matched syllables; the same offsets hold on
    the display text."""
    found: set[tuple[int, int]] = set()
    for text, wanted in ((canon, terms.canon), (folded, terms.folded)):
        pattern = _pattern(wanted)
        if pattern and text:
            found.update(m.span() for m in pattern.finditer(text))
    out: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return out


def _left_edge(text: str, pos: int) -> int:
    """``pos`` moved back (at most ``_SCAN``) to the start of the word it falls in."""
    if pos <= 0:
        return 0
    floor = max(0, pos - _SCAN)
    while pos > floor and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _right_edge(text: str, pos: int) -> int:
    """``pos`` moved forward (at most ``_SCAN``) to the end of the word it falls in."""
    if pos >= len(text):
        return len(text)
    ceiling = min(len(text), pos + _SCAN)
    while pos < ceiling and not text[pos].isspace():
        pos += 1
    return pos


def _windows(found: list[tuple[int, int]], keys: list[str], size: int) -> list[tuple[tuple[int, int], int, int]]:
    """((distinct keys, matches), first span, one past the last span) of the window starting at
    each match: a two-pointer sweep, linear in the number of matches."""
    out = []
    counts: dict[str, int] = {}
    j = 0
    for i, (start, _) in enumerate(found):
        limit = start + size - MARGIN
        while j < len(found) and found[j][1] <= limit:
            counts[keys[j]] = counts.get(keys[j], 0) + 1
            j += 1
        if j == i:  # one match longer than the window
            counts[keys[j]] = counts.get(keys[j], 0) + 1
            j += 1
        out.append(((len(counts), j - i), i, j))
        counts[keys[i]] -= 1
        if not counts[keys[i]]:
            del counts[keys[i]]
    return out


def _render(text: str, start: int, end: int, marks: list[tuple[int, int]]) -> str:
    parts, pos = [], start
    joined: list[list[int]] = []
    for s, e in marks:
        if joined and _JOINABLE.fullmatch(text[joined[-1][1]:s]):
            joined[-1][1] = e
        else:
            joined.append([s, e])
    for s, e in joined:
        parts.append(html.escape(text[pos:s]))
        parts.append(MARK[0] + html.escape(text[s:e]) + MARK[1])
        pos = e
    parts.append(html.escape(text[pos:end]))
    return _SPACE.sub(" ", "".join(parts)).strip()


def fragments(display: str, found: list[tuple[int, int]], keys: list[str] | None = None, *,
              size: int = FRAGMENT_SIZE, count: int = FRAGMENTS, no_match_size: int = FRAGMENT_SIZE) -> list[str]:
    """Up to ``count`` fragments of ``display`` around the best groups of ``found`` spans
    (``keys``: what makes two matches the same term), in text order."""
    if not display:
        return []
    if not found:
        if not no_match_size:
            return []
        end = _right_edge(display, min(len(display), no_match_size)) if len(display) > no_match_size else len(display)
        return [_render(display, 0, end, [])]
    keys = keys or [display[s:e].lower() for s, e in found]
    ranked = sorted(_windows(found, keys, size), key=lambda w: (-w[0][0], -w[0][1], w[1]))
    chosen: list[tuple[int, int]] = []  # display ranges
    for _, i, j in ranked:
        first, last = found[i][0], found[j - 1][1]
        start = _left_edge(display, max(0, first - MARGIN))
        end = _right_edge(display, max(last, min(len(display), start + size)))
        if all(end <= a or start >= b for a, b in chosen):
            chosen.append((start, end))
            if len(chosen) == count:
                break
    return [_render(display, start, end, [(s, e) for s, e in found if start <= s and e <= end])
            for start, end in sorted(chosen)]


def highlight(terms: Terms, source: dict, field: str = "body", **kw) -> list[str]:
    """The fragments of ``source[field]`` (with its ``_canon`` and ``_folded`` forms alongside)."""
    display = source.get(field) or ""
    if not display:
        return []
    canon, folded = source.get(f"{field}_canon") or "", source.get(f"{field}_folded") or ""
    if len(canon) != len(display) or len(folded) != len(display):  # never for our records; be safe
        canon, folded = analyzers.canonical(display), analyzers.fold(analyzers.canonical(display))
        if len(canon) != len(display) or len(folded) != len(display):
            return fragments(display, [], **kw)
    found = spans(terms, canon, folded) if terms else []
    keys = [folded[s:e].lower() for s, e in found]
    return fragments(display, found, keys, **kw)


def source_fields(field: str = "body") -> list[str]:
    """The ``_source`` fields ``highlight`` reads."""
    return [field, f"{field}_canon", f"{field}_folded"]
