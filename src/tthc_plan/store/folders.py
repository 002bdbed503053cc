"""Folders looked at, listed and made: a folder tthc cannot read is an error, never "empty".

`Path.glob` reads a folder it may not list as an empty one (a unit's records
would silently vanish from every view), and `Path.exists` raises a bare
PermissionError under a folder it may not enter. Here each says which folder,
and what to do.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from tthc_plan.errors import FileError
from tthc_plan.i18n import _

__all__ = [
    "entries",
    "folder_error",
    "is_file",
    "is_folder",
    "make_folder",
    "present",
    "refuse_blocked_path",
]


def folder_error(folder: Path, error: OSError) -> FileError:
    """Return the error of a folder that cannot be read or entered, and what to do."""
    if isinstance(error, PermissionError):
        message = _(
            "Không đọc được thư mục «{path}»: không có quyền đọc. Cấp quyền đọc thư mục này "
            "cho tài khoản đang chạy tthc (hoặc chạy bằng tài khoản có quyền), rồi chạy lại."
        )
        return FileError(message.format(path=folder))
    if error.errno == errno.ELOOP:
        return _loop(folder)
    message = _("Không đọc được thư mục «{path}»: {reason}.")
    return FileError(message.format(path=folder, reason=error.strerror or error))


def _loop(path: Path) -> FileError:
    message = _(
        "«{path}» là một liên kết không dẫn tới đâu (vòng lặp, hoặc nơi nó trỏ tới đã mất): "
        "sửa hoặc xóa liên kết này rồi chạy lại."
    )
    return FileError(message.format(path=path))


def _blocked(path: Path) -> Path:
    """Return the folder that keeps `path` from being read: the last one on the way that
    can be looked at when the next cannot (a folder that may not be entered), else `path`
    itself (a folder that may be entered but not listed)."""
    parts = path.parts
    for count in range(1, len(parts) + 1):
        try:
            os.stat(Path(*parts[:count]))
        except PermissionError:
            return Path(*parts[: count - 1]) if count > 1 else Path()
        except OSError:
            break
    return path


def _status(path: Path) -> os.stat_result | None:
    """Return what `path` is, None if nothing is there; an error if it cannot be known."""
    try:
        return os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except PermissionError as error:
        raise folder_error(_blocked(path), error) from None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:  # no such name can be there
            return None
        if error.errno == errno.ELOOP:
            raise _loop(path) from None
        raise folder_error(path.parent, error) from None


def is_folder(path: Path) -> bool:
    """Tell whether `path` is a folder (False when nothing is there)."""
    status = _status(path)
    return status is not None and stat.S_ISDIR(status.st_mode)


def is_file(path: Path) -> bool:
    """Tell whether `path` is a regular file, or a link to one."""
    status = _status(path)
    return status is not None and stat.S_ISREG(status.st_mode)


def present(path: Path) -> bool:
    """Tell whether anything is at `path` (a file, a folder...)."""
    return _status(path) is not None


def entries(folder: Path) -> list[Path]:
    """Return the paths in `folder`, sorted by name; none if the folder is not there."""
    try:
        with os.scandir(folder) as found:
            names = sorted((entry.name for entry in found), key=os.path.normcase)
        # Sorted as paths of one folder sort (case aside on Windows), without comparing
        # paths: a province's 300 progress folders listed in 1 ms instead of 3.
        return [folder / name for name in names]
    except (FileNotFoundError, NotADirectoryError):
        return []
    except PermissionError as error:
        raise folder_error(_blocked(folder), error) from None
    except OSError as error:
        raise folder_error(folder, error) from None


def refuse_blocked_path(target: Path) -> None:
    """Refuse a new file whose folder cannot be made: a file or a broken link on the way.

    Checked before any work, so that nothing is written; `make_folder` says the same
    if the way is blocked by the time the file is written.
    """
    for folder in reversed(target.parents):
        if folder == Path(folder.anchor) or not folder.parts:
            continue
        try:
            os.lstat(folder)
        except (FileNotFoundError, NotADirectoryError):
            return  # made when the file is written
        except OSError as error:
            raise folder_error(_blocked(folder), error) from None
        if not is_folder(folder):
            raise _in_the_way(folder, target)


def _in_the_way(folder: Path, target: Path) -> FileError:
    if folder.is_symlink():
        return _loop(folder)
    message = _(
        "«{folder}» là một tệp, không phải thư mục: không tạo được «{path}» trong đó. "
        "Đổi tên hoặc dời tệp «{folder}», hoặc chọn chỗ khác bằng -o."
    )
    return FileError(message.format(folder=folder, path=target))


def make_folder(folder: Path, target: Path) -> None:
    """Make `folder` (and those above it) for the new file `target`; say what stops it."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        refuse_blocked_path(target)  # names the file in the way
        raise _in_the_way(folder, target) from None
    except PermissionError as error:
        message = _("Không tạo được thư mục «{path}»: không có quyền ghi ở «{parent}».")
        blocked = Path(error.filename) if error.filename else folder
        raise FileError(message.format(path=folder, parent=blocked.parent)) from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise _loop(folder) from None
        message = _("Không tạo được thư mục «{path}»: {reason}.")
        raise FileError(message.format(path=folder, reason=error.strerror or error)) from None
