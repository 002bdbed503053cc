"""Viet Nam's civil calendar: Tết, the can-chi years, days off and working days.

Lunar days ("rằm tháng Giêng", "10/3 âm lịch") come from `lunar_vn` (Hồ Ngọc
Đức's algorithm, the one Vietnamese calendars print, for UTC+7); it agrees with
`holidays` on every Tết from 1901 to 2099 (tested). The lunar new year, the
public holidays of Bộ luật Lao động 2019 Điều 112, the compensatory days and
the days the Prime Minister swaps each year come from the `holidays` package
(its Viet Nam calendar, computed for UTC+7: Tết 2007 is 17/02, not China's
18/02). A plan may add days off or working days
for a year that package does not know yet (`calendar:` in the plan file).

`holidays` takes about 0.1 s to import, so it is imported only when a phrase
names Tết or working days; a plan that has none never loads it.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import TYPE_CHECKING

from msgspec import Struct

if TYPE_CHECKING:
    from collections.abc import Iterator

    from holidays import HolidayBase

# The can (heavenly stems) by year % 10 and the chi (earthly branches) by year % 12,
# folded (no diacritics) as the grammar reads them; "mẹo" is the southern "mão",
# "tị" the other spelling of "tỵ".
CAN = ("canh", "tan", "nham", "quy", "giap", "at", "binh", "dinh", "mau", "ky")
CHI = ("than", "dau", "tuat", "hoi", "ty", "suu", "dan", "mao", "thin", "ty", "ngo", "mui")
_CAN_NAMES = ("Canh", "Tân", "Nhâm", "Quý", "Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ")
_CHI_NAMES = ("Thân", "Dậu", "Tuất", "Hợi", "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi")
_CHI_ALIASES = {"meo": 7, "ti": 9, "ty rat": 4}  # "tý" and "tỵ" both fold to "ty"


class CalendarError(ValueError):
    """A year the civil calendar cannot tell (no Tết known for it)."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


class NoSuchLunarDayError(ValueError):
    """A lunar day that the lunar month does not have (30 of a month of 29 days)."""

    def __init__(self, day: int, month: int, year: int) -> None:
        super().__init__(day, month, year)
        self.day, self.month, self.year = day, month, year


class CivilCalendar(Struct, frozen=True):
    """Days off and working days: the holidays package, with the plan's own changes."""

    days_off: tuple[date, ...] = ()  # added by the plan (a swap a new decision made)
    working_days: tuple[date, ...] = ()  # weekend days the plan says are worked

    def is_working_day(self, day: date) -> bool:
        """Tell whether offices work on `day`."""
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        return _official(day.year).is_working_day(day)

    def working_day_after(self, day: date, count: int) -> date:
        """Return the `count`th working day after `day` (`day` itself not counted)."""
        found = 0
        while found < count:
            day += timedelta(days=1)
            found += self.is_working_day(day)
        return day

    def working_day_before(self, day: date, count: int) -> date:
        """Return the `count`th working day before `day` (`day` itself not counted)."""
        found = 0
        while found < count:
            day -= timedelta(days=1)
            found += self.is_working_day(day)
        return day

    def days_off_between(self, first: date, last: date) -> tuple[date, ...]:
        """Return the weekdays off (holidays, compensatory days) from `first` to `last`."""
        return tuple(
            day for day in _days(first, last) if day.weekday() < 5 and not self.is_working_day(day)
        )

    def tet_break(self, year: int) -> date:
        """Return the first day of the days off around Tết (a weekend before it included)."""
        day = tet(year)
        while not self.is_working_day(day - timedelta(days=1)):
            day -= timedelta(days=1)
        return day


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


@functools.cache
def _official(year: int) -> HolidayBase:
    from holidays.countries.vietnam import Vietnam  # noqa: PLC0415 - 0.1 s: only when needed

    # names in one language, whatever LANG says; holidays ships no types for its classes
    return Vietnam(years=year, language="en_US")  # type: ignore[no-untyped-call]


@functools.cache
def tet(year: int) -> date:
    """Return mùng 1 Tết of the lunar year that begins in `year` (Viet Nam, UTC+7)."""
    for day, name in _official(year).items():
        if name == "Lunar New Year":
            return day
    raise CalendarError(year)


@functools.cache
def lunar_date(year: int, month: int, day: int) -> date:
    """Return the solar day of lunar `day`/`month` of the lunar year that begins in `year`.

    By Hồ Ngọc Đức's algorithm for UTC+7 (`lunar_vn`, imported only here); the
    leap month is never meant. A day the month lacks is an error, not the next
    month's first.
    """
    from lunar_vn import LunarDate, lunar_to_solar, solar_to_lunar  # noqa: PLC0415

    try:
        solar = lunar_to_solar(LunarDate(day, month, year))
    except ValueError:
        raise CalendarError(year) from None
    back = solar_to_lunar(solar)
    if (back.day, back.month, back.year, back.leap) != (day, month, year, False):
        raise NoSuchLunarDayError(day, month, year)
    return solar


def can_chi_name(year: int) -> str:
    """Return the can-chi name of the lunar year that begins in `year` ("Giáp Thìn")."""
    return f"{_CAN_NAMES[year % 10]} {_CHI_NAMES[year % 12]}"


def can_chi_year(can: str, chi: str, near: int) -> int | None:
    """Return the year nearest `near` named `can chi` (folded: "binh", "ngo"), or None.

    A stem and a branch of different parity never name a year ("giáp sửu"); "tý"
    and "tỵ" both fold to "ty" and are told apart that way.
    """
    if can not in CAN:
        return None
    stem = CAN.index(can)
    names = {i for i, name in enumerate(CHI) if name == chi} | (
        {_CHI_ALIASES[chi]} if chi in _CHI_ALIASES else set()
    )
    branch = next((i for i in names if i % 2 == stem % 2), None)
    if branch is None:
        return None
    return next(y for y in range(near - 29, near + 31) if y % 10 == stem and y % 12 == branch)
