"""The command line: output, exit codes, and no traceback for user mistakes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer.main
from typer.testing import CliRunner

from tests.conftest import PLAN_2024, ROOT, assert_golden
from tthc_plan import cli as cli_module
from tthc_plan.cli import app, command_word, narrowed, views
from tthc_plan.core.problem import Problem, Severity, verbatim
from tthc_plan.output.problems import render_github

BROKEN = Path(__file__).parent / "data" / "broken.yaml"


COLUMNS = 120  # the width of this module's golden outputs


def test_validate_shipped_plan(runner: CliRunner) -> None:
    result = runner.invoke(app, ["validate", "plans/"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "Đã kiểm tra 1 tệp: 0 lỗi, 0 cảnh báo."


def test_validate_defaults_to_plans_folder_and_env(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (
        runner.invoke(app, ["validate"]).stdout == runner.invoke(app, ["validate", "plans"]).stdout
    )
    monkeypatch.setenv("TTHC_PLAN", str(BROKEN))
    assert runner.invoke(app, ["validate"]).exit_code == 1


def test_validate_strict_fails_on_warnings(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(app, ["validate", "--strict", str(PLAN_2024)]).exit_code == 0
    unreviewed = tmp_path / "2024.yaml"  # the IX.1 review taken out: its warnings come back
    text = PLAN_2024.read_text(encoding="utf-8")
    start = text.index("        reviewed:\n          - code: LEAD_IS_SUPPORT")
    end = text.index("      - id: IX.2")
    unreviewed.write_text(text[:start] + text[end:], encoding="utf-8")
    assert runner.invoke(app, ["validate", str(unreviewed)]).exit_code == 0
    assert runner.invoke(app, ["validate", "--strict", str(unreviewed)]).exit_code == 1


def test_validate_broken_lists_all_problems(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["validate", "--format", "concise", "tests/data/broken.yaml", "plans/2024.yaml"]
    )
    lines = result.stdout.splitlines()
    assert result.exit_code == 1
    assert lines[0] == (
        "tests/data/broken.yaml:7:13: error INVALID_VALUE Múi giờ «Asia/Ha_Noi» không tồn tại."
    )
    assert lines[-1] == "Đã kiểm tra 2 tệp: 13 lỗi, 4 cảnh báo."  # all of broken.yaml
    assert len(lines) == 13 + 4 + 1


@pytest.mark.parametrize(
    ("name", "args", "env"),
    [
        ("validate-human.txt", ["validate", "tests/data/broken.yaml"], {}),
        ("validate-github.txt", ["validate", "tests/data/broken.yaml"], {"GITHUB_ACTIONS": "true"}),
        ("validate-concise.txt", ["validate", "-f", "concise", "tests/data/broken.yaml"], {}),
        ("validate-json.txt", ["validate", "-f", "json", "tests/data/broken.yaml"], {}),
        ("validate-human-en.txt", ["--lang", "en", "validate", "tests/data/broken.yaml"], {}),
    ],
)
def test_validate_formatsassert_golden(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    args: list[str],
    env: dict[str, str],
) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert_golden(name, result.stdout)


def test_github_annotations_escape_what_github_needs() -> None:
    what, fix = verbatim("100% sai\ndòng 2"), verbatim("sửa: nhé")
    problem = Problem("a,b:c.yaml", 3, 4, Severity.WARNING, "X", what, fix)
    assert render_github(problem) == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=X::100%25 sai%0Adòng 2%0A"
        "Cách sửa: sửa: nhé"
    )


def test_timeframe_json(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["timeframe", "Trước ngày 15/12", "--year", "2024", "--format", "json"]
    )
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "text": "Trước ngày 15/12",
        "kind": "deadline",
        "start": None,
        "due": "2024-12-14",
        "occurrences": [],
        "parts": [
            {
                "kind": "deadline",
                "canonical": "Chậm nhất ngày 14/12/2024",
                "start": None,
                "due": "2024-12-14",
            }
        ],
        "note": None,  # added by issue 19: the words no part used
        "remarks": [],  # added by issue 26: how a date was worked out (Tết, days off)
    }


def test_timeframe_json_recurring(runner: CliRunner) -> None:
    text = "Báo cáo quý, BC năm; BC đột xuất theo yêu cầu của Văn phòng Chính phủ, UBND tỉnh"
    result = runner.invoke(app, ["timeframe", text, "--year", "2024", "--format", "json"])
    data = json.loads(result.stdout)
    assert (data["kind"], data["start"], data["due"]) == ("recurring", None, None)
    assert data["occurrences"] == [
        {"period": "2024-Q1", "due": "2024-03-16"},
        {"period": "2024-Q2", "due": "2024-06-16"},
        {"period": "2024-Q3", "due": "2024-09-16"},
        {"period": "2024-Q4", "due": "2024-12-16"},
        {"period": "2024", "due": "2024-12-16"},
    ]
    assert data["parts"][1] == {
        "kind": "on_request",
        "canonical": "Theo yêu cầu của Văn phòng Chính phủ, UBND tỉnh",
        "requester": "Văn phòng Chính phủ, UBND tỉnh",
    }


def test_timeframe_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeframe", "Từ tháng 02/2024 - 6/2024", "--year", "2024"])
    assert result.stdout == (
        "«Từ tháng 02/2024 - 6/2024»\n  - khoảng thời gian: từ 01/02/2024 đến hết 30/06/2024\n"
    )


def test_timeframe_takes_a_phrase_that_begins_with_a_bullet(runner: CliRunner) -> None:
    """Cells copied from a plan often begin with "- " or "+ ": no "No such option"."""
    expected = (
        "«- Xây dựng quy định trong năm 2026»\n  - hạn chót: từ 01/01/2026 đến hết 31/12/2026\n"
    )
    for args in (
        ["timeframe", "- Xây dựng quy định trong năm 2026", "--year", "2026"],
        ["timeframe", "--year", "2026", "- Xây dựng quy định trong năm 2026"],
        ["timeframe", "--year", "2026", "--", "- Xây dựng quy định trong năm 2026"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(expected)
    piped = runner.invoke(app, ["timeframe", "--year", "2026"], input="+ Quý I/2026\n")
    assert piped.stdout == "«+ Quý I/2026»\n  - hạn chót: từ 01/01/2026 đến hết 31/03/2026\n"


def test_timeframes_tableassert_golden(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeframes", "plans/2024.yaml"])
    assert result.exit_code == 0
    assert_golden("timeframes-2024.txt", result.stdout)


def test_timeframes_json_covers_every_task(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeframes", "--format", "json"])
    data = json.loads(result.stdout)
    assert len(data) == 31
    by_task = {row["task"]: row for row in data}
    assert by_task["II.1"]["due"] == "2024-01-09"
    assert by_task["XI.2"]["occurrences"][0] == {"period": "2024-Q1", "due": "2024-03-19"}
    assert by_task["XI.1"]["occurrences"][0] == {"period": "2024-Q1", "due": "2024-03-16"}


def test_timeframes_refuses_an_invalid_plan(runner: CliRunner) -> None:
    result = runner.invoke(app, ["timeframes", "tests/data/broken.yaml"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Lỗi: Tệp kế hoạch có 13 lỗi, ví dụ tests/data/broken.yaml:7:13: Múi giờ"
    )


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tthc_plan", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "tthc 0.1.0\n")


def test_every_command_has_help_and_is_in_the_readme(runner: CliRunner) -> None:
    group = typer.main.get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert names == [
        "close", "done", "export", "import", "init", "intake", "overdue", "remind", "reopen",
        "report",
        "schema",
        "show", "start", "status", "target", "targets", "timeframe", "timeframes", "units",
        "upcoming", "validate",
    ]  # fmt: skip
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in names:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert group.commands[name].help, name  # type: ignore[attr-defined]
        assert f"tthc {name}" in readme, name


@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["overdue", "--today", "2024-01-12"], "overdue"),
        (["--lang", "en", "status", "-u", "X"], "status"),
        (["--lang=en", "--no-cache", "export", "ics"], "export"),
        (["--help"], None),
        ([], None),
        (["--", "overdue"], None),
    ],
)
def test_command_word_skips_tthc_own_options(args: list[str], word: str | None) -> None:
    assert command_word(args) == word


def test_every_tthc_option_taking_a_value_is_skipped_when_finding_the_command() -> None:
    # A value taken for a command name would narrow the app to the wrong command.
    group = typer.main.get_command(app)
    with_value = {
        name
        for param in group.params
        if isinstance(param, click.Option) and not param.is_flag
        for name in param.opts
    }
    assert with_value == set(cli_module._GLOBAL_OPTIONS_WITH_VALUE)


def test_narrowed_app_builds_only_the_named_command() -> None:
    overdue = narrowed(app, ["overdue"])
    assert [info.callback for info in overdue.registered_commands] == [views.overdue]
    export = narrowed(app, ["export", "ics"])
    assert (export.registered_commands, [g.name for g in export.registered_groups]) == (
        [],
        ["export"],
    )
    assert narrowed(app, ["overdu"]) is app
    assert narrowed(app, ["--help"]) is app


@pytest.mark.parametrize(
    "args",
    [
        ["overdue", "--today", "2024-01-12"],
        ["--lang", "en", "status", "--unit", "Thanh tra huyện", "--today", "2024-06-15"],
        ["overdue", "--bogus"],
        ["status", "--help"],
        ["export", "--help"],
        ["export", "ics", "--help"],
        ["show"],
    ],
)
def test_narrowed_app_answers_as_the_whole_app(runner: CliRunner, args: list[str]) -> None:
    whole = runner.invoke(app, args)
    narrow = runner.invoke(narrowed(app, args), args)
    assert (narrow.exit_code, narrow.stdout, narrow.stderr) == (
        whole.exit_code,
        whole.stdout,
        whole.stderr,
    )
    assert whole.stdout or whole.stderr


def test_mistyped_command_is_suggested_once(runner: CliRunner) -> None:
    result = runner.invoke(app, ["overdu"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Lỗi: Không có lệnh 'overdu'. (Có phải ý bạn là: 'overdue'?)"
    )


def _tthc_process(tmp_path: Path, *args: str, before: str = "") -> subprocess.CompletedProcess[str]:
    """Run `main()` in a fresh interpreter, after `before` (Python) has run."""
    script = "\n".join(
        ["import sys", before, "from tthc_plan.cli import main", "sys.argv[0] = 'tthc'", "main()"]
    )
    env = os.environ | {"TTHC_TODAY": "2024-03-20", "TTHC_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", check=False,
    )  # fmt: skip


def test_the_process_ends_with_its_whole_output_and_status(
    runner: CliRunner, tmp_path: Path
) -> None:
    """main() ends the process without tearing the interpreter down: nothing may be lost."""
    in_process = runner.invoke(app, ["status", "--format", "json", "--today", "2024-03-20"])
    whole = _tthc_process(tmp_path, "status", "--format", "json")
    assert (whole.returncode, whole.stdout) == (0, in_process.stdout)
    assert len(whole.stdout.encode()) > 65_536  # more than a pipe holds at once
    assert _tthc_process(tmp_path, "overdue", "--fail").returncode == 1
    mistaken = _tthc_process(tmp_path, "overdue", "--khong-co")
    assert mistaken.returncode == 2
    assert "Lỗi: Không có tùy chọn '--khong-co'." in mistaken.stderr


def test_exit_handlers_run_before_the_process_ends(tmp_path: Path) -> None:
    mark = tmp_path / "da-chay.txt"
    before = (
        f"import atexit, pathlib\natexit.register(pathlib.Path({str(mark)!r}).write_text, 'xong')"
    )
    done = _tthc_process(tmp_path, "validate", before=before)
    assert done.returncode == 0
    assert mark.read_text() == "xong"


def test_leave_with_a_message_says_it_and_exits_1(tmp_path: Path) -> None:
    script = "from tthc_plan.cli import leave\nleave('Không đọc được tệp.')\n"
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert (done.returncode, done.stderr) == (1, "Không đọc được tệp.\n")
