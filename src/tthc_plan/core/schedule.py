"""The deadline engine: every (task, unit, occurrence) item and its state on a given day.

Pure: `today` is always an argument, never read from the clock. Items are built
from each task's assignment (its occurrences and units), worked out when the
plan is checked (core/assign.py): a view of a plan read from the cache needs
neither the timeframes nor the units registry.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Annotated

from msgspec import Meta, Struct

from tthc_plan.core import DEFAULT_WITHIN
from tthc_plan.core.model import ProgressRecord, Task, Unit
from tthc_plan.core.progress import ItemKey, ItemProgress


class State(StrEnum):
    """Where an item stands on a given day, worst first.

    A lead item has one of the first seven. A support item is never late: it
    waits for its lead (AWAITING_LEAD), its lead is done (LEAD_DONE), or the
    supporter recorded its own part (DONE).
    """

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    IN_PROGRESS = "in_progress"
    NOT_STARTED = "not_started"
    ONGOING = "ongoing"
    NO_DEADLINE = "no_deadline"
    DONE = "done"
    AWAITING_LEAD = "awaiting_lead"
    LEAD_DONE = "lead_done"


STATE_ORDER = {state: rank for rank, state in enumerate(State)}
LEAD_STATES = tuple(State)[:7]
SUPPORT_STATES = (State.AWAITING_LEAD, State.LEAD_DONE, State.DONE)


class Role(StrEnum):
    """A unit's part in a task."""

    LEAD = "lead"
    SUPPORT = "support"


# A place in a list (msgspec refuses a negative one when an entry is read back).
Index = Annotated[int, Meta(ge=0)]


class Slot(Struct, frozen=True, array_like=True):
    """When one occurrence of a task is done: its opening day, last day and period."""

    start: date | None
    due: date | None
    period: str | None
    ongoing: bool = False
    window: bool = False  # work spread from start to due, not a deadline in a period


class Item(Struct, frozen=True):
    """One unit's share of one occurrence of a task, and its state on `today`.

    `days_late` counts the days past the last allowed day: today's for an
    overdue item, the completion day's for an item done late.
    """

    plan: str
    task: Task
    unit: Unit
    role: Role
    slot: Slot
    state: State
    days_late: int
    days_left: int | None
    lead: tuple[Unit, ...]
    progress: ItemProgress | None = None

    @property
    def done(self) -> ProgressRecord | None:
        """Return the record that says the item is done, if it is."""
        return self.progress.done if self.progress else None

    @property
    def key(self) -> tuple[str, str, str, str | None]:
        """Return what identifies the item: plan, task, unit and period."""
        return (self.plan, self.task.id, self.unit.id, self.slot.period)


class Assignment(Struct, frozen=True, array_like=True):
    """One task of `Assignments`: its id, and where its lists are there."""

    task: str
    slots: Index  # its occurrences, in Assignments.slots
    lead: Index  # its lead units, groups expanded to their members, in Assignments.units
    support: Index  # its supporting units, the same way, its lead units left out
    named_lead: Index  # its lead units as the plan names them


class Assignments(Struct, frozen=True, array_like=True):
    """What each task of a plan asks of whom and when, worked out once when the plan is
    checked (core.assign): no day in it. The daily views build their items from it.

    Tasks share a few lists of units ("UBND các xã, thị trấn") and of occurrences
    (a phrase written again and again): each is kept once, by unit id, and each
    task says where its own are.
    """

    units: list[tuple[str, ...]]
    slots: list[tuple[Slot, ...]]
    tasks: list[Assignment]  # one for each task, in file order


def state_of(
    slot: Slot, today: date, within: int, *, done: bool = False, started: bool = False
) -> State:
    """Return the state of a slot on `today`, looking `within` days ahead."""
    if done:
        return State.DONE
    if slot.due is None:
        return State.ONGOING if slot.ongoing else State.NO_DEADLINE
    if today > slot.due:
        return State.OVERDUE
    if (slot.due - today).days <= within:
        return State.DUE_SOON
    if started or (slot.start is not None and slot.start <= today):
        return State.IN_PROGRESS
    return State.NOT_STARTED


def _days_late(slot: Slot, state: State, today: date, progress: ItemProgress | None) -> int:
    if slot.due is None:
        return 0
    if state is State.DONE and progress is not None and progress.done is not None:
        return max(0, (progress.done.date - slot.due).days)
    return (today - slot.due).days if state is State.OVERDUE else 0


def build_items(
    plan_id: str,
    plan_units: Sequence[Unit],
    tasks: Sequence[Task],
    assigned: Assignments,
    *,
    today: date,
    within: int = DEFAULT_WITHIN,
    task_ids: Collection[str] | None = None,
    progress: Mapping[ItemKey, ItemProgress] | None = None,
    states: Collection[State] | None = None,
    units: Collection[str] | None = None,
    roles: Collection[Role] | None = None,
) -> list[Item]:
    """Return every item of a plan (or of the tasks whose ids are `task_ids`) on `today`.

    The plan is given by its id, its units, its tasks in file order (a task is
    read only if it has an item: `tasks` may decode them as asked) and its
    assignments (core.assign.assign). `states`, `units` (unit ids) and `roles`
    keep only the items asked for; the others are never built (a province has
    tens of thousands of items a day). A support item follows its lead: see
    `State`.
    """
    progress = progress or {}
    # Progress can only make an item done or in progress: when neither is asked
    # for, a slot whose own state is not asked for has no item to give.
    slot_states = None
    made_by_records = {State.DONE, State.IN_PROGRESS, State.AWAITING_LEAD, State.LEAD_DONE}
    if states is not None and not made_by_records & set(states):
        slot_states = frozenset(states)
    wanted_roles = tuple(role for role in Role if roles is None or role in roles)
    by_id = {unit.id: unit for unit in plan_units}
    teams = [tuple(by_id[unit_id] for unit_id in ids) for ids in assigned.units]
    # The slots' own states (that of every unit with no record): once for each list of slots.
    timetables: dict[int, list[tuple[Slot, State]]] = {}
    items: list[Item] = []
    for index, assignment in enumerate(assigned.tasks):
        if task_ids is not None and assignment.task not in task_ids:
            continue
        plain_states = timetables.get(assignment.slots)
        if plain_states is None:
            slots = assigned.slots[assignment.slots]
            plain_states = [(slot, state_of(slot, today, within)) for slot in slots]
            if slot_states is not None:
                plain_states = [
                    (slot, plain) for slot, plain in plain_states if plain in slot_states
                ]
            timetables[assignment.slots] = plain_states
        if not plain_states:
            continue
        task = tasks[index]
        lead, support = teams[assignment.lead], teams[assignment.support]
        named_lead = teams[assignment.named_lead]
        for slot, plain in plain_states:
            plain_late = _days_late(slot, plain, today, None)
            days_left = (slot.due - today).days if slot.due is not None else None
            for role in wanted_roles:
                # A support item follows its lead: waiting, or its lead done.
                plain_role = (
                    (plain, plain_late, days_left)
                    if role is Role.LEAD
                    else (_support_state(task, slot, lead, progress), 0, None)
                )
                for unit in lead if role is Role.LEAD else support:
                    if units is not None and unit.id not in units:
                        continue
                    found = progress.get((task.id, unit.id, slot.period))
                    state, late, left = plain_role
                    if found is not None:
                        state, late, left = _recorded(role, slot, found, plain_role, today, within)
                    if states is not None and state not in states:
                        continue
                    items.append(
                        Item(plan_id, task, unit, role, slot, state, late, left, named_lead, found)
                    )
    return items


def _recorded(  # noqa: PLR0917 - one private step of build_items
    role: Role,
    slot: Slot,
    found: ItemProgress,
    plain: tuple[State, int, int | None],
    today: date,
    within: int,
) -> tuple[State, int, int | None]:
    """Return the state, days late and days left of an item with records."""
    if role is Role.SUPPORT:  # the supporter's own part, kept and shown, never required
        return (State.DONE, 0, None) if found.done is not None else plain
    done, started = found.done is not None, found.started is not None
    state = state_of(slot, today, within, done=done, started=started)
    return state, _days_late(slot, state, today, found), plain[2]


def _support_state(
    task: Task, slot: Slot, lead: Sequence[Unit], progress: Mapping[ItemKey, ItemProgress]
) -> State:
    """Return the state of the support items of one occurrence: its leads done, or not."""
    for unit in lead:
        found = progress.get((task.id, unit.id, slot.period))
        if found is None or found.done is None:
            return State.AWAITING_LEAD
    return State.LEAD_DONE if lead else State.AWAITING_LEAD
