"""Load and check plan files with their progress logs, through the cache.

A plan is checked once for its bytes (store.cache); a command that needs a
valid plan gets it with its units registry and timeframes, or a PlanInvalidError
that names the first error.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from datetime import date
from itertools import chain
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, overload

import msgspec
from msgspec import Raw, Struct
from msgspec.structs import replace

from tthc_plan.core.model import Closed, Plan, PlanInfo, Task, Unit
from tthc_plan.core.names import is_id
from tthc_plan.core.problem import Problem, Severity, msg
from tthc_plan.core.progress import ProgressLog
from tthc_plan.core.schedule import Assignments
from tthc_plan.core.units import RegistryWork, UnitRegistry
from tthc_plan.errors import FileError, TthcError
from tthc_plan.i18n import _
from tthc_plan.store import cache
from tthc_plan.store.cache import T
from tthc_plan.store.locate import find_plan_files, plan_files_in
from tthc_plan.store.progress import (
    MEASUREMENTS_FILE,
    load_progress,
    plan_of_progress_file,
    progress_dir,
    read_measurements,
)

if TYPE_CHECKING:
    from tthc_plan.core.plan_time import PlanTimes
    from tthc_plan.core.timeframe import Timeframe

# The schema committed beside the plans folder of this repository, when there is one.
SCHEMA_PATH = Path("schema") / "plan.schema.json"

__all__ = [
    "SCHEMA_PATH",
    "CheckedPlan",
    "PlanInvalidError",
    "check_files",
    "has_errors",
    "load_plan",
    "load_valid",
    "load_valid_plan",
    "load_valid_progress",
    "refuse",
]


class PlanInvalidError(TthcError):
    """A plan with errors, asked for by a command that needs a valid one."""


def has_errors(problems: Sequence[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


class _Checked(Struct, frozen=True, array_like=True, dict=True):
    """A checked plan file, as kept in the cache.

    The registry's work (every cell split), every phrase read and, for a valid
    plan, each task's assignment (its occurrences and units) are kept too:
    redoing them costs more than reading them back, and a province has
    hundreds of plans. Only the plan's outline and the assignments are decoded
    when the entry is read (CheckedPlan): the daily views need no more, and
    read each task only when it has an item to show.
    """

    plan: Raw  # Plan, or nil if it could not be built
    problems: list[Problem]
    registry: Raw  # RegistryWork (nil without a plan)
    timeframes: Raw  # dict[str, Timeframe]: each task's phrase, parsed for the plan's year
    assigned: Assignments  # each task's units and slots; no task for a plan with errors

    @functools.cached_property
    def outline(self) -> Outline | None:
        """Return the plan's outline (None if it could not be built): decoded once."""
        return outline_of(self.plan)


class _Tasks(Struct, frozen=True, kw_only=True):
    """A section of the plan as the outline reads it: its tasks still encoded."""

    tasks: list[Raw]


class Outline(Struct, frozen=True, kw_only=True):
    """What a plan's cache entry gives at once: the plan's particulars, its units and
    its tasks still encoded (a Plan's own fields, the others left in the entry)."""

    plan: PlanInfo
    closed: Closed | None = None
    units: list[Unit]
    sections: list[_Tasks]

    def encoded_tasks(self) -> list[Raw]:
        """Return every task, still encoded, in file order."""
        return [task for section in self.sections for task in section.tasks]


def sound(outline: Outline | None, problems: Sequence[Problem], assigned: Assignments) -> bool:
    """Tell whether what an entry gives at once is what a check could have made.

    An entry rewritten by someone else could name a progress folder outside
    the plans (a plan id "../../x"), units the plan does not have, or lists
    that are not there. The registry, the phrases and each task are checked
    when they are decoded (CheckedPlan).
    """
    if outline is None:
        return not assigned.tasks
    ids = {unit.id for unit in outline.units}
    # ids name files (the plan id its progress folder, a unit id its file)
    if not _names_a_file(outline.plan.id) or not all(map(_names_a_file, ids)):
        return False
    # One assignment for each task (none for a plan with errors), its lists there.
    tasks = 0 if has_errors(problems) else len(outline.encoded_tasks())
    if len(assigned.tasks) != tasks:
        return False
    places = [(assigned.slots, "slots")] + [(assigned.units, n) for n in _TEAMS]
    if any(max(map(attrgetter(name), assigned.tasks), default=-1) >= len(found)
           for found, name in places):  # fmt: skip
        return False
    return ids.issuperset(chain.from_iterable(assigned.units))


_TEAMS = ("lead", "support", "named_lead")
# The same unit ids come back in every plan of a province: each is looked at once a run.
_names_a_file = functools.lru_cache(maxsize=4096)(is_id)


def _sound_work(units: Sequence[Unit], work: RegistryWork) -> bool:
    """Tell whether a registry's work read back names only units of its plan."""
    named: list[Sequence[str]] = list(work.by_key.values())
    named += [[unit_id for unit_id, _s, _e in found] for found, _unknown in work.cells.values()]
    named += [[group, *members] for group, members in work.members.items()]
    return {unit.id for unit in units}.issuperset(chain.from_iterable(named))


_OUTLINE = msgspec.msgpack.Decoder(Outline | None)


def outline_of(plan: Raw) -> Outline | None:
    """Return the outline of a plan as an entry keeps it (None: no plan could be built);
    raise msgspec.DecodeError if it has none."""
    return _OUTLINE.decode(plan)


def _sound_entry(checked: _Checked) -> bool:
    return sound(checked.outline, checked.problems, checked.assigned)


_CHECKED = cache.Codec[_Checked]("plan", _Checked, _sound_entry)
_TASK = cache.Codec[Task]("plan", Task)
_WORK = cache.Codec[RegistryWork]("plan", RegistryWork)


@functools.cache  # made when first needed: a daily view reads no whole plan (about 1 ms)
def _plans() -> tuple[cache.Codec[Plan], msgspec.msgpack.Decoder[Plan | None]]:
    return cache.Codec[Plan]("plan", Plan), msgspec.msgpack.Decoder(Plan | None)


@functools.cache  # made when first needed: the timeframes' types import the grammar
def _phrases() -> cache.Codec[dict[str, Timeframe]]:
    from tthc_plan.core.timeframe import Timeframe  # noqa: PLC0415

    return cache.Codec[dict[str, Timeframe]]("plan", dict[str, Timeframe])


class CheckedPlan:
    """A valid plan with what its check worked out: each task's assignment
    (core.schedule.assign), its units registry and its timeframes.

    What a cache entry gives at once is the plan's particulars, its units and
    the assignments: the daily views need no more, and read a task (`tasks`)
    only when it has an item. The whole plan, the registry and the timeframes
    are decoded when a command asks for them. A registry or phrases that do not
    read back are worked out again from the plan; a task or a plan that does
    not is checked again from its file (the entry is dropped).
    """

    def __init__(
        self,
        path: Path,
        outline: Outline,
        encoded: tuple[Raw | None, Raw, Raw],
        assigned: Assignments,
        forget: Callable[[], None],
    ) -> None:
        """`encoded`: the plan (None: it is read from its own entry, for a snapshot),
        the registry's work and the phrases, as the entry has them; `forget`: drops
        the entry they come from."""
        self.path = path
        self.outline = outline
        self.info = outline.plan
        self.closed = outline.closed
        self.units = outline.units
        self.assigned = assigned
        self._encoded_tasks = outline.encoded_tasks()
        self._tasks: list[Task | None] = [None] * len(self._encoded_tasks)
        self._plan, self._work, self._phrases = encoded
        self._forget = forget

    @functools.cached_property
    def plan(self) -> Plan:
        """Return the whole plan."""
        if self._plan is not None:
            plan = self._decoded(_plans()[0], self._plan)
        else:  # a snapshot's plan: its own entry has the whole of it
            own, _problems = load_plan(self.path)
            plan = own.plan if own is not None and own.assigned == self.assigned else None
        ids = [assignment.task for assignment in self.assigned.tasks]  # none: errors
        if plan is None or (ids and [task.id for task in plan.tasks()] != ids):
            plan = self._anew()
        return plan

    @property
    def tasks(self) -> LazyTasks:
        """Return the plan's tasks in file order, each decoded when first asked for."""
        return LazyTasks(self)  # made on each use: it would hold the plan in a cycle

    def task(self, index: int) -> Task:
        """Return the task at `index` of the plan's tasks (decoded once)."""
        task = self._tasks[index]
        if task is None:
            task = self._decoded(_TASK, self._encoded_tasks[index])
            if task is None or task.id != self.assigned.tasks[index].task:
                task = self.plan.tasks()[index]  # the whole plan, read again if it must be
            self._tasks[index] = task
        return task

    def task_count(self) -> int:
        """Return how many tasks the plan has."""
        return len(self._encoded_tasks)

    def encoded(self) -> tuple[Raw, Raw]:
        """Return the registry's work and the phrases as the entry has them."""
        return self._work, self._phrases

    @functools.cached_property
    def registry(self) -> UnitRegistry:
        """Return the plan's units registry, with the cells its check split."""
        work = self._decoded(_WORK, self._work)
        if work is not None and not _sound_work(self.units, work):
            self._forget()
            work = None
        return UnitRegistry(self.units, work)  # None: the names indexed anew

    @functools.cached_property
    def times(self) -> PlanTimes:
        """Return the plan's timeframes, with every phrase its check read."""
        from tthc_plan.core.plan_time import PlanTimes  # noqa: PLC0415 - the grammar, only here

        phrases = self._decoded(_phrases(), self._phrases)
        return PlanTimes(self.info.year, phrases, self.plan.calendar)  # None: read anew

    def _decoded(self, codec: cache.Codec[T], raw: Raw) -> T | None:
        try:
            return codec.decode(raw)
        except msgspec.DecodeError:
            self._forget()
            return None

    def _anew(self) -> Plan:
        """Return the plan checked again from its file: its entry did not read back."""
        self._forget()
        fresh = _check_plan(self.path, None)
        plan = _plans()[1].decode(fresh.plan)
        if plan is None or has_errors(fresh.problems) or fresh.assigned != self.assigned:
            message = _("«{path}» đã thay đổi trong lúc đọc; chạy lại lệnh.")
            raise FileError(message.format(path=self.path))
        return plan


class LazyTasks(Sequence[Task]):
    """A plan's tasks in file order, each decoded from the cache entry when first asked for."""

    def __init__(self, checked: CheckedPlan) -> None:
        self._checked = checked

    def __len__(self) -> int:
        return self._checked.task_count()

    @overload
    def __getitem__(self, index: int) -> Task: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Task]: ...

    def __getitem__(self, index: int | slice) -> Task | Sequence[Task]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return self._checked.task(index)


def load_plan(path: Path) -> tuple[CheckedPlan | None, list[Problem]]:
    """Load and check a plan file, or take the result for the same bytes from the cache.

    Return the plan with its assignments, registry and timeframes (None if the
    plan could not be built, even with errors) and every problem.
    """
    checked = cache.through(path, lambda data: _check_plan(path, data), _CHECKED)
    # The entry may come from a copy of the same bytes, or this file named another way.
    problems = [replace(problem, path=str(path)) for problem in checked.problems]
    outline = checked.outline
    if outline is None:
        return None, problems
    encoded = (checked.plan, checked.registry, checked.timeframes)
    forget = functools.partial(cache.discard, path, _CHECKED)
    return CheckedPlan(path, outline, encoded, checked.assigned, forget), problems


def _check_plan(path: Path, data: bytes | None) -> _Checked:
    # The parser and pydantic are imported only here, when the cache has no entry.
    from tthc_plan.core.assign import assign  # noqa: PLC0415
    from tthc_plan.core.plan_check import check_plan  # noqa: PLC0415
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415

    loaded = load_plan_file(path, data)
    problems, registry, times = check_plan(loaded)
    problems = loaded.problems + problems
    plan = loaded.parts.plan
    if plan is None or times is None:
        return _Checked(_NIL, problems, _NIL, _NIL, Assignments([], [], []))
    assigned = Assignments([], [], []) if has_errors(problems) else assign(plan, registry, times)
    for unit in plan.units:
        registry.members(unit)  # groups expanded once, kept with the plan
    parts = (plan, registry.work(), times.read())
    encoded, work, phrases = (Raw(msgspec.msgpack.encode(part)) for part in parts)
    return _Checked(encoded, problems, work, phrases, assigned)


_NIL = Raw(msgspec.msgpack.encode(None))


def _load_progress(
    path: Path, checked: CheckedPlan, today: date | None
) -> tuple[ProgressLog, list[Problem]]:
    # Not needed when a snapshot gives the progress of the plans (store/snapshot.py).
    from tthc_plan.core.progress_check import check_measurements, check_progress  # noqa: PLC0415

    folder = progress_dir(path, checked.info.id)
    log = load_progress(folder)
    check = check_progress(log, checked.info, checked.units, checked.assigned, today=today)
    problems = log.problems + check
    values, source, found = read_measurements(folder)
    problems += found
    if values:  # measured targets: checked against the whole plan's targets
        where = folder / MEASUREMENTS_FILE
        problems += check_measurements(values, source, where, checked.plan, today=today)
    log.measurements = [value for _at, value in values]
    return log, problems


def _load(path: Path, today: date) -> tuple[ProgressLog, list[Problem], str | None]:
    """Load a plan and, when the plan is sound, its progress; return every problem and its id."""
    checked, problems = load_plan(path)
    if checked is None or has_errors(problems):
        return ProgressLog(), problems, None
    log, found = _load_progress(path, checked, today)
    return log, problems + found, checked.info.id


def _same_id(path: Path, plan_id: str, first: Path) -> Problem:
    """Return the error of a plan whose id another plan file already has."""
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    found = re.search(rf"^\s*id:\s*['\"]?{re.escape(plan_id)}", text, re.MULTILINE)
    line = text.count("\n", 0, found.start()) + 1 if found else 1
    return Problem(
        str(path),
        line,
        1,
        Severity.ERROR,
        "DUPLICATE_PLAN_ID",
        msg("Mã kế hoạch «{id}» đã dùng ở «{first}»: mỗi kế hoạch một mã.", id=plan_id,
            first=str(first)),
        msg("Đổi plan.id của một trong hai tệp (và tên thư mục tiến độ của nó)."),
    )  # fmt: skip


def _plan_for_progress(folder: Path, plan_id: str) -> Path | None:
    from tthc_plan.store.loader import load_plan_file  # noqa: PLC0415 - the parser, only here

    for candidate in plan_files_in(folder):
        plan = load_plan_file(candidate).parts.info
        if plan is not None and plan.id == plan_id:
            return candidate
    return None


def check_files(paths: Sequence[Path], *, today: date) -> list[Problem]:
    """Check plan files and progress files (folders: the plans in them); return all problems.

    A plan brings its progress folder along; a progress file given on its own
    (as pre-commit passes changed files) is checked against its plan.
    """
    problems: list[Problem] = []
    checked: set[Path] = set()
    progress_files: list[Path] = []
    ids: dict[str, Path] = {}
    for path in find_plan_files(list(paths)):
        if plan_of_progress_file(path) is not None:
            progress_files.append(path)
            continue
        log, found, plan_id = _load(path, today)
        checked.update(f.path.resolve() for f in log.files)
        checked.update(Path(p.path).resolve() for p in log.problems)
        problems.extend(sorted(found, key=Problem.sort_key))
        if plan_id is not None and plan_id in ids:  # a copied plan that kept its id
            problems.append(_same_id(path, plan_id, ids[plan_id]))
        elif plan_id is not None:
            ids[plan_id] = path
    for path in progress_files:
        if path.resolve() in checked:
            continue
        folder, plan_id = plan_of_progress_file(path) or (path.parent, "")
        plan_path = _plan_for_progress(folder, plan_id)
        if plan_path is None:
            message = msg(
                "Không tìm thấy kế hoạch «{id}» trong «{folder}» cho tệp tiến độ này.",
                id=plan_id,
                folder=str(folder),
            )
            hint = msg(
                "Tệp tiến độ nằm ở <thư mục kế hoạch>/progress/<mã kế hoạch>/<mã đơn vị>.yaml"
            )
            problems.append(Problem(str(path), 1, 1, Severity.ERROR, "NO_PLAN", message, hint))
            continue
        log, found, _id = _load(plan_path, today)
        for f in log.files:
            checked.add(f.path.resolve())
        mine = [p for p in found if Path(p.path).resolve() == path.resolve()]
        problems.extend(sorted(mine, key=Problem.sort_key))
    return problems


def refuse(path: Path, problems: Sequence[Problem]) -> None:
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        first = min(errors, key=Problem.sort_key)
        where = f"{first.path}:{first.line}:{first.col}: {first.message}"
        message = _("Tệp kế hoạch có {count} lỗi, ví dụ {where} Chạy «tthc validate {path}».")
        raise PlanInvalidError(message.format(count=len(errors), where=where, path=path))


def load_valid_plan(path: Path) -> Plan:
    """Load a plan for a command that needs a valid one; refuse it with errors."""
    return load_valid(path).plan


def load_valid(path: Path) -> CheckedPlan:
    """Load a valid plan, its units registry and timeframes; refuse a plan with errors."""
    checked, problems = load_plan(path)
    refuse(path, problems)
    assert checked is not None  # noqa: S101 - built whenever the plan has no errors
    return checked


def load_valid_progress(path: Path, checked: CheckedPlan, *, today: date | None) -> ProgressLog:
    """Load a valid plan's progress; refuse it with errors (an unknown task, unit, period...).

    With `today` None, dates are not checked against the clock (see check_progress).
    """
    log, problems = _load_progress(path, checked, today)
    refuse(path, problems)
    return log
