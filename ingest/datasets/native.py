"""Our own JSON/JSONL schema: one ``LegalDocument`` per line, as ``model_dump(mode="json")``
writes it (``legal_search/model.py`` is the schema; dates are ``YYYY-MM-DD``).

Minimal record::

    {"number": "15/2020/NĐ-CP", "doc_type": "Nghị định", "issuer": "Chính phủ",
     "issued_date": "2020-02-03", "title": "Quy định xử phạt …", "text": "…"}

Fields given are kept as they are (structured metadata wins). When ``text`` is present and
``articles`` is not, the text goes through ``extract`` for the structure and for the fields the
record leaves empty; ``id`` is always recomputed with ``document_id`` so the same document from
two sources lands on one id. A ``.json`` file may hold one such object or a list of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from pydantic import ValidationError

from legal_search.model import LegalDocument

from ingest.datasets._common import DatasetError, Item, read_jsonl
from ingest.extract import document_id, extract
from ingest.extract.numbers import number_fields
from ingest.raw import RawDocument

KEYS = frozenset({"number", "doc_type", "title"})
_SKIP = {"id", "text", "articles", "outline", "source", "provenance", "disagreements", "warnings", "relations"}


def to_document(rec: dict, path: str, line: int) -> LegalDocument:
    doc = LegalDocument.model_validate(rec)  # raises ValidationError with the field at fault
    if doc.text.strip() and not doc.articles:
        meta = {k: v for k, v in rec.items() if k not in _SKIP and v not in (None, "", [])}
        meta["_origin"] = "json"
        extracted = extract(RawDocument(path=f"{path}#L{line}", format="jsonl:native", text=doc.text, metadata=meta))
        extracted.source = doc.source.model_copy(update={"path": doc.source.path or f"{path}#L{line}"})
        extracted.relations = doc.relations or extracted.relations
        doc = extracted
    elif doc.number and not doc.number_key:
        doc.number, doc.number_key, _ = number_fields(doc.number)
    if not doc.source.path:
        doc.source.path = f"{path}#L{line}"
    doc.source.format = doc.source.format or "jsonl:native"
    doc.id = document_id(doc)
    return doc


def iter_native(path: str) -> Iterator[tuple[int, Item]]:
    if path.endswith(".json"):
        with open(path, encoding="utf-8") as fh:
            try:
                data = json.load(fh)
            except json.JSONDecodeError as exc:
                yield 1, DatasetError(path, exc.lineno, f"not JSON: {exc.msg}")
                return
        records = data if isinstance(data, list) else [data]
        stream = ((i, r) for i, r in enumerate(records, 1))
    else:
        stream = read_jsonl(path)
    for line, rec in stream:
        if isinstance(rec, DatasetError):
            yield line, rec
            continue
        try:
            yield line, to_document(rec, path, line)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            yield line, DatasetError(path, line, f"field {where}: {first['msg']}")
