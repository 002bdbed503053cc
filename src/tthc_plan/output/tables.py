"""Tabular output shared by the views: box tables, Markdown, CSV, dates as shown."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any, NamedTuple

from tthc_plan.core.dates import format_date
from tthc_plan.output.boxtable import Column, cell_len, terminal_width, text_measure, wrap
from tthc_plan.output.boxtable import draw as draw_box
from tthc_plan.output.formats import ViewFormat
from tthc_plan.output.values import markdown_text, spreadsheet_text

__all__ = [
    "Column",
    "Table",
    "csv_text",
    "day_text",
    "draw_table",
    "heading",
    "markdown_table",
    "write_tables",
]


# Below this many cells a wrapping text column reads one word a line: give way first.
_NARROWEST_TEXT = 12
_NARROWEST_CUT = 14  # a text cut with "…" (a title beside its id) narrower says nothing
_COMFORTABLE = 20  # a unit's name on one or two lines


class _Measure(NamedTuple):
    """What a column needs, reads well at and wants, padding included."""

    needs: int
    comfortable: int
    wants: int


def _measure(column: Column, cells: Sequence[str]) -> _Measure:
    """Measure a column once: its header and every cell (each text measured once, cached).

    A column that neither wraps nor shares (an id, a date, a count, a state)
    needs its whole content; a title cut with "…" needs a few words; a
    wrapping text needs its longest word (up to a limit) and reads well up to
    a name's length.
    """
    header_word, header_line = text_measure(column.header)
    word, line = header_word, header_line
    for cell in set(cells):
        cell_word, cell_line = text_measure(cell)
        word, line = max(word, cell_word), max(line, cell_line)
    wants = line + 2
    if column.no_wrap and column.ratio is None:
        return _Measure(wants, wants, wants)
    if column.no_wrap:
        needs = _NARROWEST_CUT + 2
        return _Measure(needs, needs, max(wants, needs))
    needs = min(word, _NARROWEST_TEXT) + 2
    return _Measure(needs, max(needs, min(wants, _COMFORTABLE + 2)), max(wants, needs))


class Table(NamedTuple):
    """A titled table, written the same in every format (see write_tables)."""

    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[str]]
    styles: Sequence[str | None] = ()  # one per row, on a screen
    sections: Sequence[int] = ()  # rows before which a rule is drawn, on a screen


def write_tables(tables: Sequence[Table], fmt: ViewFormat, *, top: str | None = None) -> str:
    """Write tables as Markdown (`fmt` MD: a bold title over each) or drawn for the screen.

    `top`: a heading over them all.
    """
    parts = [heading(top, fmt)] if top is not None else []
    for table in tables:
        if fmt is ViewFormat.MD:
            headers = [column.header for column in table.columns]
            parts += [f"**{table.title}**", markdown_table(headers, table.rows)]
        else:
            parts.append(
                draw_table(
                    table.columns,
                    table.rows,
                    title=table.title,
                    styles=table.styles,
                    sections=table.sections,
                )
            )
    return ("\n\n" if fmt is ViewFormat.MD else "\n").join(parts)


def heading(text: str, fmt: ViewFormat) -> str:
    """Return a view's heading: bold in Markdown, wrapped to the screen (a long unit
    name never runs off it)."""
    if fmt is ViewFormat.MD:
        return f"**{text}**"
    return "\n".join(line.rstrip() for line in wrap(text, terminal_width(), Column(text)))


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
    left out while the texts that stay would be cramped, then while the table
    cannot fit at all; where even that is not enough, each row becomes a
    block of "Header: value" lines.
    """
    width = terminal_width() if width is None else width
    measures = [_measure(c, [row[i] for row in rows]) for i, c in enumerate(columns)]
    kept = list(range(len(columns)))

    def needed(indexes: list[int], field: int) -> int:
        return sum(measures[i][field] for i in indexes) + len(indexes) + 1

    for field in (1, 0):  # comfortable, then needs
        while needed(kept, field) > width and any(columns[i].give_way for i in kept):
            kept.remove(max(kept, key=lambda i: (columns[i].give_way, i)))
    if needed(kept, 0) > width:
        return _blocks(columns, rows, title=title, width=width)
    shown = [columns[i] for i in kept]
    widths = _widths(shown, [measures[i] for i in kept], width - len(shown) - 1, expand=expand)
    cells = [
        [
            _at_a_word(row[i], w - 2) if c.no_wrap and c.ratio is not None else row[i]
            for i, c, w in zip(kept, shown, widths, strict=True)
        ]
        for row in rows
    ]
    return draw_box(
        shown,
        cells,
        title=title,
        styles=styles,
        sections=sections,
        expand=expand,
        width=width,
        widths=widths,
    )


def _at_a_word(text: str, width: int) -> str:
    """Cut a text that does not fit after its last whole word, with "…"."""
    if cell_len(text) <= width:
        return text
    room = text[: max(width - 1, 1)]
    cut = room.rsplit(" ", 1)[0] if " " in room.strip() else room
    return cut.rstrip(" ,;:-") + "…"


def _widths(
    columns: Sequence[Column], measures: Sequence[_Measure], room: int, *, expand: bool
) -> list[int]:
    """Lay the columns out in `room` cells: what must stay whole first, then text by ratio.

    An id, a date, a count or a state gets its whole width. Text columns start
    at what they need and share the rest by their ratio, none beyond its
    longest line; what is left goes to the text column of the largest ratio,
    the table filling the screen when `expand`.
    """
    widths = [m.needs for m in measures]
    flexible = [i for i, c in enumerate(columns) if not (c.no_wrap and c.ratio is None)]
    left = room - sum(widths)
    while left > 0:
        growing = [i for i in flexible if widths[i] < measures[i].wants]
        if not growing:
            break
        weight = sum(columns[i].ratio or 1 for i in growing)
        given = 0
        for i in growing:
            share = max(1, left * (columns[i].ratio or 1) // weight)
            step = min(share, measures[i].wants - widths[i], left - given)
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
    import csv  # noqa: PLC0415 - only for CSV output

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
