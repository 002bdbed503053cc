"""Word tables whose merges python-docx would misread: each row read as Word shows it, or
refused at its row; never a task lost without a word.

- A cell that "continues" a vertical merge (w:vMerge) with nothing above it to
  continue: python-docx gave the header's text, the row was taken for a merged
  one and the task vanished (import said "0 lỗi, 0 cảnh báo", `sections: []`).
- A horizontal span (w:gridSpan) past the table's columns: the cells after it
  were shifted out of their columns and dropped. Refused, at its row.
- A row that starts after the first column (w:gridBefore): its cells were read
  one column to the left.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.ordinary_user import snapshot, tthc_here
from tthc_plan.store.yamlio import compose

HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"]
ROWS = [
    HEADER,
    ["1", "Việc một", "Sở Tư pháp", "Sở Nội vụ", "Quý I/2026"],
    ["2", "Việc hai", "Sở Y tế", "", "Quý II/2026"],
]


def _word(path: Path, rows: list[list[str]], change: Any) -> None:
    document = docx.Document()
    table = document.add_table(rows=0, cols=len(rows[0]))
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    change(table)
    document.save(str(path))


def _set(tc: Any, name: str, value: str | None = None) -> None:
    element = OxmlElement(name)
    if value is not None:
        element.set(qn("w:val"), value)
    tc.get_or_add_tcPr().append(element)


def _import(folder: Path) -> tuple[Any, list[tuple[str, ...]]]:
    done = tthc_here(folder, "import", "phu-luc.docx", "--year", "2026", "-o", "plans/2026.yaml",
                     "--id", "nam-2026", "--today", "2026-01-05")  # fmt: skip
    data = compose((folder / "plans" / "2026.yaml").read_text(encoding="utf-8")).data
    tasks = [
        tuple(task.get(key) or "" for key in ("id", "title", "lead", "support", "timeframe"))
        for section in data["sections"]
        for task in section["tasks"]
    ]
    return done, tasks


def test_a_continued_cell_with_nothing_above_it_is_read_as_written(tmp_path: Path) -> None:
    def continue_first_row(table: Any) -> None:
        for tc in table.rows[1]._tr.tc_lst:
            _set(tc, "w:vMerge")  # "continue", with no "restart" anywhere above

    _word(tmp_path / "phu-luc.docx", ROWS, continue_first_row)
    done, tasks = _import(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 6 cảnh báo."
    assert tasks == [
        ("0.1", "Việc một", "Sở Tư pháp", "Sở Nội vụ", "Quý I/2026"),
        ("0.2", "Việc hai", "Sở Y tế", "", "Quý II/2026"),
    ]


def test_a_continued_number_cell_keeps_its_number(tmp_path: Path) -> None:
    rows = [
        HEADER,
        ["5", "Việc năm", "Sở Tư pháp", "", "Quý I/2026"],
        ["6", "Việc sáu", "Sở Y tế", "", "Quý II/2026"],
    ]
    _word(tmp_path / "phu-luc.docx", rows, lambda t: _set(t.rows[1]._tr.tc_lst[0], "w:vMerge"))
    done, tasks = _import(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [task[:2] for task in tasks] == [("0.5", "Việc năm"), ("0.6", "Việc sáu")]


def test_a_span_past_the_columns_is_refused_at_its_row(tmp_path: Path) -> None:
    def span(table: Any) -> None:
        _set(table.rows[1]._tr.tc_lst[1], "w:gridSpan", "3")  # title over 3 columns, + 3 more

    _word(tmp_path / "phu-luc.docx", ROWS, span)
    before = snapshot(tmp_path)
    done = tthc_here(tmp_path, "import", "phu-luc.docx", "--year", "2026", "--today", "2026-01-05")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "Lỗi: «phu-luc.docx», bảng 1, dòng 2: các ô gộp ngang (gridSpan) trải ra 7 cột, quá 5 "
        "cột của bảng; không biết các ô sau thuộc cột nào, nên không nhập, không ghi tệp nào. "
        "Mở tệp bằng Word, tách hoặc gộp lại các ô của dòng này cho đúng cột (Bố cục > Tách "
        "ô), lưu rồi nhập lại.\n"
    )
    assert snapshot(tmp_path) == before


def test_a_row_that_starts_after_the_first_column(tmp_path: Path) -> None:
    """w:gridBefore: the row's first cell is the title, under "Nhiệm vụ"; no number."""

    def later(table: Any) -> None:
        tr = table.rows[2]._tr
        tr.remove(tr.tc_lst[0])
        properties = tr.get_or_add_trPr()
        before = OxmlElement("w:gridBefore")
        before.set(qn("w:val"), "1")
        properties.insert(0, before)

    _word(tmp_path / "phu-luc.docx", ROWS, later)
    done, tasks = _import(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert tasks == [
        ("0.1", "Việc một", "Sở Tư pháp", "Sở Nội vụ", "Quý I/2026"),
        ("0.1b", "Việc hai", "Sở Y tế", "", "Quý II/2026"),
    ]
