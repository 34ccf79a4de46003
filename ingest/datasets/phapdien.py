"""Bộ Pháp điển rows (``phapdien/dieu.jsonl``) grouped into their source documents.

Each row is one codified article; its ``vbqppl`` cites the source article and document:

    (Điều 1 Luật số 08/2007/QH12 Tương trợ tư pháp ngày 21/11/2007 của Quốc hội,
     có hiệu lực thi hành kể từ ngày 01/07/2008)

Later rows of the same document cite it shorter ("(Điều 2 Luật số 08/2007/QH12, có hiệu lực …)"),
so title, issue date and issuer come from whichever row has the long form. Documents cited only
in the short form get their issuer from the number's issuer code as other citations in the same
file name it (``issuer`` provenance says so); their issue date stays empty.

The whole file is grouped in memory (one document's rows are spread across chủ đề).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from legal_search.model import Article, LegalDocument, OutlineItem, Relation, RelationKind, SourceInfo

from ingest.datasets._common import DatasetError, Item, read_jsonl
from ingest.extract.dates import NUM_DATE, make_date
from ingest.extract.docid import document_id
from ingest.extract.numbers import number_fields
from ingest.extract.structure import anchor_for, item_key
from ingest.extract.text import fold, nfc

CREDIT = (
    "Bộ Pháp điển (Bộ Tư pháp) via CTU-LinguTechies/VN-Law-Advisor law-crawler/dieu_corpus @107c194a"
)
KEYS = frozenset({"mapc", "ten", "noidung", "vbqppl"})

_TYPES = (
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Bộ luật", "Luật", "Pháp lệnh", "Nghị định",
    "Nghị quyết", "Quyết định", "Thông tư", "Chỉ thị", "Sắc lệnh", "Lệnh", "Hiến pháp", "Văn bản hợp nhất",
)
_NAMED = ("Bộ luật", "Luật", "Pháp lệnh", "Hiến pháp")
_CITATION = re.compile(
    r"^\(+\s*(?:Điều\s+)?(?P<art>\d{1,4}[a-zđ]?\d?)\s*\.?\s+(?P<type>" + "|".join(_TYPES) + r")\b\s*(?P<rest>.*?)\s*\)*\s*$",
    re.S | re.I,
)
_EFFECTIVE = re.compile(r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?\s+(?:kể\s+)?từ\s+ngày\s+(?P<d>\d{1,2}/\d{1,2}/\d{4})")
# a number as cited, spaces around separators allowed ("05/2018/TT- BGTVT"); analyzers decides
_NUMBER_TOKEN = re.compile(r"^(\d{1,5}[a-z]?(?:\s*/\s*|-)[\wĐđ&.]+(?:\s*[/-]\s*[\wĐđ&.]+)*)")
_LONG = re.compile(
    r"^(?P<title>.*?)\s*ngày\s+(?P<date>\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4})\s+của\s+(?P<issuer>.+?)\s*$", re.S
)


@dataclass
class Citation:
    article: str
    doc_type: str
    number: str = ""
    key: str = ""
    issuers: tuple[str, ...] = ()
    title: str = ""
    issued_date: date | None = None
    issuer: str = ""
    effective_date: date | None = None
    parsed: bool = False  # analyzers parsed the number
    # "có nội dung được sửa đổi … bởi Điều 2 Thông tư số X có hiệu lực … ngày D; Điều 1 Luật số Y …"
    changed_by: list[tuple[str, str, str, date | None]] = field(default_factory=list)  # kind, type, number, date

    @property
    def group(self) -> str:
        # QH numbers: laws and resolutions share numbers (24/2008/QH12), so the type counts
        return _group_key(self.key, self.doc_type) if self.key else fold(f"{self.doc_type} {self.title}").lower()

    @property
    def is_long(self) -> bool:
        return self.issued_date is not None and bool(self.issuer)


def _date(text: str) -> date | None:
    m = NUM_DATE.search(text)
    return make_date(m["y"], m["m"], m["d"]) if m else None


def parse_citation(vbqppl: str) -> Citation | None:
    """The source article and document a Pháp điển row cites; None when it cites none."""
    m = _CITATION.match(nfc(vbqppl).strip())
    if not m:
        return None
    doc_type = next(t for t in _TYPES if t.lower() == " ".join(m["type"].split()).lower())
    cit = Citation(article=m["art"], doc_type=doc_type)
    rest = m["rest"]
    notes = re.search(r",\s*(có\s+nội\s+dung.*)$", rest, re.S)
    if notes:
        cit.changed_by = _changes(notes[1])
        rest = rest[: notes.start()]
    eff = _EFFECTIVE.search(rest)
    if eff:
        cit.effective_date = _date(eff["d"])
        main = rest[: eff.start()].rstrip(" ,")
    else:
        main = rest.split(",")[0]
    main = main.strip()
    if re.match(r"(?i)^số\s+liên\s+tịch\b", main):  # "Thông tư số liên tịch 144/2007/TTLT-…"
        cit.doc_type += " liên tịch"
        main = re.sub(r"(?i)^số\s+liên\s+tịch\s*", "", main)
    main = re.sub(r"(?i)^số\s*:?\s*", "", main)
    token = _NUMBER_TOKEN.match(main)
    if token:
        written = token[1].rstrip(".")
        cit.number, cit.key, parsed = number_fields(written)
        if parsed is not None:
            cit.issuers, cit.parsed = tuple(parsed.issuers), True
        main = main[token.end():]
    main = main.strip(" .,")
    long = _LONG.match(main)
    if long:
        cit.title = long["title"].strip(" .,")
        cit.issued_date = _date(long["date"])
        cit.issuer = " ".join(long["issuer"].split()).strip(" .,")
    else:
        cit.title = main
    return cit


_CHANGE_KINDS = (("bãi bỏ", "repeals"), ("bổ sung", "supplements"), ("sửa đổi", "amends"))
_ACTOR = re.compile(
    r"(?P<type>" + "|".join(_TYPES) + r")\s+số\s+(?P<num>\d[^\s,;]*)(?:[^;]*?có\s+hiệu\s+lực[^;]*?ngày\s+(?P<d>\d{1,2}/\d{1,2}/\d{4}))?",
    re.I,
)


def _changes(notes: str) -> list[tuple[str, str, str, date | None]]:
    """(kind, actor type, actor number, date) from the note after a citation. One listed kind
    gives that kind; several ("được sửa đổi, … bổ sung, … bãi bỏ bởi …") cannot be split between
    the actors, so they are kept as "amends" with the note as evidence."""
    head = notes.split(" bởi ")[0]
    kinds = [k for word, k in _CHANGE_KINDS if word in head]
    kind = kinds[0] if len(kinds) == 1 else "amends"
    out = []
    for m in _ACTOR.finditer(notes):
        doc_type = next(t for t in _TYPES if t.lower() == " ".join(m["type"].split()).lower())
        out.append((kind, doc_type, m["num"].rstrip("."), _date(m["d"]) if m["d"] else None))
    return out


def _group_key(key: str, doc_type: str) -> str:
    if key and re.search(r"/QH\d+$", key):
        series = "luat" if doc_type in ("Luật", "Bộ luật") else fold(doc_type).lower()
        return f"{key}|{series}"
    return key


@dataclass
class _Group:
    first_line: int
    citations: list[tuple[int, Citation, dict]] = field(default_factory=list)


def _issuer_table(groups: dict[str, _Group]) -> dict[tuple[str, ...], str]:
    """Issuer code(s) -> issuer name, as the long citations of this file write them."""
    seen: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for group in groups.values():
        for _, cit, _ in group.citations:
            if cit.is_long and cit.issuers:
                seen[cit.issuers][cit.issuer] += 1
    return {codes: names.most_common(1)[0][0] for codes, names in seen.items()}


def _article(cit: Citation, row: dict) -> Article:
    ten = nfc(row.get("ten") or "").strip()
    title = re.sub(r"^Điều\s+[\w.]+\.\s*", "", ten).strip()
    heading = f"Điều {cit.article}." + (f" {title}" if title else "")
    body = nfc(row.get("noidung") or "").strip()
    return Article(
        anchor=anchor_for(cit.article), number=cit.article, heading=heading, title=title,
        text=f"{heading}\n{body}", codified_heading=ten, codified_id=str(row.get("mapc") or ""),
    )


def _document(path: str, group: _Group, issuers: dict[tuple[str, ...], str]) -> LegalDocument:
    cits = [c for _, c, _ in group.citations]
    long = next((c for c in cits if c.is_long), None)
    base = long or cits[0]
    doc = LegalDocument(source=SourceInfo(path=path, format="jsonl:phapdien", dataset="phapdien", credit=CREDIT))
    prov = "phapdien:citation"

    def put(name: str, value, origin: str = prov) -> None:
        if value not in (None, "", []):
            setattr(doc, name, value)
            doc.provenance[name] = origin

    put("number", base.number)
    put("number_key", base.key, prov if base.parsed else prov + " (unparsed)")
    put("doc_type", base.doc_type)
    name = (long or base).title
    put("title", f"{base.doc_type} {name}" if base.doc_type in _NAMED and name else name)
    if long:
        put("issued_date", long.issued_date)
        put("issuer", long.issuer)
    elif base.issuers in issuers:
        put("issuer", issuers[base.issuers], "phapdien:issuer-code (named by other citations)")
    effective = Counter(c.effective_date for c in cits if c.effective_date)
    if effective:
        put("effective_date", effective.most_common(1)[0][0])
        if len(effective) > 1:
            doc.disagreements.append(f"effective_date: citations give {sorted(map(str, effective))}")
    links = [str(r.get("vbqppl_link") or "") for _, _, r in group.citations if r.get("vbqppl_link")]
    if links:
        doc.source.url = links[0].split("#")[0]

    seen: dict[str, int] = {}
    articles = []
    for line, cit, row in group.citations:
        if not (row.get("noidung") or "").strip():
            doc.warnings.append(f"line {line}: Điều {cit.article} has no text in the Pháp điển row")
            continue
        art = _article(cit, row)
        if art.anchor in seen:
            seen[art.anchor] += 1
            art.anchor = f"{art.anchor}-{seen[art.anchor]}"
        else:
            seen[art.anchor] = 1
        articles.append(art)
    articles.sort(key=lambda a: _sort_key(a.number))
    doc.articles = articles
    doc.outline = [OutlineItem(level="dieu", label=f"Điều {a.number}", title=a.title, anchor=a.anchor) for a in articles]
    doc.provenance["articles"] = "phapdien:rows"
    doc.id = document_id(doc)
    return doc


def _sort_key(number: str) -> tuple[int, str]:
    try:
        return item_key(number)
    except ValueError:
        return (10**6, number)


def _link_changes(groups: dict[str, _Group], docs: dict[str, LegalDocument]) -> None:
    """A citation noting "có nội dung … bị bãi bỏ bởi Điều 22 Thông tư … số X" becomes a relation
    of document X (when X is in the file) targeting the cited article."""
    for name, group in groups.items():
        target = docs[name]
        for _, cit, row in group.citations:
            for kind, doc_type, written, when in cit.changed_by:
                _, key, _ = number_fields(written)
                actor = docs.get(_group_key(key, doc_type))
                if actor is None or actor is target or not target.number_key:
                    continue
                actor.relations.append(Relation(
                    kind=RelationKind(kind), target_number=target.number, target_key=target.number_key,
                    scope=f"Điều {cit.article}", effective_date=when,
                    evidence=" ".join(str(row.get("vbqppl") or "").split())[:600],
                ))
                actor.provenance["relations"] = "phapdien:citation-notes"


def _uncited(path: str, rows: list[tuple[int, dict]], groups: dict[str, _Group]) -> list[tuple[int, DatasetError]]:
    """Rows whose ``vbqppl`` holds a section heading instead of a citation ("QUY ĐỊNH CHUNG VỀ …"
    on a "Mục 1" row). Nearly all repeat the text of an article imported from its cited row: those
    are duplicates, named with the line that carries the text; the others are reported."""
    cited_text = {}
    for group in groups.values():
        for line, _, rec in group.citations:
            cited_text.setdefault(" ".join(str(rec.get("noidung") or "").split()), line)
    out = []
    for line, rec in rows:
        heading = " ".join(f"{rec.get('ten') or ''}: {rec.get('vbqppl') or ''}".split())[:80]
        text = " ".join(str(rec.get("noidung") or "").split())
        if text and text in cited_text:
            out.append((line, DatasetError(path, line, f"section heading row {heading!r}: its text repeats "
                                                       f"line {cited_text[text]}, imported there", outcome="duplicate")))
        elif not text:
            out.append((line, DatasetError(path, line, f"row {heading!r} has neither a citation nor text")))
        else:
            out.append((line, DatasetError(path, line, f"vbqppl cites no source article: {heading!r}")))
    return out


def iter_phapdien(path: str) -> Iterator[tuple[int, Item]]:
    groups: dict[str, _Group] = {}
    errors: list[tuple[int, DatasetError]] = []
    uncited: list[tuple[int, dict]] = []
    for line, rec in read_jsonl(path):
        if isinstance(rec, DatasetError):
            errors.append((line, rec))
            continue
        cit = parse_citation(str(rec.get("vbqppl") or ""))
        if cit is None:
            uncited.append((line, rec))
            continue
        group = groups.setdefault(cit.group, _Group(first_line=line))
        group.citations.append((line, cit, rec))
    issuers = _issuer_table(groups)
    items: list[tuple[int, Item]] = errors + _uncited(path, uncited, groups)
    docs = {name: _document(path, group, issuers) for name, group in groups.items()}
    _link_changes(groups, docs)
    for name, group in groups.items():
        items.append((group.first_line, docs[name]))
    items.sort(key=lambda pair: pair[0])
    yield from items
