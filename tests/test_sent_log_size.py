"""The size of the sent-log is never a reason to write to a unit twice the same day.

A log over 8 MB was taken for a broken one and started afresh: every unit was mailed
again that day. The log is now read up to 32 MB, rotated past 1 MB (the entries of
earlier days move to sent-log-YYYY-MM-DD.json, none lost), and one too long to read
stops the run before anything is sent.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.in_process import tthc
from tests.mail_servers import DAY, mail_env, office, real_server

NEXT_DAY = "2024-09-26"
UNITS = ["phong-y-te", "xa-dak-ru", "xa-nhan-co"]


def _pad(log: Path, entries: int, day: str) -> list[dict[str, str]]:
    """Add `entries` sent on `day` before what the log holds; return the whole log."""
    sent: list[dict[str, str]] = json.loads(log.read_text(encoding="utf-8"))["sent"]
    older = [{"date": day, "plan": "dak-rlap-kstthc-2024", "unit": f"don-vi-{number}",
              "sha256": f"{number:064x}", "at": f"{day}T07:30:00+07:00"}
             for number in range(entries)]  # fmt: skip
    # One entry a line, each by json's C encoder (indent= takes its Python one: 2 s a log).
    lines = ",\n".join(json.dumps(entry, ensure_ascii=False) for entry in older + sent)
    log.write_text(f'{{"version": 1, "sent": [\n{lines}\n]}}\n', encoding="utf-8")
    return older + sent


@pytest.mark.slow  # an 8 MB log, read and rotated
def test_a_big_sent_log_sends_nothing_twice_and_loses_nothing(tmp_path: Path) -> None:
    root = office(tmp_path)
    log = root / "state" / "sent-log.json"
    with real_server() as (port, keeper):
        first = tthc(root, "remind", "--email", "--today", DAY, env=mail_env(port))
        assert first.stdout == "Đã gửi 3 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 0.\n", first.stderr
        before = _pad(log, 45_000, "2024-09-20")
        assert log.stat().st_size > 8 * 1024 * 1024
        again = tthc(root, "remind", "--email", "--today", DAY, env=mail_env(port))
        assert again.returncode == 0
        assert again.stdout == "Đã gửi 0 thư, bỏ qua 3 (đã gửi hôm nay), lỗi 0.\n"
        assert "Nhật ký" not in again.stderr  # not taken for a broken one
        assert len(keeper.received) == 3  # nobody written to twice
        # The next day: its messages go, and the log is rotated as they are recorded.
        later = tthc(root, "remind", "--email", "--today", NEXT_DAY, env=mail_env(port))
        assert later.stdout == "Đã gửi 3 thư, bỏ qua 0 (đã gửi hôm nay), lỗi 0.\n"
        once_more = tthc(root, "remind", "--email", "--today", NEXT_DAY, env=mail_env(port))
        assert once_more.stdout == "Đã gửi 0 thư, bỏ qua 3 (đã gửi hôm nay), lỗi 0.\n"
        assert len(keeper.received) == 6
    current = json.loads(log.read_text(encoding="utf-8"))["sent"]
    assert [(entry["date"], entry["unit"]) for entry in current] == [(NEXT_DAY, u) for u in UNITS]
    assert log.stat().st_size < 64 * 1024
    archive = root / "state" / f"sent-log-{NEXT_DAY}.json"
    assert json.loads(archive.read_text(encoding="utf-8"))["sent"] == before  # none lost
    assert sorted(path.name for path in log.parent.iterdir()) == [
        "sent-log-2024-09-26.json", "sent-log.json", "sent-log.lock",
    ]  # fmt: skip


@pytest.mark.slow  # a 33 MB log
def test_a_sent_log_too_long_to_read_stops_the_run_before_any_mail(tmp_path: Path) -> None:
    root = office(tmp_path)
    log = root / "state" / "sent-log.json"
    with real_server() as (port, keeper):
        first = tthc(root, "remind", "--email", "--today", DAY, env=mail_env(port))
        assert first.returncode == 0, first.stderr
        _pad(log, 180_000, "2024-09-24")
        size = log.stat().st_size
        assert size > 32 * 1024 * 1024
        digest = hashlib.sha256(log.read_bytes()).hexdigest()
        again = tthc(root, "remind", "--email", "--today", DAY, env=mail_env(port))
        assert len(keeper.received) == 3  # the first run's only
    assert again.returncode == 3
    assert again.stderr == (
        f"Lỗi: Nhật ký thư đã gửi «{log}» nặng {size // (1024 * 1024)} MB, quá 32 MB mà tthc "
        "đọc: không biết thư nào đã gửi hôm nay nên không gửi gì. Chuyển tệp ấy sang chỗ khác "
        "(giữ làm lưu trữ) rồi chạy lại; thư đã gửi hôm nay (nếu có) sẽ được gửi lại.\n"
    )
    assert again.stdout == ""
    assert hashlib.sha256(log.read_bytes()).hexdigest() == digest  # left as it was
