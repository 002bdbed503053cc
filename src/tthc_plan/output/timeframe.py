"""Timeframes as people read them (a description) and as programs do (JSON)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from tthc_plan.core.dates import format_date
from tthc_plan.core.model import Plan
from tthc_plan.core.plan_time import PlanTimes, task_calendar
from tthc_plan.core.timeframe import (
    AfterEvent,
    Deadline,
    Kind,
    Occurrence,
    Ongoing,
    OnRequest,
    Part,
    PerReference,
    ReportingCalendar,
    Timeframe,
    Window,
    render_part,
)
from tthc_plan.i18n import N_, _
from tthc_plan.output.formats import dumps
from tthc_plan.output.tables import Column, draw_table
from tthc_plan.output.values import document_json, iso_date

_KIND_NAMES = {
    Kind.DEADLINE: N_("hạn chót"),
    Kind.WINDOW: N_("khoảng thời gian"),
    Kind.ONGOING: N_("thường xuyên, không có hạn"),
    Kind.RECURRING: N_("định kỳ"),
    Kind.ON_REQUEST: N_("khi có yêu cầu"),
    Kind.PER_REFERENCE: N_("theo văn bản khác"),
    Kind.AFTER_EVENT: N_("sau một sự kiện"),
}


def _part_json(part: Part) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": str(part.kind), "canonical": render_part(part)}
    if isinstance(part, Deadline | Window):
        data |= {"start": iso_date(part.start), "due": iso_date(part.due)}
    elif isinstance(part, Ongoing):
        data["start"] = iso_date(part.start)
    elif isinstance(part, OnRequest):
        data["requester"] = part.requester
    elif isinstance(part, PerReference):
        data["document"] = document_json(part.document)
    elif isinstance(part, AfterEvent):
        data |= {"event": part.event, "days": part.days, "working_days": part.working_days}
    return data


def timeframe_json(timeframe: Timeframe, calendar: ReportingCalendar) -> dict[str, Any]:
    """Return the stable JSON form of a timeframe (fields may be added, never removed)."""
    return {
        "text": timeframe.text,
        "kind": str(timeframe.kind),
        "start": iso_date(timeframe.start),
        "due": iso_date(timeframe.due),
        "occurrences": [
            {"period": o.period, "due": o.due.isoformat()} for o in timeframe.occurrences(calendar)
        ],
        "parts": [_part_json(part) for part in timeframe.parts],
        "note": timeframe.note,  # the words no part used, if any
        "remarks": [str(remark) for remark in timeframe.remarks],  # how dates were worked out
    }


def _describe_part(part: Part) -> str:
    kind = _(_KIND_NAMES[part.kind])
    match part:
        case Deadline(start=None, due=due):
            return _("{kind}: ngày cuối cùng {due}").format(kind=kind, due=format_date(due))
        case Deadline(start=date() as start, due=due) | Window(start=start, due=due):
            return _("{kind}: từ {start} đến hết {due}").format(
                kind=kind, start=format_date(start), due=format_date(due)
            )
        case OnRequest(requester=str(requester)):
            return _("{kind} của {who}").format(kind=kind, who=requester)
        case PerReference(document=document):
            return _("{kind}: {doc}").format(kind=kind, doc=document.text)
        case AfterEvent(event=event):
            return _("{kind}: {event}").format(kind=kind, event=event)
        case Ongoing(start=date() as start):
            return _("{kind}, từ {start}").format(kind=kind, start=format_date(start))
        case _:
            return kind


def _describe_occurrences(occurrences: Sequence[Occurrence]) -> str:
    return ", ".join(f"{o.period} → {format_date(o.due)}" for o in occurrences)


def render_timeframe(timeframe: Timeframe, calendar: ReportingCalendar) -> str:
    """Return a few lines saying how a phrase is understood."""
    lines = [f"«{timeframe.text}»"]
    for part in timeframe.parts:
        lines.append("  - " + _describe_part(part))
    occurrences = timeframe.occurrences(calendar)
    if occurrences:
        lines.append("  " + _("Các kỳ: {list}").format(list=_describe_occurrences(occurrences)))
    if timeframe.note:
        unused = _("Không mang ngày, không dùng: «{words}»").format(words=timeframe.note)
        lines.append("  " + unused)
    lines += ["  " + _("Ghi chú: {remark}").format(remark=remark) for remark in timeframe.remarks]
    return "\n".join(lines)


def describe_timeframe(timeframe: Timeframe, calendar: ReportingCalendar) -> str:
    """Return one line for a table cell: the parts, then the occurrences."""
    text = "; ".join(_describe_part(part) for part in timeframe.parts)
    occurrences = timeframe.occurrences(calendar)
    if occurrences:
        text += " (" + _describe_occurrences(occurrences) + ")"
    return text


def render_plan_timeframes(plans: Sequence[tuple[Plan, PlanTimes]], *, json_output: bool) -> str:
    """Return each task's timeframe text beside how it is understood (plans with their times)."""
    several = len(plans) > 1  # then each row says whose task it is
    rows: list[list[str]] = []
    data: list[dict[str, Any]] = []
    for plan, times in plans:
        for task in plan.tasks():
            calendar = task_calendar(plan.reporting, task)
            parsed = times.of(task)
            row = [task.id, task.timeframe, describe_timeframe(parsed, calendar)]
            rows.append([plan.plan.id, *row] if several else row)
            data.append({"plan": plan.plan.id, "task": task.id, **timeframe_json(parsed, calendar)})
    if json_output:
        return dumps(data)
    headers = [_("Mã"), _("Thời gian thực hiện (nguyên văn)"), _("Cách hiểu")]
    if several:
        headers.insert(0, _("Kế hoạch"))
    return draw_table([Column(header) for header in headers], rows, expand=False)
