"""Commands that check and create plan files: validate, timeframe(s), schema, init, import."""

from __future__ import annotations

import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer
from typer.core import TyperCommand

from tthc_plan.cli.common import (
    DEFAULT_TIMEZONE,
    FormatOpt,
    OutputFormat,
    PathsArg,
    PlanOpt,
    TodayOpt,
    app,
    catch_errors,
    echo_line,
    plain_text,
    plan_paths,
    resolve_today,
    this_year,
)
from tthc_plan.core import PLAN_YEARS
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


_LAST_DISTRICT_YEAR = 2025  # district-level government ended on 01/7/2025


class InitLevel(StrEnum):
    """The levels `tthc init --level` has a registry for."""

    DISTRICT = "district"
    COMMUNE = "commune"
    WARD = "ward"
    SPECIAL_ZONE = "special-zone"
    PROVINCE = "province"


@app.command(
    help=_("Tạo tệp kế hoạch mới cho năm khác hoặc đơn vị khác, kèm ví dụ mọi cách ghi thời hạn.")
)
@catch_errors
def init(
    year: Annotated[
        int,
        typer.Option(
            "--year", min=PLAN_YEARS[0], max=PLAN_YEARS[1], help=_("Năm của kế hoạch mới.")
        ),
    ],
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", help=_("Đơn vị ban hành (lấy từ danh mục của kế hoạch cũ).")),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from", help=_("Kế hoạch lấy danh mục đơn vị (mặc định: kế hoạch mới nhất).")
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=_("Tệp mới (mặc định plans/<năm>.yaml)."))
    ] = None,
    level: Annotated[
        InitLevel | None,
        typer.Option(
            "--level",
            help=_("Cấp của cơ quan: lấy danh mục đơn vị mẫu của cấp đó (cần --name)."),
            show_default=False,
        ),
    ] = None,
    name: Annotated[
        str | None,
        typer.Option(
            "--name", help=_("Tên cơ quan ban hành, ví dụ «UBND xã Quảng Tín»."), show_default=False
        ),
    ] = None,
) -> int:
    from tthc_plan.store.create import create_plan  # noqa: PLC0415 - keep start-up light

    target = output or Path("plans") / f"{year}.yaml"
    authority = " ".join((plain_text(name, "--name") or "").split()) or None
    created = create_plan(
        target,
        year=year,
        unit_name=unit,
        source=source,
        level=level.value if level else None,
        name=authority,
    )
    echo_line(_("Đã tạo {path}. Kiểm tra: tthc validate {path}").format(path=created))
    if level is InitLevel.DISTRICT and year > _LAST_DISTRICT_YEAR:
        message = _(
            "Lưu ý: cấp huyện chấm dứt từ 01/7/2025; kế hoạch năm {year} do xã, phường, "
            "đặc khu hoặc tỉnh lập (--level commune, ward, special-zone, province)."
        )
        echo_line(message.format(year=year))
    return EXIT_OK


@app.command(
    "import", help=_("Nhập Phụ lục của một kế hoạch (Word hoặc văn bản) thành tệp kế hoạch YAML.")
)
@catch_errors
def import_command(
    source: Annotated[
        Path, typer.Argument(help=_("Tệp .docx của kế hoạch, hoặc bản xuất văn bản."))
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help=_("Tệp kế hoạch mới (mặc định plans/<năm>.yaml).")),
    ] = None,
    units: Annotated[
        Path | None,
        typer.Option(
            "--units",
            help=_(
                "Kế hoạch có danh mục đơn vị để khớp tên (mặc định: lập danh mục từ các tên "
                "trong văn bản, cần xem lại)."
            ),
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            min=PLAN_YEARS[0],
            max=PLAN_YEARS[1],
            help=_("Năm kế hoạch (mặc định: đọc từ văn bản)."),
        ),
    ] = None,
    plan_id: Annotated[str | None, typer.Option("--id", help=_("Mã kế hoạch mới."))] = None,
    today: TodayOpt = None,
) -> int:
    from tthc_plan.core.problem import Severity  # noqa: PLC0415
    from tthc_plan.output.problems import render_line, render_summary  # noqa: PLC0415
    from tthc_plan.store.importer import import_source  # noqa: PLC0415

    target = output or Path("plans") / f"{year or 'moi'}.yaml"
    day = resolve_today(today, DEFAULT_TIMEZONE)
    made = import_source(source, target, units_from=units, year=year, plan_id=plan_id, today=day)
    new_units, problems = made.new_units, made.problems
    echo_line(_("Đã tạo {path}.").format(path=made.path))
    if units is not None:
        echo_line(_("Khớp tên đơn vị theo danh mục của {path}.").format(path=units))
    else:
        message = _(
            "Danh mục đơn vị lập từ {count} tên trong văn bản, cần xem lại; dùng "
            "--units KẾ_HOẠCH để khớp với một danh mục có sẵn."
        )
        echo_line(message.format(count=len(new_units)))
    for name in new_units:
        echo_line(_("Đơn vị mới, cần xem lại trong units: «{name}»").format(name=name))
    for task, message in made.unread_timeframes:
        echo_line(_("{id}: thời hạn chưa hiểu: {message}").format(id=task, message=message))
    for row in made.skipped_rows:
        message = _("Dòng không phải nhiệm vụ, không nhập (xem lại trong bản gốc): «{row}»")
        echo_line(message.format(row=row))
    for problem in problems:
        echo_line(render_line(problem))
    typer.echo(render_summary(problems, 1))
    errors = any(p.severity is Severity.ERROR for p in problems)
    return EXIT_PROBLEMS if errors else EXIT_OK
