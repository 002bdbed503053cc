"""Shared pieces of the command line: the app, common options, errors to exit codes."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, ParamSpec

import typer

from tthc_plan import __version__, store
from tthc_plan.cli import complete
from tthc_plan.cli.plain import RoleChoice, _now, echo_error, echo_output, local_date, run
from tthc_plan.core import DEFAULT_TIMEZONE, MAX_WITHIN
from tthc_plan.errors import (
    EXIT_OK,
    UsageError,
)
from tthc_plan.i18n import LANGUAGES, _, set_language
from tthc_plan.output.formats import ViewFormat

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


RoleOpt = Annotated[
    RoleChoice | None,
    typer.Option(
        "--role",
        help=_("Việc của đơn vị chủ trì (lead), phối hợp (support) hay cả hai (all)."),
        show_default=False,
    ),
]


def catch_errors(command: Callable[_P, int]) -> Callable[_P, None]:
    """Make a command's body, which returns its exit code, a command that maps every
    user error to a message and an exit code once (see `plain.run`); typer reads the
    body's parameters through `functools.wraps`."""

    @functools.wraps(command)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> None:
        raise typer.Exit(run(lambda: command(*args, **kwargs)))

    return wrapper


def this_year() -> int:
    return local_date(_now(), DEFAULT_TIMEZONE).year


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
