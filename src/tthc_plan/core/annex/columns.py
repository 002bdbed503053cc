"""An annex table's header: which column holds the task, the lead, the timeframe...

Rows come as lists of cell texts. Two markers stand in for what a Word table
says and a text export cannot: MERGED, a cell continued from the row above
(w:vMerge), and NEXT_TABLE, a row alone that says another annex table starts.
"""

from __future__ import annotations

from collections.abc import Sequence

from tthc_plan.core.text import collapse_spaces, fold

# Folded header words -> column; the usual variants of official annexes.
# The first needle found wins, so the specific come before "nhiệm vụ" and "nội
# dung": "Thời hạn hoàn thành nhiệm vụ" is a timeframe, "Cơ quan chủ trì thực hiện
# nhiệm vụ" a lead, "Kết quả thực hiện nhiệm vụ" a deliverable.
_HEADER_WORDS = (
    ("thuoc nhom", ""),  # "Thuộc nhóm nhiệm vụ": a note, not the task
    ("phoi hop", "support"),
    ("chu tri", "lead"),
    ("don vi thuc hien", "lead"),
    ("co quan thuc hien", "lead"),
    ("thoi gian", "timeframe"),
    ("thoi han", "timeframe"),
    ("tien do", "timeframe"),
    ("ket qua", "deliverable"),
    ("san pham", "deliverable"),
    ("chi tieu", "deliverable"),
    ("nhiem vu", "title"),
    ("noi dung", "title"),
    ("cong viec", "title"),
    ("stt", "number"),
)
_NUMBER_HEADERS = frozenset(("stt", "tt", "so tt"))
MERGED = "\x00merged"  # a Word cell continued from the row above (w:vMerge)
NEXT_TABLE = "\x00table"  # a row that says: another annex table starts here, header first


def column_map(rows: Sequence[Sequence[str]]) -> dict[int, str]:
    """Return each header column's meaning: a field, or "note:<header>" for any other."""
    mapping: dict[int, str] = {}
    width = max(len(row) for row in rows)
    for index in range(width):
        cells = (row[index] for row in rows if index < len(row) and row[index] != MERGED)
        text = " ".join(cells).strip()
        words = fold(text)
        if words.strip(" .") in _NUMBER_HEADERS and "number" not in mapping.values():
            mapping[index] = "number"
            continue
        for needle, column in _HEADER_WORDS:
            if needle in words:
                if column and column not in mapping.values():
                    mapping[index] = column
                elif text:
                    mapping[index] = "note:" + collapse_spaces(text)
                break
        else:
            if text:
                mapping[index] = "note:" + collapse_spaces(text)
    return mapping


def header_rows(raw: list[list[str]], index: int) -> int:
    """Return 2 when the header at `index` has a second row under a spanning cell.

    "Phân công thực hiện" over "Chủ trì | Phối hợp": the second row's first cell
    is blank, or merged down from "STT" as Word writes it, and it holds header
    words only.
    """
    below = raw[index + 1] if index + 1 < len(raw) else []
    words = [cell for cell in below if cell.strip() and cell != MERGED]
    if not below or below[0].strip() not in {"", MERGED} or not words:
        return 1
    known = {c for c in column_map([[w] for w in words]).values() if not c.startswith("note:")}
    short = all(len(word) <= _HEADER_CELL for word in words)
    return 2 if short and known else 1


_HEADER_CELL = 60  # a header's cells are short; a task's title rarely is


def is_new_header(cells: Sequence[str]) -> bool:
    """Tell a header row inside the rows (a second table) from a task that names columns."""
    first = fold(cells[0]).strip(" .") if cells else ""
    short = all(len(cell) <= _HEADER_CELL for cell in cells)
    return short and first in _NUMBER_HEADERS and is_header(cells)


def is_header(cells: Sequence[str]) -> bool:
    """Tell whether a row is an annex's header: a task column and two more it knows.

    The lead column may be under a spanning header on the next row ("Phân công
    thực hiện" over "Đơn vị chủ trì | Đơn vị phối hợp"), so it is not required here.
    """
    found = set(column_map([list(cells)]).values())
    others = {"number", "deliverable", "lead", "support", "timeframe"}
    return "title" in found and len(found & others) >= 2
