"""Vietnamese legal search: model, settings, local OpenSearch node, index mapping, search,
API, CLI and web pages.

Imports ``analyzers`` (queries are analysed like documents); never imports ``ingest`` at module
level (only the CLI's ingest commands do, lazily).
"""

__version__ = "0.1.0"
