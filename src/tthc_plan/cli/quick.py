"""The daily views run without Typer: a plain `tthc status`, `overdue` or `upcoming` line.

Typer and click take 35-60 ms to import and to build a command, a third of
`tthc overdue` on one plan. A command line made only of what these views take,
written in the forms click reads one way only, is read here and the view run
at once (cli/daily.py, as Typer would run it). Anything else returns None and
Typer reads the line: help, shell completion, another command or option, a
value that click might refuse or read another way (one that begins with "-",
a number not written in ASCII digits, a choice not spelled as it is listed,
an empty one, an unreadable path). tests/test_quick.py keeps the two in step:
the options here are those Typer declares, and both give the same output,
errors and exit codes.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

from msgspec import Struct

from tthc_plan.cli import daily, plain
from tthc_plan.cli.daily import Grouping
from tthc_plan.cli.plain import RoleChoice
from tthc_plan.core import DEFAULT_WITHIN, MAX_WITHIN
from tthc_plan.errors import EXIT_INTERRUPTED, EXIT_PROBLEMS
from tthc_plan.i18n import LANGUAGES, set_language
from tthc_plan.output.formats import ViewFormat

# What an option takes: a text, a number of days, paths (the option may be repeated),
# nothing (a flag), or one of the values of a choice.
Kind = str | type[StrEnum]
_TEXT, _DAYS, _PATHS, _FLAG = "text", "days", "paths", "flag"


class Option:
    """One option of a view: its parameter, what it takes, its default and variable."""

    def __init__(
        self, param: str, kind: Kind, default: object = None, envvar: str | None = None
    ) -> None:
        """`default`: the value when neither the line nor `envvar` gives one."""
        self.param = param
        self.kind = kind
        self.default = default
        self.envvar = envvar


_UNIT = Option("unit", _TEXT)
_TODAY = Option("today", _TEXT, envvar="TTHC_TODAY")
_WITHIN = Option("within", _DAYS, DEFAULT_WITHIN)
_PLAN = Option("plan", _PATHS)
_PLAN_ID = Option("plan_id", _TEXT, envvar="TTHC_PLAN_ID")
_ALL_PLANS = Option("all_plans", _FLAG, default=False)
_FORMAT = Option("output", ViewFormat, ViewFormat.TABLE)
_ROLE = Option("role", RoleChoice)
_GROUP = Option("group", Grouping, Grouping.UNIT)
_FAIL = Option("fail", _FLAG, default=False)

_SHARED = {
    "--unit": _UNIT,
    "-u": _UNIT,
    "--today": _TODAY,
    "--plan": _PLAN,
    "-p": _PLAN,
    "--plan-id": _PLAN_ID,
    "--all-plans": _ALL_PLANS,
    "--format": _FORMAT,
    "-f": _FORMAT,
    "--role": _ROLE,
}
# Each view: its work, and its options as Typer declares them (cli/views.py).
VIEWS: dict[str, tuple[Callable[..., int], dict[str, Option]]] = {
    "status": (daily.status, _SHARED | {"--within": _WITHIN, "--group": _GROUP}),
    "overdue": (daily.overdue, _SHARED | {"--fail": _FAIL, "--group": _GROUP}),
    "upcoming": (daily.upcoming, _SHARED | {"--within": _WITHIN}),
}
# tthc's own options, before the view's name.
LANG, NO_CACHE = "--lang", "--no-cache"

_DIGITS = re.compile(r"[0-9]+")


class _Line:
    """A command line being read: its words, and where the reading is."""

    def __init__(self, args: Sequence[str]) -> None:
        self.args = list(args)
        self.at = 0

    def value(self, word: str) -> str | None:
        """Return the value of the option `word` (its own "--name=value", else the next
        word), or None where click might read it otherwise."""
        name, equals, inline = word.partition("=")
        if equals and name.startswith("--"):
            value = inline
        elif self.at < len(self.args):
            value = self.args[self.at]
            self.at += 1
        else:
            return None
        return value if value and not value.startswith("-") else None


def _converted(option: Option, value: str) -> object:
    """Return `value` as the view takes it, or None where click might refuse or read
    it another way (the caller hands the line to Typer)."""
    if option.kind == _DAYS:
        # int() refuses a text of more than 4,300 digits (click says so); none is needed
        if len(value) > len(str(MAX_WITHIN)) or not _DIGITS.fullmatch(value):
            return None
        days = int(value)
        return days if days <= MAX_WITHIN else None
    if option.kind == _PATHS:
        try:
            os.stat(value)
        except OSError:
            return Path(value)  # a path that is not there yet: the view says so
        return Path(value) if os.access(value, os.R_OK) else None  # click refuses it
    if isinstance(option.kind, type):
        choices = {str(choice): choice for choice in option.kind}
        return choices.get(value)
    return value


class Plain(Struct, frozen=True):
    """A plain command line of a daily view, read (a Struct: a NamedTuple class costs a
    millisecond and a half to make at every start)."""

    view: str
    params: dict[str, Any]  # the view's parameters, every one
    lang: str  # --lang, else TTHC_LANG, else Vietnamese
    no_cache: bool


def read(args: Sequence[str], environ: Mapping[str, str]) -> Plain | None:
    """Return what a plain command line of a daily view asks for, or None: Typer reads it."""
    if any(name.startswith("_") and name.endswith("_COMPLETE") for name in environ):
        return None  # shell completion: click's
    line = _Line(args)
    own = _own_options(line, environ)
    if own is None or line.at >= len(line.args) or line.args[line.at] not in VIEWS:
        return None
    view = line.args[line.at]
    line.at += 1
    options = VIEWS[view][1]
    given = _view_options(line, options)
    if given is None:
        return None
    for option in options.values():
        if option.param not in given:
            from_env = environ.get(option.envvar) if option.envvar else None
            given[option.param] = from_env or option.default
    return Plain(view, given, *own)


def _own_options(line: _Line, environ: Mapping[str, str]) -> tuple[str, bool] | None:
    """Read tthc's own options, before the view's name: the language and --no-cache."""
    lang = environ.get("TTHC_LANG") or "vi"
    no_cache = False
    while line.at < len(line.args) and line.args[line.at].startswith("-"):
        word = line.args[line.at]
        line.at += 1
        if word == NO_CACHE:
            no_cache = True
        elif word.partition("=")[0] == LANG:
            lang = line.value(word) or ""
        else:
            return None
    return (lang, no_cache) if lang in LANGUAGES else None


def _view_options(line: _Line, options: Mapping[str, Option]) -> dict[str, Any] | None:
    """Read the view's options: the values given, by parameter."""
    given: dict[str, Any] = {}
    while line.at < len(line.args):
        word = line.args[line.at]
        line.at += 1
        option = options.get(word.partition("=")[0] if word.startswith("--") else word)
        if option is None:
            return None
        if option.kind == _FLAG:
            if "=" in word:
                return None  # "--fail=1": click refuses it
            given[option.param] = True
            continue
        value = line.value(word)
        converted = None if value is None else _converted(option, value)
        if converted is None:
            return None
        if option.kind == _PATHS:
            given.setdefault(option.param, []).append(converted)
        else:
            given[option.param] = converted
    return given


def run(args: Sequence[str]) -> int | None:
    """Run a plain daily view and return its exit code; None if Typer must read the line."""
    line = read(args, os.environ)
    if line is None:
        return None
    set_language(line.lang)  # as Typer's --lang does, its default included
    if line.no_cache:
        from tthc_plan import store  # noqa: PLC0415 - only --no-cache needs it

        store.disable_cache()
    work = VIEWS[line.view][0]
    try:
        return plain.run(lambda: work(**line.params))
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED  # as Typer ends on Ctrl-C: quietly
    except OSError as error:
        if error.errno == errno.EPIPE:  # a reader gone (`| head`): Typer ends with 1
            return EXIT_PROBLEMS
        raise
