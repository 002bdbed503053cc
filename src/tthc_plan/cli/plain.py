"""What a command does once its options are read, without Typer or click.

The daily views run without Typer when their command line is a plain one
(cli/quick.py): what they share with the other commands lives here, the
printing included. cli/common.py, which declares the options for Typer,
takes these from here.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from tthc_plan.core import DATE_YEARS
from tthc_plan.errors import TthcError, UsageError
from tthc_plan.i18n import _
from tthc_plan.output.formats import Output

if TYPE_CHECKING:
    from tthc_plan.core.schedule import Role
    from tthc_plan.store.workspace import Workspace


# What click.echo removes from text that no terminal sees (click.utils.strip_ansi).
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def _plain_stream(stream: object) -> bool:
    """Tell whether click.echo would write to `stream` as it is, on a system other
    than Windows: a text file of Python's own, in UTF-8."""
    if sys.platform == "win32" or not isinstance(stream, io.TextIOWrapper):
        return False
    return codecs.lookup(stream.encoding).name == "utf-8"


def whole_text_streams() -> None:
    """Make stdout and stderr take every character, whatever the console's code page.

    Windows without UTF-8 mode writes a file or a pipe in the ANSI code page
    (cp1258 for Vietnamese, cp437...), which has no "ệ": `tthc status > out.txt`
    or `| findstr` would end in a UnicodeEncodeError. A file or a pipe gets
    UTF-8, as JSON and exports already do; a terminal that cannot show a
    character shows "?" in its place (one cell, tables stay aligned). A
    Windows console itself takes Unicode, whatever its code page.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            if reconfigure is None or codecs.lookup(encoding).name == "utf-8":
                continue
            if stream.isatty():
                reconfigure(errors="replace")
            else:
                reconfigure(encoding="utf-8", errors="backslashreplace")
        except (LookupError, OSError, ValueError):  # an unknown codec, a closed stream
            continue


def echo(message: str | bytes, *, err: bool = False, nl: bool = True) -> None:
    """Print `message` (and a line break) on stdout, or stderr, and flush, as click.echo does.

    Bytes go to the stream's binary buffer as they are; text loses its colour
    codes where no terminal sees it. On a UTF-8 stream of Linux or macOS this
    is written here, without importing click (a third of a view's start-up);
    elsewhere (Windows consoles, a stream declared ASCII) click.echo prints it.
    """
    stream = sys.stderr if err else sys.stdout
    if not _plain_stream(stream):
        import click  # noqa: PLC0415 - its Windows and ASCII handling, only where needed

        click.echo(message, err=err, nl=nl)
        return
    assert isinstance(stream, io.TextIOWrapper)  # noqa: S101 - checked by _plain_stream
    if isinstance(message, bytes):
        stream.flush()
        stream.buffer.write(message)
        if nl:  # apart: a province's list is not copied to add a line break
            stream.buffer.write(b"\n")
        stream.buffer.flush()
        return
    text = message + "\n" if nl else message
    if text and "\033" in text and not stream.isatty():
        text = _ANSI.sub("", text)
    if text:
        stream.write(text)
    stream.flush()


def echo_error(message: str) -> None:
    """Print a message on stderr, control characters (from a file name, a file) made visible."""
    from tthc_plan.core.text import visible_controls  # noqa: PLC0415 - keep start-up light

    echo(visible_controls(message), err=True)


def echo_line(message: str) -> None:
    """Print a message or a report on stdout, control characters made visible."""
    from tthc_plan.core.text import visible_controls  # noqa: PLC0415 - keep start-up light

    echo(visible_controls(message))


def echo_output(output: Output, *, nl: bool = True) -> None:
    """Print a command's result: a text, or bytes whole or in pieces (output.formats).

    UTF-8 bytes (JSON, exports) go to a pipe or a file as they are: always
    UTF-8, whatever the Windows code page, and not decoded only to be encoded
    again (a province's 7 MB overdue list: about 45 ms). A console gets text.
    """
    console = sys.stdout.isatty()
    binary = not isinstance(output, str) and not console
    for piece in (output,) if isinstance(output, str | bytes) else output:
        echo(piece.decode("utf-8") if isinstance(piece, bytes) and console else piece, nl=False)
    if nl:
        echo(b"" if binary else "")  # the line break, as the output went


def run(action: Callable[[], int]) -> int:
    """Run a command body; return its exit code, or say what a user error is and
    return the error's code."""
    try:
        return action()
    except TthcError as error:
        echo_error(_("Lỗi: {message}").format(message=error))
        if error.hint:
            echo_error(error.hint)
        return error.exit_code


class RoleChoice(StrEnum):
    """Which units' items a view shows: the leads', the supporters', or both."""

    LEAD = "lead"
    SUPPORT = "support"
    ALL = "all"


def role_filter(choice: RoleChoice | None, default: RoleChoice) -> frozenset[Role] | None:
    """Return the roles a view keeps (None: every role), `default` when none is asked."""
    from tthc_plan.core.schedule import Role  # noqa: PLC0415 - keep start-up light

    match choice or default:
        case RoleChoice.LEAD:
            return frozenset({Role.LEAD})
        case RoleChoice.SUPPORT:
            return frozenset({Role.SUPPORT})
        case RoleChoice.ALL:
            return None


def plan_paths(paths: list[Path] | None) -> list[Path]:
    """Return the plan files: --plan, else TTHC_PLAN, else the nearest plans/ folder up."""
    from tthc_plan.store.locate import chosen_plan_files  # noqa: PLC0415 - keep start-up light

    return chosen_plan_files(paths, os.environ.get("TTHC_PLAN"))


def _now() -> datetime:
    """Return the current moment: the only place that reads the clock."""
    return datetime.now(UTC)


def local_date(moment: datetime, timezone: str) -> date:
    """Return the calendar date of an aware `moment` in `timezone`.

    At 23:30 UTC it is already the next day in Asia/Ho_Chi_Minh (UTC+7).
    """
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - only when no --today is given

    return moment.astimezone(ZoneInfo(timezone)).date()


def resolve_today(value: str | None, timezone: str) -> date:
    """Return the day given by --today or TTHC_TODAY, else today in the plan's time zone."""
    if value is None:
        return local_date(_now(), timezone)
    return parse_day(value, "--today, TTHC_TODAY")


def parse_day(value: str, option: str) -> date:
    """Return the day an option gives, refusing one that does not exist or is outside
    DATE_YEARS (the years every date of tthc is in)."""
    from tthc_plan.core.dates import InvalidDateError, parse_date  # noqa: PLC0415

    try:
        return parse_date(value)
    except InvalidDateError as error:
        if error.outside:
            message = _("Ngày «{value}» ({option}) ngoài các năm {first}–{last}: kiểm tra lại năm.")
            raise UsageError(
                message.format(value=value, option=option, first=DATE_YEARS[0], last=DATE_YEARS[1])
            ) from None
        if error.well_formed:
            message = _("Ngày «{value}» ({option}) không có thật trên lịch.")
        else:
            message = _("Ngày «{value}» ({option}) không hợp lệ: viết DD/MM/YYYY hoặc YYYY-MM-DD.")
        raise UsageError(message.format(value=value, option=option)) from None


# The plans a command opens live until the process ends (cli.leave, without
# teardown): freed object by object when the command returns, a province's take
# 10 ms for 10,000 tasks and 30 ms for 30,000. Only the last is kept (tests run many).
_kept: list[Workspace] = []


def open_workspace(
    plans: list[Path] | None,
    today: str | None,
    plan_id: str | None = None,
    *,
    all_plans: bool | None = None,
) -> Workspace:
    """Load the plans (only `plan_id`'s, if given) and their progress as of --today.

    `all_plans`: None keeps closed plans (exports, reports, records); False leaves
    them out and says so in one line (views, reminders); True keeps them.
    """
    from tthc_plan.core.dates import format_date  # noqa: PLC0415 - keep start-up light
    from tthc_plan.store.workspace import Workspace  # noqa: PLC0415 - keep start-up light

    space = Workspace(
        plan_paths(plans),
        lambda timezone: resolve_today(today, timezone),
        only=plan_id,
        closed=all_plans is not False,
    )
    _kept[:] = [space]
    if space.left_out:
        names = ", ".join(
            _("{id} (đóng ngày {date})").format(id=p.plan.id, date=format_date(p.closed.date))
            for p in space.left_out
            if p.closed is not None
        )
        message = _("Bỏ qua kế hoạch đã đóng: {names}; xem cả: --all-plans hoặc --plan-id.")
        echo(message.format(names=names), err=True)
    return space
