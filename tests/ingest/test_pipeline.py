"""Bulk import against the real node: every input accounted for, re-imports, resume."""

import json
import shutil
from pathlib import Path

import pytest

from ingest.pipeline import ingest
from legal_search.settings import PROJECT_ROOT

SAMPLES = PROJECT_ROOT / "samples"


@pytest.fixture
def inputs(tmp_path):
    shutil.copy(SAMPLES / "procedures" / "procedures-sample.jsonl", tmp_path / "procs.jsonl")
    shutil.copy(SAMPLES / "pdf" / "anle_27-2019-AL.pdf", tmp_path / "anle.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    return tmp_path


def test_every_input_has_one_outcome_and_indexed_ids_come_back(client, settings, inputs):
    report = ingest(client, settings, [str(inputs), str(inputs / "missing.pdf")], workers=1)
    counts = report.counts
    assert sum(counts.values()) == len(report.results) == 12 + 1 + 2 + 1
    assert counts["indexed"] == 13
    failed = {r.input: r.reason for r in report.results if r.outcome == "failed"}
    assert set(failed) == {str(inputs / "broken.pdf"), str(inputs / "empty.txt"), str(inputs / "missing.pdf")}
    assert all(failed.values())
    for r in report.results:
        if r.outcome == "indexed":
            index = settings.procedures_alias if r.ids[0].startswith("tthc:") else settings.docs_alias
            doc_id = r.ids[0].removeprefix("tthc:")
            assert client.exists(index=index, id=doc_id), r


def test_reimport_is_unchanged_and_a_change_is_an_update(client, settings, inputs, tmp_path):
    (inputs / "broken.pdf").unlink()
    (inputs / "empty.txt").unlink()
    ingest(client, settings, [str(inputs)], workers=1)
    again = ingest(client, settings, [str(inputs)], workers=1, resume=False)
    assert again.counts["unchanged"] == 13 and again.counts["indexed"] == 0
    lines = (inputs / "procs.jsonl").read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[0])
    rec["metadata"]["tên_thủ_tục"] += " (sửa)"
    lines[0] = json.dumps(rec, ensure_ascii=False)
    (inputs / "procs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = ingest(client, settings, [str(inputs)], workers=1)
    assert changed.counts["updated"] == 1
    assert changed.counts["unchanged"] == 12  # 11 records re-read + the PDF from the journal


def test_the_same_document_from_two_files_is_a_duplicate(client, settings, tmp_path):
    shutil.copy(SAMPLES / "pdf" / "anle_27-2019-AL.pdf", tmp_path / "a.pdf")
    shutil.copy(SAMPLES / "pdf" / "anle_27-2019-AL.pdf", tmp_path / "b.pdf")
    report = ingest(client, settings, [str(tmp_path)], workers=1)
    assert sorted(r.outcome for r in report.results) == ["duplicate", "indexed"]
    dup = next(r for r in report.results if r.outcome == "duplicate")
    assert str(tmp_path / "a.pdf") in dup.reason


def test_interrupted_import_resumes_without_redoing_finished_files(client, settings, tmp_path, monkeypatch):
    from ingest import bulk

    for name in ("a", "b", "c"):
        rows = (SAMPLES / "procedures" / "procedures-sample.jsonl").read_text(encoding="utf-8").splitlines()
        part = {"a": rows[:4], "b": rows[4:8], "c": rows[8:]}[name]
        (tmp_path / f"{name}.jsonl").write_text("\n".join(part) + "\n", encoding="utf-8")
    monkeypatch.setattr(bulk, "BATCH_ITEMS", 4)  # one flush per file

    def crash_after_first_file(progress):
        if progress.files_done >= 1:  # file a journaled; b and c not yet
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(client, settings, [str(tmp_path)], workers=1, progress=crash_after_first_file)
    resumed = ingest(client, settings, [str(tmp_path)], workers=1)
    by_file = {}
    for r in resumed.results:
        by_file.setdefault(r.input.split(":")[0], []).append(r)
    a = by_file[str(tmp_path / "a.jsonl")]
    assert [r.reason for r in a] == ["already imported (journal)"] * 4
    assert resumed.counts["indexed"] >= 4  # c at least was redone
    assert sum(resumed.counts.values()) == 12 and resumed.counts["failed"] == 0


def test_a_document_named_by_a_stored_one_gets_its_status_when_it_arrives_later(client, settings, tmp_path):
    """Only documents that take part in a relation are recomputed after an import; one without
    relations of its own counts when a stored document names its number."""
    from legal_search.model import LegalDocument, Relation, RelationKind

    old = LegalDocument(id="10-2019-nd-cp", number="10/2019/NĐ-CP", number_key="10/2019/ND-CP",
                        doc_type="Nghị định", issuer="Chính phủ", title="Quy định cũ",
                        issued_date="2019-01-10", effective_date="2019-03-01", text="Điều 1. Cũ.")
    new = LegalDocument(id="20-2022-nd-cp", number="20/2022/NĐ-CP", number_key="20/2022/ND-CP",
                        doc_type="Nghị định", issuer="Chính phủ", title="Quy định mới",
                        issued_date="2022-05-10", effective_date="2022-07-01", text="Điều 1. Mới.",
                        relations=[Relation(kind=RelationKind.REPLACES, target_number="10/2019/NĐ-CP",
                                            target_key="10/2019/ND-CP")])
    (tmp_path / "new.jsonl").write_text(new.model_dump_json() + "\n", encoding="utf-8")
    (tmp_path / "old.jsonl").write_text(old.model_dump_json() + "\n", encoding="utf-8")
    assert ingest(client, settings, [str(tmp_path / "new.jsonl")], workers=1).counts["indexed"] == 1
    assert ingest(client, settings, [str(tmp_path / "old.jsonl")], workers=1).counts["indexed"] == 1
    stored = client.get(index=settings.docs_alias, id="10-2019-nd-cp")["_source"]
    assert stored["status"] == "EXPIRED", stored.get("status_reason")
    assert "20/2022/NĐ-CP" in stored["status_reason"]


def test_journal_does_not_survive_a_dropped_index(client, settings, tmp_path):
    from legal_search import indices

    shutil.copy(SAMPLES / "procedures" / "procedures-sample.jsonl", tmp_path / "procs.jsonl")
    assert ingest(client, settings, [str(tmp_path)], workers=1).counts["indexed"] == 12
    indices.drop(client, settings)  # same index names will be created again
    again = ingest(client, settings, [str(tmp_path)], workers=1)
    assert again.counts["indexed"] == 12, again.counts
    assert client.count(index=settings.procedures_alias)["count"] == 12


RICH = {"number": "30/2020/NĐ-CP", "doc_type": "Nghị định", "issuer": "Chính phủ", "title": "Về công tác văn thư",
        "issued_date": "2020-03-05", "text": "Điều 1. Phạm vi\nVăn thư.\nĐiều 2. Hiệu lực\nCó hiệu lực từ ngày ký."}
BARE = {**{k: v for k, v in RICH.items() if k != "text"},  # a catalogue row: metadata only, a validity label
        "status_raw": "Còn hiệu lực", "status_source": "catalogue"}


def _jsonl(path, doc):
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("hold_bytes,overflow", [(None, False), (0, False), (None, True)])
def test_a_later_copy_with_more_text_is_kept_instead_of_the_first(client, settings, tmp_path, monkeypatch, hold_bytes,
                                                                  overflow):
    from ingest import pipeline, settle

    if overflow:  # more documents than statuses are settled for in memory: the copies still merge
        monkeypatch.setattr(settle, "MAX_DOCS", 0)
    if hold_bytes is not None:  # records may go out before the richer copy is read: one copy still
        monkeypatch.setattr(pipeline, "HOLD_BYTES", hold_bytes)
    _jsonl(tmp_path / "a-catalogue.jsonl", BARE)
    _jsonl(tmp_path / "b-fulltext.jsonl", RICH)
    report = ingest(client, settings, [str(tmp_path)], workers=1)
    outcomes = sorted((Path(r.input).name.split(":")[0], r.outcome) for r in report.results)
    stored = client.search(index=settings.docs_alias, body={"query": {"term": {"doc_id": "30-2020-nd-cp"}}, "size": 10})
    ids = sorted(h["_id"] for h in stored["hits"]["hits"])
    if hold_bytes is None:
        assert outcomes == [("a-catalogue.jsonl", "duplicate"), ("b-fulltext.jsonl", "indexed")]
        assert "which has more text" in report.results[0].reason
        doc = client.get(index=settings.docs_alias, id="30-2020-nd-cp")["_source"]
        assert (doc["status_raw"], doc["status_source"]) == ("Còn hiệu lực", "catalogue")  # the row's label kept
        assert doc["doc"]["provenance"]["status_raw"] == f"copy:{tmp_path / 'a-catalogue.jsonl'}#L1"
    assert sorted(o for _, o in outcomes) == ["duplicate", "indexed"]
    kept_rich = dict(outcomes)["b-fulltext.jsonl"] == "indexed"
    assert ids == (["30-2020-nd-cp", "30-2020-nd-cp~dieu-1", "30-2020-nd-cp~dieu-2"] if kept_rich else ["30-2020-nd-cp"])


@pytest.mark.parametrize("workers,overflow", [(1, False), (2, False), (1, True)])
def test_a_later_copy_with_less_text_is_a_duplicate_that_completes_the_kept_one(client, settings, tmp_path,
                                                                               monkeypatch, workers, overflow):
    from ingest import pipeline, settle

    if overflow:  # more documents than statuses are settled for in memory: the row still completes
        monkeypatch.setattr(settle, "MAX_DOCS", 0)
    monkeypatch.setattr(pipeline, "INLINE_BYTES", 0)  # with 2 workers: reader and worker processes
    _jsonl(tmp_path / "a-fulltext.jsonl", RICH)
    _jsonl(tmp_path / "b-catalogue.jsonl", BARE)
    report = ingest(client, settings, [str(tmp_path)], workers=workers)
    assert sorted((Path(r.input).name.split(":")[0], r.outcome) for r in report.results) == [
        ("a-fulltext.jsonl", "indexed"), ("b-catalogue.jsonl", "duplicate")]
    dup = next(r for r in report.results if r.outcome == "duplicate")
    assert dup.reason.endswith("it completed the stored document: status_raw, status_source")
    src = client.get(index=settings.docs_alias, id="30-2020-nd-cp")["_source"]
    assert src["has_text"] is True and src["status_raw"] == "Còn hiệu lực"
    assert "b-catalogue.jsonl" in src["doc"]["provenance"]["status_raw"]
    assert _records_of(client, settings, "30-2020-nd-cp") == 3


def test_what_the_extractor_asks_a_person_to_check_is_on_the_report_line(client, settings, tmp_path):
    blank = "Điều 1. Phạm vi\nVăn thư.\nĐiều 2. Hiệu lực\nNghị định này có hiệu lực từ ngày …\nĐiều 3. Thi hành."
    _jsonl(tmp_path / "a.jsonl", {**RICH, "text": blank})
    _jsonl(tmp_path / "b.jsonl", {**RICH, "number": "31/2020/NĐ-CP"})
    report = ingest(client, settings, [str(tmp_path)], workers=1)
    assert [r.outcome for r in report.results] == ["indexed", "indexed"]
    assert report.results[0].warnings == [
        "the effective date is left blank in the text ('Nghị định này có hiệu lực từ ngày …'): an unfilled copy; "
        "the date is not guessed"]
    assert report.results[1].warnings == []
    assert report.summary()["inputs_with_extraction_warnings"] == 1
    report.write(tmp_path / "rep.jsonl")
    first = json.loads((tmp_path / "rep.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["warnings"] == report.results[0].warnings and first["outcome"] == "indexed"


def test_a_file_that_cannot_be_read_fails_alone(client, settings, tmp_path, monkeypatch):
    from ingest import pipeline

    _jsonl(tmp_path / "a.jsonl", RICH)
    _jsonl(tmp_path / "b.jsonl", {**RICH, "number": "31/2020/NĐ-CP"})
    real = pipeline.sha256_file

    def io_error_on_a(path):
        if path.name == "a.jsonl":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(pipeline, "sha256_file", io_error_on_a)
    report = ingest(client, settings, [str(tmp_path)], workers=1)
    assert [(Path(r.input).name.split(":")[0], r.outcome, r.reason) for r in report.results] == [
        ("a.jsonl", "failed", "cannot read the file: Permission denied"), ("b.jsonl", "indexed", "")]


def test_after_a_resume_a_copy_of_a_journaled_document_is_still_a_duplicate(client, settings, tmp_path):
    """The stored copy came from a file the journal skips: a later, poorer copy must not
    overwrite it (it was a duplicate in the run that stored it)."""
    _jsonl(tmp_path / "a-fulltext.jsonl", RICH)
    ingest(client, settings, [str(tmp_path / "a-fulltext.jsonl")], workers=1)
    _jsonl(tmp_path / "b-catalogue.jsonl", BARE)
    report = ingest(client, settings, [str(tmp_path)], workers=1)
    assert [(Path(r.input).name.split(":")[0], r.outcome) for r in report.results] == [
        ("a-fulltext.jsonl", "unchanged"), ("b-catalogue.jsonl", "duplicate")]
    assert client.get(index=settings.docs_alias, id="30-2020-nd-cp")["_source"]["has_text"] is True


def test_files_read_in_reader_processes_give_the_same_report_as_reading_in_one_thread(
        client, settings, tmp_path, monkeypatch):
    import os

    from ingest import pipeline
    from legal_search import indices

    data = tmp_path / "data"
    shutil.copytree(SAMPLES, data)
    (data / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj garbage\n")
    shutil.copy(SAMPLES / "pdf" / "anle_27-2019-AL.pdf", data / "zz-copy.pdf")

    def outcomes(report):
        return [(r.input, r.sha256, r.outcome, r.reason, r.ids) for r in report.results]

    one_thread = ingest(client, settings, [str(data)], workers=1, resume=False)
    indices.drop(client, settings)
    pids = tmp_path / "pids"
    real = pipeline._objects_of_file

    def read_and_note(path, sha):
        with open(pids, "a") as fh:
            fh.write(f"{os.getpid()}\n")
        return real(path, sha)

    monkeypatch.setattr(pipeline, "_objects_of_file", read_and_note)
    monkeypatch.setattr(pipeline, "INLINE_BYTES", 0)
    monkeypatch.setattr(pipeline._Readers, "WINDOW_BYTES", 1 << 20)  # some files wait their turn
    readers = ingest(client, settings, [str(data)], workers=2, resume=False)
    assert outcomes(readers) == outcomes(one_thread)
    assert {"indexed", "duplicate", "failed", "needs-ocr"} <= set(readers.counts)
    readers_pids = set(pids.read_text().split())
    assert readers_pids and str(os.getpid()) not in readers_pids


def _records_of(client, settings, doc_id):
    client.indices.refresh(index=settings.docs_alias)
    return client.count(index=settings.docs_alias, body={"query": {"term": {"doc_id": doc_id}}})["count"]


def test_a_catalogue_row_imported_after_the_text_in_another_run_does_not_replace_it(client, settings, tmp_path):
    ingest(client, settings, [str(_jsonl(tmp_path / "a-fulltext.jsonl", RICH))], workers=1)
    row = {**BARE, "fields": ["Hành chính"], "status_raw": "Hết hiệu lực toàn bộ", "expiry_date": "2024-01-01"}
    report = ingest(client, settings, [str(_jsonl(tmp_path / "b-catalogue.jsonl", row))], workers=1)
    [result] = report.results
    assert result.outcome == "duplicate" and "a-fulltext.jsonl" in result.reason and "more text" in result.reason
    assert "completed the stored document: expiry_date, status_raw, status_source, fields" in result.reason
    src = client.get(index=settings.docs_alias, id="30-2020-nd-cp")["_source"]
    assert src["has_text"] is True and "Văn thư" in src["full_text"]
    assert _records_of(client, settings, "30-2020-nd-cp") == 3  # the document and its two articles
    # what the catalogue row knew reached the document and its articles, and the status follows it
    assert src["status_raw"] == "Hết hiệu lực toàn bộ" and src["doc"]["fields"] == ["Hành chính"]
    assert "b-catalogue.jsonl" in src["doc"]["provenance"]["status_raw"]
    assert src["status"] == "EXPIRED", src["status_reason"]
    article = client.get(index=settings.docs_alias, id="30-2020-nd-cp~dieu-1")["_source"]
    assert article["fields"] == ["Hành chính"] and article["status"] == "EXPIRED"
    again = ingest(client, settings, [str(tmp_path / "b-catalogue.jsonl")], workers=1, resume=False)
    assert "completed" not in again.results[0].reason  # nothing left to give


def test_the_text_imported_again_keeps_what_a_catalogue_row_completed_it_with(client, settings, tmp_path):
    text = _jsonl(tmp_path / "a-fulltext.jsonl", RICH)
    ingest(client, settings, [str(text)], workers=1)
    row = {**BARE, "fields": ["Hành chính"], "status_raw": "Hết hiệu lực toàn bộ", "expiry_date": "2024-01-01"}
    ingest(client, settings, [str(_jsonl(tmp_path / "b-catalogue.jsonl", row))], workers=1)
    same = ingest(client, settings, [str(text)], workers=1, resume=False)
    assert [r.outcome for r in same.results] == ["unchanged"]
    _jsonl(text, {**RICH, "title": "Về công tác văn thư (bản sửa)"})  # the text file corrected
    corrected = ingest(client, settings, [str(text)], workers=1)
    assert [r.outcome for r in corrected.results] == ["updated"]
    src = client.get(index=settings.docs_alias, id="30-2020-nd-cp")["_source"]
    assert src["title"].endswith("(bản sửa)")
    # the catalogue's label, lĩnh vực and expiry survive the correction, still credited to it
    assert src["status_raw"] == "Hết hiệu lực toàn bộ" and src["doc"]["fields"] == ["Hành chính"]
    assert src["expiry_date"] == "2024-01-01" and src["status"] == "EXPIRED"
    assert "b-catalogue.jsonl" in src["doc"]["provenance"]["status_raw"]
    assert client.get(index=settings.docs_alias, id="30-2020-nd-cp~dieu-1")["_source"]["fields"] == ["Hành chính"]


OLD = {"number": "10/2019/NĐ-CP", "doc_type": "Nghị định", "issuer": "Chính phủ", "title": "Về văn thư (cũ)",
       "issued_date": "2019-01-10", "effective_date": "2019-03-01", "text": "Điều 1. Văn thư cũ."}
REPLACES_OLD = [{"kind": "replaces", "target_number": "10/2019/NĐ-CP", "target_key": "10/2019/ND-CP"}]
DATED = {**RICH, "effective_date": "2020-05-01"}  # a replacement counts from the day the new one takes effect


@pytest.mark.parametrize("runs", [1, 2])
def test_a_copy_read_after_the_text_gives_it_the_relations_it_states(client, settings, tmp_path, runs):
    """A poorer copy (a catalogue row) that names what the document replaced: the stored
    document takes the relation, its records the key, and the replaced document's status follows."""
    old, text = _jsonl(tmp_path / "0-old.jsonl", OLD), _jsonl(tmp_path / "a-fulltext.jsonl", DATED)
    row = _jsonl(tmp_path / "b-catalogue.jsonl", {**BARE, "relations": REPLACES_OLD})
    if runs == 2:
        ingest(client, settings, [str(old), str(text)], workers=1)
        report = ingest(client, settings, [str(row)], workers=1)
    else:
        report = ingest(client, settings, [str(tmp_path)], workers=1)
    dup = next(r for r in report.results if r.outcome == "duplicate")
    assert dup.reason.endswith("1 relation(s)"), dup.reason
    src = client.get(index=settings.docs_alias, id="30-2020-nd-cp")["_source"]
    [rel] = src["doc"]["relations"]
    assert (rel["kind"], rel["target_key"], rel["origin"]) == ("replaces", "10/2019/ND-CP", f"copy:{row}#L1")
    assert src["doc"]["provenance"]["relations"] == f"copy:{row}#L1"
    article = client.get(index=settings.docs_alias, id="30-2020-nd-cp~dieu-2")["_source"]
    assert article["relation_keys"] == src["relation_keys"] == ["10/2019/ND-CP"]
    replaced = client.get(index=settings.docs_alias, id="10-2019-nd-cp")["_source"]
    assert replaced["status"] == "EXPIRED" and "30/2020/NĐ-CP" in replaced["status_reason"]
    again = ingest(client, settings, [str(row)], workers=1, resume=False)
    assert "completed" not in again.results[0].reason  # nothing left to give


def test_the_text_imported_again_keeps_the_relations_another_file_gave_it(client, settings, tmp_path):
    old, text = _jsonl(tmp_path / "0-old.jsonl", OLD), _jsonl(tmp_path / "a-fulltext.jsonl", DATED)
    ingest(client, settings, [str(old), str(text)], workers=1)
    ingest(client, settings, [str(_jsonl(tmp_path / "b-catalogue.jsonl", {**BARE, "relations": REPLACES_OLD}))],
           workers=1)
    same = ingest(client, settings, [str(text)], workers=1, resume=False)
    assert [r.outcome for r in same.results] == ["unchanged"]
    _jsonl(text, {**DATED, "title": "Về công tác văn thư (bản sửa)"})
    assert [r.outcome for r in ingest(client, settings, [str(text)], workers=1).results] == ["updated"]
    src = client.get(index=settings.docs_alias, id="30-2020-nd-cp")["_source"]
    assert src["title"].endswith("(bản sửa)")
    assert [(r["kind"], r["target_key"]) for r in src["doc"]["relations"]] == [("replaces", "10/2019/ND-CP")]
    assert "b-catalogue.jsonl" in src["doc"]["relations"][0]["origin"]
    assert client.get(index=settings.docs_alias, id="30-2020-nd-cp~dieu-1")["_source"]["relation_keys"] == [
        "10/2019/ND-CP"]
    assert client.get(index=settings.docs_alias, id="10-2019-nd-cp")["_source"]["status"] == "EXPIRED"


def test_the_text_arriving_after_a_catalogue_row_keeps_what_the_row_said(client, settings, tmp_path):
    ingest(client, settings, [str(_jsonl(tmp_path / "a-catalogue.jsonl", {**BARE, "fields": ["Hành chính"]}))],
           workers=1)
    report = ingest(client, settings, [str(_jsonl(tmp_path / "b-fulltext.jsonl", RICH))], workers=1)
    assert [r.outcome for r in report.results] == ["updated"]
    src = client.get(index=settings.docs_alias, id="30-2020-nd-cp")["_source"]
    assert src["has_text"] is True and src["status_raw"] == "Còn hiệu lực" and src["fields"] == ["Hành chính"]
    assert src["doc"]["provenance"]["status_raw"].startswith("copy:") and "a-catalogue.jsonl" in \
        src["doc"]["provenance"]["status_raw"]
    assert _records_of(client, settings, "30-2020-nd-cp") == 3


def test_the_same_file_imported_again_with_less_is_a_correction(client, settings, tmp_path):
    path = _jsonl(tmp_path / "a.jsonl", RICH)
    ingest(client, settings, [str(path)], workers=1)
    _jsonl(path, {**RICH, "text": "Điều 1. Phạm vi\nVăn thư."})
    report = ingest(client, settings, [str(path)], workers=1)
    assert [r.outcome for r in report.results] == ["updated"]
    assert _records_of(client, settings, "30-2020-nd-cp") == 2


def test_a_file_that_kills_its_reader_process_fails_alone(client, settings, tmp_path, monkeypatch):
    import os
    import signal

    from ingest import pipeline
    from legal_search import indices

    data = tmp_path / "data"
    shutil.copytree(SAMPLES, data)
    reference = ingest(client, settings, [str(data)], workers=1, resume=False)
    indices.drop(client, settings)
    shutil.copy(SAMPLES / "procedures" / "procedures-sample.jsonl", data / "pdf" / "crash.jsonl")
    real = pipeline._objects_of_file

    def crash_on_crash_file(path, sha):
        if path.name == "crash.jsonl":
            os.kill(os.getpid(), signal.SIGKILL)  # as a segfault in a PDF library would
        return real(path, sha)

    monkeypatch.setattr(pipeline, "_objects_of_file", crash_on_crash_file)
    monkeypatch.setattr(pipeline, "INLINE_BYTES", 0)
    report = ingest(client, settings, [str(data)], workers=2, resume=False)
    crashed = [r for r in report.results if "crash.jsonl" in r.input]
    assert [(r.outcome, "reader process died" in r.reason) for r in crashed] == [("failed", True)]
    others = [(r.input, r.outcome, r.ids) for r in report.results if "crash.jsonl" not in r.input]
    assert others == [(r.input, r.outcome, r.ids) for r in reference.results]


def test_an_input_that_kills_its_worker_process_fails_alone(client, settings, tmp_path, monkeypatch):
    import os
    import signal

    from ingest import pipeline
    from legal_search import indices

    data = tmp_path / "data"
    shutil.copytree(SAMPLES, data)
    reference = ingest(client, settings, [str(data)], workers=1, resume=False)
    indices.drop(client, settings)
    real = pipeline.document_actions
    victim = next(r for r in reference.results if r.outcome == "indexed" and not r.ids[0].startswith("tthc:")).ids[0]

    def die_on_victim(doc, index):  # runs in the forked workers, which see the patched module
        if doc.id == victim:
            os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
        return real(doc, index)

    monkeypatch.setattr(pipeline, "document_actions", die_on_victim)
    monkeypatch.setattr(pipeline, "INLINE_BYTES", 0)
    report = ingest(client, settings, [str(data)], workers=2, resume=False)
    got = {r.input: (r.outcome, r.reason) for r in report.results}
    for r in reference.results:
        if r.ids[:1] == [victim]:
            assert got[r.input][0] == "failed" and "worker process died" in got[r.input][1]
        else:
            assert got[r.input][0] == r.outcome, r.input
    assert len(got) == len(reference.results)


def test_records_refused_with_429_are_sent_again_until_the_node_takes_them(client, settings, tmp_path, monkeypatch):
    """A real 429: the flood-stage disk block (``read_only_allow_delete``) refuses every write
    with TOO_MANY_REQUESTS until it is lifted; the writer backs off and sends again."""
    import threading

    from ingest import bulk

    _jsonl(tmp_path / "a.jsonl", RICH)
    real = bulk.BulkWriter.pause_refresh
    block = {"index.blocks.read_only_allow_delete": True}
    lifted = threading.Event()

    def pause_then_block(self, names):
        saved = real(self, names)
        client.indices.put_settings(index=names[0], body=block)
        refused = client.bulk(body=[{"index": {"_index": names[0], "_id": "probe"}}, {"record": "document"}])
        assert refused["items"][0]["index"]["status"] == 429  # the node does refuse
        threading.Timer(1.5, lambda: (client.indices.put_settings(
            index=names[0], body={"index.blocks.read_only_allow_delete": None}), lifted.set())).start()
        return saved

    monkeypatch.setattr(bulk.BulkWriter, "pause_refresh", pause_then_block)
    report = ingest(client, settings, [str(tmp_path)], workers=1)
    assert lifted.is_set()
    assert [(r.outcome, r.reason) for r in report.results] == [("indexed", "")]
    assert _records_of(client, settings, "30-2020-nd-cp") == 3
    setting = client.indices.get_settings(index=settings.docs_alias, name="index.refresh_interval")
    assert all(s["settings"]["index"].get("refresh_interval", "1s") != "-1" for s in setting.values())


def test_a_node_that_keeps_refusing_writes_fails_the_inputs_and_the_report_is_whole(client, settings, tmp_path,
                                                                                    monkeypatch):
    from ingest import bulk

    _jsonl(tmp_path / "a.jsonl", RICH)
    _jsonl(tmp_path / "b.jsonl", {**RICH, "number": "31/2020/NĐ-CP"})
    real = bulk.BulkWriter.pause_refresh

    def pause_then_block(self, names):
        saved = real(self, names)
        for name in names:  # the flood-stage disk block, never lifted
            client.indices.put_settings(index=name, body={"index.blocks.read_only_allow_delete": True})
        return saved

    monkeypatch.setattr(bulk.BulkWriter, "pause_refresh", pause_then_block)
    monkeypatch.setattr(bulk, "RETRIES", 1)
    try:
        report = ingest(client, settings, [str(tmp_path)], workers=1)
    finally:
        for name in client.indices.get_alias(index=f"{settings.index_prefix}-*"):
            client.indices.put_settings(index=name, body={"index.blocks.read_only_allow_delete": None})
    assert [r.outcome for r in report.results] == ["failed", "failed"]
    assert all("429" in r.reason and "the index is read-only" in r.reason for r in report.results)
    # the refresh interval could not be set back: the report says so, and how to do it
    assert any("refresh interval" in w and "index.refresh_interval" in w for w in report.warnings), report.warnings
    # the report file keeps one line per input; the warnings, which belong to none, go beside it
    summary = json.loads(report.write(tmp_path / "report.jsonl").read_text(encoding="utf-8"))
    assert len((tmp_path / "report.jsonl").read_text(encoding="utf-8").splitlines()) == 2
    assert (tmp_path / "report.summary.json").is_file()
    assert summary["warnings"] == report.warnings and summary["ok"] is False
    assert summary["inputs"] == 2 and summary["outcomes"]["failed"] == 2


class _Link:
    """A TCP relay to the real node that can be cut: while ``down``, every connection is closed
    at once (what a client sees when the node restarts or the network drops)."""

    def __init__(self, target_port: int):
        import socket
        import threading

        self.target, self.down, self.cut = target_port, threading.Event(), 0
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.conns: list = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        import socket
        import threading

        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            if self.down.is_set():
                self.cut += 1
                conn.close()
                continue
            upstream = socket.create_connection(("127.0.0.1", self.target))
            self.conns += [conn, upstream]
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, a, b):
        try:
            while data := a.recv(65536):
                b.sendall(data)
        except OSError:
            pass
        for s in (a, b):
            try:
                s.close()
            except OSError:
                pass

    def cut_for(self, seconds: float) -> None:
        import threading

        self.down.set()
        for s in self.conns:  # open keep-alive connections drop too
            try:
                s.close()
            except OSError:
                pass
        self.conns = []
        timer = threading.Timer(seconds, self.down.clear)
        timer.daemon = True  # a test never waits for it
        timer.start()

    def close(self):
        self.server.close()


def _import_through_a_link(settings, tmp_path, monkeypatch, cut_when):
    """Import ``tmp_path`` through a ``_Link`` to the test node; ``cut_when(link, batches)`` runs
    before each batch is written (``batches``: how many so far, this one included)."""
    from urllib.parse import urlparse

    from ingest import bulk
    from legal_search.client import make_client

    link = _Link(urlparse(settings.url).port)
    via = settings.model_copy(update={"opensearch_url": f"http://127.0.0.1:{link.port}"})
    real, batches = bulk.BulkWriter._write, [0]

    def write(self, pending):
        batches[0] += 1
        cut_when(link, batches[0])
        return real(self, pending)

    monkeypatch.setattr(bulk.BulkWriter, "_write", write)
    try:
        return ingest(make_client(via), via, [str(tmp_path)], workers=1), link
    finally:
        link.close()
        monkeypatch.setattr(bulk.BulkWriter, "_write", real)


def test_a_connection_lost_during_the_import_is_retried_with_backoff(client, settings, tmp_path, monkeypatch):
    _jsonl(tmp_path / "a.jsonl", RICH)
    # cut for longer than the client's own immediate retries
    report, link = _import_through_a_link(settings, tmp_path, monkeypatch,
                                          lambda link, n: link.cut_for(2.5) if n == 1 else None)
    assert link.cut >= 3  # the client came back more than its own two retries
    assert [(r.outcome, r.reason) for r in report.results] == [("indexed", "")]
    assert _records_of(client, settings, "30-2020-nd-cp") == 3


def test_a_node_gone_for_good_stops_the_import_with_a_whole_report_and_the_next_run_resumes(
        client, settings, tmp_path, monkeypatch):
    from ingest import bulk

    for name in ("a", "b", "c"):
        _jsonl(tmp_path / f"{name}.jsonl", {**RICH, "number": f"3{ord(name) - 97}/2020/NĐ-CP"})
    monkeypatch.setattr(bulk, "BATCH_ITEMS", 1)  # one flush per file
    monkeypatch.setattr(bulk, "RETRIES", 2)
    report, _ = _import_through_a_link(settings, tmp_path, monkeypatch,
                                       lambda link, n: link.cut_for(3600) if n == 2 else None)
    assert [r.outcome for r in report.results] == ["indexed", "failed", "failed"]
    assert all("the node could not be reached" in r.reason for r in report.results[1:])
    assert any(w.startswith("the import stopped: OpenSearch is not reachable") for w in report.warnings)
    again = ingest(client, settings, [str(tmp_path)], workers=1)
    assert [(r.outcome, r.reason) for r in again.results] == [
        ("unchanged", "already imported (journal)"), ("indexed", ""), ("indexed", "")]


def test_an_interrupted_import_that_does_not_stop_says_where_it_waits(client, settings, tmp_path, monkeypatch, capfd):
    """Ctrl-C arms a stack dump: a stop that hangs (seen once, never explained) leaves the stack
    of every thread on stderr; a stop that ends in time prints none."""
    import time

    from ingest import pipeline

    rows = (SAMPLES / "procedures" / "procedures-sample.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "p.jsonl").write_text("\n".join(rows[:3]) + "\n", encoding="utf-8")

    def interrupt(progress):
        raise KeyboardInterrupt

    monkeypatch.setattr(pipeline, "STUCK_AFTER", 0.3)
    slow_close = pipeline.Journal.close
    monkeypatch.setattr(pipeline.Journal, "close", lambda self: (time.sleep(1.0), slow_close(self)))
    with pytest.raises(KeyboardInterrupt):
        ingest(client, settings, [str(tmp_path)], workers=1, progress=interrupt, resume=False)
    err = capfd.readouterr().err
    assert "stopping the import" in err
    assert "most recent call first" in err and "in <lambda>" in err  # faulthandler's dump, in the slow close

    monkeypatch.setattr(pipeline.Journal, "close", slow_close)
    monkeypatch.setattr(pipeline, "STUCK_AFTER", 0.5)
    with pytest.raises(KeyboardInterrupt):
        ingest(client, settings, [str(tmp_path)], workers=1, progress=interrupt, resume=False)
    time.sleep(0.8)  # past the deadline: the dump was cancelled when the stop ended
    err = capfd.readouterr().err
    assert "stopping the import" in err and "most recent call first" not in err
