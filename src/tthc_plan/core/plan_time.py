"""The dates of a task: its timeframe text, overridden by explicit dates."""

from __future__ import annotations

from tthc_plan.core.model import Plan, Reporting, Task
from tthc_plan.core.timeframe import (
    Deadline,
    Part,
    Recurring,
    ReportingCalendar,
    Timeframe,
    TimeframeError,
    Window,
    parse_timeframe,
)

_DATED = (Deadline, Window, Recurring)


def plan_timeframes(plan: Plan) -> dict[str, Timeframe]:
    """Return every task's timeframe phrase parsed for the plan's year (those that parse).

    Kept with the plan in the cache and given back to `timeframe.remember`.
    """
    found: dict[str, Timeframe] = {}
    for task in plan.tasks():
        if task.timeframe not in found:
            try:
                found[task.timeframe] = parse_timeframe(task.timeframe, year=plan.plan.year)
            except TimeframeError:
                continue  # a problem of the plan, reported by its check
    return found


def task_timeframe(task: Task, year: int) -> Timeframe:
    """Parse the task's timeframe; `dates` (start, due, rrule), when given, win over the text."""
    parsed = parse_timeframe(task.timeframe, year=year)
    dates = task.dates
    if dates is None:
        return parsed
    explicit: list[Part] = []
    if dates.rrule is not None:
        explicit.append(Recurring((), year, dates.rrule))
    due = dates.due if dates.due is not None else parsed.due
    if due is not None:
        start = dates.start if dates.start is not None else parsed.start
        explicit.append(Window(start, due) if start is not None else Deadline(due))
    if not explicit:
        return parsed
    undated = [part for part in parsed.parts if not isinstance(part, _DATED)]
    return Timeframe(parsed.text, (*explicit, *undated))


def task_calendar(reporting: Reporting, task: Task) -> ReportingCalendar:
    """Return when the task's periodic reports are due."""
    due_day = task.report_due_day if task.report_due_day is not None else reporting.due_day
    return ReportingCalendar(due_day, reporting.cutoff_day)
