"""Paging cursors, parameter checks, suggestions, export rows and the CLI table, as data."""

from datetime import date

import pytest

from legal_search import cursor as cursors
from legal_search import export, suggest
from legal_search.errors import QueryError
from legal_search.results import ArticleHit, DocumentHit, ProcedureHit, SearchResponse
from legal_search.search import MAX_WINDOW, SORTS, SearchParams, build, clean_fragment
from legal_search.search_table import lines, plain


def test_every_sort_ends_with_a_unique_tiebreaker():
    for sort in SORTS.values():
        assert sort[-2:] == [{"doc_id": "asc"}, {"anchor": {"order": "asc", "missing": "_first"}}]


def test_article_cursor_is_search_after_and_bound_to_its_query():
    params = SearchParams(q="đất đai", kind="articles")
    token = cursors.encode(params.fingerprint(), after=[3.5, 1385683200000, "45-2013-qh13", "dieu-5"])
    body = build(params.model_copy(update={"cursor": token}))
    assert body["search_after"] == [3.5, 1385683200000, "45-2013-qh13", "dieu-5"] and "from" not in body
    other = SearchParams(q="đất", kind="articles", cursor=token)
    with pytest.raises(QueryError) as err:
        build(other)
    assert err.value.param == "cursor"


def test_document_cursor_is_an_offset_within_the_window():
    params = SearchParams(q="đất đai")
    body = build(params.model_copy(update={"cursor": cursors.encode(params.fingerprint(), offset=40)}))
    assert body["from"] == 40 and "collapse" in body
    with pytest.raises(QueryError):
        build(params.model_copy(update={"cursor": cursors.encode(params.fingerprint(), offset=MAX_WINDOW)}))


@pytest.mark.parametrize("token", ["garbage", "", "e30", "eyJmIjoxfQ"])
def test_malformed_cursor_is_a_400_naming_cursor(token):
    with pytest.raises(QueryError) as err:
        build(SearchParams(q="x", cursor=token or "!"))
    assert err.value.param == "cursor"


@pytest.mark.parametrize("kw, param", [({"status": ["VALID"]}, "status"), ({"year": ["20x1"]}, "year"),
                                       ({"kind": "procedures", "type": ["Luật"]}, "type"),
                                       ({"kind": "procedures", "in_force_on": date(2020, 1, 1)}, "in_force_on"),
                                       ({"page": 101, "size": 100}, "page")])
def test_more_bad_parameters_name_themselves(kw, param):
    with pytest.raises(QueryError) as err:
        SearchParams(q="x", **kw).validate_values()
    assert err.value.param == param


def test_articles_kind_highlights_hits_and_documents_kind_its_best_articles():
    art = build(SearchParams(q="đất", kind="articles"))
    assert "highlight" in art and "collapse" not in art and art["track_total_hits"] is True
    assert {"term": {"record": "article"}} in art["query"]["bool"]["filter"]
    doc = build(SearchParams(q="đất"))
    assert "highlight" not in doc and doc["collapse"]["inner_hits"]["highlight"]["fields"]["body"]["type"] == "fvh"


def test_pyvi_joins_in_fragments_become_spaces():
    assert clean_fragment("<mark>quyền_sử_dụng</mark> đất ____") == "<mark>quyền sử dụng</mark> đất ____"


def test_marks_on_neighbouring_words_become_one():
    assert clean_fragment("<mark>đất</mark> <mark>đai</mark>, <mark>đất</mark>") == "<mark>đất đai</mark>, <mark>đất</mark>"
    assert clean_fragment("<mark>a</mark>-<mark>b</mark>") == "<mark>a</mark>-<mark>b</mark>"


@pytest.mark.parametrize("q, prefix", [("15/20", "15/20"), ("nd 15 2020", "15/2020/ND-CP"), ("Số: 08/2007", "8/2007"),
                                       ("45/2013/qh13", "45/2013/QH13"), ("luật đất", None), ("15 2020", None)])
def test_suggest_number_prefix(q, prefix):
    assert suggest.number_prefix(q) == prefix


def test_suggest_queries_numbers_then_titles_then_procedures():
    reqs = suggest.build("45/2013", 5)
    assert [k for k, _ in reqs] == ["docs", "docs", "procedures"]
    assert {"prefix": {"number_key": "45/2013"}} in reqs[0][1]["query"]["bool"]["filter"]
    assert reqs[1][1]["suggest"]["s"]["completion"] == {"field": "suggest", "size": 5, "skip_duplicates": True}
    assert [k for k, _ in suggest.build("luat dat", 5)] == ["docs", "procedures"]
    with pytest.raises(QueryError):
        suggest.build("x", 50)


def test_export_cells_cannot_run_as_spreadsheet_formulas():
    rows = "".join(export._render(iter([[{"id": "a", "title": "=HYPERLINK(1)"}]]), "csv", ("id", "title")))
    assert rows.splitlines() == ["id,title", "a,'=HYPERLINK(1)"]


def test_export_rejects_bad_format_and_limit():
    for kw, param in (({"fmt": "xml"}, "format"), ({"limit": 10_001}, "limit")):
        with pytest.raises(QueryError) as err:
            export.stream(None, None, SearchParams(q="x"), **kw)
        assert err.value.param == param


def test_cli_table_has_number_type_date_status_title_best_article():
    res = SearchResponse(q="đất", kind="all", total=1, page=1, size=10, took_ms=1, hits=[DocumentHit(
        id="45-2013-qh13", number="45/2013/QH13", doc_type="Luật", title="Luật đất đai", issued_date="2013-11-29",
        status_label="Còn hiệu lực", articles=[ArticleHit(anchor="dieu-5", number="5", heading="Điều 5. Người sử dụng đất",
                                                          fragments=["<mark>đất</mark> &amp; nhà"])])],
        procedures=[ProcedureHit(code="1.013124", name="Thủ tục thẩm định")], procedures_total=1)
    out = lines(res)
    assert out[1].split() == ["number", "type", "issued", "status", "title", "best", "article"]
    assert out[2].startswith("45/2013/QH13") and "Còn hiệu lực" in out[2] and out[2].endswith("Điều 5. Người sử dụng đất")
    assert "…[đất] & nhà…" in out[3]
    assert any(line.startswith("1.013124") for line in out)
    assert plain("a <mark>b</mark> &lt;c&gt;") == "a [b] <c>"
