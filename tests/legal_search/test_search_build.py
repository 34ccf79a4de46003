"""The query builder as data: no engine needed."""

from datetime import date

import pytest

from legal_search.errors import QueryError
from legal_search.relevance import ARTICLE_BOOST
from legal_search.search import SearchParams, build, facet_aggs, facet_filters


def test_number_in_any_spelling_boosts_that_document():
    for q in ("nd 15 2020", "Nghị định 15/2020/NĐ-CP", "15/2020/nđ-cp"):
        body = build(SearchParams(q=q))
        terms = [c["constant_score"]["filter"] for c in body["query"]["bool"]["must"][0]["bool"]["should"]
                 if "constant_score" in c]
        assert {"term": {"number_key": "15/2020/ND-CP"}} in terms, q


def test_article_and_number_put_that_article_first():
    body = build(SearchParams(q="Điều 5 NĐ 15/2020"))
    should = body["query"]["bool"]["must"][0]["bool"]["should"]
    article = [c for c in should if "constant_score" in c and "bool" in c["constant_score"]["filter"]]
    assert article and article[0]["constant_score"]["boost"] == ARTICLE_BOOST
    assert {"term": {"article_number": "5"}} in article[0]["constant_score"]["filter"]["bool"]["filter"]


def test_facets_are_disjunctive():
    params = SearchParams(q="đất", type=["Luật"], status=["IN_FORCE"])
    selected = facet_filters(params)
    aggs = facet_aggs(selected)
    # the type facet is filtered by the status selection only, and vice versa
    assert aggs["type"]["filter"] == {"bool": {"filter": [{"terms": {"status": ["IN_FORCE"]}}]}}
    assert aggs["status"]["filter"] == {"bool": {"filter": [{"terms": {"doc_type": ["Luật"]}}]}}
    assert aggs["issuer"]["filter"]["bool"]["filter"] == list(selected.values())
    body = build(params)
    assert body["post_filter"] == {"bool": {"filter": list(selected.values())}}


def test_quoted_phrase_must_occur_and_exclusion_keeps_accents():
    body = build(SearchParams(q='"quyền sử dụng đất" -thuế'))
    clause = body["query"]["bool"]["must"][0]["bool"]
    assert clause["must"] == [{"bool": {"should": [
        {"match_phrase": {"title_canon": {"query": "quyền sử dụng đất"}}},
        {"match_phrase": {"body_canon": {"query": "quyền sử dụng đất"}}}], "minimum_should_match": 1}}]
    # -thuế (tax) must not exclude thuê (rent): the exclusion is on the exact-accent field
    assert clause["must_not"] == [{"match_phrase": {"title_canon": {"query": "thuế"}}},
                                  {"match_phrase": {"body_canon": {"query": "thuế"}}}]


def test_empty_query_lists_newest_first():
    body = build(SearchParams(q=""))
    assert body["query"]["bool"]["must"] == [{"match_all": {}}]
    assert list(body["sort"][0]) == ["issued_date"]


def test_in_force_on_filters_dates():
    body = build(SearchParams(q="x", in_force_on=date(2020, 1, 1)))
    flt = body["query"]["bool"]["filter"][0]["bool"]
    stored, naive = flt["should"]
    assert stored == {"term": {"in_force": "2020-01-01"}}  # ranges computed by the validity engine
    assert naive["bool"]["filter"] == [{"range": {"effective_date": {"lte": "2020-01-01"}}}]
    assert {"exists": {"field": "status_as_of"}} in naive["bool"]["must_not"]


@pytest.mark.parametrize("kw, param", [({"sort": "random"}, "sort"), ({"size": 101}, "size"),
                                       ({"kind": "x"}, "kind"), ({"page": 0}, "page"),
                                       ({"issued_from": date(2021, 1, 1), "issued_to": date(2020, 1, 1)},
                                        "issued_from")])
def test_bad_parameters_name_themselves(kw, param):
    with pytest.raises(QueryError) as err:
        SearchParams(q="x", **kw).validate_values()
    assert err.value.param == param
