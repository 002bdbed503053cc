"""An RFC 5545 calendar of deadlines: one all-day event per item and occurrence.

A title names the task and, for a recurring one, its period ("[XI.1 · 2024-Q4]"
beside "[XI.1 · 2024]", both due on 16/12). A window (II.3, February to June;
VII.4, three years) gets an event on its first day and one on its last,
instead of one event that calendar programs would show on every day between.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from tthc_plan.core.dates import format_date
from tthc_plan.core.schedule import Item, Role, State
from tthc_plan.i18n import _

PRODID = "-//tthc//Ke hoach kiem soat TTHC//VI"
FOLD_AT = 75  # a line of 75 octets or more is folded (RFC 5545, 3.1)


def item_uid(item: Item) -> str:
    """Return a UID that stays the same across runs: re-importing updates, never duplicates."""
    key = "|".join([item.plan, item.task.id, item.unit.id, item.slot.period or ""])
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@tthc"


def _description(item: Item) -> str:
    deliverable = item.task.deliverable
    if isinstance(deliverable, list):
        deliverable = "\n".join(f"- {point}" for point in deliverable)
    role = _("chủ trì") if item.role is Role.LEAD else _("phối hợp")
    lines = [
        _("Đơn vị: {unit} ({role})").format(unit=item.unit.name, role=role),
        _("Nhiệm vụ: {title}").format(title=item.task.title),
        _("Kết quả công việc: {deliverable}").format(deliverable=deliverable or "—"),
        _("Thời gian thực hiện: {text}").format(text=item.task.timeframe),
        _("Ngày cuối cùng: {due}").format(due=format_date(item.slot.due)) if item.slot.due else "",
    ]
    if item.slot.period:
        lines.append(_("Kỳ: {period}").format(period=item.slot.period))
    if item.done is not None:
        lines.append(_("Đã xong ngày {date}").format(date=format_date(item.done.date)))
    return "\n".join(line for line in lines if line)


def _summary(item: Item, *, with_plan: bool = False) -> str:
    tag = f"{item.task.id} · {item.slot.period}" if item.slot.period else item.task.id
    if with_plan:  # several plans in one calendar: whose task it is
        tag = f"{item.plan} · {tag}"
    summary = f"[{tag}] {item.task.title} — {item.unit.name}"
    return _("[ĐÃ XONG] ") + summary if item.done is not None else summary


def _start_event(item: Item, start: date, stamp: datetime, *, with_plan: bool) -> Event:
    """Return the event on the first day of a window: the work opens."""
    event = Event()
    event.add("uid", item_uid(item).replace("@", "-start@"))
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    event.add("dtend", start + timedelta(days=1))
    event.add("summary", _("Bắt đầu: ") + _summary(item, with_plan=with_plan))
    event.add("description", _description(item))
    event.add("categories", [item.task.id, item.unit.name])
    event.add("transp", "TRANSPARENT")
    return event


def _event(item: Item, stamp: datetime, remind_days: int | None, *, with_plan: bool) -> Event:
    assert item.slot.due is not None  # noqa: S101 - only dated items reach here
    due = item.slot.due
    summary = _summary(item, with_plan=with_plan)
    event = Event()
    event.add("uid", item_uid(item))
    event.add("dtstamp", stamp)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))  # all-day: DTEND is the day after
    event.add("summary", summary)
    event.add("description", _description(item))
    event.add("categories", [item.task.id, item.unit.name])
    event.add("transp", "TRANSPARENT")
    event.add("x-tthc-state", str(item.state))
    if remind_days is not None and item.state is not State.DONE:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", summary)
        # N days before the last allowed day, which ends where DTEND begins.
        alarm.add("trigger", timedelta(days=-(remind_days + 1)), parameters={"RELATED": "END"})
        event.add_component(alarm)
    return event


def build_calendar(
    items: Sequence[Item],
    *,
    name: str,
    today: date,
    remind_days: int | None,
    pending: bool,
) -> bytes:
    """Return the calendar of every dated item (done ones marked, or left out if `pending`)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    with_plan = len({item.plan for item in items}) > 1
    for item in items:
        if item.slot.due is None or (pending and item.state is State.DONE):
            continue
        start = item.slot.start
        if item.slot.window and start is not None and start < item.slot.due:
            calendar.add_component(_start_event(item, start, stamp, with_plan=with_plan))
        calendar.add_component(_event(item, stamp, remind_days, with_plan=with_plan))
    # The lines of calendar.to_ical(), folded here: icalendar folds each line one
    # character at a time, which took half the calendar's time.
    return b"".join(fold(line) + b"\r\n" for line in calendar.content_lines() if line)


def fold(line: str) -> bytes:
    """Return a content line in UTF-8, folded as icalendar's Contentline.to_ical() folds it.

    Each piece takes as many whole characters as fit in 74 octets, then
    "\\r\\n " and the next; a backslash or "^" that would end a piece begins
    the next one instead, beside the character it escapes (tests check this
    against icalendar).
    """
    data = line.encode("utf-8")
    pieces = []
    start = 0
    while len(data) - start >= FOLD_AT:
        end = start + FOLD_AT - 1
        while data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if data[end - 1] in b"\\^":
            end -= 1
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)
