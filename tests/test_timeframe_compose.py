"""Every connective over every kind of point, written as people write them (issue 19).

The test writes each point in the ways the corpus shows (a day "01/6/2026" or
"ngày 1 tháng 6 năm 2026", a month "tháng 6/2026" or "6/2026", a quarter
"Quý II/2026" or "quí 2 năm 2026", a half year, a year), puts it under each
connective, and computes the expected part from the calendar by itself; then
the canonical phrase of that part (`render_part`) must read back to it.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc_plan.core.timeframe import (
    Deadline,
    Ongoing,
    Part,
    ReportingCalendar,
    TimeframeError,
    Window,
    parse_timeframe,
    render_part,
)

ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Written:
    """A point as written, with its first and last day from the calendar."""

    text: str
    first: date
    last: date
    day: bool = False


def _last_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


@st.composite
def days(draw: st.DrawFn) -> Written:
    day = draw(st.dates(date(2024, 1, 1), date(2031, 12, 31)))
    text = draw(
        st.sampled_from(
            (
                f"{day.day:02d}/{day.month:02d}/{day.year}",
                f"{day.day}/{day.month}/{day.year}",
                f"ngày {day.day} tháng {day.month} năm {day.year}",
                f"ngày {day.day:02d}.{day.month:02d}.{day.year}",
            )
        )
    )
    return Written(text, day, day, day=True)


@st.composite
def months(draw: st.DrawFn) -> Written:
    year, month = draw(st.integers(2024, 2031)), draw(st.integers(1, 12))
    text = draw(
        st.sampled_from(
            (
                f"tháng {month}/{year}",
                f"tháng {month:02d}/{year}",
                f"{month}/{year}",
                f"tháng {month} năm {year}",
            )
        )
    )
    return Written(text, date(year, month, 1), _last_of_month(year, month))


@st.composite
def quarters(draw: st.DrawFn) -> Written:
    year, quarter = draw(st.integers(2024, 2031)), draw(st.integers(1, 4))
    roman = ROMAN[quarter - 1]
    text = draw(
        st.sampled_from(
            (
                f"quý {roman}/{year}",
                f"Quý {roman} năm {year}",
                f"quí {quarter} năm {year}",
                f"Quý {roman}-{year}",
            )
        )
    )
    return Written(text, date(year, quarter * 3 - 2, 1), _last_of_month(year, quarter * 3))


@st.composite
def halves(draw: st.DrawFn) -> Written:
    year, first = draw(st.integers(2024, 2031)), draw(st.booleans())
    if first:
        return Written(f"6 tháng đầu năm {year}", date(year, 1, 1), date(year, 6, 30))
    return Written(f"6 tháng cuối năm {year}", date(year, 7, 1), date(year, 12, 31))


@st.composite
def first_or_last_months(draw: st.DrawFn) -> Written:
    year, count, first = (
        draw(st.integers(2024, 2031)),
        draw(st.integers(1, 11)),
        draw(st.booleans()),
    )
    if first:
        return Written(
            f"{count} tháng đầu năm {year}", date(year, 1, 1), _last_of_month(year, count)
        )
    start = date(year, 13 - count, 1)
    return Written(f"{count} tháng cuối năm {year}", start, date(year, 12, 31))


@st.composite
def years(draw: st.DrawFn) -> Written:
    year = draw(st.integers(2024, 2031))
    return Written(f"năm {year}", date(year, 1, 1), date(year, 12, 31))


POINTS = st.one_of(days(), months(), quarters(), halves(), first_or_last_months(), years())

# A year said relative to the plan's (2026 in `_reads`), as plans say it (issue 26).
RELATIVE = {"năm nay": 0, "của năm báo cáo": 0, "năm sau": 1, "năm tới": 1, "năm kế tiếp": 1,
            "năm tiếp theo": 1, "năm liền kề": 1, "năm liền sau": 1, "của năm sau": 1,
            "năm trước": -1, "năm liền trước": -1}  # fmt: skip


@st.composite
def relative_points(draw: st.DrawFn) -> Written:
    """A point whose year is a relative year: "15/3 năm sau", "Quý II năm trước"."""
    words = draw(st.sampled_from(sorted(RELATIVE)))
    year = 2026 + RELATIVE[words]
    kind = draw(st.sampled_from(("day", "month", "quarter", "half", "year")))
    if kind == "day":
        day = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
        text = draw(st.sampled_from((f"ngày {day.day}/{day.month} {words}",
                                     f"{day.day:02d}/{day.month:02d} {words}")))  # fmt: skip
        return Written(text, day, day, day=True)
    if kind == "month":
        month = draw(st.integers(1, 12))
        return Written(f"tháng {month} {words}", date(year, month, 1), _last_of_month(year, month))
    if kind == "quarter":
        quarter = draw(st.integers(1, 4))
        first, last = date(year, quarter * 3 - 2, 1), _last_of_month(year, quarter * 3)
        return Written(f"Quý {ROMAN[quarter - 1]} {words}", first, last)
    if kind == "half" and words.startswith("năm"):
        if draw(st.booleans()):
            return Written(f"6 tháng đầu {words}", date(year, 1, 1), date(year, 6, 30))
        return Written(f"6 tháng cuối {words}", date(year, 7, 1), date(year, 12, 31))
    return Written(words.removeprefix("của "), date(year, 1, 1), date(year, 12, 31))


def _bare(p: Written) -> Part:
    return Deadline(p.first) if p.day else Deadline(p.last, p.first)


# (how the phrase is written, the part it must read as)
CONNECTIVES: dict[str, tuple[Callable[[Written], str], Callable[[Written], Part]]] = {
    "before": (lambda p: f"Trước {p.text}", lambda p: Deadline(p.first - timedelta(days=1))),
    "at the latest": (lambda p: f"Chậm nhất {p.text}", lambda p: Deadline(p.last)),
    "by the end of": (lambda p: f"Hoàn thành chậm nhất {p.text}", lambda p: Deadline(p.last)),
    "open-ended from": (lambda p: f"Từ {p.text}", lambda p: Ongoing(start=p.first)),
    "in": (lambda p: f"Hoàn thành trong {p.text}", _bare),
    "bare": (lambda p: p.text, _bare),
    "and the following years": (
        lambda p: f"{p.text} và các năm tiếp theo",
        lambda p: Ongoing(start=p.first),
    ),
}


def _reads(text: str) -> tuple[Part, ...]:
    timeframe = parse_timeframe(text, year=2026)
    assert timeframe.note is None, (text, timeframe.note)
    return timeframe.parts


def _renders_back(part: Part) -> None:
    assert _reads(render_part(part)) == (part,), render_part(part)


@pytest.mark.untraced
@given(POINTS, st.sampled_from(sorted(CONNECTIVES)))
def test_each_connective_over_each_kind_of_point(point: Written, name: str) -> None:
    write, expected = CONNECTIVES[name]
    part = expected(point)
    assert _reads(write(point)) == (part,)
    _renders_back(part)


@given(relative_points(), st.sampled_from(sorted(CONNECTIVES)))
def test_each_connective_over_each_kind_of_point_in_a_relative_year(
    point: Written, name: str
) -> None:
    write, expected = CONNECTIVES[name]
    part = expected(point)
    assert _reads(write(point)) == (part,), write(point)
    _renders_back(part)


@pytest.mark.untraced
@given(POINTS, POINTS, st.sampled_from(("Từ {a} đến {b}", "Từ {a} - {b}", "{a} - {b}")))
def test_from_any_point_to_any_later_point(a: Written, b: Written, form: str) -> None:
    if b.last < a.first:
        a, b = b, a
    part = Window(a.first, b.last)
    assert _reads(form.format(a=a.text, b=b.text)) == (part,)
    _renders_back(part)


@pytest.mark.untraced
@given(POINTS, POINTS)
def test_a_list_of_points_gives_one_part_each(a: Written, b: Written) -> None:
    assert _reads(f"{a.text} và {b.text}") == (_bare(a), _bare(b))


@pytest.mark.untraced
@given(st.integers(1, 11), st.integers(2024, 2031), st.integers(0, 11))
def test_a_year_written_once_on_the_right_belongs_to_every_point(
    first: int, year: int, more: int
) -> None:
    last = min(first + 1 + more, 12)
    assert _reads(f"Tháng {first} - {last}/{year}") == (
        Window(date(year, first, 1), _last_of_month(year, last)),
    )
    assert _reads(f"Tháng {first} và tháng {last}/{year}") == (
        Deadline(_last_of_month(year, first), date(year, first, 1)),
        Deadline(_last_of_month(year, last), date(year, last, 1)),
    )


@pytest.mark.untraced
@given(st.sampled_from(("đầu", "giữa", "cuối")), st.integers(2024, 2031), st.integers(1, 12))
def test_edges_of_a_month_and_a_year_follow_civil_code_article_146(
    edge: str, year: int, month: int
) -> None:
    month_day = {"đầu": 1, "giữa": 15, "cuối": calendar.monthrange(year, month)[1]}[edge]
    assert _reads(f"{edge.capitalize()} tháng {month}/{year}") == (
        Deadline(date(year, month, month_day)),
    )
    year_day = {"đầu": date(year, 1, 1), "giữa": date(year, 6, 30), "cuối": date(year, 12, 31)}
    assert _reads(f"{edge} năm {year}") == (Deadline(year_day[edge]),)


# Phrases an outside review wrote as civil servants do, each read as a careful person would.
REVIEWED = [
    ("Theo yêu cầu, chậm nhất ngày 31/12/2026",
     ("on_request", ("deadline", None, date(2026, 12, 31)))),
    ("Sau khi có hướng dẫn của Bộ Nội vụ, chậm nhất ngày 30/6/2026",
     ("after_event", ("deadline", None, date(2026, 6, 30)))),
    ("Đột xuất và định kỳ hằng quý", ("on_request", "recurring")),
    ("Đột xuất hoặc định kỳ 6 tháng", ("on_request", "recurring")),
    ("Quý I và II năm 2026", (("deadline", date(2026, 1, 1), date(2026, 3, 31)),
                              ("deadline", date(2026, 4, 1), date(2026, 6, 30)))),
    ("Quý I, II/2027", (("deadline", date(2027, 1, 1), date(2027, 3, 31)),
                        ("deadline", date(2027, 4, 1), date(2027, 6, 30)))),
    ("Quý III - IV/2026", (("window", date(2026, 7, 1), date(2026, 12, 31)),)),
    ("Trước ngày 15/6 và 15/12/2026", (("deadline", None, date(2026, 6, 14)),
                                       ("deadline", None, date(2026, 12, 14)))),
    ("Cuối tháng 6 và tháng 12/2026", (("deadline", None, date(2026, 6, 30)),
                                       ("deadline", None, date(2026, 12, 31)))),
    ("Đầu quý III/2026", (("deadline", None, date(2026, 7, 1)),)),
    ("Cuối quý II/2026", (("deadline", None, date(2026, 6, 30)),)),
    ("Giai đoạn 2026 — 2030", (("window", date(2026, 1, 1), date(2030, 12, 31)),)),
    ("Quý IV 2026", (("deadline", date(2026, 10, 1), date(2026, 12, 31)),)),
    ("Từ tháng 11 đến tháng 02/2027", (("window", date(2026, 11, 1), date(2027, 2, 28)),)),
    # the bracket says when in the quarter: one deadline, not two (issue 26)
    ("Quý I/2026 (trước ngày 31/3/2026)", (("deadline", None, date(2026, 3, 30)),)),
    ("- Tháng 6/2026\n- Tháng 12/2026", (("deadline", date(2026, 6, 1), date(2026, 6, 30)),
                                         ("deadline", date(2026, 12, 1), date(2026, 12, 31)))),
    ("Trong thời hạn 15 ngày làm việc kể từ ngày Quyết định có hiệu lực", ("after_event",)),
    ("Đến năm 2030", (("deadline", None, date(2030, 12, 31)),)),
    ("Từ nay đến năm 2030", (("deadline", None, date(2030, 12, 31)),)),
    ("Hết quý I/2026", (("deadline", None, date(2026, 3, 31)),)),
    ("Từ năm 2026 trở đi", ("Ongoing",)),
    ("Thường xuyên; báo cáo định kỳ hằng quý", ("Ongoing", "recurring")),
]  # fmt: skip


def _shape(part: Part) -> object:
    kind = type(part).__name__
    names = {"Deadline": "deadline", "Window": "window", "OnRequest": "on_request",
             "AfterEvent": "after_event", "Recurring": "recurring"}  # fmt: skip
    if isinstance(part, Deadline):
        return ("deadline", part.start, part.due)
    if isinstance(part, Window):
        return ("window", part.start, part.due)
    return names.get(kind, kind)


def test_phrases_from_an_outside_review_read_whole() -> None:
    """A time after a name, an event or a request is a part of its own, not swallowed."""
    for text, expected in REVIEWED:
        timeframe = parse_timeframe(text, year=2026)
        assert tuple(_shape(part) for part in timeframe.parts) == expected, text
        assert timeframe.note is None, text


def test_hostile_numbers_and_years_are_errors_not_crashes() -> None:
    for text in ("Năm " + "2" * 5000, "Từ sau 31/12/9999", "Quý IIII/2026"):
        with pytest.raises(TimeframeError):
            parse_timeframe(text, year=2026)
    with pytest.raises(TimeframeError, match="ngoài khoảng 1990–2100"):
        parse_timeframe("Tháng 12", year=0)


@pytest.mark.parametrize(
    ("text", "dues"),
    [
        ("Trước ngày 15 tháng 12 hằng năm", ["2026-12-14"]),
        ("Hằng năm, trước ngày 15/12", ["2026-12-14"]),
        ("Tháng 6 và tháng 12 hằng năm", ["2026-06-30", "2026-12-31"]),
        ("Quý IV hằng năm", ["2026-12-31"]),
        ("Hằng quý, trước ngày 15 tháng cuối quý",
         ["2026-03-14", "2026-06-14", "2026-09-14", "2026-12-14"]),
        ("Ngày 15 hằng tháng", [f"2026-{month:02d}-15" for month in range(1, 13)]),
        ("Định kỳ hằng tháng, trước ngày 25", [f"2026-{month:02d}-24" for month in range(1, 13)]),
        # By the plan's reporting calendar (the 16th of the period's last month here).
        ("Định kỳ 03 tháng", ["2026-03-16", "2026-06-16", "2026-09-16", "2026-12-16"]),
        ("Mỗi quý một lần", ["2026-03-16", "2026-06-16", "2026-09-16", "2026-12-16"]),
        ("Báo cáo hằng tháng trước ngày 20", [f"2026-{month:02d}-19" for month in range(1, 13)]),
        ("Trước ngày 10 của tháng đầu quý sau",
         ["2026-04-09", "2026-07-09", "2026-10-09", "2027-01-09"]),
        ("Báo cáo 6 tháng trước ngày 15/6, báo cáo năm trước ngày 15/12",
         ["2026-06-14", "2026-12-14"]),
    ],
)  # fmt: skip
def test_recurrence_in_the_orders_people_write_it(text: str, dues: list[str]) -> None:
    timeframe = parse_timeframe(text, year=2026)
    assert timeframe.note is None
    occurrences = timeframe.occurrences(ReportingCalendar())
    assert [occurrence.due.isoformat() for occurrence in occurrences] == dues
