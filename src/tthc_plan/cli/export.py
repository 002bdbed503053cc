"""`tthc export ...`: a calendar, a workbook, a web page, the annex as Markdown, CSV, JSON.

Every export of one plan is a row of EXPORTS: its name, its help, whose
items it shows unless --role says otherwise, how it builds its bytes, and
the file it writes when -o is not given (None: the screen). `ics` alone has
options of its own and spans every plan; it states its role the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple

import typer

from tthc_plan.cli.common import (
    ForceOpt,
    OutputOpt,
    PlanIdOpt,
    PlanOpt,
    RoleOpt,
    TodayOpt,
    UnitOpt,
    app,
    catch_errors,
    write_output,
)
from tthc_plan.cli.plain import RoleChoice, open_workspace, role_filter
from tthc_plan.errors import EXIT_OK, UsageError
from tthc_plan.i18n import _

if TYPE_CHECKING:
    from tthc_plan.core.model import Plan
    from tthc_plan.core.schedule import Item

export_app = typer.Typer(
    help=_("Xuất ra lịch (ics), bảng Excel (xlsx), trang web (html), Markdown, CSV, JSON."),
    no_args_is_help=True,
)
app.add_typer(export_app, name="export")


# An alarm at most a year before the last day: more would not fit in an event's
# trigger (about 68 years in seconds), nor mean anything for a year's plan.
MAX_REMIND_DAYS = 366
_REMIND = re.compile(r"(?P<count>[0-9]+)(?P<unit>[dw]?)")


def _parse_remind(value: str) -> int | None:
    text = value.strip().lower()
    if text in {"0", "none", "khong", "không"}:
        return None
    found = _REMIND.fullmatch(text)
    if found is None:
        message = _("--remind «{value}» không hợp lệ: viết 3d (3 ngày), 1w (1 tuần) hoặc 0.")
        raise UsageError(message.format(value=value))
    count = found["count"].lstrip("0") or "0"
    days = int(count) * (7 if found["unit"] == "w" else 1) if len(count) < 5 else None
    if days is None or days > MAX_REMIND_DAYS:
        message = _("--remind «{value}» ngoài khoảng 0–{limit} ngày: nhắc trước ngày cuối cùng "
                    "nhiều nhất {limit} ngày (52w).")  # fmt: skip
        raise UsageError(message.format(value=value, limit=MAX_REMIND_DAYS))
    return days


# The calendar of a unit's deadlines: the tasks it leads.
ICS_ROLE = RoleChoice.LEAD


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
    items = space.items(unit=chosen, roles=role_filter(role, ICS_ROLE))
    title = space.views[0].plan.plan.name
    name = f"{title} — {chosen.name}" if chosen else title
    data = build_calendar(items, name=name, today=space.today, remind_days=days, pending=pending)
    write_output(data, output, replace=force)
    return EXIT_OK


# The items of one plan, the day, the task ids to keep (--unit) -> the export's bytes.
Build = Callable[["Plan", "list[Item]", date, "Set[str] | None"], bytes]


class Export(NamedTuple):
    """An export of one plan, as `tthc export NAME` runs it."""

    name: str
    help: str
    role: RoleChoice  # whose items, unless --role says otherwise
    build: Build
    default_file: Callable[[Plan], Path] | None = None  # None: printed


def _xlsx(plan: Plan, items: list[Item], day: date, _only: Set[str] | None) -> bytes:
    from tthc_plan.output.export.xlsx import build_workbook  # noqa: PLC0415 - openpyxl is slow

    return build_workbook(plan, items, today=day)


def _html(plan: Plan, items: list[Item], day: date, _only: Set[str] | None) -> bytes:
    from tthc_plan.output.export.html import build_page  # noqa: PLC0415

    return build_page(plan, items, today=day).encode("utf-8")


def _markdown(plan: Plan, items: list[Item], day: date, only: Set[str] | None) -> bytes:
    from tthc_plan.output.export.annex import annex_markdown  # noqa: PLC0415

    return annex_markdown(plan, items, today=day, only=only).encode("utf-8")


def _csv(plan: Plan, items: list[Item], _day: date, only: Set[str] | None) -> bytes:
    from tthc_plan.output.export.annex import annex_csv  # noqa: PLC0415

    return annex_csv(plan, items, only=only).encode("utf-8")


def _json(plan: Plan, items: list[Item], day: date, only: Set[str] | None) -> bytes:
    from tthc_plan.output.export.annex import plan_json  # noqa: PLC0415

    return plan_json(plan, items, today=day, only=only).encode("utf-8")


def _workbook_file(plan: Plan) -> Path:
    return Path(f"{plan.plan.id}.xlsx")


EXPORTS = (
    Export(
        "xlsx",
        _(
            "Bảng Excel: Phụ lục theo mẫu (tình trạng, hạn, số ngày trễ, minh chứng) "
            "và từng đơn vị."
        ),
        RoleChoice.LEAD,
        _xlsx,
        _workbook_file,
    ),
    # The page shows each unit's whole part in the plan: what it leads and what it supports.
    Export(
        "html",
        _(
            "Một trang HTML tự chứa (không cần mạng): tổng hợp theo đơn vị, việc quá hạn, "
            "tiến độ năm."
        ),
        RoleChoice.ALL,
        _html,
    ),
    Export(
        "md",
        _("Cả kế hoạch thành bảng Markdown theo mẫu Phụ lục (kèm tình trạng)."),
        RoleChoice.LEAD,
        _markdown,
    ),
    Export(
        "csv",
        _("Cả kế hoạch thành CSV theo mẫu Phụ lục (UTF-8 có BOM cho Excel)."),
        RoleChoice.LEAD,
        _csv,
    ),
    Export(
        "json",
        _("Toàn bộ kế hoạch và tình trạng từng phần việc, dạng JSON."),
        RoleChoice.LEAD,
        _json,
    ),
)


@catch_errors
def _export_plan(
    export: Export,
    unit: str | None,
    today: str | None,
    plan: list[Path] | None,
    plan_id: str | None,
    output: Path | None,
    role: RoleChoice | None,
    force: bool,
) -> int:
    """Run an export of the one plan asked for; its own file is refreshed by every run."""
    space = open_workspace(plan, today, plan_id)
    view, items = space.plan_items(unit, role_filter(role, export.role))
    # With --unit, only the tasks that unit takes part in, and its own items.
    only = {item.task.id for item in items} if unit else None
    data = export.build(view.plan, items, space.today, only)
    own = output is None and export.default_file is not None
    target = export.default_file(view.plan) if own and export.default_file else output
    write_output(data, target, replace=force or own)
    return EXIT_OK


def _command(export: Export) -> Callable[..., None]:
    def command(
        unit: UnitOpt = None,
        today: TodayOpt = None,
        plan: PlanOpt = None,
        plan_id: PlanIdOpt = None,
        output: OutputOpt = None,
        role: RoleOpt = None,
        force: ForceOpt = False,
    ) -> None:
        _export_plan(export, unit, today, plan, plan_id, output, role, force)

    return command


for _export in EXPORTS:
    export_app.command(_export.name, help=_export.help)(_command(_export))
