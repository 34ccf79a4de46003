"""Plain-text tables of search results for the terminal (the ``legal-search search`` command):
number, type, date, status, title, best article. Pure: results in, lines out."""

from __future__ import annotations

import html
import re

from legal_search.results import SearchResponse

_TAG = re.compile(r"</?mark>")


def plain(fragment: str) -> str:
    """A highlighted HTML fragment as terminal text: matches in [brackets], entities decoded."""
    return " ".join(html.unescape(_TAG.sub(lambda m: "[" if m.group() == "<mark>" else "]", fragment)).split())


def _cut(text: str | None, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[int, ...]) -> list[str]:
    cells = [header, *rows]
    sizes = [min(w, max(len(r[i]) for r in cells)) for i, w in enumerate(widths)]
    return ["  ".join(_cut(c, s).ljust(s) for c, s in zip(r, sizes)).rstrip() for r in cells]


def _best(articles) -> str:
    if not articles:
        return ""
    return plain(articles[0].heading)


def lines(res: SearchResponse, fragments: bool = True) -> list[str]:
    out: list[str] = []
    if res.kind in ("documents", "all"):
        out.append(f"{res.total} document(s) for {res.q!r}")
        rows = [(h.number or h.id, h.doc_type or "", h.issued_date or "", h.status_label or h.status or "",
                 h.title or "", _best(h.articles)) for h in res.hits]
        out += _table(("number", "type", "issued", "status", "title", "best article"), rows, (24, 12, 10, 18, 50, 40))
        if fragments:
            for h in res.hits[:3]:
                frag = next((f for a in h.articles for f in a.fragments), None) or next(iter(h.fragments), None)
                if frag:
                    out.append(f"  {h.number or h.id}: …{_cut(plain(frag), 150)}…")
    if res.kind == "articles":
        out.append(f"{res.total} article(s) for {res.q!r}")
        rows = [(a.doc_number or a.doc_id or "", f"Điều {a.number}" if a.number else a.anchor, a.issued_date or "",
                 a.status_label or a.status or "", plain(a.heading), plain(a.fragments[0]) if a.fragments else "")
                for a in res.articles]
        out += _table(("number", "article", "issued", "status", "heading", "fragment"), rows, (24, 10, 10, 18, 50, 60))
    if res.kind in ("procedures", "all"):
        if out:
            out.append("")
        out.append(f"{res.procedures_total or 0} procedure(s) for {res.q!r}")
        rows = [(p.code, p.level or "", "; ".join(p.fields), p.name) for p in res.procedures]
        out += _table(("code", "level", "field", "name"), rows, (10, 14, 30, 80))
    if res.next_cursor:
        out.append(f"more: --cursor {res.next_cursor}")
    return out
