"""Fill the blank cells of an annex's rows from the row they were merged with.

Blank cells of the table are usually cells merged with the row above (or, for a
section's first row, below); they are filled from there and each fill is
recorded in the task's `inferred`, as in plans/2024.yaml.
"""

from __future__ import annotations

import itertools
import re

from msgspec import Struct

from tthc_plan.core.annex.rows import Row
from tthc_plan.core.annex.sections import Section, letters
from tthc_plan.core.timeframe import TimeframeError, parse_timeframe

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
_JOIN_PARAGRAPHS = re.compile(r"</p>\s*<p>(?!- )")


class ImportedTask(Struct):
    """A task read from the table, with the values filled in and where they came from."""

    id: str
    cells: dict[str, str]
    deliverable: str | list[str] | None
    inferred: list[dict[str, str]]


def _deliverable(text: str) -> str | list[str] | None:
    if not text:
        return None
    if "<p>" not in text:
        return text
    joined = _JOIN_PARAGRAPHS.sub(" ", text)
    return [re.sub(r"^- ", "", p.strip()) for p in _PARAGRAPH.findall(joined)]


def _title_timeframe(title: str, year: int) -> str | None:
    """Return a timeframe written in brackets in a task's title, if the grammar reads it."""
    for inner in re.findall(r"\(([^()]+)\)", title):
        phrase = str(inner).strip()
        try:
            parse_timeframe(phrase, year=year)
        except TimeframeError:
            continue
        return phrase
    return None


def filled_tasks(sections: list[Section], year: int, *, word: bool) -> list[ImportedTask]:
    """Fill blank cells from the row they were merged with; give each task a unique id.

    In a Word file only a cell Word itself continues from the row above
    (w:vMerge) is filled, the result included; a text export carries no merge,
    so a blank lead or timeframe is taken as merged there, as before.
    """
    tasks: list[ImportedTask] = []
    used: set[str] = set()
    for section in sections:
        ids = _unique_ids(section, used)
        for index, row in enumerate(section.rows):
            cells = dict(row.cells)
            inferred = [
                fill
                for column in _FILLED
                if (fill := _fill(cells, column, row, index, section.rows, ids, tasks, word, year))
            ]
            deliverable = _deliverable(cells.get("deliverable", ""))
            tasks.append(ImportedTask(ids[index], cells, deliverable, inferred))
    return tasks


_FILLED = {
    "deliverable": "Kết quả công việc",
    "lead": "Đơn vị chủ trì",
    "support": "Đơn vị phối hợp",
    "timeframe": "Thời gian thực hiện",
}
_NOTE = "Ô «{column}» để trống trong bản gốc (gộp ô với dòng {source}); lấy theo {source}."


def _unique_ids(section: Section, used: set[str]) -> list[str]:
    """Return the ids of a section's rows, unique in the plan: "I.1", then "I.1b", "I.1c"..."""
    ids = []
    for n, row in enumerate(section.rows):
        number = row.cells.get("number", str(n + 1))
        # "5.1.1" under section "5.1" is already whole; "1" under "I" is "I.1".
        base = number if number.startswith(f"{section.id}.") else f"{section.id}.{number}"
        unique = base
        for count in itertools.count(2):  # numbering that repeats inside a section
            if unique not in used:
                break
            unique = base + letters(count).lower()
        used.add(unique)
        ids.append(unique)
        row.cells["number"] = unique.removeprefix(f"{section.id}.")
    return ids


def _fill(  # noqa: PLR0917 - one cell, and the rows around it
    cells: dict[str, str],
    column: str,
    row: Row,
    index: int,
    rows: list[Row],
    ids: list[str],
    tasks: list[ImportedTask],
    word: bool,
    year: int,
) -> dict[str, str] | None:
    """Fill one blank cell of `row` in `cells`; return how, or None if it stays blank."""
    if cells.get(column):
        return None
    if word and column not in row.merged:
        return None  # Word says the cell is empty, not merged: it stays empty
    if column == "deliverable" and not word:
        return None  # a text export says nothing of merges: a blank result stays blank
    if column == "support" and row.cells.get("lead") and not word:
        return None  # a row with its own lead and no support: nobody supports
    if column == "timeframe" and (own := _title_timeframe(cells["title"], year)):
        cells[column] = own
        note = "Thời điểm lấy từ phần trong ngoặc của tên nhiệm vụ."
        return {"field": column, "source": "title", "note": note}
    neighbour = index - 1 if index > 0 else index + 1
    if not 0 <= neighbour < len(rows):
        return None
    source = tasks[-1].cells if neighbour < index else rows[neighbour].cells
    value = source.get(column, "")
    if not value:
        return None
    cells[column] = value
    text = _NOTE.format(column=_FILLED[column], source=ids[neighbour])
    if neighbour > index:
        text = "Chưa rõ: " + text
    return {"field": column, "source": ids[neighbour], "note": text}
