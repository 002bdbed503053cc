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

Its size is never a reason to send again (issue 30: a log over 8 MB was taken
for a broken one, and every unit was written to twice that day). Only today's
entries tell what not to send again: once the log passes `ROTATE_BYTES`, the
entries of earlier days move to `sent-log-YYYY-MM-DD.json` (the day they were
moved), kept `KEEP_DAYS` days; the log itself holds about one day. A log too
long to read (`MAX_LOG_BYTES`, older versions did not rotate) stops the run
before anything is sent.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from tthc_plan.errors import FileError
from tthc_plan.i18n import _
from tthc_plan.store.files import FileTooLargeError, read_bounded, write_atomically

LOG_NAME = "sent-log.json"
LOCK_NAME = "sent-log.lock"
ARCHIVE_PREFIX = "sent-log-"  # sent-log-2024-09-25.json: the entries moved out that day
LOCK_TIMEOUT_SECONDS = 5
KEEP_DAYS = 60
ROTATE_BYTES = 1024 * 1024  # about 5,000 messages
MAX_LOG_BYTES = 32 * 1024 * 1024
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
        self._today = today.isoformat()
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
        except FileTooLargeError as error:
            message = _(
                "Nhật ký thư đã gửi «{path}» nặng {size} MB, quá {limit} MB mà tthc đọc: không "
                "biết thư nào đã gửi hôm nay nên không gửi gì. Chuyển tệp ấy sang chỗ khác (giữ "
                "làm lưu trữ) rồi chạy lại; thư đã gửi hôm nay (nếu có) sẽ được gửi lại."
            )
            size, limit = error.size // (1024 * 1024), MAX_LOG_BYTES // (1024 * 1024)
            raise FileError(message.format(path=self.path, size=size, limit=limit)) from None
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
        data = _encoded(self._entries)
        earlier = [entry for entry in self._entries if entry["date"] != self._today]
        if len(data) > ROTATE_BYTES and earlier:
            try:
                self._archive(earlier)
            except (FileError, OSError):
                pass  # not rotated this time: the whole log is written, nothing is lost
            else:
                self._entries = [entry for entry in self._entries if entry["date"] == self._today]
                data = _encoded(self._entries)
        write_atomically(self.path, data)

    def _archive(self, entries: list[dict[str, str]]) -> None:
        """Move the entries of earlier days to today's archive, and drop archives past
        `KEEP_DAYS`; written before the log, so that no entry is ever only in memory.

        Raise FileError or OSError when the archive cannot be written: no rotation then.
        """
        folder = self.path.parent
        archive = folder / f"{ARCHIVE_PREFIX}{self._today}.json"
        kept: list[dict[str, str]] = []
        if archive.exists():  # a second rotation on the same day: add to it
            found = _entries(read_bounded(archive, MAX_LOG_BYTES))  # OSError: not rotated
            if found is None:  # not an archive of ours: never written over
                raise FileError(str(archive))
            kept = found
        write_atomically(archive, _encoded(kept + entries))
        for old in folder.glob(f"{ARCHIVE_PREFIX}*.json"):
            day = old.name.removeprefix(ARCHIVE_PREFIX).removesuffix(".json")
            if len(day) == len("2024-09-25") and day < self._since:
                old.unlink(missing_ok=True)


def _encoded(entries: list[dict[str, str]]) -> bytes:
    text = json.dumps({"version": 1, "sent": entries}, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


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
