"""Suggestions as you type: document numbers by prefix of their normalised key (``15/20`` →
``15/2020/NĐ-CP``, ``nd 15 2020`` too), then document titles and procedure names from the
``suggest`` completion fields (each indexed with its accent-free form, so ``luat dat`` finds
``Luật Đất đai``). One ``_msearch`` round trip."""

from __future__ import annotations

import re

from opensearchpy import OpenSearch
from pydantic import BaseModel, Field

import analyzers
from legal_search.errors import QueryError
from legal_search.search import run_many
from legal_search.settings import Settings

MAX_SUGGEST = 20
_INPUT_LIMIT = 80  # the completion fields' max_input_length
_KEY_JUNK = re.compile(r"^(?:SO|SO HIEU)\s*:?\s*")
_KEY_SPACES = re.compile(r"\s*([/-])\s*")


class Suggestion(BaseModel):
    text: str
    kind: str  # document | procedure
    id: str
    number: str | None = None
    doc_type: str | None = None


class SuggestResponse(BaseModel):
    q: str
    suggestions: list[Suggestion] = Field(default_factory=list)


def number_prefix(q: str) -> str | None:
    """The ``number_key`` prefix a partly typed number stands for, or None without a digit."""
    if not any(ch.isdigit() for ch in q):
        return None
    parsed = analyzers.parse_doc_number(q)
    if parsed is not None:
        return parsed.key
    key = analyzers.fold(analyzers.normalize(q)).upper().strip()
    key = _KEY_SPACES.sub(r"\1", _KEY_JUNK.sub("", key))
    key = re.sub(r"^0+(?=\d)", "", key)
    return key if re.match(r"^\d", key) and " " not in key else None


def build(q: str, size: int = 10) -> list[tuple[str, dict]]:
    """(index kind, body) pairs: ``docs`` or ``procedures``."""
    if not 1 <= size <= MAX_SUGGEST:
        raise QueryError(f"size must be between 1 and {MAX_SUGGEST}, not {size}", param="size")
    text = analyzers.normalize(q).strip()[:_INPUT_LIMIT]
    src = ["doc_id", "number", "title", "doc_type", "code", "procedure.name"]
    completion = {"field": "suggest", "size": size, "skip_duplicates": True}
    out: list[tuple[str, dict]] = []
    prefix = number_prefix(text)
    if prefix:
        out.append(("docs", {"size": size, "_source": src, "query": {"bool": {"filter": [
            {"prefix": {"number_key": prefix}}, {"term": {"record": "document"}}]}},
            "sort": [{"issued_date": {"order": "desc", "missing": "_last"}}, {"doc_id": "asc"}]}))
    out.append(("docs", {"_source": src, "suggest": {"s": {"prefix": text, "completion": completion}}}))
    out.append(("procedures", {"_source": src, "suggest": {"s": {"prefix": text, "completion": completion}}}))
    return out


def _item(src: dict) -> Suggestion:
    if src.get("code"):
        return Suggestion(text=src.get("procedure", {}).get("name") or src["code"], kind="procedure",
                          id=src["code"], number=src["code"])
    text = " ".join(x for x in (src.get("doc_type"), src.get("number")) if x)
    title = src.get("title") or ""
    return Suggestion(text=f"{text} {title}".strip() if text else title, kind="document", id=src["doc_id"],
                      number=src.get("number"), doc_type=src.get("doc_type"))


def parse(raws: list[dict], q: str, size: int) -> SuggestResponse:
    seen: set[tuple[str, str]] = set()
    out: list[Suggestion] = []
    for raw in raws:
        sources = [h["_source"] for h in raw.get("hits", {}).get("hits", [])]
        for entry in raw.get("suggest", {}).get("s", []):
            sources += [o["_source"] for o in entry.get("options", [])]
        for src in sources:
            item = _item(src)
            if (item.kind, item.id) not in seen and len(out) < size:
                seen.add((item.kind, item.id))
                out.append(item)
    return SuggestResponse(q=q, suggestions=out)


def suggest(client: OpenSearch, settings: Settings, q: str, size: int = 10) -> SuggestResponse:
    if not q.strip():
        return SuggestResponse(q=q)
    if len(q) > 200:
        raise QueryError("the text to complete is longer than 200 characters", param="q")
    requests = build(q, size)
    index = {"docs": settings.docs_alias, "procedures": settings.procedures_alias}
    return parse(run_many(client, settings, [(index[k], body) for k, body in requests]), q, size)
