"""Bulk import: inputs (files, folders, globs, ZIPs, dataset JSONL) → documents and procedures →
index, accounting for every input.

Every input ends with exactly one outcome: indexed, updated, unchanged, duplicate, needs-ocr or
failed (with a reason). Dataset files count each record (or each grouped document) as an input,
named ``file.jsonl:LINE``. The main process reads and extracts; analysis (pyvi) runs in a forked
process pool; bulk requests go out as batches fill. A journal of finished files lets an
interrupted import (Ctrl-C, crash, node down) resume without redoing them.
"""

from __future__ import annotations

import glob
import json
import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from opensearchpy import OpenSearch

from ingest.bulk import BulkWriter
from ingest.journal import Journal
from ingest.prepare import Prepared, document_actions, procedure_action, serialize
from ingest.report import IngestReport, InputResult, Progress, sha256_file
from legal_search import indices, statuses
from legal_search.model import LegalDocument, Procedure
from legal_search.settings import Settings

INLINE_BYTES = 2 << 20  # below this much input, forking workers costs more than it saves
SKIP_SUFFIXES = (".md", ".expected.json")


@dataclass
class _Item:
    result: InputResult
    file: "_File"
    obj: LegalDocument | Procedure | None = None


@dataclass
class _File:
    path: Path
    sha256: str
    results: list[InputResult] = field(default_factory=list)
    pending: int = 0
    read_done: bool = False


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
    return path.name.startswith(".") or path.name.endswith(SKIP_SUFFIXES)


def _objects_of_file(path: Path, sha: str) -> Iterator[tuple[InputResult, LegalDocument | Procedure | None]]:
    """Read one file: dataset records, or documents from the readers and the extractor."""
    from ingest import datasets, readers
    from ingest.extract import document_id, extract

    kind = readers.detect(path)
    if kind in ("json", "jsonl"):
        for line, obj in datasets.iter_dataset(path):
            res = InputResult(input=f"{path}:{line}", sha256=sha)
            if isinstance(obj, Exception):
                res.outcome = getattr(obj, "outcome", "failed")
                res.reason = getattr(obj, "reason", str(obj))
                yield res, None
            else:
                obj.source.path = obj.source.path or str(path)
                obj.source.sha256 = obj.source.sha256 or sha
                yield res, obj
        return
    for raw in readers.read(path):
        res = InputResult(input=raw.path, sha256=sha)
        if raw.needs_ocr:
            res.outcome, res.reason = "needs-ocr", "no text layer: needs OCR before it can be indexed"
            yield res, None
            continue
        doc = extract(raw)
        doc.id = doc.id or document_id(doc)
        doc.source.path, doc.source.sha256 = raw.path, sha
        doc.source.format = doc.source.format or raw.format
        yield res, doc


def _items(files: list[Path], journal: Journal, report: IngestReport) -> Iterator[_Item]:
    from ingest.raw import ReaderError

    for path in files:
        sha = sha256_file(path)
        f = _File(path, sha)
        done = journal.finished(sha)
        if done is not None:  # finished by an earlier run into this same index
            for r in done:  # stored documents are unchanged; scans and duplicates stay what they were
                kept = r.get("outcome") in ("needs-ocr", "duplicate")
                report.add(InputResult(input=r["input"], sha256=sha, ids=r.get("ids", []),
                                       outcome=r["outcome"] if kept else "unchanged",
                                       reason=r.get("reason", "") if kept else "already imported (journal)"))
            report.files_done += 1
            continue
        try:
            for res, obj in _objects_of_file(path, sha):
                f.results.append(res)
                report.add(res)
                yield _Item(res, f, obj)
        except ReaderError as exc:
            res = InputResult(input=exc.path or str(path), sha256=sha, reason=exc.reason)
            f.results.append(res)
            report.add(res)
        except Exception as exc:  # one bad file must not stop an import of thousands
            res = InputResult(input=str(path), sha256=sha, reason=f"{type(exc).__name__}: {exc}")
            f.results.append(res)
            report.add(res)
        f.read_done = True
        report.files_done += 1
        if f.pending == 0:
            journal.record(f.sha256, f.results)


def _prepare(args: tuple[LegalDocument | Procedure, str, str]) -> Prepared | str:
    obj, docs_index, proc_index = args
    try:
        if isinstance(obj, Procedure):
            return serialize([procedure_action(obj, proc_index)])
        return serialize(statuses.with_status(document_actions(obj, docs_index), obj))  # judged alone
    except Exception as exc:  # reported against its input, never lost
        return f"{type(exc).__name__}: {exc}"


def _pool(workers: int, files: list[Path]):
    total = sum(p.stat().st_size for p in files)
    if workers <= 1 or total < INLINE_BYTES:
        return _InlinePool()
    import analyzers

    analyzers.segment("khởi động")  # load pyvi before forking: the workers share its pages
    return multiprocessing.get_context("fork").Pool(workers)


def ingest(client: OpenSearch, settings: Settings, paths: Iterable[str], workers: int | None = None,
           progress: Callable[[Progress], None] | None = None, resume: bool = True) -> IngestReport:
    """Import every input; return a report with one outcome per input."""
    report = IngestReport()
    files, missing = expand_inputs(paths)
    for res in missing:
        report.add(res)
    report.files_total = len(files)
    targets = indices.ensure(client, settings)
    docs_index, proc_index = targets[settings.docs_alias], targets[settings.procedures_alias]
    # keyed by the index's uuid: a dropped and recreated index of the same name starts afresh
    uuid = client.indices.get_settings(index=docs_index, name="index.uuid")[docs_index]["settings"]["index"]["uuid"]
    journal = Journal.open(settings, f"{docs_index}@{uuid}", enabled=resume)
    seen: dict[str, str] = {}
    writer = BulkWriter(client, settings, on_done=lambda items: _finish(items, journal))
    workers = workers or os.cpu_count() or 1
    queued: list[_Item] = []
    links = _Links()

    def to_prepare() -> Iterator[tuple]:
        for item in _items(files, journal, report):
            if item.obj is None:
                continue
            key = item.obj.id if isinstance(item.obj, LegalDocument) else f"tthc:{item.obj.code}"
            item.result.ids = [key]
            if key in seen:
                item.result.outcome, item.result.reason = "duplicate", f"same document as {seen[key]}"
                continue
            seen[key] = item.result.input
            if isinstance(item.obj, LegalDocument):
                links.note(item.obj)
            item.result.outcome = "pending"
            item.file.pending += 1
            queued.append(item)
            yield item.obj, docs_index, proc_index

    saved = writer.pause_refresh([docs_index, proc_index])
    try:
        with _pool(workers, files) as pool:
            for n, prepared in enumerate(pool.imap(_prepare, to_prepare(), chunksize=2)):
                item, queued[n] = queued[n], None  # free memory as we go
                item.obj = None
                if isinstance(prepared, str):
                    item.result.outcome, item.result.reason = "failed", prepared
                    _finish([item], journal)
                    continue
                writer.add(item, prepared)
                if progress:
                    progress(report.progress())
            writer.flush()
    finally:
        for r in report.results:
            if r.outcome == "pending":
                r.outcome, r.reason = "failed", "not indexed: the import stopped before this input was sent"
        writer.restore_refresh(saved)
        journal.close()
    # statuses of what was imported and of the documents it replaces, amends or repeals
    done = [i for r in report.results if r.outcome in ("indexed", "updated") for i in r.ids]
    statuses.refresh_after_import(client, settings, done, linked=links.involved(client, settings, done))
    return report.finish()


class _Links:
    """Which imported documents take part in a relation, so that only those get their status
    recomputed after the import: one that names another document, a law (named by title and
    date in other texts), or one whose number a stored document names."""

    NAMED_BY_TITLE = {"Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"}

    def __init__(self):
        self.linked: set[str] = set()
        self.keys: dict[str, str] = {}

    def note(self, doc: LegalDocument) -> None:
        if doc.relations or doc.doc_type in self.NAMED_BY_TITLE:
            self.linked.add(doc.id)
        if doc.number_key:
            self.keys[doc.number_key] = doc.id

    def involved(self, client: OpenSearch, settings: Settings, done: list[str]) -> list[str]:
        done_set = set(done)
        out = self.linked & done_set
        keys = list(self.keys)
        for i in range(0, len(keys), 1000):
            batch = keys[i:i + 1000]
            got = client.search(index=settings.docs_alias, body={
                "size": 0, "query": {"terms": {"relation_keys": batch}},
                "aggs": {"named": {"terms": {"field": "relation_keys", "include": batch, "size": len(batch)}}}})
            out |= {self.keys[b["key"]] for b in got["aggregations"]["named"]["buckets"]} & done_set
        return sorted(out)


def _finish(items: list[_Item], journal: Journal) -> None:
    """Items whose bulk request completed: journal each file once all its items are done."""
    for item in items:
        f = item.file
        f.pending -= 1
        if f.read_done and f.pending == 0:
            journal.record(f.sha256, f.results)


class _InlinePool:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def imap(self, fn, iterable, chunksize=1):
        return map(fn, iterable)
