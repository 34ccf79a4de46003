"""HTML: vbpl.vn full-text pages (document text + header cells), vbpl.vn attribute pages
(``metadata``, no text), anything else as its visible text."""

from __future__ import annotations

import re

from ingest.raw import RawDocument

from . import vbpl
from .html_dom import parse
from .normalize import finish
from .text import decode_bytes

_META_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", re.I)


def read_html(data: bytes, path: str) -> RawDocument:
    doc = RawDocument(path=path, format="html")
    root = parse(_decode(data, doc))
    if vbpl.is_attribute_page(root):
        doc.metadata = vbpl.attribute_metadata(root)
        doc.metadata["source_page"] = "vbpl.vn attribute page"
        return doc
    page = vbpl.fulltext(root)
    if page is not None:
        cells, text = page
        doc.header_cells = [finish(c) for c in cells]
    else:
        body = root.find("body") or root
        text = body.text()
    doc.text = finish(text)
    return doc


def _decode(data: bytes, doc: RawDocument) -> str:
    declared = _META_CHARSET_RE.search(data[:4096])
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, doc)
