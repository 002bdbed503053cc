"""List what only the tests marked `untraced` reach: what the coverage report would lose.

    .venv/bin/python benchmarks/untraced.py

Coverage's tracer makes a test 2-5 times slower. A test whose point is size or
many examples (fifty documents taken in, 200 phrases composed) is marked
`untraced` (tests/conftest.py stops the tracer while it runs) when it reaches no line
and no branch of tthc that another test does not. This script checks that: it
runs the whole suite once with every test traced and each test's run recorded
as its own context (about twice as long as `make test`'s pytest), then lists
every arc of tthc that only the marked tests reach. Empty list, status 0: the
coverage report is the same with the marks as without. Otherwise status 1: the
arcs listed are those the report would lose; give them a test of their own or
take the mark off.

Coverage's data file is SQLite; its tables are documented at
https://coverage.readthedocs.io/en/latest/dbschema.html.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYTEST = [sys.executable, "-m", "pytest", "-p", "untraced"]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """As a pytest plugin (`-p untraced`): trace every test, the marked ones too."""
    for item in items:
        for node in item.listchain():
            node.own_markers[:] = [m for m in node.own_markers if m.name != "untraced"]


def _marked(env: dict[str, str]) -> set[str]:
    """Return the node ids of the tests marked untraced."""
    listed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "untraced"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return {line for line in listed.splitlines() if "::" in line}


def _reached_only_by(data: Path, marked: set[str]) -> list[str]:
    """Return `file from->to` for each arc whose every test is a marked test's run."""
    with sqlite3.connect(data) as db:
        contexts = dict(db.execute("select id, context from context").fetchall())
        files = dict(db.execute("select id, path from file").fetchall())
        reached: dict[tuple[int, int, int], set[str]] = defaultdict(set)
        for file_id, context_id, start, end in db.execute(
            "select file_id, context_id, fromno, tono from arc"
        ):
            reached[file_id, start, end].add(contexts[context_id])
    runs = {f"{node}|run" for node in marked}
    return sorted(
        f"{Path(files[file_id]).relative_to(ROOT)} {start}->{end}"
        for (file_id, start, end), tests in reached.items()
        if tests <= runs
    )


def main() -> int:
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(ROOT / "benchmarks"), str(ROOT / "src")])
    }
    marked = _marked(env)
    print(f"{len(marked)} tests marked untraced")
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / ".coverage"
        subprocess.run(
            [*PYTEST, "-n", "auto", "-q", "--cov", "--cov-context=test", "--cov-report="],
            cwd=ROOT, env=env | {"COVERAGE_FILE": str(data)}, check=True,
        )  # fmt: skip
        lost = _reached_only_by(data, marked)
    for arc in lost:
        print(arc)
    print(f"{len(lost)} arcs reached only by them")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
