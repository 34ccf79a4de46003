"""One issuing body, one facet value, whatever the spelling."""

import pytest

from analyzers import canonical_issuer, issuer_names


@pytest.mark.parametrize("raw, name", [
    ("QUỐC HỘI", "Quốc hội"),
    ("Bộ công thương", "Bộ Công Thương"),
    ("Bộ Văn hoá, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("Bộ Văn hóa - Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("Uỷ ban Thường vụ Quốc hội", "Ủy ban Thường vụ Quốc hội"),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Ủy ban nhân dân thành phố Hà Nội"),
    ("ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "Ủy ban nhân dân tỉnh Bắc Ninh"),
    ("Ngân hàng Nhà nước", "Ngân hàng Nhà nước Việt Nam"),
    ("Sở Tài chính", "Sở Tài chính"),
])
def test_spellings_of_one_body_give_one_name(raw, name):
    assert canonical_issuer(raw) == name


def test_joint_issuers_are_split_in_order():
    assert issuer_names("Bộ Tư pháp, Viện kiểm sát nhân dân tối cao và Toà án nhân dân tối cao") == [
        "Bộ Tư pháp", "Viện kiểm sát nhân dân tối cao", "Tòa án nhân dân tối cao"]
    assert issuer_names("Bộ Lao động - Thương binh và Xã hội") == ["Bộ Lao động - Thương binh và Xã hội"]
    assert issuer_names("") == []

