"""Command-line interface: `tthc` and its commands (one module per group of commands).

`main` runs a plain command line of a daily view (status, overdue, upcoming)
without Typer or click (cli/quick.py): they take a third of such a view's
time. Every other line goes to the Typer app (cli/commands.py), built with
only the command it names. `app` and `narrowed` are imported from there when
first asked for.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

from tthc_plan import store
from tthc_plan.cli.plain import whole_text_streams
from tthc_plan.errors import EXIT_INTERRUPTED
from tthc_plan.i18n import _

if TYPE_CHECKING:
    from tthc_plan.cli.commands import app, narrowed

__all__ = ["app", "command_word", "main", "narrowed"]

# The options of `tthc` itself (before the command) that take a value.
_GLOBAL_OPTIONS_WITH_VALUE = frozenset({"--lang"})


def __getattr__(name: str) -> Any:  # noqa: ANN401 - the Typer app, or narrowed
    """Return the Typer app or `narrowed`, importing Typer and the commands then."""
    if name in {"app", "narrowed"}:
        from tthc_plan.cli import commands  # noqa: PLC0415 - not for a plain daily view

        return getattr(commands, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def command_word(args: Sequence[str]) -> str | None:
    """The command named on the command line (`overdue` in `tthc --lang en overdue -u X`)."""
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--":
            return None
        elif arg in _GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    """Run the `tthc` command."""
    # tthc uses no pydantic plugins; looking for them scans every installed
    # package's metadata on the first validation (tens of ms on a slow PC).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    whole_text_streams()
    store.start_run()
    try:
        from tthc_plan.cli import quick  # noqa: PLC0415 - after the run is set up

        code = quick.run(sys.argv[1:])
        if code is not None:
            leave(code)
        from tthc_plan.cli.commands import app, narrowed  # noqa: PLC0415 - Typer, only here

        narrowed(app, sys.argv[1:])()  # click ends with SystemExit, even on success
    except KeyboardInterrupt:
        from tthc_plan.cli.plain import echo_error  # noqa: PLC0415

        echo_error(_("Đã dừng."))
        leave(EXIT_INTERRUPTED)
    except SystemExit as end:
        leave(end.code)


def leave(code: str | int | None) -> NoReturn:
    """End the process as `sys.exit(code)` would, without tearing the interpreter down.

    A normal exit frees every object and module one by one: 20-30 ms after
    a view of one plan, a seventh of its time, and 30 ms more on a
    province. The output is flushed and the exit handlers run, then the
    operating system takes the memory back at once (mypy ends the same way).
    """
    if code is None or isinstance(code, int):
        status = code or 0
    else:  # SystemExit("message"): the message goes to stderr, the status is 1
        print(code, file=sys.stderr)
        status = 1
    # A reader gone away (`tthc overdue | head`) is no error: nothing more to say.
    with contextlib.suppress(OSError):
        sys.stdout.flush()
    atexit._run_exitfuncs()  # what a normal exit runs first (coverage saves its data)
    with contextlib.suppress(OSError):
        sys.stderr.flush()
    os._exit(status)
