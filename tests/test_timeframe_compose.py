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

from hypothesis import given
from hypothesis import strategies as st

from tthc_plan.core.timeframe import (
    Deadline,
    Ongoing,
    Part,
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


@given(POINTS, st.sampled_from(sorted(CONNECTIVES)))
def test_each_connective_over_each_kind_of_point(point: Written, name: str) -> None:
    write, expected = CONNECTIVES[name]
    part = expected(point)
    assert _reads(write(point)) == (part,)
    _renders_back(part)


@given(POINTS, POINTS, st.sampled_from(("Từ {a} đến {b}", "Từ {a} - {b}", "{a} - {b}")))
def test_from_any_point_to_any_later_point(a: Written, b: Written, form: str) -> None:
    if b.last < a.first:
        a, b = b, a
    part = Window(a.first, b.last)
    assert _reads(form.format(a=a.text, b=b.text)) == (part,)
    _renders_back(part)


@given(POINTS, POINTS)
def test_a_list_of_points_gives_one_part_each(a: Written, b: Written) -> None:
    assert _reads(f"{a.text} và {b.text}") == (_bare(a), _bare(b))


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
