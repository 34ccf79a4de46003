"""A journal of files fully imported into one index, so that an interrupted import resumes
without redoing them. One JSON line per finished file: sha256, index, and its inputs' results.
A file is journaled only once every one of its inputs has a final outcome from OpenSearch."""

from __future__ import annotations

import json
from pathlib import Path

from legal_search.settings import Settings

FINAL = {"indexed", "updated", "unchanged", "duplicate", "needs-ocr"}


class Journal:
    def __init__(self, path: Path | None, index: str, entries: dict[str, list[dict]]):
        self.path, self.index, self.entries = path, index, entries
        self._fh = None

    @classmethod
    def open(cls, settings: Settings, index: str, enabled: bool = True) -> "Journal":
        if not enabled:
            return cls(None, index, {})
        path = settings.home / "journal" / f"{index.split('@')[0]}.jsonl"
        entries: dict[str, list[dict]] = {}
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue  # a line cut by a crash
                if rec.get("index") == index:
                    entries[rec["sha256"]] = rec["results"]
        return cls(path, index, entries)

    def finished(self, sha256: str) -> list[dict] | None:
        return self.entries.get(sha256)

    def record(self, sha256: str, results) -> None:
        """Remember a file whose inputs all ended well; a file with a failure is redone next time."""
        if self.path is None or not results or any(r.outcome not in FINAL for r in results):
            return
        if self._fh is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = open(self.path, "a", encoding="utf-8")
        rec = {"sha256": sha256, "index": self.index,
               "results": [{"input": r.input, "sha256": r.sha256, "ids": r.ids, "outcome": r.outcome,
                            "reason": r.reason}
                           for r in results]}
        self._fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        self._fh.flush()
        self.entries[sha256] = rec["results"]

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
