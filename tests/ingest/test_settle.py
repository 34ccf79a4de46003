"""Statuses settled among the documents of one import before their records are sent."""

from __future__ import annotations

import json

import pytest

from ingest import pipeline
from ingest.pipeline import ingest
from ingest.prepare import serialize
from ingest.settle import Settler

OLD = {"number": "10/2019/NĐ-CP", "doc_type": "Nghị định", "issuer": "Chính phủ", "title": "Quy định cũ",
       "issued_date": "2019-01-10", "effective_date": "2019-03-01",
       "text": "Điều 1. Phạm vi\nNội dung cũ.\nĐiều 2. Hiệu lực\nCó hiệu lực."}
NEW = {"number": "20/2022/NĐ-CP", "doc_type": "Nghị định", "issuer": "Chính phủ", "title": "Quy định mới",
       "issued_date": "2022-05-10", "effective_date": "2022-07-01", "text": "Điều 1. Mới.",
       "relations": [{"kind": "replaces", "target_number": "10/2019/NĐ-CP"}]}
REASON = "Hết hiệu lực toàn bộ từ 01/07/2022: thay thế bởi Nghị định 20/2022/NĐ-CP"


def _no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    assert len(keys) == len(set(keys)), keys
    return dict(pairs)


def _sources(prepared):
    return [json.loads(line.split(b"\n")[1], object_pairs_hook=_no_duplicate_keys) for _, line in prepared.lines]


def _actions():
    return [{"_index": "i", "_id": "d", "_source": {"record": "document", "status": "FROM_LABEL", "title": "t"}},
            {"_index": "i", "_id": "d~dieu-1", "_source": {"record": "article", "title": "t"}}]


def test_validity_fields_are_written_last_and_replace_same_named_fields():
    p = serialize(_actions(), [{"status": "IN_FORCE", "in_force": [{"gte": "2020-01-01"}]},
                               {"status": "IN_FORCE", "article_status": "IN_FORCE"}], [("dieu-1", "1")])
    doc, art = _sources(p)
    assert doc == {"record": "document", "title": "t", "status": "IN_FORCE", "in_force": [{"gte": "2020-01-01"}]}
    assert art["article_status"] == "IN_FORCE" and p.articles == [("dieu-1", "1")]


def test_settled_fields_rewrite_only_the_lines_that_change():
    p = serialize(_actions(), [{"status": "IN_FORCE", "status_as_of": "2026-01-01"},
                               {"status": "IN_FORCE", "article_status": "IN_FORCE"}])
    first_article_line = p.lines[1]
    assert p.set_validity([{"status": "EXPIRED", "status_as_of": "2026-01-01"},
                           {"status": "IN_FORCE", "article_status": "IN_FORCE"}])
    doc, art = _sources(p)
    assert doc["status"] == "EXPIRED" and doc["title"] == "t"
    assert p.lines[1] is first_article_line  # unchanged record: its bytes are kept as they were


def test_a_record_without_validity_fields_is_not_rewritten():
    p = serialize(_actions())  # the engine could not judge it alone: nothing to replace safely
    before = list(p.lines)
    assert not p.set_validity([{"status": "EXPIRED"}, {"status": "EXPIRED"}])
    assert p.lines == before
    assert _sources(p)[0]["status"] == "FROM_LABEL"


def _native(tmp_path, *docs):
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return str(path)


def _versions(client, settings, doc_id):
    got = client.search(index=settings.docs_alias, body={"query": {"term": {"doc_id": doc_id}}, "version": True,
                                                         "size": 100, "_source": ["status", "status_reason"]})
    return {h["_id"]: (h["_version"], h["_source"]["status"], h["_source"]["status_reason"])
            for h in got["hits"]["hits"]}


@pytest.mark.parametrize("workers", [1, 2])
def test_a_replaced_document_imported_with_its_replacement_is_written_once_with_its_final_status(
        client, settings, tmp_path, workers, monkeypatch):
    monkeypatch.setattr(pipeline, "INLINE_BYTES", 0)  # workers=2: a real process pool
    report = ingest(client, settings, [_native(tmp_path, OLD, NEW)], workers=workers)
    assert report.ok and report.counts["indexed"] == 2
    records = _versions(client, settings, "10-2019-nd-cp")
    assert len(records) == 3  # the document and its two articles
    assert set(records.values()) == {(1, "EXPIRED", REASON)}  # version 1: no partial update afterwards
    assert report.settled == 3


def test_records_sent_before_reading_ended_are_settled_afterwards(client, settings, tmp_path, monkeypatch):
    """When the hold budget runs out, records go out with the status judged alone; the refresh
    after the import corrects the ones another imported document acts on."""
    def budget_ran_out(self, prepared):
        if prepared.is_document:
            self.provisional.add(prepared.id)

    monkeypatch.setattr(Settler, "settle", budget_ran_out)
    report = ingest(client, settings, [_native(tmp_path, NEW, OLD)], workers=1)
    assert report.ok and report.settled == 0
    records = _versions(client, settings, "10-2019-nd-cp")
    assert {(s, r) for _, s, r in records.values()} == {("EXPIRED", REASON)}
    assert {v for v, _, _ in records.values()} == {2}  # written alone, then updated


def test_a_small_hold_budget_still_gives_every_record_its_final_status(client, settings, tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline, "HOLD_BYTES", 0)
    report = ingest(client, settings, [_native(tmp_path, OLD, NEW)], workers=1)
    assert report.ok
    assert {(s, r) for _, s, r in _versions(client, settings, "10-2019-nd-cp").values()} == {("EXPIRED", REASON)}


def test_an_import_too_big_to_settle_in_memory_still_gives_every_record_its_final_status(
        client, settings, tmp_path, monkeypatch):
    from ingest import settle

    monkeypatch.setattr(settle, "MAX_DOCS", 1)  # the second document overflows the memory budget
    report = ingest(client, settings, [_native(tmp_path, OLD, NEW)], workers=1)
    assert report.ok and report.settled == 0
    records = _versions(client, settings, "10-2019-nd-cp")
    assert {(s, r) for _, s, r in records.values()} == {("EXPIRED", REASON)}
    assert {v for v, _, _ in records.values()} == {2}  # written alone, then updated by the refresh
