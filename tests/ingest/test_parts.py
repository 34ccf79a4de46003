"""Documents in numbered parts are imported as one document; every part is an input."""

from __future__ import annotations

from pathlib import Path

from ingest.parts import part_groups
from ingest.pipeline import ingest

HEADER = """QUỐC HỘI
Luật số: 99/2015/QH13
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

LUẬT
THỬ NGHIỆM NHIỀU PHẦN

Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;
Quốc hội ban hành Luật thử nghiệm nhiều phần.

"""
PART1 = HEADER + "Điều 1. Phạm vi điều chỉnh\nLuật này quy định việc thử nghiệm.\n\nĐiều 2. Đối tượng áp dụng\nCơ quan, tổ chức.\n"
PART2 = ("Luật số 99/2015/QH13 được nhắc lại ở phần sau.\n\nĐiều 3. Nguyên tắc\nCông khai, minh bạch.\n\n"
         "Điều 4. Hiệu lực thi hành\nLuật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016.\n\n"
         "Luật này đã được Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam khóa XIII, kỳ họp thứ 10 "
         "thông qua ngày 27 tháng 11 năm 2015.\n")


def test_complete_runs_of_numbered_parts_are_grouped():
    names = ["96122_100-2015-QH13_BLHS_VanBanGoc_P1.pdf", "96122_100-2015-QH13_BLHS_VanBanGoc_P2.pdf",
             "147294_23-VBHN-VPQH_part1_congbao-1093-1094.pdf", "147294_23-VBHN-VPQH_part2_congbao-1095-1096.pdf",
             "gap_P1.pdf", "gap_P3.pdf",  # part 2 missing: not one document we can vouch for
             "alone_P1.pdf", "anle_27-2019-AL.pdf"]
    files = [Path("/a") / n for n in names] + [Path("/b/x_P2.pdf"), Path("/c/x_P1.pdf")]  # other folders
    groups = part_groups(files)
    assert groups == {Path("/a") / names[0]: [Path("/a") / names[0], Path("/a") / names[1]],
                      Path("/a") / names[2]: [Path("/a") / names[2], Path("/a") / names[3]]}


def test_a_document_in_two_parts_is_one_document_and_both_files_are_accounted_for(client, settings, tmp_path):
    (tmp_path / "luat_P1.txt").write_text(PART1, encoding="utf-8")
    (tmp_path / "luat_P2.txt").write_text(PART2, encoding="utf-8")
    report = ingest(client, settings, [str(tmp_path)], workers=1)
    assert report.ok and len(report.results) == 2
    first, second = sorted(report.results, key=lambda r: r.input)
    assert first.outcome == second.outcome == "indexed" and first.ids == second.ids == ["99-2015-qh13"]
    assert second.reason == "part 2 of 2, imported with luat_P1.txt"
    doc = client.get(index=settings.docs_alias, id="99-2015-qh13")["_source"]
    assert [a["number"] for a in doc["doc"]["articles"]] == ["1", "2", "3", "4"]  # not cut at the first file
    assert doc["effective_date"] == "2016-07-01"  # stated in the second part
    again = ingest(client, settings, [str(tmp_path)], workers=1)  # from the journal: both unchanged
    assert sorted(r.outcome for r in again.results) == ["unchanged", "unchanged"]


def test_parts_of_a_duplicate_are_duplicates_too(client, settings, tmp_path):
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "luat_P1.txt").write_text(PART1, encoding="utf-8")
        (tmp_path / folder / "luat_P2.txt").write_text(PART2, encoding="utf-8")
    report = ingest(client, settings, [str(tmp_path)], workers=1)
    outcomes = {str(Path(r.input).relative_to(tmp_path)): r.outcome for r in report.results}
    assert outcomes == {"x/luat_P1.txt": "indexed", "x/luat_P2.txt": "indexed",
                        "y/luat_P1.txt": "duplicate", "y/luat_P2.txt": "duplicate"}
