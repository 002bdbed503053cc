"""The daily views: status, overdue, upcoming, show, units, targets."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from tthc_plan.cli.common import (
    AllPlansOpt,
    PlanIdOpt,
    PlanOpt,
    RoleChoice,
    RoleOpt,
    TaskArg,
    TodayOpt,
    UnitOpt,
    ViewFormatOpt,
    WithinOpt,
    app,
    catch_errors,
    echo_output,
    open_workspace,
    role_filter,
)
from tthc_plan.core import DEFAULT_WITHIN
from tthc_plan.core.dates import format_date
from tthc_plan.errors import (
    EXIT_OK,
    EXIT_PROBLEMS,
)
from tthc_plan.i18n import _
from tthc_plan.output.formats import ViewFormat


class Grouping(StrEnum):
    """How a list is cut into rows."""

    UNIT = "unit"
    TASK = "task"


GroupOpt = Annotated[
    Grouping,
    typer.Option(
        "--group",
        help=_("unit: mỗi đơn vị một dòng; task: mỗi nhiệm vụ (và kỳ) một dòng, kèm các đơn vị."),
    ),
]


@app.command(
    help=_(
        "Tình hình theo đơn vị: quá hạn, sắp đến hạn, đang làm... (--unit: việc của một đơn vị)."
    )
)
@catch_errors
def status(
    unit: UnitOpt = None,
    today: TodayOpt = None,
    within: WithinOpt = DEFAULT_WITHIN,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    all_plans: AllPlansOpt = False,
    output: ViewFormatOpt = ViewFormat.TABLE,
    role: RoleOpt = None,
    group: GroupOpt = Grouping.UNIT,
) -> int:
    from tthc_plan.core.views import sort_items, unit_counts  # noqa: PLC0415
    from tthc_plan.output.views import render_items, render_unit_counts  # noqa: PLC0415

    space = open_workspace(plan, today, plan_id, all_plans=all_plans)
    day = space.today
    if unit is None:
        roles = role_filter(role, RoleChoice.LEAD)
        items = space.items(today=day, within=within, roles=roles)
        title = _("Tình hình thực hiện ngày {today}").format(today=format_date(day))
        if group is Grouping.TASK:  # each state, one row per task with its units
            shown = render_items(sort_items(items), day, output, title=title, grouped=True,
                                 by_task=True)  # fmt: skip
        else:
            shown = render_unit_counts(unit_counts(items), items, day, output, title=title)
        echo_output(shown)
        return EXIT_OK
    chosen = space.unit_filter(unit)
    roles = role_filter(role, RoleChoice.ALL)  # support items as context
    items = sort_items(space.items(today=day, within=within, unit=chosen, roles=roles))
    by_task = group is Grouping.TASK
    if len(chosen.names) > 1 and output in {ViewFormat.TABLE, ViewFormat.MD}:
        # "Văn phòng" in a district's plan and in a commune's: one heading each
        for one_plan, name in chosen.names.items():
            title = _("Việc của «{unit}» ({plan}) ngày {today}").format(
                unit=name, plan=one_plan, today=format_date(day)
            )
            own = [item for item in items if item.plan == one_plan]
            shown = render_items(own, day, output, title=title, grouped=True, by_task=by_task)
            echo_output(shown)
        return EXIT_OK
    title = _("Việc của «{unit}» ngày {today}").format(unit=chosen.name, today=format_date(day))
    echo_output(render_items(items, day, output, title=title, grouped=True, by_task=by_task))
    return EXIT_OK


@app.command(help=_("Việc quá hạn, trễ lâu nhất trước."))
@catch_errors
def overdue(
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    all_plans: AllPlansOpt = False,
    output: ViewFormatOpt = ViewFormat.TABLE,
    fail: Annotated[
        bool, typer.Option("--fail", help=_("Thoát với mã 1 nếu có việc quá hạn (cho cron, CI)."))
    ] = False,
    role: RoleOpt = None,
    group: GroupOpt = Grouping.UNIT,
) -> int:
    from tthc_plan.core.schedule import State  # noqa: PLC0415
    from tthc_plan.core.views import overdue_items  # noqa: PLC0415
    from tthc_plan.output.views import render_items, sole_unit  # noqa: PLC0415

    space = open_workspace(plan, today, plan_id, all_plans=all_plans)
    day = space.today
    chosen = space.unit_filter(unit) if unit else None
    roles = role_filter(role, RoleChoice.LEAD)
    found = space.items(today=day, unit=chosen, states={State.OVERDUE}, roles=roles)
    items = overdue_items(found)
    who = chosen.name if chosen is not None else sole_unit(items)
    if who is not None:  # no unit column then: the heading says whose items they are
        title = _("Việc quá hạn của {unit} ngày {today}").format(unit=who, today=format_date(day))
    else:
        title = _("Việc quá hạn ngày {today}").format(today=format_date(day))
    by_task = group is Grouping.TASK
    shown = render_items(
        items, day, output, title=title, grouped=False, overdue=True, by_task=by_task
    )
    echo_output(shown)
    return EXIT_PROBLEMS if fail and items else EXIT_OK


@app.command(help=_("Việc đến hạn và việc bắt đầu trong N ngày tới."))
@catch_errors
def upcoming(
    within: WithinOpt = DEFAULT_WITHIN,
    unit: UnitOpt = None,
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    all_plans: AllPlansOpt = False,
    output: ViewFormatOpt = ViewFormat.TABLE,
    role: RoleOpt = None,
) -> int:
    from tthc_plan.core.views import upcoming_items  # noqa: PLC0415
    from tthc_plan.output.views import render_upcoming, sole_unit  # noqa: PLC0415

    space = open_workspace(plan, today, plan_id, all_plans=all_plans)
    day = space.today
    chosen = space.unit_filter(unit) if unit else None
    roles = role_filter(role, RoleChoice.LEAD)
    items = space.items(today=day, within=within, unit=chosen, roles=roles)
    found = upcoming_items(items, today=day, within=within)
    who = chosen.name if chosen is not None else sole_unit([u.item for u in found])
    if who is not None:  # no unit column then: the heading says whose items they are
        title = _("Việc của {unit} trong {days} ngày tới, từ {today}").format(
            unit=who, days=within, today=format_date(day)
        )
    else:
        title = _("Trong {days} ngày tới, từ {today}").format(days=within, today=format_date(day))
    echo_output(render_upcoming(found, day, within, output, title=title))
    return EXIT_OK


@app.command(help=_("Một nhiệm vụ đầy đủ: nguyên văn, cách hiểu thời hạn, từng phần việc."))
@catch_errors
def show(
    task_id: TaskArg,
    today: TodayOpt = None,
    within: WithinOpt = DEFAULT_WITHIN,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    output: ViewFormatOpt = ViewFormat.TABLE,
    role: RoleOpt = None,
) -> int:
    from tthc_plan.core.views import sort_items  # noqa: PLC0415
    from tthc_plan.output.views import render_task  # noqa: PLC0415

    space = open_workspace(plan, today, plan_id)
    view, task = space.task(task_id)
    roles = role_filter(role, RoleChoice.ALL)
    items = sort_items(space.task_items(view, task, within=within, roles=roles))
    timeframe = view.times.of(task)
    text = render_task(view.plan, task, timeframe, items, today=space.today, fmt=output)
    typer.echo(text)
    return EXIT_OK


@app.command(help=_("Danh mục đơn vị, với số việc chủ trì, phối hợp và quá hạn của mỗi đơn vị."))
@catch_errors
def units(
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    output: ViewFormatOpt = ViewFormat.TABLE,
    role: RoleOpt = None,
) -> int:
    from tthc_plan.core.schedule import Role  # noqa: PLC0415
    from tthc_plan.core.views import registry_rows  # noqa: PLC0415
    from tthc_plan.output.records import render_registry  # noqa: PLC0415

    space = open_workspace(plan, today, plan_id)
    day = space.today
    roles = role_filter(role, RoleChoice.LEAD)
    items = space.items(today=day, roles=roles)
    rows = [
        row
        for view in space.views
        for row in registry_rows(view.plan.plan.id, view.plan.units, items)
    ]
    with_support = roles is None or Role.SUPPORT in roles
    typer.echo(render_registry(rows, day, output, with_support=with_support))
    return EXIT_OK


@app.command(
    help=_("Các chỉ tiêu: yêu cầu đến hạn nào, số đo gần nhất, đạt, đúng tiến độ hay chậm.")
)
@catch_errors
def targets(
    today: TodayOpt = None,
    plan: PlanOpt = None,
    plan_id: PlanIdOpt = None,
    output: ViewFormatOpt = ViewFormat.TABLE,
) -> int:
    from tthc_plan.core.targets import targets_status  # noqa: PLC0415
    from tthc_plan.output.records import render_targets  # noqa: PLC0415

    space = open_workspace(plan, today, plan_id)
    view = space.single_view()
    statuses = targets_status(
        view.plan, view.progress.measurements, today=space.today, times=view.times
    )
    typer.echo(render_targets(statuses, space.today, output))
    return EXIT_OK
