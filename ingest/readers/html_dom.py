"""A small element tree over the stdlib ``html.parser``, enough to pick vbpl.vn's blocks by id
and class and to turn any subtree into text with block elements on their own lines."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}
_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol",
          "section", "article", "header", "footer", "blockquote", "pre", "hr", "dd", "dt", "title"}
_CELL = {"td", "th"}
_HIDDEN = {"script", "style", "noscript", "template", "head"}
_WS_RE = re.compile(r"[ \t\r\n\u00a0]+")


class Element:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Element | None):
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | str] = []
        self.parent = parent

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.iter()

    def find(self, tag: str | None = None, *, id: str | None = None, cls: str | None = None):
        return next(self.find_all(tag, id=id, cls=cls), None)

    def find_all(self, tag: str | None = None, *, id: str | None = None, cls: str | None = None):
        for el in self.iter():
            if tag and el.tag != tag:
                continue
            if id and el.attrs.get("id") != id:
                continue
            if cls and cls not in el.classes():
                continue
            yield el

    def text(self) -> str:
        """Visible text: block elements on their own lines, table cells tab-separated."""
        parts: list[str] = []
        _collect(self, parts)
        lines = (_WS_RE.sub(" ", ln).strip() for ln in "".join(parts).split("\n"))
        return "\n".join(ln for ln in lines if ln)


def _collect(el: Element, parts: list[str]) -> None:
    if el.tag in _HIDDEN or "display:none" in el.attrs.get("style", "").replace(" ", ""):
        return
    block = el.tag in _BLOCK
    if block:
        parts.append("\n")
    for child in el.children:
        if isinstance(child, str):
            parts.append(_WS_RE.sub(" ", child))
        else:
            _collect(child, parts)
    if block:
        parts.append("\n")
    elif el.tag in _CELL:
        parts.append(" \t ")


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        el = Element(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(el)
        if tag not in _VOID:
            self.current = el

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Element(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:  # unmatched end tags are ignored
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(markup: str) -> Element:
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root


def squash(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()
