"""Typed values a timeframe phrase turns into."""

from __future__ import annotations

import functools
from datetime import date
from enum import StrEnum

from msgspec import Struct

from tthc_plan.core.docref import DocumentRef
from tthc_plan.core.problem import Message
from tthc_plan.core.timeframe.period import Frequency, Occurrence, periods_of_year
from tthc_plan.core.timeframe.recurrence import Rule, explicit_days

__all__ = ["Frequency", "Occurrence", "Rule"]


class Kind(StrEnum):
    """What kind of time a phrase names (the `kind` of `tthc timeframe`)."""

    DEADLINE = "deadline"
    WINDOW = "window"
    ONGOING = "ongoing"
    RECURRING = "recurring"
    ON_REQUEST = "on_request"
    PER_REFERENCE = "per_reference"
    AFTER_EVENT = "after_event"


class Deadline(Struct, frozen=True, tag=True):
    """Work due by `due` (inclusive); `start` is when its period opens, if any."""

    due: date
    start: date | None = None
    kind = Kind.DEADLINE


class Window(Struct, frozen=True, tag=True):
    """Work carried out from `start` to `due`, both inclusive."""

    start: date
    due: date
    kind = Kind.WINDOW


class Ongoing(Struct, frozen=True, tag=True):
    """Continuous work ("Thường xuyên"): never overdue; `start`, if it opens on a day."""

    start: date | None = None  # "Từ 01/7/2025", "năm 2026 và các năm tiếp theo"
    kind = Kind.ONGOING


class OnRequest(Struct, frozen=True, tag=True):
    """Work done when asked ("Theo yêu cầu", "đột xuất")."""

    requester: str | None = None
    kind = Kind.ON_REQUEST


class PerReference(Struct, frozen=True, tag=True):
    """Dates set by another document."""

    document: DocumentRef
    kind = Kind.PER_REFERENCE


class AfterEvent(Struct, frozen=True, tag=True):
    """Work due after an event that has no date yet."""

    event: str
    days: int | None = None
    working_days: bool = False
    kind = Kind.AFTER_EVENT


class ReportingCalendar(Struct, frozen=True):
    """When periodic reports are due: day `due_day` of the period's last month."""

    due_day: int = 16
    cutoff_day: int = 14


class Recurring(Struct, frozen=True, tag=True):
    """Periodic work of a year: reports by the plan's calendar (`frequencies`), the
    occurrences of a rule read from the words (`stated`, worked out as `dates`), or
    the dates of an explicit iCalendar RRULE (`rule` alone, from a plan's `dates:`)."""

    frequencies: tuple[Frequency, ...]
    year: int
    rule: str | None = None  # RRULE text: the plan's own, or the stated rule's where it has one
    dates: tuple[Occurrence, ...] = ()
    stated: Rule | None = None
    kind = Kind.RECURRING

    def occurrences(self, calendar: ReportingCalendar) -> tuple[Occurrence, ...]:
        """Return every occurrence, in due-date order."""
        if self.stated is not None:
            return self.dates
        if self.rule is not None:
            # Bounded and clipped to the plan's year (`explicit_days`).
            return tuple(Occurrence(d.isoformat(), d) for d in explicit_days(self.rule, self.year))
        found: list[Occurrence] = []
        for frequency in self.frequencies:
            found.extend(_period_occurrences(frequency, self.year, calendar.due_day))
        return tuple(sorted(found, key=lambda o: (o.due, -len(o.period))))


@functools.lru_cache(maxsize=1024)
def _period_occurrences(frequency: Frequency, year: int, due_day: int) -> tuple[Occurrence, ...]:
    """Reports by the calendar: day `due_day` of each period's last month."""
    return tuple(
        Occurrence(period.label, period.last.replace(day=min(due_day, period.last.day)))
        for period in periods_of_year(frequency, year)
    )


# Tagged (tag=True): a cache entry holding parts is read back into the right class.
Part = Deadline | Window | Ongoing | OnRequest | PerReference | AfterEvent | Recurring


class Timeframe(Struct, frozen=True):
    """A whole phrase: one part, or several joined by ";" ("Báo cáo quý; BC đột xuất")."""

    text: str
    parts: tuple[Part, ...]
    note: str | None = None  # words of the phrase no part used ("và có rà soát, điều chỉnh")
    remarks: tuple[Message, ...] = ()  # how a date was worked out (days off, Tết), for `show`
    cutoff_day: int | None = None  # the data cut-off day a phrase states (Nghị định 09/2019)

    @property
    def kind(self) -> Kind:
        """Return the kind of the first part, the phrase's main meaning."""
        return self.parts[0].kind

    @property
    def start(self) -> date | None:
        """Return when the work opens, if the phrase says."""
        for part in self.parts:
            if isinstance(part, Deadline | Window):
                return part.start
        return None

    @property
    def due(self) -> date | None:
        """Return the last allowed day, if the phrase has one."""
        for part in self.parts:
            if isinstance(part, Deadline | Window):
                return part.due
        return None

    def occurrences(self, calendar: ReportingCalendar) -> tuple[Occurrence, ...]:
        """Return the due dates of every recurring part."""
        return tuple(
            occurrence
            for part in self.parts
            if isinstance(part, Recurring)
            for occurrence in part.occurrences(calendar)
        )
