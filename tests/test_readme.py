"""The README stays true: two quick-start commands, and every CLI command documented."""

import re

from typer.main import get_command

from legal_search.cli import app
from legal_search.settings import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=""):
    for name, cmd in group.commands.items():
        full = f"{prefix}{name}"
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, full + " ")
        else:
            yield full, cmd


def test_quick_start_has_exactly_two_commands():
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|shell)?\n(.*?)```", section, re.S)
    commands = [l for b in blocks for l in b.splitlines() if l.strip() and not l.startswith("#")]
    assert commands == ["make run", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text()


def test_every_cli_command_is_in_the_readme_with_an_example():
    for name, cmd in _commands(get_command(app)):
        assert f"legal-search {name}" in README, f"README does not mention 'legal-search {name}'"
        assert "Example: legal-search" in (cmd.help or ""), f"'{name}' has no example in its help"
