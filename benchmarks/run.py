"""Measure tthc's speed and memory; print a table.

    .venv/bin/python benchmarks/run.py [--runs 5] [--quick] [--typer-compare]
    .venv/bin/python benchmarks/run.py --against REV [--runs 15] [--quick]
    .venv/bin/python benchmarks/run.py ... --only "10000 tasks" --only "2024 plan"

Whole-process wall time (median, min, max of --runs) and peak memory (maximum
resident set size of the command, started from a small process: see child.py).
With --against, the same commands run on the commit REV and on this working
tree, interleaved round by round (REV first in odd rounds, this tree first in
even ones), so that a machine that drifts slows both alike; the table gives
both medians and their ratio.
Both sides run with this virtual environment's interpreter and libraries,
each with its own source tree first on PYTHONPATH and its own cache folder.
--only keeps the commands whose name holds one of its texts (a province is
generated only when one of its commands is kept).

A benchmark, not a test: it prints figures and never fails the build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from child import measured
from documents import reports
from generate import generate


@dataclass
class Side:
    """One version of tthc: its checkout (src/ and its own plans/) and a cache of its own.

    Each side reads its own plans: a plan file of this tree may use fields an
    older tthc refuses, and a command that stops at an error is fast for
    nothing (runs that fail are counted and shown).
    """

    name: str
    root: Path
    cache: Path

    @property
    def src(self) -> Path:
        return self.root / "src"

    def env(self, base: dict[str, str]) -> dict[str, str]:
        return base | {"PYTHONPATH": str(self.src), "TTHC_CACHE_DIR": str(self.cache)}


@dataclass
class Case:
    """One command to time, in a folder, with what to do (untimed) before each run."""

    name: str
    args: list[str]  # tthc's arguments; empty: `python -c pass`
    cwd: Path | Callable[[Side], Path]  # a folder, or the side's own (its plans/)
    target_s: float | None = None
    before: Callable[[Side], object] | None = None


@dataclass
class Figure:
    """What one side measured for one case."""

    times: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    failed: int = 0  # runs that exited with an error: their times mean nothing

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def _command(case: Case) -> list[str]:
    if not case.args:
        return [sys.executable, "-c", "pass"]
    return [sys.executable, "-m", "tthc_plan", *case.args]


def _once(case: Case, side: Side, env: dict[str, str], figure: Figure | None) -> None:
    if case.before is not None:
        case.before(side)  # not timed: empty the cache, edit a file...
    cwd = case.cwd(side) if callable(case.cwd) else case.cwd
    elapsed, peak_mb, code = measured(_command(case), side.env(env), cwd)
    if figure is not None:
        figure.times.append(elapsed)
        figure.peak_mb = max(figure.peak_mb, peak_mb)
        figure.failed += code != 0


def _cases(scratch: Path, quick: bool, only: Sequence[str] = ()) -> Iterator[Case]:
    """Yield the cases in order (those whose name holds a text of `only`, if given)."""
    for case in _all_cases(scratch, quick, only):
        if not only or any(text in case.name for text in only):
            yield case


def _all_cases(scratch: Path, quick: bool, only: Sequence[str]) -> Iterator[Case]:
    """Yield the cases in order; each may prepare files that later ones use."""

    def own(side: Side) -> Path:
        return side.root

    def writable(side: Side) -> Path:
        """Return a copy of the side's plans to write progress into."""
        folder = scratch / "write" / side.name
        if not folder.exists():
            shutil.copytree(side.root / "plans", folder / "plans")
        return folder

    def no_progress(side: Side) -> None:
        shutil.rmtree(writable(side) / "plans" / "progress", ignore_errors=True)

    yield Case("python -c pass", [], ROOT)
    yield Case("tthc --version", ["--version"], ROOT)
    yield Case("tthc overdue (2024 plan)", ["overdue"], own, 0.2)
    # No cache: every timeframe of the plan is read by the grammar (issue 19's budget).
    yield Case("tthc --no-cache overdue (2024 plan)", ["--no-cache", "overdue"], own, 0.2)
    yield Case("tthc status (2024 plan)", ["status"], own, 0.2)
    yield Case("tthc validate plans/2024.yaml", ["validate", "plans/2024.yaml"], own, 0.3)
    yield Case(
        "tthc start (2024 plan, real write)",
        ["start", "II.3", "--unit", "Xã Nhân Cơ", "--date", "2024-03-01"],
        writable,
        0.35,
        before=no_progress,
    )
    # Issue 31: a folder of 50 documents taken in within 10 s (10 recorded, 40 already).
    inbox = reports(scratch / "inbox")
    yield Case(
        "tthc intake, 50 documents (2024 plan)",
        ["intake", str(inbox), "--today", "2024-07-20"],
        writable,
        10.0,
        before=no_progress,
    )
    work = scratch / "work"
    work.mkdir()
    sizes = [(1_000, 30), (3_000, 90)]
    if not quick:
        sizes += [(10_000, 300), (30_000, 900)]
    for tasks, files in sizes:
        folder = work / f"province-{tasks}"
        ten_k = tasks == 10_000
        overdue = ["overdue", "--format", "json", "--plan", str(folder)]
        edited = folder / "plan-0000.yaml"
        edits = iter(range(100_000))

        def edit_one_file(_side: Side, edited: Path = edited, edits: Iterator[int] = edits) -> None:
            original = edited.read_text(encoding="utf-8").partition("# sửa lần")[0]
            edited.write_text(original + f"# sửa lần {next(edits)}\n", encoding="utf-8")

        def empty_cache(side: Side) -> None:
            shutil.rmtree(side.cache, ignore_errors=True)

        name = f"overdue --format json, {tasks} tasks / {files} files"
        province = [
            Case(f"{name}, empty cache", overdue, work, before=empty_cache),
            Case(f"{name}, one file edited", overdue, work, 3.0 if ten_k else None, edit_one_file),
            Case(f"{name}, unchanged", overdue, work, 0.6 if ten_k else None),
        ]
        if ten_k:
            validate = ["validate", "-f", "concise", str(folder)]
            province += [
                Case(f"validate, {tasks} tasks, empty cache", validate, work, 5.0, empty_cache),
                Case(f"validate, {tasks} tasks, unchanged", validate, work, 5.0),
            ]
        if not only or any(text in case.name for case in province for text in only):
            generate(folder, tasks=tasks, files=files, seed=1)  # only a province measured
            yield from province


def _environment(scratch: Path) -> dict[str, str]:
    env = os.environ | {"TTHC_TODAY": "2024-03-20", "COLUMNS": "100"}
    env.pop("TTHC_PLAN", None)
    env.pop("TTHC_NO_CACHE", None)
    # Users' installs keep compiled bytecode; measure with it, as they run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["HOME"] = str(scratch / "home")
    return env


def measure(runs: int, quick: bool, only: Sequence[str] = ()) -> None:
    """Time every case on this working tree."""
    scratch = Path(tempfile.mkdtemp(prefix="tthc-bench-"))
    env = _environment(scratch)
    side = Side("this tree", ROOT, scratch / "cache")
    print("| command | median s | min s | max s | peak MB | target s | |")
    print("|---|---|---|---|---|---|---|")
    for case in _cases(scratch, quick, only):
        _once(case, side, env, None)  # warm the cache and the OS's file cache
        figure = Figure()
        for _ in range(runs):
            _once(case, side, env, figure)
        target = f"{case.target_s:.2f}" if case.target_s else "-"
        verdict = (
            "" if case.target_s is None else ("ok" if figure.median <= case.target_s else "SLOW")
        )
        if figure.failed:
            verdict = f"FAILS ({figure.failed} of {runs})"
        print(
            f"| {case.name} | {figure.median:.3f} | {min(figure.times):.3f} "
            f"| {max(figure.times):.3f} | {figure.peak_mb:.0f} | {target} | {verdict} |",
            flush=True,
        )
    shutil.rmtree(scratch, ignore_errors=True)


def against(revision: str, runs: int, quick: bool, only: Sequence[str] = ()) -> None:
    """Time every case on `revision` and on this working tree, interleaved."""
    scratch = Path(tempfile.mkdtemp(prefix="tthc-bench-"))
    old_tree = scratch / "old"
    old_tree.mkdir()
    archive = subprocess.run(
        ["git", "archive", revision, "src", "plans"], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive.stdout, check=True)
    short = subprocess.run(
        ["git", "rev-parse", "--short", revision],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    old = Side(short, old_tree, scratch / "cache-old")
    new = Side("this tree", ROOT, scratch / "cache-new")
    env = _environment(scratch)
    print(f"{runs} rounds, {old.name} and this tree interleaved\n")
    print(
        f"| command | {old.name} median s | this tree median s | ratio | peak MB {old.name} / new |"
    )
    print("|---|---|---|---|---|")
    for case in _cases(scratch, quick, only):
        figures = {old.name: Figure(), new.name: Figure()}
        for side in (old, new):
            _once(case, side, env, None)  # warm each side's cache
        for index in range(runs):
            for side in (old, new) if index % 2 == 0 else (new, old):
                _once(case, side, env, figures[side.name])
        before, after = figures[old.name], figures[new.name]
        failures = "".join(
            f" (fails on {name}: {figure.failed} of {runs})"
            for name, figure in figures.items()
            if figure.failed
        )
        print(
            f"| {case.name}{failures} | {before.median:.3f} | {after.median:.3f} "
            f"| {after.median / before.median:.2f} | {before.peak_mb:.0f} / {after.peak_mb:.0f} |",
            flush=True,
        )
    shutil.rmtree(scratch, ignore_errors=True)


def typer_compare(runs: int) -> None:
    """Time an app with one empty command on Typer 0.25.1 (click) and on the newest Typer."""
    app = (
        "import typer\napp = typer.Typer()\n@app.command()\ndef hello() -> None:\n    pass\napp()\n"
    )
    with tempfile.TemporaryDirectory() as scratch:
        for version in ("0.25.1", "0.29.2"):
            venv = Path(scratch) / version
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", f"typer=={version}"]
            subprocess.run(pip, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            script = Path(scratch) / "app.py"
            script.write_text(app, encoding="utf-8")
            times: list[float] = []
            for _ in range(runs):
                start = time.perf_counter()
                subprocess.run([str(venv / "bin" / "python"), str(script)], check=False)
                times.append(time.perf_counter() - start)
            print(f"| empty Typer app, typer {version} | {statistics.median(times):.3f} |")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="5, or 15 with --against")
    parser.add_argument("--quick", action="store_true", help="only the 1k and 3k provinces")
    parser.add_argument("--against", metavar="REV", help="compare with this commit, interleaved")
    parser.add_argument("--typer-compare", action="store_true")
    parser.add_argument(
        "--only", action="append", default=[], metavar="TEXT", help="commands whose name holds it"
    )
    args = parser.parse_args(argv)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {sys.platform}\n")
    if args.against:
        against(args.against, args.runs or 15, args.quick, args.only)
    else:
        measure(args.runs or 5, args.quick, args.only)
    if args.typer_compare:
        typer_compare(args.runs or 5)


if __name__ == "__main__":
    main()
