import json
from pathlib import Path

import pytest

from analyzers import segment, segment_many

UD = Path("/work/shared/data/wordseg/ud_vtb_test.jsonl")


@pytest.mark.parametrize(
    "text, token",
    [
        ("Theo Nghị định 15/2020/NĐ-CP. ngày nọ", "15/2020/NĐ-CP"),
        ("Số: 64      /2024/QĐ-UBND", "64/2024/QĐ-UBND"),
        ("ngày 1/1/2021 và", "1/1/2021"),
        ("ngày 01-01-2021 và", "01-01-2021"),
        ("xem www.hanoi.gov.vn nhé", "www.hanoi.gov.vn"),
        ("xem https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1. Rồi", "https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=1"),
        ("gửi tới vanthu@hanoi.gov.vn.", "vanthu@hanoi.gov.vn"),
        ("mức 5.400 đồng", "5.400"),
        ("tổng 1.000.000 đồng", "1.000.000"),
        ("đạt 100% kế hoạch", "100%"),
        ("theo Điều 5 của Luật", "Điều_5"),
        ("tại khoản 2 Điều 3", "khoản_2"),
        ("điểm a khoản 1", "điểm_a"),
        ("QCVN 02:2019/BLĐTBXH quy định", "QCVN_02:2019/BLĐTBXH"),
        ("Chỉ thị 16-NQ/TW ngày", "16-NQ/TW"),
    ],
)
def test_identifiers_survive_as_one_token(text, token):
    assert token in segment(text).split(" ")


def test_pyvi_style_output():
    out = segment("Ủy ban nhân dân thành phố Hà Nội ban hành quyết định")
    assert "Hà_Nội" in out.split() and "  " not in out and "\n" not in out


def test_same_as_pyvi_on_ordinary_text():
    from pyvi import ViTokenizer

    rows = [json.loads(line) for line in UD.open(encoding="utf-8")][:150]
    for r in rows:
        assert segment(r["text"]) == ViTokenizer.tokenize(r["text"])


def test_sentence_final_caps_word_loses_its_period_but_abbreviations_keep_it():
    toks = segment("Gửi UBND. Tại TP. Hà Nội").split()
    assert "UBND" in toks and "." in toks and "TP." in toks


@pytest.mark.parametrize("empty", ["", " ", "\n\n", "\t \u00a0 \u200b"])
def test_empty_input(empty):
    assert segment(empty) == ""


def test_deterministic_and_lines_joined():
    t = "Dòng một.\nDòng hai có Hà Nội.\n\nDòng ba."
    assert segment(t) == segment(t)
    assert "\n" not in segment(t)


def test_segment_many_preserves_order_and_matches_serial():
    texts = [f"Văn bản {i} của Ủy ban nhân dân ngày {i % 28 + 1}/1/2021. " * 40 for i in range(120)]
    assert segment_many(texts, workers=2) == [segment(t) for t in texts]
    assert segment_many(texts[:3]) == [segment(t) for t in texts[:3]]
    assert segment_many([]) == []
