"""Tabular output shared by the views: box tables, Markdown, CSV, dates as shown."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from tthc_plan.core.dates import format_date
from tthc_plan.output.boxtable import Column
from tthc_plan.output.boxtable import draw as draw_table
from tthc_plan.output.values import markdown_text, spreadsheet_text

__all__ = ["Column", "csv_text", "day_text", "draw_table", "markdown_table"]


def day_text(day: date | None) -> str:
    """Return a date as people read it (DD/MM/YYYY), or nothing."""
    return format_date(day) if day else ""


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cell(text: str) -> str:
        return markdown_text(text, cell=True)

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def csv_text(records: Sequence[dict[str, Any]]) -> str:
    """Return CSV with a UTF-8 BOM, so that Excel shows Vietnamese letters.

    Values are flat: texts, numbers, dates as text, and lists (joined with
    "; "); a structure has no place in a cell and is refused.
    """
    if any(isinstance(v, dict) for record in records for v in record.values()):
        raise TypeError("a CSV cell cannot hold a structure: flatten the record first")
    out = io.StringIO()
    if records:
        writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(
                {
                    k: spreadsheet_text("; ".join(v) if isinstance(v, list) else v)
                    for k, v in record.items()
                }
            )
    return "\ufeff" + out.getvalue().rstrip("\n")
