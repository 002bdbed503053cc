"""The Typer app with every command: what `tthc` runs for any line cli/quick.py leaves.

Importing this module registers the commands (one module per group) on the
app of cli/common.py, in the language the command line asks for.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Sequence

from tthc_plan.cli import command_word
from tthc_plan.i18n import LANGUAGES, set_language


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

import typer  # noqa: E402
from typer.main import get_command_name  # noqa: E402

from tthc_plan.cli import check, create, documents, export, intake, record, views  # noqa: E402, F401 - they register commands
from tthc_plan.cli.common import app  # noqa: E402

__all__ = ["app", "narrowed"]


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
