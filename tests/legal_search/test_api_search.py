"""Search, suggest and export end to end on the real samples, through the HTTP API."""

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from legal_search import documents
from legal_search.api import create_app
from legal_search.client import make_client


@pytest.fixture(scope="module")
def api(samples):
    return TestClient(create_app(samples.settings), raise_server_exceptions=False)


def get(api, path="/api/search", **params):
    resp = api.get(path, params=params)
    assert resp.status_code == 200, resp.text
    return resp.json()


@pytest.mark.parametrize("q", ["Điều 5 Bộ luật Lao động 45/2019/QH14", "điều 5 luat 45 2019", "dieu 5 45/2019/qh14"])
def test_article_reference_puts_that_article_first(api, q):
    art = get(api, q=q, kind="articles")["articles"][0]
    assert (art["doc_number"], art["number"], art["anchor"]) == ("45/2019/QH14", "5", "dieu-5")
    doc = get(api, q=q)["hits"][0]
    assert doc["number"] == "45/2019/QH14" and doc["articles"][0]["number"] == "5"


@pytest.mark.parametrize("q", ["45/2013/QH13", "45/2013/qh13", "luat 45 2013", "Luật số 45/2013/QH13",
                               "quyền sử dụng đất 45/2013/QH13"])
def test_a_number_anywhere_in_any_spelling_puts_that_document_first(api, q):
    assert get(api, q=q)["hits"][0]["number"] == "45/2013/QH13"


def test_without_diacritics_finds_the_accented_article(api):
    art = get(api, q="hoa giai tranh chap dat dai", kind="articles")["articles"][0]
    assert (art["doc_number"], art["anchor"]) == ("45/2013/QH13", "dieu-202")
    assert art["heading"] == "Điều 202. Hòa giải tranh chấp đất đai"
    assert "<mark>" in art["fragments"][0]


@pytest.mark.parametrize("q, marked", [
    ("hoà giải", "<mark>hòa giải</mark>"),  # new-style tone typed, old style in the text
    ("hoa giai", "<mark>hòa giải</mark>"),  # no diacritics typed
    ("kĩ thuật", "<mark>kỹ thuật</mark>"),  # i/y
    ("ky thuat", "<mark>kỹ thuật</mark>"),
])
def test_fragments_mark_the_text_as_written(api, q, marked):
    arts = get(api, q=q, kind="articles", size=20)["articles"]
    assert any(marked in f.lower() for a in arts for f in a["fragments"]), [a["fragments"] for a in arts[:3]]


def test_an_accented_query_marks_only_exact_accents(api):
    arts = get(api, q="đất đai", kind="articles", size=20)["articles"]
    frags = " ".join(f for a in arts for f in a["fragments"]).lower()
    assert "<mark>đất</mark>" in frags
    assert "<mark>đạt</mark>" not in frags and "<mark>dắt</mark>" not in frags


def test_a_very_long_query_still_highlights(api):
    q = ("nguyen tac hoa giai tranh chap dat dai quyen su dung nguoi lao dong bao hiem xa hoi thue thu nhap ca nhan "
         "doanh nghiep dau tu xay dung nha o giao thong duong bo moi truong tai nguyen nuoc khoang san bien dao")
    resp = api.get("/api/search", params={"q": q, "kind": "articles"})
    assert resp.status_code == 200, resp.text


def test_procedure_fragments_mark_the_text_as_written(api):
    procs = get(api, q="su co tran dau", kind="procedures")["procedures"]
    assert any("<mark>sự cố tràn dầu</mark>" in f.lower() for p in procs for f in p["fragments"]), \
        [p["fragments"] for p in procs[:3]]


def test_tone_placement_variants_find_the_same_article(api):
    a = get(api, q="hòa giải tranh chấp đất đai", kind="articles")["articles"][0]
    b = get(api, q="hoà giải tranh chấp đất đai", kind="articles")["articles"][0]
    assert a["anchor"] == b["anchor"] == "dieu-202"


def test_quoted_phrase_must_occur_exactly(api, samples):
    body = get(api, q='"hòa giải viên"', kind="articles", size=50)
    assert body["total"] >= 1
    client = make_client(samples.settings)
    for art in body["articles"]:
        text = documents.get_article(client, samples.settings, art["doc_id"], art["anchor"])["text"]
        assert "hòa giải viên" in text.lower()


def test_excluded_word_leaves_no_record_containing_it(api, samples):
    with_tax = get(api, q="đất đai", kind="articles", size=100)["total"]
    body = get(api, q="đất đai -thuế", kind="articles", size=100)
    assert 0 < body["total"] < with_tax
    client = make_client(samples.settings)
    for art in body["articles"][:20]:
        text = documents.get_article(client, samples.settings, art["doc_id"], art["anchor"])["text"]
        assert "thuế" not in text.lower()


def test_document_hits_carry_metadata_status_and_best_articles(api):
    hit = get(api, q="hợp đồng lao động")["hits"][0]
    assert {k: hit[k] for k in ("id", "number", "doc_type", "title", "issued_date")} == {
        "id": "45-2019-qh14", "number": "45/2019/QH14", "doc_type": "Bộ luật", "title": "Bộ luật Lao động",
        "issued_date": "2019-11-20"}
    assert {"status", "status_label", "status_reason", "effective_date", "score"} <= set(hit)
    best = hit["articles"]
    assert len(best) == 3 and [a["anchor"] for a in best[:2]] == ["dieu-22", "dieu-33"]
    assert best[0]["heading"] == "Điều 22. Phụ lục hợp đồng lao động"
    assert all("_" not in f for a in best for f in a["fragments"])


def test_facets_count_documents_and_are_disjunctive(api):
    body = get(api, q="lao động")
    assert body["total"] == 5
    assert {f["value"]: f["count"] for f in body["facets"]["type"]} == {
        "Bộ luật": 1, "Luật": 2, "Nghị định": 1, "Quyết định": 1}
    narrowed = get(api, q="lao động", type="Bộ luật")
    assert narrowed["total"] == 1 and [h["number"] for h in narrowed["hits"]] == ["45/2019/QH14"]
    # the type facet still offers the other types with their counts; the others follow the selection
    assert {f["value"]: (f["count"], f["selected"]) for f in narrowed["facets"]["type"]} == {
        "Bộ luật": (1, True), "Luật": (2, False), "Nghị định": (1, False), "Quyết định": (1, False)}
    assert [(f["value"], f["count"]) for f in narrowed["facets"]["issuer"]] == [("Quốc hội", 1)]
    widened = get(api, q="lao động", type=["Bộ luật", "Luật"])
    assert widened["total"] == 3


def test_kind_procedures_and_all(api):
    procs = get(api, q="su co tran dau", kind="procedures")
    assert procs["procedures"][0]["code"] == "1.013124" and procs["total"] == procs["procedures_total"] == 8
    both = get(api, q="sự cố tràn dầu", kind="all")
    assert both["procedures"][0]["code"] == "1.013124" and both["procedures_total"] == 8
    assert "hits" in both and both["kind"] == "all"


def test_article_cursor_pages_like_page_numbers_and_further(api):
    first = get(api, q="lao động", kind="articles", size=7)
    second = get(api, q="lao động", kind="articles", size=7, cursor=first["next_cursor"])
    by_page = get(api, q="lao động", kind="articles", size=7, page=2)
    assert [a["anchor"] for a in second["articles"]] == [a["anchor"] for a in by_page["articles"]]
    seen, cursor = set(), None
    while True:  # walk everything: no duplicate, nothing missing
        page = get(api, q="lao động", kind="articles", size=100, **({"cursor": cursor} if cursor else {}))
        ids = {(a["doc_id"], a["anchor"]) for a in page["articles"]}
        assert not ids & seen
        seen |= ids
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == first["total"]


def test_document_cursor_and_foreign_cursor(api):
    first = get(api, q="lao động", size=2)
    second = get(api, q="lao động", size=2, cursor=first["next_cursor"])
    assert [h["id"] for h in second["hits"]] == [h["id"] for h in get(api, q="lao động", size=2, page=2)["hits"]]
    resp = api.get("/api/search", params={"q": "đất đai", "cursor": first["next_cursor"]})
    assert resp.status_code == 400 and resp.json()["param"] == "cursor"


@pytest.mark.parametrize("q, number", [("45/20", "45/2019/QH14"), ("luat dat", "45/2013/QH13"),
                                       ("Bộ luật lao", "45/2019/QH14"), ("nd 01 2021", "01/2021/NĐ-CP")])
def test_suggest_numbers_and_titles_as_you_type(api, q, number):
    got = get(api, "/api/suggest", q=q)["suggestions"]
    assert number in [s["number"] for s in got]


def test_suggest_procedure_names(api):
    got = get(api, "/api/suggest", q="thu tuc tham dinh")["suggestions"]
    assert any(s["kind"] == "procedure" and s["text"].startswith("Thủ tục thẩm định") for s in got)


def test_export_csv_and_jsonl(api):
    resp = api.get("/api/export", params={"q": "lao động", "format": "csv"})
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(resp.text)))
    assert len(rows) == 5 and rows[0]["number"] == "45/2019/QH14"
    resp = api.get("/api/export", params={"q": "lao động", "kind": "articles", "format": "jsonl", "limit": 250})
    lines = [json.loads(line) for line in resp.text.splitlines()]
    assert len(lines) == 250 and len({(r["doc_id"], r["anchor"]) for r in lines}) == 250


@pytest.mark.parametrize("path, params, param", [
    ("/api/search", {"foo": "bar"}, "foo"), ("/api/search", {"tpye": "Luật"}, "tpye"),
    ("/api/search", {"status": "VALID"}, "status"), ("/api/search", {"kind": "laws"}, "kind"),
    ("/api/search", {"in_force_on": "2020-02-30"}, "in_force_on"), ("/api/search", {"size": "101"}, "size"),
    ("/api/search", {"cursor": "nonsense"}, "cursor"), ("/api/export", {"format": "xml"}, "format"),
    ("/api/export", {"limit": "20000"}, "limit"), ("/api/suggest", {"size": "99"}, "size"),
    ("/api/suggest", {"kind": "x"}, "kind")])
def test_bad_parameters_are_400_naming_them(api, path, params, param):
    resp = api.get(path, params={"q": "đất", **params})
    assert resp.status_code == 400, resp.text
    assert resp.json()["param"] == param and "Traceback" not in resp.text


def test_openapi_documents_the_search_routes(api):
    paths = api.get("/openapi.json").json()["paths"]
    assert {"/api/search", "/api/suggest", "/api/export"} <= set(paths)
    assert api.get("/docs").status_code == 200
