"""How wide a line of Times New Roman is, to draw rules and to share a table's width.

Nghị định 30/2020 wants a rule as long as the motto under it, and one of a
third to a half of the issuer's name under that. Word has no such rule, so
the document draws a paragraph border whose indents are computed from the
text's width. A table's columns are given the widths that make it shortest,
which needs to know where the words of each cell wrap. The advance widths
below are those of Liberation Serif Bold and Regular (metric-compatible with
Times New Roman), in 1/2048 em, for the printable ASCII characters; a
Vietnamese letter is as wide as its base letter, except the horned Ơ ơ Ư ư
and Đ đ, listed apart.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

_EM = 2048
_BOLD_ASCII = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167,
    1024, 1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933,
    1479, 1593, 1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569,
    682, 1190, 1024, 682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569,
    1706, 1139, 1024, 1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451,
    807, 1065,
)  # fmt: skip
_BOLD_OTHER = {"Ơ": 1593, "Ư": 1630, "ơ": 1134, "ư": 1229, "Đ": 1479, "đ": 1139}
_REGULAR_ASCII = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155,
    909, 1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821,
    1479, 1479, 1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569,
    682, 961, 1024, 682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569,
    1593, 1024, 1024, 1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410,
    983, 1108,
)  # fmt: skip
_REGULAR_OTHER = {"Ơ": 1479, "Ư": 1589, "ơ": 1083, "ư": 1110, "Đ": 1479, "đ": 1024}
_POINT_MM = 25.4 / 72


@lru_cache(maxsize=2048)  # a few hundred letters, measured thousands of times in a table
def _advance(char: str, bold: bool) -> int:
    other, ascii_widths = (_BOLD_OTHER, _BOLD_ASCII) if bold else (_REGULAR_OTHER, _REGULAR_ASCII)
    if char in other:
        return other[char]
    base = unicodedata.normalize("NFD", char)[0]
    code = ord(base)
    return ascii_widths[code - 32] if 32 <= code < 127 else 1024


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Return the printed width of `text` in Times New Roman at `size_pt`, in mm."""
    units = sum(_advance(char, bold) for char in unicodedata.normalize("NFC", text))
    return units / _EM * size_pt * _POINT_MM


def bold_width_mm(text: str, size_pt: float) -> float:
    """Return the printed width of `text` in Times New Roman Bold at `size_pt`, in mm."""
    return text_width_mm(text, size_pt, bold=True)


def balanced_lines(text: str, size_pt: float, width_mm: float) -> list[str]:
    """Split `text` into the fewest lines that fit `width_mm`, as even as can be.

    A heading's name wraps as a person would break it ("PHÒNG LAO ĐỘNG -
    THƯƠNG BINH" / "VÀ XÃ HỘI"), never leaving one word alone on a line.
    """
    words = text.split()
    if bold_width_mm(text, size_pt) <= width_mm or len(words) < 2:
        return [text]
    for count in range(2, min(len(words), _MOST_LINES) + 1):
        best = _best_split(words, count, size_pt, width_mm)
        if best is not None:
            return best
    return _greedy(words, size_pt, width_mm)  # a name too long to balance: fill each line


_MOST_LINES = 4  # balanced up to four lines; the splits to try grow fast beyond


def _greedy(words: list[str], size_pt: float, width_mm: float) -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and bold_width_mm(f"{lines[-1]} {word}", size_pt) <= width_mm:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _best_split(words: list[str], count: int, size_pt: float, width_mm: float) -> list[str] | None:
    """Return `words` in `count` lines whose longest is shortest, if they all fit."""
    best: tuple[float, list[str]] | None = None
    for cuts in itertools.combinations(range(1, len(words)), count - 1):
        bounds = (0, *cuts, len(words))
        lines = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
        widest = max(bold_width_mm(line, size_pt) for line in lines)
        if widest <= width_mm and (best is None or widest < best[0]):
            best = (widest, lines)
    return None if best is None else best[1]


class _Cell:
    """A cell's words and their widths, to count its lines at any column width."""

    def __init__(self, text: str, size_pt: float, *, bold: bool) -> None:
        self.space = text_width_mm(" ", size_pt, bold=bold)
        self.paragraphs = [
            [text_width_mm(word, size_pt, bold=bold) for word in line.split()]
            for line in text.split("\n")
        ]
        # The least width in which every paragraph stays on one line: lines() answers
        # at once from it. Summed as lines() sums, not as longest_line(): a float off
        # in its last digit would count a line more or less than lines() would.
        self.one_line = -math.inf
        for words in self.paragraphs:
            used = words[0] if words else -math.inf
            self.one_line = max(self.one_line, used)
            for width in words[1:]:
                self.one_line = max(self.one_line, used + self.space + width)
                used += self.space + width

    def longest_word(self) -> float:
        """Return the width of the cell's longest word: no column is narrower."""
        return max((width for words in self.paragraphs for width in words), default=0.0)

    def longest_line(self) -> float:
        """Return the width of the cell's longest paragraph on one line."""
        return max(sum(words) + self.space * max(len(words) - 1, 0) for words in self.paragraphs)

    def lines(self, width_mm: float) -> int:
        """Return how many lines the cell takes in `width_mm`, its words wrapped as Word does."""
        if self.one_line <= width_mm:
            return len(self.paragraphs)
        count = 0
        for words in self.paragraphs:
            used: float | None = None  # the width taken on the paragraph's last line
            count += 1
            for width in words:
                if used is not None and used + self.space + width <= width_mm:
                    used += self.space + width
                    continue
                if used is not None:
                    count += 1
                # A word longer than the line is cut, as Word cuts it.
                cut = max(math.ceil(width / width_mm) - 1, 0)
                count += cut
                used = width - cut * width_mm
        return count


def fitted_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    total_mm: float,
    *,
    size_pt: float,
    padding_mm: float,
) -> list[float]:
    """Return column widths, in whole millimetres summing to `total_mm`, that make a table short.

    Each column first gets its longest word (a date, "STT", a word of a name);
    then each millimetre left goes where it saves the most lines over the
    whole table, a row being as tall as its tallest cell: a list of fifteen
    names gets the width it needs instead of a column of thirty lines, and a
    title that would only fill the room its row already has gets nothing
    more. What no column needs is shared by the width of their longest lines.
    """
    count = len(headers)
    table = [
        [_Cell(text, size_pt, bold=True) for text in headers],
        *([_Cell(text, size_pt, bold=False) for text in row] for row in rows),
    ]
    columns = [[row[i] for row in table] for i in range(count)]
    widths = [
        math.ceil(max(cell.longest_word() for cell in column) + padding_mm) for column in columns
    ]
    if sum(widths) >= total_mm:  # words wider than the page: each column by its longest word
        return _rounded([total_mm * w / sum(widths) for w in widths], total_mm)
    fit = _Fit(columns, padding_mm)
    widths = fit.moved(fit.spread(widths, math.floor(total_mm - sum(widths))), least=widths)
    # Room that saves no line: to the columns whose longest line still wraps, by how much
    # more it wants, so that none looks cramped (to all of them if none wraps).
    natural = [max(cell.longest_line() for cell in column) + padding_mm for column in columns]
    wants = [max(n - w, 0.0) for n, w in zip(natural, widths, strict=True)]
    if not any(wants):
        wants = natural
    left = total_mm - sum(widths)
    return _rounded(
        [w + left * want / sum(wants) for w, want in zip(widths, wants, strict=True)], total_mm
    )


class _Fit:
    """A table's cells, and how tall its rows are at given column widths.

    A row is as tall as its tallest cell. Trying a column at another width, only
    that column's lines are counted again: the other columns' tallest cell of
    each row (`_rest`) is kept for all the widths tried.
    """

    def __init__(self, columns: list[list[_Cell]], padding_mm: float) -> None:
        self.columns = columns
        self.padding_mm = padding_mm
        self._lines: dict[tuple[int, int], list[int]] = {}

    def lines(self, column: int, width: int) -> list[int]:
        """Return the lines of each cell of `column` at `width` mm."""
        key = (column, width)
        if key not in self._lines:
            room = width - self.padding_mm
            self._lines[key] = [cell.lines(room) for cell in self.columns[column]]
        return self._lines[key]

    def height(self, widths: Sequence[int]) -> int:
        """Return the table's height in lines at `widths`."""
        return sum(map(max, zip(*(self.lines(i, w) for i, w in enumerate(widths)), strict=True)))

    def _rest(self, widths: Sequence[int], *skip: int) -> list[int]:
        """Return each row's tallest cell outside the columns `skip` (0 where none is left)."""
        others = [self.lines(i, w) for i, w in enumerate(widths) if i not in skip]
        if not others:  # a table of one column, or of two both tried
            return [0] * len(self.columns[0])
        return [max(row) for row in zip(*others, strict=True)]

    def spread(self, widths: list[int], spare: int) -> list[int]:
        """Give each millimetre of `spare` where it saves the most lines per millimetre."""
        while spare > 0:
            now = self.height(widths)
            best: tuple[float, int, int] | None = None  # lines saved per mm, column, mm
            for column, width in enumerate(widths):
                rest = self._rest(widths, column)
                floor = sum(rest)  # the table's height were the column one line high
                for more in range(1, spare + 1):
                    if best is not None and (now - floor) / more <= best[0]:
                        break  # no more millimetres to this column can save more per mm
                    taller = sum(map(max, rest, self.lines(column, width + more)))
                    saved = (now - taller) / more
                    if best is None or saved > best[0]:  # the first best, as max() takes it
                        best = (saved, column, more)
            if best is None or best[0] <= 0:
                break
            widths = _moved(widths, best[1:])
            spare -= best[2]
        return widths

    def moved(self, widths: list[int], *, least: Sequence[int]) -> list[int]:
        """Move millimetres from one column to another while that saves lines, none below
        its `least`: what a title took early may serve a list of names better."""
        while True:
            # The first move to the least height, if it is less than now (as min() finds it).
            least_height, best = self.height(widths), None
            for giver, taker in itertools.permutations(range(len(widths)), 2):
                if widths[giver] == least[giver]:
                    continue  # nothing to give
                rest = self._rest(widths, giver, taker)
                if sum(rest) >= least_height:
                    continue  # the other columns alone are as tall
                for step in range(1, widths[giver] - least[giver] + 1):
                    given = self.lines(giver, widths[giver] - step)
                    height = sum(map(max, rest, given, self.lines(taker, widths[taker] + step)))
                    if height < least_height:
                        least_height, best = height, (giver, taker, step)
            if best is None:
                return widths
            widths = _shifted(widths, *best)


def _moved(widths: list[int], step: tuple[int, int]) -> list[int]:
    column, more = step
    return [w + more if i == column else w for i, w in enumerate(widths)]


def _shifted(widths: list[int], giver: int, taker: int, step: int) -> list[int]:
    return _moved(_moved(widths, (giver, -step)), (taker, step))


def _rounded(widths: list[float], total_mm: float) -> list[float]:
    """Return widths rounded to the millimetre, the widest taking what rounding left over."""
    rounded = [float(round(w)) for w in widths]
    rounded[max(range(len(rounded)), key=lambda i: rounded[i])] += total_mm - sum(rounded)
    return rounded
