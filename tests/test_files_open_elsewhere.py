"""A file that cannot be replaced (open in Word or Excel on Windows) is said to be so.

On Windows, os.replace over a file Word or Excel holds open fails with a
PermissionError (WinError 5 or 32), which tthc reported as "no write
permission" on the folder. The same refusal is made here by the operating
system itself (a folder with the sticky bit, the old file another user's, in a
process of that user), and by a fault injected into os.replace, the command run
in this process; the message must be right for both, and the old file stays
whole, with no temporary file left.
"""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path
from typing import Any

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
from tthc_plan.errors import FileError
from tthc_plan.store import files

IN_USE = (
    "Lỗi: Không thay được «{path}»: tệp đang mở trong một chương trình khác (Word, Excel...) "
    "hoặc không cho thay. Đóng tệp rồi chạy lại lệnh; tệp cũ vẫn nguyên vẹn.\n"
)
OLD = b"bang tinh cu, dang mo trong Excel\n"


def _held_open(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run tthc in this process, every existing file held open by another program: Windows'
    refusal, as os.replace raises it there (a sharing violation on the target)."""
    replace = os.replace

    def refuse_if_there(source: Any, target: Any, *more: Any, **options: Any) -> None:
        if os.path.exists(target):
            raise PermissionError(errno.EACCES, "The process cannot access the file because it "
                                  "is being used by another process", str(source), None,
                                  str(target))  # fmt: skip
        replace(source, target, *more, **options)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "replace", refuse_if_there)
        return tthc_here(cwd, *args)


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    return plans_in(tmp_path)


def test_an_export_over_a_file_open_in_excel(plans: Path) -> None:
    (plans / "ke-hoach.xlsx").write_bytes(OLD)
    before = snapshot(plans)
    done = _held_open(plans, "export", "xlsx", "-o", "ke-hoach.xlsx", "--force")
    assert (done.returncode, done.stdout) == (3, "")
    assert done.stderr == IN_USE.format(path="ke-hoach.xlsx")
    assert snapshot(plans) == before  # the old file whole, no temporary file beside it


def test_a_progress_file_open_in_another_program(plans: Path) -> None:
    assert tthc_here(plans, "done", "I.1", "--date", "2024-01-20").returncode == 0
    before = snapshot(plans)
    done = _held_open(plans, "done", "I.2", "--date", "2024-02-01")
    log = "plans/progress/dak-rlap-kstthc-2024/vp-hdnd-ubnd.yaml"
    assert (done.returncode, done.stdout, done.stderr) == (3, "", IN_USE.format(path=log))
    assert snapshot(plans) == before


def test_a_new_file_needs_no_one_to_close_it(plans: Path) -> None:
    """Nothing there yet: the same injected fault never blames another program."""
    done = _held_open(plans, "export", "xlsx", "-o", "moi.xlsx")
    assert (done.returncode, done.stderr) == (0, "Đã ghi moi.xlsx\n")
    assert (plans / "moi.xlsx").read_bytes()[:2] == b"PK"


@pytest.mark.skipif(as_ordinary_user() is None, reason=why_not())
def test_a_file_the_system_will_not_let_be_replaced() -> None:
    """A sticky folder (as /tmp): a user may add files, but not replace another's."""
    user = as_ordinary_user()
    assert user is not None
    with shared_folder() as root:
        plans_in(root)
        (root / "out").mkdir()
        (root / "out").chmod(0o1777)
        (root / "out" / "ke-hoach.xlsx").write_bytes(OLD)
        (root / "out" / "ke-hoach.xlsx").chmod(0o666)  # writable: not a read-only file
        before = snapshot(root)
        done = tthc(root, "export", "xlsx", "-o", "out/ke-hoach.xlsx", "--force", user=user)
        assert (done.returncode, done.stdout) == (3, "")
        assert done.stderr == IN_USE.format(path="out/ke-hoach.xlsx")
        assert snapshot(root) == before


def test_write_atomically_tells_a_held_file_from_a_closed_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In process: only a PermissionError when replacing an existing file is "open"."""

    def refuse(source: object, target: object) -> None:
        raise PermissionError(errno.EACCES, "Access is denied", str(source), None, str(target))

    monkeypatch.setattr(os, "replace", refuse)
    old = tmp_path / "bao-cao.docx"
    old.write_bytes(OLD)
    with pytest.raises(FileError) as held:
        files.write_atomically(old, b"moi")
    assert f"Lỗi: {held.value}\n" == IN_USE.format(path=old)
    new = tmp_path / "moi.docx"
    with pytest.raises(FileError) as closed:
        files.write_atomically(new, b"moi")
    assert str(closed.value) == f"Không ghi được vào «{tmp_path}»: không có quyền ghi."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]
    assert old.read_bytes() == OLD
