"""Shared pieces of the command line: the app, common options, errors to exit codes."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec

import typer

from tthc_plan import __version__, store
from tthc_plan.cli import complete
from tthc_plan.core import DATE_YEARS, DEFAULT_TIMEZONE, MAX_WITHIN
from tthc_plan.errors import (
    EXIT_OK,
    TthcError,
    UsageError,
)
from tthc_plan.i18n import LANGUAGES, _, set_language
from tthc_plan.output.formats import Output, ViewFormat

if TYPE_CHECKING:
    from tthc_plan.core.schedule import Role
    from tthc_plan.store.workspace import Workspace


app = typer.Typer(
    name="tthc",
    help=_("Theo dõi, đôn đốc kế hoạch kiểm soát thủ tục hành chính (tệp YAML trong git)."),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    # click already says "Did you mean ...?" for a mistyped command; Typer's
    # suggestion would say it a second time.
    suggest_commands=False,
)

_P = ParamSpec("_P")


class OutputFormat(StrEnum):
    """How a command prints its result."""

    TEXT = "text"
    JSON = "json"


PlanOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--plan",
        "-p",
        help=_(
            "Tệp hoặc thư mục kế hoạch, ghi nhiều lần được (mặc định: $TTHC_PLAN, "
            "hoặc thư mục plans/ gần nhất, tìm từ đây lên)."
        ),
        show_default=False,
    ),
]
PlanIdOpt = Annotated[
    str | None,
    typer.Option(
        "--plan-id",
        envvar="TTHC_PLAN_ID",
        help=_(
            "Chỉ kế hoạch có mã này, khi có nhiều kế hoạch (xem mã trong cột «Kế hoạch»; "
            "mặc định: $TTHC_PLAN_ID)."
        ),
        show_default=False,
    ),
]
AllPlansOpt = Annotated[
    bool,
    typer.Option(
        "--all-plans",
        help=_("Xem cả các kế hoạch đã đóng (tthc close)."),
    ),
]
TodayOpt = Annotated[
    str | None,
    typer.Option(
        "--today",
        envvar="TTHC_TODAY",
        help=_("Xem như hôm nay là ngày này (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định: hôm nay ở VN."),
        show_default=False,
    ),
]
WithinOpt = Annotated[
    int,
    typer.Option(
        "--within",
        min=0,
        max=MAX_WITHIN,
        help=_("Số ngày nhìn trước để báo «sắp đến hạn»."),
    ),
]
UnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        help=_("Tên đơn vị hoặc nhóm (không cần dấu)."),
        show_default=False,
        autocompletion=complete.unit_names,
    ),
]
ViewFormatOpt = Annotated[
    ViewFormat, typer.Option("--format", "-f", help=_("Dạng kết quả: table, json, csv, md."))
]
PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help=_("Tệp hoặc thư mục kế hoạch (mặc định: $TTHC_PLAN, hoặc thư mục plans/)."),
        show_default=False,
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help=_("Dạng kết quả."))]


class RoleChoice(StrEnum):
    """Which units' items a view shows: the leads', the supporters', or both."""

    LEAD = "lead"
    SUPPORT = "support"
    ALL = "all"


RoleOpt = Annotated[
    RoleChoice | None,
    typer.Option(
        "--role",
        help=_("Việc của đơn vị chủ trì (lead), phối hợp (support) hay cả hai (all)."),
        show_default=False,
    ),
]


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


def whole_text_streams() -> None:
    """Make stdout and stderr take every character, whatever the console's code page.

    Windows without UTF-8 mode writes a file or a pipe in the ANSI code page
    (cp1258 for Vietnamese, cp437...), which has no "ệ": `tthc status > out.txt`
    or `| findstr` would end in a UnicodeEncodeError. A file or a pipe gets
    UTF-8, as JSON and exports already do; a terminal that cannot show a
    character shows "?" in its place (one cell, tables stay aligned). A
    Windows console itself takes Unicode, whatever its code page.
    """
    import codecs  # noqa: PLC0415 - keep start-up light

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


def echo_error(message: str) -> None:
    """Print a message on stderr, control characters (from a file name, a file) made visible."""
    from tthc_plan.core.text import visible_controls  # noqa: PLC0415 - keep start-up light

    typer.echo(visible_controls(message), err=True)


def echo_line(message: str) -> None:
    """Print a message or a report on stdout, control characters made visible."""
    from tthc_plan.core.text import visible_controls  # noqa: PLC0415 - keep start-up light

    typer.echo(visible_controls(message))


def echo_output(output: Output, *, nl: bool = True) -> None:
    """Print a command's result.

    UTF-8 bytes (JSON, exports) go to a pipe or a file as they are: always
    UTF-8, whatever the Windows code page, and not decoded only to be encoded
    again (a province's 7 MB overdue list: about 45 ms). A console gets text.
    """
    if isinstance(output, bytes) and sys.stdout.isatty():
        output = output.decode("utf-8")
    typer.echo(output, nl=nl)


def catch_errors(command: Callable[_P, int]) -> Callable[_P, None]:
    """Make a command's body, which returns its exit code, a command that maps every
    user error to a message and an exit code once (see `run`); typer reads the body's
    parameters through `functools.wraps`."""

    @functools.wraps(command)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> None:
        run(lambda: command(*args, **kwargs))

    return wrapper


def run(action: Callable[[], int]) -> None:
    """Run a command body; turn user errors into a message and an exit code."""
    try:
        code = action()
    except TthcError as error:
        echo_error(_("Lỗi: {message}").format(message=error))
        if error.hint:
            echo_error(error.hint)
        raise typer.Exit(error.exit_code) from None
    raise typer.Exit(code)


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


def this_year() -> int:
    return local_date(_now(), DEFAULT_TIMEZONE).year


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


def plain_text(value: str | None, option: str, *, lines: bool = False) -> str | None:
    """Refuse control characters in a text option (a line break only where `lines`),
    noncharacters and the bytes that are not UTF-8 (Word and Excel cannot hold them)."""
    from tthc_plan.core.text import (  # noqa: PLC0415 - keep start-up light
        first_control,
        not_a_character,
        undecodable_byte,
    )

    char = None if value is None else first_control(value, lines=lines)
    byte = None if char is None else undecodable_byte(char)
    if byte is not None:
        message = _(
            "{option} có byte 0x{byte:02X} không phải UTF-8: gõ lại chữ này (bộ gõ Unicode), "
            "hoặc đặt bảng mã của cửa sổ lệnh là UTF-8."
        )
        raise UsageError(message.format(option=option, byte=byte))
    if char is not None and not_a_character(char):
        message = _(
            "{option} có mã U+{code:04X}, không phải là một ký tự (noncharacter hay surrogate): "
            "xóa nó; Word và Excel không ghi được."
        )
        raise UsageError(message.format(option=option, code=ord(char)))
    if char is not None:
        message = _(
            "{option} có ký tự điều khiển U+{code:04X}: chỉ ghi chữ, số và dấu câu "
            "(ký tự này làm hỏng tệp tiến độ, Word, Excel hoặc màn hình)."
        )
        raise UsageError(message.format(option=option, code=ord(char)))
    return value


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
    if space.left_out:
        names = ", ".join(
            _("{id} (đóng ngày {date})").format(id=p.plan.id, date=format_date(p.closed.date))
            for p in space.left_out
            if p.closed is not None
        )
        message = _("Bỏ qua kế hoạch đã đóng: {names}; xem cả: --all-plans hoặc --plan-id.")
        typer.echo(message.format(names=names), err=True)
    return space


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tthc {__version__}")
        raise typer.Exit(EXIT_OK)


def _language(value: str) -> str:
    """Take --lang as soon as it is read: the parser's own errors come after it."""
    if value not in LANGUAGES:
        message = _("Ngôn ngữ «{lang}» chưa hỗ trợ; chọn một trong: {choices}.")
        raise typer.BadParameter(
            message.format(lang=value, choices=", ".join(LANGUAGES)), param_hint="--lang"
        )
    set_language(value)
    return value


@app.callback()
def _main(
    lang: Annotated[
        str,
        typer.Option(
            "--lang",
            envvar="TTHC_LANG",
            help=_("Ngôn ngữ thông báo: vi hoặc en."),
            show_default=True,
            callback=_language,
            is_eager=True,
        ),
    ] = "vi",
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=_("In phiên bản rồi thoát.")
        ),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache", help=_("Không dùng bộ nhớ đệm các tệp đã kiểm tra (TTHC_NO_CACHE=1).")
        ),
    ] = False,
) -> None:
    """Theo dõi, đôn đốc kế hoạch kiểm soát thủ tục hành chính."""
    del lang  # taken by its callback, before the command is looked up
    if no_cache:
        store.disable_cache()


RecordUnitOpt = Annotated[
    str | None,
    typer.Option(
        "--unit",
        "-u",
        help=_("Đơn vị hoặc nhóm (mặc định: đơn vị chủ trì, khi nhiệm vụ chỉ có một)."),
        show_default=False,
        autocompletion=complete.unit_names,
    ),
]
PeriodOpt = Annotated[
    str | None,
    typer.Option(
        "--period",
        help=_("Kỳ của việc định kỳ, ví dụ 2024-Q1."),
        show_default=False,
        autocompletion=complete.periods,
    ),
]
DateOpt = Annotated[
    str | None,
    typer.Option(
        "--date", help=_("Ngày (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định hôm nay."), show_default=False
    ),
]
RefOpt = Annotated[
    str | None,
    typer.Option(
        "--ref", help=_("Văn bản, ví dụ «Số 05/KH-UBND ngày 08/01/2024»."), show_default=False
    ),
]
NoteOpt = Annotated[str | None, typer.Option("--note", help=_("Ghi chú."), show_default=False)]
DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help=_("Chỉ in ra phần sẽ thay đổi, không ghi gì."))
]
TaskArg = Annotated[
    str,
    typer.Argument(
        metavar="ID", help=_("Mã nhiệm vụ, ví dụ II.1."), autocompletion=complete.task_ids
    ),
]


OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output", "-o", help=_("Tệp ghi ra (mặc định: in ra màn hình)."), show_default=False
    ),
]


ForceOpt = Annotated[
    bool, typer.Option("--force", help=_("Ghi đè tệp -o đã có (không bao giờ ghi đè tệp YAML)."))
]


def write_output(data: bytes, output: Path | None, *, replace: bool = False) -> None:
    """Print `data`, or write it to `output` atomically (an existing file: only if `replace`)."""
    if output is None:
        echo_output(data, nl=False)
        return
    from tthc_plan.store.files import write_output_file  # noqa: PLC0415 - only -o needs it

    write_output_file(output, data, replace=replace)
    echo_error(_("Đã ghi {path}").format(path=output))
