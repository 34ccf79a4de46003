"""Metadata, relations and structure from a read document: ``extract(raw) -> LegalDocument``,
and the one id rule every stage uses: ``document_id(doc)``.

Recipe: domain notes §3.8 (header), §3.10 (final articles). Document numbers are parsed by
``analyzers`` only; this package keeps no copy of the number grammar.

May import ``analyzers``, ``legal_search.model`` and ``ingest.raw``; never a search client,
the web layer or the CLI.
"""

from ingest.extract.core import extract
from ingest.extract.docid import document_id

__all__ = ["extract", "document_id"]
