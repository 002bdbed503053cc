"""Calendar dates as Vietnamese documents write them."""

from __future__ import annotations

import re
from datetime import date

from tthc_plan.core import DATE_YEARS

_DMY = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# A date as a document's text writes it, in folded text (see text.fold): "ngày 08
# tháng 01 năm 2024", "ngày 08/01/2024"; groups d, m and y.
WRITTEN_DATE = (
    r"ngay\s*(?P<d>\d{1,2})\s*(?:[/.-]|thang)\s*(?P<m>\d{1,2})\s*(?:[/.-]|nam)\s*(?P<y>\d{4})"
)


class InvalidDateError(ValueError):
    """A text that is not a date, or a day, month and year that name no real day."""

    def __init__(self, text: str, *, well_formed: bool = False, outside: bool = False) -> None:
        super().__init__(text)
        self.text = text
        self.well_formed = well_formed  # written as a date, but no such day (31/04)
        self.outside = outside  # a real day, but of a year outside DATE_YEARS (01/01/0001)


def make_date(year: int, month: int, day: int, text: str) -> date:
    """Return the date, or raise InvalidDateError quoting `text` (also for a year
    outside DATE_YEARS: a day everything after would compute on)."""
    if not DATE_YEARS[0] <= year <= DATE_YEARS[1]:
        raise InvalidDateError(text, well_formed=True, outside=True)
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidDateError(text, well_formed=True) from None


def parse_date(text: str) -> date:
    """Parse ``DD/MM/YYYY`` or ISO ``YYYY-MM-DD``; never guess the order."""
    value = text.strip()
    if match := _DMY.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
        return make_date(year, month, day, value)
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
        return make_date(year, month, day, value)
    raise InvalidDateError(value)


def within_years(day: date) -> bool:
    """Tell whether `day` falls in DATE_YEARS (a date read from YAML as a date)."""
    return DATE_YEARS[0] <= day.year <= DATE_YEARS[1]


def month_end(year: int, month: int) -> date:
    """Return the last day of the month."""
    import calendar  # noqa: PLC0415 - with locale, 1-3 ms of every start-up; few commands need it

    return date(year, month, calendar.monthrange(year, month)[1])


def format_date(day: date) -> str:
    """Format as DD/MM/YYYY, the form used in Vietnamese tables."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
