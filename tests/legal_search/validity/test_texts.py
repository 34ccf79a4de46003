"""Scope paths, number keys, source labels and phrase dates."""

import pytest

from legal_search.model import Status
from legal_search.validity import compare_with_source, map_source_label
from legal_search.validity.keys import issuer_code, number_key
from legal_search.validity.paths import parse_scope, split_scope
from legal_search.validity.phrases import end_from_phrase, parse_date, start_from_phrase
from legal_search.validity.reasons import path_label
from tests.legal_search.validity.factory import d, doc


@pytest.mark.parametrize(("scope", "paths"), [
    ("", ()),
    ("Điều này", ()),
    ("Điều 5", ("dieu-5",)),
    ("khoản 2 Điều 5", ("dieu-5/khoan-2",)),
    ("điểm a khoản 2 Điều 5", ("dieu-5/khoan-2/diem-a",)),
    ("khoản 1 và khoản 2 Điều 5", ("dieu-5/khoan-1", "dieu-5/khoan-2")),
    ("Điều 5, khoản 2 Điều 7", ("dieu-5", "dieu-7/khoan-2")),
    ("các điều 104, 105 và 106", ("dieu-104", "dieu-105", "dieu-106")),
    ("Mục 3 Chương III", ("chuong-iii/muc-3",)),
    ("Điều 5a", ("dieu-5a",)),
    # Luật 84/2015/QH13 on Luật 58/2014/QH13: groups joined by "và" share the Điều written last
    ("khoản 4 Điều 84, điểm b khoản 1 và điểm a khoản 2 Điều 86",
     ("dieu-84/khoan-4", "dieu-86/khoan-1/diem-b", "dieu-86/khoan-2/diem-a")),
    ("điểm b khoản 1 và khoản 2 Điều 2", ("dieu-2/khoan-1/diem-b", "dieu-2/khoan-2")),  # 58/2014/QH13
    ("khoản 1 Điều 5 và khoản 2 Điều 7", ("dieu-5/khoan-1", "dieu-7/khoan-2")),
    ("Điều 5 và khoản 2 Điều 7", ("dieu-5", "dieu-7/khoan-2")),
])
def test_scopes_become_paths(scope, paths):
    assert parse_scope(scope) == paths


def test_except_clause_is_split_off():
    assert split_scope("toàn bộ Luật, trừ các điều 77, 78") == ((), ("dieu-77", "dieu-78"))
    assert path_label("dieu-84/khoan-4") == "khoản 4 Điều 84"


@pytest.mark.parametrize(("raw", "key"), [
    ("Số: 15/2020/NĐ-CP", "15/2020/ND-CP"),
    ("15 / 2020 / NĐ – CP", "15/2020/ND-CP"),
    ("145/2020/NÐ-CP", "145/2020/ND-CP"),
    ("20/2015/NĐ-CP ngày", "20/2015/ND-CP"),
    ("09/2026NQ-HĐND", "9/2026/NQ-HDND"),
    ("26/VBHN-NHNN", "26/VBHN-NHNN"),
])
def test_number_keys(raw, key):
    assert number_key(raw) == key


def test_issuer_codes_of_joint_and_assembly_documents():
    assert issuer_code(doc("01/2016/TTLT-BTP-BTC")) == "BTP-BTC"
    assert issuer_code(doc("45/2019/QH14")) == "QH"
    assert issuer_code(doc("528/2018/UBTVQH14")) == "UBTVQH"


@pytest.mark.parametrize(("label", "status"), [
    ("Còn hiệu lực", Status.IN_FORCE),
    ("Đang có hiệu lực", Status.IN_FORCE),
    ("Văn bản đang có hiệu lực", Status.IN_FORCE),
    ("Còn hiệu lực toàn bộ", Status.IN_FORCE),
    ("Văn bản hết hiệu lực", Status.EXPIRED),
    ("hết hiệu lực", Status.EXPIRED),
    ("Hết hiệu lực toàn bộ", Status.EXPIRED),
    ("Hết hiệu lực một phần", Status.EXPIRED_PART),
    ("Chưa có hiệu lực", Status.NOT_YET),
    ("Chờ hiệu lực", Status.NOT_YET),
    ("Có hiệu lực một phần", Status.IN_FORCE_PARTLY_PENDING),
    ("Ngừng hiệu lực", Status.SUSPENDED),
    ("Ngưng hiệu lực một phần", Status.SUSPENDED_PART),
    ("Không còn phù hợp", Status.UNKNOWN),
    ("Không xác định", Status.UNKNOWN),
    ("Tình trạng: Còn hiệu lực.", Status.IN_FORCE),
    ("", Status.UNKNOWN),
])
def test_source_labels_map_to_the_enum(label, status):
    assert map_source_label(label) is status


def test_comparison_reports_only_real_claims():
    found = compare_with_source("x", "Còn hiệu lực", Status.EXPIRED, "TVPL")
    assert (found.source_status, found.computed) == (Status.IN_FORCE, Status.EXPIRED)
    assert compare_with_source("x", "Không còn phù hợp", Status.EXPIRED) is None
    assert compare_with_source("x", "Đang có hiệu lực", Status.IN_FORCE) is None


def test_phrase_dates():
    assert parse_date("ban hành ngày 29 tháng 6 năm 2001") == d("29/06/2001")
    assert end_from_phrase("hết hiệu lực kể từ ngày 01/07/2022") == (d("01/07/2022"), False)
    assert end_from_phrase("thực hiện đến hết ngày 31/12/2025") == (d("01/01/2026"), False)
    assert end_from_phrase("áp dụng đến ngày 31/12/2025") == (d("01/01/2026"), True)
    assert start_from_phrase("có hiệu lực kể từ ngày ký", d("05/05/2021")) == d("05/05/2021")
    assert start_from_phrase("có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2021") == d("01/01/2021")
