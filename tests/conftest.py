"""Shared fixtures and helpers: the shipped plan, a command runner, golden files."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from tthc_plan.i18n import set_language

ROOT = Path(__file__).resolve().parent.parent
PLAN_2024 = ROOT / "plans" / "2024.yaml"
SOURCE = ROOT / "plans" / "source" / "ke-hoach-kiem-soat-tthc-2024-dak-rlap.txt"
GOLDEN = ROOT / "tests" / "data" / "golden"
# "Today" for tests that do not ask for a particular day: the end of the plan year.
TODAY = date(2024, 12, 31)

settings.register_profile("ci", derandomize=True, max_examples=200, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the plan cache of the tests out of the user's cache folder."""
    os.environ["TTHC_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def _vietnamese() -> None:
    """Every test starts in Vietnamese, whatever an earlier test chose."""
    set_language("vi")


@pytest.fixture
def plan_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped plan in plans/ of a fresh folder, made the current folder."""
    (tmp_path / "plans").mkdir()
    shutil.copy(PLAN_2024, tmp_path / "plans" / "2024.yaml")
    monkeypatch.chdir(tmp_path)
    for name in ("TTHC_PLAN", "TTHC_LANG", "TTHC_TODAY", "GITHUB_ACTIONS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "80")
    return tmp_path


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> CliRunner:
    """Run `tthc` in the repository, with no plan, language or day from the environment.

    The console is 80 columns wide, or the test module's COLUMNS.
    """
    monkeypatch.chdir(ROOT)
    for name in ("TTHC_PLAN", "TTHC_LANG", "TTHC_TODAY", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", str(getattr(request.module, "COLUMNS", 80)))
    return CliRunner()


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/data/golden/NAME; TTHC_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = GOLDEN / name
    if os.environ.get("TTHC_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
