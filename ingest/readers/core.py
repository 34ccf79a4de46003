"""``read(path)``: detect the type from the content, pick the reader from ``READERS``.

A reader takes the file's bytes and the name to report, and returns one RawDocument; archives
yield many. Per-file problems raise ReaderError (the bulk importer turns them into "failed"
lines of its report); inside an archive, a member's error goes to ``on_error`` when one is
given so the other members are still read.

JSON and JSONL are dataset files: ``read`` refuses them with ReaderError and the pipeline sends
them to the dataset adapters (``ingest.datasets``) after checking ``detect()``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from ingest.raw import RawDocument, ReaderError

from .archive import new_budget, read_zip
from .detect import detect
from .doc import read_doc
from .docx import read_docx
from .html import read_html
from .pdf import read_pdf
from .rtf import read_rtf
from .text import read_txt

Reader = Callable[[bytes, str], RawDocument]

READERS: dict[str, Reader] = {
    "pdf": read_pdf,
    "docx": read_docx,
    "doc": read_doc,
    "rtf": read_rtf,
    "html": read_html,
    "txt": read_txt,
}
DATASET_TYPES = ("json", "jsonl")


def read(path: str | Path,
         on_error: Callable[[ReaderError], None] | None = None) -> Iterator[RawDocument]:
    """Documents in the file at ``path`` (one, or many for a ZIP archive)."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise ReaderError(name, "no such file") from exc
    except IsADirectoryError as exc:
        raise ReaderError(name, "is a directory, not a file") from exc
    except OSError as exc:
        raise ReaderError(name, f"cannot read the file: {exc.strerror or exc}") from exc
    yield from read_bytes(data, name, on_error=on_error)


def read_bytes(data: bytes, name: str, depth: int = 0,
               on_error: Callable[[ReaderError], None] | None = None,
               budget: list[int] | None = None) -> Iterator[RawDocument]:
    """Same as ``read`` for bytes already in memory; ``name`` is what documents report."""
    if not data.strip():
        raise ReaderError(name, "empty file")
    kind = detect(data)
    if kind == "zip":
        budget = budget if budget is not None else new_budget()

        def member(payload: bytes, member_name: str, level: int) -> Iterator[RawDocument]:
            return read_bytes(payload, member_name, level, on_error, budget)

        yield from read_zip(data, name, depth, member, on_error, budget)
        return
    if kind in DATASET_TYPES:
        raise ReaderError(name, f"{kind.upper()} is a dataset file, use the dataset adapters")
    reader = READERS.get(kind)
    if reader is None:
        raise ReaderError(name, "unsupported file type (not PDF, Word, RTF, HTML, text or ZIP)")
    yield reader(data, name)
