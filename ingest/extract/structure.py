"""The body tree (domain notes §3.8): Phần / Chương / Mục / Tiểu mục / Điều, with khoản and
điểm inside each Điều. Every Điều becomes an ``Article`` with a stable anchor (``dieu-5``,
``dieu-5a``); headings become ``OutlineItem``s.

Điểm letters follow the Vietnamese order (a b c d đ e g h i k l m n o p q r s t u v x y; no f,
j, w, z) and amendments insert items such as Điều 5a, khoản 2a, điểm a1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from legal_search.model import Article, OutlineItem

from ingest.extract.text import fold

DIEM_ORDER = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

_PHAN = re.compile(r"^(?:Phần|PHẦN)\s+(?P<n>(?:thứ\s+|THỨ\s+)?[\wÀ-ỹ]+)\s*[.:]?\s*(?P<t>.*)$")
_CHUONG = re.compile(r"^(?:Chương|CHƯƠNG)\s+(?P<n>[IVXLC]+|\d+)\b\s*[.:\-–]?\s*(?P<t>.*)$")
_MUC = re.compile(r"^(?:Mục|MỤC)\s+(?P<n>\d+|[IVXLC]+)\b\s*[.:\-–]?\s*(?P<t>.*)$")
_TIEU_MUC = re.compile(r"^(?:Tiểu\s+mục|TIỂU\s+MỤC)\s+(?P<n>\d+)\b\s*[.:\-–]?\s*(?P<t>.*)$")
_DIEU = re.compile(r"^(?:Điều|ĐIỀU)\s+(?P<n>\d{1,4}[a-zđ]?\d?)\s*(?:[.:]|(?=\s*$))\s*(?P<t>.*)$")
KHOAN = re.compile(r"^(?P<n>\d{1,3}[a-zđ]?)[.)]\s+\S")
DIEM = re.compile(r"^(?P<n>[a-zđ]\d?)\)\s+\S")
_SIGNATURE_OR_ANNEX = re.compile(r"^(?:Nơi\s+nhận\s*:|PHỤ\s+LỤC\b|Phụ\s+lục\s+[IVXLC\d]+\b)")


def anchor_for(number: str) -> str:
    """'5' -> 'dieu-5', '5a' -> 'dieu-5a', 'đ' is folded: '12đ' -> 'dieu-12d'."""
    return "dieu-" + fold(number).lower()


def diem_key(label: str) -> tuple[int, int]:
    """Sort key of a điểm label in Vietnamese order: a < b < … < d < đ < e; a < a1 < a2 < b."""
    m = re.fullmatch(r"([a-zđ])(\d*)", label.strip().lower())
    if not m or m[1] not in DIEM_ORDER:
        raise ValueError(f"not a điểm label: {label!r}")
    return DIEM_ORDER.index(m[1]), int(m[2] or 0)


def item_key(label: str) -> tuple[int, str]:
    """Sort key of an Điều or khoản number with inserted items: 5 < 5a < 5b < 6."""
    m = re.fullmatch(r"(\d+)([a-zđ]?)", label.strip().lower())
    if not m:
        raise ValueError(f"not an article or clause number: {label!r}")
    suffix = m[2]
    return int(m[1]), "" if not suffix else chr(ord("a") + diem_key(suffix)[0])


def is_next_diem(prev: str | None, label: str) -> bool:
    """True when label can follow prev in one list (a, b, … đ, e; a1 after a; a after nothing)."""
    if prev is None:
        return diem_key(label) == (0, 0)
    return diem_key(label) > diem_key(prev)


@dataclass
class _Open:
    number: str
    heading: str
    title: str
    lines: list[str]
    path: list[str]


def _heading_title(lines: list[str], i: int, inline: str) -> tuple[str, int]:
    """Title of a Chương/Mục: on the same line, or the next upper-case line."""
    if inline:
        return inline.strip(" .:-–"), i
    if i + 1 < len(lines) and lines[i + 1] and not _DIEU.match(lines[i + 1]):
        nxt = lines[i + 1]
        if nxt.isupper() or len(nxt) < 150:
            return nxt.strip(), i + 1
    return "", i


def parse_structure(lines: list[str], start: int = 0) -> tuple[list[OutlineItem], list[Article]]:
    """Outline and articles from body lines (``lines[start:]``). The last article stops at the
    signature, the recipients or an annex heading."""
    outline: list[OutlineItem] = []
    articles: list[Article] = []
    path: dict[str, str] = {}
    current: _Open | None = None
    seen: dict[str, int] = {}

    def close() -> None:
        nonlocal current
        if current is None:
            return
        anchor = anchor_for(current.number)
        if anchor in seen:  # an annex or quoted amendment repeating "Điều 1": keep anchors unique
            seen[anchor] += 1
            anchor = f"{anchor}-{seen[anchor]}"
        else:
            seen[anchor] = 1
        articles.append(
            Article(
                anchor=anchor,
                number=current.number,
                heading=current.heading,
                title=current.title,
                text="\n".join(current.lines).strip(),
                path=list(current.path),
            )
        )
        current = None

    i = start
    levels = ("phan", "chuong", "muc", "tieu_muc")
    while i < len(lines):
        line = lines[i]
        matched = False
        for level, rx, label in (
            ("phan", _PHAN, "Phần"),
            ("chuong", _CHUONG, "Chương"),
            ("muc", _MUC, "Mục"),
            ("tieu_muc", _TIEU_MUC, "Tiểu mục"),
        ):
            m = rx.match(line)
            if not m or (level == "phan" and not re.match(r"(?i)^(phần\s+thứ|phần\s+[IVXLC\d]+\b)", line)):
                continue
            close()
            title, i = _heading_title(lines, i, m["t"])
            name = f"{label} {m['n']}"
            for deeper in levels[levels.index(level) :]:
                path.pop(deeper, None)
            path[level] = name + (f". {title}" if title else "")
            outline.append(OutlineItem(level=level, label=name, title=title))
            matched = True
            break
        if matched:
            i += 1
            continue
        m = _DIEU.match(line)
        if m:
            close()
            number = m["n"]
            title = m["t"].strip()
            heading = f"Điều {number}." + (f" {title}" if title else "")
            current = _Open(number, heading, title, [line], [path[k] for k in levels if k in path])
            outline.append(OutlineItem(level="dieu", label=f"Điều {number}", title=title))
        elif _SIGNATURE_OR_ANNEX.match(line):
            close()
        elif current is not None:
            current.lines.append(line)
        i += 1
    close()
    anchors = iter(a.anchor for a in articles)
    for item in outline:
        if item.level == "dieu":
            item.anchor = next(anchors)
    return outline, articles


def clauses(article_text: str) -> list[tuple[str, list[str]]]:
    """(khoản number, [điểm labels]) of an article, in order; for tests and checks."""
    out: list[tuple[str, list[str]]] = []
    for line in article_text.splitlines()[1:]:
        line = line.strip()
        k = KHOAN.match(line)
        if k:
            out.append((k["n"], []))
            continue
        d = DIEM.match(line)
        if d and out:
            out[-1][1].append(d["n"])
    return out
