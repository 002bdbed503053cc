"""A folder tthc may not read is an error that names it, never a traceback or "no records".

Run as an ordinary user (root reads everything): `plans/`, `plans/progress` or
a plan's progress folder made unreadable (mode 000), or one that may be
entered but not listed (mode 311, where a listing used to come back empty and
a unit's records vanished from every view), under status, validate and done.
Nothing is written. The record each test starts from is written as root in this
process; only the command under test runs as the ordinary user, in a fresh process.
Fifteen such processes make the matrix below: `make check` tries three of them (each
folder, each mode and each command at least once), the rest is marked slow.
"""

from __future__ import annotations

import pytest

from tests.ordinary_user import (
    as_ordinary_user,
    plans_in,
    shared_folder,
    snapshot,
    tthc,
    tthc_here,
    why_not,
)

pytestmark = pytest.mark.skipif(as_ordinary_user() is None, reason=why_not())

PROGRESS = "plans/progress/dak-rlap-kstthc-2024"
COMMANDS = {
    "status": ["status"],
    "validate": ["validate"],
    "done": ["done", "I.2", "--date", "2024-02-01"],
}


def _message(folder: str) -> str:
    return (
        f"Lỗi: Không đọc được thư mục «{folder}»: không có quyền đọc. Cấp quyền đọc thư mục "
        "này cho tài khoản đang chạy tthc (hoặc chạy bằng tài khoản có quyền), rồi chạy lại.\n"
    )


FOLDERS = {
    "plans-000": ("plans", 0o000),
    "plans-311": ("plans", 0o311),
    "progress-000": ("plans/progress", 0o000),
    "plan-progress-000": (PROGRESS, 0o000),
    "plan-progress-311": (PROGRESS, 0o311),
}
# Tried by `make check` too: every folder, mode and command at least once.
FAST = {("plans-311", "status"), ("progress-000", "validate"), ("plan-progress-000", "done")}


@pytest.mark.parametrize(
    ("folder", "mode", "command"),
    [
        pytest.param(
            *FOLDERS[name],
            command,
            id=f"{name}-{command}",
            marks=() if (name, command) in FAST else pytest.mark.slow,
        )
        for command in COMMANDS
        for name in FOLDERS
    ],
)
def test_an_unreadable_folder_is_named_and_nothing_is_written(
    command: str, folder: str, mode: int
) -> None:
    user = as_ordinary_user()
    assert user is not None
    with shared_folder() as root:
        plans_in(root)
        recorded = tthc_here(root, "done", "I.1", "--date", "2024-01-20")  # a record to lose
        assert recorded.returncode == 0, recorded.stderr
        for path in [root / "plans", *(root / "plans").rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
        before = snapshot(root)
        (root / folder).chmod(mode)
        try:
            done = tthc(root, *COMMANDS[command], user=user)
        finally:
            (root / folder).chmod(0o777)
        assert (done.returncode, done.stdout, done.stderr) == (3, "", _message(folder))
        assert snapshot(root) == before


def test_a_listable_progress_folder_still_gives_every_record() -> None:
    """A progress/ that may be entered but not listed (311) is no fault: the plan's own
    folder is reached by name, and its records are all there."""
    user = as_ordinary_user()
    assert user is not None
    with shared_folder() as root:
        plans_in(root)
        assert tthc_here(root, "done", "I.1", "--date", "2024-01-20").returncode == 0
        for path in [root / "plans", *(root / "plans").rglob("*")]:
            path.chmod(0o777 if path.is_dir() else 0o666)
        open_view = tthc(root, "overdue", "--format", "json", user=user)
        (root / "plans" / "progress").chmod(0o311)
        try:
            done = tthc(root, "overdue", "--format", "json", user=user)
        finally:
            (root / "plans" / "progress").chmod(0o777)
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout == open_view.stdout
        assert '"I.1"' not in done.stdout  # recorded done: not overdue


def test_a_folder_above_that_cannot_be_entered_is_the_one_named() -> None:
    """plans/progress at 000: its plan's folder cannot even be looked at; progress/ is named."""
    user = as_ordinary_user()
    assert user is not None
    with shared_folder() as root:
        plans_in(root)
        assert tthc_here(root, "done", "I.1", "--date", "2024-01-20").returncode == 0
        (root / "plans" / "progress").chmod(0o000)
        try:
            done = tthc(root, "show", "I.1", user=user)
        finally:
            (root / "plans" / "progress").chmod(0o777)
        assert (done.returncode, done.stderr) == (3, _message("plans/progress"))
