"""The daily views from the command line: golden tables, exact JSON, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import assert_golden, invoke
from tthc_plan.cli import app


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("status-2024-01-12.txt", ["status", "--today", "2024-01-12"]),
        (
            "status-thanh-tra-2024-01-12.txt",
            ["status", "--unit", "thanh tra huyen", "--today", "12/01/2024"],
        ),
        ("status-nhan-co-2024-06-15.txt", ["status", "--unit", "Nhân Cơ", "--today", "2024-06-15"]),
        ("overdue-2024-01-12.txt", ["overdue", "--today", "2024-01-12"]),
        (
            "overdue-noi-vu-2024-03-20.txt",
            ["overdue", "--unit", "Phòng Nội vụ", "--today", "2024-03-20"],
        ),
        (
            "upcoming-2024-01-12.txt",
            ["upcoming", "--today", "2024-01-12", "--within", "30", "--unit", "Văn phòng HĐND"],
        ),
        ("show-ii1-2024-01-12.txt", ["show", "II.1", "--today", "2024-01-12"]),
        ("units-2024-01-12.txt", ["units", "--today", "2024-01-12"]),
    ],
)
def test_golden_tables(runner: CliRunner, name: str, args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout  # plain when piped
    for line in result.stdout.splitlines():  # every table fits in 80 columns, uncropped
        assert len(line) <= 80
        if line[:1] in "┏┃┡│├└":
            assert line.rstrip()[-1] in "┓┃┩│┤┘", line
    assert_golden(name, result.stdout)


def test_status_json_for_the_inspectorate(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["status", "--unit", "Thanh tra huyện", "--today", "2024-01-12", "--format", "json"]
    )
    data = json.loads(result.stdout)
    assert data == {
        "today": "2024-01-12",
        "items": [
            {
                "plan": "dak-rlap-kstthc-2024",
                "task": "VI.2",
                "title": "Tiếp nhận và phân loại PAKN về quy định hành chính",
                "unit": "Thanh tra huyện",
                "unit_id": "thanh-tra-huyen",
                "role": "lead",
                "start": None,
                "due": None,
                "period": None,
                "state": "ongoing",
                "days_late": 0,
                "days_left": None,
                "lead": ["Thanh tra huyện"],
                "done": None,
                "started": None,
            },
            {
                "plan": "dak-rlap-kstthc-2024",
                "task": "VI.3",
                "title": "Xử lý PAKN về quy định hành chính",
                "unit": "Thanh tra huyện",
                "unit_id": "thanh-tra-huyen",
                "role": "support",
                "start": None,
                "due": None,
                "period": None,
                "state": "awaiting_lead",  # a supporter follows its lead
                "days_late": 0,
                "days_left": None,
                "lead": ["Các phòng chuyên môn", "UBND các xã, thị trấn"],
                "done": None,
                "started": None,
            },
        ],
    }


def test_overdue_json_order_and_days_late(runner: CliRunner) -> None:
    result = runner.invoke(app, ["overdue", "--today", "2024-01-12", "--format", "json"])
    items = json.loads(result.stdout)["items"]
    assert [(i["task"], i["days_late"]) for i in items][:1] == [("I.1", 12)]
    by_task: dict[str, set[str]] = {}
    for item in items:
        by_task.setdefault(item["task"], set()).add(item["role"])
    assert by_task == {"I.1": {"lead"}, "II.1": {"lead"}, "TCTH.1": {"lead"}}
    assert len(items) == 1 + 21 + 11  # I.1; II.1's and TCTH.1's leads, 3 days late
    days = [i["days_late"] for i in items]
    assert days == sorted(days, reverse=True)
    ii1 = [i for i in items if i["task"] == "II.1"]
    assert len(ii1) == 21
    assert {(i["due"], i["days_late"], i["role"]) for i in ii1} == {("2024-01-09", 3, "lead")}
    office = [i for i in items if i["task"] == "I.1" and i["role"] == "lead"]
    assert [(i["unit"], i["due"], i["days_late"]) for i in office] == [
        ("Văn phòng HĐND và UBND huyện", "2023-12-31", 12)
    ]


def test_upcoming_json(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["upcoming", "--today", "2024-01-12", "--within", "20", "--format", "json"]
    )
    data = json.loads(result.stdout)
    assert (data["today"], data["within"]) == ("2024-01-12", 20)
    assert {(i["task"], i["event"], i["date"]) for i in data["items"]} == {
        ("II.2", "due", "2024-01-14"),
        ("II.3", "opens", "2024-02-01"),
    }


def test_show_json(runner: CliRunner) -> None:
    result = runner.invoke(app, ["show", "ii.2", "--today", "2024-01-12", "--format", "json"])
    data = json.loads(result.stdout)
    assert {k: data[k] for k in ("id", "title", "lead", "support", "deliverable")} == {
        "id": "II.2",
        "title": (
            "Tổng hợp Kế hoạch rà soát, đánh giá TTHC năm 2024 của các đơn vị, lựa chọn lĩnh vực"
            " được rà soát, đánh giá năm 2024, xây dựng kế hoạch rà soát, đánh giá TTHC năm 2024"
            " của UBND huyện"
        ),
        "lead": "Văn phòng HĐND - UBND huyện",
        "support": None,
        "deliverable": "Kế hoạch rà soát, đánh giá TTHC năm 2024 của UBND huyện",
    }
    assert data["timeframe"]["text"] == "Trước 15/01/2024"
    assert (data["timeframe"]["kind"], data["timeframe"]["due"]) == ("deadline", "2024-01-14")
    assert [(i["unit"], i["state"], i["days_left"]) for i in data["items"]] == [
        ("Văn phòng HĐND và UBND huyện", "due_soon", 2)
    ]


def test_csv_has_a_bom_for_excel(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["overdue", "--unit", "Xã Nhân Cơ", "--today", "2024-01-12", "--format", "csv"]
    )
    assert result.stdout.startswith("\ufeffplan,task,title,unit,")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert [(r["task"], r["due"], r["days_late"]) for r in rows] == [
        ("II.1", "2024-01-09", "3"),
        ("TCTH.1", "2024-01-09", "3"),  # as the Office corrected the source's 2023
    ]


def test_markdown(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["overdue", "--unit", "Xã Nhân Cơ", "--today", "2024-01-12", "--format", "md"]
    )
    lines = result.stdout.splitlines()
    # no unit column: the heading says whose items they are (issue 27)
    assert lines[0] == "**Việc quá hạn của Xã Nhân Cơ ngày 12/01/2024**"
    assert lines[2] == "| Trễ (ngày) | Mã | Nhiệm vụ | Vai trò | Hạn |"
    assert lines[4].startswith("| 3 | II.1 | Xây dựng kế hoạch rà soát, đánh giá TTHC năm 2024")
    assert lines[5].startswith("| 3 | TCTH.1 | Trên cơ sở kế hoạch của UBND huyện")


def test_today_from_environment(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_TODAY", "2024-06-15")
    result = runner.invoke(app, ["show", "II.3", "--format", "json"])
    assert json.loads(result.stdout)["today"] == "2024-06-15"
    states = {(i["role"], i["state"]) for i in json.loads(result.stdout)["items"]}
    assert states == {("lead", "in_progress"), ("support", "awaiting_lead")}


def test_fail_exits_1_only_when_something_is_overdue(runner: CliRunner) -> None:
    assert runner.invoke(app, ["overdue", "--today", "2024-01-12", "--fail"]).exit_code == 1
    assert runner.invoke(app, ["overdue", "--today", "2024-01-12"]).exit_code == 0
    quiet = runner.invoke(
        app, ["overdue", "--unit", "Thanh tra", "--today", "2024-01-12", "--fail"]
    )
    assert quiet.exit_code == 0


def test_invalid_plan_is_refused_by_views(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["status", "--plan", "tests/data/broken.yaml", "--today", "2024-01-12"]
    )
    assert result.exit_code == 1
    assert "tthc validate tests/data/broken.yaml" in result.stderr


@pytest.mark.parametrize(
    "view",
    [["status"], ["status", "--unit", "Xã Nhân Cơ"], ["overdue"], ["upcoming", "--within", "400"],
     ["show", "II.1"], ["units"], ["targets"]],
)  # fmt: skip
def test_csv_columns_are_flat_and_typed(plan_copy: Path, view: list[str]) -> None:
    assert invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024",
                  "--ref", "Số 05/KH-UBND ngày 08/01/2024", "--note", "gửi qua\nhệ thống",
                  "--today", "2024-01-12")[0] == 0  # fmt: skip
    code, out, _err = invoke(*view, "--today", "2024-01-12", "--format", "csv")
    assert code == 0
    assert out.startswith("\ufeff")  # Excel and LibreOffice read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    assert rows
    for row in rows:
        assert not [v for v in row.values() if v.startswith(("{", "["))], row
    if view[0] in {"show", "status"} and len(view) > 1:
        nhan_co = next(r for r in rows if r["task"] == "II.1" and r["unit"] == "Xã Nhân Cơ")
        assert {k: nhan_co[k] for k in ("state", "days_late", "due", "done_date", "done_ref",
                                        "done_note", "done_correction")} == {
            "state": "done", "days_late": "0", "due": "2024-01-09", "done_date": "2024-01-08",
            "done_ref": "Số 05/KH-UBND ngày 08/01/2024", "done_note": "gửi qua\nhệ thống",
            "done_correction": "false",
        }  # fmt: skip


def test_group_task_gives_one_row_per_task_with_its_units(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    assert invoke("done", "II.1", "--unit", "Xã Nhân Cơ", "--date", "08/01/2024",
                  "--today", "2024-01-12")[0] == 0  # fmt: skip
    code, out, _err = invoke("overdue", "--today", "2024-03-20", "--group", "task", "-f", "md")
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith("| ") and "Mã" not in line]
    assert [row.split(" | ")[1] for row in rows] == ["I.1", "II.1", "TCTH.1", "II.2", "XI.1",
                                                     "XI.2"]  # fmt: skip
    ii1 = rows[1].split(" | ")
    assert ii1[0] == "| 71"  # days late
    assert ii1[-2] == "20"  # 21 leads, Nhân Cơ done
    assert ii1[-1].startswith("Phòng Giáo dục và Đào tạo, Phòng Kinh tế và Hạ tầng, ")
    assert "Xã Nhân Cơ" not in ii1[-1]
    assert ii1[-1].endswith("Xã Nhân Đạo, Xã Quảng Tín |")
    code, out, _err = invoke("status", "--today", "2024-03-20", "--group", "task")
    assert code == 0
    assert "Quá hạn (55)" in out
    assert out.count("│ II.1 ") == 2  # one row late (20 units), one row done (Nhân Cơ)
    code, out, _err = invoke("status", "--unit", "UBND các xã, thị trấn", "--today", "2024-03-20",
                             "--group", "task", "-f", "md")  # fmt: skip
    assert code == 0
    assert "| TCTH.1 | Trên cơ sở kế hoạch" in out
