"""Which reminders were already sent: a small JSON file in the user's state folder.

A weekly run started twice on the same day (by hand after CI, or CI retried)
must not write to a unit twice: a message is known by the day, the plan, the
unit and the SHA-256 of what it says and to whom. The log is state, not a
cache (the cache may be off or wiped) and not data of the plan (never in
git): `TTHC_STATE_DIR`, else platformdirs' `user_state_dir("tthc")`
(`$XDG_STATE_HOME/tthc`, by default `~/.local/state/tthc`, on Linux). It is
written atomically after each message sent; a log that cannot be read is
reported and started afresh, never a reason not to send. Entries older than
`KEEP_DAYS` are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from tthc_plan.errors import FileError
from tthc_plan.i18n import _
from tthc_plan.store.files import read_bounded, write_atomically

LOG_NAME = "sent-log.json"
LOCK_NAME = "sent-log.lock"
LOCK_TIMEOUT_SECONDS = 5
KEEP_DAYS = 60
MAX_LOG_BYTES = 8 * 1024 * 1024
_FIELDS = ("date", "plan", "unit", "sha256")

Key = tuple[str, str, str, str]  # day (ISO), plan id, unit id, SHA-256 of the message


def state_dir(env: Mapping[str, str]) -> Path:
    """Return the folder of tthc's state: TTHC_STATE_DIR, else the platform's state folder."""
    if env.get("TTHC_STATE_DIR"):
        return Path(env["TTHC_STATE_DIR"])
    from platformdirs import user_state_dir  # noqa: PLC0415 - only --email needs it

    return Path(user_state_dir("tthc", appauthor=False))


class SentLog:
    """The messages sent in the last `KEEP_DAYS` days, read once the log is held (`locked`),
    written after each send."""

    def __init__(self, folder: Path, *, today: date, warn: Callable[[str], None]) -> None:
        """The log in `folder`; `warn` is told when an unreadable log is started afresh."""
        self.path = folder / LOG_NAME
        self._since = (today - timedelta(days=KEEP_DAYS)).isoformat()
        self._warn = warn
        self._entries: list[dict[str, str]] = []

    def _read(self) -> None:
        """Read the log: under the lock, so that a run waiting for another sees what it sent."""
        warn = self._warn
        self._entries = []
        try:
            data = read_bounded(self.path, MAX_LOG_BYTES)
        except FileNotFoundError:
            return
        except OSError as error:
            message = _("Không đọc được nhật ký thư đã gửi «{path}» ({reason}): bắt đầu lại.")
            warn(message.format(path=self.path, reason=getattr(error, "strerror", None) or error))
            return
        entries = _entries(data)
        if entries is None:
            message = _("Nhật ký thư đã gửi «{path}» bị hỏng: bắt đầu nhật ký mới.")
            warn(message.format(path=self.path))
            return
        self._entries = [entry for entry in entries if entry["date"] >= self._since]

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the log for one run: two runs at once would both send (CI and a person)."""
        from filelock import FileLock, Timeout  # noqa: PLC0415 - only sending needs it

        folder = self.path.parent
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            lock = FileLock(folder / LOCK_NAME, timeout=LOCK_TIMEOUT_SECONDS)
            lock.acquire()
        except Timeout:
            message = _(
                "Đang có một lần gửi thư khác (khóa «{lock}»): chờ lần ấy xong rồi chạy lại; "
                "nếu chắc không còn lần nào đang chạy, xóa tệp khóa."
            )
            raise FileError(message.format(lock=folder / LOCK_NAME)) from None
        except OSError as error:
            message = _("Không ghi được vào thư mục trạng thái «{path}»: {reason}.")
            raise FileError(message.format(path=folder, reason=error.strerror or error)) from None
        try:
            # A folder or a device where the log goes (a link is replaced when written).
            if not self.path.is_symlink() and self.path.exists() and not self.path.is_file():
                message = _(
                    "«{path}» không phải là một tệp: không ghi được nhật ký thư đã gửi, mỗi lần "
                    "chạy sẽ gửi lại. Xóa hoặc đổi tên nó, hoặc đặt TTHC_STATE_DIR sang thư mục "
                    "khác."
                )
                raise FileError(message.format(path=self.path))
            self._read()
            yield
        finally:
            lock.release()

    def __contains__(self, key: Key) -> bool:
        """Tell whether this message was sent already."""
        return any(tuple(entry[name] for name in _FIELDS) == key for entry in self._entries)

    def add(self, key: Key, *, at: datetime) -> None:
        """Record a message sent at `at`, and write the log at once (atomically)."""
        entry = dict(zip(_FIELDS, key, strict=True))
        entry["at"] = at.isoformat(timespec="seconds")
        self._entries.append(entry)
        # Who was written to, and when, is the user's business: a new folder is theirs alone.
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        text = json.dumps({"version": 1, "sent": self._entries}, ensure_ascii=False, indent=1)
        write_atomically(self.path, (text + "\n").encode("utf-8"))


def _entries(data: bytes) -> list[dict[str, str]] | None:
    """Return the entries of a log, or None when it is not one."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(document, dict) or not isinstance(document.get("sent"), list):
        return None
    entries = []
    for entry in document["sent"]:
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(name), str) for name in _FIELDS
        ):
            return None
        entries.append({k: v for k, v in entry.items() if isinstance(v, str)})
    return entries
