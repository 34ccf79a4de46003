"""Patterns of "Hiệu lực thi hành" articles (domain notes §3.10) where they concern status."""

from legal_search.model import EffectivePart, RelationKind, Status
from legal_search.validity import RelationGraph, compute_status
from legal_search.validity.phrases import ended_numbers, start_from_phrase
from tests.legal_search.validity.factory import articles, d, doc, rel

BHXH = "58/2014/QH13"


def _insurance_law():
    arts = (articles("1", "2", "84") + articles("60", "61", path=("Chương III", "Mục 3. Chế độ"))
            + articles("104", "105", "106"))
    return doc(BHXH, "Luật", issued="20/11/2014", effective="01/01/2016", articles=arts)


def test_partial_ending_of_listed_provisions_is_expired_part():
    new = doc("41/2024/QH15", "Luật", issued="29/06/2024", effective="01/07/2025", relations=[
        rel(RelationKind.REPLACES, BHXH, "Các quy định về bảo hiểm thất nghiệp tại Mục 3 Chương "
            "III, khoản 4 Điều 84, các điều 104, 105")])
    graph = RelationGraph([_insurance_law(), new])
    result = compute_status(BHXH, d("01/07/2025"), graph)
    assert result.status is Status.EXPIRED_PART
    states = {p.path: p.state for p in result.provisions}
    assert states["dieu-104"] is states["dieu-105"] is Status.EXPIRED
    assert states["dieu-60"] is states["dieu-61"] is Status.EXPIRED  # in Mục 3 Chương III
    assert states["dieu-84/khoan-4"] is Status.EXPIRED
    assert states["dieu-84"] is states["dieu-106"] is states["dieu-1"] is Status.IN_FORCE
    assert result.reason.startswith("Hết hiệu lực một phần từ 01/07/2025: Mục 3 Chương III, "
                                    "khoản 4 Điều 84, Điều 104, Điều 105 thay thế bởi Luật 41/2024")
    assert compute_status(BHXH, d("30/06/2025"), graph).status is Status.IN_FORCE


def test_staged_ending_most_ends_first_listed_articles_at_the_end_of_a_later_day():
    old = doc("13/2008/QH12", "Luật", issued="03/06/2008", effective="01/01/2009",
              articles=articles("1", "2", "77", "78"))
    new = doc("48/2024/QH15", "Luật", issued="26/11/2024", effective="01/07/2025", relations=[
        rel(RelationKind.REPLACES, "13/2008/QH12", "toàn bộ, trừ các điều 77, 78"),
        rel(RelationKind.REPLACES, "13/2008/QH12", "các điều 77, 78", when="01/01/2026"),
    ])
    graph = RelationGraph([old, new])
    middle = compute_status(old.id, d("31/12/2025"), graph)
    assert middle.status is Status.EXPIRED_PART
    assert middle.provision("dieu-77").state is Status.IN_FORCE
    assert middle.provision("dieu-2").state is Status.EXPIRED
    final = compute_status(old.id, d("01/01/2026"), graph)
    assert final.status is Status.EXPIRED
    assert [h.status for h in final.history][-3:] == [
        Status.IN_FORCE, Status.EXPIRED_PART, Status.EXPIRED]


def test_several_effective_dates_give_partly_pending_between_them():
    law = doc("59/2020/QH14", "Luật", issued="17/06/2020", effective="01/01/2021",
              effective_parts=[EffectivePart(scope="khoản 3 Điều 75",
                                             effective_date=d("01/09/2020"))])
    graph = RelationGraph([law])
    assert compute_status(law.id, d("31/08/2020"), graph).status is Status.NOT_YET
    between = compute_status(law.id, d("01/10/2020"), graph)
    assert between.status is Status.IN_FORCE_PARTLY_PENDING
    assert between.provision("dieu-75/khoan-3").state is Status.IN_FORCE
    assert between.provision("*").state is Status.NOT_YET
    assert compute_status(law.id, d("01/01/2021"), graph).status is Status.IN_FORCE


def test_only_the_named_law_ends_not_the_laws_that_amended_it():
    sentence = ("Luật Đất đai số 45/2013/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số "
                "35/2018/QH14, Luật số 16/2023/QH15 hết hiệu lực kể từ ngày Luật này có hiệu lực "
                "thi hành.")
    ended = ended_numbers(sentence)
    assert ended == ["45/2013/QH13"]
    old = doc("45/2013/QH13", "Luật", issued="29/11/2013", effective="01/07/2014")
    amenders = [doc(n, "Luật", issued="15/06/2018", effective="01/01/2019",
                    relations=[rel(RelationKind.AMENDS, "45/2013/QH13")])
                for n in ("35/2018/QH14", "16/2023/QH15")]
    new = doc("31/2024/QH15", "Luật", issued="18/01/2024", effective="01/08/2024",
              relations=[rel(RelationKind.REPLACES, n, evidence=sentence) for n in ended])
    graph = RelationGraph([old, *amenders, new])
    on = d("01/08/2024")
    assert compute_status("45/2013/QH13", on, graph).status is Status.EXPIRED
    assert compute_status("35/2018/QH14", on, graph).status is Status.IN_FORCE
    assert compute_status("16/2023/QH15", on, graph).status is Status.IN_FORCE


def test_whole_replacement_on_the_new_laws_effective_date():
    sentence = "Luật công chứng số 82/2006/QH11 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."
    old = doc("82/2006/QH11", "Luật", issued="29/11/2006", effective="01/07/2007")
    new = doc("53/2014/QH13", "Luật", issued="20/06/2014", effective="01/01/2015",
              relations=[rel(RelationKind.REPLACES, n) for n in ended_numbers(sentence)])
    result = compute_status(old.id, d("01/01/2015"), RelationGraph([old, new]))
    assert result.status is Status.EXPIRED
    assert result.reason == "Hết hiệu lực toàn bộ từ 01/01/2015: thay thế bởi Luật 53/2014/QH13"


def test_effective_from_a_budget_year_is_the_first_of_january():
    assert start_from_phrase("Luật này có hiệu lực thi hành từ năm ngân sách 2017.") == d("01/01/2017")


def test_replacement_named_by_title_and_date_is_resolved_only_on_an_exact_match():
    old = doc("26/2001/QH10", "Luật", issued="29/06/2001", effective="01/01/2002",
              title="giao thông đường bộ")
    title_only = rel(RelationKind.REPLACES, "")
    title_only.target_title = "Luật giao thông đường bộ ngày 29 tháng 6 năm 2001"
    new = doc("23/2008/QH12", "Luật", issued="13/11/2008", effective="01/07/2009",
              relations=[title_only])
    graph = RelationGraph([old, new])
    assert compute_status(old.id, d("01/07/2009"), graph).status is Status.EXPIRED
    other_day = rel(RelationKind.REPLACES, "")
    other_day.target_title = "Luật giao thông đường bộ ngày 30 tháng 6 năm 2001"
    assert graph.resolve(other_day) is None


def test_two_amendments_on_the_same_day_make_one_new_version():
    base = doc("01/2020/TT-BTC", "Thông tư", issued="01/01/2020", effective="15/02/2020")
    amenders = [doc(n, "Thông tư", issued="01/11/2022", effective="01/01/2023",
                    relations=[rel(RelationKind.AMENDS, "01/2020/TT-BTC", "Điều 3")])
                for n in ("02/2022/TT-BTC", "03/2022/TT-BTC")]
    result = compute_status(base.id, d("01/01/2023"), RelationGraph([base, *amenders]))
    versions = result.provision("dieu-3").versions
    assert [(v.start, v.end) for v in versions] == [
        (d("15/02/2020"), d("01/01/2023")), (d("01/01/2023"), None)]
    assert versions[0].created_by is None
    assert "Điều 3 sửa đổi bởi Thông tư 02/2022/TT-BTC; Điều 3 sửa đổi bởi Thông tư 03/2022" \
        in result.reason


def test_a_part_named_by_subject_ends_only_a_part():
    """"Bãi bỏ … các quy định về trưng dụng đất trong Luật … số 15/2008/QH12" (45/2013/QH13)."""
    target = doc("15/2008/QH12", "Luật", issued="03/06/2008", effective="01/01/2009")
    actor = doc("45/2013/QH13", "Luật", issued="29/11/2013", effective="01/07/2014", relations=[
        rel(RelationKind.REPEALS, "15/2008/QH12", "các quy định về trưng dụng đất")])
    result = compute_status(target.id, d("01/01/2020"), RelationGraph([target, actor]))
    assert result.status is Status.EXPIRED_PART
    assert result.reason == "Hết hiệu lực một phần từ 01/07/2014: một số quy định bãi bỏ bởi Luật 45/2013/QH13"
