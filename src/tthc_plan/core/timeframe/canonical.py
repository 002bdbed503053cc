"""Canonical Vietnamese phrases for typed timeframe parts: the inverse of the grammar."""

from __future__ import annotations

from datetime import date

from tthc_plan.core.dates import format_date, month_end
from tthc_plan.core.timeframe.types import (
    AfterEvent,
    Deadline,
    Frequency,
    Ongoing,
    OnRequest,
    Part,
    PerReference,
    Recurring,
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


def render_part(part: Part) -> str:  # noqa: PLR0912 - one case per kind of part
    """Return the canonical phrase that parses back to `part`."""
    match part:
        case Deadline(due=due, start=None):
            return f"Chậm nhất ngày {format_date(due)}"
        case Deadline(due=due, start=date() as start):
            period = _render_period(start, due)
            if period is None:
                msg = f"no phrase names a deadline opening {start} and due {due}"
                raise ValueError(msg)
            return period
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
        case Recurring(rule=str(rule)):
            return rule
        case Recurring(frequencies=frequencies):
            return ", ".join(_FREQUENCY_PHRASES[f] for f in frequencies)
    msg = f"cannot render {part!r}"
    raise TypeError(msg)
