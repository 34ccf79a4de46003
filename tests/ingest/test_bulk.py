"""BulkWriter against the real node: outcomes per input, refusals named, stale records deleted."""

from dataclasses import dataclass, field

from ingest.bulk import BulkWriter
from ingest.prepare import serialize
from ingest.report import InputResult
from legal_search import indices


@dataclass
class Item:
    result: InputResult = field(default_factory=lambda: InputResult(input="x", outcome="pending"))


def _doc(index, doc_id, articles, title="t"):
    acts = [{"_index": index, "_id": doc_id, "_source": {"record": "document", "doc_id": doc_id,
                                                         "title": title, "content_hash": title}}]
    acts += [{"_index": index, "_id": f"{doc_id}~{a}", "_source": {"record": "article", "doc_id": doc_id,
                                                                   "anchor": a}} for a in articles]
    return serialize(acts)


def test_outcomes_refusals_and_stale_articles(client, settings):
    index = indices.ensure(client, settings)[settings.docs_alias]
    done = []
    writer = BulkWriter(client, settings, on_done=done.extend)
    first, bad = Item(), Item()
    writer.add(first, _doc(index, "d1", ["dieu-1", "dieu-2", "dieu-3"]))
    refused = _doc(index, "d2", [])
    refused.lines = [(rid, line.replace(b'"title":"t"', b'"no_such_field":1')) for rid, line in refused.lines]
    writer.add(bad, refused)
    writer.flush()
    client.indices.refresh(index=index)
    assert first.result.outcome == "indexed"
    assert bad.result.outcome == "failed" and "strict_dynamic_mapping" in bad.result.reason
    assert len(done) == 2

    same, changed = Item(), Item()
    writer.add(same, _doc(index, "d1", ["dieu-1", "dieu-2", "dieu-3"]))
    writer.flush()
    assert same.result.outcome == "unchanged"
    writer.add(changed, _doc(index, "d1", ["dieu-1"], title="t2"))
    writer.flush()
    client.indices.refresh(index=index)
    assert changed.result.outcome == "updated"
    left = client.search(index=index, body={"query": {"term": {"doc_id": "d1"}}, "_source": False})
    assert sorted(h["_id"] for h in left["hits"]["hits"]) == ["d1", "d1~dieu-1"]


def test_batches_are_written_while_the_caller_goes_on_and_errors_come_back(client, settings, monkeypatch):
    import threading

    import pytest

    from ingest import bulk
    from legal_search.errors import SearchUnavailable

    index = indices.ensure(client, settings)[settings.docs_alias]
    monkeypatch.setattr(bulk, "BATCH_ITEMS", 1)  # every add hands a batch to the sender
    writing, release = threading.Event(), threading.Event()
    real = BulkWriter._write

    def slow_write(self, pending):
        writing.set()
        assert release.wait(30)
        return real(self, pending)

    monkeypatch.setattr(BulkWriter, "_write", slow_write)
    writer = BulkWriter(client, settings, on_done=lambda items: None)
    first, second = Item(), Item()
    writer.add(first, _doc(index, "w1", ["dieu-1"]))
    assert writing.wait(30)  # the first batch is being written…
    writer.add(second, _doc(index, "w2", []))  # …and the caller is not held by it
    assert first.result.outcome == "pending" and second.result.outcome == "pending"
    release.set()
    writer.flush()  # waits for both
    assert (first.result.outcome, second.result.outcome) == ("indexed", "indexed")

    def gone(self, pending):
        raise SearchUnavailable("OpenSearch is not reachable (test)")

    monkeypatch.setattr(BulkWriter, "_write", gone)
    lost, after = Item(), Item()
    writer.add(lost, _doc(index, "w3", []))
    with pytest.raises(SearchUnavailable):
        writer.flush()
    with pytest.raises(SearchUnavailable):  # and at the next add: nothing more is sent
        writer.add(after, _doc(index, "w4", []))
    writer.close()
    assert (lost.result.outcome, after.result.outcome) == ("pending", "pending")
