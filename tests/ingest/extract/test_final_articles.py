"""The final-article patterns of domain notes §3.10, each with a sentence copied from
laws.jsonl (thuvienphapluat.vn via underthesea, see fixtures CREDITS.md)."""

from datetime import date

from legal_search.model import RelationKind

from ingest.extract import extract
from ingest.raw import RawDocument

HEAD = """QUỐC HỘI
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc
Luật số: 69/2020/QH14
Hà Nội, ngày 13 tháng 11 năm 2020
LUẬT
THỬ NGHIỆM
Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật Thử nghiệm.
Chương I
NHỮNG QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Luật này quy định về thử nghiệm.
Điều 2. Hiệu lực thi hành
"""
TAIL = """
Luật này được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIV, kỳ họp thứ 10 thông qua ngày 13 tháng 11 năm 2020.
CHỦ TỊCH QUỐC HỘI
Nguyễn Thị Kim Ngân
"""


def law(final_article: str):
    return extract(RawDocument(path="t.txt", format="txt", text=HEAD + final_article + TAIL))


def ends(doc):
    return {(r.kind, r.target_key, r.scope, r.effective_date) for r in doc.relations
            if r.kind in (RelationKind.REPLACES, RelationKind.REPEALS)}


def test_whole_replacement_on_the_new_laws_effective_date():
    doc = law(
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2022.\n"
        "2. Luật Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng số 72/2006/QH11 hết hiệu lực"
        " kể từ ngày Luật này có hiệu lực thi hành."
    )
    assert doc.effective_date == date(2022, 1, 1)
    assert ends(doc) == {(RelationKind.REPLACES, "72/2006/QH11", "", date(2022, 1, 1))}


def test_amenders_named_in_the_sentence_do_not_end():
    doc = law(
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2023.\n"
        "2. Luật Kinh doanh bảo hiểm số 24/2000/QH10 đã được sửa đổi, bổ sung một số điều theo Luật số"
        " 61/2010/QH12 và Luật số 42/2019/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."
    )
    assert {k for _, k, _, _ in ends(doc)} == {"24/2000/QH10"}


def test_replacement_named_by_title_and_date_stays_unresolved():
    doc = law(
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2009.\n"
        "2. Luật này thay thế Luật quốc tịch Việt Nam ngày 20 tháng 5 năm 1998."
    )
    [rel] = [r for r in doc.relations if r.kind == RelationKind.REPLACES]
    assert rel.target_number == "" and rel.target_key == ""
    assert rel.target_title == "Luật quốc tịch Việt Nam ngày 20 tháng 5 năm 1998"
    assert rel.effective_date == date(2009, 7, 1)


def test_partial_ending_lists_the_provisions():
    doc = law(
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016.\n"
        "2. Các quy định về bảo hiểm tai nạn lao động, bệnh nghề nghiệp tại Mục 3 Chương III, khoản 4 Điều 84,"
        " điểm b khoản 1 và điểm a khoản 2 Điều 86, các điều 104, 105, 106, 107, 116 và 117 của Luật bảo hiểm"
        " xã hội số 58/2014/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành."
    )
    [rel] = [r for r in doc.relations if r.target_key == "58/2014/QH13"]
    assert rel.kind == RelationKind.REPEALS
    assert rel.scope.startswith("Mục 3 Chương III, khoản 4 Điều 84")
    assert "các điều 104, 105, 106, 107, 116 và 117" in rel.scope


def test_staged_ending_keeps_listed_provisions_until_a_later_day():
    doc = law(
        "1. Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016.\n"
        "2. Bộ luật tố tụng dân sự số 24/2004/QH11 đã được sửa đổi, bổ sung theo Luật số 65/2011/QH12 hết"
        " hiệu lực kể từ ngày Bộ luật này có hiệu lực thi hành, trừ các quy định tại Điều 159 và điểm h khoản 1"
        " Điều 192 tiếp tục có hiệu lực thi hành đến hết ngày 31 tháng 12 năm 2016."
    )
    got = ends(doc)
    # the whole law ends with the new one, except the listed provisions, which end after
    # "đến hết ngày 31/12/2016", i.e. on 01/01/2017 (exclusive): the shape the validity engine reads
    assert (RelationKind.REPLACES, "24/2004/QH11", "toàn bộ, trừ Điều 159 và điểm h khoản 1 Điều 192",
            date(2016, 7, 1)) in got
    assert (RelationKind.REPLACES, "24/2004/QH11", "Điều 159 và điểm h khoản 1 Điều 192", date(2017, 1, 1)) in got
    assert all(k != "65/2011/QH12" for _, k, _, _ in got)


def test_several_effective_dates():
    doc = law(
        "1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021, trừ quy định tại khoản 2 Điều này.\n"
        "2. Quy định tại khoản 3 Điều 75 của Luật này có hiệu lực thi hành từ ngày 01 tháng 9 năm 2020."
    )
    assert doc.effective_date == date(2021, 1, 1)
    [part] = doc.effective_parts
    assert part.scope == "khoản 3 Điều 75" and part.effective_date == date(2020, 9, 1)


def test_effective_from_a_budget_year():
    doc = law("Luật này có hiệu lực thi hành từ năm ngân sách 2017.")
    assert doc.effective_date == date(2017, 1, 1)


def test_effective_from_signing_and_n_days_after():
    base = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 33/2025/QĐ-UBND\nHà Nội, ngày 21 tháng 4 năm 2025\n"
        "QUYẾT ĐỊNH\nBan hành khung giá\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành khung giá.\nĐiều 2. Điều khoản thi hành\n"
    )
    signed = extract(RawDocument(path="a", format="txt", text=base + "Quyết định này có hiệu lực kể từ ngày ký."))
    assert signed.effective_date == date(2025, 4, 21)
    assert signed.provenance["effective_date"] == "text:effective-from-signing"
    later = extract(RawDocument(path="b", format="txt",
                                text=base + "Quyết định này có hiệu lực sau 10 ngày, kể từ ngày ký."))
    assert later.effective_date == date(2025, 5, 1)


def test_effective_date_ignores_dates_cited_in_the_can_cu():
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 68/2024/QĐ-UBND\nHà Nội, ngày 05 tháng 12 năm 2024\n"
        "QUYẾT ĐỊNH\nBan hành Quy định\n"
        "Căn cứ Thông tư số 06/2017/TT-BVHTTDL ngày 15 tháng 12 năm 2017 của Bộ Văn hóa, Thể thao và Du lịch,"
        " có hiệu lực thi hành kể từ ngày 20 tháng 01 năm 2020;\nQUYẾT ĐỊNH:\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy định.\n"
        "Điều 2. Quyết định có hiệu lực thi hành kể từ ngày 15/ 12/2024.\n"
    )
    doc = extract(RawDocument(path="c", format="txt", text=text))
    assert doc.effective_date == date(2024, 12, 15)


def test_title_detailing_an_amending_law_details_it():
    from ingest.extract.relations import title_relations
    from legal_search.model import RelationKind

    rels = title_relations("Quy định chi tiết thi hành Luật sửa đổi, bổ sung một số điều của Luật Thuế xuất khẩu, "
                           "thuế nhập khẩu số 04/1998/QH10 ngày 20 tháng 5 năm 1998")
    assert [(r.kind, r.target_number) for r in rels] == [(RelationKind.DETAILS, "04/1998/QH10")]
    amend = title_relations("Sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP")
    assert [(r.kind, r.target_number) for r in amend] == [(RelationKind.AMENDS, "15/2020/NĐ-CP")]


def test_repeal_listing_several_laws_over_semicolons():
    """Luật Đất đai 45/2013/QH13, Điều 211 khoản 2 (real sentence, shared laws data)."""
    from ingest.extract.relations import final_relations

    text = ("2. Bãi bỏ Điều 57 của Luật hàng không dân dụng Việt Nam số 66/2006/QH11; Điều 2 của Luật số "
            "34/2009/QH12 sửa đổi, bổ sung Điều 126 của Luật nhà ở và Điều 121 của Luật đất đai; Điều 4 của Luật "
            "số 38/2009/QH12 sửa đổi, bổ sung một số điều của các luật liên quan đến đầu tư xây dựng cơ bản; "
            "Điều 264 của Luật tố tụng hành chính số 64/2010/QH12; các quy định về trưng dụng đất trong Luật "
            "trưng mua, trưng dụng tài sản số 15/2008/QH12.\nĐiều 212. Quy định chi tiết\n")
    got = [(r.kind.value, r.target_number, r.scope) for r in final_relations(text)]
    assert got == [("repeals", "66/2006/QH11", "Điều 57"), ("repeals", "34/2009/QH12", "Điều 2"),
                   ("repeals", "38/2009/QH12", "Điều 4"), ("repeals", "64/2010/QH12", "Điều 264"),
                   # named by subject, not by article: a part, never the whole law
                   ("repeals", "15/2008/QH12", "các quy định về trưng dụng đất")]


def test_partial_endings_of_two_laws_around_an_amender_list():
    """Luật Tiếp công dân 42/2013/QH13, Điều 35 (real sentence, shared laws data): Chương V of
    both laws ends; the amending laws 26/2004 and 58/2005 are named only as amenders."""
    from ingest.extract.relations import final_relations

    text = ("Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2014.\nNhững quy định về tiếp công dân tại "
            "Chương V của Luật khiếu nại, tố cáo số 09/1998/QH10 đã được sửa đổi, bổ sung một số điều theo Luật số "
            "26/2004/QH11 và Luật số 58/2005/QH11, Chương V của Luật khiếu nại số 02/2011/QH13 hết hiệu lực thi "
            "hành kể từ ngày Luật này có hiệu lực.\nĐiều 36. Quy định chi tiết\n")
    got = [(r.kind.value, r.target_number, r.scope) for r in final_relations(text)]
    assert got == [("repeals", "09/1998/QH10", "Chương V"), ("repeals", "02/2011/QH13", "Chương V")]


def test_exception_listed_after_the_ending_sentence():
    """Luật Kinh doanh bảo hiểm 08/2022/QH15, Điều 157 khoản 3 (real text, shared laws data)."""
    from ingest.extract.relations import final_relations

    text = ("3. Luật Kinh doanh bảo hiểm số 24/2000/QH10 đã được sửa đổi, bổ sung một số điều theo Luật số "
            "61/2010/QH12 và Luật số 42/2019/QH14 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành, trừ "
            "trường hợp sau đây:\na) Khoản 1 Điều 157 của Luật này;\nb) Các điều 77, 78, 79, 80, 81, 83, 94 và 98 "
            "của Luật Kinh doanh bảo hiểm số 24/2000/QH10 đã được sửa đổi, bổ sung một số điều theo Luật số "
            "61/2010/QH12 và Luật số 42/2019/QH14 có hiệu lực đến hết ngày 31 tháng 12 năm 2027.\n")
    got = [(r.kind.value, r.target_number, r.scope, r.effective_date) for r in final_relations(text)]
    kept = "các điều 77, 78, 79, 80, 81, 83, 94 và 98"
    assert got == [("replaces", "24/2000/QH10", f"toàn bộ, trừ {kept}", None),
                   ("replaces", "24/2000/QH10", kept, date(2028, 1, 1))]
