"""Legacy Vietnamese encodings (TCVN3/ABC, VNI, cp1258) through ``analyzers.decode_legacy``:
one decoder for the whole project, so readers never carry conversion tables of their own."""

from __future__ import annotations

from ingest.raw import RawDocument


def _decoder():
    try:
        from analyzers import decode_legacy
    except ImportError:
        return None
    return decode_legacy


def decode_into(doc: RawDocument, data: bytes | str) -> str:
    """Unicode text of ``data``; records the source encoding on ``doc`` when one was found."""
    decode = _decoder()
    if decode is None:
        doc.warnings.append("analyzers.decode_legacy unavailable: legacy encodings not decoded")
        return data if isinstance(data, str) else data.decode("cp1258", "replace")
    text, encoding = decode(data)
    if encoding:
        doc.encoding = encoding
    return text
