"""Draw a table of text with box characters, cheaply.

The layout is rich's Table (heavy header box, one space of padding, ratio
columns sharing the width of an expanding table, word wrap that folds long
words, an ellipsis for no-wrap columns, sections, headers aligned to the
bottom), re-done for the few features tthc uses. rich costs about 75 ms to
import and 100-150 ms to draw the 88-row overdue table of the 2024 plan on a
2-core PC, more than the whole 200 ms that `tthc overdue` may take (issue 6);
this module draws the same table in a few ms. tests/test_boxtable.py draws
random tables with both and compares them character for character.
"""

from __future__ import annotations

import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from functools import cache
from itertools import pairwise
from math import ceil
from typing import Literal

from msgspec import Struct

_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
# Styles the views use, as terminal escape codes.
_SGR = {"bold": "1", "italic": "3", "red": "31", "green": "32", "yellow": "33", "cyan": "36"}
_RESET = "\x1b[0m"


class Column(Struct, frozen=True):
    """A table column: its header, how it shrinks, how it aligns.

    `give_way`: on a narrow screen, columns with a higher number are left out
    first (0: never); the drawer itself ignores it (see tables.draw_table).
    """

    header: str
    ratio: int | None = None
    no_wrap: bool = False
    justify: Literal["left", "right"] = "left"
    give_way: int = 0

    def minimum(self) -> int | None:
        """Keep a fixed column's header readable; flexible columns take what is left."""
        return None if self.ratio else max(len(line) for line in self.header.splitlines())


def terminal_width() -> int:
    """Return the width to draw for: $COLUMNS, else the terminal's, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:  # COLUMNS=0 means "not known", as stty says
        return int(columns)
    for descriptor in (0, 1, 2):
        try:
            return os.get_terminal_size(descriptor).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def wants_colour() -> bool:
    """Colour only on a terminal, and never under NO_COLOR (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return sys.stdout.isatty()


@cache
def _char_width(char: str) -> int:
    code = ord(char)
    if code < 32 or 0x7F <= code < 0xA0 or unicodedata.category(char) in {"Mn", "Me", "Cf"}:
        return 0
    return 2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1


def cell_len(text: str) -> int:
    """Return how many terminal cells `text` takes (wide letters 2, accents 0)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(_char_width(char) for char in text)


def _crop(text: str, width: int) -> str:
    """Cut `text` to at most `width` cells; pad with spaces to exactly `width`."""
    size = 0
    for index, char in enumerate(text):
        size += _char_width(char)
        if size > width:
            text, size = text[:index], size - _char_width(char)
            break
    return text + " " * (width - size)


def _chop(word: str, width: int) -> list[str]:
    """Fold a word too long for one line into pieces of at most `width` cells."""
    pieces: list[str] = []
    start = size = 0
    for index, char in enumerate(word):
        char_width = _char_width(char)
        if size + char_width > width:
            pieces.append(word[start:index])
            start, size = index, 0
        size += char_width
    pieces.append(word[start:])
    return pieces


def _breaks(line: str, width: int) -> list[int]:
    """Return where to break `line` so that each piece fits `width` (rich's divide_line)."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if width - offset >= length:
            offset += cell_len(word)
        elif length > width:  # fold the word over several lines
            pieces = _chop(word, width)
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            offset = cell_len(pieces[-1])
        elif offset and start:
            breaks.append(start)
            offset = cell_len(word)
    return breaks


def _fit(line: str, width: int, *, ellipsis: bool) -> str:
    """Cut a line to `width` cells (with "…" when asked), unpadded."""
    if cell_len(line) <= width:
        return line
    if ellipsis:
        return _crop(line, width - 1) + "…" if width > 0 else ""
    return _crop(line, width)


def wrap(text: str, width: int, column: Column) -> list[str]:
    """Return the lines of one cell, each exactly `width` cells wide."""
    if width <= 0:
        return [""]
    ellipsis = column.no_wrap
    lines: list[str] = []
    for line in text.expandtabs(8).split("\n"):
        if column.no_wrap:
            pieces = [line]
        else:
            cuts = [0, *_breaks(line, width), len(line)]
            pieces = [line[a:b] for a, b in pairwise(cuts)]
            pieces = [_strip_end(piece, width) for piece in pieces]
        for piece in pieces:
            if column.justify == "right":
                fitted = _fit(piece.rstrip(), width, ellipsis=ellipsis)
                lines.append(" " * (width - cell_len(fitted)) + fitted)
            else:
                lines.append(_crop(_fit(piece, width, ellipsis=ellipsis), width))
    return lines


def _strip_end(piece: str, width: int) -> str:
    """Drop trailing spaces beyond `width` characters (rich's rstrip_end)."""
    excess = len(piece) - width
    if excess > 0 and (match := _TRAILING_SPACE.search(piece)):
        return piece[: len(piece) - min(len(match.group()), excess)]
    return piece


@cache
def text_measure(text: str) -> tuple[int, int]:
    """Return (longest word, longest line) of a cell, in cells."""
    lines = text.splitlines()
    longest_line = max((cell_len(line) for line in lines), default=0)
    words = text.split()
    return max((cell_len(word) for word in words), default=longest_line), longest_line


def _measure(cells: Sequence[str], column: Column, max_width: int) -> tuple[int, int]:
    """Return the narrowest and widest a column wants to be, padding included."""
    if max_width < 1:
        return 0, 0
    lows: list[int] = []
    highs: list[int] = []
    for cell in cells:
        if max_width - 2 < 1:
            low, high = max_width, max_width
        else:
            low, high = text_measure(cell)
            low = min(max(0, low), high)
            low, high = min(low, max_width - 2) + 2, min(high, max_width - 2) + 2
        lows.append(min(low, max_width))
        highs.append(min(high, max_width))
    low, high = max(lows, default=1), max(highs, default=max_width)
    low, high = min(low, max_width), min(high, max_width)
    if (minimum := column.minimum()) is not None:
        low, high = max(low, minimum + 2), max(high, minimum + 2)
    return low, high


def _distribute(total: int, ratios: Sequence[int], minimums: Sequence[int] = ()) -> list[int]:
    """Split `total` by `ratios`, each part at least its minimum (rich's ratio_distribute)."""
    if minimums:
        ratios = [ratio if low else 0 for ratio, low in zip(ratios, minimums, strict=True)]
    total_ratio = sum(ratios)
    remaining = total
    parts: list[int] = []
    for ratio, low in zip(ratios, minimums or [0] * len(ratios), strict=True):
        part = max(low, ceil(ratio * remaining / total_ratio)) if total_ratio > 0 else remaining
        parts.append(part)
        total_ratio -= ratio
        remaining -= part
    return parts


def _reduce(
    total: int, ratios: Sequence[int], maximums: Sequence[int], values: Sequence[int]
) -> list[int]:
    """Take `total` away from `values` by `ratios`, at most `maximums` (rich's ratio_reduce)."""
    ratios = [ratio if top else 0 for ratio, top in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return list(values)
    remaining = total
    result: list[int] = []
    for ratio, top, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            taken = min(top, round(ratio * remaining / total_ratio))
            result.append(value - taken)
            remaining -= taken
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: Sequence[bool], max_width: int) -> list[int]:
    """Narrow the widest wrapping columns first until the table fits."""
    total = sum(widths)
    excess = total - max_width
    if not any(wrapable):
        return widths
    while total and excess > 0:
        widest = max(w for w, ok in zip(widths, wrapable, strict=True) if ok)
        second = max(w if ok and w != widest else 0 for w, ok in zip(widths, wrapable, strict=True))
        ratios = [1 if w == widest and ok else 0 for w, ok in zip(widths, wrapable, strict=True)]
        if not any(ratios) or not widest - second:
            break
        widths = _reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
        total = sum(widths)
        excess = total - max_width
    return widths


def column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], max_width: int, *, expand: bool
) -> list[int]:
    """Return each column's width, padding included, borders not."""
    cells = [[column.header, *(row[i] for row in rows)] for i, column in enumerate(columns)]
    ranges = [_measure(cells[i], column, max_width) for i, column in enumerate(columns)]
    widths = [high or 1 for _low, high in ranges]
    if expand and any(column.ratio for column in columns):
        fixed = [
            0 if c.ratio is not None else high
            for c, (_l, high) in zip(columns, ranges, strict=True)
        ]
        flexible = [c.ratio or 0 for c in columns if c.ratio is not None]
        shares = iter(_distribute(max_width - sum(fixed), flexible, [3] * len(flexible)))
        widths = [
            fixed[i] + next(shares) if column.ratio is not None else widths[i]
            for i, column in enumerate(columns)
        ]
    table_width = sum(widths)
    if table_width > max_width:
        wrapable = [not column.no_wrap for column in columns]
        widths = _collapse(widths, wrapable, max_width)
        if sum(widths) > max_width:
            widths = _reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
        table_width = sum(widths)
        widths = [
            _measure(cells[i], c, w)[1]
            for i, (c, w) in enumerate(zip(columns, widths, strict=True))
        ]
    if expand and table_width < max_width:
        pads = _distribute(max_width - table_width, widths)
        widths = [w + pad for w, pad in zip(widths, pads, strict=True)]
    return widths


def _styled(text: str, style: str | None, colour: bool) -> str:
    if not (colour and style):
        return text
    codes = ";".join(_SGR[word] for word in style.split() if word in _SGR)
    return f"\x1b[{codes}m{text}{_RESET}" if codes else text


def draw(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    styles: Sequence[str | None] = (),
    sections: Sequence[int] = (),
    expand: bool = True,
    width: int | None = None,
    colour: bool | None = None,
    widths: Sequence[int] | None = None,
) -> str:
    """Draw the table; `sections` are the rows a separator line goes above.

    `widths`: each column's width, padding included, when the caller laid the
    columns out itself (tables.draw_table); otherwise rich's layout.
    """
    width = terminal_width() if width is None else width
    if widths is None:
        widths = column_widths(columns, rows, width - len(columns) - 1, expand=expand)
    widths = list(widths)
    # Escape codes would be cut too when a table wider than the screen is cut.
    fits = sum(widths) + len(columns) + 1 <= width
    colour = (wants_colour() if colour is None else colour) and fits
    out: list[str] = []
    if title:
        table_width = sum(widths) + len(columns) + 1
        title_lines = wrap(title, table_width, Column(title))
        out += [_styled(line, "italic", colour) for line in title_lines]
    out.append("┏" + "┳".join("━" * w for w in widths) + "┓")
    out += _row(
        [c.header for c in columns], columns, widths, "┃", style="bold", colour=colour, bottom=True
    )
    out.append("┡" + "╇".join("━" * w for w in widths) + "┩")
    for index, row in enumerate(rows):
        if index and index in sections:
            out.append("├" + "┼".join("─" * w for w in widths) + "┤")
        style = styles[index] if index < len(styles) else None
        out += _row(row, columns, widths, "│", style=style, colour=colour, bottom=False)
    out.append("└" + "┴".join("─" * w for w in widths) + "┘")
    if not fits:  # too wide even folded: cut each line, as a terminal would
        out = [_crop(line, width) if cell_len(line) > width else line for line in out]
    return "\n".join(out)


def _row(
    cells: Sequence[str],
    columns: Sequence[Column],
    widths: Sequence[int],
    bar: str,
    *,
    style: str | None,
    colour: bool,
    bottom: bool,
) -> list[str]:
    """Return the lines of one row; short cells are padded below (headers: above)."""
    blocks = [
        [f" {line} " for line in wrap(cell, w - 2, column)] if w > 2 else [" " * w]
        for cell, column, w in zip(cells, columns, widths, strict=True)
    ]
    height = max(len(block) for block in blocks)
    for block, w in zip(blocks, widths, strict=True):
        blank = [" " * w] * (height - len(block))
        block[:] = blank + block if bottom else block + blank
    return [
        bar + bar.join(_styled(block[line], style, colour) for block in blocks) + bar
        for line in range(height)
    ]
