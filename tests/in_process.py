"""Run tthc in this process, as tests/fresh_process.py runs it in a fresh one.

The same call (`tthc(cwd, *args, env=...)`) and the same answer (a
CompletedProcess: returncode, stdout, stderr), in tens of milliseconds instead
of the third of a second a fresh interpreter takes to start and read the plan
anew. Use it wherever the process is not the point: a message, an exit code, a
file written or not. Keep tests/fresh_process.py for what only a process shows
(the real entry point's streams and bytes, a crash, memory).

As in a fresh process: the command runs in `cwd`, no TTHC_ variable of the
machine's reaches it (the run's own plan cache excepted), the user's mail
settings and sent-log are out of reach (under `cwd`), the console is 80
columns, and `env` is set for this run only. An exception that reaches the
runner fails the test with its traceback (a user never sees one), and a run
that outlasts `timeout` seconds fails the test instead of holding the suite
(where the test runs in the main thread, as pytest and its workers do).
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from tests.conftest import TthcRunner
from tthc_plan.cli import app

TIME_LIMIT = 60.0
KEPT = {"TTHC_CACHE_DIR"}  # the test run's own cache folder (tests/conftest.py)


class TooLong(BaseException):
    """A run outlasted its time: a BaseException, so no `except Exception` in tthc hides it."""


@contextmanager
def _within(seconds: float) -> Iterator[None]:
    """Stop what runs in the block with TooLong after `seconds` (main thread, POSIX only)."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def stop(_signal: int, _frame: FrameType | None) -> None:
        raise TooLong(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def tthc(
    cwd: Path, *args: str, timeout: float = TIME_LIMIT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `tthc ARGS` in `cwd` in this process; fail the test after `timeout` seconds."""
    variables: dict[str, str | None] = {
        name: None for name in os.environ if name.startswith("TTHC_") and name not in KEPT
    }
    variables |= {
        "TTHC_STATE_DIR": str(cwd / "state"),
        "XDG_CONFIG_HOME": str(cwd / "config"),  # no user's tthc.toml
        "COLUMNS": "80",
    }
    variables |= env or {}
    here = Path.cwd()
    os.chdir(cwd)
    try:
        with _within(timeout):
            result = TthcRunner().invoke(app, list(args), env=variables)
    finally:
        os.chdir(here)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(
        ["tthc", *args], result.exit_code, result.stdout, result.stderr
    )
