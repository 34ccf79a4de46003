"""The pages without a browser: links of the search form, cutting a text into anchored sections,
relation shapes, basis warnings and badge contrast as pure functions; then the pages over HTTP
(samples on the real node, and a node that is down)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient
from starlette.datastructures import QueryParams

from legal_search.api import create_app
from legal_search.search import FacetValue
from legal_search.web.forms import SearchForm, facet_views, page_links
from legal_search.web.fulltext import outline_tree, split_text
from legal_search.web.pages import _basis_row
from legal_search.web.related import Related, _given
from legal_search.web.render import STATIC, vndate


def query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


# ---------------------------------------------------------------- pure

def test_facet_links_select_clear_one_facet_and_clear_all():
    form = SearchForm.from_query(QueryParams("q=đất&type=Luật&status=IN_FORCE&issued_from=2000-01-01&page=3"))
    assert query(form.toggle_url("type", "Nghị định")) == [
        ("q", "đất"), ("type", "Luật"), ("type", "Nghị định"), ("status", "IN_FORCE"), ("issued_from", "2000-01-01")]
    assert query(form.toggle_url("type", "Luật")) == [("q", "đất"), ("status", "IN_FORCE"), ("issued_from", "2000-01-01")]
    assert query(form.clear_url("status")) == [("q", "đất"), ("type", "Luật"), ("issued_from", "2000-01-01")]
    assert query(form.clear_all_url()) == [("q", "đất")]
    assert ("page", "4") in query(form.url(page=4))


def test_bad_page_tab_and_sort_fall_back_instead_of_failing():
    form = SearchForm.from_query(QueryParams("q=x&page=abc&tab=evil&sort=nope"))
    assert (form.page, form.tab, form.sort) == (1, "documents", "relevance")


def test_a_selected_value_without_count_stays_listed_to_be_unselected():
    form = SearchForm.from_query(QueryParams("q=x&type=Luật"))
    views = facet_views(form, {"type": [FacetValue(value="Nghị định", count=2)]})
    values = {v.value: (v.count, v.selected) for v, _ in views[0].values}
    assert values == {"Nghị định": (2, False), "Luật": (0, True)}
    assert views[0].clear_url == "/?q=x"


def test_page_links_window_with_gaps():
    form = SearchForm(q="x", page=6)
    numbers = [p["number"] for p in page_links(form, total=200)]
    assert numbers == [1, None, 4, 5, 6, 7, 8, None, 20]
    assert page_links(form, total=5) == []


DOC = {
    "articles": [{"anchor": "dieu-1", "number": "1", "heading": "Điều 1. Phạm vi điều chỉnh"},
                 {"anchor": "dieu-2", "number": "2", "heading": "Điều 2. Hiệu lực"}],
    "outline": [{"level": "chuong", "label": "Chương I", "title": "QUY ĐỊNH CHUNG", "anchor": ""},
                {"level": "dieu", "label": "Điều 1", "anchor": "dieu-1"},
                {"level": "chuong", "label": "Chương II", "title": "ĐIỀU KHOẢN THI HÀNH", "anchor": ""},
                {"level": "dieu", "label": "Điều 2", "anchor": "dieu-2"}],
}
TEXT = ("LUẬT\nCăn cứ Hiến pháp; Điều 1 nói trong câu không phải tiêu đề.\nChương I\nQUY ĐỊNH CHUNG\n"
        "Điều 1. Phạm vi điều chỉnh\nLuật này quy định <script>x</script>.\n"
        "Chương II\nĐIỀU KHOẢN THI HÀNH\nĐiều 2.  Hiệu lực\nCó hiệu lực từ ngày 01/7/2014.\n")


def test_text_is_cut_at_headings_into_anchored_sections():
    sections, missing = split_text(TEXT, DOC)
    assert missing == []
    assert [(s.level, s.anchor) for s in sections] == [
        ("preamble", "phan-dau"), ("chuong", "chuong-i"), ("dieu", "dieu-1"), ("chuong", "chuong-ii"), ("dieu", "dieu-2")]
    assert sections[1].heading == "Chương I. QUY ĐỊNH CHUNG"
    assert sections[2].heading == "Điều 1. Phạm vi điều chỉnh" and sections[2].body == "Luật này quy định <script>x</script>."
    assert sections[4].heading == "Điều 2.  Hiệu lực"
    tree = outline_tree(sections)
    assert [(n.anchor, [c.anchor for c in n.children]) for n in tree] == [("chuong-i", ["dieu-1"]), ("chuong-ii", ["dieu-2"])]


def test_a_heading_missing_from_the_text_is_reported():
    _, missing = split_text("Điều 1. Phạm vi điều chỉnh\nnội dung", DOC)
    assert "dieu-2" in missing


def test_grouped_relation_items_of_any_shape():
    item = {"doc_id": "58-2014-qh13", "number": "58/2014/QH13", "title": "Luật BHXH", "status": "IN_FORCE",
            "status_label": "Còn hiệu lực", "link": "/documents/58-2014-qh13", "scope": "Điều 5"}
    r = _given(item, {})
    assert (r.label, r.doc_id, r.status, r.scope) == ("58/2014/QH13", "58-2014-qh13", "IN_FORCE", "Điều 5")
    missing = _given({"doc_id": None, "number": "13/2003/QH11", "status": None}, {})
    assert (missing.label, missing.doc_id) == ("13/2003/QH11", "")
    assert _given("Hiến pháp", {}).label == "Hiến pháp"


@pytest.mark.parametrize("basis, found, warning", [
    ({"number": "1/2020/NĐ-CP"}, Related("1/2020/NĐ-CP", "x", status="EXPIRED"), "Căn cứ này không còn hiệu lực"),
    ({"number": "1/2020/NĐ-CP"}, Related("1/2020/NĐ-CP", "x", status="EXPIRED_PART"), "Căn cứ này đã hết hiệu lực một phần"),
    ({"number": "1/2020/NĐ-CP"}, Related("1/2020/NĐ-CP", "x", status="IN_FORCE"), ""),
    ({"number": "1/2020/NĐ-CP", "basis_flag": "EXPIRED"}, None, "Hết hiệu lực toàn bộ"),
    ({"number": "1/2020/NĐ-CP", "basis_flag": {"message": "Đã bị thay thế"}}, None, "Đã bị thay thế"),
    ({"number": "1/2020/NĐ-CP", "basis_flag": True}, None, "Căn cứ này không còn hiệu lực"),
    ({"number": "1/2020/NĐ-CP"}, None, ""),
])
def test_basis_warnings(basis, found, warning):
    assert _basis_row(basis, found)["warning"] == warning


def _luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_status_badges_have_readable_contrast():
    css = (STATIC / "style.css").read_text()
    colours = re.findall(r"\.badge(?:\.[A-Z_]+)?(?:,\.badge\.[A-Z_]+)*\{[^}]*background:(#[0-9a-f]{6})", css)
    assert len(colours) >= 8
    for colour in colours:  # white text on the badge
        assert (1.05) / (_luminance(colour) + 0.05) >= 4.5, colour


def test_vietnamese_dates():
    assert vndate("2013-11-29") == "29/11/2013" and vndate(None) == "" and vndate("2013") == "2013"


# ---------------------------------------------------------------- over HTTP

@pytest.fixture(scope="module")
def web(samples):
    return TestClient(create_app(samples.settings), raise_server_exceptions=False)


def test_landing_page_needs_no_engine_and_has_examples(base_settings):
    down = base_settings.model_copy(update={"opensearch_url": "http://127.0.0.1:9"})
    resp = TestClient(create_app(down)).get("/")
    assert resp.status_code == 200 and 'lang="vi"' in resp.text and "Ví dụ:" in resp.text


def test_engine_down_is_a_503_page_not_a_traceback(base_settings):
    down = base_settings.model_copy(update={"opensearch_url": "http://127.0.0.1:9"})
    client = TestClient(create_app(down), raise_server_exceptions=False)
    for path in ("/?q=đất", "/documents/45-2013-qh13", "/procedures/1.013124"):
        resp = client.get(path)
        assert resp.status_code == 503, path
        assert resp.headers["content-type"].startswith("text/html") and resp.headers["retry-after"] == "30"
        assert "tạm thời không hoạt động" in resp.text and "Traceback" not in resp.text


def test_search_page_counts_and_facets(web):
    resp = web.get("/", params={"q": "đất đai"})
    assert resp.status_code == 200
    assert re.search(r"Tìm thấy <strong>\d+</strong> văn bản", resp.text)
    for title in ("Loại văn bản", "Cơ quan ban hành", "Năm ban hành"):
        assert title in resp.text
    assert 'href="/documents/45-2013-qh13#dieu-' in resp.text


def test_bad_date_is_explained_on_the_page(web):
    resp = web.get("/", params={"q": "đất", "issued_from": "2020-13-45"})
    assert resp.status_code == 400 and "Ngày không hợp lệ" in resp.text and 'role="alert"' in resp.text
    resp = web.get("/", params={"q": "đất", "issued_from": "2021-01-01", "issued_to": "2020-01-01"})
    assert resp.status_code == 400 and "phải trước" in resp.text


def test_unknown_pages_are_404_pages_and_unknown_api_paths_json(web):
    assert web.get("/documents/khong-co").status_code == 404
    page = web.get("/khong-co-trang-nay")
    assert page.status_code == 404 and "Không tìm thấy" in page.text
    api = web.get("/api/khong-co")
    assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")
    assert web.get("/static/../../settings.py").status_code == 404


def test_every_article_of_a_long_law_has_its_anchor(web):
    api = web.get("/api/documents/45-2013-qh13").json()
    html = web.get("/documents/45-2013-qh13").text
    ids = set(re.findall(r'<section id="([^"]+)"', html))
    assert {a["anchor"] for a in api["articles"]} <= ids

