"""The relevance clause, built from an analysed query (``analyzers.analyze_query``). Pure.

Each ranking component can be switched off through ``features`` so that the relevance bench
(``bench/bench_relevance.py``) measures what each one adds on top of plain syllable BM25:

============== ===================================================================================
(none)         plain syllable BM25: the query as typed, ``match`` on the display fields
``canonical``  one tone-mark placement and i/y spelling (``hoà`` = ``hòa``) on ``*_canon``; at
               least 75% of the syllables of a query longer than two must match there
``words``      pyvi words on ``*_words`` (``quyền_sử_dụng_đất``), identifiers kept whole
``folding``    the accent-free form on ``*_folded``, weighted below exact accents, so a query
               typed without diacritics finds accented text and an accented query prefers it
``numbers``    a document number in any spelling puts that document first, with an article
               reference (``Điều 5``) that article above it
``phrase``     the query's words as a phrase (slop 1) score above the same words scattered
``expansions`` abbreviations both ways (``UBND`` ↔ ``Ủy ban nhân dân``) as extra phrases
============== ===================================================================================

What users ask for explicitly is not a ranking component and always applies: a ``"quoted
phrase"`` must occur (accents exact when typed with accents), ``-word`` excludes. User text only
ever goes into ``match``/``match_phrase``/``term``/``prefix`` queries, never a query-string parser.
"""

from __future__ import annotations

import re

import analyzers
from analyzers.query import query_syllables

FEATURES = frozenset({"canonical", "words", "folding", "numbers", "phrase", "expansions"})
DOC_FIELDS = (("title", 2.0), ("body", 1.0))
PROCEDURE_FIELDS = (("name", 3.0), ("body", 1.0))
# Weights measured on the development set of bench/bench_relevance.py (see bench/README.md).
# A stricter MSM (90%) ranked exact headings higher but lost chatty queries ("quy định về … như
# thế nào"): 75% keeps both.
MSM = "2<75%"
W_FOLDED = 0.6  # a query without diacritics matches only here (and on *_canon where text lacks them)
W_FOLDED_ACCENTED = 0.2  # exact accents rank higher; folded matches of an accented query are noise
W_WORDS = 0.8
W_PHRASE_WORDS = 3.0
W_PHRASE = 1.0
W_PHRASE_FOLDED = 3.0
W_EXPANSION = 0.5
NUMBER_BOOST = 1000.0
ARTICLE_BOOST = 2000.0
HIGHLIGHT_TERMS = 1000  # spellings marked per query: OpenSearch refuses more than 1024 clauses in a query
_EXCLUDED = re.compile(r'(?:(?<=\s)|^)-(?!\d)("[^"]+"|[^\s"]+)')


def _match(field: str, text: str, boost: float, msm: str | None = None) -> dict:
    body: dict = {"query": text, "boost": boost}
    if msm:
        body["minimum_should_match"] = msm
    return {"match": {field: body}}


def _phrase(field: str, text: str, boost: float | None = None, slop: int = 0) -> dict:
    body: dict = {"query": text}
    if slop:
        body["slop"] = slop
    if boost is not None:
        body["boost"] = boost
    return {"match_phrase": {field: body}}


def _any(clauses: list[dict]) -> dict:
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}


def plain_text(qa) -> str:
    """The query as typed, without quotes and excluded terms (the baseline's input)."""
    return _EXCLUDED.sub(" ", qa.text).replace('"', " ").strip()


def exact_form(text: str) -> tuple[str, str]:
    """(field suffix, text) for matching user-quoted text: accents exact when typed with accents."""
    canon = analyzers.canonical(text).lower()
    return ("_canon", canon) if analyzers.has_diacritics(text) else ("_folded", analyzers.fold(canon))


def highlight_query(qa, field: str = "body") -> dict | None:
    """What the highlighter marks on the display field, the one field with term vectors: every
    spelling the text may show for each query syllable and expansion (``analyzers.spellings``),
    matched as the clauses match: canonical forms for a query typed with diacritics, accent-free
    ones without. None when the query has no text to mark."""
    folded = not qa.has_diacritics
    groups = [(s, folded) for s in (qa.folded_syllables if folded else qa.syllables)]
    for exp in qa.expansions:
        suffix, text = exact_form(exp)
        groups += [(s, suffix == "_folded") for s in query_syllables(text)]
    terms = dict.fromkeys(s for s, _ in groups[:HIGHLIGHT_TERMS])  # each syllable as typed first, then its variants
    for s, f in groups:
        for v in analyzers.spellings(s, f):
            if len(terms) >= HIGHLIGHT_TERMS:
                break
            terms[v] = None
    if not terms:
        return None
    marks = {"match": {field: {"query": " ".join(terms)}}}
    if folded or len(qa.syllables) < 2:
        return marks
    # the query as a phrase, as typed and in canonical spelling: where the text spells it so,
    # it is marked whole across punctuation, and its fragments come first (as the ranking does)
    phrases = dict.fromkeys([plain_text(qa), " ".join(qa.syllables)])
    return {"bool": {"should": [marks, *(_phrase(field, p, slop=1) for p in phrases)]}}


def syllable_clauses(qa, fields, features) -> list[dict]:
    should: list[dict] = []
    canon = " ".join(qa.syllables)
    folded = " ".join(qa.folded_syllables)
    accented = qa.has_diacritics
    for prefix, weight in fields:
        if "canonical" in features:
            should.append(_match(f"{prefix}_canon", canon, weight, MSM))
        else:
            should.append(_match(prefix, plain_text(qa), weight))
        if "folding" in features:
            fw = W_FOLDED_ACCENTED if accented else W_FOLDED
            should.append(_match(f"{prefix}_folded", folded, round(fw * weight, 3), MSM))
        # pyvi cannot segment text without diacritics (word F1 0.74): words only help accented queries
        if qa.words and accented:
            if "words" in features:
                should.append(_match(f"{prefix}_words", qa.words, round(W_WORDS * weight, 3)))
            if "phrase" in features:
                should.append(_phrase(f"{prefix}_words", qa.words, round(W_PHRASE_WORDS * weight, 3), slop=1))
        if "phrase" in features and len(qa.syllables) > 1:
            if accented:
                should.append(_phrase(f"{prefix}_canon", canon, round(W_PHRASE * weight, 3), slop=1))
            else:
                field, text = (f"{prefix}_folded", folded) if "folding" in features else (f"{prefix}_canon", canon)
                should.append(_phrase(field, text, round(W_PHRASE_FOLDED * weight, 3), slop=1))
    if "expansions" in features:
        for exp in qa.expansions:
            suffix, text = exact_form(exp)
            should += [_phrase(f"{prefix}{suffix}", text, round(W_EXPANSION * weight, 3)) for prefix, weight in fields]
    return should


def number_key_query(num, field: str = "number_key") -> dict:
    """A full number matches its key; query shorthand without an issuer (``tt 15 2024`` →
    ``15/2024/TT``) matches every issuer's number of that type and year."""
    if not num.partial:
        return {"term": {field: num.key}}
    prefix = num.key if num.key.endswith("/QH") else num.key + "-"
    return {"prefix": {field: prefix}}


def number_clauses(qa) -> list[dict]:
    should: list[dict] = []
    for num in qa.numbers:
        key = number_key_query(num)
        should.append({"constant_score": {"filter": key, "boost": NUMBER_BOOST}})
        if qa.article:
            should.append({"constant_score": {"filter": {"bool": {"filter": [
                key, {"term": {"article_number": qa.article}}]}}, "boost": ARTICLE_BOOST}})
    if qa.article and not qa.numbers:
        should.append({"constant_score": {"filter": {"term": {"article_number": qa.article}}, "boost": 2.0}})
    return should


def required_phrases(qa, fields) -> list[dict]:
    out = []
    for p in qa.phrases:
        suffix, text = exact_form(p)
        out.append(_any([_phrase(f"{prefix}{suffix}", text) for prefix, _ in fields]))
    return out


def exclusions(qa, fields) -> list[dict]:
    """``-thuế`` excludes thuế but not thuê (accents exact when typed), ``-thue`` both."""
    out = []
    for word in qa.excluded:
        suffix, text = exact_form(word)
        out += [_phrase(f"{prefix}{suffix}", text) for prefix, _ in fields]
    return out


def text_clause(qa, fields=DOC_FIELDS, features=FEATURES, *, numbers: bool = True) -> dict | None:
    """The query clause for ``qa``; None when the query asks for nothing (list everything)."""
    should = syllable_clauses(qa, fields, features) if qa.syllables else []
    if numbers and "numbers" in features:
        should += number_clauses(qa)
    must = required_phrases(qa, fields)
    must_not = exclusions(qa, fields)
    if not should and not must:
        return {"bool": {"must": [{"match_all": {}}], "must_not": must_not}} if must_not else None
    clause: dict = {"bool": {}}
    if should:
        clause["bool"]["should"] = should
        clause["bool"]["minimum_should_match"] = 0 if must else 1
    if must:
        clause["bool"]["must"] = must
    if must_not:
        clause["bool"]["must_not"] = must_not
    return clause
