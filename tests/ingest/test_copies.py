"""What the poorer copy of a document knew is kept on the richer one."""

from __future__ import annotations

from datetime import date

from ingest.copies import keep_completions, merge_copies
from legal_search.model import Article, LegalDocument, Relation, RelationKind, SourceInfo


def _law(**kw):
    return LegalDocument(id="45-2013-qh13", number="45/2013/QH13", number_key="45/2013/QH13", doc_type="Luật", **kw)


def test_empty_fields_are_filled_with_their_origin_and_differences_recorded():
    kept = _law(issued_date=date(2013, 11, 29), effective_date=date(2014, 7, 1), text="…",
                articles=[Article(anchor="dieu-1", number="1", heading="Điều 1. Phạm vi điều chỉnh")])
    other = _law(issued_date=date(2013, 11, 29), effective_date=date(2014, 1, 1), status_raw="Còn hiệu lực",
                 fields=["Đất đai"], source=SourceInfo(path="phapdien/dieu.jsonl"),
                 articles=[Article(anchor="dieu-1", number="1", codified_heading="Điều 12.1.LQ.1. Phạm vi điều chỉnh",
                                   codified_id="12.1.LQ.1")])
    merge_copies(kept, other)
    assert kept.status_raw == "Còn hiệu lực" and kept.provenance["status_raw"] == "copy:phapdien/dieu.jsonl"
    assert kept.fields == ["Đất đai"]
    assert kept.effective_date == date(2014, 7, 1)  # the kept copy's value stays…
    assert kept.disagreements == ["effective_date: 2014-07-01 here, 2014-01-01 in phapdien/dieu.jsonl"]  # …noted
    assert kept.articles[0].codified_id == "12.1.LQ.1"


def test_relations_are_joined_without_repeats():
    rel = Relation(kind=RelationKind.AMENDS, target_number="13/2003/QH11", target_key="13/2003/QH11", scope="Điều 5")
    other_rel = Relation(kind=RelationKind.REPEALS, target_number="13/2003/QH11", target_key="13/2003/QH11",
                         scope="Điều 7")
    kept, other = _law(relations=[rel]), _law(relations=[rel.model_copy(), other_rel])
    merge_copies(kept, other)
    assert [(r.kind, r.scope) for r in kept.relations] == [(RelationKind.AMENDS, "Điều 5"),
                                                           (RelationKind.REPEALS, "Điều 7")]
    # the joined one is marked with the file that stated it; the kept copy's own are not
    assert [r.origin for r in kept.relations] == ["", "copy:45-2013-qh13"]


def test_a_corrected_file_keeps_the_relations_other_files_stated_and_drops_its_own_old_ones():
    own_old = Relation(kind=RelationKind.REPLACES, target_number="13/2003/QH11", target_key="13/2003/QH11")
    noted = Relation(kind=RelationKind.AMENDS, target_number="1/2010/QH12", target_key="1/2010/QH12",
                     origin="copy:phapdien/dieu.jsonl")
    stored = _law(relations=[own_old, noted], source=SourceInfo(path="laws.jsonl#L3"))
    corrected = _law(relations=[], source=SourceInfo(path="laws.jsonl#L3"))  # the file no longer says "replaces"
    assert keep_completions(corrected, stored) == ["relations"]
    assert [(r.kind, r.origin) for r in corrected.relations] == [(RelationKind.AMENDS, "copy:phapdien/dieu.jsonl")]
    assert corrected.provenance["relations"] == "copy:phapdien/dieu.jsonl"
    again = _law(relations=[noted.model_copy(update={"origin": ""})], source=SourceInfo(path="laws.jsonl#L3"))
    assert keep_completions(again, stored) == []  # its own file now states it: not doubled
