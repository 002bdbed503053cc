"""Time a command and take its peak memory, started from a small process.

Linux counts in a process's peak memory (ru_maxrss) the memory of the process
it was forked from: a child of the benchmark, which has generated provinces
and imported python-docx, never shows less than the benchmark's own size
(94 MB for a command that peaks at 69). Each command is therefore started by
a small interpreter (about 10 MB, less than any command measured) that forks
it, times it from the fork to its end and reports its peak.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# Run by a fresh interpreter: fork, exec the command, wait, report "seconds peak-KiB status".
_STARTER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_pid, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
print(elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def measured(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """Run `command` (its output thrown away); return its wall time (s), peak (MiB), exit code."""
    done = subprocess.run(
        [sys.executable, "-S", "-c", _STARTER, *command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed, peak_kib, code = done.stdout.split()
    return float(elapsed), int(peak_kib) / 1024, int(code)


if __name__ == "__main__":
    print(measured(sys.argv[1:], dict(os.environ), Path.cwd()))
