"""tthc export ics: read back by two independent parsers, dates and UIDs checked exactly."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject  # type: ignore[import-untyped]
from hypothesis import example, given
from hypothesis import strategies as st
from icalendar.parser import Contentline
from typer.testing import CliRunner

from tests.conftest import PlanCopy, TthcRunner
from tthc_plan.cli import app
from tthc_plan.output.export.ics import fold


def _export(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, ["export", "ics", "--today", "2024-01-12", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _events(text: str) -> list[icalendar.Component]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


def test_deadlines_are_the_last_allowed_days(runner: CliRunner) -> None:
    events = _events(_export(runner, "--unit", "Xã Nhân Cơ"))
    by_task: dict[str, list[tuple[date, date]]] = {}
    for event in events:
        if str(event["summary"]).startswith("Bắt đầu: "):
            continue
        task = str(event["summary"]).split("]")[0].lstrip("[").split(" · ")[0]
        by_task.setdefault(task, []).append((event.decoded("dtstart"), event.decoded("dtend")))
    assert by_task["II.1"] == [(date(2024, 1, 9), date(2024, 1, 10))]
    assert by_task["XI.1"] == [
        (date(2024, 3, 16), date(2024, 3, 17)),
        (date(2024, 6, 16), date(2024, 6, 17)),
        (date(2024, 9, 16), date(2024, 9, 17)),
        (date(2024, 12, 16), date(2024, 12, 17)),
        (date(2024, 12, 16), date(2024, 12, 17)),
    ]
    # a window's deadline is its last day (its first day has an event of its own);
    # a month deadline is its last day
    assert by_task["II.3"] == [(date(2024, 6, 30), date(2024, 7, 1))]
    assert by_task["II.4"] == [(date(2024, 7, 31), date(2024, 8, 1))]
    # ongoing and undated tasks have no day to show
    assert "VI.1" not in by_task
    assert "III.1" not in by_task
    ii1 = next(e for e in events if str(e["summary"]).startswith("[II.1]"))
    assert str(ii1["summary"]) == (
        "[II.1] Xây dựng kế hoạch rà soát, đánh giá TTHC năm 2024 theo ngành, lĩnh vực quản lý "
        "và thẩm quyền giải quyết — Xã Nhân Cơ"
    )
    assert str(ii1["description"]).splitlines()[0] == "Đơn vị: Xã Nhân Cơ (chủ trì)"
    assert "Thời gian thực hiện: Trước 10/01/2024" in str(ii1["description"])
    assert "Kết quả công việc: Kế hoạch rà soát, đánh giá TTHC năm 2024 của các đơn vị" in str(
        ii1["description"]
    )
    alarm = next(iter(ii1.walk("VALARM")))
    assert alarm["trigger"].params["RELATED"] == "END"
    assert alarm.decoded("trigger") == timedelta(days=-4)  # 3 days before 09/01: 06/01


# Characters of one octet to four (Vietnamese letters take two or three), and the
# escapes a fold must not split from what they escape: "\," "\n" and RFC 6868's "^'".
@given(st.text(alphabet="aZ 1:;,^\\nắĐữ中😀", max_size=400))
@example("x" * 73 + "\\n" + "y" * 80)
@example("x" * 72 + "ắ" + "y" * 10)
@example("x" * 74)
@example("x" * 75)
@example("")
def test_lines_are_folded_as_icalendar_folds_them(line: str) -> None:
    assert fold(line) == Contentline(line).to_ical()  # type: ignore[no-untyped-call]


def test_all_day_events_and_a_second_parser(runner: CliRunner) -> None:
    text = _export(runner)
    assert "DTSTART;VALUE=DATE:20240109" in text
    parsed = vobject.readOne(text)
    events = parsed.contents["vevent"]
    assert len(events) == len(_events(text))
    starts = {e.uid.value: e.dtstart.value for e in events}
    assert all(isinstance(day, date) for day in starts.values())
    assert date(2024, 1, 9) in starts.values()


@pytest.mark.untraced
def test_uids_are_unique_and_stable(runner: CliRunner) -> None:
    calendar = _export(runner)
    assert _export(runner) == calendar  # the same calendar, its UIDs and all, each time
    first = [str(e["uid"]) for e in _events(calendar)]
    assert len(set(first)) == len(first)
    # a different "today" changes states, never identities
    later = runner.invoke(app, ["export", "ics", "--today", "2024-06-01"]).stdout
    assert sorted(str(e["uid"]) for e in _events(later)) == sorted(first)


def test_done_items_are_marked_or_left_out(plan_copy_with: PlanCopy) -> None:
    plan_copy_with(
        done=[["II.1", "--unit", "Xã Nhân Cơ", "--date", "2024-01-08", "--today", "2024-01-12"]]
    )
    runner = TthcRunner()
    events = _events(_export(runner, "--unit", "Xã Nhân Cơ"))
    ii1 = next(e for e in events if "[II.1]" in str(e["summary"]))
    assert str(ii1["summary"]).startswith("[ĐÃ XONG] [II.1]")
    assert list(ii1.walk("VALARM")) == []
    pending = _events(_export(runner, "--unit", "Xã Nhân Cơ", "--pending"))
    assert not any("[II.1]" in str(e["summary"]) for e in pending)
    assert len(pending) == len(events) - 1


def test_output_file_and_remind_option(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "lich.ics"
    result = runner.invoke(
        app, ["export", "ics", "--today", "2024-01-12", "--remind", "1w", "-o", str(target)]
    )
    assert result.exit_code == 0
    assert result.stderr == f"Đã ghi {target}\n"
    event = _events(target.read_text(encoding="utf-8"))[0]
    assert next(iter(event.walk("VALARM"))).decoded("trigger") == timedelta(days=-8)
    none = runner.invoke(app, ["export", "ics", "--today", "2024-01-12", "--remind", "0"])
    assert "BEGIN:VALARM" not in none.stdout
    assert none.exit_code == 0
    bad = runner.invoke(app, ["export", "ics", "--remind", "ba ngày"])
    assert bad.exit_code == 2
    assert bad.stderr.startswith("Lỗi: --remind «ba ngày» không hợp lệ")


KHAL = shutil.which("khal")


@pytest.mark.skipif(KHAL is None, reason="khal is not installed (.ci/run installs Debian's khal)")
@pytest.mark.slow
def test_a_real_calendar_client_lists_the_entries_on_the_right_days(
    runner: CliRunner, tmp_path: Path
) -> None:
    assert KHAL is not None
    calendar = tmp_path / "nhan-co.ics"
    result = runner.invoke(
        app, ["export", "ics", "--unit", "Xã Nhân Cơ", "--today", "2024-01-12", "-o", str(calendar)]
    )
    assert result.exit_code == 0
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(
        f"[calendars]\n[[cal]]\npath = {tmp_path / 'cal'}\ntype = calendar\n"
        "[locale]\ntimeformat = %H:%M\ndateformat = %d/%m/%Y\nlongdateformat = %d/%m/%Y\n"
        "datetimeformat = %d/%m/%Y %H:%M\nlongdatetimeformat = %d/%m/%Y %H:%M\n"
        "default_timezone = Asia/Ho_Chi_Minh\nlocal_timezone = Asia/Ho_Chi_Minh\n",
        encoding="utf-8",
    )
    listed = subprocess.run(
        [KHAL, "-c", str(config), "printics", "--format", "{start-date}|{end-date}|{title}",
         str(calendar)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    lines = [line.split("|") for line in listed.stdout.splitlines() if line.count("|") == 2]
    days = {(title.split("]")[0] + "]", start, end) for start, end, title in lines}
    assert ("[II.1]", "09/01/2024", "09/01/2024") in days
    # A window: one day at each end, not every day in between.
    assert ("Bắt đầu: [II.3]", "01/02/2024", "01/02/2024") in days
    assert ("[II.3]", "30/06/2024", "30/06/2024") in days
    assert {start for task, start, _end in days if task.startswith("[XI.1 · ")} == {
        "16/03/2024",
        "16/06/2024",
        "16/09/2024",
        "16/12/2024",
    }
    assert listed.stdout.startswith(f"{len(_events(calendar.read_text('utf-8')))} events found")


def test_every_title_names_its_period_and_a_window_has_two_ends(runner: CliRunner) -> None:
    events = _events(_export(runner, "--unit", "Xã Nhân Cơ"))
    december = sorted(
        str(e["summary"]).split("]")[0] + "]"
        for e in events
        if e.decoded("dtstart") == date(2024, 12, 16)
    )
    assert december == ["[XI.1 · 2024-Q4]", "[XI.1 · 2024]"]
    summaries = [str(e["summary"]) for e in events]
    assert len(summaries) == len(set(summaries))  # no two events read alike
    ii3 = [(str(e["summary"])[:16], e.decoded("dtstart"), e.decoded("dtend"))
           for e in events if "[II.3]" in str(e["summary"])]  # fmt: skip
    assert ii3 == [
        ("Bắt đầu: [II.3] ", date(2024, 2, 1), date(2024, 2, 2)),
        ("[II.3] Triển kha", date(2024, 6, 30), date(2024, 7, 1)),
    ]
    start = next(e for e in events if str(e["summary"]).startswith("Bắt đầu: [II.3]"))
    assert list(start.walk("VALARM")) == []  # the reminder belongs to the deadline
    uids = [str(e["uid"]) for e in events]
    assert len(uids) == len(set(uids))
