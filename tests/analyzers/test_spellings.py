"""``spellings``: the display forms a query syllable stands for, checked against the functions
that build the index fields."""

import pytest

from analyzers import canonical, fold, spellings


@pytest.mark.parametrize("syllable, folded, wanted, unwanted", [
    ("hoà", False, {"hoà", "hòa"}, {"hoa", "hóa"}),  # tone placement, old and new style
    ("kĩ", False, {"kĩ", "kỹ"}, {"kì", "ky"}),  # i/y after a consonant
    ("thuỷ", False, {"thuỷ", "thủy"}, {"thúy"}),
    ("đất", False, {"đất"}, {"dat", "đạt"}),  # accents exact
    ("dat", True, {"dat", "đất", "đạt", "dát", "dắt"}, {"đấtt"}),
    ("ki", True, {"ki", "kì", "kỹ", "ký", "ky"}, {"kê"}),
    ("nguyen", True, {"nguyên", "nguyễn", "nguyện"}, set()),
    ("nghieng", True, {"nghiêng"}, set()),
])
def test_spellings_cover_the_variants_and_nothing_else(syllable, folded, wanted, unwanted):
    got = spellings(syllable, folded)
    assert got[0] == syllable
    assert wanted <= set(got) and not unwanted & set(got)


@pytest.mark.parametrize("word", ["hòa", "Hoà", "KỸ", "quý", "thủy", "người", "nghiêng", "khuyến", "Đất", "y"])
def test_every_spelling_maps_back_to_the_query_form(word):
    canon = canonical(word).lower()
    assert word.lower() in spellings(canon, False)
    assert word.lower() in spellings(fold(canon), True)
    assert all(canonical(s) == canon for s in spellings(canon, False))
    assert all(fold(canonical(s)) == fold(canon) for s in spellings(fold(canon), True))


@pytest.mark.parametrize("token", ["2020", "nđ", "administration", "漢字", "aaaa"])
def test_what_is_not_a_syllable_stands_for_itself(token):
    assert spellings(token, False) == (token,)
