"""Bulk import: inputs (files, folders, globs, ZIPs, dataset JSONL) → documents and procedures →
index, accounting for every input.

Every input ends with exactly one outcome: indexed, updated, unchanged, duplicate, needs-ocr or
failed (with a reason). Dataset files count each record (or each grouped document) as an input,
named ``file.jsonl:LINE``. Analysis (pyvi) runs in a process pool while the main process reads,
extracts and sends bulk requests.
"""

from __future__ import annotations

import glob
import hashlib
import json
import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from opensearchpy import OpenSearch, helpers

from ingest.prepare import document_actions, procedure_action
from legal_search import indices
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.model import LegalDocument, Procedure
from legal_search.settings import Settings

OUTCOMES = ("indexed", "updated", "unchanged", "duplicate", "needs-ocr", "failed")
BATCH_BYTES = 8 << 20
BATCH_ITEMS = 200


@dataclass
class InputResult:
    input: str
    sha256: str = ""
    outcome: str = "failed"
    reason: str = ""
    ids: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    results: list[InputResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(r.outcome for r in self.results)
        return {k: c.get(k, 0) for k in OUTCOMES}

    @property
    def ok(self) -> bool:
        return self.counts["failed"] == 0

    def write(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8") as fh:
            for r in self.results:
                fh.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")


@dataclass
class _Item:
    result: InputResult
    obj: LegalDocument | Procedure | None = None


def expand_inputs(paths: Iterable[str]) -> tuple[list[Path], list[InputResult]]:
    """Files from files, folders (recursive) and globs; a missing path is a failed input."""
    files, missing = [], []
    for p in paths:
        matches = [Path(m) for m in sorted(glob.glob(p, recursive=True))] if glob.has_magic(p) else [Path(p)]
        if not matches or not all(m.exists() for m in matches):
            missing.append(InputResult(input=p, reason="no such file or folder"))
            continue
        for m in matches:
            if m.is_dir():
                files += sorted(f for f in m.rglob("*") if f.is_file() and not _ignored(f))
            else:
                files.append(m)
    return files, missing


def _ignored(path: Path) -> bool:
    return path.name.startswith(".") or path.suffix.lower() in {".md", ".expected.json"} or \
        path.name.endswith(".expected.json")


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _items_of_file(path: Path) -> Iterator[_Item]:
    """Read one file: dataset records, or documents from the readers and the extractor."""
    from ingest import datasets, readers
    from ingest.extract import document_id, extract

    sha = _sha256(path)
    kind = readers.detect(path)
    if kind in ("json", "jsonl"):
        for line, obj in datasets.iter_dataset(path):
            res = InputResult(input=f"{path}:{line}", sha256=sha)
            if isinstance(obj, Exception):
                res.outcome = getattr(obj, "outcome", "failed")
                res.reason = getattr(obj, "reason", str(obj))
                yield _Item(res)
            else:
                obj.source.path = obj.source.path or str(path)
                obj.source.sha256 = obj.source.sha256 or sha
                yield _Item(res, obj)
        return
    for raw in readers.read(path):
        res = InputResult(input=raw.path, sha256=sha)
        if raw.needs_ocr:
            res.outcome, res.reason = "needs-ocr", "no text layer: needs OCR before it can be indexed"
            yield _Item(res)
            continue
        doc = extract(raw)
        doc.id = doc.id or document_id(doc)
        doc.source.path, doc.source.sha256 = raw.path, sha
        doc.source.format = doc.source.format or raw.format
        yield _Item(res, doc)


def iter_items(files: list[Path]) -> Iterator[_Item]:
    from ingest.raw import ReaderError

    for path in files:
        try:
            yield from _items_of_file(path)
        except ReaderError as exc:
            yield _Item(InputResult(input=exc.path or str(path), reason=exc.reason))
        except Exception as exc:  # one bad file must not stop an import of thousands
            yield _Item(InputResult(input=str(path), reason=f"{type(exc).__name__}: {exc}"))


def _prepare(args: tuple[LegalDocument | Procedure, str, str]) -> list[dict] | str:
    obj, docs_index, proc_index = args
    try:
        if isinstance(obj, Procedure):
            return [procedure_action(obj, proc_index)]
        return document_actions(obj, docs_index)
    except Exception as exc:  # reported against its input, never lost
        return f"{type(exc).__name__}: {exc}"


class _Bulk:
    """Batches of actions sized in bytes, with outcomes written back to the inputs."""

    def __init__(self, client: OpenSearch, settings: Settings):
        self.client, self.settings = client, settings
        self.pending: list[tuple[_Item, list[dict]]] = []
        self.size = 0

    def add(self, item: _Item, actions: list[dict]) -> None:
        self.pending.append((item, actions))
        self.size += sum(len(json.dumps(a["_source"], ensure_ascii=False)) for a in actions)
        if self.size >= BATCH_BYTES or len(self.pending) >= BATCH_ITEMS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        pending, self.pending, self.size = self.pending, [], 0
        self._mark_unchanged(pending)
        todo = [(it, acts) for it, acts in pending if it.result.outcome != "unchanged"]
        owner = {}
        for it, acts in todo:
            for a in acts:
                owner[(a["_index"], a["_id"])] = it
        stream = (a for _, acts in todo for a in acts)
        for attempt in range(4):
            try:
                for ok, info in helpers.streaming_bulk(self.client, stream, chunk_size=500,
                                                       max_chunk_bytes=BATCH_BYTES + (2 << 20),
                                                       raise_on_error=False, max_retries=5,
                                                       initial_backoff=1, max_backoff=30):
                    if not ok:
                        op = next(iter(info.values()))
                        it = owner.get((op.get("_index"), op.get("_id")))
                        if it is not None:
                            it.result.outcome = "failed"
                            it.result.reason = f"OpenSearch refused {op.get('_id')}: {op.get('error')}"
                break
            except UNAVAILABLE as exc:
                if attempt == 3:
                    raise unavailable(self.settings, exc) from None
                time.sleep(2 ** attempt)

    def _mark_unchanged(self, pending: list[tuple[_Item, list[dict]]]) -> None:
        """An input whose main record is stored with the same content hash is unchanged."""
        by_index: dict[str, list[str]] = {}
        for _, acts in pending:
            by_index.setdefault(acts[0]["_index"], []).append(acts[0]["_id"])
        stored = {}
        for index, ids in by_index.items():
            got = self.client.mget(index=index, body={"ids": ids}, _source_includes=["content_hash"])
            stored.update({(index, d["_id"]): d["_source"].get("content_hash") for d in got["docs"]
                           if d.get("found")})
        for it, acts in pending:
            key = (acts[0]["_index"], acts[0]["_id"])
            if key not in stored:
                it.result.outcome = "indexed"
            elif stored[key] == acts[0]["_source"].get("content_hash"):
                it.result.outcome = "unchanged"
            else:
                it.result.outcome = "updated"


def ingest(client: OpenSearch, settings: Settings, paths: Iterable[str], workers: int | None = None,
           progress: Callable[[IngestReport, int], None] | None = None) -> IngestReport:
    """Import every input; return a report with one outcome per input."""
    start = time.monotonic()
    report = IngestReport()
    files, missing = expand_inputs(paths)
    report.results.extend(missing)
    targets = indices.ensure(client, settings)
    docs_index = targets[settings.docs_alias]
    proc_index = targets[settings.procedures_alias]
    seen: dict[str, str] = {}
    bulk = _Bulk(client, settings)
    workers = workers or os.cpu_count() or 1
    for index in (docs_index, proc_index):
        client.indices.put_settings(index=index, body={"index": {"refresh_interval": "-1"}})
    ctx = multiprocessing.get_context("fork")
    try:
        with ctx.Pool(workers) if workers > 1 else _InlinePool() as pool:
            def ready() -> Iterator[tuple[_Item, tuple]]:
                for item in iter_items(files):
                    report.results.append(item.result)
                    if item.obj is None:
                        continue
                    key = item.obj.id if isinstance(item.obj, LegalDocument) else f"tthc:{item.obj.code}"
                    if key in seen:
                        item.result.outcome = "duplicate"
                        item.result.reason = f"same document as {seen[key]}"
                        item.result.ids = [key]
                        continue
                    seen[key] = item.result.input
                    item.result.ids = [key]
                    yield item, (item.obj, docs_index, proc_index)

            pairs = ready()
            items: list[_Item] = []

            def args() -> Iterator[tuple]:
                for it, a in pairs:
                    items.append(it)
                    yield a

            for n, prepared in enumerate(pool.imap(_prepare, args(), chunksize=4)):
                item = items[n]
                item.obj = None  # free memory: the actions carry what is needed
                if isinstance(prepared, str):
                    item.result.reason = prepared
                    continue
                bulk.add(item, prepared)
                if progress:
                    progress(report, len(files))
            bulk.flush()
    finally:
        for r in report.results:
            if r.outcome == "failed" and not r.reason:
                r.reason = "not indexed: the import stopped before this input was sent"
        for index in (docs_index, proc_index):
            client.indices.put_settings(index=index, body={"index": {"refresh_interval": "1s"}})
            client.indices.refresh(index=index)
    report.seconds = time.monotonic() - start
    return report


class _InlinePool:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def imap(self, fn, iterable, chunksize=1):
        return map(fn, iterable)
