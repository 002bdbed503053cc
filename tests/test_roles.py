"""Lead and support: the lead answers for the deadline, a supporter follows its lead.

The Office chases leads; it never chases a supporter for a task its lead has
finished (issue 16). XI.2 (the district's quarterly report) is led by the
Office and supported by every department and commune.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import TthcRunner
from tthc_plan.cli import app

OFFICE = "vp-hdnd-ubnd"
PROGRESS = Path("plans") / "progress" / "dak-rlap-kstthc-2024"


def _json(*args: str) -> Any:
    result = TthcRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _run(*args: str) -> str:
    result = TthcRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def _xi2_q1(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [i for i in items if i["task"] == "XI.2" and i["period"] == "2024-Q1"]


def test_before_the_office_reports_only_the_office_is_late(plan_copy: Path) -> None:
    overdue = _json("overdue", "--today", "2024-03-25")["items"]
    assert [(i["unit_id"], i["role"], i["days_late"]) for i in _xi2_q1(overdue)] == [
        (OFFICE, "lead", 6)
    ]
    assert {i["role"] for i in overdue} == {"lead"}
    everyone = _json("overdue", "--today", "2024-03-25", "--role", "all")["items"]
    assert everyone == overdue  # a supporter is never overdue
    mine = _xi2_q1(_json("status", "--unit", "Xã Nhân Cơ", "--today", "2024-03-25")["items"])
    assert [(i["role"], i["state"], i["days_late"]) for i in mine] == [
        ("support", "awaiting_lead", 0)
    ]


def test_after_the_office_reports_no_supporter_is_late(plan_copy: Path) -> None:
    said = _run(
        "done", "XI.2", "--period", "2024-Q1", "--date", "18/03/2024", "--today", "2024-03-18"
    )
    assert said.startswith("Đã ghi XI.2 (2024-Q1) «xong» ngày 18/03/2024 cho 1 đơn vị:\n")
    assert sorted(p.name for p in (plan_copy / PROGRESS).glob("*.yaml")) == [f"{OFFICE}.yaml"]
    overdue = _json("overdue", "--today", "2024-03-25", "--role", "all")["items"]
    assert _xi2_q1(overdue) == []
    support = _xi2_q1(_json("status", "--today", "2024-03-25", "--role", "support")["items"])
    assert len(support) == 21
    assert {(i["state"], i["days_late"]) for i in support} == {("lead_done", 0)}


def test_a_supporter_may_record_its_own_part(plan_copy: Path) -> None:
    _run(
        "done", "XI.2", "--unit", "Xã Nhân Cơ", "--period", "2024-Q1",
        "--date", "10/03/2024", "--today", "2024-03-18",
    )  # fmt: skip
    mine = _xi2_q1(_json("status", "--unit", "Xã Nhân Cơ", "--today", "2024-03-25")["items"])
    assert [(i["role"], i["state"], i["done"]["date"]) for i in mine] == [
        ("support", "done", "2024-03-10")
    ]
    office = _xi2_q1(_json("overdue", "--today", "2024-03-25")["items"])
    assert [i["unit_id"] for i in office] == [OFFICE]  # the lead still answers for it


def test_a_commune_that_did_its_own_work_is_never_late_for_the_district(
    plan_copy: Path,
) -> None:
    late = _json("overdue", "--unit", "Xã Nhân Cơ", "--today", "2024-12-31", "--role", "all")
    assert {(i["task"], i["role"]) for i in late["items"]} >= {("XI.1", "lead")}
    assert [i for i in late["items"] if i["role"] == "support"] == []


def test_views_count_lead_items_and_show_support_as_context(plan_copy: Path) -> None:
    day = ("--today", "2024-03-25")
    summary = _json("status", *day)
    assert {i["role"] for i in summary["items"]} == {"lead"}
    nhan_co = next(u for u in summary["units"] if u["unit_id"] == "xa-nhan-co")
    leads = [i for i in summary["items"] if i["unit_id"] == "xa-nhan-co"]
    assert sum(v for k, v in nhan_co.items() if isinstance(v, int)) == len(leads)
    unit_view = _json("status", "--unit", "Xã Nhân Cơ", *day)["items"]
    assert {i["role"] for i in unit_view} == {"lead", "support"}
    only_lead = _json("status", "--unit", "Xã Nhân Cơ", *day, "--role", "lead")["items"]
    assert only_lead == [i for i in unit_view if i["role"] == "lead"]
    shown = _json("show", "XI.2", *day)["items"]
    assert {i["role"] for i in shown} == {"lead", "support"}
    upcoming = _json("upcoming", "--today", "2024-06-01", "--within", "30")["items"]
    assert upcoming
    assert {i["role"] for i in upcoming} == {"lead"}


def test_done_without_a_unit_records_for_the_one_lead_only(plan_copy: Path) -> None:
    said = _run(
        "done", "XI.2", "--period", "2024-Q1", "--date", "18/03/2024",
        "--today", "2024-03-18", "--dry-run",
    )  # fmt: skip
    assert said.endswith(
        "Chạy thử: sẽ ghi XI.2 (2024-Q1) «xong» ngày 18/03/2024 cho 1 đơn vị; chưa ghi gì.\n"
    )


def test_done_without_a_unit_refuses_a_task_with_several_leads(plan_copy: Path) -> None:
    result = TthcRunner().invoke(
        app, ["done", "II.1", "--date", "08/01/2024", "--today", "2024-01-12", "--dry-run"]
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "Lỗi: II.1 có 21 đơn vị chủ trì: chọn một bằng --unit, hoặc ghi cho tất cả bằng --all."
    )
    assert "Xã Nhân Cơ" in result.stderr
    every = _run(
        "done", "II.1", "--all", "--date", "08/01/2024", "--today", "2024-01-12", "--dry-run"
    )
    assert every.endswith("«xong» ngày 08/01/2024 cho 21 đơn vị; chưa ghi gì.\n")
    xi2 = _run(
        "done", "XI.2", "--all", "--period", "2024-Q1", "--date", "18/03/2024",
        "--today", "2024-03-18", "--dry-run",
    )  # fmt: skip
    assert xi2.endswith("cho 1 đơn vị; chưa ghi gì.\n")  # leads only, never the 21 supporters
