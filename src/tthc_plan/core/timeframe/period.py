"""Calendar periods: one home for their first and last days, their labels and edges.

A period is a day, a month, a quarter, a half year, a year or a run of months
("9 tháng đầu năm"). Timeframes, recurrences, reports and period labels
("2024-Q1", written in progress files and on the command line) all count
with this one type.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from msgspec import Struct

from tthc_plan.core import DATE_YEARS, PLAN_YEARS
from tthc_plan.core.dates import month_end
from tthc_plan.core.problem import Message, msg

# The years a date written in a phrase may name ("Trước năm 2030", "giai đoạn 1995-2000").
YEARS = DATE_YEARS


class Span(StrEnum):
    """How long a period is."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    YEAR = "year"
    MONTHS = "months"  # a run of months in one year: `month` to `number`


class Frequency(StrEnum):
    """How often a periodic report or task comes round."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    ANNUAL = "annual"


MONTHS_IN = {
    Frequency.MONTHLY: 1,
    Frequency.QUARTERLY: 3,
    Frequency.HALF_YEARLY: 6,
    Frequency.ANNUAL: 12,
}
_SPAN_OF = {
    Frequency.MONTHLY: Span.MONTH,
    Frequency.QUARTERLY: Span.QUARTER,
    Frequency.HALF_YEARLY: Span.HALF,
    Frequency.ANNUAL: Span.YEAR,
}

# A period as people write it: 2024, 2024-Q1, 2024-H2, 2024-03 (also in progress files).
PERIOD_LABEL = re.compile(
    r"^(?P<year>\d{4})(?:-(?:Q(?P<q>[1-4])|H(?P<h>[12])|(?P<m>0[1-9]|1[0-2])))?$"
)


def add_months(year: int, month: int, months: int) -> tuple[int, int]:
    """Return the (year, month) `months` after the given one (negative: before)."""
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


class Occurrence(Struct, frozen=True):
    """One due date of a recurring task: period label ("2024-Q1") and due date."""

    period: str
    due: date


class Period(Struct, frozen=True):
    """One calendar period of a known year."""

    span: Span
    year: int
    month: int = 1  # a day's or a month's month; the first month of a run
    day: int = 1
    number: int = 1  # the quarter or half; the last month of a run

    @classmethod
    def of(cls, frequency: Frequency, year: int, number: int) -> Period:
        """Return the `number`th month, quarter or half of `year`, or the year (number 1)."""
        span = _SPAN_OF[frequency]
        if span is Span.MONTH:
            return cls(span, year, month=number)
        return cls(span, year, number=number)

    @property
    def first(self) -> date:
        """Return the period's first day."""
        match self.span:
            case Span.DAY:
                return date(self.year, self.month, self.day)
            case Span.MONTH | Span.MONTHS:
                return date(self.year, self.month, 1)
            case Span.QUARTER:
                return date(self.year, self.number * 3 - 2, 1)
            case Span.HALF:
                return date(self.year, 6 * self.number - 5, 1)
        return date(self.year, 1, 1)

    @property
    def last(self) -> date:
        """Return the period's last day."""
        match self.span:
            case Span.DAY:
                return self.first
            case Span.MONTH:
                return month_end(self.year, self.month)
            case Span.QUARTER:
                return month_end(self.year, self.number * 3)
            case Span.HALF:
                return month_end(self.year, self.number * 6)
            case Span.MONTHS:
                return month_end(self.year, self.number)
        return date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """Return the period as written in progress files: 2024-Q1, 2024-H2, 2024-03, 2024."""
        match self.span:
            case Span.MONTH:
                return f"{self.year}-{self.month:02d}"
            case Span.QUARTER:
                return f"{self.year}-Q{self.number}"
            case Span.HALF:
                return f"{self.year}-H{self.number}"
            case Span.YEAR:
                return str(self.year)
        return self.first.isoformat() if self.span is Span.DAY else f"{self.first}/{self.last}"

    def edge(self, edge: str) -> date | None:
        """Return its beginning ("dau"), middle ("giua") or end ("cuoi"), Bộ luật Dân sự
        2015 Điều 146: a month's middle is the 15th, a year's 30 June, a quarter's the
        15th of its middle month; None for a day or a run of months."""
        first, last = self.first, self.last
        if edge == "dau":
            return first if self.span not in {Span.DAY, Span.MONTHS} else None
        if edge == "cuoi":
            return last if self.span not in {Span.DAY, Span.MONTHS} else None
        match self.span:
            case Span.MONTH:
                return first.replace(day=15)
            case Span.QUARTER:
                return date(self.year, first.month + 1, 15)
            case Span.YEAR:
                return date(self.year, 6, 30)
        return None

    def following(self, frequency: Frequency) -> Period:
        """Return the period of `frequency` that follows this one (a period of that kind)."""
        year, month = add_months(self.last.year, self.last.month, 1)
        return Period.of(frequency, year, (month - 1) // MONTHS_IN[frequency] + 1)


def month_label(day: date) -> str:
    """Return the label of the month `day` is in: "2026-04"."""
    return Period(Span.MONTH, day.year, day.month).label


def spanned(start: date, due: date) -> Period | None:
    """Return the month, quarter, half or year that runs from `start` to `due`, if one does."""
    if start.year != due.year or start.day != 1 or due != month_end(due.year, due.month):
        return None
    months = due.month - start.month + 1
    for frequency, length in MONTHS_IN.items():
        if months == length and (due.month % length == 0):
            return Period.of(frequency, due.year, due.month // length if length > 1 else due.month)
    return None


def names_of(days: list[tuple[date | None, date]]) -> list[str]:
    """Name several deadlines of one phrase, each apart from the others: by its period
    ("Quý I và quý III/2026": 2026-Q1, 2026-Q3), else by its month ("Tháng 4 và tháng
    10/2026", "trước ngày 15/6 và 15/12": 2026-04...), else by its day."""
    names = []
    for start, due in days:
        period = None if start is None else spanned(start, due)
        names.append(period.label if period is not None else month_label(due))
    if len(set(names)) == len(names):
        return names
    return [due.isoformat() for _, due in days]


def periods_of_year(frequency: Frequency, year: int) -> tuple[Period, ...]:
    """Return the months, quarters, halves of `year`, or the year itself."""
    return tuple(Period.of(frequency, year, n) for n in range(1, 12 // MONTHS_IN[frequency] + 1))


def parse_label(label: str) -> tuple[Frequency, Period] | None:
    """Return the period written "2024-Q1", "2024-H1", "2024-03" or "2024", or None
    (also for a year outside PLAN_YEARS: "9999-Q4" would end past the calendar)."""
    match = PERIOD_LABEL.match(label.strip())
    if match is None:
        return None
    year = int(match["year"])
    if not PLAN_YEARS[0] <= year <= PLAN_YEARS[1]:
        return None
    if match["q"]:
        return Frequency.QUARTERLY, Period.of(Frequency.QUARTERLY, year, int(match["q"]))
    if match["h"]:
        return Frequency.HALF_YEARLY, Period.of(Frequency.HALF_YEARLY, year, int(match["h"]))
    if match["m"]:
        return Frequency.MONTHLY, Period.of(Frequency.MONTHLY, year, int(match["m"]))
    return Frequency.ANNUAL, Period.of(Frequency.ANNUAL, year, 1)


def label_problem(label: str) -> Message | None:
    """Say why `label` is not a period `parse_label` reads (its form, or its year), or None."""
    match = PERIOD_LABEL.match(label.strip())
    if match is None:
        return msg(
            "Kỳ «{label}» không đúng dạng: viết 2024-Q1, 2024-H1, 2024-03 hoặc 2024.", label=label
        )
    if parse_label(label) is None:
        return msg(
            "Kỳ «{label}» có năm {year}, ngoài các năm {first}–{last} của một kế hoạch.",
            label=label.strip(),
            year=int(match["year"]),
            first=PLAN_YEARS[0],
            last=PLAN_YEARS[1],
        )
    return None
