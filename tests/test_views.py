"""The order of items in the daily views."""

from __future__ import annotations

from datetime import date

from tests.conftest import PLAN_2024
from tthc_plan.core.model import Task, Unit, UnitKind
from tthc_plan.core.schedule import STATE_ORDER, Item, Role, Slot, State
from tthc_plan.core.text import vietnamese_key
from tthc_plan.core.views import overdue_items, sort_items
from tthc_plan.store.workspace import Workspace

TODAY = date(2024, 3, 20)
TASK = Task(id="II.1", title="Rà soát", timeframe="Trước 10/01/2024")
LATE = Slot(None, date(2024, 1, 10), None)


def _item(
    unit_name: str,
    *,
    unit_id: str = "",
    task: Task = TASK,
    role: Role = Role.LEAD,
    slot: Slot = LATE,
    state: State = State.OVERDUE,
) -> Item:
    unit = Unit(id=unit_id or unit_name, name=unit_name, kind=UnitKind.COMMUNE)
    late = (TODAY - slot.due).days if state is State.OVERDUE and slot.due else 0
    return Item("kh", task, unit, role, slot, state, late, None, (unit,))


def test_units_follow_the_vietnamese_alphabet_and_equal_names_keep_their_order() -> None:
    names = ["Xã Quảng Tín", "Xã Đắk Ru", "Xã Nhân Cơ", "xã đắk ru", "Xã Đạo Nghĩa"]
    names.append("Xã Nghĩa Thắng")
    items = [_item(name, unit_id=f"u{i}") for i, name in enumerate(names)]
    ordered = [(item.unit.name, item.unit.id) for item in sort_items(items)]
    assert ordered == [
        ("Xã Đạo Nghĩa", "u4"),  # đ after d, a before ă
        ("Xã Đắk Ru", "u1"),
        ("xã đắk ru", "u3"),  # the same name but for case: a tie, kept in the order given
        ("Xã Nghĩa Thắng", "u5"),
        ("Xã Nhân Cơ", "u2"),
        ("Xã Quảng Tín", "u0"),
    ]


def test_items_order_by_state_due_task_role_then_unit() -> None:
    later = Slot(None, date(2024, 3, 30), None)
    task_2 = Task(id="II.2", title="Công khai", timeframe="Trước 10/01/2024")
    items = [
        _item("Xã B", slot=later, state=State.DUE_SOON),
        _item("Xã B", role=Role.SUPPORT),
        _item("Xã C", task=task_2),
        _item("Xã C"),
        _item("Xã A", role=Role.SUPPORT),
    ]
    ordered = [(i.state, i.task.id, i.role, i.unit.name) for i in sort_items(items)]
    assert ordered == [
        (State.OVERDUE, "II.1", Role.LEAD, "Xã C"),
        (State.OVERDUE, "II.1", Role.SUPPORT, "Xã A"),
        (State.OVERDUE, "II.1", Role.SUPPORT, "Xã B"),
        (State.OVERDUE, "II.2", Role.LEAD, "Xã C"),
        (State.DUE_SOON, "II.1", Role.LEAD, "Xã B"),
    ]


def test_overdue_puts_the_longest_late_first_and_leaves_the_rest_out() -> None:
    earlier = Slot(None, date(2023, 12, 31), None)
    items = [
        _item("Xã Đức"),
        _item("Xã Đạo", slot=earlier),
        _item("Xã An", slot=Slot(None, date(2024, 3, 30), None), state=State.DUE_SOON),
        _item("Xã Dân"),
    ]
    ordered = [(i.days_late, i.unit.name) for i in overdue_items(items)]
    assert ordered == [(80, "Xã Đạo"), (70, "Xã Dân"), (70, "Xã Đức")]


def _written_order(item: Item, first: int) -> tuple[object, ...]:
    """The order as the views promise it, written out as one tuple per item."""
    role = 0 if item.role is Role.LEAD else 1
    return (first, item.slot.due or date.max, item.task.id, role, vietnamese_key(item.unit.name))


def test_every_list_of_a_year_of_the_2024_plan_is_in_the_written_order() -> None:
    space = Workspace([PLAN_2024], lambda _zone: TODAY)
    days = [date(2024, month, day) for month in range(1, 13) for day in (1, 15)]
    undated = shared = 0
    for day in days:
        items = space.items(today=day)
        undated += sum(1 for item in items if item.slot.due is None)
        shared += len(items) - len({(i.state, i.slot.due, i.task.id, i.role) for i in items})
        ordered = sort_items(items)
        assert ordered == sorted(items, key=lambda i: _written_order(i, STATE_ORDER[i.state]))
        late = overdue_items(items)
        assert late == sorted(
            (i for i in items if i.state is State.OVERDUE),
            key=lambda i: _written_order(i, -i.days_late),
        )
    # The lists had items with no due date and ties broken only by the unit.
    assert undated > 100
    assert shared > 1000
