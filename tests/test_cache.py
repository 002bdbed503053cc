"""The cache of checked plans never serves stale data."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import msgspec
import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN_2024, PlanCopy, TthcRunner, tthc
from tthc_plan.cli import app
from tthc_plan.core.schedule import build_items
from tthc_plan.core.timeframe import Timeframe, parse_timeframe
from tthc_plan.core.timeframe.grammar import EXAMPLES
from tthc_plan.errors import FileError
from tthc_plan.store import cache, loader, plans
from tthc_plan.store.loader import load_plan_file

PROGRESS = Path("plans") / "progress" / "dak-rlap-kstthc-2024"


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Count the real loads of plan files, in a cache of this test's own."""
    monkeypatch.setenv("TTHC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_enabled", True)
    seen: list[str] = []

    def counting(path: Path, data: bytes | None = None) -> object:
        seen.append(path.name)
        return load_plan_file(path, data)

    monkeypatch.setattr(loader, "load_plan_file", counting)
    return seen


def _entries(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("*" + cache.SUFFIX))


def _copy(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "2024.yaml"
    shutil.copy(PLAN_2024, target)
    return target


def test_unchanged_file_is_read_once(calls: list[str], tmp_path: Path) -> None:
    path = _copy(tmp_path / "plans")
    first = plans.load_valid_plan(path)
    second = plans.load_valid_plan(path)
    assert calls == ["2024.yaml"]
    assert second == first
    assert len(_entries(tmp_path)) == 1


def test_an_edit_is_seen(calls: list[str], tmp_path: Path) -> None:
    path = _copy(tmp_path / "plans")
    plans.load_valid_plan(path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("timeframe: Tháng 8/2024", "timeframe: mai mốt"),
        encoding="utf-8",
    )
    with pytest.raises(plans.PlanInvalidError):
        plans.load_valid_plan(path)
    assert calls == ["2024.yaml", "2024.yaml"]


def test_same_size_and_same_mtime_is_still_seen(calls: list[str], tmp_path: Path) -> None:
    path = _copy(tmp_path / "plans")
    stat = path.stat()
    plans.load_valid_plan(path)
    text = path.read_text(encoding="utf-8")
    changed = text.replace("Tháng 7/2024", "Tháng 9/2024")  # same length
    assert len(changed.encode()) == len(text.encode())
    path.write_text(changed, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    plan = plans.load_valid_plan(path)
    assert next(t for t in plan.tasks() if t.id == "II.4").timeframe == "Tháng 9/2024"


def test_switching_git_branch_is_seen(calls: list[str], tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    path = _copy(repo / "plans")

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
            cwd=repo, check=True, capture_output=True,
        )  # fmt: skip

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "2024")
    git("checkout", "-q", "-b", "sua")
    path.write_text(path.read_text("utf-8").replace("Tháng 8/2024", "Tháng 10/2024"), "utf-8")
    git("commit", "-q", "-am", "sửa")
    on_branch = plans.load_valid_plan(path)
    git("checkout", "-q", "main")
    on_main = plans.load_valid_plan(path)
    ii5 = [next(t for t in p.tasks() if t.id == "II.5").timeframe for p in (on_branch, on_main)]
    assert ii5 == ["Tháng 10/2024", "Tháng 8/2024"]


def test_corrupt_or_foreign_entries_are_rebuilt(calls: list[str], tmp_path: Path) -> None:
    path = _copy(tmp_path / "plans")
    plans.load_valid_plan(path)
    (entry,) = _entries(tmp_path)
    entry.write_bytes(b"not an entry at all")
    assert plans.load_valid_plan(path).plan.id == "dak-rlap-kstthc-2024"
    foreign = msgspec.msgpack.encode({"plan": "of another program"})  # well formed, not ours
    entry.write_bytes(foreign)
    assert plans.load_valid_plan(path).plan.id == "dak-rlap-kstthc-2024"
    assert calls == ["2024.yaml", "2024.yaml", "2024.yaml"]
    assert entry.read_bytes() not in {b"not an entry at all", foreign}
    assert plans.load_valid_plan(path).plan.id == "dak-rlap-kstthc-2024"
    assert len(calls) == 3  # the rewritten entry is read back


def test_no_cache_option(calls: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _copy(tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    runner = TthcRunner()
    assert runner.invoke(app, ["--no-cache", "validate"]).exit_code == 0
    assert runner.invoke(app, ["--no-cache", "validate"]).exit_code == 0
    assert calls == ["2024.yaml", "2024.yaml"]
    assert not (tmp_path / "cache").exists()


def test_messages_follow_the_language(calls: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    shutil.copy(Path(__file__).parent / "data" / "broken.yaml", broken)
    runner = TthcRunner()
    vi = runner.invoke(app, ["validate", "-f", "concise", str(broken)]).stdout
    en = runner.invoke(app, ["--lang", "en", "validate", "-f", "concise", str(broken)]).stdout
    assert "Múi giờ «Asia/Ha_Noi» không tồn tại." in vi
    assert "Time zone «Asia/Ha_Noi» does not exist." in en
    # One entry serves both languages: problems are translated when shown.
    assert calls == ["broken.yaml"]
    assert len(_entries(tmp_path)) == 1


def _overdue_ii1(runner: CliRunner) -> list[str]:
    result = runner.invoke(app, ["overdue", "--today", "2024-01-12", "--format", "json"])
    assert result.exit_code == 0, result.output
    return sorted(i["unit_id"] for i in json.loads(result.stdout)["items"] if i["task"] == "II.1")


def test_a_progress_edit_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTHC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_enabled", True)
    _copy(tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    log = tmp_path / "plans" / "progress" / "dak-rlap-kstthc-2024" / "xa-nhan-co.yaml"
    log.parent.mkdir(parents=True)
    log.write_text("- task: II.3\n  date: 2024-01-08\n", encoding="utf-8")
    stat = log.stat()
    runner = TthcRunner()
    assert "xa-nhan-co" in _overdue_ii1(runner)
    log.write_text("- task: II.1\n  date: 2024-01-08\n", encoding="utf-8")  # same size
    os.utime(log, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and same time
    assert "xa-nhan-co" not in _overdue_ii1(runner)
    assert len(_overdue_ii1(runner)) == 20  # the 20 other units (issue 4's scenario)
    assert len(_entries(tmp_path)) == 3  # plan + two log contents


@pytest.mark.slow  # fresh interpreters: what a process imports
def test_a_read_from_the_cache_imports_no_parser_and_parses_nothing(tmp_path: Path) -> None:
    """The point of caching plain data: a view served from the cache starts fast."""
    _copy(tmp_path / "plans")
    env = os.environ | {"TTHC_CACHE_DIR": str(tmp_path / "cache"), "TTHC_TODAY": "2024-01-12"}
    env.pop("TTHC_NO_CACHE", None)
    script = (  # main() ends the process: what it did is told by an exit handler
        "import atexit, sys\n"
        "from tthc_plan.core import plan_time\n"
        "heavy = {'pydantic', 'pydantic_core', 'ruamel', 'rich'}\n"
        "parsed = []\n"
        "real_parse = plan_time.parse_timeframe\n"
        "def counting(text, **options):\n"
        "    parsed.append(text)\n"
        "    return real_parse(text, **options)\n"
        "plan_time.parse_timeframe = counting\n"
        "def report():\n"
        "    used = sorted({m.split('.')[0] for m in sys.modules} & heavy)\n"
        "    print(used, len(parsed), file=sys.stderr)\n"
        "atexit.register(report)\n"
        "from tthc_plan.cli import main\n"
        "sys.argv = ['tthc', *sys.argv[1:]]\n"
        "main()\n"
    )

    def loaded(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        return done.stderr.strip().splitlines()[-1]

    # The first run is a miss: it parses the file and its 15 timeframe phrases.
    assert loaded("overdue") == "['pydantic', 'pydantic_core', 'ruamel'] 15"
    commands = (["overdue"], ["status"], ["validate"], ["show", "II.1"], ["upcoming"])
    for command in (*commands, ["timeframes"], ["targets"], ["units"]):
        assert loaded(*command) == "[] 0", command  # nothing parsed, not even a timeframe


def test_entries_unused_for_a_month_are_removed(calls: list[str], tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    old = folder / "0123.msgpack"
    old.write_bytes(b"an entry of a plan edited long ago")
    older_kind = folder / "89ab.pickle"  # tthc before its entries were MessagePack
    older_kind.write_bytes(b"an entry of an older tthc")
    recent = folder / "4567.msgpack"
    recent.write_bytes(b"an entry of last week")
    notes = folder / "ghi-chu.txt"  # TTHC_CACHE_DIR may be any folder: only entries go
    notes.write_text("not an entry", encoding="utf-8")
    now = time.time()
    for path in (old, older_kind, notes):
        os.utime(path, (now - 31 * 24 * 3600, now - 31 * 24 * 3600))
    os.utime(recent, (now - 7 * 24 * 3600, now - 7 * 24 * 3600))
    plans.load_valid_plan(_copy(tmp_path / "plans"))  # a miss: stores, then prunes
    assert not old.exists()
    assert not older_kind.exists()
    assert recent.exists()
    assert notes.exists()
    assert len(_entries(tmp_path)) == 2


def test_a_change_to_tthc_itself_is_a_miss(
    calls: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries hold tthc's own classes: another build of tthc must not read them back."""
    path = _copy(tmp_path / "plans")
    plans.load_valid_plan(path)
    plans.load_valid_plan(path)
    monkeypatch.setattr(cache, "code_version", lambda: b"another build")
    plans.load_valid_plan(path)
    assert calls == ["2024.yaml", "2024.yaml"]


def test_code_version_follows_the_modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Laid out as installed: the cache in store/, the rules it keeps results of in core/.
    package = tmp_path / "tthc_plan"
    (package / "store").mkdir(parents=True)
    (package / "core").mkdir()
    (package / "store" / "cache.py").write_text("x = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "__file__", str(package / "store" / "cache.py"))
    cache.code_version.cache_clear()
    before = cache.code_version()
    (package / "core" / "model.py").write_text("y = 2\n", encoding="utf-8")
    cache.code_version.cache_clear()
    assert cache.code_version() != before
    cache.code_version.cache_clear()


def test_a_plan_from_the_cache_brings_its_cells_and_phrases_already_read(
    calls: list[str], tmp_path: Path
) -> None:
    path = _copy(tmp_path / "plans")
    fresh = plans.load_valid(path)  # checked and stored: the check reads every cell
    cached = plans.load_valid(path)
    assert calls == ["2024.yaml"]
    cells = {c for task in cached.plan.tasks() for c in _cells(task.lead) + _cells(task.support)}
    assert set(cached.registry.work().cells) == cells
    assert cached.registry.work() == fresh.registry.work()
    assert cached.times.read() == fresh.times.read()
    assert len(cached.times.read()) == 15  # every phrase of the plan, read at the check
    assert cached.assigned == fresh.assigned  # each task's slots and units
    plan = cached.plan
    items = build_items(
        plan.plan.id, plan.units, plan.tasks(), cached.assigned, today=date(2024, 1, 12)
    )
    assert len(items) == 689
    assert {"xa-nhan-co", "thanh-tra-huyen", "vp-hdnd-ubnd"} <= {item.unit.id for item in items}


def _cells(value: str | list[str] | None) -> list[str]:
    return [value] if isinstance(value, str) else list(value or [])


@pytest.mark.parametrize(
    "env",
    [
        {"HOME": "/home/cb"},
        {"HOME": "/home/cb/"},
        {"HOME": "/"},
        {"HOME": "/home/cb", "XDG_CACHE_HOME": "/srv/bo-nho-dem"},
        {"HOME": "/home/cb", "XDG_CACHE_HOME": ""},
        {"HOME": "/home/cb", "XDG_CACHE_HOME": "tuong-doi"},  # relative: not used
        {"HOME": "tuong-doi"},  # relative HOME: platformdirs decides
        {},
    ],
)
def test_the_cache_folder_is_where_platformdirs_puts_it(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import platformdirs  # noqa: PLC0415 - the reference answer

    for name in ("HOME", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cache.user_cache_dir() == platformdirs.user_cache_dir("tthc")


def test_timeframes_come_back_from_the_cache_as_parsed() -> None:
    """Every kind of timeframe part (one phrase per grammar rule) reads back the same."""
    timeframes = {text: parse_timeframe(text, year=2024) for text in EXAMPLES}
    kinds = {type(part).__name__ for t in timeframes.values() for part in t.parts}
    assert kinds == {
        "AfterEvent", "Deadline", "OnRequest", "Ongoing", "PerReference", "Recurring", "Window"
    }  # fmt: skip
    codec = cache.Codec[dict[str, Timeframe]]("timeframes", dict[str, Timeframe])
    assert codec.decode(codec.encode(timeframes)) == timeframes


def test_a_cached_plan_brings_its_timeframes(calls: list[str], tmp_path: Path) -> None:
    path = _copy(tmp_path / "plans")
    plan = plans.load_valid_plan(path)
    (entry,) = _entries(tmp_path)
    checked = plans._CHECKED.decode(entry.read_bytes())
    year = plan.plan.year
    assert plans._phrases().decode(checked.timeframes) == {
        task.timeframe: parse_timeframe(task.timeframe, year=year) for task in plan.tasks()
    }


def _plan_entry(folder: Path) -> Path:
    """Return the folder entry of the plan file (a checked plan, its registry, its phrases)."""
    entries = []
    for path in folder.glob("*.msgpack"):
        data = msgspec.msgpack.decode(path.read_bytes())
        if isinstance(data, list) and data and isinstance(data[0], dict) and "plan" in data[0]:
            entries.append(path)
    assert len(entries) == 1
    return entries[0]


def test_a_rewritten_cache_entry_is_dropped_and_rebuilt(plan_copy_with: PlanCopy) -> None:
    copy = plan_copy_with(today="2024-01-12")
    folder = copy / "cache"
    assert tthc("validate", env={"TTHC_CACHE_DIR": str(folder)}).exit_code == 0
    entry = _plan_entry(folder)
    data = msgspec.msgpack.decode(entry.read_bytes())
    data[0]["plan"]["id"] = "../../x"  # the plan id names the progress folder
    entry.write_bytes(msgspec.msgpack.encode(data))
    done = tthc("done", "II.2", "--date", "2024-01-10", env={"TTHC_CACHE_DIR": str(folder)})
    assert done.exit_code == 0, done.stderr
    assert (copy / PROGRESS / "vp-hdnd-ubnd.yaml").is_file()
    assert not (copy.parent / "x").exists()
    data = msgspec.msgpack.decode(_plan_entry(folder).read_bytes())
    assert data[0]["plan"]["id"] == "dak-rlap-kstthc-2024"  # rebuilt from the file


def test_a_cache_entry_naming_an_unknown_unit_is_dropped(plan_copy_with: PlanCopy) -> None:
    copy = plan_copy_with(today="2024-01-12")
    folder = copy / "cache"
    assert tthc("validate", env={"TTHC_CACHE_DIR": str(folder)}).exit_code == 0
    entry = _plan_entry(folder)
    data = msgspec.msgpack.decode(entry.read_bytes())
    registry = data[2]
    key = next(iter(registry[0]))
    registry[0][key] = ["khong-co"]
    entry.write_bytes(msgspec.msgpack.encode(data))
    for _ in range(2):
        done = tthc("overdue", env={"TTHC_CACHE_DIR": str(folder)})
        assert done.exit_code == 0, done.stderr
        assert "Việc quá hạn" in done.stdout


@pytest.mark.parametrize("part", ["registry", "timeframes"])
def test_a_part_decoded_late_that_fails_is_worked_out_again(
    plan_copy_with: PlanCopy, part: str
) -> None:
    """The registry and the phrases are decoded only for the commands that need them
    (here --unit, and show): a part that names units the plan does not have, or does
    not decode, is worked out again from the plan, and the entry dropped."""
    copy = plan_copy_with(today="2024-01-12")
    env = {"TTHC_CACHE_DIR": str(copy / "cache")}
    command = ["status", "--unit", "Xã Nhân Cơ"] if part == "registry" else ["show", "II.1"]
    expected = tthc(*command, "--format", "json", env=env).stdout
    entry = _plan_entry(copy / "cache")
    data = msgspec.msgpack.decode(entry.read_bytes())
    if part == "registry":
        data[2][0] = {key: ["khong-co"] for key in data[2][0]}  # every name: another unit
    else:
        data[3] = {"Tháng 7/2024": "không phải một thời hạn"}
    entry.write_bytes(msgspec.msgpack.encode(data))
    done = tthc(*command, "--format", "json", env=env)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == expected
    assert not entry.exists()  # dropped: the next run writes it anew
    assert tthc(*command, "--format", "json", env=env).stdout == expected
    assert entry.exists()


@pytest.mark.parametrize(
    "change", ["unknown unit", "a task left out", "a list that is not there", "a negative place"]
)
def test_a_cache_entry_with_assignments_not_of_its_plan_is_dropped(
    plan_copy_with: PlanCopy, change: str
) -> None:
    """Each task's slots and units (an entry's fifth part) must be those of its tasks."""
    copy = plan_copy_with(today="2024-01-12")
    env = {"TTHC_CACHE_DIR": str(copy / "cache")}
    expected = tthc("overdue", "--format", "json", env=env).stdout
    entry = _plan_entry(copy / "cache")
    data = msgspec.msgpack.decode(entry.read_bytes())
    units, _slots, tasks = assigned = data[4]  # tasks: [id, slots, lead, support, named lead]
    match change:
        case "unknown unit":
            units[tasks[0][2]] = ["khong-co"]
        case "a task left out":
            tasks.pop()
        case "a list that is not there":
            tasks[0][2] = len(units)
        case "a negative place":
            tasks[0][2] = -1
    entry.write_bytes(msgspec.msgpack.encode(data))
    for _ in range(2):
        done = tthc("overdue", "--format", "json", env=env)
        assert done.exit_code == 0, done.stderr
        assert done.stdout == expected
    assert msgspec.msgpack.decode(entry.read_bytes())[4] != assigned  # rebuilt


@pytest.mark.parametrize("change", ["a task that does not decode", "a task of another id"])
def test_a_task_read_late_that_fails_is_read_from_the_plan_checked_again(
    plan_copy_with: PlanCopy, change: str
) -> None:
    """A view reads a task from the entry only when it has an item: a task that does not
    read back then is taken from the plan checked again from its file."""
    copy = plan_copy_with(today="2024-01-12")
    env = {"TTHC_CACHE_DIR": str(copy / "cache")}
    expected = tthc("overdue", "--format", "json", env=env).stdout
    entry = _plan_entry(copy / "cache")
    data = msgspec.msgpack.decode(entry.read_bytes())
    task = data[0]["sections"][1]["tasks"][0]  # II.1: overdue on 12/01/2024
    if change == "a task that does not decode":
        task["title"] = 12
    else:
        task["id"] = "II.9"
    entry.write_bytes(msgspec.msgpack.encode(data))
    done = tthc("overdue", "--format", "json", env=env)
    assert done.exit_code == 0, done.stderr
    assert done.stdout == expected
    assert not entry.exists()  # dropped: the next run writes it anew


def test_a_plan_changed_while_a_broken_entry_is_read_is_said(tmp_path: Path) -> None:
    path = _copy(tmp_path / "plans")
    checked = plans.load_valid(path)
    checked._plan = msgspec.Raw(b"\xc1")  # the entry's plan does not read back
    path.write_text(path.read_text("utf-8").replace("Tháng 8/2024", "Tháng 9/2024"), "utf-8")
    with pytest.raises(FileError, match="đã thay đổi trong lúc đọc; chạy lại lệnh"):
        _ = checked.plan


def test_a_link_at_the_old_temporary_name_is_not_written_through(
    plan_copy_with: PlanCopy, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = plan_copy_with(today="2024-01-12")
    folder = copy / "cache"
    folder.mkdir()
    victim = copy / "victim.txt"
    victim.write_text("nguyên vẹn", encoding="utf-8")
    monkeypatch.setenv("TTHC_CACHE_DIR", str(folder))
    name = "0" * 64
    (folder / f"{name}.{os.getpid()}.tmp").symlink_to(victim)
    cache.store(name, ["một"], cache.Codec[list[str]]("words", list[str]))
    assert victim.read_text(encoding="utf-8") == "nguyên vẹn"
    assert cache.load(name, cache.Codec[list[str]]("words", list[str])) == ["một"]


def test_a_cache_folder_others_may_write_is_not_used(plan_copy_with: PlanCopy) -> None:
    copy = plan_copy_with(today="2024-01-12")
    folder = copy / "cache"
    folder.mkdir()
    folder.chmod(folder.stat().st_mode | stat.S_IWOTH)
    done = tthc("overdue", env={"TTHC_CACHE_DIR": str(folder)})
    assert done.exit_code == 0
    assert done.stderr == (
        f"Không dùng bộ nhớ đệm «{folder}» (người khác cũng ghi được); "
        "các tệp được đọc lại từ đầu.\n"
    )
    assert list(folder.iterdir()) == []


def test_a_cache_folder_that_is_a_file_is_no_error(plan_copy_with: PlanCopy) -> None:
    copy = plan_copy_with(today="2024-01-12")
    folder = copy / "cache"
    folder.write_text("không phải thư mục", encoding="utf-8")
    done = tthc("overdue", env={"TTHC_CACHE_DIR": str(folder)})
    assert done.exit_code == 0
    assert done.stderr == (
        f"Không dùng bộ nhớ đệm «{folder}» (không phải là thư mục); các tệp được đọc lại từ đầu.\n"
    )
