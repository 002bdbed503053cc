"""A workspace of several plans is read back from one cache entry, and never stale.

store/snapshot.py keeps what a workspace of two plan files or more loaded as
one entry (named after the plan files' places, one per workspace), used only
while every plan file and every progress file beside them holds the bytes it
was made of: the same stat as when it was read (a stamp, kept only for a file
not changed in the seconds before), or else the same hash. Each test compares
what the views say with what they say when every file is read anew, with no
snapshot (`_read_anew`); the first test also holds that to the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

import msgspec
import pytest

from tests.conftest import PLAN_2024, PROGRESS_2024, tthc
from tthc_plan.store import cache, snapshot
from tthc_plan.store.files import MAX_FILE_BYTES, read_with_status

PLAN_IDS = ("tinh-a-2024", "tinh-b-2024", "tinh-c-2024")
COMMANDS = (
    ["overdue", "--format", "json"],
    ["status", "--format", "json"],
    ["status", "--unit", "Xã Nhân Cơ", "--format", "json"],
    ["upcoming", "--within", "60", "--format", "json"],
    ["show", "II.4", "--plan-id", "tinh-b-2024"],
    ["targets", "--plan-id", "tinh-a-2024", "--format", "json"],
)


def _write_province(folder: Path) -> None:
    """Three copies of the 2024 plan (three ids), the first with a year of records."""
    folder.mkdir()
    text = PLAN_2024.read_text(encoding="utf-8")
    for plan_id in PLAN_IDS:
        plan = text.replace("id: dak-rlap-kstthc-2024", f"id: {plan_id}", 1)
        (folder / f"{plan_id}.yaml").write_text(plan, encoding="utf-8")
    shutil.copytree(PROGRESS_2024, folder / "progress" / PLAN_IDS[0])


@pytest.fixture(scope="module")
def read_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder with the entries of the province's plans and records, made once.

    Reading the three plans anew was most of each test's time. Entries are
    named by the bytes they were read from, not by place: each test's copy
    of the province finds them. The template's own snapshot is left out.
    """
    root = tmp_path_factory.mktemp("read-once")
    entries = root / "cache"
    # This run's folder: each worker's own under `pytest -n`, their common parent.
    run = tmp_path_factory.getbasetemp()
    SHARED[:] = [run.parent if os.environ.get("PYTEST_XDIST_WORKER") else run]
    with pytest.MonkeyPatch.context() as patch:
        _write_province(root / "plans")
        patch.chdir(root)
        patch.setenv("TTHC_TODAY", "2024-06-20")
        patch.setenv("TTHC_CACHE_DIR", str(entries))
        patch.setattr(cache, "_enabled", True)
        _answers()
        for path in _snapshots(entries):
            path.unlink()
    return entries


@pytest.fixture
def province(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, read_once: Path) -> Path:
    """Three copies of the 2024 plan (three ids), the first with a year of records; a
    cache of its own that has already read each file once, and no snapshot yet."""
    folder = tmp_path / "plans"
    _write_province(folder)
    shutil.copytree(read_once, tmp_path / "cache")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TTHC_TODAY", "2024-06-20")
    monkeypatch.setenv("TTHC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_enabled", True)
    return folder


def _answers() -> list[tuple[int, str, str]]:
    found = []
    for command in COMMANDS:
        done = tthc(*command)
        found.append((done.exit_code, done.stdout, done.stderr))
    return found


# What the views say, by the province's files: the same files give the same answers
# (they name files by their place under the test's folder). Kept in this process,
# and in a folder of this run that every worker of `pytest -n` shares (SHARED).
_ANSWERS: dict[str, list[tuple[int, str, str]]] = {}
SHARED: list[Path] = []  # set by the `read_once` fixture


def _kept(kind: str, work: Callable[[], list[tuple[int, str, str]]]) -> list[tuple[int, str, str]]:
    """Return work(), or what it answered before for the same files and day."""
    files = sorted(p for p in Path("plans").rglob("*") if p.is_file())
    digest = hashlib.sha256(f"{kind}\0{os.environ['TTHC_TODAY']}".encode())
    for path in files:
        digest.update(f"{path.as_posix()}\0".encode() + path.read_bytes() + b"\0")
    name = digest.hexdigest()
    known = _ANSWERS.get(name)
    kept = SHARED[0] / f"{name}.json"
    if known is None and kept.is_file():
        known = [(code, out, err) for code, out, err in json.loads(kept.read_text("utf-8"))]
    if known is not None:
        _ANSWERS[name] = known
        return known
    found = _ANSWERS[name] = work()
    partial = kept.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(found, ensure_ascii=False), "utf-8")
    partial.replace(kept)  # whole or not there, for the other worker
    return found


def _without_cache() -> list[tuple[int, str, str]]:
    """What the views say with the cache off: every file parsed by each command."""

    def work() -> list[tuple[int, str, str]]:
        cache.disable()
        try:
            return _answers()
        finally:
            cache._enabled = True

    return _kept("without cache", work)


def _read_anew() -> list[tuple[int, str, str]]:
    """What the views say with no snapshot: each file read through its own entry, named
    by its bytes (a file changed since is parsed anew, as with the cache off; the first
    test holds the two equal). A sixth of the cache-off answers' time."""

    def work() -> list[tuple[int, str, str]]:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(snapshot, "load", lambda _paths: None)
            patch.setattr(snapshot, "save", lambda _loaded: None)
            patch.setenv("TTHC_CACHE_DIR", str(SHARED[0] / "entries"))
            return _answers()

    return _kept("anew", work)


def _snapshots(cache_folder: Path) -> list[Path]:
    found = []
    for path in cache_folder.glob("*" + cache.SUFFIX):
        data = msgspec.msgpack.decode(path.read_bytes())
        # One part a plan: [its entry, outline, registry, timeframes, assigned, logs, ...]
        if isinstance(data, list) and data and all(_a_part(part) for part in data):
            found.append(path)
    return found


def _a_part(part: object) -> bool:
    # its first field: the plan file as read, [its entry, its stamp]
    return isinstance(part, list) and len(part) == 9 and isinstance(part[0], list)


def _loaded_from_snapshot(province: Path) -> bool:
    paths = sorted(province.glob("*.yaml"))
    return snapshot.load(paths) is not None


@pytest.mark.untraced
def test_a_second_run_reads_the_snapshot_and_answers_the_same(province: Path) -> None:
    expected = _without_cache()
    assert _read_anew() == expected
    assert _answers() == expected  # plans one by one; the snapshot is written
    assert _loaded_from_snapshot(province)
    assert _answers() == expected  # from the snapshot
    assert len(_snapshots(province.parent / "cache")) == 1


CHANGES = (
    "a plan edited",
    "a plan rewritten with the same size and time",
    "a record edited",
    "a record file added",
    "a record file added beside others",
    "a record file removed",
    "a measured target added",
)


def _both_ways() -> Sequence[object]:
    """Each change seen by hash and by stamp; `make check` tries each one way, by hash
    and by stamp in turn (a sampled matrix, as TESTING.md says), `make test` both."""
    cases = []
    for index, change in enumerate(CHANGES):
        for stamped in (False, True):
            sampled = stamped == bool(index % 2)
            way = "stamped" if stamped else "hashed"
            marks = () if sampled else pytest.mark.slow
            cases.append(pytest.param(change, stamped, id=f"{way}-{change}", marks=marks))
    return cases


@pytest.mark.parametrize(("change", "stamped"), _both_ways())
def test_a_change_to_any_file_is_seen(
    province: Path, change: str, stamped: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if stamped:  # files written a moment ago get a stamp too: a change is seen by stat alone
        monkeypatch.setattr(cache, "RECENT_NS", 0)
    _answers()  # the snapshot is written
    assert _loaded_from_snapshot(province)
    progress = province / "progress" / PLAN_IDS[0]
    plan = province / f"{PLAN_IDS[1]}.yaml"
    stat = plan.stat()
    match change:
        case "a plan edited":
            plan.write_text(
                plan.read_text("utf-8").replace("Tháng 8/2024", "Tháng 5/2024"), "utf-8"
            )
        case "a plan rewritten with the same size and time":
            text = plan.read_text("utf-8").replace("Tháng 8/2024", "Tháng 5/2024")
            plan.write_text(text, "utf-8")
            os.utime(plan, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        case "a record edited":
            log = progress / "xa-nhan-co.yaml"
            log.write_text(log.read_text("utf-8").replace("2024-01-08", "2024-01-09"), "utf-8")
        case "a record file added":
            added = province / "progress" / PLAN_IDS[2] / "xa-nhan-co.yaml"
            added.parent.mkdir()
            added.write_text("- task: II.1\n  date: 2024-01-08\n", "utf-8")
        case "a record file added beside others":
            (progress / "thanh-tra-huyen.yaml").write_text(
                "- task: VI.2\n  date: 2024-03-08\n", "utf-8"
            )
        case "a record file removed":
            (progress / "xa-nhan-co.yaml").unlink()
        case "a measured target added":
            (progress / "_targets.yaml").write_text(
                "- target: so-hoa-mot-cua\n  period: 2024-Q1\n  value: 96.5\n  date: 2024-04-05\n",
                "utf-8",
            )
    assert not _loaded_from_snapshot(province)
    expected = _read_anew()
    assert _answers() == expected  # plans one by one, the snapshot written anew
    assert _loaded_from_snapshot(province)
    assert _answers() == expected
    assert len(_snapshots(province.parent / "cache")) == 1  # rewritten, not piled up


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the files the cache reads from now on."""
    read: list[str] = []
    real = read_with_status

    def counted(path: Path | str, limit: int = MAX_FILE_BYTES) -> tuple[bytes, os.stat_result]:
        read.append(os.fspath(path))
        return real(path, limit)

    monkeypatch.setattr(cache, "read_with_status", counted)
    return read


def test_files_not_changed_since_they_were_read_are_not_read_again(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = sorted(province.glob("*.yaml"))
    files = [*paths, *sorted((province / "progress" / PLAN_IDS[0]).glob("*.yaml"))]
    _answers()  # the snapshot is written
    read = _reads(monkeypatch)
    assert snapshot.load(paths) is not None
    # written a moment ago: no stamp yet, each file is read and hashed
    assert sorted(read) == sorted(map(os.fspath, files))
    monkeypatch.setattr(cache, "RECENT_NS", 0)  # as if the files were older
    read.clear()
    assert snapshot.load(paths) is not None  # hashed once more, the stamps kept
    assert len(read) == len(files)
    read.clear()
    assert snapshot.load(paths) is not None
    assert read == []  # stat alone
    os.utime(paths[1])  # touched: read and hashed, the same bytes
    assert snapshot.load(paths) is not None
    assert read == [os.fspath(paths[1])]
    read.clear()
    assert snapshot.load(paths) is not None
    assert read == []
    assert _answers() == _read_anew()


def test_where_stat_has_no_change_time_every_file_is_read(
    province: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "CHANGE_TIME", False)  # Windows: st_ctime is the creation time
    monkeypatch.setattr(cache, "RECENT_NS", 0)
    paths = sorted(province.glob("*.yaml"))
    files = [*paths, *sorted((province / "progress" / PLAN_IDS[0]).glob("*.yaml"))]
    _answers()
    read = _reads(monkeypatch)
    for _run in range(2):
        read.clear()
        assert snapshot.load(paths) is not None
        assert sorted(read) == sorted(map(os.fspath, files))
    log = province / "progress" / PLAN_IDS[0] / "xa-nhan-co.yaml"
    before = log.stat()
    log.write_text(log.read_text("utf-8").replace("2024-01-08", "2024-01-09"), "utf-8")
    os.utime(log, ns=(before.st_atime_ns, before.st_mtime_ns))  # size and time as they were
    assert not _loaded_from_snapshot(province)
    assert _answers() == _read_anew()


def _tamper(province: Path, change: str) -> None:
    (entry,) = _snapshots(province.parent / "cache")
    parts = msgspec.msgpack.decode(entry.read_bytes())
    # A plan's part: [seen, outline, registry, timeframes, assigned, listed, logs, targets,
    # measured]
    outline, assigned = parts[1][1], parts[1][4]
    match change:
        case "a plan id that leaves the folder":
            outline["plan"]["id"] = "../../x"
        case "an assignment naming another unit":
            assigned[0][assigned[2][0][2]] = ["khong-co"]
        case "a task left out":
            assigned[2].pop()
        case "a plan of another file":
            parts[1][0] = parts[2][0]
        case "a record file outside its folder":  # named as its bytes hash: read, not listed
            outside = province / f"{PLAN_IDS[1]}.yaml"
            hashed = cache.key("ProgressRecord", outside.read_bytes())
            parts[0][6][0][:2] = [f"../../{outside.name}", [hashed, None]]
        case "a record file name with a null byte":
            parts[0][6][0][0] = "xa\0.yaml"
        case "a record of another file":
            parts[0][6][0][1] = parts[0][6][1][1]
        case "not an entry at all":
            parts = "không phải"
    entry.write_bytes(msgspec.msgpack.encode(parts))


@pytest.mark.parametrize(
    "change",
    [
        "a plan id that leaves the folder",
        "an assignment naming another unit",
        "a task left out",
        "a plan of another file",
        "a record file outside its folder",
        "a record file name with a null byte",
        "a record of another file",
        "not an entry at all",
    ],
)
def test_a_snapshot_rewritten_by_someone_else_is_not_used(
    province: Path, change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file and folder stamped: the snapshot's names of files are not listed again.
    monkeypatch.setattr(cache, "RECENT_NS", 0)
    expected = _read_anew()
    _answers()
    assert _loaded_from_snapshot(province)
    _tamper(province, change)
    assert not _loaded_from_snapshot(province)
    assert _answers() == expected
    assert not (province.parent / "x").exists()


def test_a_task_of_a_snapshot_that_does_not_read_back_is_read_from_its_plan(
    province: Path,
) -> None:
    expected = _read_anew()
    _answers()
    (entry,) = _snapshots(province.parent / "cache")
    parts = msgspec.msgpack.decode(entry.read_bytes())
    for part in parts:
        for section in part[1]["sections"]:
            for task in section["tasks"]:
                task["title"] = 12  # no task decodes
    entry.write_bytes(msgspec.msgpack.encode(parts))
    assert _loaded_from_snapshot(province)  # what it gives at once is sound
    assert tthc(*COMMANDS[0]).stdout == expected[0][1]
    assert not entry.exists()  # dropped: the next run writes it anew
    assert _answers() == expected


def test_one_plan_has_no_snapshot(province: Path) -> None:
    for plan_id in PLAN_IDS[1:]:
        (province / f"{plan_id}.yaml").unlink()
    _answers()
    assert _snapshots(province.parent / "cache") == []
