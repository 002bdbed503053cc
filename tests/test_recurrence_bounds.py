"""An explicit rule (`dates: {rrule: ...}`) is bounded: it can neither hang nor fill memory.

FREQ=YEARLY;INTERVAL=0 once made `status` and `overdue` run until killed while
`validate` said 0 errors, and FREQ=SECONDLY grew `overdue` to 1.6 GB in a
minute. Every rule is a day at finest, an interval of 1 at least, its days
counted in the plan's year only, never more than one a day; `validate` says
so at the part of the rule at fault, and the views refuse the plan at once.

Each rule is tried in this process, each command stopped after 60 s (a hang fails
the test, tests/in_process.py); FREQ=SECONDLY, the rule that filled memory, once
more as a user runs it: a fresh process within 60 s and 1 GB of address space.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr

from tests import fresh_process, in_process
from tests.conftest import PLAN_2024
from tests.fresh_process import plan_folder, snapshot
from tthc_plan.core.timeframe.recurrence import MAX_RULE_DAYS, RuleError, explicit_days

_TASK = "        timeframe: Tháng 8/2024\n"  # II.5, a deadline of one day
Run = Callable[..., subprocess.CompletedProcess[str]]


def _with_rule(tmp_path: Path, rule: str) -> tuple[Path, int]:
    """Return a folder whose plan gives II.5 the rule, and the rule's line."""
    text = PLAN_2024.read_text(encoding="utf-8")
    assert text.count(_TASK) == 1
    text = text.replace(_TASK, f"{_TASK}        dates:\n          rrule: {rule}\n")
    line = text.splitlines().index(f"          rrule: {rule}") + 1
    return plan_folder(tmp_path, text), line


def _refused(
    folder: Path, place: str, message: str, hint: str, tthc: Run = in_process.tthc
) -> None:
    """`validate` names the place and the bound; every view refuses the plan, quickly,
    and nothing is written (`tthc`: run in this process, or in a fresh one)."""
    before = snapshot(folder)
    started = time.monotonic()
    done = tthc(folder, "validate", "-f", "concise", timeout=20)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0] == f"{place}: error INVALID_RRULE {message}"
    assert "Traceback" not in done.stderr
    human = tthc(folder, "validate", timeout=20)
    assert f"{message}\nCách sửa: {hint}\n" in human.stdout
    for view in ("status", "overdue", "upcoming"):
        done = tthc(folder, view, "--today", "2024-06-01", timeout=20)
        assert done.returncode == 1, (view, done.stderr)
        assert done.stderr == (
            f"Lỗi: Tệp kế hoạch có 1 lỗi, ví dụ {place}: {message} "
            "Chạy «tthc validate plans/2024.yaml».\n"
        ), view
        assert done.stdout == ""
    # Five commands, each loading and checking the whole plan: seconds, not a hang (each
    # stopped after 20 s, when a blow-up would be a few hundred MB, not gigabytes).
    assert time.monotonic() - started < 60
    assert snapshot(folder) == before


def test_an_interval_of_zero_is_refused_where_it_is_written(tmp_path: Path) -> None:
    folder, line = _with_rule(tmp_path, "FREQ=YEARLY;INTERVAL=0")
    _refused(
        folder,
        f"plans/2024.yaml:{line}:30",
        "INTERVAL=0 trong quy tắc lặp: khoảng lặp phải là số từ 1 đến 999999.",
        "Ghi INTERVAL=1 (mỗi kỳ), 2 (cách một kỳ)..., hoặc bỏ INTERVAL.",
    )


def _finer_than_a_day(tmp_path: Path, rule: str, tthc: Run) -> None:
    folder, line = _with_rule(tmp_path, rule)
    _refused(
        folder,
        f"plans/2024.yaml:{line}:18",
        f"{rule} trong quy tắc lặp: hạn của một việc là một ngày; tthc chỉ nhận FREQ "
        "YEARLY, MONTHLY, WEEKLY hoặc DAILY, không giờ, phút, giây hay BYEASTER.",
        f"Bỏ {rule}; ví dụ FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=16.",
        tthc,
    )


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=MINUTELY", "FREQ=HOURLY"])
def test_a_rule_finer_than_a_day_is_refused(tmp_path: Path, rule: str) -> None:
    _finer_than_a_day(tmp_path, rule, in_process.tthc)


@pytest.mark.slow  # a fresh interpreter with bounded memory
def test_the_rule_that_filled_memory_is_refused_in_a_bounded_fresh_process(
    tmp_path: Path,
) -> None:
    """FREQ=SECONDLY grew `overdue` to 1.6 GB in a minute: refused by `python -m tthc_plan`
    within tests/fresh_process.py's time and 1 GB of address space."""
    _finer_than_a_day(tmp_path, "FREQ=SECONDLY", fresh_process.tthc)


def test_hours_minutes_and_seconds_of_a_daily_rule_are_refused(tmp_path: Path) -> None:
    """86,400 moments a day under FREQ=DAILY: the same blow-up as FREQ=SECONDLY."""
    every = ",".join(str(n) for n in range(60))
    rule = f"FREQ=DAILY;BYHOUR=0,12;BYMINUTE={every};BYSECOND={every}"
    folder, line = _with_rule(tmp_path, rule)
    _refused(
        folder,
        f"plans/2024.yaml:{line}:29",
        "BYHOUR=0,12 trong quy tắc lặp: hạn của một việc là một ngày; tthc chỉ nhận FREQ "
        "YEARLY, MONTHLY, WEEKLY hoặc DAILY, không giờ, phút, giây hay BYEASTER.",
        "Bỏ BYHOUR=0,12; ví dụ FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=16.",
    )


def test_a_rule_with_no_day_in_the_plan_year_is_refused_at_once(tmp_path: Path) -> None:
    """dateutil walks a rule that never matches (30 February) day by day to the year
    9999, three seconds a rule; it is refused in milliseconds."""
    folder, line = _with_rule(tmp_path, "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")
    _refused(
        folder,
        f"plans/2024.yaml:{line}:18",
        "Quy tắc lặp không cho ngày nào trong năm 2024 của kế hoạch.",
        "Quy tắc bắt đầu từ 01/01/2024: kiểm tra UNTIL, COUNT và các BY..., ví dụ "
        "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=16.",
    )
    started = time.perf_counter()
    for _ in range(20):
        with pytest.raises(RuleError):
            explicit_days("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", 2024)
    assert time.perf_counter() - started < 2  # dateutil alone: 60 s


def test_a_second_property_is_refused(tmp_path: Path) -> None:
    """DTSTART would move the rule off the plan's year; RDATE, EXDATE escape the bounds."""
    folder, line = _with_rule(tmp_path, "DTSTART:20240105")
    _refused(
        folder,
        f"plans/2024.yaml:{line}:18",
        "dates.rrule chỉ ghi một quy tắc RRULE trên một dòng, không kèm DTSTART, RDATE, "
        "EXDATE hay quy tắc thứ hai.",
        "Ví dụ FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=16; quy tắc bắt đầu từ 01/01 của "
        "năm kế hoạch.",
    )


def test_a_bounded_rule_shows_its_days(tmp_path: Path) -> None:
    folder, _ = _with_rule(tmp_path, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;COUNT=3")
    before = snapshot(folder)
    assert in_process.tthc(folder, "validate").returncode == 0
    done = in_process.tthc(folder, "show", "II.5", "--today", "2024-01-20")
    assert done.returncode == 0, done.stderr
    for day in ("01/01/2024", "15/01/2024", "29/01/2024"):
        assert day in done.stdout
    assert snapshot(folder) == before


_RULES = [
    "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=20",
    "FREQ=DAILY",
    "FREQ=DAILY;INTERVAL=3;BYDAY=MO,FR",
    "FREQ=WEEKLY;BYDAY=MO;BYWEEKNO=1,52,53",
    "FREQ=WEEKLY;WKST=SU;INTERVAL=2;BYDAY=SU,SA",
    "FREQ=YEARLY;BYYEARDAY=1,-1,366",
    "FREQ=YEARLY;BYDAY=-1MO;BYMONTH=12",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
    "FREQ=MONTHLY;BYMONTHDAY=-1;INTERVAL=5",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
    "FREQ=YEARLY;BYWEEKNO=53;BYDAY=TH",
]


@pytest.mark.parametrize("year", [1990, 1999, 2023, 2024, 2099, 2100])
@pytest.mark.parametrize("rule", _RULES)
def test_the_days_are_dateutils_own(rule: str, year: int) -> None:
    """The bounded walk gives exactly what dateutil gives over the plan's year."""
    first = datetime(year, 1, 1)
    expected = rrulestr(rule, dtstart=first).between(
        first, datetime(year, 12, 31, 23, 59), inc=True
    )
    try:
        days = explicit_days(rule, year)
    except RuleError:
        assert expected == []
        return
    assert list(days) == [moment.date() for moment in expected]
    assert len(days) <= MAX_RULE_DAYS


def test_until_and_count_end_the_rule_inside_the_year() -> None:
    assert len(explicit_days("FREQ=DAILY;UNTIL=20240301", 2024)) == 61
    assert explicit_days("FREQ=DAILY;UNTIL=20240301T120000", 2024)[-1].isoformat() == ("2024-03-01")
    assert len(explicit_days("FREQ=MONTHLY;COUNT=40", 2024)) == 12
    with pytest.raises(RuleError, match="COUNT và UNTIL"):
        explicit_days("FREQ=DAILY;COUNT=2;UNTIL=20240301", 2024)
    with pytest.raises(RuleError, match="không cho ngày nào trong năm 2024"):
        explicit_days("FREQ=DAILY;UNTIL=20231231", 2024)


@pytest.mark.parametrize(
    ("rule", "offset", "words"),
    [
        ("FREQ=DAILY;INTERVAL=-1", 11, "INTERVAL=-1 trong quy tắc lặp"),
        ("FREQ=DAILY;INTERVAL=1000000", 11, "khoảng lặp phải là số từ 1 đến 999999"),
        ("FREQ=DAILY;INTERVAL=" + "9" * 5000, 11, "khoảng lặp phải là số từ 1 đến 999999"),
        ("FREQ=MONTHLY;BYEASTER=0", 13, "BYEASTER=0 trong quy tắc lặp"),
        ("FREQ=SOMETIMES", 0, "FREQ=SOMETIMES không có trong RFC 5545"),
        ("INTERVAL=2", 0, "thiếu FREQ"),
        ("FREQ=DAILY;;", 11, "«» không có dạng TÊN=GIÁ TRỊ"),
        ("FREQ=DAILY; COUNT=2", 0, "có dấu cách"),
        ("FREQ=DAILY;UNTIL=99999999999999999999", 0, "Quy tắc lặp RRULE không hợp lệ"),
        ("FREQ=DAILY;UNTIL=20240301T000000Z", 0, "Quy tắc lặp RRULE không hợp lệ"),
    ],
)
def test_each_bound_is_named_at_its_part(rule: str, offset: int, words: str) -> None:
    with pytest.raises(RuleError) as caught:
        explicit_days(rule, 2024)
    assert words in str(caught.value)
    assert caught.value.offset == offset
