"""tthc beside Taskwarrior: `tthc overdue` and `task overdue` over as many tasks, paired.

    .venv/bin/python benchmarks/taskwarrior.py [--tasks 10000 --files 300] [--runs 9]

A province is generated (benchmarks/generate.py, seed 1); Taskwarrior gets the
same number of pending tasks, with the same share of deadlines passed, through
`task import`. Each round runs both commands back to back, alternating which
goes first, with warm caches; the table gives each one's median and peak
memory and the ratio of the medians. Taskwarrior comes from Debian's
`taskwarrior` package; without it the script says so and stops.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate

TODAY = date(2024, 3, 20)


def _run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Return the wall time (s) and the peak memory (MiB) of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in {0, 1}:  # tthc overdue exits 1 when late
        sys.exit(f"{command[0]} failed: {' '.join(command)}")
    return elapsed, usage.ru_maxrss / 1024


def _taskwarrior(folder: Path, tasks: int) -> tuple[list[str], dict[str, str]]:
    """Make a Taskwarrior data folder of `tasks` pending tasks; return its command and env."""
    data = folder / "task"
    data.mkdir()
    rc = folder / "taskrc"
    rc.write_text(
        f"data.location={data}\nconfirmation=no\nverbose=nothing\nhooks=off\n"
        "recurrence=off\ngc=off\n",
        encoding="utf-8",
    )
    chooser = random.Random(1)  # noqa: S311 - the same tasks on every run, no secret
    records = []
    today = date.today()  # Taskwarrior counts from its own clock: deadlines around it
    for n in range(tasks):
        due = today + timedelta(days=chooser.randint(-300, 300))
        records.append(
            {
                "description": f"Nhiệm vụ {n}: rà soát thủ tục hành chính",
                "status": "pending",
                "entry": "20240101T000000Z",
                "due": due.strftime("%Y%m%dT000000Z"),
                "project": f"plan{n % 300:03d}",
            }
        )
    env = os.environ | {"TASKRC": str(rc), "TASKDATA": str(data)}
    imported = folder / "tasks.json"
    imported.write_text(json.dumps(records), encoding="utf-8")
    subprocess.run(["task", "import", str(imported)], env=env, check=True, capture_output=True)
    return ["task", "overdue"], env


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args(argv)
    if shutil.which("task") is None:
        print("Taskwarrior is not installed (Debian: apt-get install taskwarrior); nothing done.")
        return
    scratch = Path(tempfile.mkdtemp(prefix="tthc-vs-task-"))
    province = scratch / "province"
    generate(province, tasks=args.tasks, files=args.files, seed=1)
    task_command, task_env = _taskwarrior(scratch, args.tasks)
    tthc_env = os.environ | {
        "PYTHONPATH": str(ROOT / "src"),
        "TTHC_CACHE_DIR": str(scratch / "cache"),
        "TTHC_TODAY": TODAY.isoformat(),
        "HOME": str(scratch),
    }
    tthc_env.pop("TTHC_PLAN", None)
    tthc = [sys.executable, "-m", "tthc_plan", "overdue", "--format", "json", "--plan",
            str(province)]  # fmt: skip
    sides = {"tthc": (tthc, tthc_env), "task": (task_command, task_env)}
    for command, env in sides.values():
        _run(command, env, scratch)  # warm: tthc's cache, both programs' files
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for index in range(args.runs):
        order = list(sides) if index % 2 == 0 else list(reversed(sides))
        for name in order:
            figures[name].append(_run(*sides[name], scratch))
    medians = {name: statistics.median(t for t, _mb in runs) for name, runs in figures.items()}
    peaks = {name: max(mb for _t, mb in runs) for name, runs in figures.items()}
    print(f"{args.tasks} tasks ({args.files} plan files), {args.runs} paired runs, warm\n")
    print("| command | median s | peak MiB |")
    print("|---|---|---|")
    print(f"| tthc overdue --format json | {medians['tthc']:.3f} | {peaks['tthc']:.0f} |")
    print(f"| task overdue | {medians['task']:.3f} | {peaks['task']:.0f} |")
    print(f"\nratio tthc / task: {medians['tthc'] / medians['task']:.2f}x")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
