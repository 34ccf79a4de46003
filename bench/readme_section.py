"""Each bench keeps its own section of bench/README.md, between <!-- NAME:start --> and
<!-- NAME:end --> markers, and leaves the other sections alone."""

from __future__ import annotations

from pathlib import Path

README = Path(__file__).resolve().parent / "README.md"


def write_section(section: str, name: str, readme: Path = README) -> None:
    """Replace the section ``name`` (markers included in ``section``), or append it."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmarks\n"
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    readme.write_text(text, encoding="utf-8")
