"""Measure tthc against the speed and memory targets of issue 6; print a table.

    .venv/bin/python benchmarks/run.py [--runs 5] [--quick] [--typer-compare]

Whole-process wall time (median, min, max of --runs) and peak memory (maximum
resident set size of the child process). A benchmark, not a test: it prints
figures and never fails the build.
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
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate


@dataclass
class Figure:
    """One measured command."""

    name: str
    times: list[float]
    peak_mb: float
    target_s: float | None = None

    def row(self) -> str:
        median = statistics.median(self.times)
        target = f"{self.target_s:.2f}" if self.target_s else "-"
        verdict = "" if self.target_s is None else ("ok" if median <= self.target_s else "SLOW")
        return (
            f"| {self.name} | {median:.3f} | {min(self.times):.3f} | {max(self.times):.3f} "
            f"| {self.peak_mb:.0f} | {target} | {verdict} |"
        )


def _run(
    command: Sequence[str],
    runs: int,
    cwd: Path,
    env: dict[str, str],
    before: Callable[[], object] | None = None,
) -> tuple[list[float], float]:
    times: list[float] = []
    peak = 0.0
    for _ in range(runs):
        if before is not None:
            before()  # not timed: empty the cache, edit a file...
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _pid, _status, usage = os.wait4(child.pid, 0)  # this child's own peak memory
        times.append(time.perf_counter() - start)
        child.returncode = 0
        peak = max(peak, usage.ru_maxrss / 1024)
    return times, peak


def _tthc(*args: str) -> list[str]:
    return [str(BIN / "tthc"), *args]


def measure(runs: int, quick: bool) -> list[Figure]:
    scratch = Path(tempfile.mkdtemp(prefix="tthc-bench-"))
    cache = scratch / "cache"
    env = os.environ | {
        "TTHC_TODAY": "2024-03-20",
        "COLUMNS": "100",
        "TTHC_CACHE_DIR": str(cache),  # a cache of the benchmark's own, emptied where said
    }
    env.pop("TTHC_PLAN", None)
    env.pop("TTHC_NO_CACHE", None)
    # Users' installs keep compiled bytecode; measure with it, as they run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    figures: list[Figure] = []

    def add(
        name: str,
        command: Sequence[str],
        cwd: Path,
        target: float | None = None,
        before: Callable[[], object] | None = None,
    ) -> Figure:
        _run(command, 1, cwd, env)  # warm the cache and the OS's file cache
        times, peak = _run(command, runs, cwd, env, before)
        figure = Figure(name, times, peak, target)
        figures.append(figure)
        print(figure.row(), flush=True)
        return figure

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    print("| command | median s | min s | max s | peak MB | target s | |")
    print("|---|---|---|---|---|---|---|")
    baseline = add("python -c pass", [sys.executable, "-c", "pass"], ROOT)
    twelve = 12 * statistics.median(baseline.times)
    add("tthc --version", _tthc("--version"), ROOT)
    add("tthc overdue (2024 plan)", _tthc("overdue"), ROOT, min(0.2, twelve))
    add("tthc status (2024 plan)", _tthc("status"), ROOT, min(0.2, twelve))
    add("tthc validate plans/2024.yaml", _tthc("validate", "plans/2024.yaml"), ROOT, 0.3)
    work = scratch / "work"
    shutil.copytree(ROOT / "plans", work / "plans")
    progress = work / "plans" / "progress"
    add(
        "tthc done (2024 plan, real write)",
        _tthc("start", "II.3", "--unit", "Xã Nhân Cơ", "--date", "2024-03-01"),
        work,
        0.35,
        before=lambda: shutil.rmtree(progress, ignore_errors=True),
    )
    sizes = (
        [(1_000, 30), (3_000, 90)]
        if quick
        else [(1_000, 30), (3_000, 90), (10_000, 300), (30_000, 900)]
    )
    for tasks, files in sizes:
        folder = work / f"province-{tasks}"
        generate(folder, tasks=tasks, files=files, seed=1)
        ten_k = tasks == 10_000
        overdue = _tthc("overdue", "--format", "json", "--plan", str(folder))
        edited = folder / "plan-0000.yaml"
        original = edited.read_text(encoding="utf-8")
        edits = iter(range(10_000))

        def edit_one_file(
            edited: Path = edited, original: str = original, edits: Iterator[int] = edits
        ) -> None:
            edited.write_text(original + f"# sửa lần {next(edits)}\n", encoding="utf-8")

        name = f"overdue --format json, {tasks} tasks / {files} files"
        add(f"{name}, empty cache", overdue, work, before=empty_cache)
        add(f"{name}, one file edited", overdue, work, 3.0 if ten_k else None, edit_one_file)
        add(f"{name}, unchanged", overdue, work, 0.6 if ten_k else None)
        if ten_k:
            validate = _tthc("validate", "-f", "concise", str(folder))
            add(f"validate, {tasks} tasks, empty cache", validate, work, 5.0, empty_cache)
            add(f"validate, {tasks} tasks, unchanged", validate, work, 5.0)
    shutil.rmtree(scratch, ignore_errors=True)
    return figures


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
            times, _peak = _run(
                [str(venv / "bin" / "python"), str(script)], runs, ROOT, dict(os.environ)
            )
            figure = Figure(f"empty Typer app, typer {version}", times, _peak)
            print(figure.row(), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="only the 1k and 3k provinces")
    parser.add_argument("--typer-compare", action="store_true")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, {sys.platform}\n")
    measure(args.runs, args.quick)
    if args.typer_compare:
        typer_compare(args.runs)


if __name__ == "__main__":
    main()
