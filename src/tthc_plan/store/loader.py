"""Read a plan file into a Plan, collecting every problem with its line and column.

This is the slow path (YAML parser, pydantic): plans.py imports it only when the
cache has no entry for a file's bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import ValidationError

from tthc_plan.core.loaded import LoadedPlan, PlanParts
from tthc_plan.core.model import Calendar, Plan, PlanInfo, Reporting, Target, Task, Unit
from tthc_plan.core.problem import ProblemReport, msg
from tthc_plan.core.source_map import Position, SourceMap
from tthc_plan.store import schema
from tthc_plan.store.source import read_yaml, schema_problems

T = TypeVar("T")

_REQUIRED = ("plan", "units", "sections")


def _is_plan(data: object, problems: ProblemReport) -> bool:
    if isinstance(data, dict) and all(key in data for key in _REQUIRED):
        return True
    missing = ", ".join(_REQUIRED)
    problems.error(
        Position(1, 1),
        "NOT_A_PLAN",
        msg(
            "Tệp này không phải là một kế hoạch: thiếu các mục {keys} ở cấp ngoài cùng.",
            keys=missing,
        ),
        msg("Xem plans/2024.yaml làm mẫu."),
    )
    return False


def _valid(kind: type[T], raw: object) -> T | None:
    """Return `raw` as a `kind` if it validates on its own, else None."""
    try:
        return schema.validate(kind, raw)
    except ValidationError:
        return None


def _partial(data: dict[str, Any], parts: PlanParts) -> None:
    """Keep every piece that validates on its own, so its meaning can be checked."""
    parts.info = _valid(PlanInfo, data.get("plan"))
    parts.reporting = _valid(Reporting, data.get("reporting") or {}) or Reporting()
    parts.calendar = _valid(Calendar, data.get("calendar") or {}) or Calendar()
    for index, raw in enumerate(_as_list(data.get("units"))):
        if (unit := _valid(Unit, raw)) is not None:
            parts.units.append((("units", index), unit))
    for s_index, raw_section in enumerate(_as_list(data.get("sections"))):
        raw_tasks = raw_section.get("tasks") if isinstance(raw_section, dict) else None
        for t_index, raw in enumerate(_as_list(raw_tasks)):
            if (task := _valid(Task, raw)) is not None:
                parts.tasks.append((("sections", s_index, "tasks", t_index), task))
    for index, raw in enumerate(_as_list(data.get("targets"))):
        if (target := _valid(Target, raw)) is not None:
            parts.targets.append((("targets", index), target))


def _as_list(value: object) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _complete(plan: Plan) -> PlanParts:
    return PlanParts(
        plan=plan,
        info=plan.plan,
        reporting=plan.reporting,
        calendar=plan.calendar,
        units=[(("units", i), unit) for i, unit in enumerate(plan.units)],
        sections=[(("sections", i), section) for i, section in enumerate(plan.sections)],
        tasks=[
            (("sections", s, "tasks", t), task)
            for s, section in enumerate(plan.sections)
            for t, task in enumerate(section.tasks)
        ],
        targets=[(("targets", i), target) for i, target in enumerate(plan.targets)],
    )


def load_plan_file(path: Path, data: bytes | None = None) -> LoadedPlan:
    """Read and check the structure of one plan file; never raise for bad content.

    `data`: the file's bytes, when the caller has read them already.
    """
    problems = ProblemReport(str(path))
    loaded = LoadedPlan(str(path), PlanParts(), SourceMap(), problems.items)
    read = read_yaml(path, problems, data=data)
    if read is None or not _is_plan(read[0], problems):
        return loaded
    document, loaded.source = read
    try:
        plan = schema.validate(Plan, document)
    except ValidationError as error:
        schema_problems(error, document, loaded.source, problems)
        _partial(document, loaded.parts)
    else:
        loaded.parts = _complete(plan)
    _check_time_zone(loaded, problems)
    return loaded


def _check_time_zone(loaded: LoadedPlan, problems: ProblemReport) -> None:
    """Refuse a time zone the IANA database (tzdata) does not know."""
    info = loaded.parts.info
    if info is None:
        return
    try:
        ZoneInfo(info.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        problems.error(
            loaded.source.value(("plan", "timezone")),
            "INVALID_VALUE",
            msg("Múi giờ «{tz}» không tồn tại.", tz=info.timezone),
            msg("Dùng tên IANA, ví dụ Asia/Ho_Chi_Minh."),
        )
