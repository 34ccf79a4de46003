"""Vietnamese text analysis: normalisation, legacy encodings, protected legal identifiers,
word segmentation (pyvi) and accent folding, one path for documents and queries.

Pure text in, text out: imports nothing of ours, no OpenSearch client, no web framework.
"""
