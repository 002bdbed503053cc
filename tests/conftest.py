"""Shared fixtures and helpers (TESTING.md lists them).

Every test starts in Vietnamese, with the plan cache as the run started and
that cache in a folder of the run's own. Below: running tthc, a copy of the
plans with these records, whole outputs compared with golden files.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol

import click
import pytest
import typer
from click.testing import CliRunner as ClickRunner
from click.testing import Result
from hypothesis import settings
from typer.testing import CliRunner

from tthc_plan.cli import app, narrowed, quick
from tthc_plan.i18n import set_language
from tthc_plan.store import cache

ROOT = Path(__file__).resolve().parent.parent
PLAN_2024 = ROOT / "plans" / "2024.yaml"
SOURCE = ROOT / "plans" / "source" / "ke-hoach-kiem-soat-tthc-2024-dak-rlap.txt"
GOLDEN = ROOT / "tests" / "data" / "golden"
# A year of records of the shipped plan, as an Office would have them (written by
# tests/data/make_progress_2024.py).
PROGRESS_2024 = ROOT / "tests" / "data" / "progress-2024"
# "Today" for tests that do not ask for a particular day: the end of the plan year.
TODAY = date(2024, 12, 31)

settings.register_profile("ci", derandomize=True, max_examples=200, deadline=None)
# `make check`, while working: the same examples to begin with, fewer of them (`make test`
# and CI try all 200).
settings.register_profile("check", derandomize=True, max_examples=25, deadline=None)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile("fuzz", max_examples=5000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def _test_of(item: pytest.Item) -> str:
    """Return the id of the test an item is a case of (its module, class and name)."""
    return item.nodeid.partition("[")[0]


@pytest.hookimpl(trylast=True)  # after -m and -k have chosen
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out a sample where the whole it samples runs too.

    A case too slow for `make check` is marked slow, and a smaller case of the same
    test marked `sample` runs there instead; in `make test` the sample would only
    repeat part of the whole.
    """
    wholes = {_test_of(item) for item in items if item.get_closest_marker("slow")}
    named = {arg.replace(os.sep, "/").removeprefix("./") for arg in config.args if "::" in arg}
    repeated = [
        item
        for item in items
        if item.get_closest_marker("sample")
        and _test_of(item) in wholes
        and item.nodeid not in named  # asked for by its id: run as asked
    ]
    if repeated:
        config.hook.pytest_deselected(items=repeated)
        items[:] = [item for item in items if item not in repeated]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Run a test marked `untraced` with coverage's tracer off (TESTING.md says which).

    Every coverage measurement running is stopped, not only the last: in a worker
    of `pytest -n`, pytest-cov runs one started before collection under the
    worker's own, and stopping the worker's resumes it (so pytest-cov's own
    `no_cover` mark leaves the tracer on there).
    """
    if item.get_closest_marker("untraced") is None or getattr(
        item.config.option, "cov_context", None
    ):  # each test's lines recorded apart (benchmarks/untraced.py): every test traced
        return (yield)
    import coverage  # noqa: PLC0415 - loaded by a run that traces; a worker of make check does not

    stopped = []
    while (measuring := coverage.Coverage.current()) is not None:
        measuring.stop()
        stopped.append(measuring)
    try:
        return (yield)
    finally:
        for measuring in reversed(stopped):  # the one started first, first
            measuring.start()


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """Let the process end without Python's collector walking all the tests left behind.

    At exit Python collects cycles over every object still alive: in each
    worker of a whole run, 0.5 s after the last test. Frozen objects are not
    walked; the exit handlers (coverage's among them) run as before.
    """
    gc.freeze()


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the plan cache of the tests out of the user's cache folder."""
    os.environ["TTHC_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


_CACHE_ON = cache._enabled  # off only if the tests run with TTHC_NO_CACHE=1


@pytest.fixture(autouse=True)
def _cache_as_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with the plan cache on (or off) as the run did.

    --no-cache turns it off for the rest of the process: run in this process,
    it would change how every later test reads its plans, depending on order.
    """
    monkeypatch.setattr(cache, "_enabled", _CACHE_ON)


@pytest.fixture(autouse=True)
def _vietnamese() -> None:
    """Every test starts in Vietnamese, whatever an earlier test chose."""
    set_language("vi")


# Running tthc: in this process as the `tthc` command does, or in a fresh process.

TTHC = app  # the whole app: a line of it may run without Typer, as `tthc` runs it


class TthcRunner(CliRunner):
    """Typer's CliRunner, running tthc as the `tthc` command does (cli.main).

    A plain line of a daily view runs without Typer (cli.quick), as `tthc`
    runs it; tests/test_quick.py checks that Typer answers it the same. For
    any other line, only the command named is built (cli.narrowed): Typer
    builds the click objects of every command on each run, about 25 ms, more
    than most commands take. tests/test_cli.py checks, with Typer's own
    runner, that the narrowed app answers exactly as the whole app.

    A process runs one command, so tthc builds each click command once; the
    tests run a thousand. The click command built for tthc's app, narrowed to
    one command or whole, is kept for the next run of the same command (click
    makes a new context for each run; tthc's help texts are fixed when its
    commands are defined): Typer's building was a tenth of the suite's time.
    """

    def invoke(  # type: ignore[override]
        self, app: typer.Typer, args: Sequence[str] | None = None, **options: Any
    ) -> Result:
        if app is not TTHC:  # another Typer app: built as Typer's runner does
            return super().invoke(app, args, **options)
        if args is not None and not isinstance(args, str):
            if (done := self.quick(args, options.get("env"))) is not None:
                return done
            app = narrowed(app, list(args))
        return ClickRunner.invoke(self, _built(app), args, **options)

    def quick(self, args: Sequence[str], env: Mapping[str, str | None] | None) -> Result | None:
        """Run a plain line of a daily view as `tthc` does, without Typer; None for another."""
        with self.isolation(env=env) as (stdout, stderr, output):
            code = quick.run(list(args))
            if code is None:
                return None
            sys.stdout.flush()
            sys.stderr.flush()
            outputs = (stdout.getvalue(), stderr.getvalue(), output.getvalue())
        ended = SystemExit(code) if code else None  # as CliRunner keeps it
        return Result(self, *outputs, return_value=None, exit_code=code, exception=ended)


_BUILT: dict[tuple[int, ...], click.Command] = {}


def _built(narrow: typer.Typer) -> click.Command:
    """The click command of tthc's app `narrow` (cli.narrowed), built once per command."""
    key = tuple(map(id, [*narrow.registered_commands, None, *narrow.registered_groups]))
    if key not in _BUILT:
        _BUILT[key] = typer.main.get_command(narrow)
    return _BUILT[key]


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> TthcRunner:
    """Run `tthc` in the repository, with nothing of ENVIRONMENT from the environment.

    The console is 80 columns wide, or the test module's COLUMNS.
    """
    monkeypatch.chdir(ROOT)
    clear_environment(monkeypatch)
    monkeypatch.setenv("COLUMNS", str(getattr(request.module, "COLUMNS", 80)))
    return TthcRunner()


def tthc(*args: str, env: Mapping[str, str] | None = None) -> Result:
    """Run `tthc ARGS` in this process (`env`: variables for this run only).

    An exception that reaches the runner fails the test with its traceback: a
    user never sees one (the exit codes of the README are the only outcomes).
    """
    result = TthcRunner().invoke(app, list(args), env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def invoke(*args: str) -> tuple[int, str, str]:
    """Run `tthc ARGS` in this process as tthc() does; return its exit code, stdout, stderr."""
    result = tthc(*args)
    return result.exit_code, result.stdout, result.stderr


def tthc_process(
    cwd: Path, *args: str, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tthc_plan ARGS` in a fresh process, for what only a process shows.

    A crash by a signal (a segmentation fault) shows as a return code instead
    of ending the test run; a command that waits is stopped after 60 s; what
    reaches the terminal is what the real entry point writes. The process
    gets this one's environment (the cache on) with `env` over it.
    """
    environment = os.environ | dict(env or {})
    environment.pop("TTHC_NO_CACHE", None)
    return subprocess.run(
        [sys.executable, "-m", "tthc_plan", *args],
        cwd=cwd, env=environment, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


# A copy of the plans, with these records, as the current folder.


# What tthc reads from the environment that would change what a test sees: a
# developer's own plan, plan id, language, day or mail settings, NO_COLOR, or
# the annotations GitHub Actions asks for. Every copy of the plans, and the
# runner, clears all of them; a test that wants one sets it itself.
ENVIRONMENT = (
    "TTHC_PLAN",
    "TTHC_PLAN_ID",
    "TTHC_LANG",
    "TTHC_TODAY",
    "TTHC_SETTINGS",
    "TTHC_SMTP_HOST",
    "TTHC_SMTP_PORT",
    "TTHC_SMTP_TLS",
    "TTHC_SMTP_USER",
    "TTHC_SMTP_FROM",
    "TTHC_SMTP_PASSWORD",
    "NO_COLOR",
    "GITHUB_ACTIONS",
)


def clear_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset every variable of ENVIRONMENT for the test (monkeypatch restores them)."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


class PlanCopy(Protocol):
    """The factory of the `plan_copy_with` fixture (for type annotations)."""

    def __call__(
        self,
        *,
        progress: Path | None = None,
        plan: str | None = None,
        done: Sequence[Sequence[str]] = (),
        today: str | None = None,
    ) -> Path: ...


@pytest.fixture
def plan_copy_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PlanCopy:
    """Make a copy of the plans, with these records, in a fresh folder; return the folder.

    `plan` is the text of plans/2024.yaml (the shipped plan if None); `progress`
    a folder of progress files copied as the plan's records; each of `done`
    the arguments of a `tthc done` run on the copy (it must succeed); `today`
    the day TTHC_TODAY pins for every command not given --today. The folder
    becomes the current folder, the environment of ENVIRONMENT is cleared,
    the console is 80 columns wide, and the user's mail settings (tthc.toml)
    and sent-log are out of reach (XDG_CONFIG_HOME, TTHC_STATE_DIR).
    """

    def copy(
        *,
        progress: Path | None = None,
        plan: str | None = None,
        done: Sequence[Sequence[str]] = (),
        today: str | None = None,
    ) -> Path:
        plans = tmp_path / "plans"
        plans.mkdir()
        if plan is None:
            shutil.copy(PLAN_2024, plans / "2024.yaml")
        else:
            (plans / "2024.yaml").write_text(plan, encoding="utf-8")
        if progress is not None:
            shutil.copytree(progress, plans / "progress" / "dak-rlap-kstthc-2024")
        monkeypatch.chdir(tmp_path)
        clear_environment(monkeypatch)
        monkeypatch.setenv("COLUMNS", "80")
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
        monkeypatch.setenv("TTHC_STATE_DIR", str(tmp_path / "state"))
        if today is not None:
            monkeypatch.setenv("TTHC_TODAY", today)
        runner = TthcRunner()
        for args in done:
            result = runner.invoke(app, ["done", *args])
            assert result.exit_code == 0, result.output
        return tmp_path

    return copy


@pytest.fixture
def plan_copy(plan_copy_with: PlanCopy) -> Path:
    """A copy of the shipped plan in plans/ of a fresh folder, made the current folder."""
    return plan_copy_with()


# Whole outputs compared with files.


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/data/golden/NAME; TTHC_UPDATE_GOLDEN=1 rewrites it (review the diff)."""
    path = GOLDEN / name
    if os.environ.get("TTHC_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")
