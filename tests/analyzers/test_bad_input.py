"""Bad input never crashes or hangs, and time stays linear in its size."""

import os
import random
import unicodedata

import pytest

from analyzers import (analyze_query, canonical, decode_legacy, find_doc_numbers, fold, index_fields, normalize,
                       parse_doc_number, segment)

SYL = "một hai ba người nhà nước quy định điều khoản hà nội ủy ban nhân dân tỉnh".split()


def _line(n_syllables: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    return " ".join(rnd.choice(SYL) for _ in range(n_syllables))


BAD = {
    "empty": "",
    "whitespace": " \t\n\r\u00a0\u200b\u3000 ",
    "binary": os.urandom(20_000).decode("latin-1"),
    "controls": "".join(chr(i) for i in range(32)) * 50,
    "nfd": unicodedata.normalize("NFD", "Quyết định số 15/2020/NĐ-CP về hòa giải ở Hà Nội"),
    "mixed_scripts": "Điều 5 日本語 Привет العربية ελληνικά 15/2020/NĐ-CP",
    "emoji": "😀🇻🇳👍🏽 Hà Nội 😀" * 20,
    "surrogate_like": "a\ud800b",
    "lone_marks": "\u0301\u0300\u0323 a\u0301",
    "slashes": "/" * 5000 + "-" * 5000 + "1/" * 3000,
}


@pytest.mark.parametrize("name", BAD)
def test_every_entry_point_survives(name):
    text = BAD[name]
    for fn in (normalize, canonical, fold, segment, index_fields, find_doc_numbers, parse_doc_number,
               analyze_query, decode_legacy):
        fn(text)
    assert isinstance(segment(text), str)
    f = index_fields(text)
    assert len(f["text"]) == len(f["text_canon"]) == len(f["text_folded"])


def test_nfd_gives_the_same_analysis_as_nfc():
    nfc = "Quyết định số 15/2020/NĐ-CP về hòa giải ở Hà Nội"
    assert index_fields(unicodedata.normalize("NFD", nfc)) == index_fields(nfc)


def test_empty_results():
    assert segment("") == "" and segment(" \n\t ") == ""
    assert index_fields("")["text_words"] == ""
    assert decode_legacy(b"") == ("", "")


def test_long_line_without_punctuation_is_tagged_in_bounded_chunks(monkeypatch):
    """Linear by construction: no CRF call ever sees more than MAX_CHUNK tokens, so the work per
    token is bounded whatever the line length (timings live in bench/bench_analyzers.py)."""
    import importlib

    seg = importlib.import_module("analyzers.segment")  # the module, not the function of that name

    model = dict(seg.load_model())
    sizes = []

    class Recorder:
        def tag(self, features):
            sizes.append(len(features))
            return model["tagger"].tag(features)

    monkeypatch.setitem(seg._MODEL, "tagger", Recorder())
    big = _line(100_000, seed=2)
    out = segment(big)
    assert len(out.replace("_", " ").split()) == 100_000
    assert sum(sizes) == 100_000 and max(sizes) <= seg.MAX_CHUNK and len(sizes) >= 100


@pytest.mark.timeout(120)  # a hang fails here; speed itself is measured by the bench
def test_ten_megabyte_line_cheap_steps_are_linear():
    line = _line(1_750_000)  # ~10 MB of UTF-8, no punctuation
    assert len(line.encode("utf-8")) > 10_000_000
    n = normalize(line)
    c = canonical(n)
    assert len(fold(c)) == len(n)
    assert find_doc_numbers(line) == []


@pytest.mark.timeout(120)
def test_ten_megabyte_token_without_spaces():
    out = segment("a" * 10_000_000)
    assert out.replace(" ", "") == "a" * 10_000_000  # cut into bounded pieces, nothing lost


def test_binary_bytes_to_decode_legacy():
    data = bytes(random.Random(5).randrange(256) for _ in range(50_000))
    text, enc = decode_legacy(data)
    assert isinstance(text, str) and enc in ("", "tcvn3", "vni", "viscii", "cp1258", "utf8-mojibake")
