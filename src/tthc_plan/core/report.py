"""The periodic report on a plan: what fell due in a reporting period and how it went (pure).

The period's dates come from the plan's reporting calendar: data are counted
from the day after the cut-off of the month before the period to the cut-off
day of its last month (Nghị định 09/2019/NĐ-CP: Q1 runs from 15/12 to 14/3).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta
from msgspec import Struct, field

from tthc_plan.core.model import Plan
from tthc_plan.core.schedule import Item, State
from tthc_plan.core.text import vietnamese_key
from tthc_plan.errors import UsageError
from tthc_plan.i18n import _

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>0[1-9]|1[0-2])))?$")


class PeriodKind(StrEnum):
    """How long a reporting period is."""

    QUARTER = "quarter"
    HALF = "half"
    MONTH = "month"
    YEAR = "year"


class Period(Struct, frozen=True):
    """A reporting period: its label, what it is, and its data window."""

    label: str  # "2024-Q1"
    kind: PeriodKind
    year: int
    number: int  # the quarter, half or month; 0 for a year
    first: date
    last: date


def reporting_period(label: str, cutoff_day: int) -> Period:
    """Return the data window of "2024-Q1", "2024-H1", "2024-03" or "2024"."""
    match = _PERIOD.match(label.strip())
    if match is None:
        message = _("Kỳ «{label}» không đúng dạng: viết 2024-Q1, 2024-H1, 2024-03 hoặc 2024.")
        raise UsageError(message.format(label=label))
    year = int(match["year"])
    if match["q"]:
        kind, number = PeriodKind.QUARTER, int(match["q"])
        months = (number * 3 - 2, number * 3)
    elif match["h"]:
        kind, number = PeriodKind.HALF, int(match["h"])
        months = (1, 6) if number == 1 else (7, 12)
    elif match["m"]:
        kind, number = PeriodKind.MONTH, int(match["m"])
        months = (number, number)
    else:
        kind, number, months = PeriodKind.YEAR, 0, (1, 12)
    first = date(year, months[0], 1) - relativedelta(months=1) + timedelta(days=cutoff_day)
    return Period(label, kind, year, number, first, date(year, months[1], cutoff_day))


class UnitLine(Struct):
    """One unit's figures for the period."""

    unit: str
    due: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0


class ReportData(Struct):
    """Everything the report says, before it is laid out in Word or Markdown."""

    plan: Plan
    period: Period
    as_of: date
    units: list[UnitLine] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    overdue: dict[str, list[Item]] = field(default_factory=dict)

    def totals(self) -> UnitLine:
        """Return the figures summed over every unit (a line with no unit name)."""
        total = UnitLine("")
        for line in self.units:
            total.due += line.due
            total.on_time += line.on_time
            total.late += line.late
            total.overdue += line.overdue
        return total


def build_report(plan: Plan, items: Sequence[Item], period: Period, *, as_of: date) -> ReportData:
    """Gather the items due in the period, as they stand on `as_of`."""
    due = [i for i in items if i.slot.due is not None and period.first <= i.slot.due <= period.last]
    data = ReportData(plan, period, as_of, items=due)
    lines: dict[str, UnitLine] = {}
    for item in due:
        line = lines.setdefault(item.unit.id, UnitLine(item.unit.name))
        line.due += 1
        if item.state is State.DONE:
            if item.days_late:
                line.late += 1
            else:
                line.on_time += 1
        elif item.state is State.OVERDUE:
            line.overdue += 1
            data.overdue.setdefault(item.unit.name, []).append(item)
    data.units = sorted(lines.values(), key=lambda line: vietnamese_key(line.unit))
    data.overdue = dict(sorted(data.overdue.items(), key=lambda pair: vietnamese_key(pair[0])))
    return data
