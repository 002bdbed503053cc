"""Rows of one section that carry the same number each get an id of their own.

`tthc import` once looped forever when 27 or more rows of a section carried
one number (`next(suffix, "z")` once b-z were used up): in a text export, and
in Word when the STT cell is merged down over 27 or more titled sub-rows. Ids
now run I.1, I.1b ... I.1z, I.1aa, I.1ab...; each import here runs in a fresh
process bounded in time and memory, keeps every row and writes only its plan.
"""

from __future__ import annotations

import string
import time
from pathlib import Path
from typing import Any

import docx
import pytest
from ruamel.yaml import YAML

from tests.conftest import PLAN_2024, SOURCE
from tests.fresh_process import plan_folder, snapshot, tthc

ROWS = 30
# I.1, then I.1b..I.1z (25), then I.1aa..I.1ad.
IDS = (
    ["I.1"] + [f"I.1{c}" for c in string.ascii_lowercase[1:]] + ["I.1aa", "I.1ab", "I.1ac", "I.1ad"]
)
TITLES = [f"Việc lặp số {k}" for k in range(1, ROWS + 1)]


def _tasks(path: Path) -> list[dict[str, Any]]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return [task for section in data["sections"] for task in section["tasks"]]


def _import(folder: Path, source: str, *args: str) -> tuple[Any, float]:
    before = snapshot(folder)
    started = time.monotonic()
    done = tthc(folder, "import", source, "-o", "plans/lap.yaml", *args, timeout=60)
    elapsed = time.monotonic() - started
    after = snapshot(folder)
    # The new plan only: the source and the shipped plan are as they were.
    assert set(after) - set(before) == {"plans/lap.yaml"}
    assert {name: after[name] for name in before} == before
    assert "Traceback" not in done.stderr
    return done, elapsed


@pytest.mark.slow  # an import in a fresh process bounded in time and memory
def test_thirty_rows_of_one_number_in_a_text_export_get_thirty_ids(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    lines = SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(n for n, line in enumerate(lines) if line.startswith("I\tCÔNG TÁC"))
    second = next(n for n, line in enumerate(lines) if line.startswith("II\t"))
    rows = [
        f"1\t{title}\tBáo cáo\tVăn phòng HĐND - UBND huyện\t\tTháng 12/2024\n" for title in TITLES
    ]
    (folder / "annex.txt").write_text(
        "".join([*lines[: first + 1], *rows, *lines[second:]]), encoding="utf-8"
    )
    done, elapsed = _import(
        folder, "annex.txt", "--id", "lap-2024", "--units", "plans/2024.yaml",
        "--today", "2024-12-31",
    )  # fmt: skip
    assert elapsed < 60
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Đã tạo plans/lap.yaml."
    assert done.stdout.splitlines()[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 5 cảnh báo."
    tasks = _tasks(folder / "plans" / "lap.yaml")
    repeated = [task for task in tasks if task["id"].startswith("I.")]
    assert [task["id"] for task in repeated] == IDS
    assert [task["title"] for task in repeated] == TITLES
    # The 26 rows of sections II to XI follow them, every one kept.
    shipped = YAML(typ="safe").load(PLAN_2024.read_text(encoding="utf-8"))["sections"]
    others = [
        task["id"]
        for section in shipped
        if section["id"] != "I" and section.get("part") != "body"
        for task in section["tasks"]
    ]
    assert len(others) == 26
    assert [task["id"] for task in tasks[ROWS:]] == others


def _word(path: Path) -> None:
    """The STT cell "1" merged down over 30 rows, each with its own title."""
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH Hoạt động kiểm soát thủ tục hành chính năm 2025")
    table = document.add_table(rows=ROWS + 2, cols=5)
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
    for column, text in enumerate(header):
        table.cell(0, column).text = text
    table.cell(1, 0).text = "I"
    table.cell(1, 1).merge(table.cell(1, 4)).text = "CÔNG TÁC CHỈ ĐẠO"
    for row, title in enumerate(TITLES, start=2):
        table.cell(row, 1).text = title
        table.cell(row, 2).text = "Sở Tư pháp"
        table.cell(row, 4).text = "Quý II/2025"
    table.cell(2, 0).merge(table.cell(ROWS + 1, 0)).text = "1"
    document.save(str(path))


@pytest.mark.slow  # an import in a fresh process bounded in time and memory
def test_a_number_merged_down_over_thirty_word_rows_gives_thirty_ids(tmp_path: Path) -> None:
    folder = plan_folder(tmp_path)
    _word(folder / "phu-luc.docx")
    # the year from its title, "KẾ HOẠCH Hoạt động ... năm 2025" written on one line
    done, elapsed = _import(folder, "phu-luc.docx", "--today", "2025-02-01")
    assert elapsed < 60
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "Đã tạo plans/lap.yaml."
    # the particulars an annex alone does not give: issuer, number, date, signer
    assert done.stdout.splitlines()[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 5 cảnh báo."
    tasks = _tasks(folder / "plans" / "lap.yaml")
    assert [task["id"] for task in tasks] == IDS
    assert [task["title"] for task in tasks] == TITLES
    assert {(task["lead"], task["timeframe"]) for task in tasks} == {("Sở Tư pháp", "Quý II/2025")}
