"""A year in a commune (issue 27): what an Office trips over in its first weeks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import TthcRunner, clear_environment, invoke
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
    runner = TthcRunner()
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
    result = TthcRunner().invoke(app, ["timeframes", "--plan", "plans/2024.yaml"])
    assert result.exit_code == 0, result.output
    assert "Tháng 12/2023" in result.output


def test_a_list_of_one_units_items_names_the_unit_in_its_heading(plan_copy: Path) -> None:
    """ "Việc quá hạn ngày 03/01/2024" and one row with no unit: whose is it?"""
    runner = TthcRunner()
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


def test_a_completion_before_its_period_began_is_refused(plan_copy: Path) -> None:
    """ "done XI.1 --period 2024-Q2 --date 15/03/2024": a quarter's report before it began."""
    code, out, err = invoke("done", "XI.1", "--unit", "Xã Nhân Cơ", "--period", "2024-Q2",
                            "--date", "15/03/2024", "--today", "2024-07-01")  # fmt: skip
    assert code == 2
    assert "XI.1 kỳ 2024-Q2 chưa bắt đầu ngày 15/03/2024 (kỳ bắt đầu 01/04/2024)" in out + err
    assert not (plan_copy / "plans" / "progress").exists()  # nothing written


def test_a_one_off_completion_before_the_decision_is_recorded_with_a_warning(
    plan_copy: Path,
) -> None:
    code, _out, err = invoke("done", "I.1", "--date", "28/12/2023", "--today", "2024-01-03")
    assert code == 0
    assert "Cảnh báo: ngày 28/12/2023 sớm hơn ngày ban hành kế hoạch" in err
    written = [p.read_text(encoding="utf-8") for p in (plan_copy / "plans").rglob("*.yaml")]
    assert any("date: 2023-12-28" in text for text in written)


def test_a_corrected_completion_replaces_the_old_one_in_views_as_of_any_day(
    plan_copy: Path,
) -> None:
    invoke("done", "XI.1", "--unit", "Xã Nhân Cơ", "--period", "2024-Q1", "--date",
           "05/03/2024", "--today", "2024-03-10")  # fmt: skip
    code = invoke("done", "XI.1", "--unit", "Xã Nhân Cơ", "--period", "2024-Q1",
                  "--date", "20/03/2024", "--correct", "--today", "2024-03-25")[0]  # fmt: skip
    assert code == 0
    # As of 10/03 the item was not yet done: the 05/03 record was a mistake, corrected.
    shown = invoke("show", "XI.1", "--today", "2024-03-10", "--format", "json")[1]
    items = [i for i in json.loads(shown)["items"]
             if i["unit"] == "Xã Nhân Cơ" and i["period"] == "2024-Q1"]  # fmt: skip
    assert [i["state"] for i in items] == ["due_soon"]
    later = invoke("show", "XI.1", "--today", "2024-03-25", "--format", "json")[1]
    items = [i for i in json.loads(later)["items"]
             if i["unit"] == "Xã Nhân Cơ" and i["period"] == "2024-Q1"]  # fmt: skip
    assert [(i["state"], i["done"]["date"]) for i in items] == [("done", "2024-03-20")]


def _commune_beside(plan_copy: Path) -> None:
    """A commune's 2026 plan beside the district's 2024 plan, as after the 2025 reform."""
    code, out, err = invoke("init", "--level", "commune", "--name", "UBND xã Quảng Tín",
                            "--year", "2026")  # fmt: skip
    assert code == 0, out + err


def test_a_closed_plan_steps_aside_in_the_views_and_comes_back_on_demand(
    plan_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _commune_beside(plan_copy)
    before = invoke("status", "--today", "2026-03-18")
    assert "dak-rlap-kstthc-2024" in before[1]  # the finished plan crowds the current one
    written = (plan_copy / "plans" / "2024.yaml").read_text(encoding="utf-8")
    code, out, _err = invoke("close", "dak-rlap-kstthc-2024", "--date", "31/12/2024",
                             "--note", "Đã tổng kết năm 2024", "--today", "2026-03-18")  # fmt: skip
    assert code == 0, out
    plan_text = (plan_copy / "plans" / "2024.yaml").read_text(encoding="utf-8")
    # every line written before is kept as it was (comments included); the block follows
    assert plan_text.startswith(written.rstrip("\n") + "\n\n# ")
    assert plan_text.endswith("closed:\n  date: 2024-12-31\n  note: Đã tổng kết năm 2024\n")
    code, out, err = invoke("status", "--today", "2026-03-18")
    assert code == 0
    assert "dak-rlap-kstthc-2024" not in out
    assert err.strip() == (
        "Bỏ qua kế hoạch đã đóng: dak-rlap-kstthc-2024 (đóng ngày 31/12/2024); "
        "xem cả: --all-plans hoặc --plan-id."
    )
    assert "dak-rlap-kstthc-2024" in invoke("status", "--today", "2026-03-18", "--all-plans")[1]
    assert "Việc quá hạn" in invoke("overdue", "--today", "2026-03-18",
                                    "--plan-id", "dak-rlap-kstthc-2024")[1]  # fmt: skip
    monkeypatch.setenv("TTHC_PLAN_ID", "dak-rlap-kstthc-2024")  # stands for --plan-id
    code, out, err = invoke("overdue", "--today", "2026-03-18")
    assert code == 0
    assert "II.1" in out
    assert not err
    monkeypatch.delenv("TTHC_PLAN_ID")
    assert invoke("validate", "plans/")[0] == 0  # validate still reads it
    again = invoke("close", "dak-rlap-kstthc-2024", "--today", "2026-03-18")
    assert again[0] == 2, again  # once


def test_a_unit_in_several_plans_gets_one_heading_per_plan(plan_copy: Path) -> None:
    _commune_beside(plan_copy)
    out = invoke("status", "--unit", "Văn phòng", "--today", "2026-03-18")[1]
    headings = [line.rstrip() for line in out.splitlines() if line.startswith("Việc của")]
    assert headings == [
        "Việc của «Văn phòng HĐND và UBND huyện» (dak-rlap-kstthc-2024) ngày 18/03/2026",
        "Việc của «Văn phòng HĐND và UBND xã» (xa-quang-tin-kstthc-2026) ngày 18/03/2026",
    ]


def test_a_hint_names_the_plan_when_two_plans_share_the_task_id(plan_copy: Path) -> None:
    plans = plan_copy / "plans"
    text = (plans / "2024.yaml").read_text(encoding="utf-8")
    (plans / "copy.yaml").write_text(
        text.replace("id: dak-rlap-kstthc-2024", "id: copy-2024", 1), encoding="utf-8"
    )
    args = ("done", "dak-rlap-kstthc-2024:II.1", "--unit", "Xã Nhân Cơ", "--date",
            "08/01/2024", "--today", "2024-01-12")  # fmt: skip
    assert invoke(*args)[0] == 0
    code, out, err = invoke(*args)
    assert code == 1  # already done: refused, as before
    assert '«tthc reopen dak-rlap-kstthc-2024:II.1 --unit "Xã Nhân Cơ"»' in out + err


def _overdue(day: str) -> list[tuple[str, str, str | None]]:
    """The overdue items on `day`: (task, unit, period), in the order shown."""
    out = invoke("overdue", "--today", day, "--format", "json")[1]
    return [(i["task"], i["unit"], i["period"]) for i in json.loads(out)["items"]]


def test_a_year_in_a_commune_matches_counts_made_by_hand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A commune's 2026 plan from `tthc init --level commune`, six tasks (the data file),
    a year of records; every figure below was counted by hand from the dates."""
    monkeypatch.chdir(tmp_path)
    clear_environment(monkeypatch)
    assert invoke("init", "--level", "commune", "--name", "UBND xã Quảng Tín", "--year",
                  "2026")[0] == 0  # fmt: skip
    plan = tmp_path / "plans" / "2026.yaml"
    text = plan.read_text(encoding="utf-8")
    sections = (Path(__file__).parent / "data" / "commune-2026-sections.yaml").read_text("utf-8")
    plan.write_text(text[: text.index("sections:")] + sections, encoding="utf-8")
    assert invoke("validate", "plans/")[0] == 0
    # II.2 is due on the 10th working day after each quarter: 14/04, 14/07, 14/10/2026
    # and 15/01/2027 (01/01 is a holiday).
    records = [
        ("I.1", "Văn phòng HĐND và UBND xã", None, "10/01/2026", "2026-01-20"),  # on time
        ("II.1", "Phòng Kinh tế", "2026-Q1", "12/03/2026", "2026-03-20"),  # on time
        ("II.1", "Phòng Văn hóa - Xã hội", "2026-Q1", "20/03/2026", "2026-03-25"),  # 4 late
        ("I.2", "Phòng Kinh tế", None, "05/04/2026", "2026-04-06"),  # 5 days late
        ("II.2", "Văn phòng HĐND và UBND xã", "2026-Q1", "13/04/2026", "2026-04-13"),
        ("I.3", "Phòng Văn hóa - Xã hội", "2026-04", "28/04/2026", "2026-04-28"),
        ("II.1", "Phòng Kinh tế", "2026-Q2", "10/06/2026", "2026-06-10"),
    ]
    for task, unit, period, day, today in records:
        args = ["done", task, "--unit", unit, "--date", day, "--today", today]
        code, out, err = invoke(*args, *(["--period", period] if period else []))
        assert code == 0, (task, out, err)
    # A second completion of one item is refused; a correction replaces the first record:
    # II.2 of Q1 was in fact sent on 15/04, one day late.
    twice = ["done", "II.1", "--unit", "Phòng Kinh tế", "--period", "2026-Q1",
             "--date", "13/03/2026", "--today", "2026-03-20"]  # fmt: skip
    assert invoke(*twice)[0] == 1
    fixed = ["done", "II.2", "--period", "2026-Q1", "--date", "15/04/2026", "--correct",
             "--today", "2026-04-20"]  # fmt: skip
    assert invoke(*fixed)[0] == 0
    # Late items, counted by hand on chosen days.
    assert _overdue("2026-01-16") == []
    assert _overdue("2026-04-01") == [("I.2", "Phòng Kinh tế", None)]
    assert _overdue("2026-04-14") == []  # II.2 Q1 is due today: not late yet
    assert _overdue("2026-04-15") == []  # sent that day (the corrected date), one day late
    assert _overdue("2026-06-20") == [("II.1", "Phòng Văn hóa - Xã hội", "2026-Q2")]
    late_in_november = _overdue("2026-11-05")
    assert sorted(late_in_november) == sorted([
        ("II.1", "Phòng Văn hóa - Xã hội", "2026-Q2"),
        ("II.1", "Phòng Kinh tế", "2026-Q3"),
        ("II.1", "Phòng Văn hóa - Xã hội", "2026-Q3"),
        ("II.2", "Văn phòng HĐND và UBND xã", "2026-Q2"),
        ("II.2", "Văn phòng HĐND và UBND xã", "2026-Q3"),
        ("I.3", "Phòng Văn hóa - Xã hội", "2026-10"),
    ])  # fmt: skip
    # As of 14/04 the corrected record (15/04) had not happened: II.2 Q1 not done then.
    shown = json.loads(invoke("show", "II.2", "--today", "2026-04-14", "--format", "json")[1])
    first = next(i for i in shown["items"] if i["period"] == "2026-Q1")
    assert (first["state"], first["done"]) == ("due_soon", None)
    # The first quarter's report: four items fell due in it (I.1, I.2 and the two
    # departments' reports), two on time and two late, none still open.
    report = invoke("report", "--period", "2026-Q1", "--format", "md", "--today", "2026-04-20")[1]
    assert (
        "Từ ngày 01/01/2026 đến ngày 31/03/2026 có 3 nhiệm vụ đến hạn (4 lượt việc của các "
        "đơn vị chủ trì). Tính đến ngày 20/04/2026: 2 lượt hoàn thành đúng hạn, 2 lượt hoàn "
        "thành trễ hạn, 0 lượt quá hạn chưa hoàn thành."
    ) in report


def test_show_says_how_a_date_was_worked_out(plan_copy: Path) -> None:
    """Issue 26: `show` adds that offices break for Tết earlier, and names the days off
    a count of working days skipped."""
    _with_timeframe(plan_copy, "timeframe: Tháng 12/2023", "Trước Tết Nguyên đán")
    out = invoke("show", "I.1", "--today", "2024-01-20")[1]
    assert "Mùng 1 Tết Nguyên đán năm 2024 là 10/02/2024" in out
    assert "nghỉ Tết từ 08/02/2024" in out
    path = plan_copy / "plans" / "2024.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "timeframe: Trước Tết Nguyên đán", "timeframe: Trong 4 ngày làm việc kể từ ngày 26/4/2024"
    )
    path.write_text(text, encoding="utf-8")
    out = invoke("show", "I.1", "--today", "2024-05-02")[1]
    assert "29/04/2024, 30/04/2024, 01/05/2024" in out
