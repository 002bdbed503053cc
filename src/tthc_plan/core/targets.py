"""Targets against measured values: met, on track or behind, at a given day (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from msgspec import Struct

from tthc_plan.core.model import Comparison, Measurement, Plan, Target, TargetUnit

if TYPE_CHECKING:
    from tthc_plan.core.plan_time import PlanTimes


class Verdict(StrEnum):
    """Where a target stands."""

    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"


class TargetStatus(Struct, frozen=True):
    """A target on a day: what is required by when, the latest value, and the verdict."""

    target: Target
    required: float
    by: date
    latest: Measurement | None
    verdict: Verdict


def _period_year(period: str) -> int:
    return int(period[:4])


def value_range(unit: TargetUnit) -> tuple[float, float | None]:
    """Return the lowest and highest value a measure in `unit` can take (None: no top)."""
    match unit:
        case TargetUnit.PERCENT:
            return 0.0, 100.0
        case TargetUnit.PERCENT_PER_YEAR:  # a change over a year: down as well as up
            return -100.0, 100.0
        case TargetUnit.DOSSIERS_PER_STAFF_PER_YEAR:
            return 0.0, None


def _deadline(plan: Plan, target: Target, times: PlanTimes) -> date:
    """Return when the target is due: its year, else its task's last day, else the plan's end."""
    if target.year is not None:
        return date(target.year, 12, 31)
    task = next((t for t in plan.tasks() if t.id == target.task), None)
    due = times.of(task).due if task else None
    return due or date(plan.plan.year, 12, 31)


def _required(target: Target, history: Sequence[Measurement], year: int) -> float:
    """Return the level required in `year`: fixed, or raised each year from the first value."""
    if target.comparison not in {Comparison.INCREASE_BY, Comparison.INCREASE_AT_LEAST}:
        return target.value
    if not history:
        return target.value
    first = history[0]
    steps = max(year - _period_year(first.period), 0)
    level = first.value + target.value * steps
    return min(level, target.until) if target.until is not None else level


def _meets(target: Target, value: float, required: float) -> bool:
    if target.comparison is Comparison.AT_MOST:
        return value <= required
    if target.comparison is Comparison.EXACTLY:
        return value == required
    return value >= required


def _projected(history: Sequence[Measurement], by: date) -> float | None:
    """Extend the straight line through the first and latest values to the deadline."""
    if len(history) < 2:
        return None
    first, last = history[0], history[-1]
    span = (last.date - first.date).days
    if span <= 0:
        return None
    slope = (last.value - first.value) / span
    return last.value + slope * (by - last.date).days


def target_status(
    plan: Plan,
    target: Target,
    measurements: Sequence[Measurement],
    *,
    today: date,
    times: PlanTimes,
) -> TargetStatus:
    """Judge one target on `today` from the values measured up to that day."""
    history = sorted(
        (m for m in measurements if m.target == target.id and m.date <= today),
        key=lambda m: (m.date, m.period),
    )
    by = _deadline(plan, target, times)
    increasing = target.comparison in {Comparison.INCREASE_BY, Comparison.INCREASE_AT_LEAST}
    year = min(today.year, by.year)
    required = _required(target, history, year)
    if not history:
        return TargetStatus(target, required, by, None, Verdict.NO_DATA)
    latest = history[-1]
    if increasing and len(history) == 1:
        # The first value is the baseline that later years are measured against.
        return TargetStatus(target, required, by, latest, Verdict.ON_TRACK)
    if _meets(target, latest.value, required):
        return TargetStatus(target, required, by, latest, Verdict.MET)
    if today <= by and not increasing:
        projected = _projected(history, by)
        if projected is not None and _meets(target, projected, required):
            return TargetStatus(target, required, by, latest, Verdict.ON_TRACK)
    return TargetStatus(target, required, by, latest, Verdict.BEHIND)


def targets_status(
    plan: Plan, measurements: Sequence[Measurement], *, today: date, times: PlanTimes
) -> list[TargetStatus]:
    """Judge every target of the plan (`times`: its timeframes)."""
    return [target_status(plan, t, measurements, today=today, times=times) for t in plan.targets]
