"""Fill the blank cells of an annex's rows from the row they were merged with.

Blank cells of the table are usually cells merged with the row above (or, for a
section's first row, below); they are filled from there and each fill is
recorded in the task's `inferred`, as in plans/2024.yaml.
"""

from __future__ import annotations

import re

from msgspec import Struct

from tthc_plan.core.annex.sections import Section
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
    (w:vMerge) is filled; a text export carries no merge, so a blank lead or
    timeframe is taken as merged there, as before.
    """
    tasks: list[ImportedTask] = []
    used: set[str] = set()
    note = "Ô «{column}» để trống trong bản gốc (gộp ô với dòng {source}); lấy theo {source}."
    names = {
        "lead": "Đơn vị chủ trì",
        "support": "Đơn vị phối hợp",
        "timeframe": "Thời gian thực hiện",
    }
    for section in sections:
        section_id, rows = section.id, section.rows
        ids = []
        for n, row in enumerate(rows):
            number = row.cells.get("number", str(n + 1))
            # "5.1.1" under section "5.1" is already whole; "1" under "I" is "I.1".
            base = number if number.startswith(f"{section_id}.") else f"{section_id}.{number}"
            unique, suffix = base, iter("bcdefghijklmnopqrstuvwxyz")
            while unique in used:  # numbering that repeats inside a section
                unique = base + next(suffix, "z")
            used.add(unique)
            ids.append(unique)
            row.cells["number"] = unique.removeprefix(f"{section_id}.")
        for index, row in enumerate(rows):
            inferred: list[dict[str, str]] = []
            cells = dict(row.cells)
            lead_blank = not cells.get("lead")
            for column in ("lead", "support", "timeframe"):
                if cells.get(column):
                    continue
                if word and column not in row.merged:
                    continue  # Word says the cell is empty, not merged: it stays empty
                if column == "support" and not lead_blank and not word:
                    continue  # a row with its own lead and no support: nobody supports
                if column == "timeframe" and (own := _title_timeframe(cells["title"], year)):
                    cells[column] = own
                    inferred.append(
                        {
                            "field": column,
                            "source": "title",
                            "note": "Thời điểm lấy từ phần trong ngoặc của tên nhiệm vụ.",
                        }
                    )
                    continue
                neighbour = index - 1 if index > 0 else index + 1
                if 0 <= neighbour < len(rows):
                    source = tasks[-1].cells if neighbour < index else rows[neighbour].cells
                    value = source.get(column, "")
                    if value:
                        cells[column] = value
                        text = note.format(column=names[column], source=ids[neighbour])
                        if neighbour > index:
                            text = "Chưa rõ: " + text
                        inferred.append({"field": column, "source": ids[neighbour], "note": text})
            tasks.append(
                ImportedTask(
                    ids[index], cells, _deliverable(cells.get("deliverable", "")), inferred
                )
            )
    return tasks
