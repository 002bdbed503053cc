"""A cache of checked plan and progress files, keyed by content, in the user's cache folder.

The key is a hash of the file's bytes (never its name or modification time),
of tthc's own code and version and of the Python version, so that an edit,
a `git checkout`, a file touched
within the same second or a new build of tthc can never be served an old
result. An entry that cannot be read is ignored and rewritten; entries unused
for a month are removed. `--no-cache` or TTHC_NO_CACHE=1 turns the cache off.

Entries are MessagePack read back by msgspec into the type each kind of file
gives: a province's 300 plans come back in about 60 ms, where pickle took 150
(it rebuilds every keyword-only Struct through a Python call). Nothing in an
entry is ever executed, unlike a pickle.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import msgspec

from tthc_plan import __version__
from tthc_plan.core.text import visible_controls
from tthc_plan.i18n import _
from tthc_plan.store import collector
from tthc_plan.store.files import read_with_status

T = TypeVar("T")

SUFFIX = ".msgpack"
# Entries of earlier versions of tthc, left to be pruned.
_OLD_SUFFIXES = (".pickle",)

_enabled = os.environ.get("TTHC_NO_CACHE", "") not in {"1", "true", "yes"}


def disable() -> None:
    """Turn the cache off for this process (--no-cache)."""
    global _enabled  # noqa: PLW0603 - one switch for the process, set by the CLI
    _enabled = False


def folder() -> Path:
    """Return where cache entries live (TTHC_CACHE_DIR, else the platform's cache folder)."""
    return _folder(os.environ.get("TTHC_CACHE_DIR", ""))


@functools.cache  # asked once per file read: a province reads hundreds
def _folder(configured: str) -> Path:
    if configured:
        return Path(configured)
    return Path(user_cache_dir()) / "plans"


@functools.cache  # once per process and folder
def _usable(target: Path) -> bool:
    """Tell whether entries may be kept in `target`; say once on stderr why not.

    A folder that is a file, or (where the system has owners) that belongs to
    someone else or that others may write to, could hold entries planted by
    another user: the cache is left alone and every file read anew.
    """
    try:
        status = target.stat()
    except FileNotFoundError:
        return True  # made when the first entry is written
    except OSError:
        return False
    reason = None
    if not stat.S_ISDIR(status.st_mode):
        reason = _("không phải là thư mục")
    elif hasattr(os, "getuid") and status.st_uid != os.getuid():
        reason = _("thuộc về người dùng khác")
    elif hasattr(os, "getuid") and status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        reason = _("người khác cũng ghi được")
    if reason is None:
        return True
    message = _("Không dùng bộ nhớ đệm «{path}» ({reason}); các tệp được đọc lại từ đầu.")
    sys.stderr.write(visible_controls(message.format(path=target, reason=reason)) + "\n")
    return False


def _android() -> bool:
    return hasattr(sys, "getandroidapilevel") or "ANDROID_DATA" in os.environ


def user_cache_dir() -> str:
    """Return the user's cache folder for tthc, as platformdirs.user_cache_dir("tthc").

    On Linux, with $XDG_CACHE_HOME or $HOME an absolute path (the usual case),
    the XDG rule is applied here: importing platformdirs costs 11-14 ms, a
    tenth of a view of one plan (it brings tempfile and random along). In
    every other case platformdirs answers; a test checks both agree.
    """
    if sys.platform == "linux" and not _android():
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.path.isabs(xdg):
            return os.path.join(xdg, "tthc")
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return os.path.join(home, ".cache", "tthc")
    import platformdirs  # noqa: PLC0415 - only where the rule above does not apply

    return platformdirs.user_cache_dir("tthc")


def key(kind: str, data: bytes) -> str:
    """Return the entry name for `data`: what it is, and who reads it."""
    digest = _reader(code_version(), kind).copy()
    digest.update(data)
    return digest.hexdigest()


@functools.cache
def _reader(code: bytes, kind: str) -> hashlib._Hash:
    """Return the hash of who reads an entry: tthc's code and version, Python.

    Not the message language: problems are kept untranslated (core.problem.Message).
    """
    digest = hashlib.sha256(code)
    for part in (kind, __version__, sys.version):
        digest.update(part.encode("utf-8") + b"\0")
    return digest


@functools.cache
def code_version() -> bytes:
    """Return a fingerprint of tthc's modules as installed (name, size, time of each).

    Entries hold tthc's own objects: after any change to the code (an upgrade,
    a development checkout) they are not read back, even under the same version.
    """
    package = os.path.dirname(os.path.dirname(__file__))  # tthc_plan/: core holds the rules
    modules = []
    for folder, _folders, names in os.walk(package):  # os.walk: a third of rglob's time
        inside = os.path.relpath(folder, package)
        found = [name for name in names if name.endswith(".py")]
        modules += [(os.path.join(inside, name), folder, name) for name in found]
    digest = hashlib.sha256()
    for module, folder, name in sorted(modules):
        status = os.stat(os.path.join(folder, name))
        digest.update(f"{module}\0{status.st_size}\0{status.st_mtime_ns}\0".encode())
    return digest.digest()


class Codec(Generic[T]):
    """One kind of entry: its name (part of every key) and how it is written and read."""

    def __init__(
        self,
        name: str,
        kind: Any,  # noqa: ANN401 - a type or typing form
        check: Callable[[T], bool] | None = None,
    ) -> None:
        """Read entries back as `kind` (a Struct, or a tuple, list... of them).

        `check` says whether a value read back can be trusted: an entry is
        input like any file (another user, a copied folder), and one that
        fails is dropped and rebuilt.
        """
        self.name = name
        self._decoder: msgspec.msgpack.Decoder[T] = msgspec.msgpack.Decoder(kind)
        self._check = check

    def encode(self, value: T) -> bytes:
        """Return `value` as bytes."""
        return msgspec.msgpack.encode(value)

    def decode(self, data: bytes) -> T:
        """Return the value of `data`; raise msgspec.DecodeError if it is not a sound one."""
        value = self._decoder.decode(data)
        if self._check is not None and not self._check(value):
            raise msgspec.DecodeError("an entry that fails its check")
        return value


def load(name: str, codec: Codec[T]) -> T | None:
    """Return a stored value, or None (missing or unreadable: the entry is removed)."""
    path = os.path.join(folder(), name + SUFFIX)
    try:
        with open(path, "rb") as handle:  # plain os paths: hundreds of entries a run
            return codec.decode(handle.read())
    except FileNotFoundError:
        return None
    except (OSError, msgspec.DecodeError):  # a ValidationError is a DecodeError
        with contextlib.suppress(OSError):
            Path(path).unlink(missing_ok=True)
        return None


def store(name: str, value: T, codec: Codec[T]) -> None:
    """Keep a value for next time; a cache that cannot be written is no error."""
    import tempfile  # noqa: PLC0415 - only when an entry is written

    target = folder()
    final = target / (name + SUFFIX)
    partial: str | None = None
    try:
        target.mkdir(parents=True, exist_ok=True)
        # A new file of a random name, created exclusively: a link planted in a
        # shared folder under a guessable name is never written through.
        handle, partial = tempfile.mkstemp(prefix=name, suffix=".tmp", dir=target)
        with os.fdopen(handle, "wb") as out:
            out.write(codec.encode(value))
        os.replace(partial, final)
        _prune(target)
    except OSError:
        if partial is not None:
            with contextlib.suppress(OSError):
                os.unlink(partial)


# Each edit of a file leaves its older entries behind; they go after a month unused.
MAX_AGE_S = 30 * 24 * 3600
_pruned: set[Path] = set()


def _prune(target: Path) -> None:
    """Delete entries written more than MAX_AGE_S ago (a read does not renew them).

    Once per process and folder: a first run on a province stores hundreds of entries.
    """
    if target in _pruned:
        return
    _pruned.add(target)
    oldest = time.time() - MAX_AGE_S
    for suffix in (SUFFIX, *_OLD_SUFFIXES):
        for entry in target.glob("*" + suffix):
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < oldest:
                    entry.unlink()


def through(path: Path, compute: Callable[[bytes | None], T], codec: Codec[T]) -> T:
    """Return compute(the bytes of `path`), or what it returned before for the same bytes.

    The file is read once, here, and its bytes handed to `compute`: an entry is
    always keyed by exactly the content that was parsed, even if the file changes
    meanwhile. A file that cannot be read, or is too large to be a plan, gets
    compute(None) (it says what is wrong) and no entry; so does every file when
    the cache is off (the reader reads it itself). Copies of the same bytes
    share one entry: what `compute` returns must not depend on the file's place
    (callers give the problems found their own path).
    """
    read = _read(path) if enabled() else None
    if read is None:
        with collector.collecting():
            return compute(None)
    data, status = read
    name = key(codec.name, data)
    _read_as[os.fspath(path)] = Seen(name, _stamp(status, time.time_ns()))
    hit = load(name, codec)
    if hit is not None:
        return hit
    with collector.collecting():
        result = compute(data)
    store(name, result, codec)
    return result


def discard(path: Path, codec: Codec[Any]) -> None:
    """Remove the entry for the bytes of `path`: a part of it, decoded late, failed its check."""
    read = _read(path) if _enabled else None
    if read is not None:
        drop(key(codec.name, read[0]))


def drop(name: str) -> None:
    """Remove an entry (a part of it, decoded late, failed its check)."""
    with contextlib.suppress(OSError):
        os.unlink(os.path.join(folder(), name + SUFFIX))


def enabled() -> bool:
    """Tell whether entries are read and written in this run (on, and a folder of ours)."""
    return _enabled and _usable(folder())


# What stat says of a file or folder that a change to it would alter (Seen).
Stamp = tuple[int, int, int, int, int]


class Seen(msgspec.Struct, frozen=True, array_like=True):
    """A file as `through` read it: the entry for its bytes, and its stat then.

    `stamp` (size, modification and change times, file number, device) is
    None for a file changed in the last RECENT_NS before it was read: a
    later change could leave all five as they were only within the same tick
    of a coarse clock (FAT's is two seconds). Otherwise any change since the
    read gives another stamp, as git's index and mypy's cache rely on; not on
    Windows, where there is no change time (CHANGE_TIME). A network share
    mounted on Linux or macOS may show another machine's change only when
    its client refreshes what stat says (up to a minute for NFS).
    """

    entry: str
    stamp: Stamp | None


RECENT_NS = 3_000_000_000
# Whether stat's change time moves at every write, as on Linux and macOS. On Windows it
# is the file's creation time: a same-size edit that puts the old modification time
# back would leave a stamp as it was, so there every file is hashed, every folder listed.
CHANGE_TIME = sys.platform != "win32"


def _stamp(status: os.stat_result, now_ns: int) -> Stamp | None:
    """Return what stat says of a file that a change would alter; None if it changed lately
    or the system has no change time (CHANGE_TIME)."""
    if not CHANGE_TIME or now_ns - max(status.st_mtime_ns, status.st_ctime_ns) < RECENT_NS:
        return None
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev)


def stamp(path: Path) -> Stamp | None:
    """Return the stamp of `path` now (None: it cannot be seen, or changed lately).

    A folder's changes when an entry is added to it, removed or renamed in it.
    """
    try:
        status = os.stat(path)
    except OSError:
        return None
    return _stamp(status, time.time_ns())


# Each file `through` read in this run, by path: what a snapshot of several files
# (store/snapshot.py) was made from.
_read_as: dict[str, Seen] = {}


def read_as(path: Path) -> Seen | None:
    """Return the entry and stamp of the bytes of `path` that `through` read, if it did."""
    return _read_as.get(os.fspath(path))


def still(path: Path, kind: str, seen: Seen) -> Seen | None:
    """Return how `path` is seen now if it holds the bytes `seen` was read from (as
    entries of `kind`); None if it does not, or cannot be read.

    A file whose stat gives `seen`'s stamp again has not changed: only a file
    that does not is read and hashed (a province's 652 files: 2 ms instead of
    20), and what is returned then has the stamp of this reading.
    """
    if seen.stamp is not None:
        try:
            status = os.stat(path)
        except OSError:
            return None
        if stat.S_ISREG(status.st_mode) and _stamp(status, time.time_ns()) == seen.stamp:
            return seen
    read = _read(path)
    if read is None or key(kind, read[0]) != seen.entry:
        return None
    return Seen(seen.entry, _stamp(read[1], time.time_ns()))


def _read(path: Path) -> tuple[bytes, os.stat_result] | None:
    """Return the bytes of a regular file that can be a plan and its stat before they were
    read, or None (the reader says why)."""
    try:
        return read_with_status(path)
    except OSError:  # missing, unreadable, too large, not a regular file
        return None
