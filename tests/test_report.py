"""tthc report: the periodic report, read back from Word with python-docx."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN_2024
from tthc_plan.cli import app
from tthc_plan.core.report import reporting_period
from tthc_plan.errors import UsageError
from tthc_plan.output.export.report_doc import period_name


@pytest.mark.parametrize(
    ("label", "name", "first", "last"),
    [
        ("2024-Q1", "quý I năm 2024", date(2023, 12, 15), date(2024, 3, 14)),
        ("2024-Q4", "quý IV năm 2024", date(2024, 9, 15), date(2024, 12, 14)),
        ("2024-H1", "6 tháng đầu năm 2024", date(2023, 12, 15), date(2024, 6, 14)),
        ("2024-H2", "6 tháng cuối năm 2024", date(2024, 6, 15), date(2024, 12, 14)),
        ("2024-03", "tháng 3 năm 2024", date(2024, 2, 15), date(2024, 3, 14)),
        ("2024", "năm 2024", date(2023, 12, 15), date(2024, 12, 14)),
    ],
)
def test_reporting_periods_follow_the_cutoff_day(
    label: str, name: str, first: date, last: date
) -> None:
    period = reporting_period(label, cutoff_day=14)
    assert (period_name(period), period.first, period.last) == (name, first, last)


def test_a_bad_period_is_a_usage_error() -> None:
    with pytest.raises(UsageError) as caught:
        reporting_period("Q1-2024", cutoff_day=14)
    assert str(caught.value) == (
        "Kỳ «Q1-2024» không đúng dạng: viết 2024-Q1, 2024-H1, 2024-03 hoặc 2024."
    )


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> docx.document.Document:
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN_2024, tmp_path / "plans" / "2024.yaml")
    monkeypatch.chdir(tmp_path)
    for name in ("TTHC_PLAN", "TTHC_LANG", "TTHC_TODAY"):
        monkeypatch.delenv(name, raising=False)
    runner = CliRunner()
    for args in (
        [
            "II.1",
            "--unit",
            "nhan co",
            "--date",
            "2024-01-08",
            "--ref",
            "Số 05/KH-UBND ngày 08/01/2024",
        ],
        ["II.1", "--unit", "Xã Đắk Ru", "--date", "2024-01-11"],
        ["II.2", "--date", "2024-01-14"],
    ):
        assert runner.invoke(app, ["done", *args, "--today", "2024-01-15"]).exit_code == 0
    result = runner.invoke(app, ["report", "--period", "2024-Q1", "--today", "2024-04-01"])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Đã ghi bao-cao-2024-Q1.docx\n"
    return docx.Document(str(tmp_path / "bao-cao-2024-Q1.docx"))


def _cells(table: object) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


def test_report_layout_and_numbers(report: docx.document.Document) -> None:
    head, summary, tasks = report.tables
    assert _cells(head) == [
        ["UBND HUYỆN ĐẮK R'LẤP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["Số:      /BC-UBND", "Độc lập - Tự do - Hạnh phúc"],
    ]
    paragraphs = [p.text for p in report.paragraphs if p.text]
    assert paragraphs[:4] == [
        "Đắk R'lấp, ngày 01 tháng 4 năm 2024",
        "BÁO CÁO",
        "Tình hình, kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính quý I năm 2024",
        "Số liệu từ ngày 15/12/2023 đến ngày 14/03/2024, tình hình đến ngày 01/04/2024. "
        "Trong kỳ có 33 lượt việc đến hạn: 2 xong đúng hạn, 1 xong trễ hạn, 30 quá hạn.",
    ]
    rows = _cells(summary)
    assert rows[0] == [
        "Đơn vị",
        "Việc đến hạn trong kỳ",
        "Xong đúng hạn",
        "Xong trễ hạn",
        "Quá hạn",
    ]
    by_unit = {row[0]: row[1:] for row in rows[1:]}
    assert by_unit["Xã Nhân Cơ"] == ["1", "1", "0", "0"]
    assert by_unit["Xã Đắk Ru"] == ["1", "0", "1", "0"]
    assert by_unit["Xã Quảng Tín"] == ["1", "0", "0", "1"]
    assert by_unit["Văn phòng HĐND và UBND huyện"] == ["2", "1", "0", "1"]
    assert by_unit["Phòng Tư pháp"] == ["2", "0", "0", "2"]
    assert rows[-1] == ["Tổng cộng", "33", "2", "1", "30"]
    task_rows = _cells(tasks)
    assert len(task_rows) == 1 + 33
    nhan_co = next(row for row in task_rows if row[0] == "II.1" and row[2] == "Xã Nhân Cơ")
    assert nhan_co[3:] == ["09/01/2024", "Đã xong", "Số 05/KH-UBND ngày 08/01/2024"]
    dak_ru = next(row for row in task_rows if row[0] == "II.1" and row[2] == "Xã Đắk Ru")
    assert dak_ru[4] == "Xong trễ 2 ngày"
    assert "Xã Quảng Tín: II.1 (hạn 09/01/2024, trễ 83 ngày)" in paragraphs
    assert paragraphs[-4:] == [
        "IV. Khó khăn, vướng mắc",
        "[Phần này do đơn vị viết: ...]",
        "V. Đề xuất, kiến nghị",
        "[Phần này do đơn vị viết: ...]",
    ]


def test_markdown_has_the_same_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN_2024, tmp_path / "plans" / "2024.yaml")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        app, ["report", "--period", "2024-Q1", "--today", "2024-04-01", "--format", "md",
              "--unit", "Xã Nhân Cơ"]
    )  # fmt: skip
    lines = result.stdout.splitlines()
    assert (
        "## Tình hình, kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính quý I năm 2024"
        in lines
    )
    assert "| Xã Nhân Cơ | 1 | 0 | 0 | 1 |" in lines
    assert "| Tổng cộng | 1 | 0 | 0 | 1 |" in lines
    assert "- **Xã Nhân Cơ**: II.1 (hạn 09/01/2024, trễ 83 ngày)" in lines


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.slow
def test_report_converts_to_pdf(report: docx.document.Document, tmp_path: Path) -> None:
    assert LIBREOFFICE is not None
    source = tmp_path / "bao-cao-2024-Q1.docx"
    result = subprocess.run(
        [LIBREOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "bao-cao-2024-Q1.pdf").read_bytes().startswith(b"%PDF")
