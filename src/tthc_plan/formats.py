"""Output formats and defaults the command line needs before anything heavy is imported."""

from __future__ import annotations

from enum import StrEnum

DEFAULT_WITHIN = 14  # days ahead that count as "due soon"


class ViewFormat(StrEnum):
    """Output formats of the views."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"
