"""What a user asks to record, and the changes to progress files that record it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from msgspec import Struct

from tthc_plan.core.model import ProgressEvent, Source, Task, Unit


class Change(Struct, frozen=True):
    """A progress file before and after a write."""

    path: Path
    before: bytes
    after: bytes


class Request(Struct, frozen=True):
    """What a user asks to record: an event of one task for some units."""

    task: Task
    units: tuple[Unit, ...]
    period: str | None
    event: ProgressEvent
    date: date
    ref: str | None = None
    note: str | None = None
    correction: bool = False  # replaces what was recorded before (--correct)
    warnings: tuple[str, ...] = ()  # said on standard error when recording, then recorded
    named: str = ""  # the task's id as a command names it ("plan-id:II.1" when shared)
    source: Source | None = None  # the document taken in (tthc intake)


class Recorded(Struct, frozen=True):
    """What a write did: the files changed, and the units left out as already done."""

    changes: list[Change]
    skipped: tuple[Unit, ...] = ()
