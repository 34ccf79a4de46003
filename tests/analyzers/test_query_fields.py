from analyzers import (FIELD_ANALYZERS, INDEX_ANALYSIS, analyze_query, canonical, field_mappings, fold,
                       index_fields, normalize)


def test_query_parts():
    q = analyze_query('nd 15 2020 về Điều 5 khoản 2 điểm a của UBND "hòa giải" -thủy')
    assert [d.key for d in q.numbers] == ["15/2020/ND-CP"]
    assert (q.article, q.clause, q.point) == ("5", "2", "a")
    assert q.phrases == ["hòa giải"] and q.excluded == ["thủy"]
    assert "Ủy ban nhân dân" in q.expansions
    assert q.has_diacritics
    words = q.words.split()
    assert "điều_5" in words and "của" not in words and "thuỷ" not in words
    assert "hoà" in q.syllables and "hoa" in q.folded_syllables


def test_query_keeps_legal_words():
    q = analyze_query("không quá 5 năm theo khoản 3 điều 7 số lượng")
    for w in ("không", "năm", "số"):
        assert any(w in t.split("_") for t in q.words.split()), w


def test_query_without_diacritics_and_expansion_back():
    q = analyze_query("uy ban nhan dan tinh")
    assert not q.has_diacritics and q.folded == "uy ban nhan dan tinh"
    q2 = analyze_query("Ủy ban nhân dân tỉnh")
    assert "UBND" in q2.expansions


def test_query_spellings_meet_document_spellings():
    doc = index_fields("Hòa giải ở cơ sở về thủy lợi")
    q = analyze_query("hoà giải thuỷ lợi")
    assert all(s in doc["text_canon"].lower() for s in q.syllables)
    assert all(s in doc["text_folded"].lower() for s in q.folded_syllables)


def test_empty_query():
    q = analyze_query("")
    assert q.words == "" and q.syllables == [] and q.numbers == [] and q.article is None


def test_index_fields_are_aligned():
    t = "Ủy ban nhân dân TP. Hà Nội ban hành Quyết định số 15/2020/QĐ-UBND về hòa giải.\u00a0"
    f = index_fields(t)
    assert f["text"] == normalize(t)
    assert f["text_canon"] == canonical(t)
    assert f["text_folded"] == fold(canonical(t))
    assert len({len(f["text"]), len(f["text_canon"]), len(f["text_folded"])}) == 1
    words = f["text_words"].split()
    assert "15/2020/qđ-ubnd" in words and "uỷ_ban" in words and "." not in words
    assert f["text_words"] == f["text_words"].lower()


def test_analysis_settings_use_prebuilt_analyzers_only():
    assert INDEX_ANALYSIS == {}
    assert set(FIELD_ANALYZERS.values()) <= {"standard", "whitespace"}
    assert field_mappings()["text_words"] == {"type": "text", "analyzer": "whitespace"}


def test_numbers_typed_loosely_keep_their_indexed_spelling_in_query_words():
    """Documents index 45/2013/QH13 as one word; a query typing it in lower case or as
    "nd 15 2020" must produce the same word, not "45 2013 qh13"."""
    from analyzers import analyze_query, index_fields

    assert "45/2013/qh13" in index_fields("Luật số 45/2013/QH13")["text_words"].split()
    assert analyze_query("45/2013/qh13 đất đai").words.split() == ["45/2013/qh13", "đất_đai"]
    assert analyze_query("nd 15 2020 xử phạt").words.split()[0] == "15/2020/nđ-cp"
    assert analyze_query("tt 15 2024").words == "tt 15 2024"  # partial: no issuer to spell out
