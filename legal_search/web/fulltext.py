"""A document's text as anchored sections (preamble, Phần/Chương/Mục, each Điều with ``id``
such as ``dieu-5``) and its outline, for the document page.

The stored document keeps its full text and its articles' anchors and headings, so the text is
cut where each heading starts: no query per article. A document stored without a full text
(Pháp điển rows, built from articles) gets its articles' texts with one query instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from opensearchpy import OpenSearch

import analyzers
from legal_search.client import UNAVAILABLE, unavailable
from legal_search.settings import Settings

CONTAINER_LEVELS = ("phan", "chuong", "muc", "tieu_muc", "phu_luc")
RANKS = {"phan": 0, "phu_luc": 0, "chuong": 1, "muc": 2, "tieu_muc": 3}  # Điều ranks below all
MAX_ARTICLES = 10_000


@dataclass
class Section:
    level: str  # "preamble" | "dieu" | one of CONTAINER_LEVELS
    anchor: str
    heading: str
    body: str = ""


@dataclass
class OutlineNode:
    label: str
    anchor: str
    children: list["OutlineNode"] = field(default_factory=list)


def slug(label: str) -> str:
    """``Chương II`` → ``chuong-ii``."""
    return re.sub(r"[^a-z0-9]+", "-", analyzers.fold(label).lower()).strip("-") or "muc"


def _items(doc: dict) -> list[dict]:
    """Outline items with an anchor each (containers get one from their label); the articles
    alone when there is no outline."""
    headings = {a["anchor"]: a.get("heading") or "" for a in doc.get("articles") or []}
    items, used = [], set(headings)
    outline = doc.get("outline") or [{"level": "dieu", "label": f"Điều {a['number']}", "anchor": a["anchor"]}
                                     for a in doc.get("articles") or []]
    for o in outline:
        anchor = o.get("anchor") or slug(o.get("label", ""))
        if o.get("level") != "dieu":
            base, n = anchor, 2
            while anchor in used:
                anchor, n = f"{base}-{n}", n + 1
            used.add(anchor)
        items.append({**o, "anchor": anchor, "heading": headings.get(anchor, "")})
    return items


def _pattern(text: str) -> re.Pattern:
    words = [re.escape(w) for w in text.split()]
    return re.compile(r"(?im)^[ \t]*" + r"\s+".join(words) + r"(?![\w])")


def split_text(text: str, doc: dict) -> tuple[list[Section], list[str]]:
    """Sections of ``text`` in order, and the anchors whose heading was not found in it."""
    sections: list[Section] = []
    missing: list[str] = []
    cursor, starts = 0, []
    for item in _items(doc):
        m = None
        for probe in (item["heading"], item.get("label", "")):
            if probe.strip():
                m = _pattern(probe).search(text, cursor)
                if m:
                    break
        if m is None:
            missing.append(item["anchor"])
            continue
        starts.append((m.start(), item))
        cursor = m.end()
    preamble = text[:starts[0][0]] if starts else text
    if preamble.strip():
        sections.append(Section("preamble", "phan-dau", "", preamble.strip("\n")))
    for i, (start, item) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        heading, _, body = text[start:end].strip().partition("\n")
        title = (item.get("title") or "").strip()
        if item.get("level") != "dieu" and title and body.lstrip().lower().startswith(title.lower()):
            heading, body = f"{heading.rstrip('.')}. {title}", body.lstrip()[len(title):]
        sections.append(Section(item.get("level") or "dieu", item["anchor"], heading.strip(), body.strip("\n")))
    return sections, missing


def article_sections(client: OpenSearch, settings: Settings, doc: dict) -> list[Section]:
    """Every article's text with one query, in the document's order, with its Chương/Mục path
    as container sections where the path changes."""
    order = {a["anchor"]: i for i, a in enumerate(doc.get("articles") or [])}
    if not order:
        return []
    try:
        raw = client.search(index=settings.docs_alias, body={
            "size": min(len(order), MAX_ARTICLES), "_source": ["anchor", "heading", "body", "path"],
            "query": {"bool": {"filter": [{"term": {"doc_id": doc["id"]}}, {"term": {"record": "article"}}]}}})
    except UNAVAILABLE as exc:
        raise unavailable(settings, exc) from None
    rows = sorted((h["_source"] for h in raw["hits"]["hits"]), key=lambda s: order.get(s.get("anchor"), 1 << 30))
    sections, path = [], None
    for src in rows:
        if src.get("path") and src["path"] != path:
            path = src["path"]
            sections.append(Section("chuong", slug(path.split(" › ")[-1]), path))
        heading = src.get("heading") or ""
        body = src.get("body") or ""
        if heading and body.startswith(heading):
            body = body[len(heading):]
        sections.append(Section("dieu", src["anchor"], heading, body.strip("\n")))
    return sections


def outline_tree(sections: list[Section]) -> list[OutlineNode]:
    """Phần › Chương › Mục › Điều nested as on the page (from the sections actually found)."""
    roots: list[OutlineNode] = []
    stack: list[tuple[int, OutlineNode]] = []
    for s in sections:
        if s.level == "preamble":
            continue
        rank = RANKS.get(s.level, len(RANKS))
        node = OutlineNode(s.heading, s.anchor)
        while stack and stack[-1][0] >= rank:
            stack.pop()
        (stack[-1][1].children if stack else roots).append(node)
        stack.append((rank, node))
    return roots


def document_sections(client: OpenSearch, settings: Settings, doc: dict) -> list[Section]:
    """The text cut at its headings; when the text is missing or its headings can't all be found,
    the articles' own texts (one query)."""
    text = doc.get("text") or ""
    articles = {a["anchor"] for a in doc.get("articles") or []}
    if text.strip():
        sections, missing = split_text(text, doc)
        if not articles & set(missing):
            return sections
    return article_sections(client, settings, doc) or (
        [Section("preamble", "phan-dau", "", text)] if text.strip() else [])
