"""Load and check plan files with their progress logs, through the cache.

A plan is checked once for its bytes (store.cache); a command that needs a
valid plan gets it with its units registry and timeframes, or a PlanInvalidError
that names the first error.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from msgspec import Raw, Struct
from msgspec.structs import replace

from tthc_plan.core.model import Plan
from tthc_plan.core.names import is_id
from tthc_plan.core.problem import Problem, Severity, msg
from tthc_plan.core.progress import ProgressLog
from tthc_plan.core.progress_check import check_measurements, check_progress
from tthc_plan.core.schedule import Assignments
from tthc_plan.core.units import RegistryWork, UnitRegistry
from tthc_plan.errors import TthcError
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


class _Checked(Struct, frozen=True, array_like=True):
    """A checked plan file, as kept in the cache.

    The registry's work (every cell split), every phrase read and, for a valid
    plan, each task's assignment (its occurrences and units) are kept too:
    redoing them costs more than reading them back, and a province has
    hundreds of plans. The registry and the phrases stay encoded until a
    command asks for them (CheckedPlan): the daily views need neither.
    """

    plan: Plan | None  # None if it could not be built
    problems: list[Problem]
    registry: Raw  # RegistryWork (nil without a plan)
    timeframes: Raw  # dict[str, Timeframe]: each task's phrase, parsed for the plan's year
    assigned: Assignments  # each task's units and slots; no task for a plan with errors


def _sound(checked: _Checked) -> bool:
    """Tell whether an entry read back is one a check could have made.

    An entry rewritten by someone else could name a progress folder outside
    the plans (a plan id "../../x"), units the plan does not have, or lists
    that are not there. The registry is checked when it is decoded (_sound_work).
    """
    plan, assigned = checked.plan, checked.assigned
    if plan is None:
        return not assigned.tasks
    ids = {unit.id for unit in plan.units}
    # ids name files (the plan id its progress folder, a unit id its file)
    if not _names_a_file(plan.plan.id) or not all(map(_names_a_file, ids)):
        return False
    # One assignment for each task, in order (none for a plan with errors), its lists there.
    tasks = [] if has_errors(checked.problems) else [task.id for task in plan.tasks()]
    if [assignment.task for assignment in assigned.tasks] != tasks:
        return False
    teams, timetables = len(assigned.units), len(assigned.slots)
    if not all(
        a.slots < timetables and max(a.lead, a.support, a.named_lead) < teams
        for a in assigned.tasks
    ):
        return False
    return ids.issuperset(chain.from_iterable(assigned.units))


# The same unit ids come back in every plan of a province: each is looked at once a run.
_names_a_file = functools.lru_cache(maxsize=4096)(is_id)


def _sound_work(plan: Plan, work: RegistryWork) -> bool:
    """Tell whether a registry's work read back names only units of its plan."""
    named: list[Sequence[str]] = list(work.by_key.values())
    named += [[unit_id for unit_id, _s, _e in found] for found, _unknown in work.cells.values()]
    named += [[group, *members] for group, members in work.members.items()]
    return {unit.id for unit in plan.units}.issuperset(chain.from_iterable(named))


_CHECKED = cache.Codec[_Checked]("plan", _Checked, _sound)
_WORK = cache.Codec[RegistryWork]("plan", RegistryWork)


@functools.cache  # made when first needed: the timeframes' types import the grammar
def _phrases() -> cache.Codec[dict[str, Timeframe]]:
    from tthc_plan.core.timeframe import Timeframe  # noqa: PLC0415

    return cache.Codec[dict[str, Timeframe]]("plan", dict[str, Timeframe])


class CheckedPlan:
    """A valid plan with what its check worked out: each task's assignment
    (core.schedule.assign), its units registry and its timeframes.

    The registry and the timeframes are decoded from the cache entry only when
    a command asks for them: the daily views build their items from the
    assignments alone. A part that does not decode, or names units the plan
    does not have, is worked out again from the plan and its entry dropped.
    """

    def __init__(
        self, path: Path, plan: Plan, assigned: Assignments, work: Raw, phrases: Raw
    ) -> None:
        """Keep the encoded parts (copied: the rest of the entry is not kept alive)."""
        self.plan = plan
        self.assigned = assigned
        self._path = path
        self._work = work.copy()
        self._phrases = phrases.copy()

    @functools.cached_property
    def registry(self) -> UnitRegistry:
        """Return the plan's units registry, with the cells its check split."""
        work = self._decoded(_WORK, self._work)
        if work is not None and not _sound_work(self.plan, work):
            cache.discard(self._path, _CHECKED)
            work = None
        return UnitRegistry(self.plan.units, work)  # None: the names indexed anew

    @functools.cached_property
    def times(self) -> PlanTimes:
        """Return the plan's timeframes, with every phrase its check read."""
        from tthc_plan.core.plan_time import PlanTimes  # noqa: PLC0415 - the grammar, only here

        phrases = self._decoded(_phrases(), self._phrases)
        return PlanTimes(self.plan.plan.year, phrases, self.plan.calendar)  # None: read anew

    def _decoded(self, codec: cache.Codec[T], raw: Raw) -> T | None:
        try:
            return codec.decode(raw)
        except msgspec.DecodeError:
            cache.discard(self._path, _CHECKED)
            return None


def load_plan(path: Path) -> tuple[CheckedPlan | None, list[Problem]]:
    """Load and check a plan file, or take the result for the same bytes from the cache.

    Return the plan with its assignments, registry and timeframes (None if the
    plan could not be built, even with errors) and every problem.
    """
    checked = cache.through(path, lambda data: _check_plan(path, data), _CHECKED)
    # The entry may come from a copy of the same bytes, or this file named another way.
    problems = [replace(problem, path=str(path)) for problem in checked.problems]
    if checked.plan is None:
        return None, problems
    parts = (checked.registry, checked.timeframes)
    return CheckedPlan(path, checked.plan, checked.assigned, *parts), problems


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
        return _Checked(None, problems, _NIL, _NIL, Assignments([], [], []))
    assigned = Assignments([], [], []) if has_errors(problems) else assign(plan, registry, times)
    for unit in plan.units:
        registry.members(unit)  # groups expanded once, kept with the plan
    work, phrases = (Raw(msgspec.msgpack.encode(part)) for part in (registry.work(), times.read()))
    return _Checked(plan, problems, work, phrases, assigned)


_NIL = Raw(msgspec.msgpack.encode(None))


def _load_progress(
    path: Path, checked: CheckedPlan, today: date | None
) -> tuple[ProgressLog, list[Problem]]:
    plan = checked.plan
    folder = progress_dir(path, plan.plan.id)
    log = load_progress(folder)
    problems = log.problems + check_progress(log, plan, checked.assigned, today=today)
    values, source, found = read_measurements(folder)
    problems += found
    problems += check_measurements(values, source, folder / MEASUREMENTS_FILE, plan, today=today)
    log.measurements = [value for _at, value in values]
    return log, problems


def _load(path: Path, today: date) -> tuple[ProgressLog, list[Problem], str | None]:
    """Load a plan and, when the plan is sound, its progress; return every problem and its id."""
    checked, problems = load_plan(path)
    if checked is None or has_errors(problems):
        return ProgressLog(), problems, None
    log, found = _load_progress(path, checked, today)
    return log, problems + found, checked.plan.plan.id


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
