"""A year in a commune (issue 27): what an Office trips over in its first weeks."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tthc_plan.cli import app


def _with_timeframe(plan_copy: Path, task_line: str, timeframe: str) -> Path:
    """Give a task of the copied 2024 plan another timeframe."""
    path = plan_copy / "plans" / "2024.yaml"
    text = path.read_text(encoding="utf-8")
    assert task_line in text
    path.write_text(text.replace(task_line, f"timeframe: {timeframe}", 1), encoding="utf-8")
    return path


def test_several_months_are_periods_named_by_month(plan_copy: Path) -> None:
    """ "Tháng 4 và tháng 10/2024": periods 2024-04 and 2024-10, for views and `done`."""
    _with_timeframe(plan_copy, "timeframe: Tháng 12/2023", "Tháng 4 và tháng 10/2024")
    runner = CliRunner()
    shown = runner.invoke(app, ["show", "I.1", "--today", "2024-05-02", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert '"period": "2024-04"' in shown.output
    assert '"period": "2024-10"' in shown.output
    done = runner.invoke(
        app,
        ["done", "I.1", "--period", "2024-04", "--date", "28/04/2024", "--today", "2024-05-02"],
    )
    assert done.exit_code == 0, done.output
    again = runner.invoke(app, ["show", "I.1", "--today", "2024-05-02", "--format", "json"])
    assert '"state": "done"' in again.output


def test_timeframes_takes_plan_as_every_command_does(plan_copy: Path) -> None:
    result = CliRunner().invoke(app, ["timeframes", "--plan", "plans/2024.yaml"])
    assert result.exit_code == 0, result.output
    assert "Tháng 12/2023" in result.output


def test_a_list_of_one_units_items_names_the_unit_in_its_heading(plan_copy: Path) -> None:
    """ "Việc quá hạn ngày 03/01/2024" and one row with no unit: whose is it?"""
    runner = CliRunner()
    table = runner.invoke(app, ["overdue", "--today", "2024-01-03"])
    assert table.output.splitlines()[0].rstrip() == (
        "Việc quá hạn của Văn phòng HĐND và UBND huyện ngày 03/01/2024"
    )
    markdown = runner.invoke(app, ["overdue", "--today", "2024-01-03", "--format", "md"])
    assert markdown.output.splitlines()[0] == (
        "**Việc quá hạn của Văn phòng HĐND và UBND huyện ngày 03/01/2024**"
    )
    several = runner.invoke(app, ["overdue", "--today", "2024-03-20"])
    assert several.output.splitlines()[0].rstrip() == "Việc quá hạn ngày 20/03/2024"
    assert "Đơn vị" in several.output  # a column names each row's unit instead
