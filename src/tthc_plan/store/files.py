"""Limits on the files tthc reads, and lines of them quoted in messages."""

from __future__ import annotations

import functools
from pathlib import Path

from tthc_plan.core.text import nfc

# The largest plan imaginable (a province's 10,000 tasks in one file) is a few MB.
MAX_FILE_BYTES = 20 * 1024 * 1024


@functools.lru_cache(maxsize=64)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
    except OSError:
        return ()
    return tuple(nfc(text).splitlines())


def source_line(path: str, number: int) -> str | None:
    """Return line `number` (1-based) of a file as the positions count it, for excerpts."""
    lines = _file_lines(path)
    return lines[number - 1] if 0 < number <= len(lines) else None
