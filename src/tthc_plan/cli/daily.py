"""The work of the daily views (status, overdue, upcoming) once their options are read.

Typer declares the options (cli/views.py); cli/quick.py reads a plain
command line of these views without Typer. Both call these functions, which
import neither Typer nor click.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from tthc_plan.cli.plain import RoleChoice, echo_output, open_workspace, role_filter
from tthc_plan.core.dates import format_date
from tthc_plan.errors import EXIT_OK, EXIT_PROBLEMS
from tthc_plan.i18n import _
from tthc_plan.output.formats import ViewFormat


class Grouping(StrEnum):
    """How a list is cut into rows."""

    UNIT = "unit"
    TASK = "task"


def status(
    *,
    unit: str | None,
    today: str | None,
    within: int,
    plan: list[Path] | None,
    plan_id: str | None,
    all_plans: bool,
    output: ViewFormat,
    role: RoleChoice | None,
    group: Grouping,
) -> int:
    """Show where each unit stands, or one unit's items (--unit); return the exit code."""
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


def overdue(
    *,
    unit: str | None,
    today: str | None,
    plan: list[Path] | None,
    plan_id: str | None,
    all_plans: bool,
    output: ViewFormat,
    fail: bool,
    role: RoleChoice | None,
    group: Grouping,
) -> int:
    """Show the overdue items, most days late first; return the exit code."""
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


def upcoming(
    *,
    within: int,
    unit: str | None,
    today: str | None,
    plan: list[Path] | None,
    plan_id: str | None,
    all_plans: bool,
    output: ViewFormat,
    role: RoleChoice | None,
) -> int:
    """Show what falls due and what opens in the next `within` days; return the exit code."""
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
