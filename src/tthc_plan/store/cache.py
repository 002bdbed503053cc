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
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import msgspec

from tthc_plan import __version__
from tthc_plan.store import collector
from tthc_plan.store.files import MAX_FILE_BYTES

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
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        stat = path.stat()
        digest.update(f"{path.relative_to(package)}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.digest()


class Codec(Generic[T]):
    """One kind of entry: its name (part of every key) and how it is written and read."""

    def __init__(self, name: str, kind: Any) -> None:  # noqa: ANN401 - a type or typing form
        """Read entries back as `kind` (a Struct, or a tuple, list... of them)."""
        self.name = name
        self._decoder: msgspec.msgpack.Decoder[T] = msgspec.msgpack.Decoder(kind)

    def encode(self, value: T) -> bytes:
        """Return `value` as bytes."""
        return msgspec.msgpack.encode(value)

    def decode(self, data: bytes) -> T:
        """Return the value of `data`; raise msgspec.DecodeError or ValidationError if not one."""
        return self._decoder.decode(data)


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
    target = folder()
    final = target / (name + SUFFIX)
    partial = target / f"{name}.{os.getpid()}.tmp"  # renamed into place when whole
    try:
        target.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(codec.encode(value))
        os.replace(partial, final)
        _prune(target)
    except OSError:
        partial.unlink(missing_ok=True)
        return


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
    data = _read(path) if _enabled else None
    if data is None:
        with collector.collecting():
            return compute(None)
    name = key(codec.name, data)
    hit = load(name, codec)
    if hit is not None:
        return hit
    with collector.collecting():
        result = compute(data)
    store(name, result, codec)
    return result


def _read(path: Path) -> bytes | None:
    """Return the bytes of a file that can be a plan, or None."""
    try:
        with open(path, "rb") as handle:  # one open, one fstat: hundreds of files a run
            size = os.fstat(handle.fileno()).st_size
            return handle.read() if size <= MAX_FILE_BYTES else None
    except OSError:
        return None
