"""Events read from documents' dates and relations."""

from legal_search.model import EffectivePart, RelationKind
from legal_search.validity import Event, EventType, events_from_documents
from tests.legal_search.validity.factory import d, doc, rel


def test_dates_and_relations_become_events_with_targets_resolved_or_kept_as_numbers():
    old = doc("01/2015/NĐ-CP", issued="01/01/2015", effective="01/03/2015")
    new = doc("02/2020/NĐ-CP", issued="01/01/2020", effective="01/03/2020",
              expiry_date=d("01/01/2030"),
              effective_parts=[EffectivePart(scope="Điều 9", effective_date=d("01/01/2021"))],
              relations=[rel(RelationKind.REPLACES, "01/2015/NĐ-CP", evidence="thay thế …"),
                         rel(RelationKind.REPEALS, "Số: 05/2010/NĐ-CP", "khoản 2 Điều 3",
                             when="15/03/2020")])
    events = events_from_documents([old, new])
    assert Event(EventType.EFFECTIVE, "1/2015/ND-CP", "1/2015/ND-CP", (), d("01/03/2015"),
                 source="metadata") in events
    assert Event(EventType.TERM_END, "2/2020/ND-CP", "2/2020/ND-CP", (), d("01/01/2030"),
                 source="metadata") in events
    assert Event(EventType.EFFECTIVE, "2/2020/ND-CP", "2/2020/ND-CP", ("dieu-9",),
                 d("01/01/2021"), source="metadata") in events
    replace = next(e for e in events if e.type is EventType.REPLACE)
    assert (replace.target_doc, replace.effective_date, replace.resolved, replace.evidence) == (
        "1/2015/ND-CP", d("01/03/2020"), True, "thay thế …")
    repeal = next(e for e in events if e.type is EventType.REPEAL)
    assert (repeal.target_doc, repeal.target_paths, repeal.effective_date, repeal.resolved) == (
        "5/2010/ND-CP", ("dieu-3/khoan-2",), d("15/03/2020"), False)


def test_every_relation_kind_maps_to_an_event_type():
    target = "01/2015/NĐ-CP"
    actor = doc("03/2020/NĐ-CP", issued="01/01/2020", effective="01/03/2020",
                relations=[rel(kind, target) for kind in RelationKind])
    types = {e.type for e in events_from_documents([actor]) if e.source == "relation"}
    assert len(types) == len(RelationKind)


def test_suspension_without_dates_falls_back_to_the_issue_date():
    actor = doc("300/QĐ-TTg", "Quyết định", issued="05/05/2021",
                relations=[rel(RelationKind.SUSPENDS, "07/2020/QĐ-UBND")])
    [event] = [e for e in events_from_documents([actor]) if e.type is EventType.SUSPEND]
    assert event.effective_date == d("05/05/2021")


def test_a_number_shared_by_two_documents_is_not_resolved():
    a = doc("19/QĐ-UBND", "Quyết định", issued="01/01/2020").model_copy(update={"id": "a"})
    b = doc("19/QĐ-UBND", "Quyết định", issued="01/01/2021").model_copy(update={"id": "b"})
    actor = doc("04/2022/QĐ-UBND", "Quyết định", issued="01/01/2022", effective="15/01/2022",
                relations=[rel(RelationKind.REPEALS, "19/QĐ-UBND")])
    [event] = [e for e in events_from_documents([a, b, actor]) if e.type is EventType.REPEAL]
    assert (event.resolved, event.target_doc) == (False, "19/QD-UBND")
