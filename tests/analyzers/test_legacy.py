import pytest

from analyzers import decode_legacy, detect_legacy
from analyzers.legacy import ENCODINGS, convert, encode_legacy

SAMPLE = ("cộng hòa xã hội chủ nghĩa việt nam. độc lập - tự do - hạnh phúc. ủy ban nhân dân tỉnh bình "
          "phước quyết định về việc phê duyệt kế hoạch thực hiện quy hoạch sử dụng rừng, đất rừng; "
          "nghị định số 15/2020/nđ-cp; ưu tiên, ướt, giữa, người, ngoằn ngoèo, khuỷu tay, ẵm, quỹ")
UPPER = "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC ĐỘC LẬP ẲẴẪỶỸỴ Ơ Ư Ă"


@pytest.mark.parametrize("enc", ENCODINGS)
def test_round_trip_through_our_tables(enc):
    legacy = encode_legacy(SAMPLE, enc)
    assert legacy != SAMPLE
    assert detect_legacy(legacy) == enc
    assert decode_legacy(legacy) == (SAMPLE, enc)


@pytest.mark.parametrize("enc", ["vni", "viscii", "cp1258", "utf8-mojibake"])
def test_round_trip_upper_case(enc):
    assert convert(encode_legacy(UPPER, enc), enc) == UPPER


def test_tcvn3_has_no_accented_capitals():
    # ABC fonts draw capitals from the lower-case codes: we can only recover lower case
    assert convert("§éc lËp", "tcvn3") == "Độc lập"
    assert encode_legacy("độc lập", "tcvn3") == "®éc lËp"


def test_bytes_input():
    assert decode_legacy(SAMPLE.encode("utf-8")) == (SAMPLE, "")
    raw = encode_legacy(SAMPLE, "tcvn3").encode("cp1252")
    assert decode_legacy(raw) == (SAMPLE, "tcvn3")
    raw = encode_legacy(SAMPLE, "cp1258").encode("cp1252")
    assert decode_legacy(raw) == (SAMPLE, "cp1258")


@pytest.mark.parametrize(
    "clean",
    [SAMPLE, SAMPLE.upper(), "Café résumé naïve", "Hà Nội", "Điều 5. Phạm vi điều chỉnh", "", "   ",
     "ASCII only text 15/2020/ND-CP", "Thủ tướng Chính phủ", "Tôi yêu Việt Nam 😀 日本語"],
)
def test_never_fires_on_clean_unicode(clean):
    assert detect_legacy(clean) == ""
    assert decode_legacy(clean) == (clean, "")


def test_mojibake_examples():
    assert decode_legacy("Ã¡") == ("á", "utf8-mojibake")
    assert decode_legacy("cáº§n thÆ¡") == ("cần thơ", "utf8-mojibake")
    assert decode_legacy("Quyáº¿t Ä‘á»‹nh sá»‘ 15") == ("Quyết định số 15", "utf8-mojibake")
