"""A plain line of a daily view runs without Typer (cli/quick.py), exactly as Typer runs it.

The options read without Typer are those Typer declares (names, kinds, defaults,
variables); a line answered both ways gives the same output, errors and exit
code; a line the quick reader is not sure of goes to Typer; and the quick path
really leaves Typer and click unimported.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
import typer
from typer.testing import CliRunner

from tests.conftest import ROOT, TthcRunner
from tthc_plan.cli import app, narrowed, plain, quick
from tthc_plan.core import MAX_WITHIN


def _click_options(command: click.Command) -> dict[str, click.Option]:
    return {
        name: param
        for param in command.params
        if isinstance(param, click.Option) and param.name != "help"
        for name in param.opts
    }


def _kind(param: click.Option) -> Any:
    """Return what a click option takes, as cli/quick.py names it."""
    kind = param.type
    if param.is_flag:
        return "flag"
    if param.multiple and isinstance(kind, click.Path):
        return "paths"
    if isinstance(kind, click.IntRange):
        assert (kind.min, kind.max) == (0, MAX_WITHIN)
        return "days"
    if isinstance(kind, click.Choice):
        return tuple(kind.choices)
    assert kind is click.STRING
    return "text"


@pytest.mark.parametrize("view", sorted(quick.VIEWS))
def test_the_options_read_without_typer_are_those_typer_declares(view: str) -> None:
    group = typer.main.get_command(narrowed(app, [view]))
    assert isinstance(group, click.Group)
    command = group.commands[view]
    declared = _click_options(command)
    _work, options = quick.VIEWS[view]
    assert set(options) == set(declared)  # every name of every option, no more
    for name, option in options.items():
        param = declared[name]
        kind = option.kind if isinstance(option.kind, str) else tuple(map(str, option.kind))
        assert (option.param, kind, option.envvar) == (param.name, _kind(param), param.envvar)
        default = param.get_default(click.Context(command))
        assert option.default == (None if option.kind == "paths" else default), name
    own = _click_options(group)
    assert own[quick.LANG].envvar == "TTHC_LANG"
    assert own[quick.NO_CACHE].is_flag
    assert set(own) - {quick.LANG, quick.NO_CACHE} == {"--version", "--install-completion",
                                                       "--show-completion"}  # fmt: skip


# Lines answered both ways: options in each form, repeated, from the environment, and errors.
PLAIN = [
    (["overdue"], {}),
    (["status"], {}),
    (["upcoming"], {}),
    (["overdue", "--format", "json"], {}),
    (["overdue", "-f", "csv", "--group", "task"], {}),
    (["--lang", "en", "status", "--format=md"], {}),
    (["--lang=en", "overdue", "--today=2024-06-15"], {}),
    (["status", "--unit", "Xã Nhân Cơ", "--group", "task"], {}),
    (["status", "-u", "nhan co", "--role", "all", "--within", "30"], {}),
    (["status", "--format", "json", "--role", "support"], {}),
    (["upcoming", "--within", "30", "--role", "support"], {}),
    (["upcoming", "--within", "0", "--within", "7", "--format", "json"], {}),
    (["overdue", "--fail"], {}),
    (["overdue", "--plan", "plans/2024.yaml", "--plan", "plans"], {}),
    (["overdue", "-p", "plans/2024.yaml", "--all-plans", "-u", "Thanh tra huyện"], {}),
    (["overdue", "--plan-id", "dak-rlap-kstthc-2024", "--format", "csv"], {}),
    (["overdue", "--plan-id", "khong-co"], {}),
    (["--no-cache", "overdue", "--today", "15/06/2024"], {}),
    (["--no-cache", "--lang", "en", "--no-cache", "status", "--today", "2024-02-30"], {}),
    (["overdue", "--today", "2024-13-01"], {}),
    (["overdue", "--today", "1999-01-01"], {}),
    (["status", "--unit", "Không có đơn vị này"], {}),
    (["overdue", "--plan", "khong-co.yaml"], {}),
    (["overdue"], {"TTHC_TODAY": "2024-06-15", "TTHC_LANG": "en"}),
    (["status", "--today", "2024-01-12"], {"TTHC_TODAY": "2024-06-15"}),
    (["overdue", "--format", "json"], {"TTHC_PLAN_ID": "dak-rlap-kstthc-2024"}),
    (["upcoming"], {"TTHC_PLAN_ID": "khong-co", "TTHC_LANG": ""}),
    (["overdue"], {"TTHC_PLAN": "plans/2024.yaml", "TTHC_TODAY": "2024-03-20"}),
]


@pytest.mark.parametrize(("args", "env"), PLAIN)
def test_a_plain_line_is_answered_as_typer_answers_it(
    runner: TthcRunner, args: list[str], env: dict[str, str]
) -> None:
    env = {"TTHC_TODAY": "2024-01-12"} | env
    assert quick.read(args, {**os.environ, **env}) is not None
    fast = runner.quick(args, env)
    assert fast is not None
    typer_run = CliRunner().invoke(narrowed(app, args), args, env=env)
    assert (fast.exit_code, fast.stdout, fast.stderr) == (
        typer_run.exit_code,
        typer_run.stdout,
        typer_run.stderr,
    )
    assert fast.stdout or fast.stderr


# Lines the quick reader leaves to Typer: it might read them otherwise, or they are not views.
LEFT_TO_TYPER = [
    ([], {}),
    (["--version"], {}),
    (["--help"], {}),
    (["overdue", "--help"], {}),
    (["-h"], {}),
    (["show", "II.1"], {}),
    (["overdue", "--within", "5"], {}),  # not an option of overdue
    (["upcoming", "--within", "-1"], {}),
    (["upcoming", "--within", str(MAX_WITHIN + 1)], {}),
    (["upcoming", "--within", "+5"], {}),
    (["upcoming", "--within", "٣"], {}),  # click's int() reads Arabic-Indic digits
    (["upcoming", "--within", "1" * 5000], {}),  # more digits than int() reads
    (["status", "--within=" + "0" * 4300 + "7"], {}),
    (["overdue", "--format", "JSON"], {}),
    (["overdue", "--role", "Lead"], {}),
    (["overdue", "--unit"], {}),
    (["overdue", "--unit", "-x"], {}),  # click takes "-x" for the unit's name
    (["overdue", "--unit="], {}),
    (["overdue", "-u=Xã Nhân Cơ"], {}),  # click: the unit "=Xã Nhân Cơ"
    (["overdue", "-fjson"], {}),
    (["overdue", "--fail=1"], {}),
    (["overdue", "--no-fail"], {}),
    (["overdue", "extra"], {}),
    (["overdue", "--", "--fail"], {}),
    (["overdue", "--lang", "en"], {}),  # tthc's own option after the view: an error
    (["--lang", "fr", "overdue"], {}),
    (["--lang", "overdue"], {}),
    (["overdue"], {"TTHC_LANG": "fr"}),
    (["--bogus", "overdue"], {}),
    (["overdue"], {"_TTHC_COMPLETE": "bash_complete"}),
]


@pytest.mark.parametrize(("args", "env"), LEFT_TO_TYPER)
def test_a_line_the_quick_reader_is_not_sure_of_goes_to_typer(
    args: list[str], env: dict[str, str]
) -> None:
    assert quick.read(args, env) is None


def test_a_number_of_days_too_long_to_read_is_a_usage_error(runner: TthcRunner) -> None:
    result = runner.invoke(app, ["upcoming", "--within", "1" * 5000])
    assert result.exit_code == 2
    assert not isinstance(result.exception, ValueError)
    assert "'--within'" in result.stderr


def test_an_unreadable_plan_path_goes_to_typer(tmp_path: Path) -> None:
    hidden = tmp_path / "kin.yaml"
    hidden.write_text("plan: {}\n", encoding="utf-8")
    hidden.chmod(0)
    try:
        readable = os.access(hidden, os.R_OK)  # root reads it anyway
        line = quick.read(["overdue", "--plan", str(hidden)], {})
        assert (line is None) == (not readable)
        assert quick.read(["overdue", "--plan", str(tmp_path / "chua-co.yaml")], {}) is not None
    finally:
        hidden.chmod(0o600)


@pytest.mark.parametrize(
    ("message", "nl"),
    [
        ("Việc quá hạn\n", True),
        ("\x1b[1;31mtrễ 3 ngày\x1b[0m", True),
        ("", False),
        ("", True),
        (b'{"items": []}', True),
        (b"\xe1\xbb\x87", False),
    ],
)
@pytest.mark.parametrize("err", [False, True])
def test_echo_writes_what_click_echo_writes(
    message: str | bytes, nl: bool, err: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = []
    for echo in (plain.echo, click.echo):
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="utf-8", write_through=False)
        monkeypatch.setattr(sys, "stderr" if err else "stdout", stream)
        echo(message, err=err, nl=nl)
        written.append(raw.getvalue())
    assert written[0] == written[1]


def test_a_plain_view_imports_neither_typer_nor_click(tmp_path: Path) -> None:
    script = (  # main() ends the process: what it loaded is told by an exit handler
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted({'typer', 'click'} & set(sys.modules)),"
        " file=sys.stderr))\n"
        "from tthc_plan.cli import main\n"
        "sys.argv = ['tthc', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = os.environ | {"TTHC_TODAY": "2024-01-12", "TTHC_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("TTHC_LANG", None)

    def loaded(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", script, *args],
            cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
        )  # fmt: skip
        return done.stderr.strip().splitlines()[-1]

    for line in (["overdue"], ["status", "--format", "json"], ["upcoming", "-u", "nhan co"]):
        assert loaded(*line) == "[]", line
    assert loaded("overdue", "--help") == "['click', 'typer']"
