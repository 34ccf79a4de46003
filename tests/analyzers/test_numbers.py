"""Every test vector of domain.md §3.6, plus the free-text boundary guard."""

import pytest

from analyzers import find_doc_numbers, parse_doc_number


def _parse(s):
    d = parse_doc_number(s)
    assert d is not None, s
    return d


def test_normative_with_prefix():
    d = _parse("Số: 15/2020/NĐ-CP")
    assert (d.num, d.year, d.type, d.issuers, d.cls) == ("15", 2020, "NĐ", ("CP",), "normative")
    assert d.key == "15/2020/ND-CP" and d.canonical == "15/2020/NĐ-CP" and not d.is_yearless


def test_law_of_the_national_assembly():
    d = _parse("Luật số: 45/2019/QH14")
    assert (d.num, d.year, d.issuers, d.term, d.cls, d.type) == ("45", 2019, ("QH",), 14, "qh", "")
    assert d.key == "45/2019/QH14"


def test_ubtvqh_forms():
    d = _parse("Nghị quyết số 528/2018/UBTVQH14")
    assert (d.cls, d.term, d.year) == ("ubtvqh", 14, 2018)
    d = _parse("44/2002/PL-UBTVQH10")
    assert (d.cls, d.type, d.term) == ("ubtvqh", "PL", 10)


def test_circulars():
    d = _parse("15/2024/TT-NHNN")
    assert (d.type, d.issuers) == ("TT", ("NHNN",))
    d = _parse("01/2016/TTLT-BTP-BTC")
    assert (d.type, d.issuers, d.key) == ("TTLT", ("BTP", "BTC"), "1/2016/TTLT-BTP-BTC")


def test_yearless_numbers():
    d = _parse("26/VBHN-NHNN")
    assert (d.cls, d.year, d.is_yearless, d.issuers) == ("vbhn", None, True, ("NHNN",))
    d = _parse("1579/QĐ-TTg")
    assert (d.cls, d.type, d.issuers, d.is_yearless) == ("individual", "QĐ", ("TTg",), True)
    assert d.canonical == "1579/QĐ-TTg" and d.key == "1579/QD-TTG"
    d = _parse("4919/VPCP-KTTH")
    assert (d.cls, d.issuers, d.units, d.type) == ("congvan", ("VPCP",), ("KTTH",), "")


def test_party_standard_and_legacy():
    d = _parse("16-NQ/TW")
    assert (d.cls, d.type, d.issuers) == ("party", "NQ", ("TW",))
    d = _parse("QCVN 02:2019/BLĐTBXH")
    assert (d.cls, d.year, d.type, d.num, d.key) == ("standard", 2019, "QCVN", "02", "QCVN 02:2019/BLDTBXH")
    d = _parse("43-CP")
    assert (d.cls, d.issuers) == ("legacy", ("CP",))


@pytest.mark.parametrize(
    "dirty, canonical",
    [
        ("09/2026NQ-HĐND", "09/2026/NQ-HĐND"),
        ("145/2020/NÐ-CP", "145/2020/NĐ-CP"),
        ("20/2015/NĐ-CP ngày", "20/2015/NĐ-CP"),
        ("15 / 2020 / NĐ – CP", "15/2020/NĐ-CP"),
        ("Số: 64      /2024/QĐ-UBND", "64/2024/QĐ-UBND"),
        ("Luật số: 28/2004/QH 11", "28/2004/QH11"),
        ("NQ_HĐND" and "12/2020/NQ_HĐND", "12/2020/NQ-HĐND"),
        ("50/2014/QH13 - Luật Xây dựng", "50/2014/QH13"),
    ],
)
def test_dirty_spellings_are_repaired(dirty, canonical):
    assert _parse(dirty).canonical == canonical


def test_decimal_number():
    d = _parse("66.7/2025/NQ-CP")
    assert d.num == "66.7" and d.key == "66.7/2025/NQ-CP"


@pytest.mark.parametrize("bad", ["2020/15/NĐ-CP", "15/20/NĐ-CP", "", "   ", "hello", "1/1/2021", "15/2020"])
def test_rejects(bad):
    assert parse_doc_number(bad) is None


@pytest.mark.parametrize(
    "spelling",
    ["15/2020/NĐ-CP", "Số: 15/2020/NĐ-CP", "15/2020/nđ-cp", "15/2020/ND-CP", "015/2020/NÐ-CP",
     "nd 15 2020", "nđ 15/2020", "Nghị định 15/2020", "nghi dinh 15/2020", "15-2020-nd-cp",
     "Nghị định số 15/2020/NĐ-CP ngày 03 tháng 02 năm 2020"],
)
def test_every_spelling_gives_one_key(spelling):
    assert _parse(spelling).key == "15/2020/ND-CP"


def test_query_shorthand_without_implied_issuer_is_partial():
    d = _parse("tt 15 2024")
    assert d.partial and d.key == "15/2024/TT" and d.type == "TT"


def test_find_respects_the_boundary_guard():
    text = "Căn cứ Luật số 50/2014/QH13 - Luật Xây dựng; Nghị định 15/2020/NĐ-CP."
    found = find_doc_numbers(text)
    assert [d.canonical for d in found] == ["50/2014/QH13", "15/2020/NĐ-CP"]
    for d in found:
        assert text[d.span[0]:d.span[1]] == d.raw


def test_find_in_running_text_in_order_with_spans():
    text = ("ngày 1/1/2021, 100/người, Công văn 4919/VPCP-KTTH, 16-NQ/TW, 09/2026NQ-HĐND, "
            "QCVN 02:2019/BLĐTBXH và Số: 64      /2024/QĐ-UBND")
    found = find_doc_numbers(text)
    assert [d.key for d in found] == ["4919/VPCP-KTTH", "16-NQ/TW", "9/2026/NQ-HDND",
                                      "QCVN 02:2019/BLDTBXH", "64/2024/QD-UBND"]
    assert [text[a:b] for a, b in (d.span for d in found)][2] == "09/2026NQ-HĐND"


def test_find_strict_vs_lenient():
    q = "tìm nd 15 2020 và 15-2020-nd-cp hoặc 15/2020/nđ-cp"
    assert find_doc_numbers(q) == []
    keys = [d.key for d in find_doc_numbers(q, lenient=True)]
    assert keys == ["15/2020/ND-CP"] * 3


def test_find_on_empty_and_garbage():
    assert find_doc_numbers("") == []
    assert find_doc_numbers("\x00\xff/////----" * 100) == []
