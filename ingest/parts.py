"""Documents split across several files: vbpl.vn and Công báo serve a long code as numbered
parts ("…_VanBanGoc_P1.pdf" … "_P4.pdf", "…_part1_congbao-1093-1094.pdf"). Read one by one,
the later parts repeat the first one's number (it is quoted in their text) and would be
reported as duplicates, their articles lost; read together they are the one document they are.

Only a complete run of parts 1..n (n ≥ 2) of one name, in one folder, of one file type, is
joined; anything else is read file by file as before.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest.raw import RawDocument

_PART = re.compile(r"(?i)^(?P<stem>.+?)[_\-. ](?:p|part|phan|phần)[_\- ]?(?P<n>\d{1,2})"
                   r"(?:[_\-. ][^/]*)?\.(?P<ext>pdf|docx?|rtf|html?|txt)$")


def part_groups(files: list[Path]) -> dict[Path, list[Path]]:
    """First part → every part in order, for each complete run of numbered parts."""
    runs: dict[tuple, dict[int, Path]] = {}
    for path in files:
        m = _PART.match(path.name)
        if m:
            key = (path.parent, m["stem"].lower(), m["ext"].lower())
            runs.setdefault(key, {}).setdefault(int(m["n"]), path)
    groups = {}
    for numbered in runs.values():
        if len(numbered) >= 2 and sorted(numbered) == list(range(1, len(numbered) + 1)):
            parts = [numbered[n] for n in sorted(numbered)]
            groups[parts[0]] = parts
    return groups


def group_sha(shas: list[str]) -> str:
    """One key for the journal: changes when any part changes."""
    return hashlib.sha256("+".join(shas).encode()).hexdigest()


def join(raws: list[RawDocument]) -> RawDocument:
    """The parts' texts in order as one document, with the first part's header and metadata."""
    first = raws[0]
    pages = [r.pages for r in raws]
    return RawDocument(
        path=first.path, format=first.format, text="\n".join(r.text.rstrip("\n") for r in raws) + "\n",
        header_cells=list(first.header_cells), metadata=dict(first.metadata),
        pages=sum(pages) if all(p is not None for p in pages) else None, encoding=first.encoding,
        warnings=[w for r in raws for w in r.warnings]
        + [f"joined from {len(raws)} parts: " + ", ".join(Path(r.path).name for r in raws)])
