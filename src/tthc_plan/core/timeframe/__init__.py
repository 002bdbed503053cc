"""Vietnamese timeframe phrases as typed values.

The names below come from their modules when first used (PEP 562): the
grammar and the rules (their patterns, dateutil) take 10-20 ms to import, and
a view of plans read from the cache needs none of them, only the periods'
labels (`period`).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# Where each name lives; the rest of __all__ is in types.
_HOMES = {
    "DocumentRef": "tthc_plan.core.docref",
    "render_part": "tthc_plan.core.timeframe.canonical",
    "CivilCalendar": "tthc_plan.core.timeframe.civil",
    "TimeframeError": "tthc_plan.core.timeframe.grammar",
    "parse_timeframe": "tthc_plan.core.timeframe.grammar",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - any of the names above
    """Return one of the names above, importing its module the first time."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    home = _HOMES.get(name, "tthc_plan.core.timeframe.types")
    return getattr(importlib.import_module(home), name)
