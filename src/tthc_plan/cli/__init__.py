"""Command-line interface: `tthc` and its commands (one module per group of commands)."""

from __future__ import annotations

import atexit
import contextlib
import copy
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import typer
from typer.main import get_command_name

from tthc_plan import store
from tthc_plan.i18n import LANGUAGES, _, set_language


def _language_asked(args: Sequence[str]) -> str | None:
    """Return the language --lang or TTHC_LANG asks for, read before the commands exist.

    Help texts are written when the commands are defined: the language must be
    known by then for `tthc --lang en status --help` to speak English.
    """
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
    return os.environ.get("TTHC_LANG")


if (_asked := _language_asked(sys.argv[1:])) in LANGUAGES:
    set_language(_asked)

from tthc_plan.cli import check, create, documents, export, intake, record, views  # noqa: E402, F401 - they register commands
from tthc_plan.cli.common import app, echo_error, whole_text_streams  # noqa: E402
from tthc_plan.errors import EXIT_INTERRUPTED  # noqa: E402

__all__ = ["app", "command_word", "main", "narrowed"]

# The options of `tthc` itself (before the command) that take a value.
_GLOBAL_OPTIONS_WITH_VALUE = frozenset({"--lang"})


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


def narrowed(app: typer.Typer, args: Sequence[str]) -> typer.Typer:
    """The app with only the command that `args` names, or the whole app.

    Typer turns every registered command into a click command before it
    parses anything: 22 commands cost 20-40 ms of a 200 ms budget on a slow
    PC. Help, errors and output are the same, since click only ever looks
    at the one command named; anything else (no command, `--help`, a
    mistyped name, shell completion) gets the whole app.
    """
    word = command_word(args)
    if word is None and "--version" in args:
        # `tthc --version` needs no command: building all of them costs a tenth of a second.
        bare = copy.copy(app)
        bare.registered_commands, bare.registered_groups = [], []
        return bare
    commands = [
        info
        for info in app.registered_commands
        if word == (info.name or (info.callback and get_command_name(info.callback.__name__)))
    ]
    groups = [info for info in app.registered_groups if word == info.name]
    if not commands and not groups:
        return app
    narrow = copy.copy(app)
    narrow.registered_commands = commands
    narrow.registered_groups = groups
    return narrow


def main() -> None:
    """Run the `tthc` command."""
    # tthc uses no pydantic plugins; looking for them scans every installed
    # package's metadata on the first validation (tens of ms on a slow PC).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    whole_text_streams()
    store.start_run()
    try:
        narrowed(app, sys.argv[1:])()  # click ends with SystemExit, even on success
    except KeyboardInterrupt:
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
