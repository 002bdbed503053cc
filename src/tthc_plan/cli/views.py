"""The daily views: status, overdue, upcoming, show, units, targets.

The work of the first three is in cli/daily.py, which runs without Typer
when their command line is a plain one (cli/quick.py).
"""

from __future__ import annotations

from typing import Annotated

import typer

from tthc_plan.cli import daily
from tthc_plan.cli.common import (
    AllPlansOpt,
    PlanIdOpt,
    PlanOpt,
    RoleOpt,
    TaskArg,
    TodayOpt,
    UnitOpt,
    ViewFormatOpt,
    WithinOpt,
    app,
    catch_errors,
)
from tthc_plan.cli.daily import Grouping
from tthc_plan.cli.plain import RoleChoice, open_workspace, role_filter
from tthc_plan.core import DEFAULT_WITHIN
from tthc_plan.errors import (
    EXIT_OK,
)
from tthc_plan.i18n import _
from tthc_plan.output.formats import ViewFormat

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
    return daily.status(
        unit=unit, today=today, within=within, plan=plan, plan_id=plan_id,
        all_plans=all_plans, output=output, role=role, group=group,
    )  # fmt: skip


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
    return daily.overdue(
        unit=unit, today=today, plan=plan, plan_id=plan_id, all_plans=all_plans,
        output=output, fail=fail, role=role, group=group,
    )  # fmt: skip


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
    return daily.upcoming(
        within=within, unit=unit, today=today, plan=plan, plan_id=plan_id,
        all_plans=all_plans, output=output, role=role,
    )  # fmt: skip


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
