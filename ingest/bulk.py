"""Bulk requests sized in bytes, with retries, and outcomes written back to each input.

Before a batch is sent, the stored content hash of each input's main record tells whether the
input is new (indexed), changed (updated) or the same (unchanged, not sent again). Items refused
by OpenSearch fail with its reason; 429 and 5xx are retried with backoff by ``streaming_bulk``,
and a lost connection retries the whole batch before giving up with ``SearchUnavailable``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from opensearchpy import OpenSearch, helpers

from legal_search.client import UNAVAILABLE, unavailable
from legal_search.settings import Settings

BATCH_BYTES = 8 << 20  # one flush; streaming_bulk cuts it into requests of at most REQUEST_BYTES
REQUEST_BYTES = 10 << 20
BATCH_ITEMS = 200
CONNECTION_RETRIES = 4


class BulkWriter:
    def __init__(self, client: OpenSearch, settings: Settings, on_done: Callable[[list], None]):
        self.client, self.settings, self.on_done = client, settings, on_done
        self.pending: list[tuple[object, list[dict]]] = []
        self.size = 0

    def add(self, item, actions: list[dict]) -> None:
        """``item.result`` (an InputResult) receives the outcome; ``actions[0]`` is its main record."""
        self.pending.append((item, actions))
        self.size += sum(len(json.dumps(a["_source"], ensure_ascii=False)) for a in actions)
        if self.size >= BATCH_BYTES or len(self.pending) >= BATCH_ITEMS:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        pending, self.pending, self.size = self.pending, [], 0
        self._with_retries(lambda: self._classify(pending))
        todo = [(it, acts) for it, acts in pending if it.result.outcome != "unchanged"]
        owner = {(a["_index"], a["_id"]): it for it, acts in todo for a in acts}
        actions = [a for _, acts in todo for a in acts]
        actions += self._stale_records([(it, acts) for it, acts in todo if it.result.outcome == "updated"])
        if actions:
            self._with_retries(lambda: self._send(actions, owner))
        self.on_done([it for it, _ in pending])

    def _stale_records(self, updated: list) -> list[dict]:
        """Delete actions for article records an updated document no longer has."""
        out = []
        for _, acts in updated:
            main = acts[0]
            if main["_source"].get("record") != "document":
                continue
            keep = {a["_id"] for a in acts}
            got = self.client.search(index=main["_index"], body={
                "query": {"term": {"doc_id": main["_id"]}}, "_source": False, "size": 10000})
            out += [{"_op_type": "delete", "_index": main["_index"], "_id": h["_id"]}
                    for h in got["hits"]["hits"] if h["_id"] not in keep]
        return out

    def _send(self, actions: list[dict], owner: dict) -> None:
        for ok, info in helpers.streaming_bulk(self.client, actions, chunk_size=500,
                                               max_chunk_bytes=REQUEST_BYTES, raise_on_error=False,
                                               raise_on_exception=True, max_retries=5,
                                               initial_backoff=1, max_backoff=30):
            if ok:
                continue
            op_type, op = next(iter(info.items()))
            if op_type == "delete" and op.get("status") == 404:
                continue
            it = owner.get((op.get("_index"), op.get("_id")))
            if it is not None:
                it.result.outcome = "failed"
                it.result.reason = f"OpenSearch refused {op.get('_id')}: {op.get('error')}"

    def _with_retries(self, fn: Callable[[], None]) -> None:
        for attempt in range(CONNECTION_RETRIES):
            try:
                return fn()
            except UNAVAILABLE as exc:
                if attempt == CONNECTION_RETRIES - 1:
                    raise unavailable(self.settings, exc) from None
                time.sleep(2 ** attempt)

    def _classify(self, pending: list) -> None:
        """indexed / updated / unchanged from the stored content hash of each main record."""
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

    def pause_refresh(self, index_names: list[str]) -> dict[str, str]:
        """Switch refresh off during the load; returns the settings to restore."""
        saved = {}
        for name in index_names:
            got = self.client.indices.get_settings(index=name, name="index.refresh_interval")
            saved[name] = got.get(name, {}).get("settings", {}).get("index", {}).get("refresh_interval", "1s")
            self.client.indices.put_settings(index=name, body={"index": {"refresh_interval": "-1"}})
        return saved

    def restore_refresh(self, saved: dict[str, str]) -> None:
        for name, value in saved.items():
            try:
                self.client.indices.put_settings(index=name, body={"index": {"refresh_interval": value}})
                self.client.indices.refresh(index=name)
            except UNAVAILABLE:
                pass  # the node is gone; the import already reports what was not sent
