"""tthc beside Taskwarrior: `tthc overdue` and `task overdue` over as many tasks, paired.

    .venv/bin/python benchmarks/taskwarrior.py [--tasks 10000 --files 300] [--runs 9]
        [--against REV]

A province is generated (benchmarks/generate.py, seed 1) and tthc lists its
overdue items once; Taskwarrior then gets as many pending tasks, through `task
import`, with the same share of them overdue as tthc's tasks that have an
overdue item (22% of the 10,000-task province: tthc lists 11,417 items of
2,242 tasks), the others due later. Each round runs both commands back to
back, alternating which goes first, with warm caches (tthc's, the OS's files,
Python's compiled modules); the table gives each one's median and peak memory,
the rows each printed and the ratio of the medians. Taskwarrior comes from
Debian's `taskwarrior` package; without it the script says so and stops.
With --against REV, the tthc of that commit runs in the same rounds (its own
cache), for a before and after beside the same Taskwarrior.
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
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from child import measured
from generate import generate

TODAY = date(2024, 3, 20)


def _run(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Return the wall time (s) and the peak memory (MiB) of one run."""
    elapsed, peak_mib, code = measured(command, env, cwd)
    if code not in {0, 1}:  # tthc overdue --fail exits 1 when late
        sys.exit(f"{command[0]} failed: {' '.join(command)}")
    return elapsed, peak_mib


def _taskwarrior(folder: Path, tasks: int, overdue: int) -> tuple[list[str], dict[str, str]]:
    """Make a Taskwarrior data folder of `tasks` pending tasks, `overdue` of them past
    their due day; return its command and env."""
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
    late = set(chooser.sample(range(tasks), overdue))
    for n in range(tasks):
        days = chooser.randint(1, 300)
        due = today - timedelta(days=days) if n in late else today + timedelta(days=days)
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


def _tthc_overdue(command: list[str], env: dict[str, str], cwd: Path) -> tuple[int, int]:
    """Run tthc once (it fills its cache); return its overdue items and the tasks they are of."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    if done.returncode not in {0, 1}:
        sys.exit(f"tthc failed: {done.stderr.decode(errors='replace')}")
    items = json.loads(done.stdout)["items"]
    return len(items), len({(item["plan"], item["task"]) for item in items})


def _tthc_side(src: Path, cache: Path, scratch: Path) -> dict[str, str]:
    """Return the environment that runs the tthc of `src` with a cache of its own."""
    env = os.environ | {
        "PYTHONPATH": str(src),
        "TTHC_CACHE_DIR": str(cache),
        "TTHC_TODAY": TODAY.isoformat(),
        "HOME": str(scratch),
    }
    env.pop("TTHC_PLAN", None)
    env.pop("TTHC_NO_CACHE", None)
    # Users' installs keep compiled bytecode (as benchmarks/run.py): measure with it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _old_src(revision: str, scratch: Path) -> tuple[str, Path]:
    """Extract the src/ of `revision`; return its short name and the folder."""
    folder = scratch / "old"
    folder.mkdir()
    archive = subprocess.run(
        ["git", "archive", revision, "src"], cwd=ROOT, capture_output=True, check=True
    )
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    short = subprocess.run(
        ["git", "rev-parse", "--short", revision], cwd=ROOT, capture_output=True, text=True,
        check=True,
    ).stdout.strip()  # fmt: skip
    return f"tthc {short}", folder / "src"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--against", metavar="REV", help="also the tthc of this commit")
    args = parser.parse_args(argv)
    if shutil.which("task") is None:
        print("Taskwarrior is not installed (Debian: apt-get install taskwarrior); nothing done.")
        return
    scratch = Path(tempfile.mkdtemp(prefix="tthc-vs-task-"))
    province = scratch / "province"
    generate(province, tasks=args.tasks, files=args.files, seed=1)
    tthc = [sys.executable, "-m", "tthc_plan", "overdue", "--format", "json", "--plan",
            str(province)]  # fmt: skip
    sides = {"tthc": (tthc, _tthc_side(ROOT / "src", scratch / "cache", scratch))}
    if args.against:
        name, src = _old_src(args.against, scratch)
        sides[name] = (tthc, _tthc_side(src, scratch / "cache-old", scratch))
    printed = {name: _tthc_overdue(*side, scratch) for name, side in sides.items()}
    _items, late_tasks = printed["tthc"]
    task_command, task_env = _taskwarrior(scratch, args.tasks, late_tasks)
    listed = subprocess.run(task_command, env=task_env, capture_output=True, check=True)
    sides["task"] = (task_command, task_env)
    for command, env in sides.values():
        _run(command, env, scratch)  # warm: tthc's cache, every program's files
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in sides}
    for index in range(args.runs):
        order = list(sides) if index % 2 == 0 else list(reversed(sides))
        for name in order:
            figures[name].append(_run(*sides[name], scratch))
    medians = {name: statistics.median(t for t, _mb in runs) for name, runs in figures.items()}
    peaks = {name: max(mb for _t, mb in runs) for name, runs in figures.items()}
    share = late_tasks / args.tasks
    print(f"{args.tasks} tasks ({args.files} plan files), {args.runs} rounds, warm;")
    print(f"{late_tasks} tasks overdue on each side ({share:.0%})\n")
    print("| command | median s | peak MiB | printed | / task |")
    print("|---|---|---|---|---|")
    for name in sides:
        if name == "task":
            shown = f"{len(listed.stdout.splitlines())} rows"
        else:
            shown = "{} items of {} tasks".format(*printed[name])
        ratio = medians[name] / medians["task"]
        label = "task overdue" if name == "task" else f"{name} overdue --format json"
        print(f"| {label} | {medians[name]:.3f} | {peaks[name]:.0f} | {shown} | {ratio:.2f}x |")
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
