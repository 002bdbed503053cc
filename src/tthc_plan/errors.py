"""Errors a user can cause; each knows its exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_IO = 3
EXIT_INTERRUPTED = 130


class TthcError(Exception):
    """A user-facing error: its message is shown as is, with no traceback."""

    exit_code = EXIT_PROBLEMS
    hint: str | None = None


class UsageError(TthcError):
    """The command line asks for something that does not exist or make sense."""

    exit_code = EXIT_USAGE


class FileError(TthcError):
    """A file or folder cannot be read or written."""

    exit_code = EXIT_IO
