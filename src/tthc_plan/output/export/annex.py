"""The whole plan in the source's layout, as Markdown or CSV; the full model as JSON."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence, Set
from datetime import date
from typing import Any

from tthc_plan.core.model import Plan, Task, to_json_data
from tthc_plan.core.schedule import Item
from tthc_plan.output.formats import dumps
from tthc_plan.output.item_json import item_json
from tthc_plan.output.labels import task_status
from tthc_plan.output.values import cell_text, markdown_text, spreadsheet_text

HEADERS = (
    "STT",
    "Nhiệm vụ",
    "Kết quả công việc",
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Thời gian thực hiện",
    "Tình trạng",
)


def _rows(plan: Plan, items: Sequence[Item], joiner: str, only: Set[str] | None) -> list[list[str]]:
    by_task: dict[str, list[Item]] = {}
    for item in items:
        by_task.setdefault(item.task.id, []).append(item)
    rows: list[list[str]] = []
    for section in plan.sections:
        tasks = [t for t in section.tasks if only is None or t.id in only]
        if tasks:
            rows.append([section.id, section.title, "", "", "", "", ""])
            rows.extend(_task_row(task, by_task.get(task.id, []), joiner) for task in tasks)
    return rows


def _task_row(task: Task, items: Sequence[Item], joiner: str) -> list[str]:
    return [
        task.id.rsplit(".", 1)[-1],
        task.title,
        cell_text(task.deliverable, joiner=joiner),
        cell_text(task.lead, joiner=joiner),
        cell_text(task.support, joiner=joiner),
        task.timeframe,
        task_status(items),
    ]


def annex_markdown(
    plan: Plan, items: Sequence[Item], *, today: date, only: Set[str] | None = None
) -> str:
    """Return the annex as a Markdown table, section rows in bold, to paste into a report."""

    lines = [
        f"# {markdown_text(plan.plan.name)}",
        "",
        f"Tình hình ngày {today:%d/%m/%Y}.",
        "",
        "| " + " | ".join(HEADERS) + " |",
        "|" + "|".join("---" for _ in HEADERS) + "|",
    ]
    for row in _rows(plan, items, "\n", only):
        cells = [markdown_text(c, line_break="<br>", cell=True) for c in row]
        if not any(row[2:]):  # a section row
            cells[0], cells[1] = f"**{cells[0]}**", f"**{cells[1]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def annex_csv(plan: Plan, items: Sequence[Item], *, only: Set[str] | None = None) -> str:
    """Return the annex as CSV with a UTF-8 BOM, so that Excel on Windows reads Vietnamese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in _rows(plan, items, "\n", only):
        writer.writerow([spreadsheet_text(cell) for cell in row])
    return "\ufeff" + out.getvalue()


def plan_json(
    plan: Plan, items: Sequence[Item], *, today: date, only: Set[str] | None = None
) -> str:
    """Return the full model with every item's computed state (fields may be added only)."""
    by_task: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_task.setdefault(item.task.id, []).append(item_json(item))
    data = to_json_data(plan)
    for section in data["sections"]:
        section["tasks"] = [t for t in section["tasks"] if only is None or t["id"] in only]
        for task in section["tasks"]:
            task["items"] = by_task.get(task["id"], [])
    data["sections"] = [section for section in data["sections"] if section["tasks"]]
    return dumps({"today": today.isoformat(), **data}) + "\n"
