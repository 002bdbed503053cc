"""What a clause is read against, and what the readers share: the look ahead for a
time that ends a name or an event, the words of time in a stretch, the remarks."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from msgspec import Struct

from tthc_plan.core.problem import Message, msg
from tthc_plan.core.timeframe.civil import CivilCalendar
from tthc_plan.core.timeframe.lexicon import is_time_word
from tthc_plan.core.timeframe.period import periods_of_year
from tthc_plan.core.timeframe.points import NeedsYearError, Point, Scan, Stuck
from tthc_plan.core.timeframe.recurrence import Rule
from tthc_plan.core.timeframe.types import Part

# Words a time expression may follow without anything lost: lead verbs and prepositions.
LEAD_WORDS = frozenset(
    ("hoan", "thanh", "thuc", "hien", "trien", "khai", "ban", "hanh", "bat", "dau", "trong",
     "vao", "gui", "nop", "thoi", "gian", "han", "va", "la", "tu", "hoac")
)  # fmt: skip


class Reading(Struct):
    """What a clause or a phrase yields: its parts, the words it did not use, where it
    stuck, and remarks for `tthc show` (the days off a count of working days skipped)."""

    parts: list[Part]
    unused: list[str]
    stuck: Stuck | None = None
    remarks: list[Message] = []


class Context:
    """What a clause is read against: the scan, the plan's year and civil calendar, and
    the expressions that may start a time of their own after a name (`timed`)."""

    def __init__(
        self, scan: Scan, civil: CivilCalendar, timed: Mapping[str, tuple[Expr, ...]]
    ) -> None:
        self.s = scan
        self.civil = civil
        self.timed_expressions = timed
        self.remarks: list[Message] = []
        self.probing = False  # looking ahead for a time: no reader looks further ahead
        self.timed: dict[int, bool] = {}
        self.words = [scan.original[t.start : t.end].lower() for t in scan.tokens]


Found = tuple[list[Part], int] | None
Expr = Callable[[Context, int], Found]


def remark_tet(c: Context, points: list[Point]) -> None:
    """Say when offices break for Tết: before mùng 1, with the weekend before it."""
    for point in points:
        if point.span == "tet" and point.year is not None:
            tet = point.first()
            c.remarks.append(msg(
                "Mùng 1 Tết Nguyên đán năm {year} là {tet}; cơ quan nhà nước nghỉ Tết từ "
                "{first} (lịch nghỉ của Việt Nam; sửa ở «calendar:» của kế hoạch nếu khác).",
                year=point.year, tet=tet.strftime("%d/%m/%Y"),
                first=c.civil.tet_break(point.year).strftime("%d/%m/%Y")))  # fmt: skip


def remark_days_off(c: Context, rule: Rule, year: int) -> None:
    """Name the weekdays off inside each count of days after a period's end."""
    days: list[date] = []
    for period in periods_of_year(rule.every, year):
        days += c.civil.days_off_between(period.last, rule.due(period, c.civil))
    text = ", ".join(day.strftime("%d/%m/%Y") for day in days) if days else "—"
    c.remarks.append(msg("Ngày nghỉ đã trừ khi đếm ngày làm việc (ngoài thứ Bảy, Chủ nhật): "
                         "{days}.", days=text))  # fmt: skip


def remark_off(c: Context, first: date, last: date) -> None:
    days = c.civil.days_off_between(first, last)
    text = ", ".join(day.strftime("%d/%m/%Y") for day in days) if days else "—"
    c.remarks.append(msg("Ngày nghỉ đã trừ khi đếm ngày làm việc (ngoài thứ Bảy, Chủ nhật): "
                         "{days}.", days=text))  # fmt: skip


def words_until_time(c: Context, i: int) -> int:
    """Return where the words of a name, an event or a document end: at the end of the
    clause, or before ", chậm nhất ngày 30/6/2026", "và định kỳ hằng quý" (a time that
    follows, which is a part of its own). Each place is tried once, and without looking
    further ahead from there: the reading stays linear in the length of the clause."""
    s = c.s
    if c.probing:
        return len(s.tokens)  # a look ahead only asks whether a time starts here
    for k in range(i + 1, len(s.tokens)):
        if s.texts[k - 1] in _JOINS:
            n = k
            while n < len(s.tokens) and n - k < 3 and s.texts[n] in LEAD_WORDS:
                n += 1  # ", hoàn thành trước ngày 31/3/2024"
            if n < len(s.tokens) and (_timed_at(c, n) or (n != k and _timed_at(c, k))):
                return k - 1
    return len(s.tokens)


def _timed_at(c: Context, k: int) -> bool:
    found = c.timed.get(k)
    if found is None:
        probing, c.probing = c.probing, True
        try:
            found = any(e(c, k) is not None for e in c.timed_expressions.get(c.s.texts[k], ()))
        except NeedsYearError:
            found = False
        finally:
            c.probing = probing
        c.timed[k] = found
    return found


_JOINS = frozenset((",", ";", "va", "hoac"))


def timely(c: Context, i: int, j: int) -> int | None:
    """Return the index of the first number or word of time in tokens i..j-1, or None."""
    if c.probing:
        return None  # a look ahead only asks whether a time starts here
    s, words = c.s, c.words
    for n in range(i, j):
        if s.texts[n].isdigit() or (s.texts[n].isalpha() and is_time_word(words, n)):
            return n
    return None


def original_word(s: Scan, n: int) -> str:
    token = s.tokens[n]
    return s.original[token.start : token.end]
