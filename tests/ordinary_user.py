"""Run tthc in a fresh process, as an ordinary user when the tests run as root.

Root reads and writes whatever the permissions say: a folder made unreadable
stops nobody but an ordinary user. `as_ordinary_user()` gives the words that
run a command as `nobody` (setpriv, else runuser), or None when the tests
cannot (not root, no such tool, or that user cannot run this Python).
"""

from __future__ import annotations

import functools
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests import in_process
from tests.conftest import PLAN_2024

TODAY = "2024-03-01"


@functools.cache
def as_ordinary_user() -> tuple[str, ...] | None:
    """Return the command prefix that runs a program as `nobody`, or None."""
    if os.name != "posix" or os.geteuid() != 0:
        return None
    prefixes: list[tuple[str, ...]] = []
    if shutil.which("setpriv"):
        prefixes.append(("setpriv", "--reuid", "nobody", "--regid", "nogroup", "--clear-groups"))
    if shutil.which("runuser"):
        prefixes.append(("runuser", "-u", "nobody", "--"))
    for prefix in prefixes:
        probe = subprocess.run(
            [*prefix, sys.executable, "-c", "import os, tthc_plan; print(os.geteuid())"],
            capture_output=True, text=True, check=False, cwd="/",
        )  # fmt: skip
        if probe.returncode == 0 and probe.stdout.strip() not in {"", "0"}:
            return prefix
    return None


def why_not() -> str:
    """Say why permission faults cannot be tried here."""
    if os.name != "posix":
        return "no POSIX permissions on this system"
    if os.geteuid() != 0:
        return "not root: cannot switch to another user to try permission faults"
    return "neither setpriv nor runuser can run this Python as nobody"


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A fresh folder an ordinary user may enter and write (pytest's own are root's, 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="tthc-test-"))
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:  # root may remove anything; keep it simple
            if path.is_dir() and not path.is_symlink():
                path.chmod(stat.S_IRWXU)
        shutil.rmtree(folder)


def plans_in(folder: Path) -> Path:
    """Copy the shipped plan into `folder`/plans, everything open to every user."""
    (folder / "plans").mkdir()
    shutil.copy(PLAN_2024, folder / "plans" / "2024.yaml")
    for path in [folder / "plans", *(folder / "plans").rglob("*")]:
        path.chmod(0o777 if path.is_dir() else 0o666)
    return folder


def tthc(
    cwd: Path,
    *args: str,
    user: Sequence[str] = (),
    env: dict[str, str] | None = None,
    script: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tthc_plan ARGS` in `cwd`, as `user` (a prefix from as_ordinary_user);
    `script`: Python run instead of the module (it calls tthc_plan.cli.main itself)."""
    # Each user its own cache: one owned by another user is not used, and says so.
    cache = cwd / ("cache-user" if user else "cache")
    environment = os.environ | {"TTHC_TODAY": TODAY, "TTHC_CACHE_DIR": str(cache)}
    for name in ("TTHC_PLAN", "TTHC_LANG", "TTHC_PLAN_ID", "TTHC_NO_CACHE"):
        environment.pop(name, None)
    environment |= env or {}
    return subprocess.run(
        [*user, sys.executable, *(["-c", script] if script else ["-m", "tthc_plan"]), *args],
        cwd=cwd, env=environment, capture_output=True, text=True, encoding="utf-8",
        timeout=120, check=False,
    )  # fmt: skip


def tthc_here(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `tthc ARGS` in `cwd` in this process (tests/in_process.py), as of TODAY: for a
    step that needs neither another user nor a fresh interpreter (a record to set up,
    a file written and read back)."""
    return in_process.tthc(cwd, *args, env={"TTHC_TODAY": TODAY})


def snapshot(folder: Path, *, leave_out: str = "cache") -> dict[str, bytes | None]:
    """Return every file (its bytes) and folder (None) under `folder`, by relative path."""
    found: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0].startswith(leave_out):
            continue
        if path.is_symlink():
            found[relative.as_posix()] = os.readlink(path).encode()
        else:
            found[relative.as_posix()] = None if path.is_dir() else path.read_bytes()
    return found
