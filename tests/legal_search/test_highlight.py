"""The Python highlighter: matches found on the canonical and folded forms, marked on the display text."""

from __future__ import annotations

import analyzers
from legal_search.highlight import FRAGMENT_SIZE, Terms, fragments, highlight, spans


def source(text: str) -> dict:
    f = analyzers.index_fields(text)
    return {"body": f["text"], "body_canon": f["text_canon"], "body_folded": f["text_folded"]}


def terms(q: str) -> Terms:
    return Terms.of(analyzers.analyze_query(q))


ARTICLE = ("Điều 5. Người sử dụng đất được Nhà nước giao đất, cho thuê đất, công nhận quyền sử dụng đất "
           "theo Nghị định số 15/2020/NĐ-CP. Hoà giải tranh chấp đất đai tại Ủy ban nhân dân cấp xã.")


def test_a_query_without_diacritics_marks_every_accented_form_on_the_display_text():
    out = highlight(terms("quyen su dung dat"), source(ARTICLE))
    assert len(out) == 1
    assert "công nhận <mark>quyền sử dụng đất</mark> theo" in out[0]
    assert "giao <mark>đất</mark>," in out[0] and "<mark>đất đai</mark>" not in out[0]


def test_an_accented_query_marks_exact_accents_and_other_tone_placements_only():
    out = highlight(terms("hòa giải đất"), source(ARTICLE))[0]
    assert "<mark>Hoà giải</mark>" in out  # hoà = hòa (canonical tone placement)
    assert "<mark>đất</mark> đai" in out
    out = highlight(terms("dát"), source("Thép dát mỏng trên đất."))[0]
    assert out == "Thép <mark>dát</mark> mỏng trên đất."


def test_a_number_is_one_mark_and_text_is_html_escaped():
    out = highlight(terms("15/2020/NĐ-CP"), source("Theo Nghị định 15/2020/NĐ-CP <sửa đổi> & bổ sung."))[0]
    # NĐ also stands for Nghị định (the query's abbreviation expansion)
    assert out == ("Theo <mark>Nghị định 15/2020/NĐ-CP</mark> &lt;sửa đổi&gt; "
                   "&amp; bổ sung.")


def test_syllables_match_whole_not_inside_other_syllables():
    assert spans(terms("an"), "an toàn, bản án, an ninh", "an toan, ban an, an ninh") == [(0, 2), (13, 15), (17, 19)]


def test_two_fragments_around_the_densest_matches_in_text_order_and_the_start_without_match():
    filler = "Nội dung khác không liên quan gì cả. " * 20
    text = "Thuế thu nhập cá nhân. " + filler + "Thuế giá trị gia tăng và thuế thu nhập doanh nghiệp. " + filler
    out = highlight(terms("thue thu nhap"), source(text))
    assert len(out) == 2 and out[0].startswith("<mark>Thuế thu nhập</mark> cá nhân")
    assert "<mark>Thuế</mark> giá trị gia tăng và <mark>thuế thu nhập</mark> doanh nghiệp" in out[1]
    assert all(len(f.replace("<mark>", "").replace("</mark>", "")) <= FRAGMENT_SIZE + 40 for f in out)
    start = highlight(terms("xyz"), source(text))
    assert len(start) == 1 and start[0].startswith("Thuế thu nhập cá nhân. Nội dung") and "<mark>" not in start[0]
    assert len(start[0]) <= FRAGMENT_SIZE + 20
    assert highlight(terms("xyz"), source(text), no_match_size=0) == []


def test_many_matches_stay_linear_and_fragments_do_not_overlap():
    text = "của " * 50_000 + "đất đai"
    out = highlight(terms("đất đai của"), source(text))
    assert len(out) == 2 and out[1].endswith("của đất đai</mark>")


def test_excluded_words_are_not_marked_and_quoted_phrases_are():
    out = highlight(terms('"giao đất" -thuê'), source(ARTICLE))[0]
    assert "<mark>giao đất</mark>" in out and "<mark>thuê</mark>" not in out


def test_a_source_without_aligned_forms_is_analysed_here():
    out = highlight(terms("dat"), {"body": "Giao đất cho hộ gia đình."})
    assert out == ["Giao <mark>đất</mark> cho hộ gia đình."]
    assert fragments("", []) == [] and highlight(terms("dat"), {}) == []
