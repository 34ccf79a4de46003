import unicodedata

import pytest

from analyzers import canonical, normalize


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("145/2020/N\u00d0-CP", "145/2020/NĐ-CP"),
        ("\u00f0\u00e1", "đá"),
        ("15 \u2013 2020 \u2014 a \u2212 b \u2010 c", "15 - 2020 - a - b - c"),
        ("\u201cLuật\u201d \u2018x\u2019", "\"Luật\" 'x'"),
        ("a\u00a0\u00a0b\u200bc\u00adđ\ufeff", "a bcđ"),
        ("  một   hai  \r\n  ba\t bốn  ", "một hai\nba bốn"),
        ("dòng 1\n\ndòng 2", "dòng 1\n\ndòng 2"),
        ("x\x00y\x07z", "x y z"),
        ("", ""),
    ],
)
def test_normalize_cleans_encoding_differences(raw, expected):
    assert normalize(raw) == expected


def test_normalize_composes_nfd_and_keeps_tone_placement():
    nfd = unicodedata.normalize("NFD", "Tiếng Việt hòa thuỷ")
    assert normalize(nfd) == "Tiếng Việt hòa thuỷ"
    assert normalize("hòa hoà") == "hòa hoà"  # display keeps the source's spelling


def test_normalize_is_idempotent():
    s = " Số:\u00a064  /2024/QĐ\u2013UBND \r\n \u201cx\u201d "
    assert normalize(normalize(s)) == normalize(s)


@pytest.mark.parametrize(
    "a, b",
    [("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Ủy ban", "Uỷ ban"), ("HÒA", "HOÀ"),
     ("quy định", "qui định"), ("kỹ thuật", "kĩ thuật"), ("lý do", "lí do"), ("Mỹ", "Mĩ"),
     ("tỷ lệ", "tỉ lệ"), ("sỹ quan", "sĩ quan")],
)
def test_canonical_unifies_spelling_variants(a, b):
    assert canonical(a) == canonical(b)


@pytest.mark.parametrize("word", ["hoàn", "thuyền", "quý", "quỳnh", "y tế", "ý kiến", "tuy", "huy", "khuya", "hoa", "uyên"])
def test_canonical_leaves_invariant_words(word):
    assert canonical(word) == word or canonical(word).replace("í", "ý") == word


def test_canonical_new_style_choice_is_documented_one():
    assert canonical("hòa bình, thủy lợi, sức khỏe") == "hoà bình, thuỷ lợi, sức khoẻ"
    assert canonical("quý") == "quí" and canonical("y tế") == "y tế"


def test_canonical_is_aligned_with_normalize():
    samples = [
        "Ủy ban nhân dân TP. Hà Nội — hòa giải, thủy lợi, Quy định kỹ thuật",
        unicodedata.normalize("NFD", "Khỏe mạnh, HÒA BÌNH, Lý Thái Tổ"),
        "  a\u00a0b\r\nc\u200b ",
    ]
    for s in samples:
        n, c = normalize(s), canonical(s)
        assert len(n) == len(c)
        for x, y in zip(n, c):
            assert (x == y) or (x.isalpha() and y.isalpha())
