"""The deadline engine on the shipped plan, at pinned days."""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import PLAN_2024, TODAY
from tthc_plan.cli.plain import local_date
from tthc_plan.core.schedule import Item, Slot, State, state_of
from tthc_plan.errors import UsageError
from tthc_plan.store.workspace import Workspace

COMMUNES = {
    "Thị trấn Kiến Đức",
    "Xã Quảng Tín",
    "Xã Đắk Wer",
    "Xã Nhân Cơ",
    "Xã Kiến Thành",
    "Xã Nghĩa Thắng",
    "Xã Đạo Nghĩa",
    "Xã Đắk Sin",
    "Xã Hưng Bình",
    "Xã Đắk Ru",
    "Xã Nhân Đạo",
}
DEPARTMENTS = {
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên và Môi trường",
    "Phòng Lao động - Thương binh và Xã hội",
    "Phòng Văn hóa và Thông tin",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế",
    "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Kinh tế và Hạ tầng",
}
OFFICE = "Văn phòng HĐND và UBND huyện"


@pytest.fixture(scope="module")
def space() -> Workspace:
    return Workspace([PLAN_2024], lambda _zone: TODAY)


def _of(items: list[Item], task: str) -> list[tuple[str, str, str]]:
    return [(i.unit.name, i.role.value, i.state.value) for i in items if i.task.id == task]


def items_of_roles(items: list[Item], role: str) -> list[tuple[str, str, str]]:
    return [(i.unit.name, i.role.value, i.state.value) for i in items if i.role.value == role]


def test_on_12_january_2024(space: Workspace) -> None:
    items = space.items(today=date(2024, 1, 12))
    ii1 = _of(items, "II.1")
    assert {name for name, _role, _state in ii1} == COMMUNES | DEPARTMENTS
    assert {(role, state) for _name, role, state in ii1} == {("lead", "overdue")}
    assert {i.days_late for i in items if i.task.id == "II.1"} == {3}
    assert (OFFICE, "lead", "overdue") in _of(items, "I.1")
    # A supporter is never late: it waits for its lead.
    assert {state for _n, role, state in _of(items, "I.1") if role == "support"} == {
        "awaiting_lead"
    }
    assert _of(items, "II.2") == [(OFFICE, "lead", "due_soon")]
    for task in ("I.2", "V.1", "VI.1", "VI.2", "VII.1", "X.2"):
        assert {state for _n, r, state in _of(items, task) if r == "lead"} == {"ongoing"}, task
    assert {state for _n, r, state in _of(items, "VIII.3") if r == "lead"} == {"no_deadline"}
    assert {state for _n, r, state in _of(items, "IV.1") if r == "lead"} == {"in_progress"}
    supporting = {state for _n, r, state in items_of_roles(items, "support")}
    assert supporting == {"awaiting_lead"}  # nothing is done yet: every supporter waits


def test_ii3_window(space: Workspace) -> None:
    def states(day: date, wanted: str) -> set[str]:
        items = _of(space.items(today=day), "II.3")
        return {state for _n, role, state in items if role == wanted}

    january, june, july = date(2024, 1, 12), date(2024, 6, 15), date(2024, 7, 1)
    leads = (states(january, "lead"), states(june, "lead"), states(july, "lead"))
    assert leads == ({"not_started"}, {"in_progress"}, {"overdue"})
    assert states(july, "support") == {"awaiting_lead"}


def test_xi1_occurrences(space: Workspace) -> None:
    items = [
        i
        for i in space.items(today=date(2024, 5, 1))
        if i.task.id == "XI.1" and i.unit.name == "Xã Nhân Cơ"
    ]
    assert [(i.slot.period, i.slot.due, i.state.value) for i in items] == [
        ("2024-Q1", date(2024, 3, 16), "overdue"),
        ("2024-Q2", date(2024, 6, 16), "not_started"),
        ("2024-Q3", date(2024, 9, 16), "not_started"),
        ("2024-Q4", date(2024, 12, 16), "not_started"),
        ("2024", date(2024, 12, 16), "not_started"),
    ]
    xi2 = [
        i.slot.due
        for i in space.items(today=date(2024, 5, 1))
        if i.task.id == "XI.2" and i.slot.due
    ]
    assert min(xi2) == date(2024, 3, 19)


def test_lead_is_not_also_support(space: Workspace) -> None:
    items = space.items(today=date(2024, 3, 1))
    assert [role for name, role, _s in _of(items, "IX.3") if name == "Phòng Nội vụ"] == ["lead"]
    ix3_support = {name for name, role, _s in _of(items, "IX.3") if role == "support"}
    assert ix3_support == (DEPARTMENTS - {"Phòng Nội vụ"}) | COMMUNES


@pytest.mark.parametrize(
    "name",
    [
        "Thanh tra huyện",
        "thanh tra huyen",
        "THANH TRA HUYỆN",
        unicodedata.normalize("NFD", "Thanh tra huyện"),
    ],
)
def test_unit_filter_for_the_inspectorate(space: Workspace, name: str) -> None:
    items = space.items(today=date(2024, 1, 12), unit=space.unit_filter(name))
    assert [(i.task.id, i.role.value) for i in items] == [("VI.2", "lead"), ("VI.3", "support")]


def test_group_filter_covers_its_members(space: Workspace) -> None:
    chosen = space.unit_filter("UBND các xã, thị trấn")
    items = space.items(today=date(2024, 1, 12), unit=chosen)
    assert {i.unit.name for i in items} == COMMUNES


def test_office_filter_covers_its_one_stop_desk(space: Workspace) -> None:
    chosen = space.unit_filter("Văn phòng HĐND - UBND huyện")
    names = {i.unit.name for i in space.items(today=date(2024, 1, 12), unit=chosen)}
    assert names == {OFFICE, "Bộ phận tiếp nhận và trả kết quả"}


_days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(_days, _days, st.integers(min_value=0, max_value=60), st.booleans())
def test_overdue_exactly_when_past_due_and_not_done(
    due: date, today: date, within: int, done: bool
) -> None:
    state = state_of(Slot(None, due, None), today, within, done=done)
    assert (state is State.OVERDUE) == (today > due and not done)
    if not done and today <= due:
        assert (state is State.DUE_SOON) == (due - today <= timedelta(days=within))


@given(_days, _days, _days)
def test_window_states(start: date, due: date, today: date) -> None:
    start, due = min(start, due), max(start, due)
    state = state_of(Slot(start, due, None), today, 0)
    if today > due:
        assert state is State.OVERDUE
    elif today == due:
        assert state is State.DUE_SOON
    elif today >= start:
        assert state is State.IN_PROGRESS
    else:
        assert state is State.NOT_STARTED


def test_today_is_the_date_in_vietnam() -> None:
    late_evening_utc = datetime(2024, 1, 9, 23, 30, tzinfo=UTC)
    assert local_date(late_evening_utc, "Asia/Ho_Chi_Minh") == date(2024, 1, 10)
    assert local_date(late_evening_utc, "UTC") == date(2024, 1, 9)


def test_several_plans_load_together(tmp_path: Path) -> None:
    other = tmp_path / "2024-copy.yaml"
    other.write_text(
        PLAN_2024.read_text(encoding="utf-8").replace(
            "  id: dak-rlap-kstthc-2024\n", "  id: ban-sao-2024\n"
        ),
        encoding="utf-8",
    )
    both = Workspace([PLAN_2024, other], lambda _zone: TODAY)
    items = both.items(today=date(2024, 1, 12), unit=both.unit_filter("Thanh tra huyện"))
    assert [(i.plan, i.task.id) for i in items] == [
        ("dak-rlap-kstthc-2024", "VI.2"),
        ("dak-rlap-kstthc-2024", "VI.3"),
        ("ban-sao-2024", "VI.2"),
        ("ban-sao-2024", "VI.3"),
    ]
    with pytest.raises(UsageError) as caught:
        both.task("II.1")
    assert str(caught.value) == (
        "Mã «II.1» có trong nhiều kế hoạch; ghi rõ một trong: "
        "dak-rlap-kstthc-2024:II.1, ban-sao-2024:II.1."
    )
    view, task = both.task("ban-sao-2024:II.1")
    assert (view.plan.plan.id, task.id) == ("ban-sao-2024", "II.1")


def test_tcth1_follows_the_offices_correction_not_the_copied_year(space: Workspace) -> None:
    items = [i for i in space.items(today=date(2024, 1, 12)) if i.task.id == "TCTH.1"]
    leads = [i for i in items if i.role.value == "lead"]
    assert {i.unit.name for i in leads} == COMMUNES
    assert {(i.slot.due, i.state.value, i.days_late) for i in leads} == {
        (date(2024, 1, 9), "overdue", 3)
    }
    assert [(i.unit.name, i.state.value) for i in items if i.role.value == "support"] == [
        (OFFICE, "awaiting_lead")
    ]
