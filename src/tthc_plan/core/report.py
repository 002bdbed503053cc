"""The periodic report on a plan: what fell due in a period and how it went (pure).

A period's tasks are those due in the calendar period (Q1 is 01/01 to 31/03),
with their state on the report's day; beside them the report lists what is
still overdue from earlier periods, the windows and ongoing tasks running in
the period, and what falls due in the next one.

The cut-off days of Nghị định 09/2019/NĐ-CP (data counted from the day after
the cut-off of the month before the period to the cut-off of its last month:
Q1 from 15/12 to 14/3) govern the statistics a report quotes, the case
counts; they are kept as the data window and never decide which tasks a
period covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from msgspec import Struct, field

from tthc_plan.core.model import Plan, Task
from tthc_plan.core.schedule import Item, State
from tthc_plan.core.text import vietnamese_key
from tthc_plan.core.timeframe.period import Frequency, label_problem, parse_label
from tthc_plan.core.timeframe.period import Period as CalendarPeriod
from tthc_plan.errors import UsageError


class Period(Struct, frozen=True):
    """A reporting period: its calendar period and its statistics window."""

    kind: Frequency
    calendar: CalendarPeriod  # the tasks due in it are the period's
    data_first: date  # the statistics window of Nghị định 09/2019 (cut-off days)
    data_last: date

    @property
    def year(self) -> int:
        """Return the period's year."""
        return self.calendar.year

    @property
    def first(self) -> date:
        """Return the period's first day."""
        return self.calendar.first

    @property
    def last(self) -> date:
        """Return the period's last day."""
        return self.calendar.last

    @property
    def number(self) -> int:
        """Return the quarter, half or month; 1 for a year."""
        return self.calendar.month if self.kind is Frequency.MONTHLY else self.calendar.number

    @property
    def label(self) -> str:
        """Return the period as written: 2024-Q1 (as the periods of recurring tasks)."""
        return self.calendar.label

    def next(self, cutoff_day: int) -> Period:
        """Return the period of the same length that follows this one."""
        return _period(self.kind, self.calendar.following(self.kind), cutoff_day)


def reporting_period(label: str, cutoff_day: int) -> Period:
    """Return the period "2024-Q1", "2024-H1", "2024-03" or "2024"."""
    found = parse_label(label)
    if found is None:
        raise UsageError(str(label_problem(label)))
    return _period(*found, cutoff_day)


def _period(kind: Frequency, calendar: CalendarPeriod, cutoff_day: int) -> Period:
    """The statistics window runs from the day after the cut-off of the month before
    the period to the cut-off of its last month (Q1: 15/12 to 14/3)."""
    first, last = calendar.first, calendar.last
    data_first = first - relativedelta(months=1) + timedelta(days=cutoff_day)
    data_last = date(last.year, last.month, cutoff_day)
    return Period(kind, calendar, data_first, data_last)


class UnitLine(Struct):
    """One unit's figures for the items due in the period."""

    unit: str
    due: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0  # not done, not late yet: due later in the period than the report's day


class ReportData(Struct):
    """Everything the report says, before it is laid out in Word or Markdown."""

    plan: Plan
    period: Period
    following: Period  # the next period, for "kỳ tới"
    as_of: date
    units: list[UnitLine] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)  # due in the period
    carried: list[Item] = field(default_factory=list)  # still overdue from earlier periods
    running: list[Item] = field(default_factory=list)  # windows and ongoing tasks in the period
    upcoming: list[Item] = field(default_factory=list)  # due in the next period

    def totals(self) -> UnitLine:
        """Return the figures summed over every unit (a line with no unit name)."""
        total = UnitLine("")
        for line in self.units:
            total.due += line.due
            total.on_time += line.on_time
            total.late += line.late
            total.overdue += line.overdue
            total.pending += line.pending
        return total


def build_report(
    plan: Plan, items: Sequence[Item], period: Period, *, as_of: date, cutoff_day: int
) -> ReportData:
    """Gather what the report on `period` says, as things stand on `as_of`."""
    following = period.next(cutoff_day)
    data = ReportData(plan, period, following, as_of)
    for item in items:
        due = item.slot.due
        if due is not None and period.first <= due <= period.last:
            data.items.append(item)
        elif due is not None and due < period.first and item.state is State.OVERDUE:
            data.carried.append(item)
        elif _runs_in(item, period):
            data.running.append(item)
        if due is not None and following.first <= due <= following.last:
            data.upcoming.append(item)
    lines: dict[str, UnitLine] = {}
    for item in data.items:
        line = lines.setdefault(item.unit.id, UnitLine(item.unit.name))
        line.due += 1
        if item.state is State.DONE:
            if item.days_late:
                line.late += 1
            else:
                line.on_time += 1
        elif item.state is State.OVERDUE:
            line.overdue += 1
        else:
            line.pending += 1
    data.units = sorted(lines.values(), key=lambda line: vietnamese_key(line.unit))
    data.upcoming.sort(key=_by_due)
    data.carried = sorted(data.carried, key=lambda i: (-i.days_late, i.task.id, i.unit.name))
    return data


def _by_due(item: Item) -> tuple[date, str, str]:
    return (item.slot.due or date.max, item.task.id, item.slot.period or "")


def _runs_in(item: Item, period: Period) -> bool:
    """Tell whether an item runs during the period (started, due later), or is ongoing."""
    slot = item.slot
    if slot.ongoing:
        return True
    return (
        slot.start is not None
        and slot.due is not None
        and slot.start <= period.last
        and slot.due > period.last
    )


def by_task(items: Iterable[Item]) -> dict[tuple[str, str | None], list[Item]]:
    """Group items by task and period, in order of first appearance."""
    found: dict[tuple[str, str | None], list[Item]] = {}
    for item in items:
        found.setdefault((item.task.id, item.slot.period), []).append(item)
    return found


class TaskLine(Struct):
    """One task (and period) of a report: its units sorted by how they stand.

    A task led by 21 units is one line that counts them ("đã xong 17/21") and
    names those not done, instead of 21 lines.
    """

    task: Task
    period: str | None
    due: date | None
    units: int = 0
    on_time: list[Item] = field(default_factory=list)
    late: list[Item] = field(default_factory=list)  # done after the last day
    overdue: list[Item] = field(default_factory=list)  # not done, past the last day
    pending: list[Item] = field(default_factory=list)  # not done, not due yet

    @property
    def done(self) -> int:
        """Return how many units have done it."""
        return len(self.on_time) + len(self.late)

    @property
    def only(self) -> Item | None:
        """Return the one item when one unit leads the task, else None."""
        items = [*self.on_time, *self.late, *self.overdue, *self.pending]
        return items[0] if len(items) == 1 else None


def task_lines(items: Iterable[Item]) -> list[TaskLine]:
    """Group items by task and period, by last day then id; units in Vietnamese order."""
    lines: list[TaskLine] = []
    for share in by_task(sorted(items, key=_by_due)).values():
        first = share[0]
        line = TaskLine(first.task, first.slot.period, first.slot.due, len(share))
        for item in sorted(share, key=lambda i: vietnamese_key(i.unit.name)):
            if item.state is State.DONE:
                (line.late if item.days_late else line.on_time).append(item)
            elif item.state is State.OVERDUE:
                line.overdue.append(item)
            else:
                line.pending.append(item)
        lines.append(line)
    return lines
