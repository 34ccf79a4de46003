"""Adapters for the shared datasets and our own JSON/JSONL schema, chosen from a table keyed by
record shape: ``detect_dataset(first_record)`` names the dataset from its keys, and
``iter_dataset(path)`` yields ``(line, item)`` where item is a ``LegalDocument``, a ``Procedure``
or a ``DatasetError`` naming the line and what is wrong, so a bulk import can account for every
record.

| dataset     | recognised by keys                              | yields                          |
|-------------|-------------------------------------------------|---------------------------------|
| phapdien    | mapc, ten, noidung, vbqppl                      | one document per cited source   |
| procedures  | thu_tuc_id, metadata, content, tables           | Procedure                       |
| laws        | filename, tvpl_id, text                         | document through ``extract``    |
| hanoi       | id, source_repo, text, text_layout              | document; scans -> DatasetError |
| catalogue   | so_ky_hieu, ngay_ban_hanh, trich_yeu, hieu_luc  | metadata-only document          |
| native      | number, doc_type, title (a dumped LegalDocument)| document                        |

May import ``ingest.extract``, ``ingest.raw`` and ``legal_search.model``; no search client.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from ingest.datasets import laws, local, native, phapdien, procedures
from ingest.datasets._common import DatasetError, Item

__all__ = ["DATASETS", "DatasetError", "detect_dataset", "iter_dataset", "first_record"]

# name -> (keys a record of that dataset always has, adapter); order matters: narrower first
DATASETS: dict[str, tuple[frozenset[str], Callable[[str], Iterator[tuple[int, Item]]]]] = {
    "phapdien": (phapdien.KEYS, phapdien.iter_phapdien),
    "procedures": (procedures.KEYS, procedures.iter_procedures),
    "laws": (laws.KEYS, laws.iter_laws),
    "hanoi": (local.HANOI_KEYS, local.iter_hanoi),
    "catalogue": (local.CATALOGUE_KEYS, local.iter_catalogue),
    "native": (native.KEYS, native.iter_native),
}


def detect_dataset(first_record: dict) -> str | None:
    """The dataset a record belongs to, from its keys; None when no adapter fits."""
    if not isinstance(first_record, dict):
        return None
    keys = set(first_record)
    for name, (required, _) in DATASETS.items():
        if required <= keys:
            return name
    return None


def first_record(path: str | Path) -> dict | None:
    """The first JSON object of a JSONL (or JSON) file, or None."""
    path = str(path)
    with open(path, encoding="utf-8") as fh:
        if path.endswith(".json"):
            try:
                data = json.load(fh)
            except json.JSONDecodeError:
                return None
            data = data[0] if isinstance(data, list) and data else data
            return data if isinstance(data, dict) else None
        for line in fh:
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    return None
                return rec if isinstance(rec, dict) else None
    return None


def iter_dataset(path: str | Path, dataset: str | None = None) -> Iterator[tuple[int, Item]]:
    """Every record of a dataset file as (line, LegalDocument | Procedure | DatasetError)."""
    path = str(path)
    if dataset is None:
        rec = first_record(path)
        dataset = detect_dataset(rec) if rec is not None else None
        if dataset is None:
            shown = sorted(rec)[:8] if rec else "no JSON object"
            yield 1, DatasetError(path, 1, f"no adapter for records with keys {shown}")
            return
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")
    yield from DATASETS[dataset][1](path)
