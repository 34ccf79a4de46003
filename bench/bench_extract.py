"""Accuracy of metadata extraction and the dataset adapters on the shared data.

    .venv/bin/python bench/bench_extract.py [--data /work/shared/data] [--out bench/results/extract.json]

Truth for laws.jsonl (158 documents) is built without the extractor, in this order:
  1. the thuvienphapluat.vn file name when it carries the number ("…-08-2017-QH14-…"), the year
     and the type ("Bo-luat-…" = Bộ luật, "Luat-…" = Luật), and its slug as the title words;
  2. Pháp điển long citations ("Luật số 08/2007/QH12 Tương trợ tư pháp ngày 21/11/2007 …")
     and the procedure export's legal basis (số ký hiệu + ngày ban hành), matched to a law by
     folded title words and year: these give number and issue date independently of the text;
  3. HAND: values read by a person from the document (header and closing sentence), listed in
     ``HAND`` below with the reason, for what 1–2 do not cover or get wrong (e.g. slugs that
     differ from the title).
A document counts as right on a field when the extracted value equals the truth (titles:
folded, case-insensitive, tone-mark-insensitive word sequence); a document with no truth for a
field is reported as "no truth", not counted right.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ingest.datasets import DatasetError, iter_dataset  # noqa: E402
from ingest.datasets.phapdien import parse_citation  # noqa: E402
from ingest.extract.numbers import parse_number  # noqa: E402
from ingest.extract.text import fold  # noqa: E402
from legal_search.model import LegalDocument, Procedure  # noqa: E402

# filename -> {field: value, "why": reason}; dates as ISO strings
HAND: dict[str, dict] = {
    "Luat-Binh-dang-gioi-2006-73-2006-QH11-15866.txt": {
        "issued_date": "2006-11-29",
        "why": "passage sentence 29/11/2006; the publisher's date line says 29/6/2006",
    },
    "Luat-quoc-tich-Viet-Nam-2008-24-2008-QH12-82204.txt": {
        "issued_date": "2008-11-13",
        "why": "Pháp điển citations disagree (13/11 and 14/11/2008); the passage sentence says 13/11/2008",
    },
    "Luat-mau-ve-trong-tai-thuong-mai-quoc-te-cua-Uy-ban-lien-hiep-quoc-ve-Luat-thuong-mai-quoc-te-1985-81043.txt": {
        "number": "", "doc_type": "Luật mẫu", "issued_date": None,
        "title": "Luật mẫu về trọng tài thương mại quốc tế của Ủy ban Liên hiệp quốc về Luật thương mại quốc tế",
        "why": "UNCITRAL model law in translation: no Vietnamese number, no date of issue in the text",
    },
    "Luat-quyen-lap-hoi-1957-102-SL-L-004-36792.txt": {
        "number": "102-SL/L-004", "doc_type": "Luật", "issued_date": "1957-05-20",
        "title": "Luật quy định quyền lập hội",
        "why": "1957 law promulgated by Sắc lệnh; number and date in its heading line",
    },
    "Luat-quyen-tu-do-hoi-hop-1957-101-SL-L-003-36793.txt": {
        "number": "101-SL/L.003", "doc_type": "Luật", "issued_date": "1957-05-20",
        "title": "Luật quy định quyền tự do hội họp",
        "why": "1957 law promulgated by Sắc lệnh; number and date in its heading line",
    },
    "Luat-Dau-tu-theo-hinh-thuc-doi-tac-cong-tu-so-64-2020-QH14-374160.txt": {
        "title": "Luật Đầu tư theo phương thức đối tác công tư",
        "why": "slug says 'hinh thuc', the law's name is '… phương thức …'",
    },
}

_SKIP_SLUG = {"so", "nam", "luat", "bo"}


def _words(text: str) -> list[str]:
    text = fold(text).lower().replace("-", " ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return text.split()


def _slug_truth(filename: str) -> dict:
    stem = filename.rsplit(".", 1)[0]
    out: dict = {}
    m = re.search(r"-(\d+)-(\d{4})-(QH\d+)(?=-)", stem)
    if m:
        out["number_key"] = f"{int(m[1])}/{m[2]}/{m[3]}"
    out["doc_type"] = "Bộ luật" if stem.lower().startswith("bo-luat") else "Luật"
    years = re.findall(r"-((?:19|20)\d\d)(?=-)", stem)
    if years:
        out["year"] = int(years[0])
    name = re.sub(r"-(?:so-)?\d+-\d{4}-QH\d+(?=-)", "", stem)  # the number
    name = re.sub(r"-\d+$", "", name)  # tvpl id
    name = re.split(r"-(?:nam-)?(?:19|20)\d\d(?=-|$)", name)[0]  # the year and what follows
    words = name.lower().split("-")
    words = words[2:] if words[:2] == ["bo", "luat"] else words[1:]
    out["title_words"] = [w for w in words if w and w not in _SKIP_SLUG]
    return out


def _independent_dates(data: Path) -> dict[str, tuple[date, str]]:
    """number key -> (issue date, source) from Pháp điển long citations (majority over the
    citations of one document) and, for the rest, the procedure export's legal basis."""
    votes: dict[str, Counter] = {}
    with open(data / "phapdien/dieu.jsonl", encoding="utf-8") as fh:
        for line in fh:
            cit = parse_citation(json.loads(line).get("vbqppl") or "")
            if cit and cit.key and cit.issued_date:
                # group: key plus series for QH numbers (a law and a resolution may share one)
                votes.setdefault(cit.group, Counter())[cit.issued_date] += 1
    found = {k: (v.most_common(1)[0][0], "phapdien") for k, v in votes.items()}
    for _, item in iter_dataset(data / "procedures/procedures.jsonl"):
        if isinstance(item, Procedure):
            for b in item.legal_basis:
                if b.number_key and b.issued_date and b.number_key not in found:
                    found[b.number_key] = (b.issued_date, "procedures")
    return found


def _hand_read(path: Path) -> dict[str, dict]:
    """Hand-read truth (see module docstring): number from the header line, date from the
    passage sentence, both read off the raw text by a person and stored beside the results."""
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def _title_ok(extracted: str, truth_words: list[str] | None, truth_title: str | None) -> bool:
    got = [w for w in _words(extracted) if w not in ("luat", "bo")]
    if truth_title is not None:
        want = [w for w in _words(truth_title) if w not in ("luat", "bo")]
        return got == want
    if not truth_words:
        return False
    # the slug drops short words ("va", "cua"): every slug word in order, at most two extra words
    it = iter(got)
    in_order = all(any(w == g for g in it) for w in truth_words)
    return in_order and len(got) - len(truth_words) <= 2


def bench_laws(data: Path) -> dict:
    path = data / "vlc-laws/laws.jsonl"
    names = [json.loads(line)["filename"] for line in open(path, encoding="utf-8")]
    dates = _independent_dates(data)
    hand_read = _hand_read(Path(__file__).parent / "results" / "extract_truth_laws.json")
    counts: Counter = Counter()
    truth_conflicts: list[str] = []
    failures: dict[str, list[str]] = {"number": [], "doc_type": [], "issued_date": [], "title": []}
    t0 = time.perf_counter()
    docs = [item for _, item in iter_dataset(path)]
    elapsed = time.perf_counter() - t0
    for name, doc in zip(names, docs):
        if not isinstance(doc, LegalDocument):
            for f in failures:
                failures[f].append(name)
            continue
        slug, hand, read = _slug_truth(name), HAND.get(name, {}), hand_read.get(name, {})
        read_key = parse_number(read["number"]).key if read.get("number") and parse_number(read["number"]) else None
        # number: HAND, else the file name, else the hand-read header line
        if "number" in hand:
            want_number, src = hand["number"], "hand"
            ok = (doc.number == want_number) if want_number else not doc.number
        else:
            want_key, src = (slug["number_key"], "filename") if "number_key" in slug else (read_key, "hand_read")
            if "number_key" in slug and read_key and read_key != slug["number_key"]:
                truth_conflicts.append(f"{name}: file name {slug['number_key']} vs header {read_key}")
                want_key, src = read_key, "hand_read (file name wrong)"
            ok = bool(want_key) and doc.number_key == want_key
        counts[f"number_truth: {src}"] += 1
        counts["number_ok"] += ok
        if not ok:
            failures["number"].append(f"{name}: {doc.number!r}")
        # type
        want_type = hand.get("doc_type", slug["doc_type"])
        ok = doc.doc_type == want_type
        counts["doc_type_ok"] += ok
        if not ok:
            failures["doc_type"].append(f"{name}: {doc.doc_type!r} != {want_type!r}")
        # issue date: HAND, else Pháp điển / procedures, else the hand-read passage date
        key = doc.number_key or slug.get("number_key") or read_key
        key = f"{key}|luat" if key and re.search(r"/QH\d+$", key) else key
        if "issued_date" in hand:
            want, src = hand["issued_date"], "hand"
        elif key in dates:
            want, src = str(dates[key][0]), dates[key][1]
            if read.get("issued_date") and read["issued_date"] != want:
                truth_conflicts.append(f"{name}: {src} {want} vs passage sentence {read['issued_date']}")
        else:
            want, src = read.get("issued_date"), "hand_read"
        ok = (str(doc.issued_date) == want) if want else doc.issued_date is None
        counts[f"date_truth: {src}"] += 1
        counts["issued_date_ok"] += ok
        if not ok:
            failures["issued_date"].append(f"{name}: {doc.issued_date} != {want} ({src})")
        # title
        ok = _title_ok(doc.title, slug["title_words"], hand.get("title"))
        counts["title_ok"] += ok
        if not ok:
            failures["title"].append(f"{name}: {doc.title!r}")
    n = len(names)
    return {
        "documents": n,
        "seconds": round(elapsed, 2),
        "accuracy": {f: round(counts[f"{f}_ok"] / n, 4) for f in ("number", "doc_type", "issued_date", "title")},
        "truth_sources": {k: v for k, v in sorted(counts.items()) if "truth" in k},
        "truth_conflicts": truth_conflicts,
        "articles": sum(len(d.articles) for d in docs if isinstance(d, LegalDocument)),
        "with_effective_date": sum(1 for d in docs if isinstance(d, LegalDocument) and d.effective_date),
        "with_signer": sum(1 for d in docs if isinstance(d, LegalDocument) and d.signer),
        "failures": failures,
    }


def bench_phapdien(data: Path) -> dict:
    path = data / "phapdien/dieu.jsonl"
    rows = citations = 0
    fields: Counter = Counter()
    long_total = short_total = 0
    for line in open(path, encoding="utf-8"):
        rows += 1
        vb = json.loads(line).get("vbqppl") or ""
        if not vb.lstrip("(").startswith(("Điều", "điều")):
            continue
        citations += 1
        cit = parse_citation(vb)
        if cit is None:
            fields["unparsed"] += 1
            continue
        has_long = bool(re.search(r"\sngày\s+\d{1,2}/\d{1,2}/\d{4}\s+của\s", vb))
        want = ["number", "doc_type", "effective_date"] + (["issuer", "issued_date"] if has_long else [])
        if "số" not in vb.split(",")[0]:
            want.remove("number")  # cited by name only ("Pháp lệnh Về Hàm, cấp ngoại giao")
        long_total += has_long
        short_total += not has_long
        got = {
            "number": bool(cit.key and cit.parsed), "doc_type": bool(cit.doc_type),
            "effective_date": cit.effective_date is not None,
            "issuer": bool(cit.issuer), "issued_date": cit.issued_date is not None,
        }
        if all(got[f] for f in want):
            fields["fully_parsed"] += 1
            fields["long_fully_parsed" if has_long else "short_fully_parsed"] += 1
    t0 = time.perf_counter()
    docs = errors = 0
    complete: Counter = Counter()
    for _, item in iter_dataset(path):
        if isinstance(item, DatasetError):
            errors += 1
            continue
        docs += 1
        for f in ("number", "doc_type", "issuer", "issued_date", "effective_date"):
            complete[f] += getattr(item, f) not in (None, "")
        complete["relations_from_change_notes"] += len(item.relations)
        complete["all_five"] += all(getattr(item, f) not in (None, "") for f in
                                    ("number", "doc_type", "issuer", "issued_date", "effective_date"))
    elapsed = time.perf_counter() - t0
    return {
        "rows": rows,
        "rows_citing_an_article": citations,
        "rows_without_citation (reported as errors)": errors,
        "citations_fully_parsed": round(fields["fully_parsed"] / citations, 4),
        "long_citations": long_total,
        "long_citations_fully_parsed (number, type, issuer, issue date, effective date)":
            round(fields["long_fully_parsed"] / max(1, long_total), 4),
        "short_citations_fully_parsed (number, type, effective date)":
            round(fields["short_fully_parsed"] / max(1, short_total), 4),
        "documents": docs,
        "documents_with_field": {f: round(v / docs, 4) for f, v in complete.items()
                                 if f != "relations_from_change_notes"},
        "relations_from_change_notes": complete["relations_from_change_notes"],
        "seconds": round(elapsed, 2),
    }


def bench_procedures(data: Path) -> dict:
    procs, errors, bases, parsed = 0, 0, 0, 0
    unparsed: list[str] = []
    for _, item in iter_dataset(data / "procedures/procedures.jsonl"):
        if isinstance(item, DatasetError):
            errors += 1
            continue
        procs += 1
        for b in item.legal_basis:
            bases += 1
            if b.number_key:
                parsed += 1
            else:
                unparsed.append(f"{item.code}: {b.number!r} / {b.title[:60]!r}")
    return {
        "procedures": procs, "errors": errors, "legal_basis_rows": bases,
        "legal_basis_numbers_parsed": round(parsed / max(1, bases), 4),
        "unparsed": sorted(set(unparsed)),
    }


def bench_hanoi(data: Path) -> dict:
    path = data / "local/hanoi/docs.jsonl"
    ids = [json.loads(line)["id"] for line in open(path, encoding="utf-8")]
    out: dict = {"records": len(ids), "documents": 0, "reported": [], "number_matches_file_name": 0,
                 "with_issued_date": 0, "with_title": 0, "with_effective_date": 0, "with_signer": 0,
                 "with_articles": 0, "wrong": []}
    for (line, item), rid in zip(iter_dataset(path), ids):
        if isinstance(item, DatasetError):
            out["reported"].append(str(item))
            continue
        out["documents"] += 1
        m = re.search(r"(\d+)\.(\d{4})", rid)
        want = f"{int(m[1])}/{m[2]}/" if m else ""
        if want and item.number_key.startswith(want):
            out["number_matches_file_name"] += 1
        else:
            out["wrong"].append(f"{rid}: number {item.number!r}")
        for f in ("issued_date", "title", "effective_date", "signer"):
            out[f"with_{f}"] += getattr(item, f) not in (None, "")
        out["with_articles"] += bool(item.articles)
    return out


def bench_catalogue(data: Path) -> dict:
    docs = errors = parsed = dated = 0
    for _, item in iter_dataset(data / "local/binhduong-catalogue.jsonl"):
        if isinstance(item, DatasetError):
            errors += 1
            continue
        docs += 1
        parsed += not item.provenance.get("number_key", "").endswith("(unparsed)") and parse_number(item.number) is not None
        dated += item.issued_date is not None
    return {"documents": docs, "errors": errors, "numbers_parsed": round(parsed / docs, 4),
            "with_issued_date": round(dated / docs, 4)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--out", default=str(Path(__file__).parent / "results" / "extract.json"))
    args = ap.parse_args()
    data = Path(args.data)
    result = {
        "laws": bench_laws(data),
        "phapdien": bench_phapdien(data),
        "procedures": bench_procedures(data),
        "hanoi": bench_hanoi(data),
        "binhduong_catalogue": bench_catalogue(data),
    }
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    summary = {k: {kk: vv for kk, vv in v.items() if kk not in ("failures", "unparsed", "wrong", "reported", "truth_conflicts")}
               for k, v in result.items()}
    print(json.dumps(summary, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
