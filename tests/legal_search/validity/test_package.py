"""The package's promises: its public names, and that it imports nothing of ours but the model."""

import ast
import sys
from pathlib import Path

import legal_search.validity as validity

PACKAGE = Path(validity.__file__).parent


def test_public_entry_points_are_importable_from_the_package():
    from legal_search.validity import (  # noqa: F401
        RelationGraph,
        compute_status,
        events_from_documents,
        in_force_on,
        lint,
        map_source_label,
    )

    assert set(validity.__all__) <= set(dir(validity))
    assert "imports nothing" in validity.__doc__.lower()


def test_modules_import_only_the_standard_library_the_model_and_each_other():
    allowed_ours = ("legal_search.model", "legal_search.validity")
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                root = name.split(".")[0]
                ok = name.startswith(allowed_ours) or root in sys.stdlib_module_names
                assert ok, f"{path.name} imports {name}"
