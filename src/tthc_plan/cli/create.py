"""Commands that make a new plan file: init (from a template) and import (from a document)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tthc_plan.cli.common import TodayOpt, app, catch_errors, plain_text
from tthc_plan.cli.plain import echo_line, resolve_today
from tthc_plan.core import DEFAULT_TIMEZONE, PLAN_YEARS
from tthc_plan.errors import EXIT_OK, EXIT_PROBLEMS
from tthc_plan.i18n import _

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
