"""Imports point one way: analyzers ← ingest ← CLI; legal_search never imports ingest at module
level (only inside the CLI's functions)."""

import ast

import pytest

from legal_search.settings import PROJECT_ROOT

OURS = ("analyzers", "ingest", "legal_search")


def _module_level_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:  # module level only: imports inside functions are lazy on purpose
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0]


@pytest.mark.parametrize("package, forbidden", [
    ("analyzers", {"ingest", "legal_search", "opensearchpy", "fastapi", "typer"}),
    ("legal_search", {"ingest"}),
])
def test_imports_point_one_way(package, forbidden):
    offenders = []
    for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
        bad = set(_module_level_imports(path)) & forbidden
        if bad:
            offenders.append(f"{path.relative_to(PROJECT_ROOT)} imports {sorted(bad)}")
    assert offenders == []
