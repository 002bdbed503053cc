"""Tabular output shared by the views: rich tables, Markdown, CSV, dates as shown."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tthc_plan.dates import format_date


def iso_or_none(day: date | None) -> str | None:
    """Return an ISO date for JSON, or None."""
    return day.isoformat() if day else None


def day_text(day: date | None) -> str:
    """Return a date as people read it (DD/MM/YYYY), or nothing."""
    return format_date(day) if day else ""


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header, how it shrinks, how it aligns."""

    header: str
    ratio: int | None = None
    no_wrap: bool = False
    justify: str = "left"

    def minimum(self) -> int | None:
        """Keep a fixed column's header readable; flexible columns take what is left."""
        return None if self.ratio else max(len(line) for line in self.header.splitlines())


def draw_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    styles: Sequence[str | None] = (),
    sections: Sequence[int] = (),
    expand: bool = True,
) -> str:
    """Draw a table as plain text, colours only on a terminal (rich honours NO_COLOR)."""
    from rich.console import Console  # noqa: PLC0415 - rich costs ~70 ms: only when drawing
    from rich.table import Table  # noqa: PLC0415
    from rich.text import Text  # noqa: PLC0415

    # expand=True makes rich size the fixed columns to their content and give the
    # rest of the width to the ratio columns (task titles, unit names);
    # expand=False keeps the table as narrow as its content.
    # Cells are plan text, not rich markup: Text() keeps "[1]" or ":x:" as written
    # (a plain str would be parsed as markup and emoji codes), and skips that parse.
    table = Table(
        title=Text(title) if title else None,
        header_style="bold",
        title_justify="left",
        expand=expand,
    )
    for column in columns:
        table.add_column(
            column.header,
            # Short columns keep their header readable; the task title gives way first.
            ratio=column.ratio,
            min_width=column.minimum(),
            no_wrap=column.no_wrap,
            overflow="ellipsis" if column.no_wrap else "fold",
            justify=column.justify,  # type: ignore[arg-type]
        )
    for index, row in enumerate(rows):
        if index in sections:
            table.add_section()
        table.add_row(
            *(Text(cell) for cell in row), style=styles[index] if index < len(styles) else None
        )
    console = Console(highlight=False)
    with console.capture() as capture:
        console.print(table)
    return capture.get().rstrip("\n")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def csv_text(records: Sequence[dict[str, Any]]) -> str:
    """Return CSV with a UTF-8 BOM, so that Excel shows Vietnamese letters."""
    out = io.StringIO()
    if records:
        writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(
                {k: "; ".join(v) if isinstance(v, list) else v for k, v in record.items()}
            )
    return "\ufeff" + out.getvalue().rstrip("\n")
