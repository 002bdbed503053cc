"""Run tthc as a user does: a fresh interpreter, bounded in time and memory.

A hang or a memory blow-up must fail a test, not stall or kill the run: each
process has a time limit (`subprocess.run`'s timeout) and, where the system has
one, a cap on its address space (RLIMIT_AS), under which a blow-up ends in a
MemoryError instead of swapping. No TTHC_ variable of the machine's reaches it;
it keeps no plan cache, and its state (the mail's sent-log) and settings folders
are under the test's own folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import PLAN_2024

# Generous: a view of the shipped plan uses about 300 MB of address space, 45 MB
# resident; the rules and servers this guards against reached gigabytes in a minute.
MEMORY_LIMIT = 1 << 30
TIME_LIMIT = 60.0
PROGRESS = Path("plans") / "progress" / "dak-rlap-kstthc-2024"


def _limit_memory() -> None:  # pragma: no cover - runs in the child, before tthc
    import resource  # noqa: PLC0415 - POSIX only

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def tthc(
    cwd: Path, *args: str, timeout: float = TIME_LIMIT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tthc_plan ARGS` in `cwd`, within `timeout` seconds and MEMORY_LIMIT."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TTHC_")}
    clean |= {
        "TTHC_NO_CACHE": "1",
        "TTHC_STATE_DIR": str(cwd / "state"),
        "XDG_CONFIG_HOME": str(cwd / "config"),  # no user's tthc.toml
        "COLUMNS": "80",
        "PYTHONIOENCODING": "utf-8",
    }
    return subprocess.run(
        [sys.executable, "-m", "tthc_plan", *args],
        cwd=cwd, env=clean | (env or {}), capture_output=True, text=True, encoding="utf-8",
        timeout=timeout, check=False,
        preexec_fn=_limit_memory if sys.platform != "win32" else None,
    )  # fmt: skip


def plan_folder(tmp_path: Path, text: str | None = None) -> Path:
    """Return `tmp_path` holding plans/2024.yaml: the shipped plan, or `text`."""
    (tmp_path / "plans").mkdir()
    if text is None:
        shutil.copy(PLAN_2024, tmp_path / "plans" / "2024.yaml")
    else:
        (tmp_path / "plans" / "2024.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under `folder`, by its relative path, with its bytes."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
