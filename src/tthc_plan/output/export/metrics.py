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

import unicodedata

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
