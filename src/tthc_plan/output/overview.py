"""How every timeframe of a plan is read: a table for people, JSON for programs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tthc_plan.core.plan_time import task_calendar, task_timeframe
from tthc_plan.i18n import _
from tthc_plan.output.formats import dumps
from tthc_plan.output.tables import Column, draw_table
from tthc_plan.output.timeframe import describe_timeframe, timeframe_json
from tthc_plan.store.plans import load_valid_plan


def plan_timeframes(paths: list[Path], *, json_output: bool) -> str:
    """Return each task's timeframe text beside how it is understood."""
    rows: list[tuple[str, str, str]] = []
    data: list[dict[str, Any]] = []
    for path in paths:
        plan = load_valid_plan(path)
        for task in plan.tasks():
            calendar = task_calendar(plan.reporting, task)
            parsed = task_timeframe(task, plan.plan.year)
            rows.append((task.id, task.timeframe, describe_timeframe(parsed, calendar)))
            data.append({"plan": plan.plan.id, "task": task.id, **timeframe_json(parsed, calendar)})
    if json_output:
        return dumps(data)
    headers = (_("Mã"), _("Thời gian thực hiện (nguyên văn)"), _("Cách hiểu"))
    return draw_table([Column(header) for header in headers], rows, expand=False)
