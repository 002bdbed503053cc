"""Command-line interface: options, defaults from the environment, errors to exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from tthc_plan import __version__
from tthc_plan.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS, TthcError
from tthc_plan.i18n import LANGUAGES, _, set_language

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"

app = typer.Typer(
    name="tthc",
    help="Theo dõi, đôn đốc kế hoạch kiểm soát thủ tục hành chính (tệp YAML trong git).",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(StrEnum):
    """How a command prints its result."""

    TEXT = "text"
    JSON = "json"


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Tệp hoặc thư mục kế hoạch (mặc định: $TTHC_PLAN, hoặc thư mục plans/).",
        show_default=False,
    ),
]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", help="Dạng kết quả.")]


def _echo_error(message: str) -> None:
    typer.echo(message, err=True)


def _run(action: Callable[[], int]) -> None:
    """Run a command body; turn user errors into a message and an exit code."""
    try:
        code = action()
    except TthcError as error:
        _echo_error(_("Lỗi: {message}").format(message=error))
        if error.hint:
            _echo_error(error.hint)
        raise typer.Exit(error.exit_code) from None
    raise typer.Exit(code)


def _plan_paths(paths: list[Path] | None) -> list[Path]:
    from tthc_plan.loader import find_plan_files  # noqa: PLC0415 - keep start-up light

    if paths:
        return find_plan_files(paths)
    if env := os.environ.get("TTHC_PLAN"):
        return find_plan_files([Path(p) for p in env.split(os.pathsep) if p])
    return find_plan_files([Path("plans")])


def _this_year() -> int:
    """Return the current year in Vietnam; the only place that reads the clock."""
    return datetime.now(ZoneInfo(DEFAULT_TIMEZONE)).year


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tthc {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _main(
    lang: Annotated[
        str,
        typer.Option(
            "--lang", envvar="TTHC_LANG", help="Ngôn ngữ thông báo: vi hoặc en.", show_default=True
        ),
    ] = "vi",
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát."),
    ] = False,
) -> None:
    """Theo dõi, đôn đốc kế hoạch kiểm soát thủ tục hành chính."""
    if lang not in LANGUAGES:
        message = _("Ngôn ngữ «{lang}» chưa hỗ trợ; chọn một trong: {choices}.")
        raise typer.BadParameter(
            message.format(lang=lang, choices=", ".join(LANGUAGES)), param_hint="--lang"
        )
    set_language(lang)


@app.command()
def validate(
    paths: PathsArg = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Coi cảnh báo là lỗi (thoát với mã 1).")
    ] = False,
) -> None:
    """Kiểm tra tệp kế hoạch: cú pháp, mẫu, mã nhiệm vụ, đơn vị, thời hạn."""

    def action() -> int:
        from tthc_plan.problems import Severity  # noqa: PLC0415 - keep start-up light
        from tthc_plan.render import render_problem, render_summary  # noqa: PLC0415
        from tthc_plan.validate import check_files  # noqa: PLC0415

        files = _plan_paths(paths)
        problems = check_files(files)
        for problem in problems:
            typer.echo(render_problem(problem))
        typer.echo(render_summary(problems, len(files)))
        failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
        return EXIT_PROBLEMS if any(p.severity in failing for p in problems) else EXIT_OK

    _run(action)


@app.command()
def timeframe(
    text: Annotated[str, typer.Argument(help="Cụm từ thời gian, ví dụ «Trước 10/01/2024».")],
    year: Annotated[
        int | None,
        typer.Option(help="Năm của kế hoạch, dùng cho ngày không ghi năm (mặc định: năm nay)."),
    ] = None,
    output: FormatOpt = OutputFormat.TEXT,
) -> None:
    """Cho biết một cụm từ thời gian được hiểu thế nào."""

    def action() -> int:
        from tthc_plan.render import dumps, render_timeframe, timeframe_json  # noqa: PLC0415
        from tthc_plan.timeframe import ReportingCalendar, parse_timeframe  # noqa: PLC0415

        parsed = parse_timeframe(text, year=year if year is not None else _this_year())
        calendar = ReportingCalendar()
        if output is OutputFormat.JSON:
            typer.echo(dumps(timeframe_json(parsed, calendar)))
        else:
            typer.echo(render_timeframe(parsed, calendar))
        return EXIT_OK

    _run(action)


@app.command()
def timeframes(paths: PathsArg = None, output: FormatOpt = OutputFormat.TEXT) -> None:
    """Liệt kê thời hạn của mọi nhiệm vụ và cách hiểu từng thời hạn."""

    def action() -> int:
        from tthc_plan.overview import plan_timeframes  # noqa: PLC0415 - keep start-up light

        typer.echo(plan_timeframes(_plan_paths(paths), json_output=output is OutputFormat.JSON))
        return EXIT_OK

    _run(action)


def main() -> None:
    """Run the `tthc` command."""
    try:
        app()
    except KeyboardInterrupt:
        _echo_error(_("Đã dừng."))
        sys.exit(EXIT_INTERRUPTED)
