"""Select and order items for the daily views (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum

from msgspec import Struct, field

from tthc_plan.core.model import Task, Unit
from tthc_plan.core.schedule import STATE_ORDER, Item, Role, State
from tthc_plan.core.text import vietnamese_key


class ItemOrder:
    """The order of a list of items: worst state first, then due date, task, role and unit.

    Units are ranked once, in Vietnamese alphabetical order: a province's
    thousands of ties on task and date then compare two numbers, not the
    letters of two names.
    """

    def __init__(self, items: Iterable[Item]) -> None:
        """Rank the units of `items`."""
        keys = {name: vietnamese_key(name) for name in {item.unit.name for item in items}}
        ranks = {key: rank for rank, key in enumerate(sorted(set(keys.values())))}
        self._ranks = {name: ranks[key] for name, key in keys.items()}  # same key, same rank

    def __call__(self, item: Item) -> tuple[int, date, str, int, int]:
        """Return the sort key of an item of the list."""
        return self._key(STATE_ORDER[item.state], item)

    def late_first(self, item: Item) -> tuple[int, date, str, int, int]:
        """Return the sort key of an overdue item: most days late first, then as above."""
        return self._key(-item.days_late, item)

    def _key(self, first: int, item: Item) -> tuple[int, date, str, int, int]:
        role = 0 if item.role is Role.LEAD else 1
        return (first, item.slot.due or date.max, item.task.id, role, self._ranks[item.unit.name])


def sort_items(items: Iterable[Item]) -> list[Item]:
    """Return the items worst first."""
    found = list(items)
    return sorted(found, key=ItemOrder(found))


def overdue_items(items: Iterable[Item]) -> list[Item]:
    """Return overdue items, most days late first."""
    late = [item for item in items if item.state is State.OVERDUE]
    return sorted(late, key=ItemOrder(late).late_first)


class UnitCounts(Struct):
    """How many items of one unit are in each state."""

    unit: Unit
    plan: str
    counts: dict[State, int] = field(default_factory=lambda: dict.fromkeys(State, 0))

    def order(self) -> tuple[int, ...]:
        """Return a sort key: most overdue first, then most due soon, and so on."""
        return tuple(-self.counts[state] for state in State)


def unit_counts(items: Iterable[Item], units: Sequence[tuple[str, Unit]] = ()) -> list[UnitCounts]:
    """Count items per unit and state, worst unit first; `units` adds rows with no items."""
    rows: dict[tuple[str, str], UnitCounts] = {}
    for plan, unit in units:
        rows.setdefault((plan, unit.id), UnitCounts(unit, plan))
    for item in items:
        row = rows.setdefault((item.plan, item.unit.id), UnitCounts(item.unit, item.plan))
        row.counts[item.state] += 1
    return sorted(rows.values(), key=lambda r: (*r.order(), vietnamese_key(r.unit.name)))


class Event(StrEnum):
    """What happens to an item on a day ahead."""

    OPENS = "opens"
    DUE = "due"


class Upcoming(Struct, frozen=True):
    """An item that falls due, or whose window opens, on `day`."""

    day: date
    event: Event
    item: Item


def upcoming_items(items: Iterable[Item], *, today: date, within: int) -> list[Upcoming]:
    """Return what falls due, and which windows open, from today to today + `within` days."""
    last = today + timedelta(days=within)
    found: list[Upcoming] = []
    for item in items:
        if item.state is State.DONE:
            continue
        start, due = item.slot.start, item.slot.due
        if start is not None and today <= start <= last:
            found.append(Upcoming(start, Event.OPENS, item))
        if due is not None and today <= due <= last:
            found.append(Upcoming(due, Event.DUE, item))
    order = ItemOrder(u.item for u in found)
    return sorted(found, key=lambda u: (u.day, u.event != Event.DUE, *order(u.item)[2:]))


class RegistryRow(Struct, frozen=True):
    """A unit of the registry with what it is part of and its item counts."""

    plan: str
    unit_id: str
    name: str
    kind: str
    part_of: tuple[str, ...]
    lead: int
    support: int
    overdue: int


def registry_rows(plan_id: str, units: Sequence[Unit], items: Sequence[Item]) -> list[RegistryRow]:
    """Return each unit with the groups and units it is part of and its item counts."""
    rows = []
    for unit in units:
        part_of = tuple(u.name for u in units if unit.id in u.members or u.id == unit.parent)
        mine = [i for i in items if i.plan == plan_id and i.unit.id == unit.id]
        lead = sum(1 for i in mine if i.role is Role.LEAD)
        late = sum(1 for i in mine if i.state is State.OVERDUE)
        rows.append(
            RegistryRow(
                plan_id, unit.id, unit.name, str(unit.kind), part_of, lead, len(mine) - lead, late
            )
        )
    return rows


class TaskGroup(Struct, frozen=True):
    """One task and period of a list, with the items of every unit that shares it."""

    plan: str
    task: Task
    period: str | None
    due: date | None
    items: tuple[Item, ...]

    @property
    def days_late(self) -> int:
        """Return the most days any of its units is late."""
        return max(item.days_late for item in self.items)


def group_by_task(items: Sequence[Item]) -> list[TaskGroup]:
    """Group items by plan, task and period, in the order the list first names them.

    II.1 for 21 units becomes one line that lists its 21 units (in Vietnamese order).
    """
    found: dict[tuple[str, str, str | None], list[Item]] = {}
    for item in items:
        found.setdefault((item.plan, item.task.id, item.slot.period), []).append(item)
    return [
        TaskGroup(
            first.plan,
            first.task,
            first.slot.period,
            first.slot.due,
            tuple(sorted(share, key=lambda i: vietnamese_key(i.unit.name))),
        )
        for share in found.values()
        for first in [share[0]]
    ]
