"""The import report: one line per input, and the progress shown while importing."""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

OUTCOMES = ("indexed", "updated", "unchanged", "duplicate", "needs-ocr", "failed")


@dataclass
class InputResult:
    input: str
    sha256: str = ""
    outcome: str = "failed"  # one of OUTCOMES ("pending" only while the import runs)
    reason: str = ""
    ids: list[str] = field(default_factory=list)
    # what the extractor asks a person to check in this input's document (an unreadable date, a
    # broken font map, an unparsed number…): the document is imported as read
    warnings: list[str] = field(default_factory=list)


@dataclass
class Progress:
    files_done: int
    files_total: int
    inputs: int
    documents: int
    seconds: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def eta_s(self) -> float | None:
        if not self.files_done or self.files_done >= self.files_total:
            return None
        return self.seconds / self.files_done * (self.files_total - self.files_done)

    def line(self) -> str:
        eta = f", ETA {self.eta_s:.0f} s" if self.eta_s is not None else ""
        return (f"files {self.files_done}/{self.files_total}, {self.documents} documents, "
                f"{self.docs_per_s:.1f} docs/s{eta}")


@dataclass
class IngestReport:
    results: list[InputResult] = field(default_factory=list)
    seconds: float = 0.0
    files_total: int = 0
    files_done: int = 0
    documents_done: int = 0  # inputs with a final indexed/updated/unchanged outcome (for progress)
    settled: int = 0  # records whose status was settled among the imported documents before sending
    warnings: list[str] = field(default_factory=list)  # what the import could not finish around the inputs
    started: float = field(default_factory=time.monotonic)

    def add(self, result: InputResult) -> None:
        self.results.append(result)

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(r.outcome for r in self.results)
        return {k: c.get(k, 0) for k in OUTCOMES}

    @property
    def ok(self) -> bool:
        """Nothing failed: no input, and nothing the import does around them (``warnings``)."""
        return self.counts["failed"] == 0 and not self.warnings

    def progress(self) -> Progress:
        return Progress(self.files_done, self.files_total, len(self.results), self.documents_done,
                        time.monotonic() - self.started)

    def finish(self) -> "IngestReport":
        self.seconds = time.monotonic() - self.started
        return self

    def summary(self) -> dict:
        """The import as a whole: counts, time, and what it could not finish around the inputs."""
        return {"inputs": len(self.results), "outcomes": self.counts, "files": self.files_total,
                "seconds": round(self.seconds, 1), "statuses_settled": self.settled,
                "inputs_with_extraction_warnings": self.with_extraction_warnings,
                "warnings": list(self.warnings), "ok": self.ok}

    @property
    def with_extraction_warnings(self) -> int:
        """Inputs imported (indexed or updated) whose document the extractor flagged for a check."""
        return sum(1 for r in self.results if r.warnings and r.outcome in ("indexed", "updated"))

    def write(self, path: Path) -> Path:
        """One JSON line per input at ``path``; the summary (with the warnings, which belong to no
        input) beside it, ``NAME.summary.json``. Returns the summary's path."""
        path = Path(path)
        with open(path, "w", encoding="utf-8") as fh:
            for r in self.results:
                fh.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")
        beside = path.with_name(path.stem + ".summary.json")  # import-report.jsonl → import-report.summary.json
        beside.write_text(json.dumps(self.summary(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return beside


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
