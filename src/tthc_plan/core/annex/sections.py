"""The annex's rows grouped into sections, each section id unique in the plan."""

from __future__ import annotations

import re

from msgspec import Struct

from tthc_plan.core.annex.rows import (
    EndOfGroup,
    GroupRow,
    Item,
    NumberedGroup,
    Row,
    SectionRow,
    Skipped,
)


class Section(Struct):
    """A section of the plan with its task rows: "II", "B.I", "I.A" (a group), "5.1"."""

    id: str
    title: str
    rows: list[Row]


# A section with tasks before any section row: a section to name, not a loss.
UNNAMED_SECTION = "(Chưa có tên mục: cần xem lại)"


def sections_of(items: list[Item]) -> tuple[list[Section], list[str]]:
    """Return the sections the items make, and the text of each row that holds no task.

    A group (a row alone, unnumbered) is a section under the section above it
    ("I.A"); a numbered group is one too ("I.1"), until a row numbered like
    the section's own tasks comes back.
    """
    sections: list[Section] = []
    parent, groups = "", 0
    parts = _Parts()
    skipped: list[str] = []
    current: list[Row] = []
    for item in items:
        match item:
            case Skipped(text):
                skipped.append(text)
            case GroupRow(title):
                groups += 1
                group_id = f"{parent}.{letters(groups)}" if parent else letters(groups)
                sections.append(Section(group_id, title, []))
            case NumberedGroup(number, title):
                sections.append(Section(f"{parent}.{number}" if parent else number, title, []))
                current = sections[-1].rows
            case EndOfGroup():
                current = next(s.rows for s in sections if s.id == parent)
            case SectionRow(written, title):
                parent, groups = parts.section_id(written), 0
                sections.append(Section(parent, title, []))
                current = sections[-1].rows
            case Row():
                if not sections:
                    parent = parts.section_id("0")
                    sections.append(Section(parent, UNNAMED_SECTION, []))
                    current = sections[-1].rows
                current.append(item)
    return sections, skipped


def letters(number: int) -> str:
    """Return A, B, ... Z, AA... for the n-th unnumbered group of a section."""
    text = ""
    while number:
        number, rest = divmod(number - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


class _Parts:
    """Section ids made unique where a document numbers its sections again.

    An annex in parts ("A", "B", "C", each with sections I, II, ...) gives the
    sections of a part its letter ("B.I"); a part is a one-letter row that
    comes next in A, B, C... order. Numbering that starts again with no part
    row gives the later run its count ("2.I").
    """

    def __init__(self) -> None:
        self.part = ""
        self.used: set[str] = set()

    def section_id(self, written: str) -> str:
        following = chr(ord(self.part) + 1) if self.part else "A"
        if written == following:
            self.part = written
        elif self.part and _ROMAN_ID.fullmatch(written):
            written = f"{self.part}.{written}"
        unique, run = written, 1
        while unique in self.used:
            run += 1
            unique = f"{run}.{written}"
        self.used.add(unique)
        return unique


_ROMAN_ID = re.compile(r"[IVXLC]+")
