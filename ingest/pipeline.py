"""Bulk import: inputs (files, folders, globs, ZIPs, dataset JSONL) → documents and procedures →
index, accounting for every input.

Every input ends with exactly one outcome: indexed, updated, unchanged, duplicate, needs-ocr or
failed (with a reason). Dataset files count each record (or each grouped document) as an input,
named ``file.jsonl:LINE``.

How an import runs:

- reader processes (``_Readers``: as many as workers, at most ``MAX_READERS``) read and extract
  files ahead;
- a thread of the importer (``_ReadAhead``) takes their objects in input order and decides what
  to analyse (duplicates, richer copies), ahead of the workers;
- analysis (pyvi) runs in a forked process pool;
- results are held until every document is read, so that their validity statuses are settled
  among them (``ingest.settle``); then bulk requests go out as batches fill;
- a journal of finished files lets an interrupted import (Ctrl-C, crash, node down) resume
  without redoing them.
"""

from __future__ import annotations

import faulthandler
import glob
import json
import multiprocessing
import os
import sys
import threading
from collections import deque
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from opensearchpy import NotFoundError, OpenSearch, TransportError

from ingest import parts
from ingest.bulk import BulkWriter
from ingest.copies import (RECORD_FIELDS, added_relations, keep_completions, merge_copies, other_copy_richness,
                           stored_patch, with_origins)
from ingest.journal import Journal
from ingest.prepare import Prepared, content_hash, document_actions, procedure_action, serialize
from ingest.report import IngestReport, InputResult, Progress, sha256_file
from ingest.settle import Settler, outcomes_of
from legal_search import indices, statuses
from legal_search.client import refusal_of
from legal_search.errors import SearchUnavailable
from legal_search.model import LegalDocument, Procedure, Relation
from legal_search.settings import Settings

INLINE_BYTES = 2 << 20  # below this much input, forking workers costs more than it saves
SKIP_SUFFIXES = (".md", ".expected.json")
MAX_READERS = 4  # reader processes (each holds the objects of the file it reads)
READ_AHEAD_CHARS = 200_000_000  # of text read and extracted ahead of the workers
HOLD_BYTES = 400 << 20  # of prepared records held until reading ends (beyond: sent unsettled)
_LOCK = threading.Lock()  # file counters, shared by the reading thread and the importer
STUCK_AFTER = 60.0  # s: an interrupted import still stopping by then prints every thread's stack


@dataclass
class _Item:
    result: InputResult
    file: "_File"
    obj: LegalDocument | Procedure | None = None
    parts: list[InputResult] = field(default_factory=list)  # the other files of a document in parts
    superseded_by: "_Item | None" = None  # a later copy of the same document with more text


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

    kind = readers.detect(path)
    if kind in ("json", "jsonl"):
        for line, obj in datasets.iter_dataset(path):
            res = InputResult(input=f"{path}:{line}", sha256=sha)
            if isinstance(obj, Exception):
                res.outcome = getattr(obj, "outcome", "failed")
                res.reason = getattr(obj, "reason", str(obj))
                yield res, None, []
            else:
                obj.source.path = obj.source.path or str(path)
                obj.source.sha256 = obj.source.sha256 or sha
                yield res, obj, []
        return
    for raw in readers.read(path):
        res = InputResult(input=raw.path, sha256=sha)
        if raw.needs_ocr:
            res.outcome, res.reason = "needs-ocr", "no text layer: needs OCR before it can be indexed"
            yield res, None, []
            continue
        yield res, _extracted(raw, sha), []


def _extracted(raw, sha: str) -> LegalDocument:
    from ingest.extract import document_id, extract

    doc = extract(raw)
    doc.id = doc.id or document_id(doc)
    doc.source.path, doc.source.sha256 = raw.path, sha
    doc.source.format = doc.source.format or raw.format
    return doc


def _objects_of_parts(paths: list[Path], shas: list[str]):
    """A document in numbered parts (``ingest.parts``): one document, each other part an input
    that ends as the document does. If a part cannot be read alone as one document with text,
    every part is read on its own instead."""
    from ingest import readers
    from ingest.raw import ReaderError

    try:
        raws = [list(readers.read(p)) for p in paths]
    except ReaderError:
        raws = []
    if not raws or any(len(r) != 1 or r[0].needs_ocr for r in raws):
        for path, sha in zip(paths, shas):
            try:
                yield from _objects_of_file(path, sha)
            except ReaderError as exc:
                yield InputResult(input=exc.path or str(path), sha256=sha, reason=exc.reason), None, []
        return
    res = InputResult(input=str(paths[0]), sha256=shas[0])
    others = [InputResult(input=str(p), sha256=sha, outcome="pending",
                          reason=f"part {i} of {len(paths)}, imported with {paths[0].name}")
              for i, (p, sha) in enumerate(zip(paths, shas), 1) if i > 1]
    yield res, _extracted(parts.join([r[0] for r in raws]), shas[0]), others


def _read_file(group: list[Path], shas: list[str]) -> tuple[list[tuple], tuple[str, str] | None]:
    """Every object of one file (or one document in parts), and the error that stopped reading
    it, as (input, reason). Runs in a reader process (``_Readers``) or in the reading thread."""
    from ingest.raw import ReaderError

    sha = shas[0] if len(group) == 1 else parts.group_sha(shas)
    out: list[tuple] = []
    try:
        objects = _objects_of_file(group[0], sha) if len(group) == 1 else _objects_of_parts(group, shas)
        for got in objects:
            out.append(got)
    except ReaderError as exc:
        return out, (exc.path or str(group[0]), exc.reason)
    except Exception as exc:  # one bad file must not stop an import of thousands
        return out, (str(group[0]), f"{type(exc).__name__}: {exc}")
    return out, None


@dataclass
class _Plan:
    path: Path
    group: list[Path]
    shas: list[str]
    done: list[dict] | None  # the journal's results when an earlier run finished this file
    size: int = 0

    @property
    def sha(self) -> str:
        return self.shas[0] if len(self.group) == 1 else parts.group_sha(self.shas)


def _plans(files: list[Path], journal: Journal, report: IngestReport) -> Iterator[_Plan]:
    """Each file (or document in parts) once, hashed and looked up in the journal; an unreadable
    file is a failed input here."""
    groups = parts.part_groups(files)
    later = {p for group in groups.values() for p in group[1:]}
    for path in files:
        if path in later:
            continue  # read with its first part
        group = groups.get(path, [path])
        try:
            shas = [sha256_file(p) for p in group]
            size = sum(p.stat().st_size for p in group)
        except OSError as exc:  # unreadable (permissions, vanished, I/O error): each file fails alone
            for p in group:
                report.add(InputResult(input=str(p), reason=f"cannot read the file: {exc.strerror or exc}"))
            with _LOCK:
                report.files_done += 1
            continue
        plan = _Plan(path, group, shas, None, size)
        plan.done = journal.finished(plan.sha)
        yield plan


class _Processes:
    """A forked process pool whose results are taken in submission order. A process that dies (a
    crash in a C library, the OOM killer) breaks the pool: the tasks that were in it run again,
    each alone in a fresh pool, and the one that kills its process again gives ``died``."""

    def __init__(self, processes: int):
        self.processes = processes
        self.stopped = False
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_ignore_sigint)
        pool.submit(int).result()  # forks every process now
        return pool

    def submit(self, fn: Callable, *args) -> Future:
        try:
            return self.pool.submit(fn, *args)
        except BrokenProcessPool:  # broken by an earlier task: that task's result says so
            self._restart()
            return self.pool.submit(fn, *args)

    def result(self, future: Future, fn: Callable, *args, died):
        for attempt in range(2):
            try:
                while True:
                    try:
                        return future.result(timeout=0.5)
                    except FuturesTimeout:
                        if self.stopped:
                            raise RuntimeError("the import stopped while its processes were working") from None
            except (BrokenProcessPool, CancelledError):  # a process died, on this task or one beside it
                if self.stopped:
                    raise RuntimeError("the import stopped while its processes were working") from None
                self._restart()
                if attempt == 0:
                    future = self.pool.submit(fn, *args)  # alone in a fresh pool
        return died

    def _restart(self) -> None:
        self._discard()
        self.pool = self._start()

    def _discard(self) -> None:
        pool, self.pool = self.pool, None
        if pool is not None:
            for proc in list((getattr(pool, "_processes", None) or {}).values()):  # no public way to stop them
                proc.terminate()
            pool.shutdown(wait=True, cancel_futures=True)

    def close(self) -> None:
        self.stopped = True
        self._discard()


class _Workers(_Processes):
    """The analysis pool: ``imap`` in input order, ``chunksize`` inputs per task, at most
    ``AHEAD`` tasks per process in flight. A chunk whose process dies twice is run again one
    input per task, so that only the input that kills its process fails."""

    AHEAD = 4
    DIED = "the worker process died while analysing this input (out of memory?); nothing was indexed from it"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def imap(self, fn: Callable, iterable: Iterable, chunksize: int = 1) -> Iterator:
        window: deque[tuple[list, Future]] = deque()
        chunks = _chunks(iterable, max(1, chunksize))
        for chunk in chunks:
            window.append((chunk, self.submit(_run_chunk, fn, chunk)))
            if len(window) >= self.AHEAD * self.processes:
                yield from self._take(fn, *window.popleft())
        while window:
            yield from self._take(fn, *window.popleft())

    def _take(self, fn: Callable, chunk: list, future: Future) -> Iterator:
        out = self.result(future, _run_chunk, fn, chunk, died=None)
        if out is not None:
            yield from out
        else:
            for args in chunk:  # one of them kills its process: find which
                yield self.result(self.submit(fn, args), fn, args, died=self.DIED)


def _chunks(iterable: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for x in iterable:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _run_chunk(fn: Callable, chunk: list) -> list:
    return [fn(args) for args in chunk]


class _Readers:
    """Files read and extracted in reader processes, ahead of the reading thread that takes
    their objects in input order: reading a folder of PDFs or a large dataset file then uses
    every core while the workers have little to analyse yet. ``processes`` 0: read in the thread.
    A file that kills its reader twice (``_Processes``) is a failed input; the import goes on."""

    WINDOW_BYTES = 64 << 20  # of input files read ahead (at least one file)

    def __init__(self, processes: int):
        self.files = max(2, 2 * processes)
        self.procs = _Processes(processes) if processes > 0 else None

    def read(self, plans: Iterator[_Plan]) -> Iterator[tuple[_Plan, tuple]]:
        """(plan, (objects, error)) in the order of ``plans``; journaled files are not read."""
        ahead: deque[tuple[_Plan, Future | None]] = deque()
        in_flight = 0
        procs = self.procs

        def take() -> tuple[_Plan, tuple]:
            nonlocal in_flight
            plan, pending = ahead.popleft()
            in_flight -= plan.size if pending is not None else 0
            if plan.done is not None:
                return plan, ([], None)
            if pending is None:
                return plan, _read_file(plan.group, plan.shas)
            died = ([], (str(plan.path), "the reader process died while reading this file (a crash in the "
                                         "reading library, or out of memory); nothing was imported from it"))
            return plan, procs.result(pending, _read_file, plan.group, plan.shas, died=died)

        for plan in plans:
            pending = None
            if procs is not None and plan.done is None:
                pending = procs.submit(_read_file, plan.group, plan.shas)
                in_flight += plan.size
            ahead.append((plan, pending))
            while ahead and (procs is None or in_flight > self.WINDOW_BYTES or len(ahead) > self.files):
                yield take()
        while ahead:
            yield take()
        self.close()  # every file is read: free the readers' memory for the rest of the import

    def close(self) -> None:
        if self.procs is not None:
            self.procs.close()


def _ignore_sigint() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the importer's to handle


def _items(files: list[Path], journal: Journal, report: IngestReport, readers: _Readers | None = None,
           stored: "Callable[[list[str]], dict[str, dict]] | None" = None) -> Iterator[_Item]:
    for plan, (objects, error) in (readers or _Readers(0)).read(_plans(files, journal, report)):
        sha = plan.sha
        f = _File(plan.path, sha)
        if plan.done is not None:  # finished by an earlier run into this same index
            done = plan.done
            for r in done:  # stored documents are unchanged; scans and duplicates stay what they were
                kept = r.get("outcome") in ("needs-ocr", "duplicate")
                report.add(InputResult(input=r["input"], sha256=r.get("sha256") or sha, ids=r.get("ids", []),
                                       outcome=r["outcome"] if kept else "unchanged",
                                       reason=r.get("reason", "") if kept else "already imported (journal)"))
            with _LOCK:
                report.files_done += 1
                report.documents_done += sum(r.outcome == "unchanged" for r in report.results[-len(done):])
            for r in report.results[-len(done):]:
                if r.outcome == "unchanged":  # the stored copy: a copy read later stays a duplicate
                    yield _Item(r, f)
            continue
        if stored is not None:
            _complete_from_index([o for _, o, _ in objects if isinstance(o, LegalDocument) and o.id], stored)
        for res, obj, others in objects:
            if isinstance(obj, LegalDocument) and obj.warnings:
                res.warnings = list(obj.warnings)  # in the report line: what to check
            for r in (res, *others):
                f.results.append(r)
                report.add(r)
            yield _Item(res, f, obj, others)
        if error is not None:
            res = InputResult(input=error[0], sha256=sha, reason=error[1])
            f.results.append(res)
            report.add(res)
        with _LOCK:
            f.read_done = True
            last = f.pending == 0
        if last:
            _file_done(f, journal, report)


def _stacks_if_stuck(seconds: float) -> bool:
    """Print every thread's stack to stderr if the import has not stopped ``seconds`` from now
    (``faulthandler`` writes them from its own thread, whatever the others are waiting on)."""
    try:
        faulthandler.dump_traceback_later(seconds, exit=False, file=sys.__stderr__)
    except (AttributeError, OSError, ValueError):  # no usable stderr (a service without one)
        return False
    return True


def _prepare(args: tuple[LegalDocument | Procedure, str, str]) -> Prepared | str:
    obj, docs_index, proc_index = args
    try:
        if isinstance(obj, Procedure):
            return serialize([procedure_action(obj, proc_index)])
        articles = [(a.anchor, a.number) for a in obj.articles]  # judged alone; settled later
        prepared = serialize(document_actions(obj, docs_index), statuses.alone_fields(obj, articles), articles)
        prepared.richness, prepared.source = (obj.has_text, len(obj.articles)), obj.source.path or ""
        return prepared
    except Exception as exc:  # reported against its input, never lost
        return f"{type(exc).__name__}: {exc}"


def _parallel(workers: int, files: list[Path]) -> bool:
    """Worth forking processes for: more than one worker and enough input."""
    return workers > 1 and sum(p.stat().st_size for p in files) >= INLINE_BYTES


def _pool(workers: int, files: list[Path]):
    if not _parallel(workers, files):
        return _InlinePool()
    import analyzers

    analyzers.segment("khởi động")  # load pyvi before forking: the workers share its pages
    return _Workers(workers)


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
    writer = BulkWriter(client, settings, on_done=lambda items: _finish(items, journal, report))
    workers = workers or os.cpu_count() or 1
    queued: list[_Item] = []
    settler = Settler()
    sent = _Sent()
    # forked before any thread starts; reading is a fraction of analysis: a few readers suffice
    readers = _Readers(min(workers, MAX_READERS) if _parallel(workers, files) else 0)
    # documents the index holds may be completed by what they said (none in a fresh index)
    stored = _stored_docs(client, docs_index, writer.retrying) if client.count(index=docs_index)["count"] else None
    late: list[tuple[_Item, str, dict]] = []  # poorer copies read after the kept one
    reading = _ReadAhead(_accepted(files, journal, report, settler, readers, stored, late), READ_AHEAD_CHARS)

    def to_prepare() -> Iterator[tuple]:
        for item in reading:
            if item.superseded_by is not None:  # a copy with more text was read before this one left
                sent.keep(item)  # a duplicate of it, never analysed
                _finish([item], journal, report)
                continue
            queued.append(item)
            yield item.obj, docs_index, proc_index

    held: list[tuple[_Item, Prepared]] = []
    held_bytes = 0

    def send(item: _Item, prepared: Prepared) -> None:
        if not sent.keep(item):
            _finish([item], journal, report)
            return
        if settler.graph is None and reading.done.is_set():
            settler.close()  # every document is read: settle their statuses among themselves
        settler.settle(prepared)
        writer.add(item, prepared)

    saved = writer.pause_refresh([docs_index, proc_index])
    stopped = None  # why the node could not be reached, when it went away
    watchdog = False  # armed by Ctrl-C
    try:
        with _pool(workers, files) as pool:
            for n, prepared in enumerate(pool.imap(_prepare, to_prepare(), chunksize=2)):
                item, queued[n] = queued[n], None  # free memory as we go
                item.obj = None
                if isinstance(prepared, str):
                    item.result.outcome, item.result.reason = "failed", prepared
                    _finish([item], journal, report)
                elif not reading.done.is_set() and held_bytes + prepared.size <= HOLD_BYTES:
                    held.append((item, prepared))  # until every document is read
                    held_bytes += prepared.size
                else:
                    for it, p in held:
                        send(it, p)
                    held, held_bytes = [], 0
                    send(item, prepared)
                if progress:
                    progress(report.progress())
            for it, p in held:
                send(it, p)
            writer.flush()
            if progress:
                progress(report.progress())
    except SearchUnavailable as exc:  # the node went away for longer than the retries: report, then resume
        stopped = exc.message
    except KeyboardInterrupt:
        print("stopping the import (the bulk request in flight ends first); run the same command again to "
              "go on: files already imported are not read again", file=sys.stderr, flush=True)
        # stopping waits for the request in flight and the processes; a stop that hung once (and
        # was never seen again) left nothing to go on: should one hang, say where each thread is
        watchdog = _stacks_if_stuck(STUCK_AFTER)
        raise
    finally:
        try:
            readers.close()
            reading.close()
            writer.close()  # after the request in flight: nothing writes to the journal once it is closed
            why = f"the node could not be reached ({stopped})" if stopped else "the import stopped"
            for r in report.results:
                if r.outcome == "pending":
                    r.outcome, r.reason = "failed", f"not indexed: {why} before this input was sent"
            report.warnings += writer.restore_refresh(saved)
            journal.close()
        finally:
            if watchdog:
                faulthandler.cancel_dump_traceback_later()
    if stopped:
        report.warnings.append(f"the import stopped: {stopped}; run the same command again when the node is "
                               "back: files already imported are not read again")
        return report.finish()
    not_sent = [(it, p.id, json.loads(p.lines[0][1].split(b"\n", 1)[1]).get("doc") or {})
                for it, p in writer.kept_stored]
    try:
        completed = _complete_stored(client, writer, docs_index, [*late, *not_sent])
        # what the import could not settle alone: documents of the index it acts on or is named by
        done = [i for r in report.results if r.outcome in ("indexed", "updated") for i in r.ids] + completed
        seeds = settler.seeds(client, settings, outcomes_of(report.results))
        statuses.refresh_after_import(client, settings, done, linked=None if seeds is None else [*seeds, *completed])
    except (TransportError, SearchUnavailable) as exc:  # every input keeps its outcome
        why = refusal_of(exc) if isinstance(exc, TransportError) else exc.message
        report.warnings.append(f"after the import, stored documents could not be completed from their copies "
                               f"or their statuses recomputed ({why}); when the node takes writes again, "
                               f"import the same inputs again or run: legal-search check --refresh")
    report.settled = settler.rewritten
    return report.finish()


def _accepted(files: list[Path], journal: Journal, report: IngestReport, settler: Settler,
              readers: _Readers | None = None, stored: "Callable[[list[str]], dict[str, dict]] | None" = None,
              late: list | None = None) -> Iterator[_Item]:
    """The items to analyse and index: each document or procedure once, every document noted
    for settling statuses. A later copy is a duplicate, unless it has more text than the copy
    kept so far (a law's full text after the articles Pháp điển quotes of it): then both go to
    the workers and ``_Sent`` keeps the richer one, which first takes what the other copy knew
    (``ingest.copies``). A poorer copy read later is a duplicate; what it knows that the kept
    copy lacks goes to ``late`` (item, id, its ``doc``), to complete the stored document once
    every record is sent (``_complete_stored``): the kept copy may already be with the workers,
    and an import must give the same records whatever the timing."""
    seen: dict[str, tuple[_Item, tuple]] = {}  # richness measured on reading: the main thread frees obj
    # what each kept copy says of the fields a poorer copy can complete (``RECORD_FIELDS``, only
    # non-empty ones): small, and there even when the settler keeps no copy (too many documents)
    fields_of: dict[str, dict] = {}
    for item in _items(files, journal, report, readers, stored):
        if item.obj is None:
            if item.result.outcome == "unchanged" and item.result.ids:  # kept by an earlier run
                seen.setdefault(item.result.ids[0], (item, STORED))
            continue
        key = record_key(item.obj)
        item.result.ids = [key]
        rich = _richness(item.obj)
        if key in seen:
            kept, kept_rich = seen[key]
            if rich <= kept_rich:
                item.result.outcome, item.result.reason = "duplicate", f"same document as {kept.result.input}"
                _mirror(item)
                if late is not None and isinstance(item.obj, LegalDocument):
                    other = item.obj.model_dump(mode="json", exclude={"text", "articles"})
                    # a copy stored by an earlier run is looked up later; one of this run is known here
                    # relations are compared with the stored document's once it is sent
                    if kept_rich == STORED or other.get("relations") or stored_patch(fields_of.get(key, {}), other):
                        late.append((item, key, other))
                continue
            kept.superseded_by = item
            if isinstance(item.obj, LegalDocument):  # what the poorer copy knew is kept
                poorer = settler.docs.get(key)
                if poorer is None and fields_of.get(key):
                    poorer = LegalDocument.model_validate({"id": key, **fields_of[key]})
                if poorer is not None:
                    merge_copies(item.obj, poorer)
        seen[key] = item, rich
        if isinstance(item.obj, LegalDocument):
            given = {name for name in RECORD_FIELDS if getattr(item.obj, name) not in (None, "", [])}
            if given:
                fields_of[key] = {**item.obj.model_dump(mode="json", include=given),
                                  "source": {"path": item.obj.source.path}}
            else:
                fields_of.pop(key, None)
            settler.note(item.obj)
        item.result.outcome = "pending"
        with _LOCK:
            item.file.pending += 1
        yield item


LOOKUP_BATCH = 200  # documents looked up in the index at once


def _complete_from_index(docs: list[LegalDocument], stored: Callable[[list[str]], dict[str, dict]]) -> None:
    """Each document the index already holds from another file with less text (a catalogue row
    imported in an earlier run) completes the new copy before it is analysed: the catalogue's
    validity label, lĩnh vực or relations are kept when the text arrives. A changed version of
    a stored document from its own file keeps the fields other files completed it with; an
    unchanged one stays unchanged (its stored copy already has them)."""
    for start in range(0, len(docs), LOOKUP_BATCH):
        chunk = docs[start:start + LOOKUP_BATCH]
        found = stored([d.id for d in chunk])
        for doc in chunk:
            have = found.get(doc.id)
            if not have:
                continue
            if _poorer_elsewhere(have, doc):
                merge_copies(doc, _stored_doc(have))
            elif have.get("source_path") == (doc.source.path or "") and have.get("content_hash") != content_hash(doc):
                keep_completions(doc, _stored_doc(have))  # a corrected file: what others added stays


def _stored_doc(have: dict) -> LegalDocument:
    return LegalDocument.model_validate(dict(have.get("doc") or {}, articles=[], text=""))


def _poorer_elsewhere(have: dict, doc: LegalDocument) -> bool:
    """The stored copy came from another file and has less: no text where this one has, or
    fewer articles."""
    theirs = other_copy_richness(have, doc.source.path or "")
    return theirs is not None and theirs < (doc.has_text, len(doc.articles))


def _stored_docs(client: OpenSearch, index: str, retry: Callable) -> Callable[[list[str]], dict[str, dict]]:
    def lookup(ids: list[str]) -> dict[str, dict]:
        got = retry(lambda: client.mget(index=index, body={"ids": ids},
                                        _source_includes=["has_text", "source_path", "content_hash", "doc"]))
        return {d["_id"]: d["_source"] for d in got["docs"] if d.get("found")}
    return lookup


def _complete_stored(client: OpenSearch, writer: BulkWriter, index: str,
                     copies: list[tuple[_Item, str, dict]]) -> list[str]:
    """Copies that were not sent because the document is indexed with more text (a catalogue
    row read after the text, in this import or a later one) give the stored document the fields
    it lacks (``ingest.copies.stored_patch``: the validity label, lĩnh vực, dates, signer), on
    every record of it, with their provenance, and the relations it states that the stored one
    does not (each marked with its file, ``Relation.origin``). Returns the ids completed, whose
    statuses, and those of the documents they act on, are then computed again."""
    completed = []
    for item, doc_id, other in copies:
        try:
            got = writer.retrying(lambda: client.get(index=index, id=doc_id, _source_includes=["doc"]))
        except NotFoundError:  # the kept copy failed: nothing to complete
            continue
        have = got["_source"].get("doc") or {}
        patch = stored_patch(have, other)
        origin = f"copy:{(other.get('source') or {}).get('path') or item.result.input}"
        mine = [Relation.model_validate(r) for r in have.get("relations") or []]
        added = added_relations(mine, [Relation.model_validate(r) for r in other.get("relations") or []], origin)
        if not patch and not added:
            continue
        record, stored = dict(patch), {**patch, "provenance": {name: origin for name in patch}}
        if added:  # the document's relations, and on every record the keys they name
            every = [*mine, *added]
            record["relation_keys"] = sorted({r.target_key for r in every if r.target_key})
            stored["relations"] = [r.model_dump(mode="json") for r in every]
            stored["provenance"]["relations"] = with_origins((have.get("provenance") or {}).get("relations"), origin)
        hits = writer.retrying(lambda: client.search(index=index, body={
            "query": {"term": {"doc_id": doc_id}}, "_source": False, "size": 10000}))["hits"]["hits"]
        lines = []
        for hit in hits:  # partial updates: the record fields, and for the document its doc and provenance
            fields = dict(record)
            if hit["_id"] == doc_id:
                fields["doc"] = stored
            lines += [{"update": {"_index": index, "_id": hit["_id"]}}, {"doc": fields}]
        resp = writer.retrying(lambda: client.bulk(body=lines, refresh=True))
        if resp.get("errors"):
            item.result.reason += "; completing the stored document failed: " + str(
                next(x["update"].get("error") for x in resp["items"] if x["update"].get("error")))[:300]
            continue
        given = [*patch, *([f"{len(added)} relation(s)"] if added else [])]
        item.result.reason += f"; it completed the stored document: {', '.join(given)}"
        completed.append(doc_id)
    return completed


def record_key(obj: LegalDocument | Procedure) -> str:
    """The id one input is indexed under: the document's id, ``tthc:CODE`` for a procedure."""
    return obj.id if isinstance(obj, LegalDocument) else f"tthc:{obj.code}"


def _chars(doc: LegalDocument) -> int:
    return len(doc.text) + sum(len(a.text) for a in doc.articles)


STORED = (True, 1 << 30, 1 << 60)  # a copy an earlier run kept (from the journal): never superseded


def _richness(obj) -> tuple:
    """How much of a document a copy holds: full text, then articles, then characters."""
    if not isinstance(obj, LegalDocument):
        return (0, 0, 0)  # procedures: the first copy is kept
    return (bool(obj.text), len(obj.articles), _chars(obj))


class _Sent:
    """One copy of each document is sent: the first to reach the writer, unless a later copy
    with more text is on its way (then that one, if the first has not gone out yet)."""

    def __init__(self):
        self.by_key: dict[str, str] = {}

    def keep(self, item: _Item) -> bool:
        """False (and the item is a duplicate) when another copy is or will be sent instead."""
        key = item.result.ids[0]
        if key in self.by_key:
            item.result.outcome, item.result.reason = "duplicate", f"same document as {self.by_key[key]}"
        elif item.superseded_by is not None:
            item.result.outcome = "duplicate"
            item.result.reason = f"same document as {item.superseded_by.result.input}, which has more text"
        else:
            self.by_key[key] = item.result.input
            return True
        return False


def _size(item: _Item) -> int:
    return _chars(item.obj) + 1000 if isinstance(item.obj, LegalDocument) else 10_000


class _ReadAhead:
    """Reading and extraction in a thread of their own, ahead of the workers by up to
    ``budget`` characters of text, so that reading ends early in an import (``done``)."""

    def __init__(self, source: Iterator[_Item], budget: int):
        self.done = threading.Event()
        self._buf: deque[tuple[_Item, int]] = deque()
        self._cond = threading.Condition()
        self._chars, self._budget = 0, budget
        self._stop, self._error = False, None
        self._thread = threading.Thread(target=self._run, args=(source,), name="ingest-read", daemon=True)
        self._thread.start()

    def _run(self, source: Iterator[_Item]) -> None:
        try:
            for item in source:
                size = _size(item)
                with self._cond:
                    while self._chars > self._budget and not self._stop:
                        self._cond.wait()
                    if self._stop:
                        return
                    self._buf.append((item, size))
                    self._chars += size
                    self._cond.notify_all()
        except BaseException as exc:  # raised again in the importer's thread
            self._error = exc
        finally:
            with self._cond:
                self.done.set()
                self._cond.notify_all()

    def __iter__(self) -> Iterator[_Item]:
        while True:
            with self._cond:
                while not self._buf and not self.done.is_set():
                    self._cond.wait()
                if not self._buf:
                    if self._error is not None:
                        raise self._error
                    return
                item, size = self._buf.popleft()
                self._chars -= size
                self._cond.notify_all()
            yield item

    def close(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join(timeout=10)  # a daemon: one stuck on a huge file ends with the process


def _finish(items: list[_Item], journal: Journal, report: IngestReport) -> None:
    """Items whose bulk request completed: journal each file once all its items are done."""
    for item in items:
        _mirror(item)
        with _LOCK:
            f = item.file
            f.pending -= 1
            last = f.read_done and f.pending == 0
            report.documents_done += item.result.outcome in ("indexed", "updated", "unchanged")
        if last:
            _file_done(f, journal, report)


def _mirror(item: _Item) -> None:
    """The other parts of a document end as it does."""
    for part in item.parts:
        part.outcome, part.ids = item.result.outcome, list(item.result.ids)
        if item.result.outcome in ("failed", "duplicate"):
            part.reason = f"{part.reason}: {item.result.reason}"


def _file_done(f: "_File", journal: Journal, report: IngestReport) -> None:
    """Every input of the file has its outcome (called from either thread)."""
    with _LOCK:
        journal.record(f.sha256, f.results)
        report.files_done += 1


class _InlinePool:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def imap(self, fn, iterable, chunksize=1):
        return map(fn, iterable)
