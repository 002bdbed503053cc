"""Progress logs: what each unit has started, finished or reopened.

Progress lives beside the plan, one append-only file per unit:
``<plan folder>/progress/<plan id>/<unit id>.yaml``, a YAML list of records.
One file per unit means two units recording on two branches never touch the
same file; appending means a write never changes a line already there, so
comments survive and ``git diff`` shows only added lines. History is kept: a
completion is taken back by a later ``reopen`` record, not by deleting one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TypeVar

from msgspec.structs import replace

from tthc_plan.core.model import Measurement, ProgressRecord
from tthc_plan.core.problem import Problem, ProblemReport
from tthc_plan.core.progress import Entry, ProgressFile, ProgressLog
from tthc_plan.core.source_map import Path_, SourceMap
from tthc_plan.store import cache
from tthc_plan.store.folders import entries, is_folder, present

T = TypeVar("T")

PROGRESS_FOLDER = "progress"
MEASUREMENTS_FILE = "_targets.yaml"


def progress_dir(plan_path: Path, plan_id: str) -> Path:
    """Return the folder that holds a plan's progress files."""
    return plan_path.parent / PROGRESS_FOLDER / plan_id


def plan_of_progress_file(path: Path) -> tuple[Path, str] | None:
    """Return (plan folder, plan id) if `path` is a progress file, else None."""
    if path.parent.parent.name == PROGRESS_FOLDER:
        return path.parent.parent.parent, path.parent.name
    return None


def read_progress_file(path: Path) -> tuple[ProgressFile | None, list[Problem]]:
    """Read one unit's progress file; its records, or the problems that stop it."""
    records, source, problems = _cached_list(path, ProgressRecord, _RECORDS)
    if records is None:
        return None, problems
    entries = [Entry(path.stem, record, str(path), (i,)) for i, record in enumerate(records)]
    return ProgressFile(path, path.stem, entries, source), problems


# A YAML list as read: the values (None if they cannot be read), where each is, problems.
_Read = tuple[list[T] | None, SourceMap, list[Problem]]
_RECORDS = cache.Codec[_Read[ProgressRecord]](
    "ProgressRecord", tuple[list[ProgressRecord] | None, SourceMap, list[Problem]]
)
_MEASUREMENTS = cache.Codec[_Read[Measurement]](
    "Measurement", tuple[list[Measurement] | None, SourceMap, list[Problem]]
)


def _cached_list(path: Path, kind: type[T], codec: cache.Codec[_Read[T]]) -> _Read[T]:
    """Read a YAML list of `kind`, from the cache when the same bytes were read before.

    A scratch copy that `tthc done` checks before writing shares the entry of
    the same bytes; the problems are given this file's path.
    """
    values, source, problems = cache.through(path, lambda data: _read_list(path, data, kind), codec)
    return values, source, [replace(problem, path=str(path)) for problem in problems]


def _read_list(path: Path, data: bytes | None, kind: type[T]) -> _Read[T]:
    """Parse a YAML list of `kind`: the values, or None and the problems that stop it."""
    # The parser and pydantic: only when the cache has no entry for these bytes.
    from pydantic import ValidationError  # noqa: PLC0415

    from tthc_plan.store import schema  # noqa: PLC0415
    from tthc_plan.store.source import read_yaml, schema_problems  # noqa: PLC0415

    problems = ProblemReport(str(path))
    read = read_yaml(path, problems, allow_empty=True, data=data)
    if read is None:
        return None, SourceMap(), problems.items
    document, source = read
    try:
        values = schema.validate_list(kind, [] if document is None else document)
    except ValidationError as error:
        schema_problems(error, document, source, problems)
        return None, source, problems.items
    return values, source, problems.items


def progress_files(folder: Path) -> list[Path]:
    """Return the *.yaml files of a progress folder, sorted (the case of ".yaml" as the
    system compares names); a folder that cannot be listed is an error (store.folders)."""
    return [p for p in entries(folder) if os.path.normcase(p.name).endswith(".yaml")]


def log_files(folder: Path) -> list[Path]:
    """Return the units' progress files of a plan's folder, in order (none yet is fine;
    a folder that cannot be read is an error, never "none yet")."""
    if not is_folder(folder):
        return []
    # _targets.yaml holds measured values, not a unit's log
    return [path for path in progress_files(folder) if not path.name.startswith("_")]


def load_progress(folder: Path) -> ProgressLog:
    """Read every progress file of a plan's folder (none yet is fine)."""
    log = ProgressLog()
    for path in log_files(folder):
        progress_file, problems = read_progress_file(path)
        log.problems.extend(problems)
        if progress_file is not None:
            log.files.append(progress_file)
    return log


def read_measurements(
    folder: Path,
) -> tuple[list[tuple[Path_, Measurement]], SourceMap, list[Problem]]:
    """Read a plan's measured target values (none yet is fine), with their positions."""
    path = folder / MEASUREMENTS_FILE
    if not present(path):
        return [], SourceMap(), []
    values, source, problems = _cached_list(path, Measurement, _MEASUREMENTS)
    return [((i,), value) for i, value in enumerate(values or [])], source, problems
