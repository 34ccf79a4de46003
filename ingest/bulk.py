"""Bulk requests sized in bytes, with retries, and outcomes written back to each input.

Records arrive already serialised (``ingest.prepare.Prepared``, built in the worker processes).
Before a batch is sent, the stored content hash of each input's main record tells whether the
input is new (indexed), changed (updated) or the same (unchanged, not sent again); an updated
document also loses the article records it no longer has. Items OpenSearch rejects with 429 or
5xx are sent again with backoff; other rejections fail their input with OpenSearch's reason; a
lost connection retries the request before giving up with ``SearchUnavailable``.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Callable

from opensearchpy import OpenSearch, TransportError

from ingest.copies import other_copy_richness
from ingest.prepare import Prepared
from legal_search.client import UNAVAILABLE, refusal, refusal_of, unavailable
from legal_search.settings import Settings

BATCH_BYTES = 8 << 20  # one flush
REQUEST_BYTES = 10 << 20  # one bulk request at most (a single larger record goes alone)
BATCH_ITEMS = 200
RETRIES = 5  # per request (connection) and per item (429/5xx)


class BulkWriter:
    """Batches go out from a sender thread, one request at a time and in order, while the caller
    goes on preparing the next ones: the node indexes while the workers segment. ``on_done`` is
    called from that thread. ``flush`` sends what is left and waits for every batch; an error of
    the sender (``SearchUnavailable``) is raised in the caller at its next ``add`` or ``flush``,
    and the batches after it are not sent (their items keep no outcome)."""

    def __init__(self, client: OpenSearch, settings: Settings, on_done: Callable[[list], None]):
        self.client, self.settings, self.on_done = client, settings, on_done
        self.pending: list[tuple[object, Prepared]] = []
        self.size = 0
        # (item, prepared) of copies not sent because the index holds the document with more
        # text: what they know may still complete it (``ingest.pipeline``)
        self.kept_stored: list[tuple[object, Prepared]] = []
        self._batches: queue.Queue = queue.Queue(maxsize=1)  # one waiting while one is sent
        self._sender: threading.Thread | None = None
        self._error: BaseException | None = None
        self._closed = False

    def add(self, item, prepared: Prepared) -> None:
        """``item.result`` (an InputResult) receives the outcome."""
        self._raise()
        self.pending.append((item, prepared))
        self.size += prepared.size
        if self.size >= BATCH_BYTES or len(self.pending) >= BATCH_ITEMS:
            self._hand_off()

    def flush(self) -> None:
        """Send everything added and wait until it is written."""
        self._hand_off()
        self._batches.join()
        self._raise()

    def close(self) -> None:
        """Stop the sender after the request in flight (waiting at most a minute); the batch
        waiting behind it is not sent (its items keep no outcome)."""
        self._closed = True
        if self._sender is None:
            return
        try:  # only this thread puts: once the waiting batch is taken out, there is room
            self._batches.get_nowait()
            self._batches.task_done()
        except queue.Empty:
            pass
        self._batches.put_nowait(None)
        self._sender.join(timeout=60)

    def _hand_off(self) -> None:
        if not self.pending:
            return
        pending, self.pending, self.size = self.pending, [], 0
        if self._sender is None:
            self._sender = threading.Thread(target=self._run, name="ingest-send", daemon=True)
            self._sender.start()
        self._batches.put(pending)

    def _raise(self) -> None:
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        while True:
            batch = self._batches.get()
            try:
                if batch is None:
                    return
                if self._error is None and not self._closed:
                    self._write(batch)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                self._error = exc
            finally:
                self._batches.task_done()

    def _write(self, pending: list) -> None:
        self.retrying(lambda: self._classify(pending))
        todo = [(it, p) for it, p in pending if it.result.outcome not in ("unchanged", "duplicate")]
        owner = {(p.index, rid): it for it, p in todo for rid, _ in p.lines}
        lines = [line for _, p in todo for line in p.lines]
        lines += self._stale_records([p for it, p in todo if it.result.outcome == "updated" and p.is_document])
        self._send(lines, owner)
        self.on_done([it for it, _ in pending])

    def _send(self, lines: list[tuple[str, bytes]], owner: dict) -> None:
        for attempt in range(RETRIES + 1):
            again: list[tuple[str, bytes]] = []
            for chunk in _chunks(lines):
                body = b"".join(b for _, b in chunk)
                resp = self.retrying(lambda: self.client.bulk(body=body))
                again += self._outcomes(resp, chunk, owner, last=attempt == RETRIES)
            if not again:
                return
            lines = again
            time.sleep(min(30, 2 ** attempt))

    def _outcomes(self, resp: dict, chunk: list, owner: dict, last: bool) -> list:
        if not resp.get("errors"):
            return []
        again = []
        for (rid, line), result in zip(chunk, resp["items"]):
            op_type, op = next(iter(result.items()))
            status = op.get("status", 500)
            if status < 300 or (op_type == "delete" and status == 404):
                continue
            if (status == 429 or status >= 500) and not last:
                again.append((rid, line))
                continue
            it = owner.get((op.get("_index"), rid))
            if it is not None:
                it.result.outcome = "failed"
                it.result.reason = f"OpenSearch refused {rid}: {refusal(status, op.get('error'))}"
        return again

    def retrying(self, fn: Callable):
        """``fn()``, again with backoff while the node cannot be reached; then SearchUnavailable."""
        for attempt in range(RETRIES):
            try:
                return fn()
            except UNAVAILABLE as exc:
                if attempt == RETRIES - 1:
                    raise unavailable(self.settings, exc) from None
                time.sleep(2 ** attempt)

    def _classify(self, pending: list) -> None:
        """indexed / updated / unchanged from the stored content hash of each main record; a
        duplicate when the index holds this document from another file with more text (a
        catalogue row or a partial copy imported after the full text must not replace it)."""
        by_index: dict[str, list[str]] = {}
        for _, p in pending:
            by_index.setdefault(p.index, []).append(p.id)
        stored = {}
        for index, ids in by_index.items():
            got = self.client.mget(index=index, body={"ids": ids}, _source_includes=[
                "content_hash", "has_text", "source_path", "doc.articles.anchor"])
            stored.update({(index, d["_id"]): d["_source"] for d in got["docs"] if d.get("found")})
        for it, p in pending:
            have = stored.get((p.index, p.id))
            if have is None:
                it.result.outcome = "indexed"
            elif have.get("content_hash") == p.content_hash:
                it.result.outcome = "unchanged"
            elif _richer(have, p):
                it.result.outcome = "duplicate"
                it.result.reason = (f"the index holds this document from {have.get('source_path')} with more "
                                    "text; not replaced")
                self.kept_stored.append((it, p))
            else:
                it.result.outcome = "updated"

    def _stale_records(self, updated: list[Prepared]) -> list[tuple[str, bytes]]:
        """Delete lines for article records an updated document no longer has."""
        out = []
        for p in updated:
            keep = p.ids
            got = self.client.search(index=p.index, body={
                "query": {"term": {"doc_id": p.id}}, "_source": False, "size": 10000})
            for h in got["hits"]["hits"]:
                if h["_id"] not in keep:
                    out.append((h["_id"], (json.dumps({"delete": {"_index": p.index, "_id": h["_id"]}}) + "\n")
                                .encode()))
        return out

    def pause_refresh(self, index_names: list[str]) -> dict[str, str]:
        """Switch refresh off during the load; returns the settings to restore."""
        saved = {}
        for name in index_names:
            got = self.client.indices.get_settings(index=name, name="index.refresh_interval")
            saved[name] = got.get(name, {}).get("settings", {}).get("index", {}).get("refresh_interval", "1s")
            self.client.indices.put_settings(index=name, body={"index": {"refresh_interval": "-1"}})
        return saved

    def restore_refresh(self, saved: dict[str, str]) -> list[str]:
        """Put the saved refresh intervals back; what could not be done, as warnings."""
        warnings = []
        for name, value in saved.items():
            try:
                self.client.indices.put_settings(index=name, body={"index": {"refresh_interval": value}})
                self.client.indices.refresh(index=name)
            except TransportError as exc:  # a lost connection too: the import still reports every input
                warnings.append(f"the refresh interval of {name} could not be set back to {value} "
                                f"({refusal_of(exc)}); new "
                                f"records stay invisible to search until it is: PUT {name}/_settings "
                                f"{{\"index.refresh_interval\": \"{value}\"}}")
        return warnings


def _richer(stored: dict, p: Prepared) -> bool:
    """The stored document came from another file and has more: text where this copy has
    none, or more articles. The same file imported again is a correction and replaces it."""
    theirs = other_copy_richness(stored, p.source)
    return bool(p.richness) and theirs is not None and theirs > p.richness


def _chunks(lines: list[tuple[str, bytes]]):
    chunk, size = [], 0
    for rid, line in lines:
        if chunk and size + len(line) > REQUEST_BYTES:
            yield chunk
            chunk, size = [], 0
        chunk.append((rid, line))
        size += len(line)
    if chunk:
        yield chunk
