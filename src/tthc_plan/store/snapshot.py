"""One cache entry for the plans of a workspace and their progress: a province read at once.

A province's views read 300 plan files and 352 progress files through the
cache: 652 entries opened and decoded, every log checked against its plan
(about 45 ms of a 250 ms run on 10,000 tasks). Once a workspace of two plan
files or more has loaded without an error, what it loaded is kept as one
entry: a snapshot, named after the plan files' paths (so each workspace has
one, rewritten, never piled up) and holding, for every file it was made of,
the name of that file's own entry (a hash of its bytes and of tthc's code).

A snapshot serves a run only if every one of those files holds the same bytes
again (cache.still: the same stat as when it was read, or else the same hash):
the plan files, and the progress files found now beside each plan (their
folder is listed again only if its own stamp changed: an entry added,
removed or renamed), as the plans are loaded one by one (store/plans.py).
It is checked as a plan's own entry is (`plans.sound`), and its plans' tasks, registries and
phrases stay encoded until they are needed (CheckedPlan). Anything else
loads the plans one by one and writes the snapshot anew. A workspace of one
plan has none: its entries are few already.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path

from msgspec import Raw, Struct
from msgspec.structs import replace

from tthc_plan.core.model import Measurement, ProgressRecord
from tthc_plan.core.problem import Problem
from tthc_plan.core.progress import Entry, ProgressFile, ProgressLog
from tthc_plan.core.schedule import Assignments
from tthc_plan.core.source_map import SourceMap
from tthc_plan.store import cache
from tthc_plan.store.folders import present
from tthc_plan.store.plans import CheckedPlan, Outline, sound
from tthc_plan.store.progress import MEASUREMENTS_FILE, log_files, progress_dir

# The kinds of the files' own entries (store/plans.py, store/progress.py).
_PLAN, _RECORDS, _MEASUREMENTS = "plan", "ProgressRecord", "Measurement"


class _Log(Struct, frozen=True, array_like=True):
    """A unit's progress file, as loaded: its name, the entry of its bytes, its records."""

    name: str
    seen: cache.Seen  # the entry of its bytes, and its stamp
    records: list[ProgressRecord]
    problems: list[Problem]  # warnings found reading it (a log with an error is no snapshot)


class _Part(Struct, frozen=True, array_like=True):
    """A plan as loaded: the entry of its bytes, what the views need of it, its progress.

    The whole plan is read from its own entry when a command asks for it.
    """

    seen: cache.Seen  # the entry of the plan file's bytes, and its stamp
    outline: Outline
    registry: Raw
    timeframes: Raw
    assigned: Assignments
    listed: cache.Stamp | None  # the stamp of the progress folder when `logs` were listed
    logs: list[_Log]
    targets: cache.Seen | None  # _targets.yaml as read; None: no such file
    measurements: list[Measurement]


def _sound(parts: list[_Part]) -> bool:
    """Tell whether each plan of a snapshot is one a check could have made, valid, and
    names only progress files its folder can list (they are read by those names)."""
    return all(
        sound(part.outline, (), part.assigned) and all(_listable(log.name) for log in part.logs)
        for part in parts
    )


def _listable(name: str) -> bool:
    """Tell whether `name` is one log_files could give: a unit's file in its folder."""
    return (
        os.path.basename(name) == name
        and "\0" not in name
        and os.path.normcase(name).endswith(".yaml")
        and not name.startswith("_")
    )


_SNAPSHOT = cache.Codec[list[_Part]]("workspace", list[_Part], _sound)


def _name(paths: Sequence[Path]) -> str:
    """Return the name of a workspace's snapshot: its plan files' places, in order."""
    places = "\0".join(os.path.abspath(path) for path in paths)
    return cache.key(_SNAPSHOT.name, places.encode("utf-8", "surrogateescape"))


def load(paths: Sequence[Path]) -> list[tuple[CheckedPlan, ProgressLog]] | None:
    """Return each plan of the workspace and its progress from its snapshot, or None.

    None: no snapshot for these plan files, or a file is not what it was made of.
    A file that had to be hashed (it had changed shortly before the snapshot
    was made, or was touched since) gets its stamp now: the snapshot is
    written again with it, and the next runs need only stat it.
    """
    if len(paths) < 2 or not cache.enabled():
        return None
    name = _name(paths)
    parts = cache.load(name, _SNAPSHOT)
    if parts is None or len(parts) != len(paths):
        return None
    forget = functools.partial(cache.drop, name)
    loaded, seen_now = [], []
    for path, part in zip(paths, parts, strict=True):
        found = _files(path, part)
        if found is None:
            return None
        files, now = found
        seen_now.append(now)
        encoded = (None, part.registry, part.timeframes)
        checked = CheckedPlan(path, part.outline, encoded, part.assigned, forget)
        loaded.append((checked, _progress(files, part)))
    if seen_now != parts:
        cache.store(name, seen_now, _SNAPSHOT)
    return loaded


def _files(path: Path, part: _Part) -> tuple[list[Path], _Part] | None:
    """Return the units' progress files of a plan and `part` with each file's stamp as
    of now, if the plan file and they are what `part` was made of (and its targets
    file, if any); else None."""
    plan = cache.still(path, _PLAN, part.seen)
    if plan is None:
        return None
    folder = progress_dir(path, part.outline.plan.id)
    listed = cache.stamp(folder)  # before listing it: any change after gives another stamp
    if listed is not None and listed == part.listed:  # no file added, removed or renamed
        files = [folder / log.name for log in part.logs]
    else:
        files = log_files(folder)
        if [file.name for file in files] != [log.name for log in part.logs]:
            return None
    logs = []
    for file, log in zip(files, part.logs, strict=True):
        seen = cache.still(file, _RECORDS, log.seen)
        if seen is None:
            return None
        logs.append(log if seen == log.seen else replace(log, seen=seen))
    targets: cache.Seen | None = None
    if part.targets is not None:
        targets = cache.still(folder / MEASUREMENTS_FILE, _MEASUREMENTS, part.targets)
        if targets is None:
            return None
    elif present(folder / MEASUREMENTS_FILE):
        return None
    if (plan, listed, logs, targets) == (part.seen, part.listed, part.logs, part.targets):
        return files, part
    return files, replace(part, seen=plan, listed=listed, logs=logs, targets=targets)


def _progress(files: Sequence[Path], part: _Part) -> ProgressLog:
    """Return a plan's progress as load_progress gives it, from its snapshot."""
    log = ProgressLog(measurements=part.measurements)
    for path, found in zip(files, part.logs, strict=True):
        entries = [
            Entry(path.stem, record, str(path), (i,)) for i, record in enumerate(found.records)
        ]
        log.files.append(ProgressFile(path, path.stem, entries, SourceMap()))
        log.problems.extend(replace(problem, path=str(path)) for problem in found.problems)
    return log


def save(loaded: Sequence[tuple[Path, CheckedPlan, ProgressLog]]) -> None:
    """Keep what a workspace of several plans loaded, every plan kept, as its snapshot.

    Each file is named by the entry of the very bytes it was loaded from
    (cache.read_as): a file that changed since is not what the snapshot says
    and will not match it.
    """
    if len(loaded) < 2 or not cache.enabled():
        return
    parts = []
    for path, checked, log in loaded:
        seen = cache.read_as(path)
        folder = progress_dir(path, checked.info.id)
        listed = cache.stamp(folder)  # vouches for the names only if they are those logged
        if [file.name for file in log_files(folder)] != [file.path.name for file in log.files]:
            listed = None
        targets = folder / MEASUREMENTS_FILE
        logs = [
            _Log(
                file.path.name,
                cache.read_as(file.path) or cache.Seen("", None),
                [entry.record for entry in file.entries],
                [problem for problem in log.problems if problem.path == str(file.path)],
            )
            for file in log.files
        ]
        measured = cache.read_as(targets) if present(targets) else None
        if seen is None or not all(found.seen.entry for found in logs):
            return  # a file not read through the cache: nothing to name it by
        if present(targets) and measured is None:
            return
        work, phrases = checked.encoded()
        outline, assigned = checked.outline, checked.assigned
        parts.append(
            _Part(seen, outline, work, phrases, assigned, listed, logs, measured, log.measurements)
        )
    cache.store(_name([path for path, _checked, _log in loaded]), parts, _SNAPSHOT)
