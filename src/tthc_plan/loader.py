"""Read a plan file into a Plan, collecting every problem with its line and column."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tthc_plan.errors import FileError
from tthc_plan.i18n import _
from tthc_plan.model import Plan, PlanInfo, Reporting, Section, Target, Task, Unit
from tthc_plan.problems import Problem
from tthc_plan.source import Path_, Position, ProblemList, SourceMap, read_yaml, schema_problems

_REQUIRED = ("plan", "units", "sections")


@dataclass
class PlanParts:
    """The parts of a plan that are well-formed, with their paths in the file.

    When the whole plan validates, `plan` is set and every part is here; when
    it does not, the parts that validate on their own still get checked.
    """

    plan: Plan | None = None
    info: PlanInfo | None = None
    reporting: Reporting = field(default_factory=Reporting)
    units: list[tuple[Path_, Unit]] = field(default_factory=list)
    sections: list[tuple[Path_, Section]] = field(default_factory=list)
    tasks: list[tuple[Path_, Task]] = field(default_factory=list)
    targets: list[tuple[Path_, Target]] = field(default_factory=list)


@dataclass
class LoadedPlan:
    """A plan file after loading: what could be read, and every problem found."""

    path: str
    parts: PlanParts
    source: SourceMap
    problems: list[Problem]


def _is_plan(data: object, problems: ProblemList) -> bool:
    if isinstance(data, dict) and all(key in data for key in _REQUIRED):
        return True
    missing = ", ".join(_REQUIRED)
    problems.error(
        Position(1, 1),
        "NOT_A_PLAN",
        _("Tệp này không phải là một kế hoạch: thiếu các mục {keys} ở cấp ngoài cùng.").format(
            keys=missing
        ),
        _("Xem plans/2024.yaml làm mẫu."),
    )
    return False


def _partial(data: dict[str, Any], parts: PlanParts) -> None:
    """Keep every piece that validates on its own, so its meaning can be checked."""
    try:
        parts.info = PlanInfo.model_validate(data.get("plan"))
    except ValidationError:
        parts.info = None
    try:
        parts.reporting = Reporting.model_validate(data.get("reporting") or {})
    except ValidationError:
        parts.reporting = Reporting()
    for index, raw in enumerate(_as_list(data.get("units"))):
        try:
            parts.units.append((("units", index), Unit.model_validate(raw)))
        except ValidationError:
            continue
    for s_index, raw_section in enumerate(_as_list(data.get("sections"))):
        raw_tasks = raw_section.get("tasks") if isinstance(raw_section, dict) else None
        for t_index, raw in enumerate(_as_list(raw_tasks)):
            try:
                task = Task.model_validate(raw)
            except ValidationError:
                continue
            parts.tasks.append((("sections", s_index, "tasks", t_index), task))
    for index, raw in enumerate(_as_list(data.get("targets"))):
        try:
            parts.targets.append((("targets", index), Target.model_validate(raw)))
        except ValidationError:
            continue


def _as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _complete(plan: Plan) -> PlanParts:
    return PlanParts(
        plan=plan,
        info=plan.plan,
        reporting=plan.reporting,
        units=[(("units", i), unit) for i, unit in enumerate(plan.units)],
        sections=[(("sections", i), section) for i, section in enumerate(plan.sections)],
        tasks=[
            (("sections", s, "tasks", t), task)
            for s, section in enumerate(plan.sections)
            for t, task in enumerate(section.tasks)
        ],
        targets=[(("targets", i), target) for i, target in enumerate(plan.targets)],
    )


def load_plan_file(path: Path) -> LoadedPlan:
    """Read and check the structure of one plan file; never raise for bad content."""
    problems = ProblemList(str(path))
    loaded = LoadedPlan(str(path), PlanParts(), SourceMap(), problems.items)
    read = read_yaml(path, problems)
    if read is None or not _is_plan(read[0], problems):
        return loaded
    data, loaded.source = read
    try:
        plan = Plan.model_validate(data)
    except ValidationError as error:
        schema_problems(error, data, loaded.source, problems)
        _partial(data, loaded.parts)
        return loaded
    loaded.parts = _complete(plan)
    return loaded


PLAN_SUFFIXES = (".yaml", ".yml")


def find_plan_files(paths: list[Path]) -> list[Path]:
    """Expand folders into the plan files directly inside them, sorted by name."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in PLAN_SUFFIXES and p.is_file())
            if not inside:
                message = _("Thư mục «{path}» không có tệp kế hoạch nào (*.yaml).")
                raise FileError(message.format(path=path))
            found.extend(inside)
        else:
            found.append(path)
    return found
