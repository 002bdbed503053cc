"""The annex as the Office knows it, as an Excel workbook, with each unit's items beside it.

The workbook is an office document in the plan's language: its headings and
labels are Vietnamese whatever `--lang` says.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from tthc_plan.core.model import Plan, Task
from tthc_plan.core.schedule import Item, State
from tthc_plan.output.labels import ROLE_LABELS, STATE_LABELS, task_status
from tthc_plan.output.values import cell_text

DATE_FORMAT = "DD/MM/YYYY"
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_OVERDUE_FILL = PatternFill("solid", fgColor="F8CBAD")


@dataclass(frozen=True, eq=False)  # eq=False: a look is a dict key by identity, hashed at no cost
class _Look:
    """What a cell looks like: the styles set on it (None: the default)."""

    font: Font | None = None
    fill: PatternFill | None = None
    alignment: Alignment | None = None
    border: Border | None = None
    number_format: str | None = None


_BOLD = Font(bold=True)
_HEADER = _Look(
    _BOLD, _HEADER_FILL, Alignment(wrap_text=True, vertical="center", horizontal="center"), _BORDER
)
_SECTION = _Look(_BOLD, _SECTION_FILL, border=_BORDER)
_TEXT = _Look(alignment=_WRAP, border=_BORDER)
_DATE = _Look(alignment=_WRAP, border=_BORDER, number_format=DATE_FORMAT)


class _Looks:
    """Give cells their looks, each look set once through openpyxl and then copied.

    Each assignment of a style (`cell.border = ...`) has openpyxl find the style
    in the workbook's list of styles by its hash, which it computes anew each
    time over every part of the style (a border's four sides and their colours):
    two thirds of the workbook's time, where thousands of cells share two looks.
    A cell holds its styles as positions in those lists (its `_style`, a
    StyleArray, not in openpyxl's type stubs). A look given to a cell styled as
    no cell before it is assigned style by style; the array the cell ends with
    is copied onto each later cell styled the same (as a rule, not at all) that
    gets the same look, as openpyxl copies a cell's style itself (WorksheetCopy:
    `target._style = copy(source._style)`). The lists fill in the same order as
    with every style assigned, so the file is the same, byte for byte.
    """

    def __init__(self) -> None:
        self._arrays: dict[tuple[_Look, tuple[int, ...] | None], StyleArray] = {}

    def give(self, cell: Cell | MergedCell, look: _Look) -> None:
        """Style `cell` as `look` says, as if each of its styles were assigned to it."""
        before = cell._style  # type: ignore[union-attr]
        key = (look, None if before is None else tuple(before))
        array = self._arrays.get(key)
        if array is not None:
            cell._style = copy(array)  # type: ignore[union-attr]
            return
        if look.font is not None:
            cell.font = look.font
        if look.fill is not None:
            cell.fill = look.fill
        if look.alignment is not None:
            cell.alignment = look.alignment
        if look.border is not None:
            cell.border = look.border
        if look.number_format is not None:
            cell.number_format = look.number_format
        self._arrays[key] = copy(cell._style)  # type: ignore[union-attr]


ANNEX_COLUMNS = (
    ("STT", 7),
    ("Nhiệm vụ", 48),
    ("Kết quả công việc", 36),
    ("Đơn vị chủ trì", 26),
    ("Đơn vị phối hợp", 26),
    ("Thời gian thực hiện", 22),
    ("Tình trạng", 24),
    ("Ngày cuối cùng", 14),
    ("Số ngày trễ", 10),
    ("Minh chứng", 30),
)
ITEM_COLUMNS = (
    ("Mã", 9),
    ("Nhiệm vụ", 48),
    ("Đơn vị", 30),
    ("Vai trò", 10),
    ("Kỳ", 10),
    ("Bắt đầu", 13),
    ("Ngày cuối cùng", 14),
    ("Tình trạng", 16),
    ("Số ngày trễ", 10),
    ("Ngày xong", 13),
    ("Văn bản", 32),
)


def _due(items: Sequence[Item]) -> date | None:
    """Return the next last allowed day not yet done, else the latest one."""
    open_days = [i.slot.due for i in items if i.slot.due and i.state is not State.DONE]
    days = open_days or [i.slot.due for i in items if i.slot.due]
    return min(days) if open_days else (max(days) if days else None)


def _evidence(items: Sequence[Item]) -> str:
    refs = [i.done.ref for i in items if i.done is not None and i.done.ref]
    return "; ".join(dict.fromkeys(refs))


def _header(sheet: Worksheet, columns: Sequence[tuple[str, int]], looks: _Looks) -> None:
    for index, (title, width) in enumerate(columns, start=1):
        looks.give(sheet.cell(row=1, column=index, value=title), _HEADER)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


CellValue = str | int | date | None


def _row(sheet: Worksheet, row: int, values: Sequence[CellValue], looks: _Looks) -> None:
    for column, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=column, value=value)
        looks.give(cell, _DATE if isinstance(value, date) else _TEXT)


def _overdue_rule(sheet: Worksheet, late_column: int, last_row: int, width: int) -> None:
    """Colour a row whose days-late cell is above zero (Excel re-evaluates it on edit)."""
    if last_row < 2:
        return
    letter = get_column_letter(late_column)
    area = f"A2:{get_column_letter(width)}{last_row}"
    formula = f"AND(ISNUMBER(${letter}2),${letter}2>0)"
    rule = FormulaRule(formula=[formula], fill=_OVERDUE_FILL)  # type: ignore[no-untyped-call]
    sheet.conditional_formatting.add(area, rule)


def _annex(sheet: Worksheet, plan: Plan, by_task: dict[str, list[Item]], looks: _Looks) -> None:
    _header(sheet, ANNEX_COLUMNS, looks)
    row = 2
    for section in plan.sections:
        sheet.cell(row=row, column=1, value=section.id)
        sheet.cell(row=row, column=2, value=section.title)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(ANNEX_COLUMNS))
        for column in range(1, len(ANNEX_COLUMNS) + 1):
            looks.give(sheet.cell(row=row, column=column), _SECTION)
        row += 1
        for task in section.tasks:
            _row(sheet, row, _task_values(task, by_task.get(task.id, [])), looks)
            row += 1
    _overdue_rule(sheet, 9, row - 1, len(ANNEX_COLUMNS))


def _task_values(task: Task, items: Sequence[Item]) -> list[CellValue]:
    late = max((i.days_late for i in items if i.state is State.OVERDUE), default=0)
    number = task.id.rsplit(".", 1)[-1]
    return [
        int(number) if number.isdigit() else number,
        task.title,
        cell_text(task.deliverable),
        cell_text(task.lead),
        cell_text(task.support),
        task.timeframe,
        task_status(items),
        _due(items),
        late or None,
        _evidence(items),
    ]


def _items(sheet: Worksheet, items: Sequence[Item], looks: _Looks) -> None:
    _header(sheet, ITEM_COLUMNS, looks)
    for row, item in enumerate(items, start=2):
        done = item.done
        late = item.days_late if item.state in {State.OVERDUE, State.DONE} else 0
        _row(
            sheet,
            row,
            [
                item.task.id,
                item.task.title,
                item.unit.name,
                ROLE_LABELS[item.role],
                item.slot.period,
                item.slot.start if item.slot.window else None,
                item.slot.due,
                STATE_LABELS[item.state],
                late or None,
                done.date if done else None,
                done.ref if done else None,
            ],
            looks,
        )
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(ITEM_COLUMNS))}{max(len(items) + 1, 1)}"
    late_items = [i for i in items if i.state is State.OVERDUE]
    if late_items:
        _overdue_rule(sheet, 9, len(items) + 1, len(ITEM_COLUMNS))


def _text_stays_text(workbook: Workbook) -> None:
    """Keep every text cell text: openpyxl stores a string beginning with "=" as a formula.

    A title or a --ref like =HYPERLINK("http://x","y") must show as written,
    never run; numbers and dates keep their types.
    """
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def build_workbook(plan: Plan, items: Sequence[Item], *, today: date) -> bytes:
    """Return the workbook: the annex with status, and one row per unit item."""
    workbook = Workbook()
    annex = workbook.active
    assert annex is not None  # noqa: S101 - a new workbook has one sheet
    annex.title = "Phụ lục"
    by_task: dict[str, list[Item]] = {}
    for item in items:
        by_task.setdefault(item.task.id, []).append(item)
    looks = _Looks()
    _annex(annex, plan, by_task, looks)
    _items(workbook.create_sheet("Theo đơn vị"), items, looks)
    workbook.properties.title = plan.plan.name
    workbook.properties.subject = f"Tình hình ngày {today:%d/%m/%Y}"
    _text_stays_text(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
