"""Exports and the periodic report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tthc_plan.cli.common import (
    ForceOpt,
    OutputOpt,
    PlanIdOpt,
    PlanOpt,
    RoleChoice,
    RoleOpt,
    TodayOpt,
    UnitOpt,
    catch_errors,
    export_app,
    open_workspace,
    role_filter,
    write_output,
)
from tthc_plan.errors import (
    EXIT_OK,
    UsageError,
)
from tthc_plan.i18n import _

if TYPE_CHECKING:
    from tthc_plan.core.model import Plan
    from tthc_plan.core.schedule import Item, Role


def _parse_remind(value: str) -> int | None:
    text = value.strip().lower()
    if text in {"0", "none", "khong", "không"}:
        return None
    units = {"d": 1, "w": 7}
    if text[:-1].isdigit() and text[-1] in units:
        return int(text[:-1]) * units[text[-1]]
    if text.isdigit():
        return int(text)
    message = _("--remind «{value}» không hợp lệ: viết 3d (3 ngày), 1w (1 tuần) hoặc 0.")
    raise UsageError(message.format(value=value))


@export_app.command(
    "ics", help=_("Lịch các hạn chót (mỗi đơn vị, mỗi kỳ một sự kiện cả ngày), kèm lời nhắc.")
)
@catch_errors
def export_ics(
    unit: UnitOpt = None,
    remind: Annotated[
        str, typer.Option("--remind", help=_("Nhắc trước ngày cuối cùng: 3d, 1w, hoặc 0."))
    ] = "3d",
    pending: Annotated[bool, typer.Option("--pending", help=_("Bỏ các việc đã xong."))] = False,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    output: OutputOpt = None,
    role: RoleOpt = None,
    force: ForceOpt = False,
) -> int:
    from tthc_plan.output.export.ics import build_calendar  # noqa: PLC0415 - icalendar is slow

    days = _parse_remind(remind)
    space = open_workspace(plan, today, plan_id)
    chosen = space.unit_filter(unit) if unit else None
    items = space.items(unit=chosen, roles=role_filter(role, RoleChoice.LEAD))
    title = space.views[0].plan.plan.title
    name = f"{title} — {chosen.name}" if chosen else title
    data = build_calendar(items, name=name, today=space.today, remind_days=days, pending=pending)
    write_output(data, output, replace=force)
    return EXIT_OK


@catch_errors
def _export_one_plan(
    unit: str | None,
    today: str | None,
    plan: list[Path] | None,
    plan_id: str | None,
    roles: frozenset[Role] | None,
    build: Callable[[Plan, list[Item], date], tuple[bytes, Path | None]],
    replace: bool,
) -> int:
    """Run an export of the one plan asked for: `build` gives its bytes and default file."""

    space = open_workspace(plan, today, plan_id)
    view, items = space.plan_items(unit, roles)
    data, target = build(view.plan, items, space.today)
    write_output(data, target, replace=replace)
    return EXIT_OK


@export_app.command(
    "xlsx",
    help=_(
        "Bảng Excel: Phụ lục theo mẫu (tình trạng, hạn, số ngày trễ, minh chứng) và từng đơn vị."
    ),
)
def export_xlsx(
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    output: OutputOpt = None,
    role: RoleOpt = None,
    force: ForceOpt = False,
) -> None:
    def build(loaded: Plan, items: list[Item], day: date) -> tuple[bytes, Path | None]:
        from tthc_plan.output.export.xlsx import build_workbook  # noqa: PLC0415 - openpyxl is slow

        target = output or Path(f"{loaded.plan.id}.xlsx")
        return build_workbook(loaded, items, today=day), target

    # The default file, named after the plan, is refreshed by every run.
    replace = force or output is None
    _export_one_plan(unit, today, plan, plan_id, role_filter(role, RoleChoice.LEAD), build, replace)


@export_app.command(
    "html",
    help=_(
        "Một trang HTML tự chứa (không cần mạng): tổng hợp theo đơn vị, việc quá hạn, tiến độ năm."
    ),
)
def export_html(
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    output: OutputOpt = None,
    role: RoleOpt = None,
    force: ForceOpt = False,
) -> None:
    def build(loaded: Plan, items: list[Item], day: date) -> tuple[bytes, Path | None]:
        from tthc_plan.output.export.html import build_page  # noqa: PLC0415

        return build_page(loaded, items, today=day).encode("utf-8"), output

    _export_one_plan(unit, today, plan, plan_id, role_filter(role, RoleChoice.ALL), build, force)


class AnnexFormat(StrEnum):
    """Formats of the whole-plan export."""

    MD = "md"
    CSV = "csv"
    JSON = "json"


@catch_errors
def _export_annex(
    fmt: AnnexFormat,
    unit: str | None,
    today: str | None,
    plan: list[Path] | None,
    plan_id: str | None,
    output: Path | None,
    role: RoleChoice | None,
    force: bool,
) -> int:
    from tthc_plan.output.export.annex import annex_csv, annex_markdown, plan_json  # noqa: PLC0415

    space = open_workspace(plan, today, plan_id)
    view, items = space.plan_items(unit, role_filter(role, RoleChoice.LEAD))
    # With --unit, only the tasks that unit takes part in, and its own items.
    only = {item.task.id for item in items} if unit else None
    match fmt:
        case AnnexFormat.MD:
            text = annex_markdown(view.plan, items, today=space.today, only=only)
        case AnnexFormat.CSV:
            text = annex_csv(view.plan, items, only=only)
        case AnnexFormat.JSON:
            text = plan_json(view.plan, items, today=space.today, only=only)
    write_output(text.encode("utf-8"), output, replace=force)
    return EXIT_OK


def _annex_command(fmt: AnnexFormat, doc: str) -> Callable[..., None]:
    def command(
        unit: UnitOpt = None,
        today: TodayOpt = None,
        plan: PlanOpt = None,
        plan_id: PlanIdOpt = None,
        output: OutputOpt = None,
        role: RoleOpt = None,
        force: ForceOpt = False,
    ) -> None:
        _export_annex(fmt, unit, today, plan, plan_id, output, role, force)

    command.__doc__ = doc
    return command


export_app.command("md")(
    _annex_command(
        AnnexFormat.MD, _("Cả kế hoạch thành bảng Markdown theo mẫu Phụ lục (kèm tình trạng).")
    )
)
export_app.command("csv")(
    _annex_command(
        AnnexFormat.CSV, _("Cả kế hoạch thành CSV theo mẫu Phụ lục (UTF-8 có BOM cho Excel).")
    )
)
export_app.command("json")(
    _annex_command(AnnexFormat.JSON, _("Toàn bộ kế hoạch và tình trạng từng phần việc, dạng JSON."))
)
