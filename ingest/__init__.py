"""Ingest: readers (file -> RawDocument) -> extraction (RawDocument -> LegalDocument) ->
preparation (LegalDocument -> index actions) -> indexing (actions -> report).

May import ``analyzers`` and the model/mapping/client modules of ``legal_search``.
Nothing in ``legal_search`` imports this package at module level.
"""
