"""Lint rules V1–V8 (domain notes §3.3), cycles, self-references and events before issue."""

from legal_search.model import EffectivePart, RelationKind, Status
from legal_search.validity import RelationGraph, compute_status, lint
from legal_search.validity.lint import strongly_connected
from tests.legal_search.validity.factory import d, doc, rel

TODAY = d("01/01/2024")


def codes(docs, today=TODAY):
    return sorted((f.code, f.severity, f.doc_id) for f in lint(docs, today=today))


def test_v1_central_document_effective_sooner_than_45_days_warns():
    early = doc("10/2020/NĐ-CP", issued="01/03/2020", effective="01/04/2020")
    assert ("V1", "warning", early.id) in codes([early])
    shortened = early.model_copy(update={"shortened_procedure": True})
    assert not [c for c in codes([shortened]) if c[0] == "V1"]
    on_time = doc("11/2020/NĐ-CP", issued="01/03/2020", effective="20/04/2020")
    assert not [c for c in codes([on_time]) if c[0] == "V1"]


def test_v1_local_document_needs_ten_days():
    local = doc("05/2021/QĐ-UBND", "Quyết định", issued="01/03/2021", effective="08/03/2021",
                issuer="Ủy ban nhân dân tỉnh Bình Dương")
    assert ("V1", "warning", local.id) in codes([local])
    later = local.model_copy(update={"effective_date": d("11/03/2021")})
    assert not [c for c in codes([later]) if c[0] == "V1"]


def test_v2_is_for_local_documents_only_central_retroactivity_is_an_event_before_issue():
    central = doc("12/2021/NĐ-CP", issued="01/03/2021", effective="01/02/2021")
    found = codes([central])
    assert ("EVENT_BEFORE_ISSUE", "warning", central.id) in found
    assert not [c for c in found if c[0] == "V2"]


def test_v3_in_force_label_with_a_replacement_in_effect_conflicts():
    old = doc("01/2015/NĐ-CP", issued="01/01/2015", effective="01/03/2015",
              status_raw="Còn hiệu lực", status_source="TVPL")
    new = doc("02/2020/NĐ-CP", issued="01/01/2020", effective="01/03/2020",
              relations=[rel(RelationKind.REPLACES, "01/2015/NĐ-CP")])
    found = [f for f in lint([old, new], today=TODAY) if f.code == "V3"]
    assert [(f.severity, f.doc_id) for f in found] == [("warning", old.id)]
    assert found[0].message == ("Nhãn “Còn hiệu lực” nhưng đã thay thế bởi Nghị định "
                                "02/2020/NĐ-CP từ 01/03/2020")


def test_v3_expired_label_without_any_ending_event_conflicts():
    x = doc("03/2015/NĐ-CP", issued="01/01/2015", effective="01/03/2015",
            status_raw="Hết hiệu lực toàn bộ")
    assert ("V3", "warning", x.id) in codes([x])
    agreeing = x.model_copy(update={"status_raw": "Còn hiệu lực"})
    assert not [c for c in codes([agreeing]) if c[0] == "V3"]


def test_v3_other_disagreements_are_reported_as_info():
    x = doc("04/2015/NĐ-CP", issued="01/01/2015", effective="01/03/2015",
            status_raw="Hết hiệu lực một phần", status_source="VBPL")
    found = [f for f in lint([x], today=TODAY) if f.code == "V3"]
    assert [(f.severity, f.message) for f in found] == [
        ("info", "Nhãn nguồn (VBPL) “Hết hiệu lực một phần” khác trạng thái tính được "
                 "“Còn hiệu lực”")]


def test_v4_joint_circular_counts_as_the_same_body_set():
    joint = doc("01/2016/TTLT-BTP-BTC", "Thông tư liên tịch", issued="01/01/2016",
                effective="20/02/2016")
    amending = doc("05/2018/TT-BTC", "Thông tư", issued="01/01/2018", effective="20/02/2018",
                   relations=[rel(RelationKind.AMENDS, "01/2016/TTLT-BTP-BTC")])
    assert not [c for c in codes([joint, amending]) if c[0] == "V4"]


def test_v5_impossible_years_and_far_effective_dates_are_errors():
    misread = doc("06/2041/NĐ-CP", issued="02/11/2041", effective="20/12/2041")
    assert ("V5", "error", misread.id) in codes([misread])
    far = doc("07/2010/NĐ-CP", issued="01/01/2010", effective="01/01/2016")
    assert ("V5", "error", far.id) in codes([far])
    part = doc("08/2010/NĐ-CP", issued="01/01/2010", effective="01/03/2010",
               effective_parts=[EffectivePart(scope="Điều 2", effective_date=d("01/01/1900"))])
    assert ("V5", "error", part.id) in codes([part])


def test_v6_consolidated_text_marked_normative_is_an_error():
    vbhn = doc("03/VBHN-VPQH", "Văn bản hợp nhất", issued="10/12/2020", is_normative=True)
    assert ("V6", "error", vbhn.id) in codes([vbhn])


def test_v7_in_force_without_an_effective_date_warns():
    x = doc("09/2019/NĐ-CP", issued="01/01/2019", status_raw="Còn hiệu lực")
    assert ("V7", "warning", x.id) in codes([x])
    assert compute_status(x.id, TODAY, RelationGraph([x])).computed is False


def test_v8_documents_that_cannot_be_normative_on_their_issue_date():
    minister = doc("15/2012/QĐ-BTC", "Quyết định", issued="01/03/2012")
    ubnd_directive = doc("02/2018/CT-UBND", "Chỉ thị", issued="01/03/2018")
    old_directive = doc("02/2010/CT-UBND", "Chỉ thị", issued="01/03/2010")
    yearless = doc("1579/QĐ-TTg", "Quyết định", issued="01/10/2020")
    found = codes([minister, ubnd_directive, old_directive, yearless])
    flagged = {c[2] for c in found if c[0] == "V8"}
    assert flagged == {minister.id, ubnd_directive.id, yearless.id}
    marked = minister.model_copy(update={"is_normative": False})
    assert not [c for c in codes([marked]) if c[0] == "V8"]


def test_self_reference_is_a_finding_and_does_not_end_the_document():
    x = doc("10/2019/NĐ-CP", issued="01/01/2019", effective="20/02/2019",
            relations=[rel(RelationKind.REPLACES, "10/2019/NĐ-CP")])
    assert ("SELF_REFERENCE", "error", x.id) in codes([x])
    assert compute_status(x.id, TODAY, RelationGraph([x])).status is Status.IN_FORCE


def test_replacement_cycle_is_a_finding_and_status_still_computes():
    a = doc("11/2019/NĐ-CP", issued="01/01/2019", effective="20/02/2019",
            relations=[rel(RelationKind.REPLACES, "12/2020/NĐ-CP")])
    b = doc("12/2020/NĐ-CP", issued="01/01/2020", effective="20/02/2020",
            relations=[rel(RelationKind.REPLACES, "11/2019/NĐ-CP")])
    found = [f for f in lint([a, b], today=TODAY) if f.code == "CYCLE"]
    assert len(found) == 1 and "11/2019/ND-CP → 12/2020/ND-CP" in found[0].message
    graph = RelationGraph([a, b])
    assert compute_status(a.id, TODAY, graph).status is Status.EXPIRED
    assert compute_status(b.id, TODAY, graph).status is Status.EXPIRED


def test_detail_cycle_is_a_finding_and_the_cascade_stops_with_a_review_note():
    a = doc("13/2014/NĐ-CP", issued="01/01/2014", effective="20/02/2014",
            relations=[rel(RelationKind.DETAILS, "14/2014/NĐ-CP")])
    b = doc("14/2014/NĐ-CP", issued="01/01/2014", effective="20/02/2014",
            relations=[rel(RelationKind.DETAILS, "13/2014/NĐ-CP")])
    ender = doc("15/2018/NĐ-CP", issued="01/01/2018", effective="01/03/2018",
                relations=[rel(RelationKind.REPEALS, "14/2014/NĐ-CP")])
    assert any(f.code == "CYCLE" for f in lint([a, b, ender], today=TODAY))
    result = compute_status(a.id, TODAY, RelationGraph([a, b, ender]))
    assert result.status is Status.EXPIRED  # 2015 regime: ends with the base b
    assert compute_status(b.id, TODAY, RelationGraph([a, b, ender])).status is Status.EXPIRED


def test_event_dated_before_the_actor_was_issued_is_a_finding():
    old = doc("16/2015/NĐ-CP", issued="01/01/2015", effective="01/03/2015")
    new = doc("17/2020/NĐ-CP", issued="01/06/2020", effective="20/07/2020",
              relations=[rel(RelationKind.REPEALS, "16/2015/NĐ-CP", when="01/01/2020")])
    found = [f for f in lint([old, new], today=TODAY) if f.code == "EVENT_BEFORE_ISSUE"]
    assert [(f.doc_id, f.severity) for f in found] == [(new.id, "warning")]


def test_orphan_relations_and_shared_numbers_are_reported():
    x = doc("18/2020/NĐ-CP", issued="01/01/2020", effective="20/02/2020",
            relations=[rel(RelationKind.REPLACES, "99/2001/NĐ-CP")])
    twin_a = doc("19/QĐ-UBND", "Quyết định", issued="01/01/2020").model_copy(update={"id": "a"})
    twin_b = doc("19/QĐ-UBND", "Quyết định", issued="01/01/2021").model_copy(update={"id": "b"})
    found = codes([x, twin_a, twin_b])
    assert ("ORPHAN", "info", x.id) in found
    assert ("AMBIGUOUS_KEY", "warning", "a") in found


def test_odd_data_never_raises():
    weird = doc("", "", relations=[rel(RelationKind.REPLACES, ""), rel(RelationKind.DETAILS, "")])
    weird = weird.model_copy(update={"id": "weird", "status_raw": "???"})
    assert isinstance(lint([weird], today=TODAY), list)
    assert compute_status("weird", TODAY, RelationGraph([weird])).status is Status.UNKNOWN


def test_strongly_connected_finds_each_group_once():
    groups = strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert sorted(sorted(g) for g in groups if len(g) > 1) == [["a", "b", "c"]]
