"""The relevance clause as data (``legal_search.relevance``): components, accents, numbers,
phrases, exclusions, and that user text never reaches a query-string parser."""

import json

import pytest

import analyzers
from legal_search.relevance import (ARTICLE_BOOST, DOC_FIELDS, FEATURES, NUMBER_BOOST, PROCEDURE_FIELDS,
                                    text_clause)
from legal_search.search import SearchParams, build


def clause(q, features=FEATURES, fields=DOC_FIELDS):
    return text_clause(analyzers.analyze_query(q), fields, features)


def fields_of(c) -> set[str]:
    out = set()
    for sub in c["bool"].get("should", []):
        (kind, spec), = sub.items()
        if kind in ("match", "match_phrase"):
            out.add(f"{kind}:{next(iter(spec))}")
    return out


def test_plain_syllable_bm25_is_one_match_per_display_field():
    assert clause("Đất đai", frozenset()) == {"bool": {"should": [
        {"match": {"title": {"query": "Đất đai", "boost": 2.0}}},
        {"match": {"body": {"query": "Đất đai", "boost": 1.0}}}], "minimum_should_match": 1}}


def test_each_component_adds_its_own_clauses():
    q = "hòa giải tranh chấp đất đai"
    assert fields_of(clause(q, frozenset({"canonical"}))) == {"match:title_canon", "match:body_canon"}
    assert "match:body_words" in fields_of(clause(q, frozenset({"canonical", "words"})))
    assert "match:body_folded" in fields_of(clause(q, frozenset({"canonical", "folding"})))
    assert {"match_phrase:body_words", "match_phrase:body_canon"} <= fields_of(clause(q, frozenset({"phrase"})))
    assert fields_of(clause("UBND", FEATURES)) >= {"match_phrase:body_canon"}  # Ủy ban nhân dân
    assert fields_of(clause("UBND", FEATURES - {"expansions"})).isdisjoint({"match_phrase:body_canon"})


def test_exact_accents_weigh_more_than_folded_matches():
    should = clause("đất đai")["bool"]["should"]
    boost = {next(iter(s["match"])): next(iter(s["match"].values()))["boost"] for s in should if "match" in s}
    assert boost["body_canon"] > boost["body_folded"] and boost["title_canon"] > boost["title_folded"]


def test_query_without_diacritics_uses_folded_fields_and_no_pyvi_words():
    c = clause("dat dai")
    assert "match:body_folded" in fields_of(c) and "match_phrase:body_folded" in fields_of(c)
    assert not any("_words" in f for f in fields_of(c))


def test_tone_placement_variants_build_the_same_syllable_clauses():
    no_words = FEATURES - {"words", "phrase"}
    for a, b in (("hòa giải", "hoà giải"), ("thủy lợi", "thuỷ lợi"), ("quy định", "qui định")):
        assert clause(a, no_words) == clause(b, no_words)


def test_tone_placement_variants_build_the_same_word_clauses():
    assert clause("hòa giải tranh chấp") == clause("hoà giải tranh chấp")


@pytest.mark.parametrize("q, key", [("nd 15 2020", "15/2020/ND-CP"), ("Nghị định 15/2020/NĐ-CP", "15/2020/ND-CP"),
                                    ("15/2020/nđ-cp", "15/2020/ND-CP"), ("bảo hiểm 45/2019/QH14 lao động", "45/2019/QH14")])
def test_a_number_anywhere_dominates(q, key):
    should = clause(q)["bool"]["should"]
    assert {"constant_score": {"filter": {"term": {"number_key": key}}, "boost": NUMBER_BOOST}} in should


def test_shorthand_without_issuer_matches_every_issuer_by_prefix():
    should = clause("tt 15 2024")["bool"]["should"]
    assert {"constant_score": {"filter": {"prefix": {"number_key": "15/2024/TT-"}}, "boost": NUMBER_BOOST}} in should
    should = clause("luat 45 2019")["bool"]["should"]
    assert {"constant_score": {"filter": {"prefix": {"number_key": "45/2019/QH"}}, "boost": NUMBER_BOOST}} in should


def test_article_reference_with_number_puts_that_article_first():
    for q in ("Điều 5 Nghị định 15/2020/NĐ-CP", "điều 5 nd 15/2020"):
        should = clause(q)["bool"]["should"]
        assert {"constant_score": {"filter": {"bool": {"filter": [
            {"term": {"number_key": "15/2020/ND-CP"}}, {"term": {"article_number": "5"}}]}},
            "boost": ARTICLE_BOOST}} in should, q


def test_numbers_off_means_no_number_clause():
    assert "constant_score" not in json.dumps(clause("nd 15 2020", FEATURES - {"numbers"}))


def test_quoted_phrase_without_diacritics_must_occur_folded():
    must = clause('"dat dai" thu hoi')["bool"]["must"]
    assert must == [{"bool": {"should": [{"match_phrase": {"title_folded": {"query": "dat dai"}}},
                                         {"match_phrase": {"body_folded": {"query": "dat dai"}}}],
                              "minimum_should_match": 1}}]


def test_only_exclusions_lists_everything_else():
    c = clause("-thuế")
    assert c["bool"]["must"] == [{"match_all": {}}] and len(c["bool"]["must_not"]) == 2


def test_excluded_words_do_not_also_score():
    should = clause("đất đai -thuế")["bool"]["should"]
    assert "thuế" not in json.dumps(should, ensure_ascii=False)


def test_procedure_fields_weigh_the_name():
    c = clause("đăng ký kết hôn", fields=PROCEDURE_FIELDS)
    assert {"match": {"name_canon": {"query": "đăng kí kết hôn", "boost": 3.0, "minimum_should_match": "2<75%"}}} \
        in c["bool"]["should"]


HOSTILE = ['title:(x) OR *', '"unbalanced', 'a AND b OR NOT c', '\\\\', 'x~2 y^5 {a TO b}', '/regex.*/',
           '<script>alert(1)</script>', '-', '""', '-"-"', 'điều', '*:*']


@pytest.mark.parametrize("q", HOSTILE)
def test_user_text_never_reaches_a_query_string_parser(q):
    for kind in ("documents", "articles"):
        body = json.dumps(build(SearchParams(q=q, kind=kind)))
        assert "query_string" not in body and "simple_query_string" not in body
        assert '"regexp"' not in body and '"wildcard"' not in body and '"fuzzy"' not in body


def test_highlight_query_asks_for_every_spelling_the_text_may_show():
    from legal_search.relevance import HIGHLIGHT_TERMS, highlight_query
    folded = highlight_query(analyzers.analyze_query("hoa giai"))
    terms = folded["match"]["body"]["query"].split()
    assert {"hoa", "hòa", "hoà", "giai", "giải"} <= set(terms)
    accented = highlight_query(analyzers.analyze_query("hòa giải"))
    marks, *phrases = accented["bool"]["should"]
    assert set(marks["match"]["body"]["query"].split()) == {"hoà", "hòa", "giải"}  # exact accents only
    assert [p["match_phrase"]["body"]["query"] for p in phrases] == ["hòa giải", "hoà giải"]
    number = highlight_query(analyzers.analyze_query("15/2020/NĐ-CP"))["bool"]["should"][0]["match"]["body"]["query"]
    assert number.startswith("15 2020 nđ cp nghị định chính phủ")  # with the abbreviation's expansion
    huge = highlight_query(analyzers.analyze_query(
        "nguyen tac hoa giai tranh chap dat dai quyen su dung nguoi lao dong bao hiem xa hoi thue thu nhap ca nhan "
        "doanh nghiep dau tu xay dung nha o giao thong duong bo moi truong tai nguyen nuoc khoang san bien dao"))
    assert len(huge["match"]["body"]["query"].split()) == HIGHLIGHT_TERMS
    assert highlight_query(analyzers.analyze_query("-đất")) is None
