"""The cache of checked plans never serves stale data."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import PLAN_2024
from tthc_plan import cache, plans
from tthc_plan.cli import app
from tthc_plan.loader import load_plan_file


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """Count the real loads of plan files, in a cache of this test's own."""
    monkeypatch.setenv("TTHC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "_enabled", True)
    seen: list[str] = []

    def counting(path: Path) -> object:
        seen.append(path.name)
        return load_plan_file(path)

    monkeypatch.setattr(plans, "load_plan_file", counting)
    return seen


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
    assert len(list((tmp_path / "cache").glob("*.pickle"))) == 1


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
    (entry,) = (tmp_path / "cache").glob("*.pickle")
    entry.write_bytes(b"not a pickle at all")
    assert plans.load_valid_plan(path).plan.id == "dak-rlap-kstthc-2024"
    assert calls == ["2024.yaml", "2024.yaml"]
    assert entry.read_bytes() != b"not a pickle at all"


def test_no_cache_option(calls: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _copy(tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["--no-cache", "validate"]).exit_code == 0
    assert runner.invoke(app, ["--no-cache", "validate"]).exit_code == 0
    assert calls == ["2024.yaml", "2024.yaml"]
    assert not (tmp_path / "cache").exists()


def test_messages_follow_the_language(calls: list[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    shutil.copy(Path(__file__).parent / "data" / "broken.yaml", broken)
    runner = CliRunner()
    vi = runner.invoke(app, ["validate", "-f", "concise", str(broken)]).stdout
    en = runner.invoke(app, ["--lang", "en", "validate", "-f", "concise", str(broken)]).stdout
    assert "Múi giờ «Asia/Ha_Noi» không tồn tại." in vi
    assert "Time zone «Asia/Ha_Noi» does not exist." in en
