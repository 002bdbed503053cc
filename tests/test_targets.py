"""Targets: met, on track or behind at pinned days; recording values; hand edits."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import PLAN_2024, PlanCopy, TthcRunner, tthc
from tthc_plan.cli import app
from tthc_plan.core.model import Measurement, Plan
from tthc_plan.core.plan_time import PlanTimes
from tthc_plan.core.targets import Verdict, target_status
from tthc_plan.store.plans import check_files, load_valid_plan


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_valid_plan(PLAN_2024)


def _m(target: str, period: str, value: float, day: date) -> Measurement:
    return Measurement(target=target, period=period, value=value, date=day)


def _status(
    plan: Plan, target: str, values: list[Measurement], today: date
) -> tuple[float, Verdict]:
    found = next(t for t in plan.targets if t.id == target)
    status = target_status(plan, found, values, today=today, times=PlanTimes(plan.plan.year))
    return status.required, status.verdict


def test_fixed_level_met_or_not(plan: Plan) -> None:
    values = [_m("truc-tuyen", "2024", 52, date(2024, 12, 20))]
    assert _status(plan, "truc-tuyen", values, date(2024, 12, 31)) == (50, Verdict.MET)
    values = [_m("truc-tuyen", "2024", 41, date(2024, 12, 20))]
    assert _status(plan, "truc-tuyen", values, date(2024, 12, 31)) == (50, Verdict.BEHIND)
    assert _status(plan, "truc-tuyen", [], date(2024, 12, 31)) == (50, Verdict.NO_DATA)


def test_on_track_by_the_straight_line_to_the_deadline(plan: Plan) -> None:
    # hai-long: at least 95% by 2025 (its year). 85 -> 90 in half a year: 95+ by end of 2025.
    values = [
        _m("hai-long", "2024-H1", 85, date(2024, 6, 30)),
        _m("hai-long", "2024-H2", 90, date(2024, 12, 31)),
    ]
    assert _status(plan, "hai-long", values, date(2025, 1, 10)) == (95, Verdict.ON_TRACK)
    slow = [
        _m("hai-long", "2024-H1", 85, date(2024, 6, 30)),
        _m("hai-long", "2024-H2", 86, date(2024, 12, 31)),
    ]
    assert _status(plan, "hai-long", slow, date(2025, 1, 10)) == (95, Verdict.BEHIND)
    # after the deadline, only the value counts
    assert _status(plan, "hai-long", values, date(2026, 1, 5)) == (95, Verdict.BEHIND)
    # values measured after "today" are not known yet
    assert _status(plan, "hai-long", values, date(2024, 7, 1))[1] is Verdict.BEHIND


def test_increase_by_twenty_points_a_year_from_the_first_value(plan: Plan) -> None:
    baseline = _m("so-hoa-tang-hang-nam", "2023", 40, date(2023, 12, 31))
    assert _status(plan, "so-hoa-tang-hang-nam", [baseline], date(2024, 1, 15)) == (
        60,
        Verdict.ON_TRACK,
    )
    behind = [baseline, _m("so-hoa-tang-hang-nam", "2024", 55, date(2024, 12, 20))]
    assert _status(plan, "so-hoa-tang-hang-nam", behind, date(2024, 12, 31)) == (60, Verdict.BEHIND)
    met = [baseline, _m("so-hoa-tang-hang-nam", "2024", 61, date(2024, 12, 20))]
    assert _status(plan, "so-hoa-tang-hang-nam", met, date(2024, 12, 31)) == (60, Verdict.MET)
    # capped at 100%: 2025 asks for 80, a later year never above 100
    late = [_m("so-hoa-tang-hang-nam", "2023", 90, date(2023, 12, 31))]
    assert _status(plan, "so-hoa-tang-hang-nam", late, date(2025, 6, 1))[0] == 100


def test_record_and_show(plan_copy: Path) -> None:
    runner = TthcRunner()
    for period, value, day in (("2023", "40", "2024-01-20"), ("2024", "61", "2024-12-20")):
        result = runner.invoke(
            app,
            ["target", "record", "so-hoa-tang-hang-nam", "--value", value, "--period", period,
             "--date", day, "--today", "2024-12-31"],
        )  # fmt: skip
        assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["targets", "--today", "2024-12-31", "--format", "json"])
    found = {t["target"]: t for t in json.loads(result.stdout)["targets"]}
    assert found["so-hoa-tang-hang-nam"] == {
        "target": "so-hoa-tang-hang-nam",
        "task": "VII.4",
        "metric": (
            "Tỷ lệ số hóa, ký số và lưu trữ điện tử hồ sơ, giấy tờ, kết quả giải quyết TTHC "
            "đã giải quyết thành công"
        ),
        "comparison": "increase_by",
        "required": 60.0,
        "unit": "percent_per_year",
        "by": "2025-12-31",
        "latest": 61.0,
        "latest_period": "2024",
        "verdict": "met",
    }
    assert found["hai-long"]["verdict"] == "no_data"
    table = runner.invoke(app, ["targets", "--today", "2024-12-31"]).stdout
    assert "│ ≥ 60%" in table
    assert "61% (2024)" in table
    assert "✓ Đạt" in table


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nope", "--value", "1", "--period", "2024"], 2, "Lỗi: Không có chỉ tiêu «nope»"),
        (
            ["hai-long", "--value", "90", "--period", "Q2"],
            2,
            "Lỗi: Kỳ «Q2» không đúng dạng: viết 2024-Q1, 2024-H1, 2024-03 hoặc 2024.\n",
        ),
    ],
)
def test_record_refuses_mistakes(plan_copy: Path, args: list[str], code: int, message: str) -> None:
    result = TthcRunner().invoke(app, ["target", "record", *args, "--today", "2024-12-31"])
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert not (plan_copy / "plans" / "progress").exists() or not list(
        (plan_copy / "plans" / "progress").rglob("_targets.yaml")
    )


def test_hand_written_values_are_checked(plan_copy: Path) -> None:
    folder = plan_copy / "plans" / "progress" / "dak-rlap-kstthc-2024"
    folder.mkdir(parents=True)
    (folder / "_targets.yaml").write_text(
        "- target: hai-long\n  period: '2024'\n  value: 91\n  date: 2024-12-01\n"
        "- target: khong-co\n  period: '2024'\n  value: 1\n  date: 2025-02-01\n",
        encoding="utf-8",
    )
    found = check_files([plan_copy / "plans"], today=date(2024, 12, 31))
    assert [(Path(p.path).name, p.line, p.col, p.code) for p in found][-2:] == [
        ("_targets.yaml", 5, 11, "UNKNOWN_TARGET"),
        ("_targets.yaml", 8, 9, "FUTURE_DATE"),
    ]


def test_a_measured_value_must_be_a_real_number(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("    value: 20\n", "    value: .nan\n", 1), encoding="utf-8")
    done = tthc("validate", "-f", "concise", "plans/")
    assert done.exit_code == 1
    assert "error INVALID_VALUE «value» phải là một số có thật (không phải .nan hay .inf)." in (
        done.stdout
    )
    assert tthc("targets").exit_code == 1  # refused with the problems: no traceback
