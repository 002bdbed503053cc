"""Points in time as written: `Point`, what it refuses, and the years a list shares.

A point is a day ("01/6", "15 tháng 12 năm 2025"), a month ("tháng 6/2026",
"6/2026"), a quarter ("Quý IV/2025", "Quí IV-2025"), a half year or a run of
months ("6 tháng đầu năm 2026"), a year ("năm 2026", "năm sau"), Tết
("Tết Nguyên đán", "Tết Bính Ngọ") or a lunar year ("năm Giáp Thìn"). Its
year may be left to the context: a year written once on the right belongs to
every point on its left ("Tháng 11 - 12/2025"), a relative year ("năm sau")
counts from the plan's year. The readers of points are `scan.py`'s.
"""

from __future__ import annotations

from datetime import date, timedelta

from msgspec import Struct

from tthc_plan.core.dates import InvalidDateError, make_date
from tthc_plan.core.timeframe.civil import CalendarError, NoSuchLunarDayError, lunar_date, tet
from tthc_plan.core.timeframe.period import Period, Span


class NeedsYearError(Exception):
    """A point without a year, and no plan year to take it from."""


class Point(Struct, frozen=True):
    """A point in time as written, its year possibly left to the context."""

    span: str  # a Span, "tet" (mùng 1 Tết), "lunar" (a lunar year, Tết to Tết), "lunar day"
    year: int | None
    month: int = 1
    day: int = 1
    number: int = 1  # the quarter or half; the last month of a run
    shift: int | None = None  # a relative year: "năm sau" is 1, counted from the plan's year
    written: str = ""  # a day as written ("31/02/2024"), for the error that refuses it
    weekday: int | None = None  # a weekday written beside a day ("(thứ Hai)"): 0 is Monday
    edge: str = ""  # "dau", "giua", "cuoi": that edge of the period (Bộ luật Dân sự Điều 146)

    def with_year(self, year: int | None) -> Point:
        """Return the point with `year` where it has none (a relative year counts from it:
        `year` is then the plan's)."""
        if self.year is not None or year is None:
            return self
        shifted = year + (self.shift or 0)
        return Point(self.span, shifted, self.month, self.day, self.number, self.shift,
                     self.written, self.weekday, self.edge)  # fmt: skip

    def at_edge(self, edge: str) -> Point | None:
        """Return the point's beginning, middle or end, or None if it has no such day."""
        if self.edge or self.span not in _EDGED or (edge == "giua" and self.span == Span.HALF):
            return None
        return Point(self.span, self.year, self.month, self.day, self.number, self.shift,
                     self.written, self.weekday, edge)  # fmt: skip

    def year_or_fail(self) -> int:
        """Return the point's year; raise NeedsYearError if neither it nor the plan has one."""
        if self.year is None:
            raise NeedsYearError
        return self.year

    def period(self) -> Period:
        """Return the calendar period the point names (a day is a period of one day)."""
        year = self.year_or_fail()
        if self.span == Span.DAY:
            written = self.written or f"{self.day}/{self.month}/{year}"
            day = make_date(year, self.month, self.day, written)  # refuse 31/02 as written
            if self.weekday is not None and day.weekday() != self.weekday:
                raise WrongWeekdayError(day, self.weekday)
        return Period(Span(self.span), year, self.month, self.day, self.number)

    def first(self) -> date:
        """Return the point's first day."""
        if self.edge:
            day = self.period().edge(self.edge)
            assert day is not None  # noqa: S101 - at_edge made only edges a period has
            return day
        if self.span in {"tet", "lunar"}:
            return _tet(self.year_or_fail())
        if self.span == "lunar day":
            return _lunar_day(self.year_or_fail(), self.month, self.day, self.written)
        return self.period().first

    def last(self) -> date:
        """Return the point's last day."""
        if self.span in {"tet", "lunar day"} or self.edge:
            return self.first()
        if self.span == "lunar":
            return _tet(self.year_or_fail() + 1) - timedelta(days=1)
        return self.period().last


_EDGED = frozenset((Span.MONTH, Span.QUARTER, Span.HALF, Span.YEAR))
EDGES = ("dau", "giua", "cuoi")


class WrongWeekdayError(Exception):
    """A weekday written beside a day that is not the day's ("10/4/2026 (thứ Hai)")."""

    def __init__(self, day: date, written: int) -> None:
        super().__init__(day, written)
        self.day, self.written = day, written


WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class NoTetError(Exception):
    """A year for which the civil calendar knows no Tết."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


def _tet(year: int) -> date:
    try:
        return tet(year)
    except CalendarError:
        raise NoTetError(year) from None


def _lunar_day(year: int, month: int, day: int, written: str) -> date:
    try:
        return lunar_date(year, month, day)
    except CalendarError:
        raise NoTetError(year) from None
    except NoSuchLunarDayError:
        raise InvalidDateError(written, well_formed=True) from None


def with_years(points: list[Point], plan_year: int | None) -> list[Point]:
    """A point of a list without a year takes the next year written on its right
    ("15/6 và 15/12/2026"), else the last written on its left ("15/6/2024 và 15/12"),
    else the plan's. A list runs forward: "Tháng 12, 1/2025" is December 2024, "Quý
    IV/2024, quý I" the first quarter of 2025."""
    right: list[Point | None] = [None] * len(points)
    written: Point | None = None
    for n in range(len(points) - 1, -1, -1):
        right[n] = written
        written = points[n] if points[n].year is not None else written
    shared: list[Point] = []
    left: Point | None = None
    for n, point in enumerate(points):
        after, before = right[n], left
        if point.year is not None:
            shared.append(point)
        elif after is not None and after.year is not None:
            taken = point.with_year(after.year)
            if month_of(taken) > month_of(after):
                taken = point.with_year(after.year - 1)
            shared.append(taken)
        elif before is not None and before.year is not None:
            taken = point.with_year(before.year)
            if month_of(taken) < month_of(before):
                taken = point.with_year(before.year + 1)
            shared.append(taken)
        else:
            shared.append(point.with_year(plan_year))
        left = point if point.year is not None else left
    return shared


def month_of(point: Point) -> int:
    """Return the month a point starts in, to tell which of two years a start takes."""
    if point.span == Span.QUARTER:
        return point.number * 3 - 2
    if point.span == Span.HALF:
        return point.number * 6 - 5
    return point.month
