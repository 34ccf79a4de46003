"""Readers: any file an archivist holds to ``RawDocument`` (text in reading order, header
cells, metadata the file itself gives).

``detect(path_or_bytes)`` names the type from the content; ``read(path)`` picks the reader from
a table keyed by that type and yields documents (ZIP archives recursively). Problems with one
file raise ``ReaderError``.

May import ``ingest.raw`` and ``analyzers`` (legacy encodings); nothing from ``legal_search``,
no search client.
"""

from ingest.raw import RawDocument, ReaderError

from .core import READERS, read, read_bytes
from .detect import TYPES, detect

__all__ = ["READERS", "TYPES", "RawDocument", "ReaderError", "detect", "read", "read_bytes"]
