"""Legacy Word (.doc, OLE2) through antiword, catdoc as the fallback; both come from the
project's apt packages (scripts/apt-packages.txt). Text typed in TCVN3/VNI fonts comes out as
Latin-1 look-alikes ("Céng hßa") and is decoded through ``analyzers``."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

from ingest.raw import RawDocument, ReaderError

from .legacy import decode_into
from .normalize import finish

_TIMEOUT = 120  # seconds; antiword takes well under one on a 500-page law


def read_doc(data: bytes, path: str) -> RawDocument:
    doc = RawDocument(path=path, format="doc")
    raw = _convert(data, path)
    cells, body = split_pipe_table(raw)
    text = decode_into(doc, body)
    if cells:
        doc.header_cells = [finish(decode_into(doc, c) if doc.encoding else c) for c in cells]
    doc.text = finish(text)
    if not doc.text:
        raise ReaderError(path, "the Word file holds no text")
    return doc


def _convert(data: bytes, path: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".doc", delete=False) as tmp:
        tmp.write(data)
    try:
        out, err = _run(["antiword", "-m", "UTF-8.txt", "-w", "0", tmp.name], path)
        if out.strip():
            return out
        fallback, err2 = _run(["catdoc", "-d", "utf-8", "-w", tmp.name], path)
        if fallback.strip():
            return fallback
        reason = (err or err2).strip().splitlines()[:1] or ["no text"]
        if "encrypt" in reason[0].lower() or "password" in reason[0].lower():
            raise ReaderError(path, "encrypted Word file")
        raise ReaderError(path, f"corrupt or unsupported Word file ({reason[0]})")
    finally:
        os.unlink(tmp.name)


def _run(cmd: list[str], path: str) -> tuple[str, str]:
    if shutil.which(cmd[0]) is None:
        raise ReaderError(path, f"{cmd[0]} is not installed (apt-get install {cmd[0]}; "
                                "see scripts/apt-packages.txt)")
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=_TIMEOUT, check=False)
    except subprocess.TimeoutExpired as exc:
        raise ReaderError(path, f"{cmd[0]} took longer than {_TIMEOUT} s") from exc
    return proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def split_pipe_table(text: str) -> tuple[list[str], str]:
    """antiword draws tables as ``|cell|cell|`` rows. When the document opens with one (the
    header table), return its columns as cells and the text with the table read column by
    column, left cell first."""
    lines = text.split("\n")
    start = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if start is None or not lines[start].lstrip().startswith("|"):
        return [], text
    end = start
    while end < len(lines) and lines[end].lstrip().startswith("|"):
        end += 1
    columns: list[list[str]] = []
    for row in lines[start:end]:
        parts = row.strip().strip("|").split("|")
        for i, part in enumerate(parts):
            while len(columns) <= i:
                columns.append([])
            if part.strip():
                columns[i].append(part.strip())
    cells = ["\n".join(col) for col in columns if col]
    if len(cells) < 2:
        return [], text
    body = "\n".join(cells + lines[end:])
    return cells[:2], body
