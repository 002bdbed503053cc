"""How wide a line of Times New Roman Bold is, to draw rules as long as a line.

Nghị định 30/2020 wants a rule as long as the motto under it, and one of a
third to a half of the issuer's name under that. Word has no such rule, so
the document draws a paragraph border whose indents are computed from the
text's width. The advance widths below are those of Liberation Serif Bold
(metric-compatible with Times New Roman Bold), in 1/2048 em, for the
printable ASCII characters; a Vietnamese letter is as wide as its base
letter, except the horned Ơ ơ Ư ư and Đ đ, listed apart.
"""

from __future__ import annotations

import itertools
import math
import statistics
import unicodedata
from collections.abc import Sequence

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
_POINT_MM = 25.4 / 72


def _advance(char: str) -> int:
    if char in _BOLD_OTHER:
        return _BOLD_OTHER[char]
    base = unicodedata.normalize("NFD", char)[0]
    code = ord(base)
    return _BOLD_ASCII[code - 32] if 32 <= code < 127 else 1024


def bold_width_mm(text: str, size_pt: float) -> float:
    """Return the printed width of `text` in Times New Roman Bold at `size_pt`, in mm."""
    units = sum(_advance(char) for char in unicodedata.normalize("NFC", text))
    return units / _EM * size_pt * _POINT_MM


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


def fitted_widths(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    total_mm: float,
    *,
    size_pt: float,
    padding_mm: float,
) -> list[float]:
    """Return column widths that share `total_mm` by what the columns hold.

    A column needs at least its longest word (a date, "STT", a unit's name
    word) and wants its lines unwrapped, on average; the room is shared by the
    square root of what each wants, a column that wants less than its share
    gets what it wants and one whose longest word needs more gets that, and
    the rest is shared again. Widths are rounded to the millimetre.
    """
    count = len(headers)
    columns = [[headers[i], *(row[i] for row in rows)] for i in range(count)]
    least = [
        max(bold_width_mm(word, size_pt) for text in column for word in text.split() or [""])
        + padding_mm
        for column in columns
    ]
    # What a column wants: its lines unwrapped, on average (one very long title
    # must not take the page from every other column).
    wanted = [
        statistics.fmean(
            bold_width_mm(line, size_pt) for text in column for line in text.split("\n")
        )
        + padding_mm
        for column in columns
    ]
    wanted = [max(w, m) for w, m in zip(wanted, least, strict=True)]
    widths = [0.0] * count
    open_columns = set(range(count))
    left = total_mm
    while open_columns:
        # What a column would get: a share of the room by the square root of what
        # it wants, so a long title gets more than a short name, not all of it.
        weight = sum(math.sqrt(wanted[i]) for i in open_columns)
        share = {i: left * math.sqrt(wanted[i]) / weight for i in open_columns}
        settled = {i for i in open_columns if wanted[i] <= share[i] or least[i] >= share[i]}
        if not settled:
            for i in open_columns:
                widths[i] = share[i]
            break
        for i in settled:
            widths[i] = wanted[i] if wanted[i] <= share[i] else least[i]
            left -= widths[i]
        open_columns -= settled
    if not open_columns and sum(widths) < total_mm:  # all fit unwrapped: widen the widest
        widest = max(range(count), key=lambda i: wanted[i])
        widths[widest] += total_mm - sum(widths)
    rounded = [float(round(w)) for w in widths]
    rounded[max(range(count), key=lambda i: rounded[i])] += total_mm - sum(rounded)
    return rounded
