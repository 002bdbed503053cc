"""What each unit owes, for the letter that chases the late ones and the weekly mail (pure).

A unit answers for its lead items: one is late when past its last day and
not done, due soon when its last day is at most `within` days away. A
supporting unit is never late itself (it waits for its lead); what it
supports is shown with its lead's state, so that it knows whose deadline
its part serves and how that deadline stands.

The letter (công văn đôn đốc) goes to the units with something overdue, not
to the office that drafts it: its own late work is listed apart. The
weekly mail goes to every unit with something overdue or due soon, and to a
unit that only supports work whose lead is already overdue: that lead may be
waiting for the supporter's part, and the supporter cannot see it anywhere
else. A supporter whose lead is merely due soon is not written to for that
alone (the lead is told; a weekly mail about another unit's work that is on
time would teach people to ignore the mail), nor one that recorded its own
part done, nor an open group named as support ("Các đơn vị liên quan"),
which is nobody in particular.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from msgspec import Struct, field

from tthc_plan.core.model import Unit, UnitKind
from tthc_plan.core.schedule import Item, Role, State
from tthc_plan.core.text import vietnamese_key


class Supported(Struct, frozen=True):
    """A support item of a unit and the lead items of that occurrence that are not on time.

    `leads` holds the lead items overdue or due soon, worst first.
    """

    item: Item
    leads: tuple[Item, ...]

    @property
    def lead_late(self) -> bool:
        """Tell whether a lead of this occurrence is past its last day."""
        return any(lead.state is State.OVERDUE for lead in self.leads)


class Owed(Struct):
    """One unit: its overdue items, worst first, those due soon, and what it supports."""

    unit: Unit
    overdue: list[Item] = field(default_factory=list)
    upcoming: list[Item] = field(default_factory=list)
    supported: list[Supported] = field(default_factory=list)


def _by_due(item: Item) -> tuple[date, str, str]:
    return (item.slot.due or date.max, item.task.id, item.slot.period or "")


def _worst_first(item: Item) -> tuple[int, date, str, str]:
    return (-item.days_late, *_by_due(item))


def _soon(item: Item, within: int) -> bool:
    return item.days_left is not None and 0 <= item.days_left <= within


def owed_by_unit(items: Iterable[Item], *, within: int) -> list[Owed]:
    """Return every unit with something to be told, in Vietnamese order of names.

    A unit is listed when it has a lead item overdue or due within `within`
    days, or a support item (not recorded done) whose lead is overdue; its
    `supported` also lists the support items whose lead is due soon.
    """
    items = list(items)
    leads: dict[tuple[str, str, str | None], list[Item]] = {}
    owed: dict[str, Owed] = {}
    for item in items:
        if item.role is not Role.LEAD or item.state is State.DONE:
            continue
        if item.state is State.OVERDUE:
            owed.setdefault(item.unit.id, Owed(item.unit)).overdue.append(item)
        elif not _soon(item, within):
            continue
        else:
            owed.setdefault(item.unit.id, Owed(item.unit)).upcoming.append(item)
        leads.setdefault((item.plan, item.task.id, item.slot.period), []).append(item)
    supported: dict[str, list[Supported]] = {}
    for item in items:
        if item.role is not Role.SUPPORT or item.state is not State.AWAITING_LEAD:
            continue
        if item.unit.kind is UnitKind.GROUP:  # an open group ("Các đơn vị liên quan"): nobody
            continue
        behind = leads.get((item.plan, item.task.id, item.slot.period))
        if behind:
            entry = Supported(item, tuple(sorted(behind, key=_worst_first)))
            supported.setdefault(item.unit.id, []).append(entry)
            if entry.lead_late and item.unit.id not in owed:
                owed[item.unit.id] = Owed(item.unit)
    for unit_id, line in owed.items():
        line.overdue.sort(key=_worst_first)
        line.upcoming.sort(key=_by_due)
        line.supported = sorted(
            supported.get(unit_id, []), key=lambda s: (not s.lead_late, *_by_due(s.item))
        )
    return sorted(owed.values(), key=lambda line: vietnamese_key(line.unit.name))


def late_units(items: Iterable[Item], *, within: int) -> list[Owed]:
    """Return every unit with an overdue lead item, in Vietnamese order of names.

    `within`: an item not done whose last day is at most that many days away
    is listed as upcoming. Support items are left out: the letter chases leads.
    """
    lead = [item for item in items if item.role is Role.LEAD]
    return [line for line in owed_by_unit(lead, within=within) if line.overdue]


def addressees(owed: Iterable[Owed], author: str) -> tuple[list[Owed], Owed | None]:
    """Split the units a letter chases from its `author` (a unit's name), who drafts it.

    A letter is not addressed to whoever writes it: the author's own late work
    comes back apart, for the letter to list under its own heading.
    """
    chased: list[Owed] = []
    own = None
    for line in owed:
        if line.unit.name == author:
            own = line
        else:
            chased.append(line)
    return chased, own
