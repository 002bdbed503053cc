"""tthc export xlsx: the workbook read back with openpyxl, cells checked exactly.

A value that a spreadsheet would run as a formula stays text, in the workbook
and in every CSV.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime

import openpyxl
import pytest
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Font

from tests.conftest import PlanCopy, TthcRunner, tthc
from tthc_plan.cli import app
from tthc_plan.output.export import xlsx


@pytest.fixture
def book(plan_copy_with: PlanCopy) -> openpyxl.Workbook:
    tmp_path = plan_copy_with(
        done=[["II.1", "--unit", "Xã Nhân Cơ", "--date", "2024-01-08", "--today", "2024-01-12",
               "--ref", "Số 05/KH-UBND ngày 08/01/2024"]]
    )  # fmt: skip
    result = TthcRunner().invoke(app, ["export", "xlsx", "--today", "2024-01-12", "-o", "kh.xlsx"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Đã ghi kh.xlsx\n"
    return openpyxl.load_workbook(tmp_path / "kh.xlsx")


def _rows(sheet: object) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))  # type: ignore[attr-defined]


def test_annex_sheet(book: openpyxl.Workbook) -> None:
    assert book.sheetnames == ["Phụ lục", "Theo đơn vị"]
    annex = book["Phụ lục"]
    rows = _rows(annex)
    assert rows[0] == (
        "STT", "Nhiệm vụ", "Kết quả công việc", "Đơn vị chủ trì", "Đơn vị phối hợp",
        "Thời gian thực hiện", "Tình trạng", "Ngày cuối cùng", "Số ngày trễ", "Minh chứng",
    )  # fmt: skip
    assert rows[1] == ("I", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", *([None] * 8))
    assert rows[4][:2] == ("II", "RÀ SOÁT, ĐÁNH GIÁ THỦ TỤC HÀNH CHÍNH")
    assert rows[5] == (
        1,
        "Xây dựng kế hoạch rà soát, đánh giá TTHC năm 2024 theo ngành, lĩnh vực quản lý và "
        "thẩm quyền giải quyết",
        "Kế hoạch rà soát, đánh giá TTHC năm 2024 của các đơn vị",
        "Các phòng chuyên môn, UBND các xã, thị trấn",
        None,
        "Trước 10/01/2024",
        "Quá hạn (20/21 lượt)",
        datetime(2024, 1, 9),
        3,
        "Số 05/KH-UBND ngày 08/01/2024",
    )
    sections = [row[0] for row in rows[1:] if row[2] is None and isinstance(row[0], str)]
    assert sections == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "TCTH"]
    assert len(rows) == 1 + 12 + 31
    vii4 = next(
        row
        for row in rows
        if isinstance(row[1], str) and row[1].startswith("Triển khai thực hiện “Đề án")
    )
    assert str(vii4[2]).startswith("- Tăng tỷ lệ số hóa")
    assert annex.freeze_panes == "A2"
    assert annex.page_setup.orientation == "landscape"
    assert annex.page_setup.paperSize == 9  # A4
    assert annex["B6"].alignment.wrap_text is True
    assert annex["H6"].number_format == "DD/MM/YYYY"
    assert "B2:J2" in {str(r) for r in annex.merged_cells.ranges}
    rules = list(annex.conditional_formatting)
    assert [rule.rules[0].formula for rule in rules] == [["AND(ISNUMBER($I2),$I2>0)"]]


def test_unit_sheet(book: openpyxl.Workbook) -> None:
    rows = _rows(book["Theo đơn vị"])
    assert rows[0] == (
        "Mã", "Nhiệm vụ", "Đơn vị", "Vai trò", "Kỳ", "Bắt đầu", "Ngày cuối cùng",
        "Tình trạng", "Số ngày trễ", "Ngày xong", "Văn bản",
    )  # fmt: skip
    nhan_co = [row for row in rows if row[0] == "II.1" and row[2] == "Xã Nhân Cơ"]
    assert nhan_co == [
        (
            "II.1",
            "Xây dựng kế hoạch rà soát, đánh giá TTHC năm 2024 theo ngành, lĩnh vực quản lý và "
            "thẩm quyền giải quyết",
            "Xã Nhân Cơ",
            "chủ trì",
            None,
            None,
            datetime(2024, 1, 9),
            "Đã xong",
            None,
            datetime(2024, 1, 8),
            "Số 05/KH-UBND ngày 08/01/2024",
        )
    ]
    ii3 = next(row for row in rows if row[0] == "II.3")
    assert (ii3[5], ii3[6], ii3[7]) == (datetime(2024, 2, 1), datetime(2024, 6, 30), "Chưa bắt đầu")
    xi1 = [row[4] for row in rows if row[0] == "XI.1" and row[2] == "Xã Nhân Cơ"]
    assert xi1 == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4", "2024"]
    assert book["Theo đơn vị"].auto_filter.ref == f"A1:K{len(rows)}"


def _workbook_styled_by(give: Callable[[Cell | MergedCell, xlsx._Look], None]) -> dict[str, bytes]:
    """Return the parts of a workbook whose cells each got a look, by `give`."""
    workbook = openpyxl.Workbook()
    looks = [xlsx._HEADER, xlsx._TEXT, xlsx._SECTION, xlsx._DATE]
    for sheet in (workbook.active, workbook.create_sheet("2")):
        assert sheet is not None
        for row in range(1, 7):
            for column, value in enumerate(["a", date(2024, 1, 9), 3, None], start=1):
                cell = sheet.cell(row=row, column=column, value=value)
                if row == 4:  # styled before its look, in part
                    cell.font = Font(italic=True)
        sheet.merge_cells("B3:D3")
        for row, cells in enumerate(sheet.iter_rows()):
            for column, cell in enumerate(cells):
                give(cell, looks[(row + column) % len(looks)])
    out = io.BytesIO()
    workbook.save(out)
    with zipfile.ZipFile(out) as parts:
        return {name: parts.read(name) for name in parts.namelist() if name != "docProps/core.xml"}


def test_a_look_copied_writes_what_its_styles_assigned_write() -> None:
    def assign(cell: Cell | MergedCell, look: xlsx._Look) -> None:
        for name in ("font", "fill", "alignment", "border", "number_format"):
            if getattr(look, name) is not None:
                setattr(cell, name, getattr(look, name))

    assert _workbook_styled_by(xlsx._Looks().give) == _workbook_styled_by(assign)


FORMULAS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)"]


# Five communes leading II.1, one formula written as each one's reference.
COMMUNES = ["Xã Nhân Cơ", "Xã Đắk Ru", "Xã Nghĩa Thắng", "Xã Đạo Nghĩa", "Xã Quảng Tín"]


def test_formulas_in_references_stay_text_in_the_workbook(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    from openpyxl import load_workbook  # noqa: PLC0415

    for unit, formula in zip(COMMUNES, FORMULAS, strict=True):
        done = tthc("done", "II.1", "--unit", unit, "--date", "2024-01-10", "--ref", formula)
        assert done.exit_code == 0, done.stderr
    assert tthc("export", "xlsx", "-o", "out.xlsx").exit_code == 0
    workbook = load_workbook(plans / "out.xlsx")
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
    for formula in FORMULAS:
        written = [c for c in cells if c.value == formula]
        assert written, f"{formula}: in the workbook, as written"
        assert {c.data_type for c in written} == {"s"}
    assert not [c for c in cells if c.data_type == "f"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_in_a_reference_or_a_title_stays_text_in_csv(
    plan_copy_with: PlanCopy, formula: str
) -> None:
    plans = plan_copy_with(today="2024-01-12")
    done = tthc("done", "II.2", "--date", "2024-01-10", "--ref", formula)
    assert done.exit_code == 0, done.stderr
    status = ["status", "--unit", "Văn phòng HĐND", "--format", "csv"]
    _assert_csv_holds_it_as_text(tthc(*status).stdout, formula)
    plan = plans / "plans" / "2024.yaml"  # a title written so by whoever edits the plan
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace(
            "        title: Tổng hợp Kế hoạch rà soát", f"        title: {json.dumps(formula)} #", 1
        ),
        encoding="utf-8",
    )
    annex = tthc("export", "csv").stdout
    _assert_csv_holds_it_as_text(annex, formula)
    assert f"'{formula}".replace('"', '""') in annex  # the title's cell, marked as text


def _assert_csv_holds_it_as_text(text: str, formula: str) -> None:
    import csv  # noqa: PLC0415
    import io  # noqa: PLC0415

    values = [value for row in csv.reader(io.StringIO(text.lstrip("\ufeff"))) for value in row]
    assert any(formula in value for value in values)  # kept
    starts = ("=", "+", "-", "@", "\t", "\r")
    numbers = re.compile(r"-?\d+(?:\.\d+)?")  # numbers stay numbers (days left: -12)
    risky = [v for v in values if v.startswith(starts) and not numbers.fullmatch(v)]
    assert risky == []
