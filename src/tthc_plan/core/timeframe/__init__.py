"""Vietnamese timeframe phrases as typed values."""

from __future__ import annotations

from tthc_plan.core.docref import DocumentRef
from tthc_plan.core.timeframe.canonical import render_part
from tthc_plan.core.timeframe.civil import CivilCalendar
from tthc_plan.core.timeframe.grammar import TimeframeError, parse_timeframe
from tthc_plan.core.timeframe.types import (
    AfterEvent,
    Deadline,
    Frequency,
    Kind,
    Occurrence,
    Ongoing,
    OnRequest,
    Part,
    PerReference,
    Recurring,
    ReportingCalendar,
    Timeframe,
    Window,
)

__all__ = [
    "AfterEvent",
    "CivilCalendar",
    "Deadline",
    "DocumentRef",
    "Frequency",
    "Kind",
    "Occurrence",
    "OnRequest",
    "Ongoing",
    "Part",
    "PerReference",
    "Recurring",
    "ReportingCalendar",
    "Timeframe",
    "TimeframeError",
    "Window",
    "parse_timeframe",
    "render_part",
]
