"""Explicit dates on a task win over its timeframe text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from msgspec.structs import replace

from tests.conftest import PLAN_2024, TODAY
from tthc_plan.core.model import ExplicitDates, Reporting, Task
from tthc_plan.core.plan_time import task_calendar, task_timeframe
from tthc_plan.core.timeframe import Deadline, Occurrence, OnRequest, Recurring, Window
from tthc_plan.store import schema
from tthc_plan.store.plans import check_files


def _task(timeframe: str, **dates: object) -> Task:
    return schema.validate(
        Task, {"id": "I.1", "title": "Việc", "timeframe": timeframe, "dates": dates or None}
    )


def test_text_alone() -> None:
    assert task_timeframe(_task("Trước 10/01/2024"), 2024).parts == (Deadline(date(2024, 1, 9)),)


def test_explicit_due_wins_and_keeps_undated_parts() -> None:
    task = _task("Trước 10/01/2024; theo yêu cầu", due="2024-01-20")
    assert task_timeframe(task, 2024).parts == (Deadline(date(2024, 1, 20)), OnRequest())


def test_explicit_start_turns_a_deadline_into_a_window() -> None:
    task = _task("Tháng 7/2024", start="15/06/2024")
    assert task_timeframe(task, 2024).parts == (Window(date(2024, 6, 15), date(2024, 7, 31)),)


def test_explicit_rrule_replaces_the_report_calendar() -> None:
    task = _task("Báo cáo quý", rrule="FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20")
    timeframe = task_timeframe(task, 2024)
    assert timeframe.parts == (Recurring((), 2024, "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20"),)
    # No COUNT or UNTIL: the rule is clipped to the plan's year.
    assert [o.due for o in timeframe.occurrences(task_calendar(Reporting(), task))] == [
        date(2024, 3, 20),
        date(2024, 6, 20),
        date(2024, 9, 20),
        date(2024, 12, 20),
    ]


def test_report_due_day_of_a_task() -> None:
    task = replace(_task("Báo cáo quý"), report_due_day=19)
    occurrences = task_timeframe(task, 2024).occurrences(task_calendar(Reporting(), task))
    assert occurrences[0] == Occurrence("2024-Q1", date(2024, 3, 19))


def test_invalid_rrule_is_located(tmp_path: Path) -> None:
    text = PLAN_2024.read_text(encoding="utf-8").replace(
        "        timeframe: Tháng 8/2024\n",
        "        timeframe: Tháng 8/2024\n        dates:\n          rrule: FREQ=SOMETIMES\n",
    )
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index("          rrule: FREQ=SOMETIMES") + 1
    errors = [
        (p.line, p.col, p.code) for p in check_files([path], today=TODAY) if p.severity == "error"
    ]
    assert errors == [(line, 18, "INVALID_RRULE")]


def test_explicit_dates_type() -> None:
    assert schema.validate(ExplicitDates, {"due": "09/01/2024"}).due == date(2024, 1, 9)
