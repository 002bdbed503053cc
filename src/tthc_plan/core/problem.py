"""Problems found in a plan file, each with its place in the file."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct


class Severity(StrEnum):
    """How bad a problem is: errors fail validation, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


class Problem(Struct, frozen=True):
    """One problem: where (1-based line and column), what and how to fix it."""

    path: str
    line: int
    col: int
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, then position."""
        return (self.path, self.line, self.col, self.code)
