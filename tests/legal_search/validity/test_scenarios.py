"""The twelve scenarios T1–T12 of domain notes §3.3 (dates synthetic)."""

from legal_search.model import EffectivePart, RelationKind, Status
from legal_search.validity import (
    EventType,
    RelationGraph,
    compute_status,
    events_from_documents,
    in_force_on,
    lint,
    map_source_label,
)
from legal_search.validity.phrases import end_from_phrase
from tests.legal_search.validity.factory import articles, d, doc, rel

A = "15/2020/NĐ-CP"


def _a():
    return doc(A, issued="10/01/2020", effective="01/03/2020")


def test_t1_not_yet_then_in_force_on_the_effective_day():
    graph = RelationGraph([_a()])
    before = compute_status("15/2020/ND-CP", d("29/02/2020"), graph)
    on = compute_status("15/2020/ND-CP", d("01/03/2020"), graph)
    assert before.status is Status.NOT_YET
    assert before.reason == "Chưa có hiệu lực: có hiệu lực từ 01/03/2020"
    assert on.status is Status.IN_FORCE
    assert on.reason == "Còn hiệu lực từ 01/03/2020"
    assert [(h.date, h.status) for h in on.history] == [
        (d("10/01/2020"), Status.NOT_YET), (d("01/03/2020"), Status.IN_FORCE)]


def test_t2_replacement_ends_the_old_decree_on_the_new_ones_effective_date():
    b = doc("20/2022/NĐ-CP", issued="01/05/2022", effective="01/07/2022",
            relations=[rel(RelationKind.REPLACES, A)])  # no date: B's effective date applies
    graph = RelationGraph([_a(), b])
    assert compute_status("15/2020/ND-CP", d("30/06/2022"), graph).status is Status.IN_FORCE
    after = compute_status("15/2020/ND-CP", d("01/07/2022"), graph)
    assert after.status is Status.EXPIRED
    assert after.reason == ("Hết hiệu lực toàn bộ từ 01/07/2022: thay thế bởi "
                            "Nghị định 20/2022/NĐ-CP")
    assert after.history[-1].date == d("01/07/2022")
    assert not in_force_on("15/2020/ND-CP", d("01/07/2022"), graph)
    assert in_force_on("15/2020/ND-CP", d("30/06/2022"), graph)


def test_t3_amended_article_makes_the_circular_partly_expired_with_two_versions():
    target = doc("05/2020/TT-BTC", "Thông tư", issued="01/01/2020", effective="15/02/2020",
                 articles=articles("1", "2", "3", "4", "5", "6"))
    amending = doc("12/2022/TT-BTC", "Thông tư", issued="01/11/2022", effective="01/01/2023",
                   relations=[rel(RelationKind.AMENDS, "05/2020/TT-BTC", "Điều 5")])
    graph = RelationGraph([target, amending])
    assert compute_status("5/2020/TT-BTC", d("31/12/2022"), graph).status is Status.IN_FORCE
    result = compute_status("5/2020/TT-BTC", d("01/01/2023"), graph)
    assert result.status is Status.EXPIRED_PART
    assert result.reason == ("Hết hiệu lực một phần từ 01/01/2023: Điều 5 sửa đổi bởi "
                             "Thông tư 12/2022/TT-BTC")
    versions = result.provision("dieu-5").versions
    assert [(v.start, v.end) for v in versions] == [
        (d("15/02/2020"), d("01/01/2023")), (d("01/01/2023"), None)]
    assert versions[1].created_by.actor_doc == "12/2022/TT-BTC"
    assert len(result.provision("dieu-4").versions) == 1


def test_t4_suspension_then_resumption_by_a_decision_not_to_repeal():
    e = doc("07/2020/QĐ-UBND", "Quyết định", issued="01/02/2020", effective="15/02/2020",
            issuer="Ủy ban nhân dân tỉnh Bình Dương")
    suspend = doc("100/QĐ-TTg", "Quyết định", issued="28/04/2021", effective="01/05/2021",
                  relations=[rel(RelationKind.SUSPENDS, "07/2020/QĐ-UBND")])
    resume = doc("200/QĐ-TTg", "Quyết định", issued="25/07/2021", effective="01/08/2021",
                 relations=[rel(RelationKind.RESUMES, "07/2020/QĐ-UBND",
                                evidence="không bãi bỏ Quyết định số 07/2020/QĐ-UBND")])
    graph = RelationGraph([e, suspend, resume])
    during = compute_status("7/2020/QD-UBND", d("15/06/2021"), graph)
    assert during.status is Status.SUSPENDED
    assert during.reason == "Ngưng hiệu lực từ 01/05/2021: ngưng hiệu lực theo Quyết định 100/QĐ-TTg"
    assert compute_status("7/2020/QD-UBND", d("31/07/2021"), graph).status is Status.SUSPENDED
    assert compute_status("7/2020/QD-UBND", d("01/08/2021"), graph).status is Status.IN_FORCE


def _law_replaced_with_detailing_decree(replaced_on: str, law_no: str, new_no: str, decree_no: str):
    law = doc(law_no, "Luật", issued="20/06/2014", effective="01/01/2015")
    new = doc(new_no, "Luật", issued="01/06/2020", effective=replaced_on,
              relations=[rel(RelationKind.REPLACES, law_no)])
    decree = doc(decree_no, issued="01/02/2015", effective="20/03/2015",
                 relations=[rel(RelationKind.DETAILS, law_no), rel(RelationKind.BASED_ON, law_no)])
    return RelationGraph([law, new, decree])


def test_t5_detailing_decree_ends_with_its_law_under_the_2015_regime():
    graph = _law_replaced_with_detailing_decree("01/01/2021", "10/2014/QH13", "50/2020/QH14",
                                                "30/2015/NĐ-CP")
    assert compute_status("30/2015/ND-CP", d("31/12/2020"), graph).status is Status.IN_FORCE
    result = compute_status("30/2015/ND-CP", d("01/01/2021"), graph)
    assert result.status is Status.EXPIRED
    assert "Luật 10/2014/QH13" in result.reason and "Luật 80/2015/QH13" in result.reason
    assert result.reason.startswith("Hết hiệu lực toàn bộ từ 01/01/2021")
    assert not result.needs_review


def test_t6_detailing_decree_stays_in_force_and_needs_review_under_the_2025_regime():
    graph = _law_replaced_with_detailing_decree("01/07/2025", "11/2014/QH13", "70/2025/QH15",
                                                "31/2015/NĐ-CP")
    before = compute_status("31/2015/ND-CP", d("30/06/2025"), graph)
    assert before.status is Status.IN_FORCE and not before.needs_review
    result = compute_status("31/2015/ND-CP", d("01/07/2025"), graph)
    assert result.status is Status.IN_FORCE
    assert result.needs_review
    assert "Luật 64/2025/QH15" in result.review_notes[0]
    assert result.reason.startswith("Còn hiệu lực từ 20/03/2015. Luật 11/2014/QH13 hết hiệu lực")
    assert [h.date for h in result.history][-1] == d("01/07/2025")
    assert result.history[-1].status is Status.IN_FORCE
    assert compute_status("11/2014/QH13", d("01/07/2025"), graph).status is Status.EXPIRED


def test_t7_until_the_end_of_a_day_is_an_exclusive_end_the_day_after():
    to_exclusive, ambiguous = end_from_phrase("Nghị quyết này thực hiện đến hết ngày 31/12/2025.")
    assert (to_exclusive, ambiguous) == (d("01/01/2026"), False)
    nq = doc("01/2024/NQ-CP", "Nghị quyết", issued="05/01/2024", effective="05/01/2024",
             expiry_date=to_exclusive)
    graph = RelationGraph([nq])
    assert compute_status("1/2024/NQ-CP", d("31/12/2025"), graph).status is Status.IN_FORCE
    after = compute_status("1/2024/NQ-CP", d("01/01/2026"), graph)
    assert after.status is Status.EXPIRED
    assert after.reason == "Hết hiệu lực toàn bộ từ 01/01/2026: hết thời hạn hiệu lực ghi trong văn bản"


def test_t8_one_article_starting_a_year_later_gives_partly_pending():
    law = doc("40/2020/QH14", "Luật", issued="15/06/2020", effective="01/01/2021",
              articles=articles("1", "49", "50", "51"),
              effective_parts=[EffectivePart(scope="Điều 50", effective_date=d("01/01/2022"))])
    graph = RelationGraph([law])
    assert compute_status("40/2020/QH14", d("31/12/2020"), graph).status is Status.NOT_YET
    between = compute_status("40/2020/QH14", d("01/06/2021"), graph)
    assert between.status is Status.IN_FORCE_PARTLY_PENDING
    assert between.reason == "Có hiệu lực một phần: Điều 50 có hiệu lực từ 01/01/2022"
    assert compute_status("40/2020/QH14", d("01/01/2022"), graph).status is Status.IN_FORCE


def test_t9_a_ministry_amending_another_ministrys_circular_is_a_v4_warning():
    other = doc("08/2019/TT-BCT", "Thông tư", issued="01/03/2019", effective="20/04/2019")
    amending = doc("09/2020/TT-BTC", "Thông tư", issued="01/03/2020", effective="20/04/2020",
                   relations=[rel(RelationKind.AMENDS, "08/2019/TT-BCT", "Điều 2")])
    findings = [f for f in lint([other, amending], today=d("01/01/2024")) if f.code == "V4"]
    assert [(f.severity, f.doc_id) for f in findings] == [("warning", "9/2020/TT-BTC")]
    assert "BCT" in findings[0].message and "BTC" in findings[0].message


def test_t10_local_decision_effective_before_its_issue_is_a_v2_error():
    qd = doc("12/2021/QĐ-UBND", "Quyết định", issued="01/03/2021", effective="01/02/2021",
             issuer="Ủy ban nhân dân tỉnh Bình Dương")
    findings = [f for f in lint([qd], today=d("01/01/2024")) if f.code == "V2"]
    assert [(f.severity, f.doc_id) for f in findings] == [("error", "12/2021/QD-UBND")]


def test_t11_no_longer_suitable_label_without_events_is_unknown_and_kept():
    x = doc("03/2010/QĐ-UBND", "Quyết định", status_raw="Không còn phù hợp", status_source="TVPL")
    result = compute_status(x.id, d("01/01/2024"), RelationGraph([x]))
    assert map_source_label("Không còn phù hợp") is Status.UNKNOWN
    assert result.status is Status.UNKNOWN
    assert result.status_raw == "Không còn phù hợp"
    assert "Không còn phù hợp" in result.reason


def test_t12_consolidated_text_changes_no_status_and_is_linked_as_a_dated_snapshot():
    base = doc("15/2024/TT-NHNN", "Thông tư", issued="28/06/2024", effective="01/09/2024",
               articles=articles("1", "2", "3"))
    amender = doc("30/2025/TT-NHNN", "Thông tư", issued="01/07/2025", effective="15/08/2025",
                  relations=[rel(RelationKind.AMENDS, "15/2024/TT-NHNN", "Điều 2")])
    vbhn = doc("26/VBHN-NHNN", "Văn bản hợp nhất", issued="20/08/2025",
               relations=[rel(RelationKind.CONSOLIDATES, "15/2024/TT-NHNN"),
                          rel(RelationKind.CONSOLIDATES, "30/2025/TT-NHNN"),
                          rel(RelationKind.REPLACES, "15/2024/TT-NHNN")])  # wrong: must not act
    without = RelationGraph([base, amender])
    with_vbhn = RelationGraph([base, amender, vbhn])
    for day in ("01/09/2025", "01/01/2026"):
        assert compute_status(base.id, d(day), with_vbhn).status is \
            compute_status(base.id, d(day), without).status is Status.EXPIRED_PART
    assert compute_status(amender.id, d("01/01/2026"), with_vbhn).status is Status.IN_FORCE
    snapshots = [e for e in events_from_documents([base, amender, vbhn])
                 if e.type is EventType.CONSOLIDATE]
    assert {(e.target_doc, e.effective_date) for e in snapshots} == {
        ("15/2024/TT-NHNN", d("20/08/2025")), ("30/2025/TT-NHNN", d("20/08/2025"))}
    assert [e.source_id for e in with_vbhn.grouped(base.id)["consolidated_by"]] == ["26/VBHN-NHNN"]
    assert any(f.code == "V6" for f in lint([base, amender, vbhn], today=d("01/01/2026")))
