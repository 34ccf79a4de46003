"""Tokens the segmenter must keep whole: legal identifiers, dates, URLs, numbers.

pyvi splits ``15/2020/NĐ-CP`` into ``15 / 2020 / NĐ - CP``, ``1/1/2021`` into ``1 / 1 / 2021`` and
``www.hanoi.gov.vn`` into ``www . hanoi . gov . vn``. We cut such spans out before segmenting and
emit each as one token. Article references keep their words joined by ``_`` like any other word
of several syllables: ``Điều 5`` → ``Điều_5``, ``khoản 2`` → ``khoản_2``, ``điểm a`` → ``điểm_a``,
``Chương II`` → ``Chương_II`` (a query goes through the same path, so ``điều 5`` finds them).

``tokenize(line)`` returns ``(token, protected)`` pairs; ordinary tokens follow pyvi 0.1.1's
syllabiser (same split of words, punctuation and numbers), except that an ALL-CAPS word keeps its
period only for known abbreviations (``TP.``, ``ThS.``), not ``UBND.`` at the end of a sentence.
"""

from __future__ import annotations

import re

from .numbers import _RE_IN_TEXT, find_doc_numbers

__all__ = ["tokenize", "protected_spans", "RE_PROTECTED"]

_URL = (
    r"(?:https?|ftp)://[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?]"
    r"|www\.[\w-]+(?:\.[\w-]+)+(?:/[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?])?"
    r"|(?<![\w.@-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|int|info|io)(?![\w@-])"
    r"(?:/[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?])?"
)
_EMAIL = r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"
_DATE = (
    r"(?<![\d/.-])(?:\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/(?:19|20)\d{2})"
    r"(?![\d/]|[.-]\d)"
)
_NUMBER = r"(?<![\d.,])\d+(?:[.,_]\d+)+%?(?![\d])|(?<![\d.,])\d+(?:[.,]\d+)?%|\d{1,2}[hg]\d{2}(?!\w)|\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"
_ARTICLE = (
    r"(?:[ĐđĐ]iều|ĐIỀU|[Kk]hoản|KHOẢN)\s+\d{1,4}[a-zđ]?(?!\w)"
    r"|(?:[Đđ]iểm|ĐIỂM)\s+[a-zđ]\d?(?!\w)"
    r"|(?:Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+(?:\d{1,3}|[IVXLC]{1,7})(?!\w)"
)
_ABBREV = r"(?<!\w)(?:TP|Tp|TX|ThS|TS|PGS|GS|BS|KS|Mr|Mrs|Ms|Dr)\."
RE_PROTECTED = re.compile(f"(?P<p>{_URL}|{_EMAIL}|{_DATE}|{_ARTICLE}|{_NUMBER})|(?P<a>{_ABBREV})")
# The URL and e-mail alternatives cost a scan of every word; most lines cannot hold either.
_RE_LIGHT = re.compile(f"(?P<p>{_DATE}|{_ARTICLE}|{_NUMBER})|(?P<a>{_ABBREV})")
_RE_WEB_HINT = re.compile(r"@|://|www\.|\.(?:vn|com|net|org|gov|edu|int|info|io)(?![\w@-])")
# pyvi 0.1.1's syllabiser, minus its "[A-ZĐ]+\." abbreviation rule (see the module docstring).
_RE_PLAIN = re.compile(r"==>|->|\.\.\.|>>|\w+://[^\s]+|\d+(?:[.,_]\d+)+|[^\w\s]|\w+")
# Cheap pre-check: lines with none of these hold nothing to protect.
_RE_MAYBE_PROTECTED = re.compile(r"[\d@./:]|[Đđ]iểm |ĐIỂM |Chương |CHƯƠNG |Phần |PHẦN |Mục |MỤC ")
_MAY_HOLD_NUMBER = re.compile(r"\d\s*[/-]|QCVN|TCVN")


def protected_spans(line: str) -> list[tuple[int, int, str, str]]:
    """Sorted, non-overlapping ``(start, end, kind, token)`` spans in ``line``.

    kind: ``"doc"`` document number, ``"p"`` other protected token (date, URL, e-mail, number,
    article reference), ``"a"`` abbreviation with its period (kept together, still segmentable).
    ``token`` is what the segmenter emits: a document number in its canonical spelling
    (``Số: 64   /2024/QĐ-UBND`` → ``64/2024/QĐ-UBND``), spaces inside other spans as ``_``.
    """
    docs: list[tuple[int, int, str, str]] = []
    if _MAY_HOLD_NUMBER.search(line) and _RE_IN_TEXT.search(line):
        docs = [(d.span[0], d.span[1], "doc", d.canonical.replace(" ", "_"))
                for d in find_doc_numbers(line) if d.span]
    out: list[tuple[int, int, str, str]] = []
    k = 0
    pos_ok = 0
    rx = RE_PROTECTED if _RE_WEB_HINT.search(line) else _RE_LIGHT
    for m in rx.finditer(line):
        a, b = m.span()
        while k < len(docs) and docs[k][1] <= a:
            out.append(docs[k])
            pos_ok = max(pos_ok, docs[k][1])
            k += 1
        if k < len(docs) and a < docs[k][1] and docs[k][0] < b:
            continue  # a document number wins over a date or a number inside it
        if a >= pos_ok:
            tok = m.group()
            out.append((a, b, "a" if m.group("a") else "p", "_".join(tok.split()) if " " in tok else tok))
            pos_ok = b
    out.extend(docs[k:])
    out.sort()
    return out


def tokenize(line: str) -> list[tuple[str, bool]]:
    """Split one line into ``(token, protected)`` pairs; protected tokens are never joined."""
    out: list[tuple[str, bool]] = []
    if not line:
        return out
    if not _RE_MAYBE_PROTECTED.search(line):
        return [(t, False) for t in _RE_PLAIN.findall(line)]
    pos = 0
    for a, b, kind, tok in protected_spans(line):
        if a > pos:
            out.extend((t, False) for t in _RE_PLAIN.findall(line, pos, a))
        out.append((tok, kind != "a"))
        pos = b
    if pos < len(line):
        out.extend((t, False) for t in _RE_PLAIN.findall(line, pos))
    return out
