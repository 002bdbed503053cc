"""The files tthc reads and writes (store/files.py): regular files only, read without
waiting, exports written whole and never over a plan, a device or a link."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.conftest import PLAN_2024, PlanCopy, tthc, tthc_process
from tthc_plan.store.files import FileTooLargeError, read_bounded

PROGRESS = Path("plans") / "progress" / "dak-rlap-kstthc-2024"


def test_a_link_to_a_device_is_refused_not_read(plan_copy_with: PlanCopy) -> None:
    """In a fresh process: were it read, /dev/zero would fill the memory of the test run."""
    plans = plan_copy_with(today="2024-01-12")
    (plans / PROGRESS).mkdir(parents=True)
    (plans / PROGRESS / "xa-nhan-co.yaml").symlink_to("/dev/zero")
    for args in (["status"], ["--no-cache", "status"], ["validate"]):
        done = tthc_process(plans, *args, env={"TTHC_CACHE_DIR": str(plans / "cache")})
        assert done.returncode == 3, args
        assert done.stderr == (
            f"Lỗi: «{(PROGRESS / 'xa-nhan-co.yaml').as_posix()}» không phải là một tệp thường "
            "(thiết bị, ống dẫn hay liên kết tới chúng): không đọc.\n"
        )


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="Linux's /proc")
def test_a_file_longer_than_stat_says_is_read_whole_and_bounded() -> None:
    """A file may grow between stat and read (/proc's files say size 0): read_bounded
    reads past what stat says, and never past its limit."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    text = read_bounded(status)
    assert text.startswith(b"Name:")
    assert text.endswith(b"\n")
    with pytest.raises(FileTooLargeError):
        read_bounded(status, limit=10)
    assert read_bounded(status, limit=len(text) + 100).startswith(b"Name:")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening a pipe blocks until someone writes to it: in a fresh process, with a timeout,
    a command that waits fails the test instead of hanging the test run."""
    pipe = tmp_path / "tthc.toml"
    os.mkfifo(pipe)
    for name, value in (("HOST", "127.0.0.1"), ("TLS", "none"), ("FROM", "a@example.invalid")):
        monkeypatch.setenv(f"TTHC_SMTP_{name}", value)
    args = ["remind", "--email", "--settings", str(pipe), "--dry-run", "--plan", str(PLAN_2024)]
    done = tthc_process(tmp_path, *args, env={"TTHC_TODAY": "2024-01-12"})
    assert done.returncode == 3
    assert "không phải là một tệp thường" in done.stderr


def test_an_export_never_replaces_a_plan_and_asks_before_replacing_a_file(
    plan_copy_with: PlanCopy,
) -> None:
    plans = plan_copy_with(today="2024-01-12")
    plan = plans / "plans" / "2024.yaml"
    before = plan.read_bytes()
    done = tthc("export", "md", "-o", "plans/2024.yaml", "--force")
    assert done.exit_code == 2
    assert done.stderr == (
        "Lỗi: «plans/2024.yaml» là tệp YAML (kế hoạch hoặc tiến độ): không bao giờ ghi đè; "
        "chọn tên khác bằng -o.\n"
    )
    assert plan.read_bytes() == before
    page = plans / "trang.html"
    page.write_text("bản cũ", encoding="utf-8")
    done = tthc("export", "html", "-o", "trang.html")
    assert (done.exit_code, page.read_text(encoding="utf-8")) == (2, "bản cũ")
    assert done.stderr == (
        "Lỗi: «trang.html» đã có; thêm --force để ghi đè, hoặc chọn tên khác bằng -o.\n"
    )
    assert tthc("export", "html", "-o", "trang.html", "--force").exit_code == 0
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    # A command's own default file is refreshed by a re-run.
    for _ in range(2):
        assert tthc("report", "--period", "2024-Q1").exit_code == 0
    assert (plans / "bao-cao-2024-Q1.docx").is_file()
    assert [p.name for p in plans.glob("*.tmp")] == []


def test_an_export_to_a_full_disk_leaves_the_old_file_whole(
    plan_copy_with: PlanCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    plans = plan_copy_with(today="2024-01-12")
    page = plans / "trang.html"
    page.write_text("bản cũ, nguyên vẹn", encoding="utf-8")

    def full(_descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tthc_plan.store.files.os.fsync", full)
    result = tthc("export", "html", "-o", "trang.html", "--force")
    assert result.exit_code == 3
    assert page.read_text(encoding="utf-8") == "bản cũ, nguyên vẹn"
    assert [p.name for p in plans.iterdir() if p.name.endswith(".tmp")] == []


def test_force_never_replaces_a_device_or_a_link(plan_copy_with: PlanCopy) -> None:
    plans = plan_copy_with(today="2024-01-12")
    target = plans / "giu-nguyen.txt"
    target.write_text("keep", encoding="utf-8")
    (plans / "lich.ics").symlink_to(target)
    for name in ("lich.ics", os.devnull):
        done = tthc("export", "ics", "-o", name, "--force")
        assert done.exit_code == 2, done.stderr
        assert "không phải là một tệp thường" in done.stderr
    assert target.read_text(encoding="utf-8") == "keep"
    assert (plans / "lich.ics").is_symlink()
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
