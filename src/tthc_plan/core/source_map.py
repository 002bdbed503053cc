"""Positions in a source file: where each value of a YAML document is. No parser."""

from __future__ import annotations

from typing import NamedTuple

from msgspec import Struct, field

Path_ = tuple[str | int, ...]


class Position(NamedTuple):
    """A 1-based line and column, and whether the scalar there is quoted.

    A tuple, not a dataclass: a province's files hold hundreds of thousands of
    positions, and a tuple is built several times faster.
    """

    line: int
    col: int
    quoted: bool = False


# As the parser gives them: 0-based line, 0-based column, whether quoted.
RawMark = tuple[int, int, bool]


class SourceMap(Struct):
    """Where each value (and each mapping key) of a YAML document is.

    Marks are kept as the parser gives them and made Positions only when asked
    for: a province's files hold hundreds of thousands, and few are ever shown.
    """

    values: dict[Path_, RawMark] = field(default_factory=dict)
    keys: dict[Path_, RawMark] = field(default_factory=dict)

    def value(self, path: Path_) -> Position:
        """Return the position of the value at `path`, or of its nearest ancestor."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return Position(found[0] + 1, found[1] + 1, found[2])
        return Position(1, 1)

    def key(self, path: Path_) -> Position:
        """Return the position of the key that holds `path`, or the value's."""
        found = self.keys.get(path)
        return Position(found[0] + 1, found[1] + 1) if found else self.value(path)
