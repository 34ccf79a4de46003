"""What every dataset adapter shares: the per-record error and a streaming JSONL reader."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Union

from legal_search.model import LegalDocument, Procedure

PLACEHOLDERS = frozenset(
    {
        "không có thông tin",
        "không",
        "không có",
        "không quy định",
        "chưa có thông tin",
        "đang cập nhật",
        "n/a",
        "-",
        "",
    }
)


class DatasetError(Exception):
    """One record that could not become a document; names the line and what is wrong."""

    def __init__(self, path: str, line: int, reason: str, outcome: str = "failed"):
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason
        self.outcome = outcome  # "failed", or "needs-ocr" for a scan without text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DatasetError) and (self.path, self.line, self.reason) == (
            other.path, other.line, other.reason,
        )

    def __hash__(self) -> int:
        return hash((self.path, self.line, self.reason))


Item = Union[LegalDocument, Procedure, DatasetError]


def read_jsonl(path: str | Path) -> Iterator[tuple[int, dict | DatasetError]]:
    """(1-based line number, record or error) for every non-blank line."""
    path = str(path)
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield lineno, DatasetError(path, lineno, f"not JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(record, dict):
                yield lineno, DatasetError(path, lineno, f"a JSON {type(record).__name__}, not an object")
                continue
            yield lineno, record


def empty_if_placeholder(value: object) -> str:
    """'Không có thông tin' and similar placeholders become ''."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    return "" if text.lower().rstrip(".") in PLACEHOLDERS else text
