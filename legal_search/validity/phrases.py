"""Dates and targets in "Hiệu lực thi hành" wording (domain notes §3.3 table and §3.10).

Helpers for whoever extracts relations from text; the status engine itself reads only dates.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from legal_search.validity.keys import normalize_number

_WORDY = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
_NUMERIC = re.compile(r"(?<![\d/])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/])")
_BUDGET_YEAR = re.compile(r"từ\s+năm\s+ngân\s+sách\s+(\d{4})", re.I)
_FROM_SIGNING = re.compile(r"kể\s+từ\s+ngày\s+(?:ký|ban\s+hành|thông\s+qua)", re.I)
_TO_END_OF = re.compile(r"đến\s+hết\s+ngày", re.I)
_UNTIL = re.compile(r"(?<!kể )\bđến\s+ngày", re.I)
_L = "A-Za-zĐđ"
NUMBER_IN_TEXT = re.compile(
    rf"(?<![\d/{_L}])(\d{{1,5}}(?:\.\d{{1,2}})?\s*/\s*(?:(?:19|20)\d{{2}}\s*/\s*)?"
    rf"[{_L}][{_L}\d]*(?:-[{_L}][{_L}\d]*)*)"
)
_AMENDED_BY = re.compile(r"(?:sửa\s+đổi|bổ\s+sung)[^;]*?\btheo\b", re.I)
_LIST_GLUE = re.compile(
    r"^[\s,]*(?:và|,)?[\s,]*(?:(?:bộ\s+)?luật|pháp\s+lệnh|nghị\s+quyết|nghị\s+định|thông\s+tư"
    r"|quyết\s+định)?\s*(?:số)?\s*$", re.I,
)


def _make(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """First date written "ngày 01 tháng 7 năm 2022" or "01/07/2022" in the text."""
    found = [(m.start(), m.groups()) for rx in (_WORDY, _NUMERIC) for m in rx.finditer(text)]
    return _make(*min(found)[1]) if found else None


def start_from_phrase(text: str, issued: date | None = None) -> date | None:
    """Effective date: "kể từ ngày X" → X; "kể từ ngày ký" → issue date; "từ năm ngân sách
    2017" → 01/01/2017."""
    if m := _BUDGET_YEAR.search(text):
        return date(int(m[1]), 1, 1)
    if _FROM_SIGNING.search(text) and not parse_date(text):
        return issued
    return parse_date(text)


def end_from_phrase(text: str) -> tuple[date | None, bool]:
    """(to_exclusive, ambiguous) of an ending phrase.

    "hết hiệu lực kể từ ngày Y" → Y; "thực hiện đến hết ngày Y" → Y + 1 day; "đến ngày Y" is read
    as inclusive (Y + 1 day) and reported ambiguous.
    """
    when = parse_date(text)
    if when is None:
        return None, False
    if _TO_END_OF.search(text):
        return when + timedelta(days=1), False
    if _UNTIL.search(text):
        return when + timedelta(days=1), True
    return when, False


def ended_numbers(sentence: str) -> list[str]:
    """Numbers of the documents a "… hết hiệu lực" sentence ends, without their amenders.

    "Luật X số A đã được sửa đổi, bổ sung một số điều theo Luật số B, Luật số C hết hiệu lực …"
    ends A only: B and C are named as amenders (domain notes §3.10).
    """
    head = re.split(r"hết\s+hiệu\s+lực", sentence, maxsplit=1, flags=re.I)[0]
    out: list[str] = []
    amenders = False
    previous_end = 0
    for m in NUMBER_IN_TEXT.finditer(head):
        gap = head[previous_end : m.start()]
        if _AMENDED_BY.search(gap):
            amenders = True
        elif ";" in gap or not _LIST_GLUE.match(gap):
            amenders = False
        if not amenders:
            out.append(normalize_number(m[1]))
        previous_end = m.end()
    return out
