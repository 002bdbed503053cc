"""What each task asks of whom and when: its units and its occurrences, with no day in it.

Worked out from the units registry and the timeframes when a plan is checked
(`assign`), and kept with the plan in the cache (core.schedule.Assignments);
the checks of progress records and of `tthc done` ask the same questions of
one task (`responsible`, `periods_of`, `period_start`).
"""

from __future__ import annotations

import functools
from datetime import date

from tthc_plan.core.model import Plan, Task, Unit
from tthc_plan.core.plan_time import PlanTimes, task_calendar
from tthc_plan.core.progress_check import opening
from tthc_plan.core.schedule import Assignment, Assignments, Slot
from tthc_plan.core.timeframe import (
    Deadline,
    Ongoing,
    Recurring,
    ReportingCalendar,
    Timeframe,
    Window,
)
from tthc_plan.core.timeframe.period import names_of
from tthc_plan.core.units import UnitRegistry


def assign(plan: Plan, registry: UnitRegistry, times: PlanTimes) -> Assignments:
    """Return what every task of a valid plan asks of whom and when."""
    units: dict[tuple[str, ...], int] = {}
    slots: dict[tuple[Slot, ...], int] = {}
    # Many tasks name the same cells: resolve each pair once.
    cells_of: dict[tuple[object, object], tuple[int, int, int]] = {}
    tasks = []
    for task in plan.tasks():
        cells = (_cell_key(task.lead), _cell_key(task.support))
        if cells not in cells_of:
            lead, support = responsible(registry, task)
            found = (lead, support, _named_lead(registry, task))
            ids = [tuple(unit.id for unit in units_found) for units_found in found]
            lead_at, support_at, named_at = (units.setdefault(i, len(units)) for i in ids)
            cells_of[cells] = (lead_at, support_at, named_at)
        timetable = task_slots(times.of(task), plan, task)
        at = slots.setdefault(timetable, len(slots))
        tasks.append(Assignment(task.id, at, *cells_of[cells]))
    return Assignments(list(units), list(slots), tasks)


def task_slots(timeframe: Timeframe, plan: Plan, task: Task) -> tuple[Slot, ...]:
    """Return the occurrences of a task: dated ones, else one ongoing or undated slot."""
    recurring = any(isinstance(part, Recurring) for part in timeframe.parts)
    return _slots(timeframe, task_calendar(plan.reporting, task) if recurring else None)


@functools.lru_cache(maxsize=4096)  # a province's tasks share a few dozen timeframes
def _slots(timeframe: Timeframe, calendar: ReportingCalendar | None) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    dated = [part for part in timeframe.parts if isinstance(part, Deadline | Window)]
    # Several dates in one phrase ("Tháng 4 và tháng 10/2026") are several occurrences,
    # each recorded apart under its name: its period or month ("2026-04"), else its day.
    names = names_of([(part.start, part.due) for part in dated]) if len(dated) > 1 else []
    for n, dated_part in enumerate(dated):
        period = names[n] if names else None
        window = isinstance(dated_part, Window)
        slots.append(Slot(dated_part.start, dated_part.due, period, window=window))
    for part in timeframe.parts:
        if isinstance(part, Recurring) and calendar is not None:
            slots.extend(Slot(None, o.due, o.period) for o in part.occurrences(calendar))
    if slots:
        return tuple(slots)
    ongoing = any(isinstance(part, Ongoing) for part in timeframe.parts)
    return (Slot(None, None, None, ongoing=ongoing),)


def periods_of(plan: Plan, task: Task, times: PlanTimes) -> list[str | None]:
    """Return the occurrence labels of a task (None for a task with one occurrence)."""
    timeframe = times.of(task)
    return [slot.period for slot in task_slots(timeframe, plan, task)]


def period_start(plan: Plan, task: Task, times: PlanTimes, period: str | None) -> date | None:
    """Return the first day of an occurrence's period, before which it cannot be done.

    None for a task of one occurrence, or when the occurrence falls due before its
    period begins ("Trước ngày 01 hằng tháng": January's work is due on 31/12).
    """
    return opening(task_slots(times.of(task), plan, task), period)


def responsible(registry: UnitRegistry, task: Task) -> tuple[list[Unit], list[Unit]]:
    """Return the lead and support units of a task, groups expanded to their members.

    A unit named as lead is not also a supporter of the same task, even when a
    support group it belongs to is named ("Phòng Nội vụ" leads IX.3, "Các phòng
    chuyên môn" support it: the department is lead only).
    """
    lead = _expand(registry, task.lead)
    lead_ids = {unit.id for unit in lead}
    support = [unit for unit in _expand(registry, task.support) if unit.id not in lead_ids]
    return lead, support


def _expand(registry: UnitRegistry, cells: str | list[str] | None) -> list[Unit]:
    if cells is None:
        return []
    found: dict[str, Unit] = {}
    for cell in [cells] if isinstance(cells, str) else cells:
        matches, _unknown = registry.split_cell(cell)
        for match in matches:
            found.update((u.id, u) for u in registry.members(match.unit) if u.id not in found)
    return list(found.values())


def _named_lead(registry: UnitRegistry, task: Task) -> tuple[Unit, ...]:
    """Return the lead units as the plan names them (groups not expanded)."""
    cells = [] if task.lead is None else [task.lead] if isinstance(task.lead, str) else task.lead
    named: list[Unit] = []
    for cell in cells:
        named.extend(m.unit for m in registry.split_cell(cell)[0] if m.unit not in named)
    return tuple(named)


def _cell_key(cells: str | list[str] | None) -> object:
    return tuple(cells) if isinstance(cells, list) else cells
