"""The laws file (``vlc-laws/laws.jsonl``): full texts as thuvienphapluat.vn publishes them,
read through ``extract``. ``filename``/``tvpl_id`` are kept as the source, not as metadata:
the accuracy benchmark uses them as truth."""

from __future__ import annotations

from collections.abc import Iterator

from ingest.datasets._common import DatasetError, Item, read_jsonl
from ingest.extract import extract
from ingest.raw import RawDocument

CREDIT = "thuvienphapluat.vn via undertheseanlp/underthesea datasets/CP_Vietnamese-VLC @71c274d0"
KEYS = frozenset({"filename", "tvpl_id", "text"})


def iter_laws(path: str) -> Iterator[tuple[int, Item]]:
    for line, rec in read_jsonl(path):
        if isinstance(rec, DatasetError):
            yield line, rec
            continue
        text = rec.get("text")
        if not isinstance(text, str) or not text.strip():
            yield line, DatasetError(path, line, "record has no text")
            continue
        raw = RawDocument(path=f"{path}#L{line}", format="jsonl:laws", text=text)
        doc = extract(raw)
        doc.source.dataset = "vlc-laws"
        doc.source.url = str(rec.get("source_url") or "")
        doc.source.credit = CREDIT
        yield line, doc
