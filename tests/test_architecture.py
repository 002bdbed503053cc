"""The core stays pure: no clock, environment, files, screen or CLI below the CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "tthc_plan"
PURE = ["text.py", "dates.py", "model.py", "units.py", "plan_time.py", "timeframe"]
FORBIDDEN_IMPORTS = {"os", "sys", "typer", "rich", "ruamel", "subprocess", "tthc_plan.cli"}
FORBIDDEN_CALLS = {"now", "today", "utcnow", "open", "getenv"}


def _modules() -> list[Path]:
    found: list[Path] = []
    for name in PURE:
        path = PACKAGE / name
        found.extend(sorted(path.glob("*.py")) if path.is_dir() else [path])
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_pure_module(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported: set[str] = set()
    called: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.update({node.module, node.module.split(".")[0]})
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            called.add(name)
    assert imported & FORBIDDEN_IMPORTS == set()
    assert called & FORBIDDEN_CALLS == set()


def test_nothing_imports_the_cli() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__main__.py" or path.parent.name == "cli":
            continue
        assert "tthc_plan.cli" not in path.read_text(encoding="utf-8"), path
