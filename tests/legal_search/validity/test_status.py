"""Status details beyond T1–T12: in force on a date, articles, history, bare events, edge rules."""

from legal_search.model import RelationKind, Status
from legal_search.validity import (
    Event,
    EventType,
    RelationGraph,
    article_in_force_on,
    compute_status,
    in_force_on,
    in_force_ranges,
    provision_ranges,
    status_history,
)
from tests.legal_search.validity.factory import articles, d, doc, rel

BASE = "05/2020/TT-BTC"


def _base():
    return doc(BASE, "Thông tư", issued="01/01/2020", effective="15/02/2020",
               articles=articles("1", "2", "3"))


def _with(*relations, effective="01/01/2023", number="12/2022/TT-BTC"):
    return doc(number, "Thông tư", issued="01/11/2022", effective=effective,
               relations=list(relations))


def test_article_amended_before_the_date_no_longer_matches_as_in_force():
    graph = RelationGraph([_base(), _with(rel(RelationKind.AMENDS, BASE, "Điều 2"))])
    assert article_in_force_on(BASE, "dieu-2", d("31/12/2022"), graph)
    assert not article_in_force_on(BASE, "dieu-2", d("01/01/2023"), graph)
    assert article_in_force_on(BASE, "dieu-3", d("01/01/2023"), graph)
    assert in_force_on(BASE, d("01/01/2023"), graph)
    assert not in_force_on(BASE, d("14/02/2020"), graph)


def test_in_force_on_accepts_a_document_alone():
    assert in_force_on(_base(), d("15/02/2020"))
    assert not in_force_on(_base(), d("01/01/2020"))


def test_supplement_ends_no_text():
    graph = RelationGraph([_base(), _with(rel(RelationKind.SUPPLEMENTS, BASE, "Điều 3a"))])
    assert compute_status("5/2020/TT-BTC", d("01/06/2023"), graph).status is Status.IN_FORCE


def test_amendment_without_scope_makes_the_whole_document_partly_expired():
    graph = RelationGraph([_base(), _with(rel(RelationKind.AMENDS, BASE))])
    result = compute_status("5/2020/TT-BTC", d("01/06/2023"), graph)
    assert result.status is Status.EXPIRED_PART
    assert result.reason == "Hết hiệu lực một phần từ 01/01/2023: sửa đổi bởi Thông tư 12/2022/TT-BTC"


def test_repeal_during_a_suspension_ends_the_document():
    suspend = _with(rel(RelationKind.SUSPENDS, BASE), effective="01/01/2022",
                    number="50/QĐ-BTC")
    repeal = _with(rel(RelationKind.REPEALS, BASE), effective="01/06/2022",
                   number="20/2022/TT-BTC")
    graph = RelationGraph([_base(), suspend, repeal])
    assert compute_status("5/2020/TT-BTC", d("01/03/2022"), graph).status is Status.SUSPENDED
    assert compute_status("5/2020/TT-BTC", d("01/06/2022"), graph).status is Status.EXPIRED


def test_suspension_of_one_article_is_suspended_part():
    graph = RelationGraph([_base(), _with(rel(RelationKind.SUSPENDS, BASE, "Điều 1"),
                                          number="51/QĐ-BTC")])
    result = compute_status("5/2020/TT-BTC", d("01/06/2023"), graph)
    assert result.status is Status.SUSPENDED_PART
    assert result.reason.startswith("Ngưng hiệu lực một phần từ 01/01/2023: Điều 1 ngưng")


def test_history_lists_each_change_once_in_order():
    amend = _with(rel(RelationKind.AMENDS, BASE, "Điều 2"))
    repeal = _with(rel(RelationKind.REPEALS, BASE), effective="01/01/2025", number="9/2024/TT-BTC")
    history = status_history("5/2020/TT-BTC", RelationGraph([_base(), amend, repeal]))
    assert [(h.date, h.status) for h in history] == [
        (d("01/01/2020"), Status.NOT_YET), (d("15/02/2020"), Status.IN_FORCE),
        (d("01/01/2023"), Status.EXPIRED_PART), (d("01/01/2025"), Status.EXPIRED)]
    assert history[-1].reason == "Hết hiệu lực toàn bộ từ 01/01/2025: bãi bỏ bởi Thông tư 9/2024/TT-BTC"


def test_status_from_bare_events_names_unknown_actors_by_label():
    events = [
        Event(EventType.EFFECTIVE, "x", "x", (), d("01/01/2019"), source="portal"),
        Event(EventType.ANNOUNCE_EXPIRED, "144/QĐ-BNV", "x", (), d("01/01/2024"),
              source="announcement", actor_label="Quyết định 144/QĐ-BNV"),
    ]
    assert compute_status("x", d("31/12/2023"), events).status is Status.IN_FORCE
    result = compute_status("x", d("01/01/2024"), events)
    assert result.reason == ("Hết hiệu lực toàn bộ từ 01/01/2024: công bố hết hiệu lực tại "
                             "Quyết định 144/QĐ-BNV")


def test_announcements_added_to_the_graph_reach_unresolved_documents_later():
    graph = RelationGraph()
    graph.add_events([Event(EventType.ANNOUNCE_EXPIRED, "144/QĐ-BNV", "5/2020/TT-BTC", (),
                            d("01/01/2024"), source="announcement", resolved=False)])
    graph.add(_base())
    assert compute_status("5/2020/TT-BTC", d("01/01/2024"), graph).status is Status.EXPIRED


def test_missing_effective_date_falls_back_on_the_source_label_and_asks_for_review():
    x = doc("08/2019/NĐ-CP", issued="01/01/2019", status_raw="Hết hiệu lực một phần",
            status_source="VBPL")
    result = compute_status(x.id, d("01/01/2024"), RelationGraph([x]))
    assert (result.status, result.computed, result.needs_review) == (
        Status.EXPIRED_PART, False, True)
    assert result.reason == "Chưa đủ dữ liệu để tính; theo nhãn của nguồn VBPL: “Hết hiệu lực một phần”"


def test_unknown_document_id_is_unknown():
    result = compute_status("nope", d("01/01/2024"), RelationGraph())
    assert result.status is Status.UNKNOWN and result.history == []


def test_ranges_in_force_for_the_index_filter():
    amend = _with(rel(RelationKind.AMENDS, BASE, "Điều 2"))
    suspend = _with(rel(RelationKind.SUSPENDS, BASE, "Điều 3"), effective="01/03/2021",
                    number="52/QĐ-BTC")
    resume = _with(rel(RelationKind.RESUMES, BASE, "Điều 3"), effective="01/05/2021",
                   number="53/QĐ-BTC")
    repeal = _with(rel(RelationKind.REPEALS, BASE), effective="01/01/2025", number="9/2024/TT-BTC")
    graph = RelationGraph([_base(), amend, suspend, resume, repeal])
    assert in_force_ranges("5/2020/TT-BTC", graph) == [(d("15/02/2020"), d("01/01/2025"))]
    ranges = provision_ranges("5/2020/TT-BTC", graph)
    assert ranges["dieu-1"] == [(d("15/02/2020"), d("01/01/2025"))]
    assert ranges["dieu-2"] == [(d("15/02/2020"), d("01/01/2023"))]
    assert ranges["dieu-3"] == [(d("15/02/2020"), d("01/03/2021")),
                                (d("01/05/2021"), d("01/01/2025"))]
