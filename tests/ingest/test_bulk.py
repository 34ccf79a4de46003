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
