"""Provision paths named in scopes: "khoản 4 Điều 84, các điều 104, 105" → dieu-84/khoan-4, …

A path is outer-to-inner slugs joined by "/" ("chuong-iii/muc-3", "dieu-5/khoan-2/diem-a"); the
empty tuple means the whole document. Article anchors of the model ("dieu-5") use the same slugs.
"""

from __future__ import annotations

import re

from legal_search.validity.keys import fold

# rank: a unit of higher rank written after lower ones is their parent ("khoản 2 Điều 5")
_UNITS = {
    "diem": 1,
    "khoan": 2,
    "dieu": 3,
    "tieu-muc": 4,
    "muc": 5,
    "chuong": 6,
    "phan": 7,
    "phu-luc": 8,
}
_UNIT_WORDS = {
    "diem": "diem",
    "cac diem": "diem",
    "khoan": "khoan",
    "cac khoan": "khoan",
    "dieu": "dieu",
    "cac dieu": "dieu",
    "tieu muc": "tieu-muc",
    "muc": "muc",
    "cac muc": "muc",
    "chuong": "chuong",
    "cac chuong": "chuong",
    "phan": "phan",
    "phu luc": "phu-luc",
}
_ID = r"(?:\d+[a-z]?|[IVXLC]+\b|[a-zđ]\b)"
_TOKEN = re.compile(
    r"\b(?P<unit>các điểm|điểm|các khoản|khoản|các điều|điều|tiểu mục|các mục|mục|các chương"
    r"|chương|phần|phụ lục)\s+(?P<ids>" + _ID + r"(?:\s*(?:,|và|;)\s*" + _ID + r")*)",
    re.I,
)
_EXCEPT = re.compile(r"\b(?:trừ|ngoại trừ)\b", re.I)


def _ids(text: str, unit: str) -> list[str]:
    found = re.findall(_ID, text, flags=re.I)
    if unit in ("khoan", "dieu", "muc", "tieu-muc"):  # only numbers, "Điều 5 và d" is noise
        found = [x for x in found if x[0].isdigit()] or found
    return [fold(x).lower() for x in found]


def _spans(text: str) -> list[tuple[str, list[str], int, int]]:
    out = []
    for m in _TOKEN.finditer(text):
        unit = _UNIT_WORDS[fold(m["unit"]).lower()]
        ids = _ids(m["ids"], unit)
        if ids:
            out.append((unit, ids, m.start(), m.end()))
    return out


def _tokens(text: str) -> list[tuple[str, list[str]]]:
    return [(unit, ids) for unit, ids, _, _ in _spans(text)]


def parse_scope(text: str) -> tuple[str, ...]:
    """Paths named in a scope; () when the scope names no provision (the whole document).

    A lower unit takes the next higher one as its parent ("khoản 2 Điều 5"); groups joined by
    "và" share the parent written after the last of them ("điểm b khoản 1 và điểm a khoản 2
    Điều 86": both under Điều 86), groups separated by a comma do not.
    """
    done: list[list] = []  # [paths, rank] of closed groups
    waiting: list[int] = []  # closed groups joined by "và" to what follows: may get its parent
    pending: list[str] = []
    pending_rank, prefixed, last_end = 0, False, 0
    for unit, ids, start, end in _spans(text):
        rank, joined = _UNITS[unit], fold(text[last_end:start]).strip(" .").lower() == "va"
        last_end = end
        if pending and rank > pending_rank:
            pending = [f"{unit}-{ids[0]}/{p}" for p in pending]
            for i in waiting:
                if done[i][1] < rank:
                    done[i] = [[f"{unit}-{ids[0]}/{p}" for p in done[i][0]], rank]
            pending_rank, prefixed = rank, True
        elif pending and rank == pending_rank and not prefixed:
            pending += [f"{unit}-{i}" for i in ids]
        else:
            if pending:
                done.append([pending, pending_rank])
                waiting = waiting + [len(done) - 1] if joined else []
            pending = [f"{unit}-{i}" for i in ids]
            pending_rank, prefixed = rank, False
    if pending:
        done.append([pending, pending_rank])
    return tuple(dict.fromkeys(p for paths, _ in done for p in paths))


def split_scope(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(paths, except_paths) of a scope such as "toàn bộ, trừ các điều 77, 78"."""
    match = _EXCEPT.search(text or "")
    if not match:
        return parse_scope(text or ""), ()
    return parse_scope(text[: match.start()]), parse_scope(text[match.end() :])


def heading_slug(heading: str) -> str:
    """Slug of an outline heading ("Chương III. Quy định chung" → "chuong-iii"), or ""."""
    tokens = _tokens(heading)
    return f"{tokens[0][0]}-{tokens[0][1][0]}" if tokens else ""


def covers(outer: str, inner_full: tuple[str, ...]) -> bool:
    """Does path ``outer`` contain the provision whose full slug chain is ``inner_full``?

    ``inner_full`` lists every enclosing slug then the provision's own ("chuong-iii", "muc-3",
    "dieu-104"); ``outer`` matches when its slugs appear in that chain in order.
    """
    parts = outer.split("/")
    position = 0
    for slug in inner_full:
        if position < len(parts) and slug == parts[position]:
            position += 1
    return position == len(parts)
