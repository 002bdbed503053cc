"""tthc export md|csv|json: the plan in the source's layout, and the full model with states."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from tests.conftest import ROOT, PlanCopy, tthc
from tests.source_annex import read_annex
from tthc_plan.cli import app

SECTIONS, ROWS = read_annex(ROOT / "plans" / "source" / "ke-hoach-kiem-soat-tthc-2024-dak-rlap.txt")


def _export(runner: CliRunner, fmt: str) -> str:
    result = runner.invoke(app, ["export", fmt, "--today", "2024-01-12"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_markdown_in_the_source_layout(runner: CliRunner) -> None:
    lines = _export(runner, "md").splitlines()
    assert lines[:6] == [
        "# Kế hoạch hoạt động kiểm soát thủ tục hành chính năm 2024 trên địa bàn huyện Đắk R'lấp",
        "",
        "Tình hình ngày 12/01/2024.",
        "",
        "| STT | Nhiệm vụ | Kết quả công việc | Đơn vị chủ trì | Đơn vị phối hợp "
        "| Thời gian thực hiện | Tình trạng |",
        "|---|---|---|---|---|---|---|",
    ]
    assert lines[6] == "| **I** | **CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH** |  |  |  |  |  |"
    assert lines[10] == (
        "| 1 | Xây dựng kế hoạch rà soát, đánh giá TTHC năm 2024 theo ngành, lĩnh vực quản lý và "
        "thẩm quyền giải quyết | Kế hoạch rà soát, đánh giá TTHC năm 2024 của các đơn vị "
        "| Các phòng chuyên môn, UBND các xã, thị trấn |  | Trước 10/01/2024 "
        "| Quá hạn (21/21 lượt) |"
    )
    vii4 = next(line for line in lines if "“Đề án đổi mới" in line)
    assert "<br>- Tổ chức triển khai quy trình số hóa" in vii4
    assert len([line for line in lines if line.startswith("| ")]) == 1 + 12 + 31


def test_csv_for_excel(runner: CliRunner) -> None:
    text = _export(runner, "csv")
    assert text.startswith("\ufeffSTT,Nhiệm vụ,")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    titles = [row[1] for row in rows[1:] if row[2] or row[5]]
    assert titles[: len(ROWS)] == [row.cells["title"] for row in ROWS]
    assert rows[1] == ["I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "", "", "", "", ""]


def test_json_full_model_with_states(runner: CliRunner) -> None:
    data = json.loads(_export(runner, "json"))
    assert data["today"] == "2024-01-12"
    assert data["plan"]["decision"]["date"] == "2023-12-29"
    # Office, one-stop desk, 10 departments, inspectorate, 2 groups, 11 communes, 1 open group
    assert len(data["units"]) == 27
    tasks = {t["id"]: t for s in data["sections"] for t in s["tasks"]}
    assert len(tasks) == 31
    assert {i["state"] for i in tasks["II.1"]["items"]} == {"overdue"}
    assert len(tasks["II.1"]["items"]) == 21
    assert tasks["II.2"]["items"][0]["state"] == "due_soon"
    assert [t["id"] for t in data["targets"]][-1] == "hai-long"


def test_unit_filter_keeps_the_tasks_it_leads_or_with_role_all_takes_part_in(
    runner: CliRunner,
) -> None:
    args = ["--unit", "Thanh tra huyện", "--today", "2024-01-12"]
    markdown = runner.invoke(app, ["export", "md", *args]).stdout.splitlines()
    rows = [line for line in markdown if line.startswith("| ")][1:]
    assert [row.split(" | ")[0] for row in rows] == ["| **VI**", "| 2"]  # leads VI.2
    data = json.loads(runner.invoke(app, ["export", "json", *args]).stdout)
    tasks = [t["id"] for s in data["sections"] for t in s["tasks"]]
    assert tasks == ["VI.2"]
    args = [*args, "--role", "all"]
    markdown = runner.invoke(app, ["export", "md", *args]).stdout.splitlines()
    rows = [line for line in markdown if line.startswith("| ")][1:]
    assert [row.split(" | ")[0] for row in rows] == ["| **VI**", "| 2", "| 3"]
    data = json.loads(runner.invoke(app, ["export", "json", *args]).stdout)
    tasks = [t["id"] for s in data["sections"] for t in s["tasks"]]
    assert tasks == ["VI.2", "VI.3"]
    assert [i["role"] for s in data["sections"] for t in s["tasks"] for i in t["items"]] == [
        "lead",
        "support",
    ]


def test_markdown_outputs_keep_html_and_markup_as_text(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    plan = plans / "plans" / "2024.yaml"
    text = plan.read_text(encoding="utf-8")
    text = text.replace(
        "        title: Tổng hợp Kế hoạch rà soát",
        '        title: "<script>alert(1)</script> | `x` # Tổng hợp Kế hoạch rà soát" #',
        1,
    )
    text = text.replace("  issuer: UBND huyện Đắk R'lấp", '  issuer: "# UBND <b>huyện</b>"', 1)
    plan.write_text(text, encoding="utf-8")
    assert tthc("validate").exit_code == 0
    annex = tthc("export", "md").stdout
    report = tthc("report", "--period", "2024-Q1", "--format", "md").stdout
    for output in (annex, report):
        assert "<script>" not in output
        assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| \\`x\\` # Tổng hợp" in output
    assert "<b>" not in report
    assert report.startswith("**\\# UBND &lt;B&gt;HUYỆN&lt;/B&gt;**")
