"""Tabular output shared by the views: box tables, Markdown, CSV, dates as shown."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from tthc_plan.core.dates import format_date
from tthc_plan.output.boxtable import Column, cell_len, terminal_width, wrap
from tthc_plan.output.boxtable import draw as draw_box
from tthc_plan.output.values import markdown_text, spreadsheet_text

__all__ = ["Column", "csv_text", "day_text", "draw_table", "markdown_table"]


# Below this many cells a wrapping text column reads one word a line: give way first.
_NARROWEST_TEXT = 12
_NARROWEST_CUT = 14  # a text cut with "…" (a title beside its id) still says something


def _needs(column: Column, cells: Sequence[str]) -> int:
    """Return the width a column cannot do without, padding included.

    A column that neither wraps nor shares (an id, a date, a count, a state)
    keeps its whole content; a text column can wrap or be cut down to a few cells.
    """
    header = max(cell_len(line) for line in column.header.splitlines() or [""])
    if column.no_wrap and column.ratio is None:
        return max([header, *(cell_len(line) for c in cells for line in c.splitlines())]) + 2
    if column.no_wrap:  # cut with "…": narrower than this, better left out
        return _NARROWEST_CUT + 2
    longest_word = max((cell_len(w) for c in [column.header, *cells] for w in c.split()), default=1)
    return min(longest_word, _NARROWEST_TEXT) + 2


_COMFORTABLE = 20  # a unit's name on one or two lines


def _comfortable(column: Column, cells: Sequence[str]) -> int:
    """Return the width a column reads well at: a text column up to a name's length."""
    if column.no_wrap:  # whole (an id, a date) or cut with "…" (a title): as it needs
        return _needs(column, cells)
    return max(_needs(column, cells), min(_wants(column, cells), _COMFORTABLE + 2))


def draw_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    styles: Sequence[str | None] = (),
    sections: Sequence[int] = (),
    expand: bool = True,
    width: int | None = None,
) -> str:
    """Draw a table that fits the screen, or one block per row where no table can.

    Ids, dates, counts and states are never cut: where the screen is too
    narrow, the columns that give way (`Column.give_way`, highest first) are
    left out; where even that is not enough, each row becomes a block of
    "Header: value" lines.
    """
    width = terminal_width() if width is None else width
    kept = list(range(len(columns)))

    def needed(indexes: list[int], *, comfort: bool = False) -> int:
        measure = _comfortable if comfort else _needs
        return sum(measure(columns[i], [r[i] for r in rows]) for i in indexes) + len(indexes) + 1

    # Columns give way while the texts that stay would be cramped, then while
    # the table cannot fit at all.
    for comfort in (True, False):
        while needed(kept, comfort=comfort) > width and any(columns[i].give_way for i in kept):
            kept.remove(max(kept, key=lambda i: (columns[i].give_way, i)))
    if needed(kept) > width:
        return _blocks(columns, rows, title=title, width=width)
    shown = [columns[i] for i in kept]
    cells = [[row[i] for i in kept] for row in rows]
    return draw_box(
        shown,
        cells,
        title=title,
        styles=styles,
        sections=sections,
        expand=expand,
        width=width,
        widths=_widths(shown, cells, width - len(shown) - 1, expand=expand),
    )


def _wants(column: Column, cells: Sequence[str]) -> int:
    """Return the width a column's longest line takes, padding included."""
    lines = [*column.header.splitlines(), *(line for c in cells for line in c.splitlines())]
    return max((cell_len(line) for line in lines), default=0) + 2


def _widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], room: int, *,
            expand: bool) -> list[int]:  # fmt: skip
    """Lay the columns out in `room` cells: what must stay whole first, then text by ratio.

    An id, a date, a count or a state gets its whole width. Text columns start
    at what they need (a few words) and share the rest by their ratio, none
    beyond its longest line; what is left goes to the text columns, the table
    filling the screen when `expand`.
    """
    cells = [[row[i] for row in rows] for i in range(len(columns))]
    fixed = [c.no_wrap and c.ratio is None for c in columns]
    widths = [
        _wants(c, cells[i]) if fixed[i] else _needs(c, cells[i]) for i, c in enumerate(columns)
    ]
    wants = [_wants(c, cells[i]) for i, c in enumerate(columns)]
    flexible = [i for i in range(len(columns)) if not fixed[i]]
    left = room - sum(widths)
    while left > 0:
        growing = [i for i in flexible if widths[i] < wants[i]]
        if not growing:
            break
        weight = sum(columns[i].ratio or 1 for i in growing)
        given = 0
        for i in growing:
            share = max(1, left * (columns[i].ratio or 1) // weight)
            step = min(share, wants[i] - widths[i], left - given)
            widths[i] += step
            given += step
        left -= given
        if not given:
            break
    if expand and left > 0 and flexible:
        widths[max(flexible, key=lambda i: (columns[i].ratio or 0, -i))] += left
    elif expand and left > 0:
        widths[-1] += left
    return widths


def _blocks(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], *, title: str | None, width: int
) -> str:
    """Lay rows out as blocks, one "Header: value" line (wrapped) per filled cell."""
    rule = "─" * width
    out = [*(wrap(title, width, Column(title)) if title else []), rule]
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            if not value:
                continue
            label = " ".join(column.header.split())
            text = f"{label}: {value}" if label else value
            lines = wrap(text.replace("\n", " "), width - 2, Column(label))
            out += [lines[0].rstrip(), *("  " + line.rstrip() for line in lines[1:])]
        out.append(rule)
    return "\n".join(line.rstrip() for line in out)


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
