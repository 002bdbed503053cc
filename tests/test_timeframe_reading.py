"""A date is read right or refused (issue 26).

Every row of the issue's table with its exact reading; relative years and
periods, Tết and the lunar calendar, working days; characters that only look
like digits; words of time that no reading used; a phrase of 100 KB. The
property test of every connective over every point with a relative year is
in tests/test_timeframe_compose.py.
"""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr

from tests.conftest import TthcRunner
from tthc_plan.cli import app
from tthc_plan.core import PLAN_YEARS
from tthc_plan.core.timeframe import (
    CivilCalendar,
    Deadline,
    Ongoing,
    ReportingCalendar,
    Timeframe,
    TimeframeError,
    Window,
    parse_timeframe,
    render_part,
)
from tthc_plan.core.timeframe.civil import can_chi_year, lunar_date, tet
from tthc_plan.core.timeframe.types import Recurring
from tthc_plan.store.schema import Plan


def _dues(timeframe: Timeframe) -> list[str]:
    """Every due date a phrase gives, as `tthc timeframe` lists them, in order."""
    dated = [p.due for p in timeframe.parts if isinstance(p, Deadline | Window)]
    dated += [o.due for o in timeframe.occurrences(ReportingCalendar())]
    return [day.isoformat() for day in dated]


def _refused(text: str, year: int = 2024) -> TimeframeError:
    with pytest.raises(TimeframeError) as error:
        parse_timeframe(text, year=year)
    return error.value


# The issue's table: the phrase, the plan's year, every due date (None: refused).
TABLE = [
    ("Gửi báo cáo trước ngày 20/01 năm sau", 2024, ["2025-01-19"]),
    ("Quý II năm sau", 2024, ["2025-06-30"]),
    ("Trước ngày 15 tháng đầu quý sau", 2024,
     ["2024-04-14", "2024-07-14", "2024-10-14", "2025-01-14"]),
    ("Trước ngày 20/12/2024, năm 2025 trước ngày 20/12/2025", 2024,
     ["2024-12-19", "2025-12-19"]),
    ("Trước 10/0l/2024", 2024, None),
    ("ngày 31 hằng tháng", 2024,
     ["2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31", "2024-06-30",
      "2024-07-31", "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30", "2024-12-31"]),
    ("Trước ngày 01 hằng tháng", 2024,
     ["2023-12-31", "2024-01-31", "2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31",
      "2024-06-30", "2024-07-31", "2024-08-31", "2024-09-30", "2024-10-31", "2024-11-30"]),
    ("Tháng 3 tới tháng 6/2024", 2024, ["2024-06-30"]),
    ("Từ 15/01 đến 10/01/2024", 2024, None),
    ("Trong 10 ngày làm việc sau khi kết thúc quý", 2024,
     # Q1: 30/4-1/5 are later; 12/04 is the 10th weekday after 31/03 (no holiday between).
     # Q2: 12/07. Q3: 14/10. Q4: 01/01/2025 is off, so 15/01/2025.
     ["2024-04-12", "2024-07-12", "2024-10-14", "2025-01-15"]),
    ("Trước Tết Nguyên đán", 2026, ["2026-02-16"]),
]  # fmt: skip


@pytest.mark.parametrize(("text", "year", "dues"), TABLE)
def test_the_issues_table(text: str, year: int, dues: list[str] | None) -> None:
    if dues is None:
        _refused(text, year)
        return
    timeframe = parse_timeframe(text, year=year)
    assert _dues(timeframe) == dues


def test_the_table_in_detail() -> None:
    # "Quý II năm sau" is the whole quarter of the next year.
    assert parse_timeframe("Quý II năm sau", year=2024).parts == (
        Deadline(date(2025, 6, 30), date(2025, 4, 1)),
    )
    # The quarters are the plan's: each named by its period.
    quarterly = parse_timeframe("Trước ngày 15 tháng đầu quý sau", year=2024)
    periods = [o.period for o in quarterly.occurrences(ReportingCalendar())]
    assert periods == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    assert parse_timeframe("Tháng 3 tới tháng 6/2024", year=2024).parts == (
        Window(date(2024, 3, 1), date(2024, 6, 30)),
    )
    # A start is carried back a year only when its month comes after the end's.
    assert parse_timeframe("Từ 15/12 đến 10/01/2024", year=2024).parts == (
        Window(date(2023, 12, 15), date(2024, 1, 10)),
    )
    assert "kết thúc trước khi bắt đầu" in str(_refused("Từ 15/01 đến 10/01/2024"))


def test_a_letter_among_digits_is_an_error_at_that_word() -> None:
    error = _refused("Trước 10/0l/2024")
    assert str(error) == (
        "«0l» có ký tự «l» (U+006C) trông giống chữ số hoặc chữ cái nhưng không phải "
        "(trong «Trước 10/0l/2024»)."
    )
    assert error.part == "0l"
    assert error.offset == len("Trước 10/")
    assert _refused("Trước ngày 15/01/2O24").part == "2O24"


def test_a_letter_of_another_script_is_an_error() -> None:
    cyrillic = "Тrước 10/01/2024"  # the first letter is U+0422
    error = _refused(cyrillic)
    assert error.part == "Тrước"
    assert "U+0422" in str(error)
    assert "U+0441" in str(_refused("Trươс ngày 10/01/2024"))  # a Cyrillic "с" at the end


def test_fullwidth_digits_and_invisible_characters_are_folded_away() -> None:
    for text in ("Trước １０/０１/２０２４", "Trước 10/01/20\u200b24", "Trư\u00adớc 10/01/2024",
                 "\ufeffTrước 10/01/2024"):  # fmt: skip
        timeframe = parse_timeframe(text, year=2024)
        assert timeframe.parts == (Deadline(date(2024, 1, 9)),), text
        assert timeframe.text == "Trước 10/01/2024"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Gửi báo cáo trước ngày 20/01 tuần sau", "tuần"),
        ("Hoàn thành trong quý sau", "quý"),
        ("Trước ngày 15 tháng sau", "tháng"),
        ("Xong trước 10/01/2024, chậm hơn 5 ngày", "5"),
        ("Trong năm 2024, sau đó báo cáo kỳ sau", "sau"),
        ("Trước ngày 10/3 âm lịch nhuận", "nhuận"),
    ],
)
def test_a_word_of_time_no_reading_used_makes_an_error(text: str, word: str) -> None:
    assert word in str(_refused(text)).split("(trong")[0]


def test_words_without_time_stay_a_note() -> None:
    timeframe = parse_timeframe("Hoàn thành trong năm 2024 và có rà soát, điều chỉnh", year=2024)
    assert timeframe.parts == (Deadline(date(2024, 12, 31), date(2024, 1, 1)),)
    assert timeframe.note == "có rà soát điều chỉnh"
    # "như sau", "hiện nay", "hướng tới" are not words of time.
    for text in ("Trước ngày 15/3/2024 như sau", "Trước ngày 15/3/2024, hướng tới chuyển đổi số"):
        assert _dues(parse_timeframe(text, year=2024)) == ["2024-03-14"], text


# Relative years: the plan's own, the next one, the one before.
@pytest.mark.parametrize(
    ("words", "year"),
    [
        ("năm nay", 2024), ("của năm báo cáo", 2024), ("năm sau", 2025), ("năm tới", 2025),
        ("năm kế tiếp", 2025), ("năm tiếp theo", 2025), ("năm liền kề", 2025),
        ("năm liền kề năm báo cáo", 2025), ("năm liền sau", 2025), ("năm trước", 2023),
        ("năm liền trước", 2023), ("của năm sau", 2025),
    ],
)  # fmt: skip
def test_relative_years_count_from_the_plans_year(words: str, year: int) -> None:
    assert _dues(parse_timeframe(f"Chậm nhất ngày 20/01 {words}", year=2024)) == [f"{year}-01-20"]
    assert _dues(parse_timeframe(f"Tháng 6 {words}", year=2024)) == [f"{year}-06-30"]


def test_relative_years_inside_a_recurrence_count_from_each_period() -> None:
    yearly = parse_timeframe("Hằng năm, chậm nhất ngày 20/01 năm sau", year=2024)
    assert [(o.period, o.due) for o in yearly.occurrences(ReportingCalendar())] == [
        ("2024", date(2025, 1, 20))
    ]
    cut = parse_timeframe("Hằng năm, trước ngày 31/01 của năm liền sau năm báo cáo", year=2026)
    assert _dues(cut) == ["2027-01-30"]


@pytest.mark.parametrize(
    ("text", "dues"),
    [
        ("Hằng tháng, trước ngày 05 tháng sau",
         [f"2024-{m:02d}-04" for m in range(2, 13)] + ["2025-01-04"]),
        ("Chậm nhất ngày 15 của tháng cuối quý",
         ["2024-03-15", "2024-06-15", "2024-09-15", "2024-12-15"]),
        ("Báo cáo quý trước ngày 10 của tháng cuối kỳ báo cáo",
         ["2024-03-09", "2024-06-09", "2024-09-09", "2024-12-09"]),
        ("Báo cáo tháng, chậm nhất ngày 25 tháng báo cáo",
         [f"2024-{m:02d}-25" for m in range(1, 13)]),
        ("Hằng quý, trong tháng cuối quý",
         ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]),
        ("Hằng tháng, trong 05 ngày đầu của tháng sau",
         [f"2024-{m:02d}-05" for m in range(2, 13)] + ["2025-01-05"]),
        ("UBND các xã gửi báo cáo định kỳ hằng quý trước ngày 15 của tháng cuối quý",
         ["2024-03-14", "2024-06-14", "2024-09-14", "2024-12-14"]),
    ],
)  # fmt: skip
def test_relative_periods(text: str, dues: list[str]) -> None:
    assert _dues(parse_timeframe(text, year=2024)) == dues


def test_every_rule_writes_the_rrule_of_its_dates() -> None:
    """The RRULE text, read by dateutil, gives the same days as the typed rule."""
    phrases = ("ngày 31 hằng tháng", "Trước ngày 01 hằng tháng", "Trước ngày 20 hằng tháng",
               "Trước ngày 15 tháng đầu quý sau", "Chậm nhất ngày 15 của tháng cuối quý",
               "Tháng 12 hằng năm", "trước ngày 01/6 và 15/11 hằng năm",
               "Hằng năm, chậm nhất ngày 20/01 năm sau", "ngày 30 hằng tháng")  # fmt: skip
    for text in phrases:
        for part in parse_timeframe(text, year=2024).parts:
            assert isinstance(part, Recurring), text
            assert part.rule is not None, text
            first = datetime.combine(part.dates[0].due, time())
            last = datetime.combine(part.dates[-1].due, time())
            rule = rrulestr(part.rule, dtstart=first)
            days = [d.date() for d in rule.between(first, last, inc=True)]
            assert days == [o.due for o in part.dates], text


# Tết, lunar years, can-chi.


def test_tet_is_vietnams_not_chinas() -> None:
    assert tet(2007) == date(2007, 2, 17)  # China: 18/02
    assert tet(1985) == date(1985, 1, 21)  # China: 20/02
    assert tet(2024) == date(2024, 2, 10)
    assert tet(2026) == date(2026, 2, 17)


def test_can_chi_names_their_year() -> None:
    assert can_chi_year("giap", "thin", 2024) == 2024
    assert can_chi_year("at", "ty", 2025) == 2025  # Ất Tỵ
    assert can_chi_year("at", "ti", 2025) == 2025  # Ất Tị
    assert can_chi_year("binh", "ngo", 2026) == 2026
    assert can_chi_year("giap", "ty", 2026) == 2044  # Giáp Tý: the nearest one
    assert can_chi_year("giap", "suu", 2026) is None  # names no year


def test_tet_in_phrases() -> None:
    assert _dues(parse_timeframe("Trước Tết Nguyên đán Bính Ngọ", year=2025)) == ["2026-02-16"]
    assert _dues(parse_timeframe("Trước Tết Ất Tỵ", year=2024)) == ["2025-01-28"]
    assert _dues(parse_timeframe("Trước Tết Nguyên đán năm 2025", year=2024)) == ["2025-01-28"]
    assert _dues(parse_timeframe("Trước Tết Dương lịch 2025", year=2024)) == ["2024-12-31"]
    # A lunar year runs from Tết to Tết: January 2025 is still Giáp Thìn.
    assert parse_timeframe("Trong năm Giáp Thìn", year=2024).parts == (
        Deadline(date(2025, 1, 28), date(2024, 2, 10)),
    )
    _refused("Trước Tết Trung thu năm 2025")  # another feast, not the lunar new year
    _refused("Trước Tết Nguyên đán Giáp Thìn 2025")  # Giáp Thìn is 2024


@pytest.mark.parametrize(
    ("text", "year", "due"),
    [
        ("Chậm nhất ngày rằm tháng Giêng (âm lịch)", 2025, "2025-02-12"),
        ("Trước ngày 10/3 âm lịch", 2024, "2024-04-17"),  # Giỗ Tổ Hùng Vương: 18/04/2024
        ("Trước ngày 15/8 âm lịch", 2024, "2024-09-16"),
        ("Chậm nhất mùng 10 tháng Giêng âm lịch", 2025, "2025-02-07"),
        ("Trước ngày 23 tháng Chạp", 2024, "2025-01-21"),  # Chạp of Giáp Thìn is in 2025
        ("Trước ngày 15/12/2024 âm lịch", 2024, "2025-01-13"),
        ("Chậm nhất ngày 15/3/2024 (âm lịch)", 2024, "2024-04-23"),
    ],
)
def test_lunar_days(text: str, year: int, due: str) -> None:
    assert _dues(parse_timeframe(text, year=year)) == [due]


def test_the_two_lunar_calendars_agree_on_every_tet() -> None:
    """lunar_vn (lunar days) and holidays (Tết, days off): the same Tết, 1901-2099."""
    assert all(lunar_date(year, 1, 1) == tet(year) for year in range(1901, 2100))


def test_show_says_when_offices_break_for_tet() -> None:
    timeframe = parse_timeframe("Trước Tết Nguyên đán", year=2026)
    assert [str(r) for r in timeframe.remarks] == [
        "Mùng 1 Tết Nguyên đán năm 2026 là 17/02/2026; cơ quan nhà nước nghỉ Tết từ "
        "14/02/2026 (lịch nghỉ của Việt Nam; sửa ở «calendar:» của kế hoạch nếu khác)."
    ]
    result = TthcRunner().invoke(app, ["timeframe", "Trước Tết Nguyên đán", "--year", "2026"])
    assert result.exit_code == 0
    assert "nghỉ Tết từ 14/02/2026" in result.output


# Working days.


def test_working_days_skip_holidays_and_count_swapped_saturdays() -> None:
    civil = CivilCalendar()
    # 2024: 29/04 is off in place of Saturday 04/05, which is worked; 30/04 and 01/05 off.
    assert not civil.is_working_day(date(2024, 4, 29))
    assert civil.is_working_day(date(2024, 5, 4))
    # From Friday 26/04/2024: 04/05 (Sat, worked) is the 3rd, 06/05 the 4th.
    timeframe = parse_timeframe("Trong 4 ngày làm việc kể từ ngày 26/4/2024", year=2024)
    assert _dues(timeframe) == ["2024-05-06"]
    assert [str(r) for r in timeframe.remarks] == [
        "Ngày nghỉ đã trừ khi đếm ngày làm việc (ngoài thứ Bảy, Chủ nhật): "
        "29/04/2024, 30/04/2024, 01/05/2024."
    ]
    # 2025: 02/05 is off in place of Saturday 26/04.
    assert not civil.is_working_day(date(2025, 5, 2))
    assert civil.is_working_day(date(2025, 4, 26))


def test_a_plan_may_add_days_off_and_working_days() -> None:
    plain = parse_timeframe("Trong 10 ngày làm việc sau khi kết thúc quý", year=2024)
    civil = CivilCalendar(days_off=(date(2024, 4, 5),), working_days=(date(2024, 4, 6),))
    changed = parse_timeframe("Trong 10 ngày làm việc sau khi kết thúc quý", year=2024, civil=civil)
    assert _dues(plain)[0] == "2024-04-12"
    assert _dues(changed)[0] == "2024-04-12"  # one day off, one Saturday worked
    civil = CivilCalendar(days_off=(date(2024, 4, 5),))
    later = parse_timeframe("Trong 10 ngày làm việc sau khi kết thúc quý", year=2024, civil=civil)
    assert _dues(later)[0] == "2024-04-15"


def test_calendar_days_that_end_on_a_day_off_end_on_the_next_working_day() -> None:
    # Bộ luật Dân sự Điều 148: 10 days from 20/4/2024 end on 30/4 (a holiday), so on 02/05.
    timeframe = parse_timeframe("Trong 10 ngày kể từ ngày 20/4/2024", year=2024)
    assert _dues(timeframe) == ["2024-05-02"]


def test_a_working_day_count_around_a_point() -> None:
    assert _dues(parse_timeframe("Trong 03 ngày làm việc đầu tháng 7/2024", year=2024)) == [
        "2024-07-03"
    ]
    assert _dues(
        parse_timeframe("Trong 05 ngày làm việc sau khi kết thúc quý I/2025", year=2025)
    ) == ["2025-04-08"]  # 07/04/2025 is Giỗ Tổ Hùng Vương
    # 30/6/2024 is a Sunday: the 5th working day before it is Monday 24/06.
    assert _dues(parse_timeframe("Chậm nhất 5 ngày làm việc trước ngày 30/6/2024", year=2024)) == [
        "2024-06-24"
    ]


# Trust: two times side by side, a weekday that is not the date's, a dangling range.


@pytest.mark.parametrize(
    "text",
    [
        "Trước ngày 15/01/2024 năm sau",
        "Tháng 6/2024 năm 2025",
        "Tháng 8 quý II/2024",
        "Trước ngày 15/3/2024 đến ngày 20/3/2024",
        "Chậm nhất ngày 10/4/2026 (thứ Hai)",
        "Từ ngày 01/4/2024 đến",
        "ngày 15/8 âm lịch hằng năm",  # a repetition of a day no rule was read for
        "Trước ngày 30 tháng Giêng âm lịch",  # Giêng of Giáp Thìn has 29 days
    ],
)
def test_what_cannot_be_one_date_is_refused(text: str) -> None:
    _refused(text)


def test_a_weekday_that_is_the_dates_is_read() -> None:
    assert _dues(parse_timeframe("Chậm nhất ngày 10/4/2026 (thứ Sáu)", year=2026)) == ["2026-04-10"]


def test_a_document_and_a_deadline_after_it() -> None:
    text = (
        "Thực hiện theo Công văn số 215/VP-KSTT ngày 10/01/2024 của Văn phòng UBND tỉnh, "
        "hoàn thành trước ngày 31/3/2024"
    )
    assert _dues(parse_timeframe(text, year=2024)) == ["2024-03-30"]


@pytest.mark.parametrize(
    "sizes",
    [
        (3000, 1600, 600),
        pytest.param((15000, 8000, 3000), marks=[pytest.mark.slow, pytest.mark.untraced]),
    ],
)
def test_a_long_phrase_is_read_without_recursion(sizes: tuple[int, int, int]) -> None:
    """The readers look ahead once from each place: 100 KB read in linear time (`make
    check` reads a fifth of it, still thrice as many parts as Python's recursion limit;
    the whole goes the same way through the readers, untraced by coverage)."""
    events, requests, dated = sizes
    events_read = parse_timeframe("khi a, " * events, year=2024)
    assert len(events_read.parts) == events
    assert {part.kind.value for part in events_read.parts} == {"after_event"}
    requested = parse_timeframe("theo yêu cầu " * requests, year=2024)
    assert requested.kind.value == "on_request"
    deadlines = parse_timeframe("Trước ngày 10/01/2024, " * dated, year=2024)
    assert set(deadlines.parts) == {Deadline(date(2024, 1, 9))}


def test_one_range_of_plan_years_for_the_schema_the_grammar_and_the_command_line() -> None:
    assert PLAN_YEARS == (1990, 2100)
    _refused("Trước 10/01/2024", year=2101)
    assert parse_timeframe("Trước 02/01/2100", year=2100).due == date(2100, 1, 1)
    result = TthcRunner().invoke(app, ["timeframe", "Trước 10/01", "--year", "1989"])
    assert result.exit_code == 2
    assert "1990" in result.output
    schema = Plan.model_json_schema()["$defs"]["PlanInfo"]["properties"]["year"]
    assert (schema["minimum"], schema["maximum"]) == PLAN_YEARS


@pytest.mark.parametrize(
    "text",
    [
        "ngày 31 hằng tháng", "Trước ngày 01 hằng tháng", "Hằng tháng, trước ngày 05 tháng sau",
        "Trước ngày 15 tháng đầu quý sau", "Chậm nhất ngày 15 của tháng cuối quý",
        "Hằng quý, trong tháng cuối quý", "Tháng 2 hằng năm", "trước ngày 01/6 và 15/11 hằng năm",
        "Hằng năm, chậm nhất ngày 20/01 năm sau", "Trong 10 ngày làm việc sau khi kết thúc quý",
        "Trong 5 ngày sau khi kết thúc tháng",
        "Hằng quý, chậm nhất ngày 10 của tháng thứ hai quý sau",
    ],
)  # fmt: skip
def test_each_rule_has_a_phrase_that_reads_back(text: str) -> None:
    for year in (2024, 2025):
        timeframe = parse_timeframe(text, year=year)
        for part in timeframe.parts:
            assert isinstance(part, Recurring)
            again = parse_timeframe(render_part(part), year=year)
            dues = [o.due for o in again.occurrences(ReportingCalendar())]
            assert dues == [o.due for o in part.dates], render_part(part)


def test_the_readmes_example_of_a_refusal_is_what_tthc_prints() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split('$ tthc timeframe "Hoàn thành trong quý sau" --year 2024\n')[1]
    expected = block.split("\n```")[0]
    result = TthcRunner().invoke(app, ["timeframe", "Hoàn thành trong quý sau", "--year", "2024"])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == expected


# An outside review's phrases that printed a wrong date (issue 26): each is now
# read right or refused. None: refused.
REVIEWED = [
    ("Từ năm nay đến năm 2030", 2024, ["2030-12-31"]),
    ("Từ tháng 12 năm trước đến tháng 01 năm sau", 2024, ["2025-01-31"]),
    ("Quý I năm sau và quý II/2026", 2024, ["2025-03-31", "2026-06-30"]),
    ("Từ năm sau đến năm 2030", 2024, ["2030-12-31"]),
    ("Đợt 1 tháng 3, đợt 2 tháng 9", 2024, None),
    ("3 tháng 1 lần", 2024, None),
    ("Tháng 1 lần", 2024, None),
    ("Quý 1 lần", 2024, None),
    ("Thông tư 01/2024/TT-BNV", 2024, None),
    ("Hằng năm, trước ngày 20 tháng Sáu", 2024, None),
    ("Trước 30/6/2024\nGia hạn đến cuối quý sau", 2024, None),
    ("Trước 30/6/2024. Lùi 2 tuần", 2024, None),
    ("Từ đầu tháng 6 đến cuối tháng 8", 2024, ["2024-08-31"]),
    ("Từ tháng 6/2024 đến khi hết năm 2025", 2024, ["2025-12-31"]),
    ("Nửa đầu năm 2024", 2024, ["2024-06-30"]),
    ("Nửa đầu tháng 6", 2024, None),
    ("Giữa và cuối năm", 2024, ["2024-06-30", "2024-12-31"]),
    ("Đầu năm Ất Tỵ", 2024, None),
    ("Cuối mỗi tháng", 2024, [f"2024-{m:02d}-{d}" for m, d in zip(range(1, 13),
     (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31), strict=True)]),
    ("Đầu mỗi quý", 2024, ["2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01"]),
    ("Cuối tháng 6 hằng năm", 2024, ["2024-06-30"]),
    ("15/6 và 15/12 hằng năm", 2024, None),
    ("Hằng năm, tháng 12", 2024, ["2024-12-31"]),
    ("Hằng năm trong tháng 1 năm sau", 2024, ["2025-01-31"]),
    ("Hằng năm, trước Tết", 2024, None),
    ("Quý I năm sau hằng năm", 2024, ["2025-03-31"]),
    ("Hằng quý, chậm nhất ngày 20/01 năm sau", 2024, None),
    ("Báo cáo quý và năm trước ngày 20 tháng cuối quý", 2024, None),
    ("Theo Kế hoạch 17/KH-UBND hoàn thành trước 30/6/2024", 2024, ["2024-06-29"]),
    ("Năm 2025 và các năm sau", 2024, []),
    ("Từ ngày 01/7/2024 đến 31/12", 2025, ["2024-12-31"]),
    ("15/6/2024 và 15/12", 2025, ["2024-06-15", "2024-12-15"]),
    ("2024-01-10", 2024, ["2024-01-10"]),
    ("6-12/2024", 2024, None),
    ("Giỗ Tổ Hùng Vương (10/3)", 2024, None),
    ("Ngày 10/01 (thứ Năm)", 2024, None),
    ("Ngày 13/01 (CN)", 2024, None),
    ("Hoàn thành trước 30/6/2024 - 31/12/2024", 2024, None),
    ("Tháng 6, năm 2024", 2024, None),
    ("Trước ngày 10/01//2024", 2024, None),
    ("Năm Bính Tỵ", 2024, None),  # Bính goes with Tý, never with Tỵ
    ("1. Trước 30/6/2024\n2. Trước 31/12/2024", 2024, ["2024-06-29", "2024-12-30"]),
    ("Trước 16h ngày 10/01/2024", 2024, ["2024-01-10"]),
    ("Sau ngày 15/3/2024", 2024, []),
    ("Sau Tết", 2024, None),
]  # fmt: skip


def test_every_part_has_a_canonical_phrase() -> None:
    """A lunar year crashed `tthc timeframe --format json`, `validate`, `show`."""
    for text in ("Năm Giáp Thìn", "Trong năm Ất Tỵ", "Tổng kết năm Giáp Thìn"):
        for part in parse_timeframe(text, year=2024).parts:
            assert render_part(part).startswith("Năm ")
    result = TthcRunner().invoke(
        app, ["timeframe", "Năm Giáp Thìn", "--year", "2024", "--format", "json"]
    )
    assert result.exit_code == 0
    assert '"canonical": "Năm Giáp Thìn"' in result.output


def test_a_data_window_is_read_and_checked_against_the_reporting_calendar(tmp_path: Path) -> None:
    text = (
        "Báo cáo quý; thời gian chốt số liệu tính từ ngày 15 tháng 12 năm trước kỳ báo cáo "
        "đến ngày 14 tháng 3 thuộc kỳ báo cáo"
    )
    timeframe = parse_timeframe(text, year=2024)
    assert timeframe.cutoff_day == 14
    assert _dues(timeframe) == ["2024-03-16", "2024-06-16", "2024-09-16", "2024-12-16"]
    _refused(text.replace("ngày 15 tháng 12", "ngày 20 tháng 12"))  # a gap in the data
    # Days and months in words, with no reporting period: a time to do the work in.
    work = parse_timeframe("Từ ngày 15 tháng 12 đến ngày 20 tháng 12 năm 2024", year=2024)
    assert (work.cutoff_day, _dues(work)) == (None, ["2024-12-20"])
    plan = (Path(__file__).parents[1] / "plans" / "2024.yaml").read_text(encoding="utf-8")
    assert "timeframe: Báo cáo quý, BC năm;" in plan
    other_day = text.replace("ngày 15 tháng 12", "ngày 16 tháng 12").replace("ngày 14", "ngày 15")
    folder = tmp_path / "plans"
    folder.mkdir()
    (folder / "2024.yaml").write_text(
        plan.replace("timeframe: Báo cáo quý, BC năm;", f"timeframe: {other_day};", 1),
        encoding="utf-8",
    )
    result = TthcRunner().invoke(app, ["--no-cache", "validate", str(folder)])
    assert result.exit_code == 1
    assert "CUTOFF_DAY" in result.output
    assert "chốt số liệu ngày 15, nhưng lịch báo cáo của kế hoạch chốt ngày 14" in result.output


# A second outside review's phrases (issue 26). None: refused.
REVIEWED_AGAIN = [
    ("Từ đầu tháng 3 đến tháng 6/2024", 2024, ["2024-06-30"]),  # the start's edge is its own
    ("Từ giữa năm 2024 đến năm 2025", 2024, ["2025-12-31"]),
    ("Quý 2-3/2024", 2024, ["2024-09-30"]),
    ("Quý 1, 2/2025", 2024, ["2025-03-31", "2025-06-30"]),
    ("Quý I/II/2024", 2024, None),
    ("Tháng 6 IV/2024", 2024, None),
    ("Trước 30/6 hoặc 31/12/2024", 2024, None),
    ("Trước ngày 15/8 (ÂL)", 2024, ["2024-09-16"]),
    ("Ngày 10/3 AL", 2024, ["2024-04-18"]),
    ("Trước ngày 10/3 theo lịch âm", 2024, ["2024-04-17"]),
    ("Rằm tháng Giêng Ất Tỵ", 2024, ["2025-02-12"]),
    ("Trước Tết (Ất Tỵ)", 2024, ["2025-01-28"]),
    ("Tháng 6 Ất Tỵ", 2024, None),
    ("Năm 2026 (Ất Tỵ)", 2024, None),
    ("Trước 30/6 (nay)", 2024, None),
    ("Thứ Hai, ngày 15/3/2024", 2024, None),
    ("Ngày 18/3/2024 (Chủ nhật)", 2024, None),
    ("Ngày 15/3/2024 (thứ 6)", 2024, ["2024-03-15"]),
    ("Thứ Sáu cuối cùng của tháng 6/2024", 2024, None),
    ("Quý II nămsau", 2024, None),
    ("Truocngay 15/6/2024", 2024, None),
    ("Ngày 15/3 âmlịch", 2024, None),
    ("Trước ngày 15 tháng 6 và tháng 12 hằng năm", 2024, ["2024-06-14", "2024-12-14"]),
    ("Báo cáo quý trước ngày 15 các tháng 3, 6, 9, 12", 2024,
     ["2024-03-14", "2024-06-14", "2024-09-14", "2024-12-14"]),
    ("Hằng năm, trước ngày 20 tháng đầu quý sau", 2024, None),
    ("Hang nam, truoc ngay 20 thang sau", 2024, None),  # "tháng sau" or "tháng Sáu"?
    ("Trước ngày 15 hằng quý", 2024, None),  # in which month of the quarter?
    ("Trước 30/6 [năm sau]", 2024, None),
    ("Trước 30/6/2024, lùi sang năm sau", 2024, None),
    ("Trong 30 ngày trước ngày 15/3/2024", 2024, None),
    ("Quý I, trước ngày 15/3", 2024, ["2024-03-14"]),
    ("Năm 2024, xong trước 15/12/2024", 2024, ["2024-12-14"]),
    ("Cuối đầu tháng 6", 2024, None),
]  # fmt: skip


# A third outside review's phrases (issue 26). None: refused.
REVIEWED_THIRD = [
    ("Q2/2025", 2024, ["2025-06-30"]),
    ("H1/2025", 2024, ["2025-06-30"]),
    ("Giai đoạn 2/2025", 2024, None),  # phase 2, not February
    ("Quý III – 2025", 2024, ["2025-09-30"]),  # an en dash before a year, as Word writes it
    ("Tháng 6 – 2025", 2024, ["2025-06-30"]),
    ("Trước 0h ngày 15/3/2024", 2024, ["2024-03-14"]),  # midnight: the end of the 14th
    ("Tháng 12/2024 và tháng 1", 2024, ["2024-12-31", "2025-01-31"]),  # a list runs forward
    ("Quý IV, quý I/2025", 2024, ["2024-12-31", "2025-03-31"]),
    ("Quý I/2025; quý II", 2024, None),  # which year is the second quarter's?
    ("Trước 15/6 và chậm nhất 15/12/2025", 2024, None),
    ("Trước 30/6/2025 (Mẫu 02/2025)", 2024, None),  # a form's number, not February
    ("Phụ lục 2/2025", 2024, None),
    ("Hằng năm, tổng kết trước 15/12", 2024, None),  # each year on 16/12, or once?
    ("Báo cáo quý; trước ngày 15 tháng cuối quý", 2024,
     ["2024-03-14", "2024-06-14", "2024-09-14", "2024-12-14"]),
    ("Bắt đầu tháng 6/2024", 2024, []),  # a start, not a deadline
    ("Ban đầu tháng 6/2024", 2024, None),
    ("Từ khi Luật có hiệu lực (01/7/2024)", 2024, None),
    ("Sớm nhất ngày 30/6/2024", 2024, None),
    ("Sau 30/6/2024 đến 31/7/2024", 2024, ["2024-07-31"]),
    ("Không trước ngày 30/6/2024", 2024, None),
    ("Năm 2024, trừ tháng 6", 2024, None),
    ("Ngừng thực hiện từ 01/7/2024", 2024, None),
    ("Giai đoạn 2026-2030, tầm nhìn 2045", 2024, None),
    ("Định kỳ 6 tháng, chậm nhất ngày 20/6 và 20/12", 2024, ["2024-06-20", "2024-12-20"]),
    ("Theo Kế hoạch 12/KH-UBND ngày 05/3/2023, hoàn thành trước 30/6", 2024, ["2024-06-29"]),
    ("Trong 02 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ", 2024, []),  # after an event
]  # fmt: skip


@pytest.mark.parametrize(("text", "year", "dues"), REVIEWED + REVIEWED_AGAIN + REVIEWED_THIRD)
def test_what_three_outside_reviews_found(text: str, year: int, dues: list[str] | None) -> None:
    """Each phrase printed a wrong date before; it is read right or refused now."""
    if dues is None:
        _refused(text, year)
    else:
        assert _dues(parse_timeframe(text, year=year)) == dues


def test_a_start_after_a_day_begins_the_next_day() -> None:
    assert parse_timeframe("Sau 30/6/2024 đến 31/7/2024", year=2024).parts == (
        Window(date(2024, 7, 1), date(2024, 7, 31)),
    )
    assert parse_timeframe("Bắt đầu quý III/2024", year=2024).parts == (
        Ongoing(start=date(2024, 7, 1)),
    )


def test_periodic_work_without_a_schedule_is_said_not_guessed() -> None:
    timeframe = parse_timeframe("Định kỳ cập nhật kết quả kiểm kê", year=2026)
    assert timeframe.parts == (Ongoing(),)
    assert [str(r) for r in timeframe.remarks] == [
        "«Định kỳ» không nói bao lâu một lần: hiểu là việc thường xuyên, không có hạn."
    ]
