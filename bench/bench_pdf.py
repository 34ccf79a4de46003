"""PDF reading speed and text quality beside poppler's pdftotext, in the same run.

    .venv/bin/python bench/bench_pdf.py [--repeat 3] [--out bench/results/pdf.json] [PDF…]

Default input: every PDF of the shared data (documents/pdf and local/hanoi/pdf). For each file,
both tools run ``--repeat`` times in this one process (one core; pdftotext as a subprocess, the
way poppler is used); the best time counts. Quality: our text against pdftotext's, as words
(NFC): F1 over the bags of words, and difflib's ratio over the word sequences (reading order).
The furniture we remove on purpose (Công báo running headers, page numbers, signature stamps)
is removed from pdftotext's text the same way before comparing, so it does not count as loss.
The bar (issue 4): at least 1/3 of pdftotext's pages/s with the same text quality.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import json
import os
import platform
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ingest.readers.pdf import read_pdf  # noqa: E402
from ingest.readers.pdf_page import STAMP_RE  # noqa: E402

DATA = Path(os.environ.get("LEGAL_SEARCH_DATA", ROOT.parent / "shared" / "data"))
_FURNITURE = re.compile(r"^\s*(?:\d{1,4}\s+)?CÔNG BÁO\s*/\s*Số.*$|^\s*\d{1,4}\s*$")


def default_files() -> list[Path]:
    return sorted((DATA / "documents" / "pdf").glob("*.pdf")) + sorted(
        (DATA / "local" / "hanoi" / "pdf").glob("*.pdf"))


def pdftotext(path: Path) -> str:
    proc = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                          capture_output=True, check=True)
    return proc.stdout.decode("utf-8", "replace")


def best_time(fn, repeat: int):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def words(text: str, strip_furniture: bool) -> list[str]:
    lines = unicodedata.normalize("NFC", text).splitlines()
    if strip_furniture:
        lines = [ln for ln in lines if not (_FURNITURE.match(ln) or STAMP_RE.match(ln))]
    return " ".join(lines).split()


def quality(ours: str, poppler: str) -> dict:
    a, b = words(ours, False), words(poppler, True)
    ca, cb = collections.Counter(a), collections.Counter(b)
    common = sum((ca & cb).values())
    f1 = 2 * common / (len(a) + len(b)) if a or b else 1.0
    order = difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() if a or b else 1.0
    return {"words_ours": len(a), "words_pdftotext": len(b), "bag_f1": round(f1, 4),
            "sequence_ratio": round(order, 4)}


def bench_file(path: Path, repeat: int) -> dict:
    data = path.read_bytes()
    t_ours, doc = best_time(lambda: read_pdf(data, str(path)), repeat)
    t_pop, text = best_time(lambda: pdftotext(path), repeat)
    pages = doc.pages or 0
    row = {"file": path.name, "pages": pages, "seconds_ours": round(t_ours, 4),
           "seconds_pdftotext": round(t_pop, 4), "needs_ocr": doc.needs_ocr,
           "header_cells": bool(doc.header_cells)}
    row.update(quality(doc.text, text))
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "pdf.json")
    args = parser.parse_args(argv)
    files = args.files or default_files()
    rows = [bench_file(f, args.repeat) for f in files]
    pages = sum(r["pages"] for r in rows)
    t_ours = sum(r["seconds_ours"] for r in rows)
    t_pop = sum(r["seconds_pdftotext"] for r in rows)
    words_pop = sum(r["words_pdftotext"] for r in rows) or 1
    summary = {
        "files": len(rows), "pages": pages,
        "pages_per_s_ours": round(pages / t_ours, 1),
        "pages_per_s_pdftotext": round(pages / t_pop, 1),
        "speed_ratio": round(t_pop / t_ours, 3),
        "bar_speed_ratio": round(1 / 3, 3),
        "bag_f1_weighted": round(sum(r["bag_f1"] * r["words_pdftotext"] for r in rows) / words_pop, 4),
        "sequence_ratio_weighted": round(
            sum(r["sequence_ratio"] * r["words_pdftotext"] for r in rows) / words_pop, 4),
    }
    result = {"bench": "pdf", "machine": {"python": platform.python_version(),
              "cpu_count": os.cpu_count(), "platform": platform.platform()},
              "pdftotext": _version(), "repeat": args.repeat, "summary": summary, "files": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=2))
    return 0 if summary["speed_ratio"] >= 1 / 3 else 1


def _version() -> str:
    proc = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    return (proc.stderr or proc.stdout).splitlines()[0] if (proc.stderr or proc.stdout) else ""


if __name__ == "__main__":
    sys.exit(main())
