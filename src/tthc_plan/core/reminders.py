"""What each late unit owes, for the letter that chases it (công văn đôn đốc) (pure).

Only lead items count: a supporting unit is never late (it waits for its
lead). A unit is late when one of its items is past its last day and not
done; beside what is late, the letter lists what the unit must finish in the
next days, so one letter serves for both.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from msgspec import Struct, field

from tthc_plan.core.model import Unit
from tthc_plan.core.schedule import Item, Role, State
from tthc_plan.core.text import vietnamese_key


class Owed(Struct):
    """One late unit: its overdue items, worst first, and those due soon."""

    unit: Unit
    overdue: list[Item] = field(default_factory=list)
    upcoming: list[Item] = field(default_factory=list)


def _by_due(item: Item) -> tuple[date, str, str]:
    return (item.slot.due or date.max, item.task.id, item.slot.period or "")


def late_units(items: Iterable[Item], *, within: int) -> list[Owed]:
    """Return every unit with an overdue lead item, in Vietnamese order of names.

    `within`: an item not done whose last day is at most that many days away
    is listed as upcoming.
    """
    owed: dict[str, Owed] = {}
    soon: dict[str, list[Item]] = {}
    for item in items:
        if item.role is not Role.LEAD or item.state is State.DONE:
            continue
        if item.state is State.OVERDUE:
            owed.setdefault(item.unit.id, Owed(item.unit)).overdue.append(item)
        elif item.days_left is not None and 0 <= item.days_left <= within:
            soon.setdefault(item.unit.id, []).append(item)
    for unit_id, line in owed.items():
        line.overdue.sort(key=lambda i: (-i.days_late, *_by_due(i)))
        line.upcoming = sorted(soon.get(unit_id, []), key=_by_due)
    return sorted(owed.values(), key=lambda line: vietnamese_key(line.unit.name))
