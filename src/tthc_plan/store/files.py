"""Reading the files tthc is given: bounded, regular files only; lines quoted in messages."""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from tthc_plan.core.text import nfc

# The largest plan imaginable (a province's 10,000 tasks in one file) is a few MB.
MAX_FILE_BYTES = 20 * 1024 * 1024


class NotRegularFileError(OSError):
    """A path that is a device, a pipe or a socket (or a link to one): never read."""


class FileTooLargeError(OSError):
    """A file longer than the limit: only the limit was read."""

    def __init__(self, path: str, size: int) -> None:
        super().__init__(path)
        self.size = size  # as the file system says


def read_bounded(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """Return a regular file's bytes, reading at most `limit` + 1 whatever stat says.

    A link to /dev/zero or a pipe would be read without end: anything that is
    not a regular file is refused (NotRegularFileError), and a file longer than
    `limit` raises FileTooLargeError after reading only `limit` + 1 bytes.
    """
    with open(path, "rb") as handle:  # one open, one fstat: hundreds of files a run
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFileError(str(path))
        if status.st_size > limit:
            raise FileTooLargeError(str(path), status.st_size)
        data = handle.read(limit + 1)  # the file may have grown since
    if len(data) > limit:
        raise FileTooLargeError(str(path), len(data))
    return data


@functools.lru_cache(maxsize=64)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        text = read_bounded(path).decode("utf-8-sig", errors="replace")
    except OSError:
        return ()
    return tuple(nfc(text).splitlines())


def source_line(path: str, number: int) -> str | None:
    """Return line `number` (1-based) of a file as the positions count it, for excerpts."""
    lines = _file_lines(path)
    return lines[number - 1] if 0 < number <= len(lines) else None
