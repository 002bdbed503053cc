"""A compositional reading of timeframe phrases: connectives over points, recurrence, prose.

The phrase is cut into clauses (";", sentences, bullets), each clause into
tokens over the folded text (`lexicon.py`). A clause is scanned left to
right for time expressions, each one a small reader over the points of
`points.py` (which alone joins points into lists and ranges) or the rules
of `recurrence.py`:

- connectives over any point (`CONNECTIVES`, one meaning each): before
  ("Trước năm 2030" ends 31/12/2029), at the latest, the edges of Bộ luật
  Dân sự Điều 146 ("cuối tháng 6"), from ... to ..., open-ended from, a
  point alone, a year as the heading of what follows ("năm 2025 trước ngày
  20/12/2025");
- recurrence and reports by the plan's calendar ("Báo cáo quý, BC năm");
- working days and days counted from a date ("trong 10 ngày làm việc kể từ
  ngày 15/3/2024");
- ongoing work, work on request, per another document, after an event.

Right or refused: words no expression used are kept as the timeframe's note
only when none of them speaks of time (`lexicon.is_time_word`) and none is a
number; otherwise the clause is an error at the first such word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from msgspec import Struct

from tthc_plan.core.docref import parse_document_ref
from tthc_plan.core.problem import Message, msg
from tthc_plan.core.timeframe import recurrence
from tthc_plan.core.timeframe.civil import CivilCalendar
from tthc_plan.core.timeframe.lexicon import is_time_word
from tthc_plan.core.timeframe.period import Span, periods_of_year
from tthc_plan.core.timeframe.points import (
    EXPECT_EDGE,
    EXPECT_POINT,
    NeedsYearError,
    Point,
    Scan,
    Stuck,
)
from tthc_plan.core.timeframe.recurrence import Rule
from tthc_plan.core.timeframe.types import (
    AfterEvent,
    Deadline,
    Frequency,
    Occurrence,
    Ongoing,
    OnRequest,
    Part,
    PerReference,
    Recurring,
    Window,
)
from tthc_plan.i18n import N_

# Words a time expression may follow without anything lost: lead verbs and prepositions.
_LEAD_WORDS = frozenset(
    ("hoan", "thanh", "thuc", "hien", "trien", "khai", "ban", "hanh", "bat", "dau", "trong",
     "vao", "gui", "nop", "thoi", "gian", "han", "va", "la", "tu", "hoac")
)  # fmt: skip
_ROMAN_LETTERS = frozenset("ivxl")
_POINT_WORDS = frozenset(("quy", "qui", "thang", "ngay"))
_EXPECT_TIME = N_(
    "một thời hạn viết theo cách tthc hiểu (từ chỉ thời gian này không gắn được vào ngày nào)"
)


class Reading(Struct):
    """What a clause or a phrase yields: its parts, the words it did not use, where it
    stuck, and remarks for `tthc show` (the days off a count of working days skipped)."""

    parts: list[Part]
    unused: list[str]
    stuck: Stuck | None = None
    remarks: list[Message] = []


class Context:
    """What a clause is read against: the scan, the plan's year and civil calendar."""

    def __init__(self, scan: Scan, civil: CivilCalendar) -> None:
        self.s = scan
        self.civil = civil
        self.remarks: list[Message] = []
        self.probing = False  # looking ahead for a time: no reader looks further ahead
        self.timed: dict[int, bool] = {}
        self.words = [scan.original[t.start : t.end].lower() for t in scan.tokens]


_Found = tuple[list[Part], int] | None
_Expr = Callable[[Context, int], _Found]


# Connectives over points -------------------------------------------------------


class Connective(NamedTuple):
    """Words that put a time on a point, and the part they make of it."""

    phrases: tuple[str, ...]
    part: Callable[[Point], Part]


# Each connective with one meaning. "Trước X" ends the day before X begins
# ("Trước năm 2030" is 31/12/2029); "chậm nhất X", "đến (hết) X" end with X.
# No statute defines "trước ngày X": X-1 is tthc's reading, said in the README.
CONNECTIVES = {
    "before": Connective(("truoc",), lambda point: Deadline(point.first() - timedelta(days=1))),
    "at the latest": Connective(
        ("cham nhat la vao", "cham nhat vao", "cham nhat la", "cham nhat", "muon nhat",
         "tu nay den het", "tu nay den", "den het", "den", "het", "han cuoi"),
        lambda point: Deadline(point.last()),
    ),
}  # fmt: skip


def _over_points(connective: Connective) -> _Expr:
    """Return the reader of a connective over a point or a list of points."""

    def read(c: Context, i: int) -> _Found:
        s = c.s
        j = s.any_of(i, *connective.phrases)
        if j is None or (found := s.points(j)) is None:
            if j is not None:
                s.expect(j, EXPECT_POINT)
            return None
        points, k = found
        _remark_tet(c, points)
        return [connective.part(point) for point in points], k

    return read


def _edge(c: Context, i: int) -> _Found:
    """Bộ luật Dân sự 2015, Điều 146: đầu tháng 1, giữa tháng 15, cuối tháng; giữa năm 30/6.

    Over a list too ("Cuối tháng 6 và tháng 12/2026"); a quarter's beginning is
    its first day, its end its last, its middle the 15th of its middle month.
    """
    s = c.s
    edge = s.word(i)
    if edge not in {"dau", "giua", "cuoi"}:
        return None
    if (found := s.points(i + 1)) is None:
        if s.word(i + 1) != "nam" or s.number(i + 2) is not None:
            s.expect(i + 1, EXPECT_EDGE)
            return None
        if s.year is None:
            raise NeedsYearError
        found = [Point(Span.YEAR, s.year)], i + 2  # "cuối năm": the plan's year
    points, k = found
    if any(p.span in {"tet", "lunar"} for p in points):
        return None
    days = [p.period().edge(edge) for p in points]
    return ([Deadline(day) for day in days if day is not None], k) if all(days) else None


_FOLLOWING_YEARS = ("va cac nam tiep theo", "va nhung nam tiep theo")
_FROM = ("bat dau trien khai tu", "trien khai tu", "tu sau", "tu")


def _from(c: Context, i: int) -> _Found:
    """Read "từ X đến Y", "từ X đến khi ...", "từ (sau) X" (open-ended)."""
    s = c.s
    j = s.any_of(i, *_FROM)
    if j is None:
        j = s.any_of(i, "sau")
        if j is None or s.word(j) != "nam":
            return None
    after = s.word(j - 1) == "sau"
    found = s.point(j)
    if found is None:
        s.expect(j, EXPECT_POINT)
        return None
    first, k = found
    if (m := s.any_of(k, "den", "toi")) is not None and (event := s.any_of(m, "khi")) is not None:
        if event < len(s.tokens) and _timely(c, event, len(s.tokens)) is None:
            start = first.with_year(s.year).first()
            return [Ongoing(start=start), AfterEvent(s.text(event, len(s.tokens)))], len(s.tokens)
        return None
    if (ranged := s.range_after(k, first)) is not None:
        a, b, end = ranged
        return [Window(a.first(), b.last())], end
    if (m := s.any_of(k, "den het ngay", "den ngay", "den het", "den", "toi")) is not None:
        s.fail(m, msg("Sau «{word}» cần ngày kết thúc", word=s.text(k, m)))
    first = first.with_year(s.year)
    start = first.last() + timedelta(days=1) if after else first.first()
    k = s.any_of(k, "tro di", "tro ve sau", *_FOLLOWING_YEARS) or k
    return [Ongoing(start=start)], k


_HEADED = ("truoc", "cham", "muon", "den", "het", "han", "dau", "giua", "cuoi")


def _span(c: Context, i: int) -> _Found:
    """Read a point, a range of two points, a list, an open end after a point, or a
    year that heads what follows ("năm 2025 trước ngày 20/12/2025")."""
    s = c.s
    j = s.any_of(i, "giai doan") or i
    found = s.point(j)
    if found is None:
        return None
    first, k = found
    if (ranged := s.range_after(k, first)) is not None:
        a, b, end = ranged
        if (n := s.any_of(end, *_FOLLOWING_YEARS)) is not None:
            return [Ongoing(start=a.first())], n
        return [Window(a.first(), b.last())], end
    heading = first.span in _HEADINGS and first.year is not None and not c.probing
    if heading and (headed := _headed(c, first, k)) is not None:
        return headed
    points, k = s.points(j) or ([first], k)
    if (n := s.any_of(k, *_FOLLOWING_YEARS)) is not None:
        return [Ongoing(start=first.with_year(s.year).first())], n
    if not c.probing:
        _remark_tet(c, points)
    return [_deadline(point) for point in points], k


_HEADINGS = frozenset((Span.YEAR, Span.HALF, Span.QUARTER, Span.MONTH, Span.MONTHS))


def _headed(c: Context, heading: Point, k: int) -> _Found:
    """Read what a period heads: "năm 2025 trước ngày 20/12/2025", "Quý I/2026 (trước
    ngày 31/3/2026)". The deadline inside the period is the time; its days take the
    heading's year."""
    s = c.s
    k = s.any_of(k, ",", ":", "-") or k
    if s.word(k) not in _HEADED:
        return None
    period = heading.period()
    plan_year, s.year = s.year, period.year
    try:
        found = _best(c, k)
    finally:
        s.year = plan_year
    if found is None or not found[0]:
        return None
    dated = [p for p in found[0] if isinstance(p, Deadline | Window)]
    if len(dated) != len(found[0]) or any(not period.first <= p.due <= period.last for p in dated):
        return None
    return found


def _deadline(point: Point) -> Part:
    if point.span in {Span.DAY, "tet"}:
        return Deadline(point.first())
    return Deadline(point.last(), point.first())


# Recurrence ------------------------------------------------------------------


def _recurring_part(c: Context, rules: list[Rule]) -> list[Part]:
    year = c.s.year
    if year is None:
        raise NeedsYearError
    parts: list[Part] = []
    for rule in rules:
        occurrences = rule.occurrences(year, c.civil)
        parts.append(Recurring((), year, rule.rrule(), occurrences, rule))
        if rule.needs_calendar:
            _remark_days_off(c, rule, year)
    return parts


def _recurring(c: Context, i: int) -> _Found:
    """Read "hằng năm", "định kỳ hằng quý", "trước ngày 01/6 và 15/11 hằng năm",
    "Hằng năm, chậm nhất ngày 20/01 năm sau", "Trước ngày 15 tháng đầu quý sau"..."""
    s = c.s
    if s.year is None:
        return None
    if (stated := recurrence.stated_rule(s, i, None)) is not None:
        return _recurring_part(c, stated[0]), stated[1]
    if (ended := recurrence.after_period_end(s, i, None)) is not None:
        return _recurring_part(c, ended[0]), ended[1]
    if (yearly := _yearly_point(c, i)) is not None:
        return yearly
    if (repeated := recurrence.every(s, i)) is None:
        if (j := s.any_of(i, "dinh ky")) is not None and s.word(j) not in {"hang", "moi"}:
            return [Ongoing()], j  # "Định kỳ cập nhật...": periodic, no schedule stated
        return None
    frequency, k = repeated
    return _after_frequency(c, frequency, k)


def _after_frequency(c: Context, frequency: Frequency, k: int) -> _Found:
    """After "hằng tháng" or "Báo cáo quý": a stated day of it, or the plan's calendar."""
    s = c.s
    n = s.any_of(k, ",", ":") or k
    n = s.any_of(n, "gui bao cao", "bao cao", "gui", "nop") or n
    if (stated := recurrence.stated_rule(s, n, frequency)) is not None:
        return _recurring_part(c, stated[0]), stated[1]
    if (ended := recurrence.after_period_end(s, n, frequency)) is not None:
        return _recurring_part(c, ended[0]), ended[1]
    assert s.year is not None  # noqa: S101 - checked by the callers
    return [Recurring((frequency,), s.year)], k


def _yearly_point(c: Context, i: int) -> _Found:
    """ "Tháng 12 hằng năm", "Tháng 6 và tháng 12 hằng năm", "Quý IV hằng năm": the last
    day of each, every year."""
    s = c.s
    if s.word(i) not in {"thang", "quy", "qui"} or (found := s.points(i)) is None:
        return None
    points, k = found
    repeated = recurrence.every(s, k)
    if repeated is None or repeated[0] is not Frequency.ANNUAL:
        return None
    if any(p.span not in {Span.MONTH, Span.QUARTER} or p.shift for p in points):
        return None
    rules = [Rule(Frequency.ANNUAL, p.period().last.month - 1) for p in points]
    return _recurring_part(c, rules), repeated[1]


_FREQUENCIES = (("6 thang", Frequency.HALF_YEARLY), ("thang", Frequency.MONTHLY),
                ("quy", Frequency.QUARTERLY), ("nam", Frequency.ANNUAL))  # fmt: skip


def _report(c: Context, i: int) -> _Found:
    """Reports by the plan's calendar: "Báo cáo quý, BC năm", "BC định kỳ 6 tháng, năm"."""
    s = c.s
    found: list[Frequency] = []
    j = s.any_of(i, "bao cao", "bc")
    end = i
    while j is not None:
        j = s.any_of(j, "dinh ky hang", "dinh ky", "hang") or j
        if s.point(j) is not None:  # "Báo cáo tháng 6/2024": a point, not a frequency
            break
        if s.relative_year(j) is not None:  # "báo cáo năm sau": not a yearly report
            break
        words = ((frequency, s.words(j, word)) for word, frequency in _FREQUENCIES)
        frequency, after = next(((f, k) for f, k in words if k is not None), (None, None))
        if frequency is None or after is None:
            break
        found.append(frequency)
        end = after
        j = s.any_of(end, "va", ",")
        if j is not None:
            j = s.any_of(j, "bao cao", "bc") or j
    if not found:
        return None
    if s.year is None:
        raise NeedsYearError
    if len(found) == 1:
        return _after_frequency(c, found[0], end)
    return [Recurring(tuple(dict.fromkeys(found)), s.year)], end


# Days counted from a day --------------------------------------------------------


def _counted(c: Context, i: int) -> _Found:
    """ "Trong 10 ngày làm việc kể từ ngày 15/3/2024", "chậm nhất 05 ngày làm việc
    trước ngày 30/6/2024", "10 ngày sau ngày 30/6/2024" (Bộ luật Dân sự 2015, Điều
    147-148: the first day is not counted; a period of days that ends on a day off
    ends on the next working day)."""
    s = c.s
    if (counted := s.day_count(i)) is None:
        return None
    count, working, after = counted
    before = s.any_of(after, "truoc ngay", "truoc")
    first_days = s.any_of(after, "dau cua", "dau") if working and before is None else None
    k = before if before is not None else first_days or s.any_of(
        after, "sau khi ket thuc", "sau khi het", "ke tu ngay ket thuc", "ke tu ngay", "ke tu",
        "tinh tu ngay", "tinh tu", "sau ngay", "sau")  # fmt: skip
    if k is None or (found := s.point(k)) is None:
        return None
    point, end = found
    point = point.with_year(s.year)
    ends = s.words(k - 1, "thuc") is not None or s.words(k - 1, "het") is not None
    if first_days is not None:
        day = point.first() - timedelta(days=1)  # "03 ngày làm việc đầu tháng 7/2024"
    elif ends:
        day = point.last()  # "sau khi kết thúc quý I/2025": from the day it ends
    elif point.span not in {Span.DAY, "tet"}:
        return None
    else:
        day = point.first()
    if before is not None:
        due = c.civil.working_day_before(day, count) if working else day - timedelta(count)
    elif working:
        due = c.civil.working_day_after(day, count)
    else:
        due = day + timedelta(days=count)
        if not c.civil.is_working_day(due):
            due = c.civil.working_day_after(due, 1)
            c.remarks.append(msg("Ngày cuối của thời hạn là ngày nghỉ: thời hạn kết thúc "
                                 "ngày làm việc tiếp theo, {due} (Bộ luật Dân sự, Điều 148).",
                                 due=due.strftime("%d/%m/%Y")))  # fmt: skip
    if working:
        first, last = sorted((day, due))
        _remark_off(c, first, last)
    return [Deadline(due)], end


def _remark_tet(c: Context, points: list[Point]) -> None:
    """Say when offices break for Tết: before mùng 1, with the weekend before it."""
    for point in points:
        if point.span == "tet" and point.year is not None:
            tet = point.first()
            c.remarks.append(msg(
                "Mùng 1 Tết Nguyên đán năm {year} là {tet}; cơ quan nhà nước nghỉ Tết từ "
                "{first} (lịch nghỉ của Việt Nam; sửa ở «calendar:» của kế hoạch nếu khác).",
                year=point.year, tet=tet.strftime("%d/%m/%Y"),
                first=c.civil.tet_break(point.year).strftime("%d/%m/%Y")))  # fmt: skip


def _remark_days_off(c: Context, rule: Rule, year: int) -> None:
    """Name the weekdays off inside each count of days after a period's end."""
    days: list[date] = []
    for period in periods_of_year(rule.every, year):
        days += c.civil.days_off_between(period.last, rule.due(period, c.civil))
    text = ", ".join(day.strftime("%d/%m/%Y") for day in days) if days else "—"
    c.remarks.append(msg("Ngày nghỉ đã trừ khi đếm ngày làm việc (ngoài thứ Bảy, Chủ nhật): "
                         "{days}.", days=text))  # fmt: skip


def _remark_off(c: Context, first: date, last: date) -> None:
    days = c.civil.days_off_between(first, last)
    text = ", ".join(day.strftime("%d/%m/%Y") for day in days) if days else "—"
    c.remarks.append(msg("Ngày nghỉ đã trừ khi đếm ngày làm việc (ngoài thứ Bảy, Chủ nhật): "
                         "{days}.", days=text))  # fmt: skip


# Undated -----------------------------------------------------------------------


def _ongoing(c: Context, i: int) -> _Found:
    s = c.s
    j = s.any_of(i, "thuong xuyen", "lien tuc", "hang ngay")
    if j is None:
        return None
    while (k := s.any_of(j, ", lien tuc", "lien tuc", ", hieu qua")) is not None:
        j = k
    return [Ongoing()], j


_REQUEST = ("theo yeu cau", "theo chi dao", "khi co yeu cau", "khi co chi dao")


def _on_request(c: Context, i: int) -> _Found:
    """Read "theo yêu cầu (của X)", "đột xuất", "(kế hoạch) kiểm tra đột xuất theo chỉ đạo"."""
    s = c.s
    j = s.any_of(i, "ke hoach kiem tra", "kiem tra", "bao cao", "bc") or i
    if (k := s.any_of(j, "dot xuat", "do xuat")) is not None:  # "độ xuất": the 2024 plan's typo
        j = s.any_of(k, *_REQUEST) or k
    elif (k := s.any_of(j, *_REQUEST)) is not None:
        j = k
    else:
        return None
    j = s.any_of(j, "cua") or j
    end = _words_until_time(c, j)
    if _timely(c, j, end) is not None:
        return None
    return [OnRequest(s.text(j, end) or None)], end


_DOCUMENTS = ("ke hoach", "quyet dinh", "cong van", "thong bao", "chuong trinh", "huong dan",
              "van ban", "nghi quyet", "chi thi", "tien do", "lo trinh")  # fmt: skip


def _per_reference(c: Context, i: int) -> _Found:
    s = c.s
    j = s.any_of(i, "theo")
    if j is None or s.any_of(j, *_DOCUMENTS) is None:
        return None
    end = _words_until_time(c, j)
    return [PerReference(parse_document_ref(s.text(j, end)))], end


def _after_event(c: Context, i: int) -> _Found:
    """Read "(ngay) sau khi X", "khi (có) X", "sau 5 ngày (làm việc) kể từ X",
    "trong (vòng|thời hạn) 10 ngày (làm việc) kể từ X", "sau X" (X no time)."""
    s = c.s
    within = s.any_of(i, "trong vong", "trong thoi han", "trong")
    j = within if within is not None else s.any_of(i, "ngay sau", "sau")
    if j is not None and (days := s.number(j, 1, 366)):
        k = s.any_of(j + 1, "ngay")
        working = k is not None and s.any_of(k, "lam viec") is not None
        k = s.any_of(k, "lam viec") or k if k is not None else None
        event = None if k is None else s.any_of(k, "ke tu", "tu")
        if event is None or event >= len(s.tokens):
            return None
        end = _words_until_time(c, event)
        if _timely(c, s.any_of(event, "ngay") or event, end) is not None:
            return None  # "kể từ ngày nhận hồ sơ": an event; "kể từ ngày 15/3": see _counted
        return [AfterEvent(s.text(event, end), days, working)], end
    if within is not None:
        return None
    j = s.any_of(i, "ngay sau khi", "sau khi", "khi co", "khi", "sau")
    if j is None or j >= len(s.tokens) or not s.texts[j].isalpha():
        return None
    start = j - 1 if s.word(j - 1) == "co" and s.word(j - 2) == "khi" else j
    end = _words_until_time(c, start)
    if _timely(c, start, end) is not None:
        return None
    return [AfterEvent(s.text(start, end))], end


def _words_until_time(c: Context, i: int) -> int:
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
            while n < len(s.tokens) and n - k < 3 and s.texts[n] in _LEAD_WORDS:
                n += 1  # ", hoàn thành trước ngày 31/3/2024"
            if n < len(s.tokens) and (_timed_at(c, n) or (n != k and _timed_at(c, k))):
                return k - 1
    return len(s.tokens)


def _timed_at(c: Context, k: int) -> bool:
    found = c.timed.get(k)
    if found is None:
        probing, c.probing = c.probing, True
        try:
            found = any(e(c, k) is not None for e in _TIMED_AT.get(c.s.texts[k], ()))
        except NeedsYearError:
            found = False
        finally:
            c.probing = probing
        c.timed[k] = found
    return found


_JOINS = frozenset((",", ";", "va", "hoac"))


def _timely(c: Context, i: int, j: int) -> int | None:
    """Return the index of the first number or word of time in tokens i..j-1, or None."""
    if c.probing:
        return None  # a look ahead only asks whether a time starts here
    s, words = c.s, c.words
    for n in range(i, j):
        if s.texts[n].isdigit() or (s.texts[n].isalpha() and is_time_word(words, n)):
            return n
    return None


def _original_word(s: Scan, n: int) -> str:
    token = s.tokens[n]
    return s.original[token.start : token.end]


# The table of expressions ------------------------------------------------------

# Each expression with the phrases it begins with: its first words are worked out
# from these, so an expression is tried only where its first word is ("#": a number).
_EXPRESSIONS: tuple[tuple[_Expr, tuple[str, ...]], ...] = (
    (_ongoing, ("thuong", "lien", "hang ngay")),
    (_on_request, ("ke", "kiem", "bao", "bc", "dot", "do", "theo", "khi")),
    (_per_reference, ("theo",)),
    (_report, ("bao cao", "bc")),
    (
        _recurring,
        (
            "truoc",
            "cham",
            "han",
            "ngay",
            "thang",
            "quy",
            "qui",
            "dinh",
            "hang",
            "moi",
            "trong",
            "sau",
            "#",
        ),
    ),
    (_counted, ("trong", "cham", "sau", "#")),
    *((_over_points(connective), connective.phrases) for connective in CONNECTIVES.values()),
    (_edge, ("dau", "giua", "cuoi")),
    (_from, (*_FROM, "sau")),
    (_after_event, ("ngay sau", "sau", "khi", "trong")),
    (
        _span,
        ("#", "ngay", "thang", "quy", "qui", "nam", "giai doan", "tet", "giap", "binh", "nham"),
    ),
)


def _first_words(phrases: tuple[str, ...]) -> set[str]:
    return {phrase.split()[0] for phrase in phrases}


_BY_START: dict[str, tuple[_Expr, ...]] = {}
for _expression, _phrases in _EXPRESSIONS:
    for _word in _first_words(_phrases):
        _BY_START[_word] = (*_BY_START.get(_word, ()), _expression)

# What may follow a name or an event as a time of its own: connectives only, not a
# bare point ("Kế hoạch số 17/KH-UBND, ngày 30/01/2023" is the document's date).
_TIMED_AT = {
    word: tuple(e for e in expressions if e not in {_span, _on_request, _per_reference})
    for word, expressions in _BY_START.items()
}


def _expressions_at(word: str) -> tuple[_Expr, ...]:
    return _BY_START.get("#" if word.isdigit() else word, ())


def _best(c: Context, i: int) -> _Found:
    """Return the reading at `i` that goes furthest, or None."""
    best: _Found = None
    for expression in _expressions_at(c.s.texts[i]):
        found = expression(c, i)
        if found is not None and (best is None or found[1] > best[1]):
            best = found
    return best


def _clause(original: str, year: int | None, civil: CivilCalendar) -> Reading:
    scan = Scan(original, year)
    c = Context(scan, civil)
    parts: list[Part] = []
    unused: list[int] = []
    i = 0
    dated_end = last_start = -1  # where the last dated expression began and ended
    while i < len(scan.tokens):
        best = _best(c, i)
        if best is not None and _dated(best[0]):
            if i == dated_end:
                # "Trước ngày 15/01/2024 năm sau", "Tháng 8 quý II/2024": two times for one
                scan.fail(
                    i,
                    msg(
                        "Hai thời hạn viết liền nhau («{first}» và «{second}») "
                        "mà không rõ nghĩa là gì",
                        first=scan.text(last_start, i),
                        second=scan.text(i, best[1]),
                    ),
                )
            last_start, dated_end = i, best[1]
        if best is None:
            token = scan.tokens[i]
            following = scan.word(i + 1) or ""
            roman_like = bool(following) and set(following) <= _ROMAN_LETTERS
            if token.text in _POINT_WORDS and (following.isdigit() or roman_like):
                # "Quý V/2024", "tháng 13": a date written wrong is not a note to skip.
                if scan.furthest is None or scan.furthest[0] <= i:
                    scan.expect(i + 1, EXPECT_POINT)
                return Reading(parts, [original[token.start :]], scan.stuck(wrong=True))
            unused.append(i)
            i += 1
            continue
        parts += best[0]
        i = best[1]
    if scan.wrong is not None:
        n, said = scan.wrong
        token = scan.tokens[n]
        stuck = Stuck(token.start, len(original), msg(_EXPECT_TIME), wrong=True, said=said)
        return Reading(parts, [], stuck, c.remarks)
    for n in unused if parts else ():
        text = scan.texts[n]
        if text.isdigit() or (text.isalpha() and is_time_word(c.words, n)):
            return Reading(parts, [], _unread_time(scan, n), c.remarks)
    parts = _stated_over_calendar(parts)
    notes = [
        _original_word(scan, n)
        for n in unused
        if scan.texts[n] not in _LEAD_WORDS and scan.texts[n].isalnum()
    ]
    return Reading(parts, notes, None if parts else scan.stuck(), c.remarks)


def _dated(parts: list[Part]) -> bool:
    return bool(parts) and all(isinstance(part, Deadline | Window) for part in parts)


def _stated_over_calendar(parts: list[Part]) -> list[Part]:
    """ "báo cáo định kỳ hằng quý ... trước ngày 15 của tháng cuối quý": the day stated
    for a frequency replaces the plan's calendar day for it."""
    stated = {p.stated.every for p in parts if isinstance(p, Recurring) and p.stated}
    return [
        p
        for p in parts
        if not (isinstance(p, Recurring) and p.stated is None and p.frequencies
                and set(p.frequencies) <= stated)
    ]  # fmt: skip


def _unread_time(scan: Scan, n: int) -> Stuck:
    """Where a number or a word of time was left unread: a reader that got as far and
    said what it wanted, or this word."""
    if scan.furthest is not None and scan.furthest[0] >= n:
        stuck = scan.stuck(wrong=True)
        assert stuck is not None  # noqa: S101 - furthest is set
        return stuck
    token = scan.tokens[n]
    end = n
    while end + 1 < len(scan.tokens) and scan.tokens[end + 1].start - scan.tokens[end].end <= 1:
        end += 1  # the rest of the words around it, to quote: "quý sau"
    rest = scan.original[token.start : scan.tokens[min(end, n + 3)].end]
    said = msg(
        "«{rest}» có số hoặc từ chỉ thời gian («{word}») mà tthc không gắn được vào ngày "
        "nào, nên không đọc ra hạn đúng được",
        rest=rest,
        word=scan.original[token.start : token.end],
    )
    return Stuck(token.start, len(scan.original), msg(_EXPECT_TIME), wrong=True, said=said)


# Clauses end at ";", a line break, or a sentence's full stop; a bullet ("- ", "+ ")
# opens one only at the start of the text or of a sentence (a dash between two
# points is a range: "Tháng 11 - 12/2025").
_CLAUSES = re.compile(r";|\n|\.\s+(?=[-+]?\s*[^\sa-zà-ỹđ])")
_BULLET = re.compile(r"^[-+]\s+")


def read_phrase(text: str, year: int | None, civil: CivilCalendar | None = None) -> Reading:
    """Read every clause of a phrase (sentences, bullets, ";"): parts and unused words.

    Its `stuck` is the first point written wrong or word of time not read, or,
    when nothing was read, where a reader got furthest; offsets are in `text`.
    """
    civil = civil or CivilCalendar()
    reading = Reading([], [])
    starts = [0, *(m.end() for m in _CLAUSES.finditer(text))]
    ends = [*(m.start() for m in _CLAUSES.finditer(text)), len(text)]
    stuck: Stuck | None = None
    for start, end in zip(starts, ends, strict=True):
        piece = text[start:end]
        clause = piece.strip(" .,")
        bullet = _BULLET.match(clause)
        offset = start + piece.index(clause) + (bullet.end() if bullet else 0) if clause else 0
        clause = clause[bullet.end() :] if bullet else clause
        if not clause:
            continue
        found = _clause(clause, year, civil)
        reading.parts += found.parts
        reading.unused += found.unused
        reading.remarks += found.remarks
        if found.stuck is not None and (stuck is None or found.stuck.wrong > stuck.wrong):
            where = found.stuck
            stuck = Stuck(offset + where.offset, offset + where.end, where.expected, where.wrong)
    if stuck is not None and (stuck.wrong or not reading.parts):
        reading.stuck = stuck
    _name_periods(reading.parts)
    return reading


def _name_periods(parts: list[Part]) -> None:
    """Give each occurrence of the phrase's rules a distinct period name: by period
    ("2024-Q1"), else by month ("2024-05", for "trước ngày 01/6 và 15/11 hằng năm"),
    else by day."""
    rules = [(n, p) for n, p in enumerate(parts) if isinstance(p, Recurring) and p.dates]
    labels = [o.period for _, p in rules for o in p.dates]
    if len(labels) == len(set(labels)):
        return
    months = [o.due.strftime("%Y-%m") for _, p in rules for o in p.dates]
    by_month = len(months) == len(set(months))
    for n, part in rules:
        dates = tuple(
            Occurrence(o.due.strftime("%Y-%m") if by_month else o.due.isoformat(), o.due)
            for o in part.dates
        )
        parts[n] = Recurring(part.frequencies, part.year, part.rule, dates, part.stated)
