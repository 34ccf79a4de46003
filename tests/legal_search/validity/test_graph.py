"""The relation graph both ways, incremental linking and the ids an import affects."""

from legal_search.model import RelationKind, Status
from legal_search.validity import RelationGraph, compute_status
from tests.legal_search.validity.factory import d, doc, rel


def _law():
    return doc("10/2012/QH13", "Luật", issued="18/06/2012", effective="01/01/2013")


def _decree():
    return doc("20/2013/NĐ-CP", issued="01/03/2013", effective="20/04/2013",
               relations=[rel(RelationKind.DETAILS, "10/2012/QH13", "Điều 5"),
                          rel(RelationKind.BASED_ON, "10/2012/QH13")])


def _replacing_law():
    return doc("45/2019/QH14", "Luật", issued="20/11/2019", effective="01/01/2021",
               relations=[rel(RelationKind.REPLACES, "10/2012/QH13"),
                          rel(RelationKind.AMENDS, "77/2015/QH13", "Điều 9")])


def test_relations_are_readable_both_ways():
    graph = RelationGraph([_law(), _decree(), _replacing_law()])
    assert {k: [e.source_id for e in v] for k, v in graph.grouped("10/2012/QH13").items()} == {
        "detailed_by": ["20/2013/ND-CP"], "basis_of": ["20/2013/ND-CP"],
        "replaced_by": ["45/2019/QH14"]}
    out = {k: [e.target_id for e in v] for k, v in graph.grouped("45/2019/QH14").items()}
    assert out == {"replaces": ["10/2012/QH13"], "amends": [None]}


def test_unresolved_target_is_kept_as_number_then_linked_when_its_document_arrives():
    graph = RelationGraph([_replacing_law()])
    [orphan] = [e for e in graph.unresolved() if e.kind is RelationKind.REPLACES]
    assert orphan.target_label == "10/2012/QH13"
    affected = graph.add(_law())
    assert affected == ["10/2012/QH13"]
    assert [e.source_id for e in graph.incoming("10/2012/QH13")] == ["45/2019/QH14"]
    assert compute_status("10/2012/QH13", d("01/01/2021"), graph).status is Status.EXPIRED


def test_importing_a_replacing_law_affects_the_old_law_and_its_detailing_decree():
    graph = RelationGraph([_law(), _decree()])
    assert graph.affected_by(_replacing_law()) == ["45/2019/QH14", "10/2012/QH13",
                                                   "20/2013/ND-CP"]
    assert compute_status("20/2013/ND-CP", d("01/01/2021"), graph).status is Status.IN_FORCE
    graph.add(_replacing_law())
    assert compute_status("20/2013/ND-CP", d("01/01/2021"), graph).status is Status.EXPIRED


def test_importing_a_base_late_affects_the_documents_already_detailing_it():
    graph = RelationGraph([_decree(), _replacing_law()])
    assert graph.add(_law()) == ["10/2012/QH13", "20/2013/ND-CP"]


def test_reimporting_a_document_replaces_its_relations():
    graph = RelationGraph([_law(), _replacing_law()])
    without = _replacing_law().model_copy(update={"relations": []})
    graph.add(without)
    assert graph.incoming("10/2012/QH13") == []
    assert compute_status("10/2012/QH13", d("01/01/2021"), graph).status is Status.IN_FORCE


def test_scoped_detailing_follows_only_the_detailed_articles():
    law = _law().model_copy(update={"articles": []})
    partial = doc("46/2019/QH14", "Luật", issued="20/11/2019", effective="01/01/2020",
                  relations=[rel(RelationKind.REPLACES, "10/2012/QH13", "Điều 7")])
    graph = RelationGraph([law, _decree(), partial])
    assert compute_status("20/2013/ND-CP", d("01/06/2020"), graph).status is Status.IN_FORCE
    on_article = partial.model_copy(update={"relations": [
        rel(RelationKind.REPLACES, "10/2012/QH13", "Điều 5")]})
    graph.add(on_article)
    assert compute_status("10/2012/QH13", d("01/06/2020"), graph).status is Status.EXPIRED_PART
    assert compute_status("20/2013/ND-CP", d("01/06/2020"), graph).status is Status.EXPIRED


def test_detailing_two_bases_one_still_in_force_needs_review_instead_of_ending():
    other = doc("11/2012/QH13", "Luật", issued="18/06/2012", effective="01/01/2013")
    decree = _decree().model_copy(update={"relations": [
        rel(RelationKind.DETAILS, "10/2012/QH13"), rel(RelationKind.DETAILS, "11/2012/QH13")]})
    graph = RelationGraph([_law(), other, decree, _replacing_law()])
    result = compute_status(decree.id, d("01/01/2021"), graph)
    assert result.status is Status.IN_FORCE and result.needs_review
    assert "Luật 11/2012/QH13" in result.review_notes[0]


def test_explicit_ending_of_the_detailing_decree_wins_over_the_cascade():
    repeal = doc("30/2021/NĐ-CP", issued="01/01/2021", effective="01/03/2021",
                 relations=[rel(RelationKind.REPEALS, "20/2013/NĐ-CP")])
    graph = RelationGraph([_law(), _decree(), _replacing_law(), repeal])
    assert compute_status("20/2013/ND-CP", d("01/02/2021"), graph).status is Status.IN_FORCE
    result = compute_status("20/2013/ND-CP", d("01/03/2021"), graph)
    assert result.reason == "Hết hiệu lực toàn bộ từ 01/03/2021: bãi bỏ bởi Nghị định 30/2021/NĐ-CP"


def test_2025_base_ended_by_repeal_needs_review_with_a_different_note():
    repeal = doc("90/2025/QH15", "Luật", issued="01/06/2025", effective="01/07/2025",
                 relations=[rel(RelationKind.REPEALS, "10/2012/QH13")])
    graph = RelationGraph([_law(), _decree(), repeal])
    result = compute_status("20/2013/ND-CP", d("01/07/2025"), graph)
    assert result.status is Status.IN_FORCE and result.needs_review
    assert "không quy định rõ" in result.review_notes[0]


def test_2025_detailing_decree_ends_only_when_announced_expired():
    replacing = _replacing_law().model_copy(update={"effective_date": d("01/07/2025")})
    announcement = doc("144/QĐ-BNV", "Quyết định", issued="01/09/2025", effective="01/09/2025",
                       relations=[rel(RelationKind.ANNOUNCES_EXPIRED, "20/2013/NĐ-CP",
                                      when="15/09/2025")])
    graph = RelationGraph([_law(), _decree(), replacing, announcement])
    assert compute_status("20/2013/ND-CP", d("14/09/2025"), graph).needs_review
    result = compute_status("20/2013/ND-CP", d("15/09/2025"), graph)
    assert result.status is Status.EXPIRED
    assert result.reason == ("Hết hiệu lực toàn bộ từ 15/09/2025: công bố hết hiệu lực tại "
                             "Quyết định 144/QĐ-BNV")
