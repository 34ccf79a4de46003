"""Văn bản hợp nhất (domain notes §3.8 "VBHN specifics"). A VBHN opens with the consolidated
document and the documents that amended it ("… số 15/2012/QH13 …, được sửa đổi, bổ sung bởi:
1. Luật … số 54/2014/QH13 …") and carries its own number, issuer, date and signer in the
"XÁC THỰC VĂN BẢN HỢP NHẤT" block, often after the last article. A VBHN is a snapshot: it is
never normative and never the actor of a status event."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from legal_search.model import Relation, RelationKind

from ingest.extract.dates import VI_DATE, make_date
from ingest.extract.numbers import number_fields
from ingest.extract.text import is_upper

_INTRO = re.compile(r"được\s+sửa\s+đổi,?\s*bổ\s+sung\s+bởi\s*:")
_BLOCK = re.compile(r"XÁC\s+THỰC\s+VĂN\s+BẢN\s+HỢP\s+NHẤT")
_OWN_NUMBER = re.compile(r"Số\s*:\s*(\d{1,5}\s*/\s*VBHN\s*-\s*[\wĐđ]+(?:-[\wĐđ]+)*)")
_CITED = re.compile(r"số\s+(\d{1,5}[a-z]?\s*/\s*\d{4}\s*/\s*[\wĐđ]+(?:-[\wĐđ]+)*)")
_NAME = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){1,4}$")


@dataclass
class Vbhn:
    number: str = ""
    issuer: str = ""
    issued_date: date | None = None
    signer: str = ""
    signer_title: str = ""
    relations: list[Relation] = field(default_factory=list)


def is_vbhn(text: str) -> bool:
    return bool(_INTRO.search(text[:6000]) or _BLOCK.search(text) or _OWN_NUMBER.search(text))


def parse_vbhn(text: str) -> Vbhn:
    out = Vbhn()
    intro = _INTRO.search(text[:6000])
    if intro:
        # the consolidated document, then its amenders up to the first căn cứ or article
        end = re.search(r"\n(?:Căn\s+cứ|Điều\s+1\b|Chương\s+[IVX1])", text[intro.end():])
        listing = text[max(0, intro.start() - 400) : intro.end() + (end.start() if end else 3000)]
        for i, m in enumerate(_CITED.finditer(listing)):
            number, key, _ = number_fields(m[1])
            out.relations.append(Relation(kind=RelationKind.CONSOLIDATES, target_number=number, target_key=key,
                                          evidence=" ".join(listing[max(0, m.start() - 120) : m.end() + 40].split())))
    own = _OWN_NUMBER.search(text)
    if own:
        out.number = own[1]
        lines = [ln.strip() for ln in text[max(0, own.start() - 200) : own.end() + 400].splitlines() if ln.strip()]
        at = next((i for i, ln in enumerate(lines) if _OWN_NUMBER.search(ln)), 0)
        if at > 0 and is_upper(lines[at - 1]):
            out.issuer = lines[at - 1]
        after = "\n".join(lines[at : at + 8])
        d = VI_DATE.search(after)
        if d:
            out.issued_date = make_date(d["y"], d["m"], d["d"])
        for j in range(at + 1, min(at + 8, len(lines))):
            if _NAME.match(lines[j]) and not is_upper(lines[j]):
                out.signer = lines[j]
                if is_upper(lines[j - 1]) and not _BLOCK.search(lines[j - 1]):
                    out.signer_title = lines[j - 1]
                break
    return out
