"""Progress records as read: each unit's log, and what it says of every item.

Progress lives beside the plan, one append-only file per unit (see
store/progress.py). History is kept: a completion is taken back by a later
``reopen`` record, not by deleting one.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from msgspec import Struct, field

from tthc_plan.core.model import Measurement, ProgressEvent, ProgressRecord
from tthc_plan.core.problem import Problem
from tthc_plan.core.source_map import Path_, SourceMap

ItemKey = tuple[str, str, str | None]  # task id, unit id, period


class Entry(Struct, frozen=True):
    """A record of a unit's log, with where it is written."""

    unit_id: str
    record: ProgressRecord
    path: str
    at: Path_


class ItemProgress(Struct):
    """What the log says of one item: done (unless reopened since), started, all records."""

    done: ProgressRecord | None = None
    started: ProgressRecord | None = None
    history: list[ProgressRecord] = field(default_factory=list)


class ProgressFile(Struct):
    """One unit's progress file as read: its records and where each value is."""

    path: Path
    unit_id: str
    entries: list[Entry]
    source: SourceMap


class ProgressLog(Struct):
    """Every progress file of a plan, and the problems found reading them."""

    files: list[ProgressFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)

    def entries(self) -> Iterator[Entry]:
        """Yield every record, file by file, in the order written."""
        for progress_file in self.files:
            yield from progress_file.entries

    def replaced(self) -> set[int]:
        """Return the ids (`id()`) of the completions a later `--correct` record replaces.

        A correction replaces the completion it corrects everywhere: a view as of a
        day before the corrected date does not show the item done on the old date.
        """
        last_done: dict[ItemKey, Entry] = {}
        replaced: set[int] = set()
        for entry in self.entries():
            record = entry.record
            key = (record.task, entry.unit_id, record.period)
            if record.event is ProgressEvent.DONE:
                if record.correction and key in last_done:
                    replaced.add(id(last_done[key]))
                last_done[key] = entry
            elif record.event is ProgressEvent.REOPEN:
                last_done.pop(key, None)
        return replaced

    def index(self, as_of: date | None = None) -> dict[ItemKey, ItemProgress]:
        """Return the progress of every item, counting only records dated up to `as_of`."""
        found: dict[ItemKey, ItemProgress] = {}
        replaced = self.replaced()
        for entry in self.entries():
            if id(entry) in replaced:
                continue
            record = entry.record
            if as_of is not None and record.date > as_of:
                continue
            item = found.setdefault((record.task, entry.unit_id, record.period), ItemProgress())
            item.history.append(record)
            if record.event is ProgressEvent.DONE:
                # A second done without `correction` (written by hand) does not
                # replace the first: validate warns of it (DUPLICATE_RECORD).
                if item.done is None or record.correction:
                    item.done = record
            elif record.event is ProgressEvent.REOPEN:
                item.done = None
            else:
                item.started = record
        return found
