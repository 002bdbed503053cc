"""The dates of a task: its timeframe text, overridden by explicit dates."""

from __future__ import annotations

from collections.abc import Mapping

from tthc_plan.core.model import Calendar, Reporting, Task
from tthc_plan.core.timeframe import (
    CivilCalendar,
    Deadline,
    Part,
    Recurring,
    ReportingCalendar,
    Timeframe,
    Window,
    parse_timeframe,
)

_DATED = (Deadline, Window, Recurring)


class PlanTimes:
    """The timeframes of one plan's tasks, each phrase read once for the plan's year.

    Plans repeat a handful of phrases many times. A plan read back from the
    cache comes with its phrases read (`read`), so none is parsed again.
    """

    def __init__(
        self,
        year: int,
        read: Mapping[str, Timeframe] | None = None,
        calendar: Calendar | None = None,
    ) -> None:
        """Read phrases for `year` as needed; `read`: phrases read before for the same year
        and calendar; `calendar`: the plan's own days off and working days."""
        self.year = year
        self.civil = civil_calendar(calendar or Calendar())
        self._read: dict[str, Timeframe] = dict(read or {})

    def phrase(self, text: str) -> Timeframe:
        """Return a phrase read for the plan's year; raise TimeframeError if it cannot be."""
        found = self._read.get(text)
        if found is None:
            found = self._read[text] = parse_timeframe(text, year=self.year, civil=self.civil)
        return found

    def of(self, task: Task) -> Timeframe:
        """Return the task's timeframe (see `task_timeframe`)."""
        return task_timeframe(task, self.year, self.phrase(task.timeframe), self.civil)

    def read(self) -> dict[str, Timeframe]:
        """Return every phrase read so far (to be given to a new PlanTimes)."""
        return dict(self._read)


def civil_calendar(calendar: Calendar) -> CivilCalendar:
    """Return Viet Nam's calendar with the plan's own days off and working days."""
    return CivilCalendar(tuple(calendar.days_off), tuple(calendar.working_days))


def task_timeframe(
    task: Task, year: int, parsed: Timeframe | None = None, civil: CivilCalendar | None = None
) -> Timeframe:
    """Parse the task's timeframe; `dates` (start, due, rrule), when given, win over the text.

    A `correction` (the Office's date where the source is wrong) wins over both.
    `parsed`: the task's phrase, when it has been read already.
    """
    if parsed is None:
        parsed = parse_timeframe(task.timeframe, year=year, civil=civil)
    if task.correction is not None:
        fixed = task.correction
        dated: Part = Window(fixed.start, fixed.due) if fixed.start else Deadline(fixed.due)
        undated = [part for part in parsed.parts if not isinstance(part, _DATED)]
        return Timeframe(parsed.text, (dated, *undated))
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
