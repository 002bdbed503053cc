"""The four layers keep their rules: each layer is imported in a fresh interpreter.

core/   pure values and rules: no file, clock, environment, I/O or framework library;
store/  files, YAML, pydantic, the cache: never the output or the command line;
output/ text and bytes from core values: never the store or the command line;
cli/    Typer commands: nothing below imports them.

docs/architecture.md draws the layers; this test is the rule.
"""

from __future__ import annotations

import ast
import functools
import graphlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "tthc_plan"

# Libraries that read files, talk to the terminal or frame the program: never in core.
IO_AND_FRAMEWORKS = {
    "ruamel",
    "pydantic",
    "pydantic_core",
    "typer",
    "click",
    "rich",
    "filelock",
    "platformdirs",
    "orjson",
    "openpyxl",
    "docx",
    "lxml",
    "icalendar",
    "pypdf",
}
# What each layer may not import (top-level names, or tthc_plan's own packages).
FORBIDDEN = {
    "core": IO_AND_FRAMEWORKS | {"tthc_plan.store", "tthc_plan.output", "tthc_plan.cli"},
    "store": {"typer", "click", "rich", "tthc_plan.output", "tthc_plan.cli"},
    "output": {
        "ruamel",
        "pydantic",
        "typer",
        "click",
        "rich",
        "filelock",
        "tthc_plan.store",
        "tthc_plan.cli",
    },
}
# Calls that read the clock, the environment or a file: never written in core.
CLOCK_ENV_FILE = {
    "now",
    "today",
    "utcnow",
    "open",
    "getenv",
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "iterdir",
    "glob",
    "rglob",
    "exists",
    "is_file",
    "is_dir",
    "stat",
}


def _modules(layer: str) -> list[str]:
    folder = PACKAGE / layer
    return sorted(
        ".".join(("tthc_plan", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__"
        )
        for path in folder.rglob("*.py")
    )


def _imported_by(modules: list[str]) -> set[str]:
    """Return every module a fresh interpreter holds after importing `modules`."""
    code = f"import json, sys; import {', '.join(modules)}; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert done.returncode == 0, done.stderr  # a module that fails to import, named
    return set(json.loads(done.stdout))


def _breaches(loaded: set[str], forbidden: set[str]) -> list[str]:
    return sorted(
        name
        for name in loaded
        if name in forbidden or any(name.startswith(f"{bad}.") for bad in forbidden)
    )


def _breaches_by_module(layer: str) -> dict[str, list[str]]:
    """Return, for each module of `layer` whose import loads what the layer may not, what
    it loads.

    One fresh interpreter imports the whole layer: what it then holds is what each
    module would bring alone, put together, unless an import depends on what is
    already loaded (no module of tthc does: the reading of the source below finds each
    of their imports). A clean layer is taken as every module clean. Only a breach
    costs one interpreter per module, to name the modules it comes from; one that no
    module brings alone is the layer's.
    """
    modules = _modules(layer)
    together = _breaches(_imported_by(modules), FORBIDDEN[layer])
    if not together:
        return {}
    found = {module: _breaches(_imported_by([module]), FORBIDDEN[layer]) for module in modules}
    alone = {module: breaches for module, breaches in found.items() if breaches}
    return alone or {f"tthc_plan.{layer}, imported together": together}


# Three fresh interpreters, one a layer (102, one a module, took 12 s of CPU).
@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_only_what_its_rule_allows(layer: str) -> None:
    assert _breaches_by_module(layer) == {}


@pytest.mark.slow
def test_a_breach_is_named_by_the_module_it_comes_from(monkeypatch: pytest.MonkeyPatch) -> None:
    """The layer's interpreter sees a breach; one interpreter a module names its module."""
    monkeypatch.setitem(FORBIDDEN, "output", FORBIDDEN["output"] | {"openpyxl"})
    found = _breaches_by_module("output")
    assert found.keys() == {"tthc_plan.output.export.xlsx"}
    assert "openpyxl" in found["tthc_plan.output.export.xlsx"]


@functools.cache  # each module parsed once per run: several tests read them all
def _nodes(path: Path) -> tuple[ast.AST, ...]:
    """Return every node of a module's syntax tree."""
    return tuple(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("module", _modules("core"))
def test_core_reads_no_clock_environment_or_file(module: str) -> None:
    path = PACKAGE.joinpath(*module.split(".")[1:])
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    called: set[str] = set()
    imported: set[str] = set()
    for node in _nodes(path):
        if isinstance(node, ast.Call):
            func = node.func
            called.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
        elif isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert called & CLOCK_ENV_FILE == set()
    assert imported & {"os", "sys", "subprocess", "zoneinfo", "shutil", "tempfile"} == set()


def test_the_breach_finder_finds_a_breach() -> None:
    assert _breaches({"ruamel.yaml", "json"}, FORBIDDEN["core"]) == ["ruamel.yaml"]
    assert _breaches({"tthc_plan.store.cache"}, FORBIDDEN["output"]) == ["tthc_plan.store.cache"]
    assert _breaches({"clickhouse"}, {"click"}) == []


def _imports(path: Path) -> set[str]:
    """Return tthc's modules that a module imports, at its top or inside a function."""
    found: set[str] = set()
    for node in _nodes(path):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tthc_plan"):
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("tthc_plan"))
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_import_of_another_layer_even_inside_a_function_or_for_types(layer: str) -> None:
    """What the fresh interpreter cannot see: lazy imports and TYPE_CHECKING blocks."""
    ours = {bad for bad in FORBIDDEN[layer] if bad.startswith("tthc_plan.")}
    for path in (PACKAGE / layer).rglob("*.py"):
        assert _breaches(_imports(path), ours) == [], path


def _libraries(path: Path) -> set[str]:
    """Return the libraries a module names in an import, at its top or inside a function."""
    found: set[str] = set()
    for node in _nodes(path):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found - {"tthc_plan"}


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_no_module_names_a_library_its_layer_may_not_use(layer: str) -> None:
    """What a module imports itself; the fresh interpreters above also see what a library
    it uses pulls in."""
    libraries = {bad for bad in FORBIDDEN[layer] if not bad.startswith("tthc_plan")}
    for path in (PACKAGE / layer).rglob("*.py"):
        assert _libraries(path) & libraries == set(), path


def test_the_library_reader_sees_imports_inside_a_function(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "import json\nfrom . import sibling\nfrom tthc_plan.core import text\n"
        "def f():\n    import ruamel.yaml\n    from pydantic import BaseModel\n",
        encoding="utf-8",
    )
    assert _libraries(module) == {"json", "ruamel", "pydantic"}


def test_no_module_imports_one_that_imports_it_back() -> None:
    """Loading a plan never walks from one layer to another and back (even lazily)."""
    modules = {
        ".".join(("tthc_plan", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
            ".__init__"
        ): p
        for p in PACKAGE.rglob("*.py")
    }
    graph = {
        name: {
            other
            for other in _imports(path) & modules.keys()
            if other != name and not name.startswith(f"{other}.")  # a package holds its modules
        }
        for name, path in modules.items()
    }
    graphlib.TopologicalSorter(graph).prepare()  # raises CycleError on a cycle


def test_nothing_imports_the_cli() -> None:
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__main__.py" or path.parent.name == "cli":
            continue
        assert "tthc_plan.cli" not in path.read_text(encoding="utf-8"), path


# The document libraries are slow to import and large: each is the job of the few
# modules named here, and only a command that writes or reads such a file loads them.
DOCUMENT_LIBRARIES = {
    "docx": {
        "tthc_plan.output.export.official",
        "tthc_plan.store.importer",
        "tthc_plan.store.received",
    },
    "pypdf": {"tthc_plan.store.received"},
    "openpyxl": {"tthc_plan.output.export.xlsx"},
    "icalendar": {"tthc_plan.output.export.ics"},
}


def test_document_libraries_are_imported_only_by_the_modules_whose_job_they_are() -> None:
    users: dict[str, set[str]] = {library: set() for library in DOCUMENT_LIBRARIES}
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(("tthc_plan", *path.relative_to(PACKAGE).with_suffix("").parts))
        for library in _libraries(path) & DOCUMENT_LIBRARIES.keys():
            users[library].add(module.removesuffix(".__init__"))
    assert users == DOCUMENT_LIBRARIES
