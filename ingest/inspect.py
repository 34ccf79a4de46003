"""What the extractor finds in one file, without indexing: for ``legal-search extract``, so an
archivist can check a file before importing it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ingest.raw import ReaderError
from legal_search.errors import QueryError
from legal_search.model import LegalDocument


def _entry(name: str, obj, with_text: bool) -> dict:
    if isinstance(obj, Exception):
        return {"input": name, "outcome": getattr(obj, "outcome", "failed"),
                "reason": getattr(obj, "reason", str(obj))}
    data = obj.model_dump(mode="json", exclude=None if with_text else {"text"})
    if isinstance(obj, LegalDocument):
        data["text_chars"] = len(obj.text)
        if not with_text:
            for art in data.get("articles", []):
                art.pop("text", None)
    return {"input": name, "outcome": "ok", **data}


def inspect_file(path: Path, with_text: bool = False) -> Iterator[dict]:
    """One dict per document or procedure found in ``path`` (or per record that fails)."""
    from ingest import datasets, readers
    from ingest.extract import document_id, extract

    if not path.exists():
        raise QueryError(f"{path}: no such file", param="path")
    if path.is_dir():
        raise QueryError(f"{path} is a folder: extract reads one file (ingest takes folders)", param="path")
    kind = readers.detect(path)
    if kind in ("json", "jsonl"):
        for line, obj in datasets.iter_dataset(str(path)):
            yield _entry(f"{path}:{line}", obj, with_text)
        return
    try:
        for raw in readers.read(path):
            if raw.needs_ocr:
                yield {"input": raw.path, "outcome": "needs-ocr", "reason": "no text layer: needs OCR",
                       "warnings": raw.warnings}
                continue
            doc = extract(raw)
            doc.id = doc.id or document_id(doc)
            entry = _entry(raw.path, doc, with_text)
            entry["format"], entry["encoding"] = raw.format, raw.encoding
            yield entry
    except ReaderError as exc:
        yield {"input": exc.path or str(path), "outcome": "failed", "reason": exc.reason}
