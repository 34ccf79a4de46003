"""Relations stated in the text (domain notes §3.8 and §3.10): thay thế, sửa đổi bổ sung,
bãi bỏ, hết hiệu lực, quy định chi tiết / hướng dẫn, căn cứ. Each relation keeps the sentence
it was read from; a target named only by title and date stays unresolved (no number)."""

from __future__ import annotations

import re
from datetime import timedelta

from legal_search.model import Relation, RelationKind

from ingest.extract.dates import parse_vi_date
from ingest.extract.numbers import find_numbers, number_fields

_TYPES = r"(?:Hiến\s+pháp|Bộ\s+luật|Luật|Pháp\s+lệnh|Nghị\s+quyết(?:\s+liên\s+tịch)?|Nghị\s+định|Quyết\s+định|Thông\s+tư(?:\s+liên\s+tịch)?|Chỉ\s+thị|Lệnh)"
# a written number, loose on purpose: analyzers decides what it is
_NUM = r"\d{1,5}[a-z]?\s*/\s*(?:\d{4}\s*/\s*)?[A-Za-zĐđ][\wĐđ&]*(?:\s*[-–]\s*[A-Za-zĐđ][\wĐđ&]*)*"
_SCOPE = re.compile(
    r"((?:(?:các\s+)?(?:điểm|khoản|điều|mục|chương|phần|tiết)\s+[\w.,\s]+?(?:\s+và\s+[\w.]+)?\s+)+)"
    r"(?=(?:của|tại)\s+" + _TYPES + ")",
    re.I,
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.;:])\s+(?=[A-ZĐÀ-Ỹ0-9])|\n")
_END_SENT = re.compile(r"hết\s+hiệu\s+lực")
_REPLACE = re.compile(r"\bthay\s+thế\b")
_REPEAL = re.compile(r"\b[bB]ãi\s+bỏ\b")
_NEW_ITEM = re.compile(r"^(?:\d+[a-z]?\.\s|[a-zđ]\d?\)\s|Điều\s+\d+[a-z]?\.|Chương\s+[IVXLC]+)")
_AMEND = re.compile(r"\bsửa\s+đổi(?:,\s*|\s+và\s+)?(?:\s*bổ\s+sung)?\b")
_DETAIL = re.compile(r"^(?:Quy\s+định\s+chi\s+tiết|Hướng\s+dẫn)", re.I)
_AMENDED_BY = re.compile(r"(?:đã\s+được\s+)?sửa\s+đổi,?\s*bổ\s+sung(?:\s+một\s+số\s+điều)?\s+(?:theo|bởi|tại)\s+", re.I)
# the name may hold a comma ("Luật khiếu nại, tố cáo số 09/1998/QH10"), not a full stop
_DOC_REF = re.compile(rf"(?P<type>{_TYPES})(?P<name>[^;.]{{0,120}}?)\s+số\s+(?P<num>{_NUM})", re.I)
_KEPT_UNTIL = re.compile(
    r"(?:trừ\s+)?(?:các\s+)?quy\s+định\s+(?:tại|về)\s+(?P<scope>[^:;]{3,300}?)\s+(?:của\s+\S+(?:\s+\S+)?\s+này\s+)?"
    r"(?:tiếp\s+tục\s+)?có\s+hiệu\s+lực\s+(?:thi\s+hành\s+)?đến\s+hết\s+(?P<until>ngày\s+.{8,30}?\d{4})"
)
# an exception listed after "…hết hiệu lực…, trừ trường hợp sau đây:" (08/2022/QH15 Điều 157):
# "b) Các điều 77, 78 … và 98 của Luật Kinh doanh bảo hiểm số 24/2000/QH10 … có hiệu lực đến hết ngày …"
_KEPT_ITEM = re.compile(
    r"(?:^|\s)(?:[a-zđ]\)\s*)?(?P<scope>(?:[Cc]ác\s+)?(?:[Đđ]iều|[Kk]hoản|[Đđ]iểm)\s+[\w\s,]+?)\s+của\s+"
    + _TYPES + r"[^;\n]{0,300}?có\s+hiệu\s+lực\s+(?:thi\s+hành\s+)?đến\s+hết\s+(?P<until>ngày\s+.{8,30}?\d{4})"
)
_TITLE_DATE_REF = re.compile(
    rf"thay\s+thế\s+(?P<title>{_TYPES}\s+[^.;]*?ngày\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}})", re.I
)


def _relation(kind: RelationKind, written: str, evidence: str, scope: str = "", when=None) -> Relation:
    number, key, _ = number_fields(written)
    return Relation(
        kind=kind, target_number=number, target_key=key, scope=scope.strip(" ,"), effective_date=when,
        evidence=" ".join(evidence.split())[:600],
    )


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT.split(text) if s.strip()]


_NUMBERED_SCOPE = re.compile(r"(?i)(?:các\s+)?(?:chương|điều|khoản|điểm|mục|phần)\s+(?:[IVXLC]+|\d+)\b")


def _refs_excluding_amenders(sentence: str) -> list[tuple[str, int]]:
    """(number, position) of documents a sentence names, leaving out the amenders in
    'Luật X số A đã được sửa đổi, bổ sung … theo Luật số B, Luật số C' (§3.10: B and C do not end)."""
    cut = _AMENDED_BY.search(sentence)
    refs = []
    for m in _DOC_REF.finditer(sentence):
        if cut and m.start() > cut.start() and not _NUMBERED_SCOPE.match(_scope_before(sentence, m.start())):
            # amenders are skipped; after their list a new target may start with its own scope:
            # "…theo Luật số B và Luật số C, Chương V của Luật khiếu nại số D hết hiệu lực"
            continue
        refs.append((m["num"], m.start()))
    return refs


_TOPIC = re.compile(r"(?i)((?:các|những)\s+quy\s+định\s+(?:về|liên\s+quan\s+đến)\s+[^;:]{3,150}?)\s+(?:trong|của|tại)\s*$")


def _topic_before(sentence: str, pos: int) -> str:
    """"các quy định về trưng dụng đất trong Luật …": a part named by its subject."""
    m = _TOPIC.search(sentence[:pos])
    return " ".join(m[1].split()) if m else ""


def _scope_before(sentence: str, pos: int) -> str:
    head = sentence[:pos]
    m = None
    for m in _SCOPE.finditer(head + " của Luật"):
        pass
    if m and m.end() >= len(head) - 2:
        return re.sub(r"\s+(?:của|tại)$", "", m[1].strip())  # "Điều 57 của" -> "Điều 57"
    return ""


def _with_list_items(sent: str, following: list[str]) -> str:
    """A repeal listing several targets runs over ';': "Bãi bỏ Điều 57 của Luật … số A; Điều 2
    của Luật số B; …; các quy định … trong Luật … số E." is one sentence for the relations."""
    parts = [sent]
    for frag in following:
        if not parts[-1].rstrip().endswith(";") or _NEW_ITEM.match(frag):
            break
        parts.append(frag)
    return " ".join(parts)


def final_relations(text: str, issued_effective=None) -> list[Relation]:
    """Relations from the final articles (the last ~25% of a long document, or all of a short one)."""
    start = int(len(text) * 0.6) if len(text) > 20000 else 0
    out: list[Relation] = []
    sentences = _sentences(text[start:])
    for i, sent in enumerate(sentences):
        following = sentences[i + 1 : i + 5]
        if len(sent) > 2000:
            continue
        if _END_SENT.search(sent) and not sent.startswith(("Trường hợp", "Đối với")):
            when = None
            m = re.search(r"hết\s+hiệu\s+lực\s+(?:thi\s+hành\s+)?kể\s+từ\s+ngày\s+(.{0,50})", sent)
            if m and not m[1].startswith(("Luật này", "Bộ luật này", "Nghị định này")):
                when = parse_vi_date(m[1])
            elif m:
                when = issued_effective
            refs = _refs_excluding_amenders(sent)
            ended = []
            for num, pos in refs:
                scope = _scope_before(sent, pos) or _topic_before(sent, pos)
                kind = RelationKind.REPEALS if scope else RelationKind.REPLACES
                ended.append(_relation(kind, num, sent, scope, when))
            out += ended
            # staged ending (§3.10): "…, trừ các quy định tại Điều 159 … tiếp tục có hiệu lực
            # thi hành đến hết ngày 31 tháng 12 năm 2016" -> those provisions end the day after;
            # the whole-document ending becomes "toàn bộ, trừ <them>" (what the validity engine reads)
            tail = sent if not sent.rstrip().endswith(":") else sent + " " + " ".join(following[:4])
            kept_scopes = []
            for kept in [*_KEPT_UNTIL.finditer(tail), *_KEPT_ITEM.finditer(tail)]:
                last = parse_vi_date(kept["until"])
                if last is None:
                    continue
                scope = " ".join(kept["scope"].split())
                kept_scopes.append(re.sub(r"^Các\b", "các", scope))
                for rel in ended:
                    out.append(_relation(rel.kind, rel.target_number, tail, kept_scopes[-1],
                                         last + timedelta(days=1)))
            for rel in ended:
                if kept_scopes and not rel.scope:
                    rel.scope = "toàn bộ, trừ " + " và ".join(kept_scopes)
        elif _REPLACE.search(sent) and re.search(rf"{_TYPES}\s+này\s+thay\s+thế", sent):
            refs = _refs_excluding_amenders(sent)
            for num, pos in refs:
                out.append(_relation(RelationKind.REPLACES, num, sent, "", issued_effective))
            if not refs:
                m = _TITLE_DATE_REF.search(sent)
                if m:
                    out.append(Relation(kind=RelationKind.REPLACES, target_title=" ".join(m["title"].split()),
                                        effective_date=issued_effective, evidence=sent[:600]))
        elif _REPEAL.search(sent) and not re.search(r"(?i)những\s+quy\s+định\s+trước\s+đây", sent):
            sent = _with_list_items(sent, following)
            for num, pos in _refs_excluding_amenders(sent):
                scope = _scope_before(sent, pos) or _topic_before(sent, pos)
                out.append(_relation(RelationKind.REPEALS, num, sent, scope, issued_effective))
    return dedupe(out)


_TITLE_VERBS = (
    (r"(?i)sửa\s+đổi", RelationKind.AMENDS),
    (r"(?i)^(?:về\s+việc\s+)?bãi\s+bỏ", RelationKind.REPEALS),
    (r"(?i)quy\s+định\s+chi\s+tiết", RelationKind.DETAILS),
    (r"(?i)^(?:về\s+việc\s+)?hướng\s+dẫn", RelationKind.GUIDES),
)


def title_relations(title: str) -> list[Relation]:
    """'Sửa đổi, bổ sung … Nghị định số X', 'Quy định chi tiết … Luật …', 'Bãi bỏ Quyết định số …'."""
    out: list[Relation] = []
    if not title:
        return out
    nums = [n for n, _ in ((m["num"], m.start()) for m in _DOC_REF.finditer(title))]
    if not nums:  # a name with a comma ("Luật Thuế xuất khẩu, thuế nhập khẩu số 04/1998/QH10")
        nums = [n.canonical for n in find_numbers(title)]
    # the verb that comes first decides: "Quy định chi tiết thi hành Luật sửa đổi … Luật X"
    # details the amending law, it does not amend anything itself
    found = [(m.start(), kind) for rx, kind in _TITLE_VERBS if (m := re.search(rx, title))]
    if not found:
        return out
    kind = min(found, key=lambda pair: pair[0])[1]
    if nums:
        out.extend(_relation(kind, n, title) for n in nums)
    elif kind in (RelationKind.DETAILS, RelationKind.GUIDES, RelationKind.AMENDS):
        # "Luật sửa đổi, bổ sung một số điều của Luật Đất đai": named, not numbered: unresolved
        m = re.search(rf"(?:của|theo)\s+(?:các\s+)?(?P<t>{_TYPES}\s+[^,;]+)", title, re.I) or re.search(
            rf"(?P<t>{_TYPES}\s+[^,;]+)", title
        )
        if m:
            out.append(Relation(kind=kind, target_title=m["t"].strip(), evidence=title))
    return out


def basis_relations(bases: list[str]) -> list[Relation]:
    out: list[Relation] = []
    for basis in bases:
        nums = find_numbers(basis)
        if nums:
            for n in nums:
                out.append(Relation(kind=RelationKind.BASED_ON, target_number=n.canonical, target_key=n.key,
                                    evidence=basis))
            continue
        found = [m["num"] for m in _DOC_REF.finditer(basis)]
        if found:
            out.extend(_relation(RelationKind.BASED_ON, n, basis) for n in found)
        else:
            title = re.sub(r"^Căn\s+cứ\s+(?:vào\s+)?", "", basis).strip()
            out.append(Relation(kind=RelationKind.BASED_ON, target_title=title, evidence=basis))
    return out


def dedupe(rels: list[Relation]) -> list[Relation]:
    """One relation per (kind, target, scope); a later duplicate fills a missing date."""
    kept: dict[tuple, Relation] = {}
    for r in rels:
        k = (r.kind, r.target_key or r.target_title, r.scope)
        if k in kept:
            if kept[k].effective_date is None and r.effective_date is not None:
                kept[k].effective_date = r.effective_date
            continue
        kept[k] = r
    return list(kept.values())
