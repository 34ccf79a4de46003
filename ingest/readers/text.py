"""Plain text in any encoding: a BOM decides; else UTF-8; else legacy 8-bit (TCVN3, VNI, cp1258)
through ``analyzers``."""

from __future__ import annotations

import codecs

from ingest.raw import RawDocument

from .legacy import decode_into
from .normalize import finish

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_txt(data: bytes, path: str) -> RawDocument:
    doc = RawDocument(path=path, format="txt")
    doc.text = finish(decode_bytes(data, doc))
    return doc


def decode_bytes(data: bytes, doc: RawDocument) -> str:
    """Bytes of a text file to Unicode, legacy Vietnamese fonts included."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            doc.encoding = "" if codec == "utf-8-sig" else codec
            return decode_into(doc, data.decode(codec, "replace"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_into(doc, data)  # 8-bit: the decoder tells which
    return decode_into(doc, text)  # UTF-8 may still carry TCVN3 mojibake ("Céng hßa")
