"""Conversion of real legacy documents against their hand-checked transcripts (fixtures/README.md)."""

import difflib
from pathlib import Path

import pytest

from analyzers import decode_legacy, detect_legacy, normalize

FIXTURES = Path(__file__).parent / "fixtures"
FILES = {
    "2003-A-15": "tcvn3",
    "2005-QD-256": "tcvn3",
    "2006-quydinhkiemtra02": "vni",
    "2008-23.QD-991-UBND": "vni",
}


def words(text: str) -> list[str]:
    """Words with a letter or digit; table borders that extractors glue on (``|TM.``) stripped."""
    out = []
    for w in normalize(text).split():
        w = w.strip("|")
        if any(c.isalnum() for c in w) and w != "[pic]":
            out.append(w)
    return out


def word_accuracy(converted: str, truth: str) -> float:
    a, b = words(converted), words(truth)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(m.size for m in sm.get_matching_blocks()) / len(b)


@pytest.mark.parametrize("name, encoding", FILES.items())
def test_real_file_converts_to_its_transcript(name, encoding):
    raw = (FIXTURES / f"{name}.raw.txt").read_text(encoding="utf-8")
    truth = (FIXTURES / f"{name}.ground-truth.txt").read_text(encoding="utf-8")
    text, detected = decode_legacy(raw)
    assert detected == encoding
    assert word_accuracy(text, truth) >= 0.99
    assert detect_legacy(truth) == ""  # the transcripts themselves are clean Unicode
    assert decode_legacy(truth) == (truth, "")


def test_tcvn3_headings_in_vntimeh_come_out_in_capitals():
    text, _ = decode_legacy((FIXTURES / "2005-QD-256.raw.txt").read_text(encoding="utf-8"))
    assert "QUYẾT ĐỊNH" in text and "Số: 256 /2004/QĐ-UB" in normalize(text)
    assert "Chương" in text  # byte 0xAD (ư) survived extraction and conversion


def test_vni_breve_dot_is_a_dot_below():
    text, _ = decode_legacy((FIXTURES / "2006-quydinhkiemtra02.raw.txt").read_text(encoding="utf-8"))
    assert "hoặc" in text and "hoẵc" not in text
