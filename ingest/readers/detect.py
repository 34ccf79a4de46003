"""File type from content (magic bytes and sniffing), never from the file name.

Archivists' folders are full of ``.doc`` files that are RTF, ``.pdf`` files that are HTML error
pages saved by a crawler, and ``.txt`` exports that are JSON: the extension is only a hint.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

TYPES = ("pdf", "docx", "doc", "rtf", "html", "txt", "zip", "json", "jsonl", "unknown")

_SNIFF = 64 * 1024  # bytes read from a path: enough for every rule below
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# the OLE2 directory names its streams in UTF-16; a Word file has "WordDocument"
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_HTML_RE = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)[\s>/]", re.I)
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def detect(source: str | Path | bytes) -> str:
    """Return one of ``TYPES`` for a path or the file's bytes."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return _detect_bytes(bytes(source), None)
    path = Path(source)
    with path.open("rb") as fh:
        head = fh.read(_SNIFF)
    return _detect_bytes(head, path)


def _detect_bytes(head: bytes, path: Path | None) -> str:
    """``head`` is the whole file for bytes input, its first 64 KiB for a path."""
    if not head.strip():
        return "unknown"
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        # the directory sits anywhere in the file, so search what we have, then the whole file
        if _WORD_STREAM in head or (path is not None and _WORD_STREAM in path.read_bytes()):
            return "doc"
        return "unknown"  # an Excel or PowerPoint binary: not a document we read
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _detect_zip(path if path is not None else head)
    return _detect_text(head, complete=path is None)


def _detect_zip(source: Path | bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return "unknown"
    if "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names:
        return "unknown"  # another Office Open XML file (xlsx, pptx): not a document
    return "zip"


def _detect_text(head: bytes, complete: bool) -> str:
    if head.startswith(_BOMS[1:]):  # UTF-16: sniff the decoded text
        head = _utf16_head(head).encode("utf-8", "replace")
    elif head.startswith(_BOMS[0]):
        head = head[len(_BOMS[0]):]
    stripped = head.lstrip()
    if stripped.startswith(b"{\\rtf"):
        return "rtf"
    if _HTML_RE.search(stripped[:4096]) and stripped.startswith(b"<"):
        return "html"
    if stripped[:1] in (b"{", b"["):
        kind = _detect_json(stripped, complete)
        if kind:
            return kind
    if b"\x00" in head:
        return "unknown"  # binary
    return "txt" if _looks_textual(head) else "unknown"


def _utf16_head(head: bytes) -> str:
    codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
    return head[2: len(head) - (len(head) % 2)].decode(codec, "replace")


def _detect_json(data: bytes, complete: bool) -> str | None:
    text = data.decode("utf-8", "replace")
    if complete:
        try:
            json.loads(text)
            return "json"
        except ValueError:
            pass
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not complete and len(lines) > 1:
        lines = lines[:-1]  # the last line of a 64 KiB head is usually cut
    if len(lines) >= 2 and all(_is_json_value(ln) for ln in lines[:20]):
        return "jsonl"
    if len(lines) == 1 and _is_json_value(lines[0]):
        return "json"
    if not complete and text.lstrip().startswith(("{", "[")) and len(lines) <= 1:
        return "json"  # one long JSON document larger than the head
    return None


def _is_json_value(line: str) -> bool:
    try:
        return isinstance(json.loads(line), (dict, list))
    except ValueError:
        return False


def _looks_textual(head: bytes) -> bool:
    """Mostly printable bytes: legacy 8-bit encodings (TCVN3, VNI, cp1258) count as text."""
    sample = head[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROLS))  # deleted: the control bytes
    return controls <= len(sample) * 0.01


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
