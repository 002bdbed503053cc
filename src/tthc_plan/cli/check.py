"""Commands that check plan files and phrases: validate, timeframe, timeframes, schema."""

from __future__ import annotations

import os
import re
import sys
from typing import Annotated

import click
import typer
from typer.core import TyperCommand

from tthc_plan.cli.common import (
    FormatOpt,
    OutputFormat,
    PathsArg,
    PlanOpt,
    TodayOpt,
    app,
    catch_errors,
    this_year,
)
from tthc_plan.cli.plain import echo_line, plan_paths, resolve_today
from tthc_plan.core import DEFAULT_TIMEZONE, PLAN_YEARS
from tthc_plan.errors import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
)
from tthc_plan.i18n import _
from tthc_plan.output.problems import ProblemFormat


@app.command(help=_("Kiểm tra tệp kế hoạch và tiến độ: cú pháp, mẫu, mã, đơn vị, thời hạn, ngày."))
@catch_errors
def validate(
    paths: PathsArg = None,
    today: TodayOpt = None,
    strict: Annotated[
        bool, typer.Option("--strict", help=_("Coi cảnh báo là lỗi (thoát với mã 1)."))
    ] = False,
    output: Annotated[
        ProblemFormat | None,
        typer.Option(
            "--format",
            "-f",
            help=_("human (mặc định), concise, github (tự chọn khi GITHUB_ACTIONS=true), json."),
            show_default=False,
        ),
    ] = None,
) -> int:
    from tthc_plan.core.problem import Severity  # noqa: PLC0415 - keep start-up light
    from tthc_plan.output.problems import render_problems  # noqa: PLC0415
    from tthc_plan.store.files import source_line  # noqa: PLC0415
    from tthc_plan.store.plans import check_files  # noqa: PLC0415

    fmt = output
    if fmt is None:
        in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
        fmt = ProblemFormat.GITHUB if in_actions else ProblemFormat.HUMAN
    files = plan_paths(paths)
    problems = check_files(files, today=resolve_today(today, DEFAULT_TIMEZONE))
    echo_line(render_problems(problems, len(files), fmt, source_line))
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return EXIT_PROBLEMS if any(p.severity in failing for p in problems) else EXIT_OK


_MAX_PHRASE = 100_000  # characters read from standard input: a phrase, not a file


_BULLET = re.compile(r"[-+–]\s")


class _PhraseCommand(TyperCommand):
    """A command whose phrase may begin with a bullet ("- Xây dựng ...", "+ Quý I/2026").

    An argument that starts with a dash and a space can be no option: it is
    moved after "--", so click takes it as the phrase wherever it stands.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" not in args and any(_BULLET.match(arg) for arg in args):
            bullets = [arg for arg in args if _BULLET.match(arg)]
            args = [arg for arg in args if not _BULLET.match(arg)] + ["--", *bullets]
        return super().parse_args(ctx, args)


@app.command(cls=_PhraseCommand, help=_("Cho biết một cụm từ thời gian được hiểu thế nào."))
@catch_errors
def timeframe(
    text: Annotated[
        str | None,
        typer.Argument(
            help=_(
                "Cụm từ thời gian, ví dụ «Trước 10/01/2024», «- Xây dựng ... trong năm 2026»; "
                "bỏ trống để đọc từ bàn phím/ống (stdin)."
            ),
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            min=PLAN_YEARS[0],
            max=PLAN_YEARS[1],
            help=_("Năm của kế hoạch, dùng cho ngày không ghi năm (mặc định: năm nay)."),
        ),
    ] = None,
    output: FormatOpt = OutputFormat.TEXT,
) -> int:
    from tthc_plan.core.timeframe import ReportingCalendar, parse_timeframe  # noqa: PLC0415
    from tthc_plan.output.formats import dumps  # noqa: PLC0415
    from tthc_plan.output.timeframe import render_timeframe, timeframe_json  # noqa: PLC0415

    phrase = text
    if phrase is None and not sys.stdin.isatty():
        phrase = sys.stdin.read(_MAX_PHRASE).strip() or None
    if phrase is None:
        message = _(
            "Thiếu cụm từ thời gian: ghi nó sau lệnh (sau «--» nếu nó bắt đầu bằng «-»), "
            'hoặc đưa qua stdin, ví dụ: echo "- Quý I/2026" | tthc timeframe'
        )
        raise UsageError(message)
    parsed = parse_timeframe(phrase, year=year if year is not None else this_year())
    calendar = ReportingCalendar()
    if output is OutputFormat.JSON:
        typer.echo(dumps(timeframe_json(parsed, calendar)))
    else:
        echo_line(render_timeframe(parsed, calendar))
    return EXIT_OK


@app.command(help=_("Liệt kê thời hạn của mọi nhiệm vụ và cách hiểu từng thời hạn."))
@catch_errors
def timeframes(
    paths: PathsArg = None, plan: PlanOpt = None, output: FormatOpt = OutputFormat.TEXT
) -> int:
    from tthc_plan.output.timeframe import render_plan_timeframes  # noqa: PLC0415
    from tthc_plan.store.plans import load_valid  # noqa: PLC0415 - keep start-up light

    chosen = [*(paths or []), *(plan or [])] or None  # --plan, as every other command
    plans = [(c.plan, c.times) for c in map(load_valid, plan_paths(chosen))]
    typer.echo(render_plan_timeframes(plans, json_output=output is OutputFormat.JSON))
    return EXIT_OK


@app.command(help=_("In JSON Schema của tệp kế hoạch (cho trình soạn thảo, check-jsonschema)."))
@catch_errors
def schema() -> int:
    import json  # noqa: PLC0415

    from tthc_plan.store.schema import plan_json_schema  # noqa: PLC0415

    typer.echo(json.dumps(plan_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK
