"""Canonical Vietnamese phrases for typed timeframe parts: the inverse of the grammar."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta

from tthc_plan.core.dates import format_date, month_end
from tthc_plan.core.timeframe.civil import CalendarError, can_chi_name, tet
from tthc_plan.core.timeframe.types import (
    AfterEvent,
    Deadline,
    Frequency,
    Ongoing,
    OnRequest,
    Part,
    PerReference,
    Recurring,
    Rule,
    Window,
)

_QUARTERS = ("I", "II", "III", "IV")
_FREQUENCY_PHRASES = {
    Frequency.MONTHLY: "BC tháng",
    Frequency.QUARTERLY: "BC quý",
    Frequency.HALF_YEARLY: "BC 6 tháng",
    Frequency.ANNUAL: "BC năm",
}


def _render_period(start: date, due: date) -> str | None:
    """Name the calendar period [start, due] if it is a month, quarter, half or year."""
    same_year = start.year == due.year and start.day == 1 and due == month_end(due.year, due.month)
    if not same_year:
        return None
    months = (start.month, due.month)
    if months[0] == months[1]:
        return f"Tháng {due.month}/{due.year}"
    if months == (1, 12):
        return f"Năm {due.year}"
    if due.month - start.month == 2 and due.month % 3 == 0:
        return f"Quý {_QUARTERS[due.month // 3 - 1]}/{due.year}"
    count = due.month - start.month + 1
    if start.month == 1:
        return f"{count} tháng đầu năm {due.year}"
    if due.month == 12:
        return f"{count} tháng cuối năm {due.year}"
    return None


def _render_lunar_year(start: date, due: date) -> str:
    """Name a lunar year ("Năm Giáp Thìn"); any other span, by its last day."""
    with contextlib.suppress(CalendarError):
        if start == tet(start.year) and due == tet(start.year + 1) - timedelta(days=1):
            return f"Năm {can_chi_name(start.year)}"
    return f"Chậm nhất ngày {format_date(due)}"


_EACH = {Frequency.MONTHLY: "hằng tháng", Frequency.QUARTERLY: "hằng quý",
         Frequency.HALF_YEARLY: "định kỳ 6 tháng", Frequency.ANNUAL: "hằng năm"}  # fmt: skip
_ENDED = {Frequency.MONTHLY: "tháng", Frequency.QUARTERLY: "quý",
          Frequency.HALF_YEARLY: "6 tháng", Frequency.ANNUAL: "năm"}  # fmt: skip
_OF_QUARTER = ("tháng đầu quý", "tháng giữa quý", "tháng cuối quý", "tháng đầu quý sau",
               "tháng thứ hai quý sau", "tháng thứ ba quý sau")  # fmt: skip


def _render_rule(rule: Rule, rrule: str | None) -> str:
    """Return a phrase that reads back to the same occurrences as `rule`."""
    if rule.after_end is not None:
        days = "ngày làm việc" if rule.working else "ngày"
        return f"Trong {rule.after_end} {days} sau khi kết thúc {_ENDED[rule.every]}"
    lead = "Trước ngày" if rule.before else "Chậm nhất ngày"
    day = 31 if rule.day is None else rule.day  # a day a month lacks is its last
    match rule.every:
        case Frequency.ANNUAL:
            shift, month = divmod(rule.months, 12)
            if rule.day is None and shift == 0 and not rule.before:
                return f"Tháng {month + 1} hằng năm"  # its last day
            later = {0: "", 1: " năm sau"}.get(shift)
            if later is not None:
                day = min(day, month_end(2023, month + 1).day)
                return f"{lead} {day:02d}/{month + 1:02d}{later}, hằng năm"
        case Frequency.MONTHLY if rule.months in {0, 1}:
            return f"{lead} {day:02d}{' tháng sau' if rule.months else ''}, hằng tháng"
        case Frequency.QUARTERLY if rule.months < len(_OF_QUARTER):
            return f"{lead} {day:02d} {_OF_QUARTER[rule.months]}, hằng quý"
    return rrule or f"{lead} {day:02d}, {_EACH[rule.every]}"


def render_part(part: Part) -> str:  # noqa: PLR0912 - one case per kind of part
    """Return the canonical phrase that parses back to `part`."""
    match part:
        case Deadline(due=due, start=None):
            return f"Chậm nhất ngày {format_date(due)}"
        case Deadline(due=due, start=date() as start):
            return _render_period(start, due) or _render_lunar_year(start, due)
        case Window(start=start, due=due):
            return f"Từ ngày {format_date(start)} đến ngày {format_date(due)}"
        case Ongoing(start=date() as start):
            return f"Từ ngày {format_date(start)}"
        case Ongoing():
            return "Thường xuyên"
        case OnRequest(requester=None):
            return "Theo yêu cầu"
        case OnRequest(requester=str(requester)):
            return f"Theo yêu cầu của {requester}"
        case PerReference(document=document):
            return f"Theo {document.text}"
        case AfterEvent(event=event, days=None):
            return f"Sau khi {event}"
        case AfterEvent(event=event, days=int(days), working_days=working_days):
            unit = "ngày làm việc" if working_days else "ngày"
            return f"Sau {days} {unit} kể từ {event}"
        case Recurring(stated=Rule() as stated, rule=rule):
            return _render_rule(stated, rule)
        case Recurring(rule=str(rule)):
            return rule
        case Recurring(frequencies=frequencies):
            return ", ".join(_FREQUENCY_PHRASES[f] for f in frequencies)
    msg = f"cannot render {part!r}"
    raise TypeError(msg)
