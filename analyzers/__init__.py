"""Vietnamese text analysis: normalisation, legacy encodings, protected legal identifiers,
word segmentation (pyvi) and accent folding, one path for documents and queries.

Pure text in, text out: imports nothing of ours, no OpenSearch client, no web framework.

Modules: ``normalize`` (display cleaning, canonical spelling), ``fold`` (accent folding),
``legacy`` (TCVN3/VNI/VISCII/cp1258/mojibake), ``numbers`` (số ký hiệu parser and finder),
``protect`` (tokens kept whole), ``segment`` (pyvi, linear, process pool), ``query`` (query
analysis), ``fields`` (what gets indexed and with which OpenSearch analyzer), ``spellings`` (the
display spellings a query syllable stands for, for highlighting).
"""

from .fields import FIELD_ANALYZERS, INDEX_ANALYSIS, field_mappings, index_fields
from .fold import fold, has_diacritics
from .issuers import canonical_issuer, issuer_names
from .legacy import decode_legacy, detect_legacy
from .normalize import canonical, normalize
from .numbers import DocNumber, find_doc_numbers, parse_doc_number
from .query import ABBREVIATIONS, STOPWORDS, QueryAnalysis, analyze_query
from .segment import segment, segment_many
from .spellings import spellings

__all__ = [
    "normalize", "canonical", "fold", "has_diacritics", "segment", "segment_many",
    "DocNumber", "parse_doc_number", "find_doc_numbers", "decode_legacy", "detect_legacy",
    "QueryAnalysis", "analyze_query", "ABBREVIATIONS", "STOPWORDS",
    "canonical_issuer", "issuer_names", "spellings",
    "index_fields", "INDEX_ANALYSIS", "FIELD_ANALYZERS", "field_mappings",
]
