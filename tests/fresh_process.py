"""Run tthc as a user does: a fresh interpreter (`python -m tthc_plan`) in the test's own
folder, with no TTHC_ variable of the machine's, its time and address space bounded.

A crash shows as one (a signal, a traceback), not as the end of the tests; a run that
outlasts `timeout` fails its test (subprocess.TimeoutExpired); one that would take more
memory than MEMORY_LIMIT ends in a MemoryError instead of taking the machine's.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

MEMORY_LIMIT = 512 * 1024 * 1024  # address space: tthc needs a fifth of it


def tthc(
    cwd: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run `tthc ARGS` in `cwd`; its cache, state and settings folders are under `cwd`."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TTHC_")}
    environment |= {
        "TTHC_CACHE_DIR": str(cwd / "cache"),
        "TTHC_STATE_DIR": str(cwd / "state"),
        "XDG_CONFIG_HOME": str(cwd / "config"),  # no user's tthc.toml
    }
    environment |= env or {}
    return subprocess.run(
        [sys.executable, "-m", "tthc_plan", *args],
        cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout, check=False,
        preexec_fn=_bounded_memory if os.name == "posix" else None,
    )  # fmt: skip


def _bounded_memory() -> None:
    import resource  # noqa: PLC0415 - POSIX only

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
