"""A plan file as read: its well-formed parts, where each value is, the problems met."""

from __future__ import annotations

from msgspec import Struct, field

from tthc_plan.core.model import Calendar, Plan, PlanInfo, Reporting, Section, Target, Task, Unit
from tthc_plan.core.problem import Problem
from tthc_plan.core.source_map import Path_, SourceMap


class PlanParts(Struct):
    """The parts of a plan that are well-formed, with their paths in the file.

    When the whole plan validates, `plan` is set and every part is here; when
    it does not, the parts that validate on their own still get checked.
    """

    plan: Plan | None = None
    info: PlanInfo | None = None
    reporting: Reporting = field(default_factory=Reporting)
    calendar: Calendar = field(default_factory=Calendar)
    units: list[tuple[Path_, Unit]] = field(default_factory=list)
    sections: list[tuple[Path_, Section]] = field(default_factory=list)
    tasks: list[tuple[Path_, Task]] = field(default_factory=list)
    targets: list[tuple[Path_, Target]] = field(default_factory=list)


class LoadedPlan(Struct):
    """A plan file after loading: what could be read, and every problem found."""

    path: str
    parts: PlanParts
    source: SourceMap
    problems: list[Problem]
