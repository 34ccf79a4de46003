"""Body tree: Phần/Chương/Mục/Điều, Vietnamese điểm order, inserted items (5a, 2a, a1)."""

import pytest

from ingest.extract.structure import (
    DIEM_ORDER,
    anchor_for,
    clauses,
    diem_key,
    is_next_diem,
    item_key,
    parse_structure,
)

BODY = """Phần thứ nhất
NHỮNG QUY ĐỊNH CHUNG
Chương I
ĐIỀU KHOẢN CƠ BẢN
Mục 1. PHẠM VI
Điều 1. Phạm vi điều chỉnh
1. Khoản một.
a) Điểm a;
b) Điểm b;
c) Điểm c;
d) Điểm d;
đ) Điểm đ;
e) Điểm e.
2. Khoản hai.
2a. Khoản hai a, do luật sửa đổi bổ sung.
Điều 5. Nguyên tắc
1. Một.
a) A;
a1) A một, được bổ sung;
b) B.
Điều 5a. Điều được bổ sung
Nội dung.
Mục 2
QUY ĐỊNH KHÁC
Điều 6
Điều không có tên, kiểu luật cũ.
CHƯƠNG II
ĐIỀU KHOẢN THI HÀNH
Điều 7. Hiệu lực thi hành
Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.
Nơi nhận:
- Như Điều 7;
"""


@pytest.fixture(scope="module")
def tree():
    return parse_structure(BODY.splitlines())


def test_vietnamese_diem_order_has_no_f_j_w_z_and_d_before_dd():
    assert DIEM_ORDER[:6] == ["a", "b", "c", "d", "đ", "e"]
    assert not {"f", "j", "w", "z"} & set(DIEM_ORDER)
    labels = ["e", "đ", "a1", "b", "a", "d", "g"]
    assert sorted(labels, key=diem_key) == ["a", "a1", "b", "d", "đ", "e", "g"]
    assert is_next_diem("d", "đ") and not is_next_diem("đ", "d") and is_next_diem(None, "a")
    with pytest.raises(ValueError):
        diem_key("f")


def test_inserted_articles_and_clauses_sort_between_their_neighbours():
    assert sorted(["6", "5a", "5", "10", "5b"], key=item_key) == ["5", "5a", "5b", "6", "10"]
    assert item_key("2a") < item_key("3") and item_key("2") < item_key("2a")


def test_every_article_has_a_stable_anchor(tree):
    _, articles = tree
    assert [a.anchor for a in articles] == ["dieu-1", "dieu-5", "dieu-5a", "dieu-6", "dieu-7"]
    assert anchor_for("12đ") == "dieu-12d"


def test_article_paths_follow_phan_chuong_muc(tree):
    _, articles = tree
    by = {a.number: a for a in articles}
    assert by["1"].path == ["Phần thứ nhất. NHỮNG QUY ĐỊNH CHUNG", "Chương I. ĐIỀU KHOẢN CƠ BẢN", "Mục 1. PHẠM VI"]
    assert by["6"].path[-1] == "Mục 2. QUY ĐỊNH KHÁC"
    assert by["7"].path[-1] == "Chương II. ĐIỀU KHOẢN THI HÀNH"  # upper-case CHƯƠNG; Mục closed
    assert by["6"].title == "" and by["6"].text.endswith("kiểu luật cũ.")
    assert by["5a"].title == "Điều được bổ sung"


def test_last_article_stops_at_the_recipients(tree):
    _, articles = tree
    assert "Nơi nhận" not in articles[-1].text
    assert articles[-1].text.endswith("năm 2021.")


def test_clauses_and_points_in_order(tree):
    _, articles = tree
    by = {a.number: a for a in articles}
    assert clauses(by["1"].text) == [("1", ["a", "b", "c", "d", "đ", "e"]), ("2", []), ("2a", [])]
    assert clauses(by["5"].text) == [("1", ["a", "a1", "b"])]


def test_outline_levels_and_anchors(tree):
    outline, _ = tree
    levels = [o.level for o in outline]
    assert levels[:4] == ["phan", "chuong", "muc", "dieu"]
    assert [o.anchor for o in outline if o.level == "dieu"][:2] == ["dieu-1", "dieu-5"]
