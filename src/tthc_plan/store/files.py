"""Reading the files tthc is given: bounded, regular files only; lines quoted in messages."""

from __future__ import annotations

import functools
import os
import stat
from pathlib import Path

from tthc_plan.core.text import nfc
from tthc_plan.errors import FileError, UsageError
from tthc_plan.i18n import _
from tthc_plan.store.folders import is_folder, present, refuse_blocked_path
from tthc_plan.store.locate import PLAN_SUFFIXES

_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise translate line endings

# The largest plan imaginable (a province's 10,000 tasks in one file) is a few MB.
MAX_FILE_BYTES = 20 * 1024 * 1024


class NotRegularFileError(OSError):
    """A path that is a device, a pipe or a socket (or a link to one): never read."""

    def refusal(self) -> FileError:
        """Return the error a user reads: what was refused, and why."""
        message = _(
            "«{path}» không phải là một tệp thường (thiết bị, ống dẫn hay liên kết tới chúng): "
            "không đọc."
        )
        return FileError(message.format(path=self.args[0]))


class FileTooLargeError(OSError):
    """A file longer than the limit: only the limit was read."""

    def __init__(self, path: str, size: int) -> None:
        super().__init__(path)
        self.size = size  # as the file system says


def _without_waiting(path: str, flags: int) -> int:
    """Open without blocking where the system can: a named pipe would otherwise wait for a
    writer before fstat could refuse it (a regular file reads the same either way)."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def read_bounded(path: Path | str, limit: int = MAX_FILE_BYTES) -> bytes:
    """Return a regular file's bytes, reading at most `limit` + 1 whatever stat says.

    A link to /dev/zero or a pipe would be read without end: anything that is
    not a regular file is refused (NotRegularFileError), and a file longer than
    `limit` raises FileTooLargeError after reading only `limit` + 1 bytes.
    """
    return read_with_status(path, limit)[0]


def read_with_status(path: Path | str, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
    """Return read_bounded(path, limit) and what stat said of the file just before it was read."""
    with open(path, "rb", opener=_without_waiting) as handle:  # one open, one fstat
        status = os.fstat(handle.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise NotRegularFileError(str(path))
        if status.st_size > limit:
            raise FileTooLargeError(str(path), status.st_size)
        # What stat says and a byte more: read(limit + 1) would allocate the whole
        # limit at every read (a province's 652 files: 30 ms instead of 12).
        data = handle.read(status.st_size + 1)
        if len(data) > status.st_size:  # the file has grown since: read on, to the limit
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise FileTooLargeError(str(path), len(data))
    return data, status


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


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, flush it to disk, rename it over `path`.

    A crash, a kill or a full disk leaves the old file whole, or the new one.
    """
    import secrets  # noqa: PLC0415 - only writes need them; every run imports this module
    import shutil  # noqa: PLC0415

    existed = present(path)
    if existed and not os.access(path, os.W_OK):
        message = _("Tệp «{path}» chỉ cho đọc, không ghi được.")
        raise FileError(message.format(path=path))
    temporary = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    replacing = False
    try:
        # 0o666 minus the umask, as any new file; an existing file keeps its own mode.
        handle = os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _O_BINARY, 0o666)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            if existed:
                shutil.copymode(path, temporary)
            replacing = True
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        _sync_folder(path.parent)
    except PermissionError as error:
        if replacing and existed:  # the folder took the new file: the old one would not go
            raise _in_use(path) from None
        raise write_error(path.parent, error) from None
    except OSError as error:  # a full disk, a folder gone, a network share lost
        raise write_error(path, error) from None


def _in_use(path: Path) -> FileError:
    """Return the error of a file that could not be replaced, as when Word or Excel has it
    open on Windows (os.replace: PermissionError, WinError 5 or 32)."""
    message = _(
        "Không thay được «{path}»: tệp đang mở trong một chương trình khác (Word, Excel...) "
        "hoặc không cho thay. Đóng tệp rồi chạy lại lệnh; tệp cũ vẫn nguyên vẹn."
    )
    return FileError(message.format(path=path))


def write_error(path: Path, error: OSError) -> FileError:
    """Return the error of a write that failed at `path`: what was there stays whole."""
    if isinstance(error, PermissionError):
        return FileError(_("Không ghi được vào «{path}»: không có quyền ghi.").format(path=path))
    message = _("Không ghi được «{path}»: {reason}. Tệp cũ vẫn nguyên vẹn.")
    return FileError(message.format(path=path, reason=error.strerror or error))


def read_error(path: Path, reason: str | None) -> FileError:
    """Return the error of a file that could not be read, and why."""
    return FileError(_("Không đọc được tệp «{path}»: {reason}.").format(path=path, reason=reason))


def refuse_existing(path: Path) -> None:
    """Refuse to make a new plan file where a file already is (never overwrite), or where
    its folder cannot be (a file or a broken link on the way): before any work is done."""
    refuse_blocked_path(path)
    if path.is_symlink() or present(path):
        message = _("«{path}» đã có; chọn tên khác bằng -o, hoặc xóa tệp cũ.")
        raise UsageError(message.format(path=path))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no folder handles to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_output_file(path: Path, data: bytes, *, replace: bool) -> None:
    """Write an export or a report atomically; never over a plan or progress file.

    An existing file is replaced only when `replace` (--force, or the command's
    own default name, which a re-run is expected to refresh).
    """
    refuse_blocked_path(path)
    if is_folder(path):
        message = _("«{path}» là một thư mục; chọn một tên tệp bằng -o.")
        raise UsageError(message.format(path=path))
    if path.is_symlink() or (present(path) and not path.is_file()):
        # Writing "over" /dev/null or a link would replace the device or the link
        # itself (the new file is renamed into place): never, --force or not.
        message = _(
            "«{path}» không phải là một tệp thường (liên kết, thiết bị...): không ghi đè; "
            "chọn một tên tệp khác bằng -o."
        )
        raise UsageError(message.format(path=path))
    # Plans and progress logs are YAML; no export is. An export never replaces one.
    if present(path) and path.suffix.lower() in PLAN_SUFFIXES:
        message = _(
            "«{path}» là tệp YAML (kế hoạch hoặc tiến độ): không bao giờ ghi đè; "
            "chọn tên khác bằng -o."
        )
        raise UsageError(message.format(path=path))
    if present(path) and not replace:
        message = _("«{path}» đã có; thêm --force để ghi đè, hoặc chọn tên khác bằng -o.")
        raise UsageError(message.format(path=path))
    write_atomically(path, data)


# A Word file of a plan is a few hundred kB; its text part inflates to a few MB.
MAX_WORD_PART = 50 * 1024 * 1024


def check_word_file(path: Path) -> None:
    """Refuse a .docx that is too large or inflates too far (a zip bomb), before parsing.

    Every part is inflated here in chunks and counted: the sizes an archive
    declares can lie.
    """
    import io  # noqa: PLC0415 - only tthc import reads Word files
    import zipfile  # noqa: PLC0415

    data = read_bounded(path)  # a regular file within the size limit (raises otherwise)
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.file_size > MAX_WORD_PART:
                raise _inflates_too_far(path, info.filename)
            inflated = 0
            with archive.open(info) as part:
                while chunk := part.read(1024 * 1024):
                    inflated += len(chunk)
                    if inflated > MAX_WORD_PART or total + inflated > 2 * MAX_WORD_PART:
                        raise _inflates_too_far(path, info.filename)
            total += inflated


def _inflates_too_far(path: Path, part: str) -> FileError:
    message = _(
        "«{path}» không đọc: phần «{part}» giải nén ra quá {limit} MB "
        "(một tệp Word kế hoạch chỉ vài MB)."
    )
    return FileError(message.format(path=path, part=part, limit=MAX_WORD_PART // 2**20))
