"""A compositional reading of timeframe phrases: connectives over points, recurrence, prose.

The phrase is cut into clauses (";", sentences, bullets), each clause into
tokens over the folded text (`lexicon.py`). A clause is scanned left to
right for time expressions, each a small reader over the points of
`scan.py` (which alone joins points into lists and ranges), the rules of
`recurrence.py` or the undated readers of `undated.py`:

- connectives over any point (`CONNECTIVES`, one meaning each): before
  ("Trước năm 2030" ends 31/12/2029), at the latest; the edges of Bộ luật
  Dân sự Điều 146 ("cuối tháng 6"); from ... to ..., open-ended from; a
  point alone, or a period that heads the deadline inside it ("năm 2025
  trước ngày 20/12/2025");
- recurrence and reports by the plan's calendar ("Báo cáo quý, BC năm"), read in
  `repeats.py`;
- counts of days from a day ("trong 10 ngày làm việc kể từ ngày 15/3/2024");
- ongoing work, work on request, per another document, after an event.

Right or refused: the words no expression used are kept as the timeframe's
note only when none of them speaks of time (`lexicon.is_time_word`) and
none is a number; otherwise the clause is an error at the first such word.
So is a clause whose readers found two times side by side, or a weekday
that is not its date's (`Scan.fail`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from datetime import timedelta
from typing import NamedTuple

from tthc_plan.core.dates import format_date
from tthc_plan.core.problem import Message, msg
from tthc_plan.core.timeframe.civil import CivilCalendar
from tthc_plan.core.timeframe.clause import Stuck
from tthc_plan.core.timeframe.context import (
    LEAD_WORDS,
    Context,
    Expr,
    Found,
    Reading,
    original_word,
    remark_off,
    remark_tet,
    timely,
)
from tthc_plan.core.timeframe.lexicon import is_time_word
from tthc_plan.core.timeframe.period import Span, month_label
from tthc_plan.core.timeframe.points import EDGES, Point
from tthc_plan.core.timeframe.repeats import data_window, edge_of_each, recurring, report
from tthc_plan.core.timeframe.scan import EXPECT_POINT, Scan
from tthc_plan.core.timeframe.types import (
    AfterEvent,
    Deadline,
    Occurrence,
    Ongoing,
    Part,
    Recurring,
    Window,
)
from tthc_plan.core.timeframe.undated import after_event, on_request, ongoing, per_reference
from tthc_plan.i18n import N_

_ROMAN_LETTERS = frozenset("ivxl")
_POINT_WORDS = frozenset(("quy", "qui", "thang", "ngay"))
_EXPECT_TIME = N_(
    "một thời hạn viết theo cách tthc hiểu (từ chỉ thời gian này không gắn được vào ngày nào)"
)


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


def _over_points(connective: Connective) -> Expr:
    """Return the reader of a connective over a point or a list of points."""

    def read(c: Context, i: int) -> Found:
        s = c.s
        j = s.any_of(i, *connective.phrases)
        hour = None if j is None else s.hour(j)
        if hour is not None:
            j = hour[0]  # "Trước 16h ngày 10/01/2024": by that hour, so that very day
        if j is None or (found := s.points(j)) is None:
            if j is not None:
                s.expect(j, EXPECT_POINT)
            return None
        points, k = found
        remark_tet(c, points)
        if hour is not None:
            days = [p for p in points if p.span == Span.DAY]
            if len(days) != len(points):
                return None
            midnight = timedelta(days=1 if hour[1] else 0)  # "0h ngày 15/3": the 14th's end
            return [Deadline(p.first() - midnight) for p in days], k
        return [connective.part(point) for point in points], k

    return read


def _edge(c: Context, i: int) -> Found:
    """ "Cuối tháng 6", "giữa và cuối năm": a point, as `_span` reads it; an expression
    of its own so that it ends a name or an event before it ("Theo yêu cầu, cuối quý")."""
    return _span(c, i) if c.s.word(i) in EDGES else None


_FOLLOWING_YEARS = tuple(f"va {those} nam {next_}" for those in ("cac", "nhung")
                         for next_ in ("tiep theo", "sau", "ke tiep", "tiep sau"))  # fmt: skip
_FROM = ("bat dau trien khai tu", "trien khai tu", "bat dau tu", "bat dau", "tu sau", "tu")


def _from(c: Context, i: int) -> Found:
    """Read "từ X đến Y", "từ X đến khi ...", "từ (sau) X" (open-ended)."""
    s = c.s
    j = s.any_of(i, *_FROM) or s.any_of(i, "sau")  # "Sau ngày 15/3/2024", "sau năm 2027"
    if j is None:
        return None
    after = s.word(j - 1) == "sau"
    found = s.point(j)
    if found is None or (after and found[0].span == "tet"):
        if not after:  # "sau" may begin an event ("sau thí điểm"): no point is expected
            s.expect(j, EXPECT_POINT)
        return None  # "Sau Tết": after the day, or after the days off? Not said
    first, k = found
    if (m := s.any_of(k, "den", "toi")) is not None and (event := s.any_of(m, "khi")) is not None:
        if (ends := s.any_of(event, "het", "ket thuc")) is not None and (
            last := s.point(ends)
        ) is not None:
            a, b = s.shared_year(first, last[0])  # "đến khi hết năm 2025": to its end
            return [Window(a.first(), b.last())], last[1]
        if event < len(s.tokens) and timely(c, event, len(s.tokens)) is None:
            start = s.plan(first).first()
            return [Ongoing(start=start), AfterEvent(s.text(event, len(s.tokens)))], len(s.tokens)
        if not c.probing:
            s.fail(event, msg("«{event}» có từ chỉ thời gian: không rõ khi nào là hết",
                              event=s.text(event, len(s.tokens))))  # fmt: skip
        return None
    if (ranged := s.range_after(k, first)) is not None:
        a, b, end = ranged
        start = a.last() + timedelta(days=1) if after else a.first()  # "Sau 30/6 đến 31/7"
        return [Window(start, b.last())], end
    if (m := s.any_of(k, "den het ngay", "den ngay", "den het", "den", "toi")) is not None:
        s.fail(m, msg("Sau «{word}» cần ngày kết thúc", word=s.text(k, m)))
    first = s.plan(first)
    start = first.last() + timedelta(days=1) if after else first.first()
    k = s.any_of(k, "tro di", "tro ve sau", *_FOLLOWING_YEARS) or k
    return [Ongoing(start=start)], k


_HEADED = ("truoc", "cham", "muon", "den", "het", "han", "dau", "giua", "cuoi")


def _span(c: Context, i: int) -> Found:
    """Read a point, a range of two points, a list, an open end after a point, or a
    year that heads what follows ("năm 2025 trước ngày 20/12/2025")."""
    s = c.s
    j = s.any_of(i, "giai doan") or i
    found = s.point(j)
    if found is not None and j != i and found[0].span != Span.YEAR:
        return None  # "Giai đoạn 2/2025": a phase's number, not February
    if found is None:
        listed = s.points(j)  # "Giữa và cuối năm": a list that begins with an edge alone
        return None if listed is None else ([_deadline(p) for p in listed[0]], listed[1])
    first, k = found
    if (ranged := s.range_after(k, first)) is not None:
        a, b, end = ranged
        if (n := s.any_of(end, *_FOLLOWING_YEARS)) is not None:
            return [Ongoing(start=a.first())], n
        return [Window(a.first(), b.last())], end
    heading = first.span in _HEADINGS and not first.edge and not c.probing
    if heading and (headed := _headed(c, first.with_year(s.year), k)) is not None:
        s.plan(first)  # the heading's year, when it has none, is the plan's: noted
        return headed
    points, k = s.points(j) or ([first], k)
    if (n := s.any_of(k, *_FOLLOWING_YEARS)) is not None:
        return [Ongoing(start=s.plan(first).first())], n
    if not c.probing:
        remark_tet(c, points)
    return [_deadline(point) for point in points], k


_HEADINGS = frozenset((Span.YEAR, Span.HALF, Span.QUARTER, Span.MONTH, Span.MONTHS))


def _headed(c: Context, heading: Point, k: int) -> Found:
    """Read what a period heads: "năm 2025 trước ngày 20/12/2025", "Quý I/2026 (trước
    ngày 31/3/2026)". The deadline inside the period is the time; its days take the
    heading's year."""
    s = c.s
    k = s.any_of(k, ",", ":", "-") or k
    while s.word(k) in LEAD_WORDS or s.word(k) == "xong":
        k += 1  # "Năm 2024, hoàn thành trước 15/12/2024"
    if s.word(k) not in _HEADED or heading.year is None:
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
    if point.span in {Span.DAY, "tet", "lunar day"} or point.edge:
        return Deadline(point.first())
    return Deadline(point.last(), point.first())


# Days counted from a day --------------------------------------------------------


def _counted(c: Context, i: int) -> Found:
    """ "Trong 10 ngày làm việc kể từ ngày 15/3/2024", "chậm nhất 05 ngày làm việc
    trước ngày 30/6/2024", "10 ngày sau ngày 30/6/2024" (Bộ luật Dân sự 2015, Điều
    147-148: the first day is not counted; a period of days that ends on a day off
    ends on the next working day)."""
    s = c.s
    if (counted := s.day_count(i)) is None:
        return None
    count, working, after = counted
    before = s.any_of(after, "truoc ngay", "truoc")
    if before is not None and "trong" in {s.word(i), s.word(i - 1), s.word(i - 2)}:
        return None  # "Trong 30 ngày trước ngày 15/3": the window, or its first day?
    first_days = s.any_of(after, "dau cua", "dau") if working and before is None else None
    k = before if before is not None else first_days or s.any_of(
        after, "sau khi ket thuc", "sau khi het", "ke tu ngay ket thuc", "ke tu ngay", "ke tu",
        "tinh tu ngay", "tinh tu", "sau ngay", "sau")  # fmt: skip
    if k is None or (found := s.point(k)) is None:
        return None
    point, end = found
    point = s.plan(point)
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
                                 due=format_date(due)))  # fmt: skip
    if working:
        first, last = sorted((day, due))
        remark_off(c, first, last)
    return [Deadline(due)], end


# The table of expressions ------------------------------------------------------

# Each expression with the phrases it begins with: its first words are worked out
# from these, so an expression is tried only where its first word is ("#": a number).
_RECURRING_STARTS = ("truoc", "cham", "han", "ngay", "thang", "quy", "qui", "dinh", "hang",
                     "moi", "trong", "sau", "#", *EDGES)  # fmt: skip
_SPAN_STARTS = ("#", "ngay", "thang", "quy", "qui", "nam", "giai doan", "tet", "giap", "binh",
                "nham", "ram", "mung", "mong", "nua", "q", "h", *EDGES)  # fmt: skip
_EXPRESSIONS: tuple[tuple[Expr, tuple[str, ...]], ...] = (
    (ongoing, ("thuong", "lien", "hang ngay")),
    (on_request, ("ke", "kiem", "bao", "bc", "dot", "do", "theo", "khi")),
    (per_reference, ("theo",)),
    (report, ("bao cao", "bc")),
    (recurring, _RECURRING_STARTS),
    (edge_of_each, EDGES),
    (_counted, ("trong", "cham", "sau", "#")),
    (data_window, ("thoi", "chot", "so", "tinh", "tu")),
    *((_over_points(connective), connective.phrases) for connective in CONNECTIVES.values()),
    (_edge, EDGES),
    (_from, (*_FROM, "sau")),
    (after_event, ("ngay sau", "sau", "khi", "trong")),
    (_span, _SPAN_STARTS),
)


def _first_words(phrases: tuple[str, ...]) -> set[str]:
    return {phrase.split()[0] for phrase in phrases}


_BY_START: dict[str, tuple[Expr, ...]] = {}
for _expression, _phrases in _EXPRESSIONS:
    for _word in _first_words(_phrases):
        _BY_START[_word] = (*_BY_START.get(_word, ()), _expression)

# What may follow a name or an event as a time of its own: connectives only, not a
# bare point ("Kế hoạch số 17/KH-UBND, ngày 30/01/2023" is the document's date).
_TIMED_AT = {
    word: tuple(e for e in expressions if e not in {_span, on_request, per_reference})
    for word, expressions in _BY_START.items()
}


# What may follow a lead verb or "trong" inside a name: any time, a point too
# ("Theo thông báo của UBND tỉnh, hoàn thành trong tháng 3").
_LED = {
    word: tuple(e for e in expressions if e not in {on_request, per_reference})
    for word, expressions in _BY_START.items()
}


def _expressions_at(word: str) -> tuple[Expr, ...]:
    return _BY_START.get("#" if word.isdigit() else word, ())


def _best(c: Context, i: int) -> Found:
    """Return the reading at `i` that goes furthest, or None."""
    best: Found = None
    for expression in _expressions_at(c.s.texts[i]):
        found = expression(c, i)
        if found is not None and (best is None or found[1] > best[1]):
            best = found
    return best


class _Read(NamedTuple):
    """One expression read in a clause: its tokens and its parts."""

    start: int
    end: int
    parts: list[Part]


def _clause(original: str, year: int | None, civil: CivilCalendar) -> Reading:
    scan = Scan(original, year)
    c = Context(scan, civil, _TIMED_AT, _LED)
    reads: list[_Read] = []
    unused: list[int] = []
    i = 0
    while i < len(scan.tokens):
        best = _best(c, i)
        if best is None:
            token = scan.tokens[i]
            following = scan.word(i + 1) or ""
            roman_like = bool(following) and set(following) <= _ROMAN_LETTERS
            if token.text in _POINT_WORDS and (following.isdigit() or roman_like):
                # "Quý V/2024", "tháng 13": a date written wrong is not a note to skip.
                if scan.furthest is None or scan.furthest[0] <= i:
                    scan.expect(i + 1, EXPECT_POINT)
                parts = [part for read in reads for part in read.parts]
                return Reading(parts, [original[token.start :]], scan.stuck(wrong=True))
            unused.append(i)
            i += 1
            continue
        reads.append(_Read(i, best[1], best[0]))
        i = best[1]
    for first, second in itertools.pairwise(reads):
        _check_neighbours(scan, first, second)
    parts = [part for read in reads for part in read.parts]
    alone = [r for r in reads if _repeats_alone(r.parts)]
    dated = [r for r in reads if _dated(r.parts)]
    if alone and dated and scan.wrong is None:
        # "Hằng năm, tổng kết trước 15/12": each year on 16/12, or once on 14/12?
        scan.fail(dated[0].start, msg("«{every}» lặp lại, nhưng «{date}» là một ngày: không rõ "
                                      "ngày nào của mỗi kỳ", every=scan.text(alone[0].start,
                                      alone[0].end), date=scan.text(dated[0].start,
                                      dated[0].end)))  # fmt: skip
    stated = {p.stated.every for p in parts if isinstance(p, Recurring) and p.stated}
    calendar = [p for p in parts if isinstance(p, Recurring) and p.stated is None]
    if any(stated & set(p.frequencies) and not set(p.frequencies) <= stated for p in calendar):
        # "Báo cáo quý và năm trước ngày 20 tháng cuối quý": the year's report, which day?
        scan.fail(reads[-1].start, msg("Ngày nêu ra chỉ hợp với một số kỳ báo cáo đã kể"))
    if scan.wrong is not None:
        n, said = scan.wrong
        token = scan.tokens[n]
        stuck = Stuck(token.start, len(original), msg(_EXPECT_TIME), wrong=True, said=said)
        return Reading(parts, [], stuck, c.remarks)
    timely_words = [n for n in unused if scan.texts[n].isdigit()
                    or (scan.texts[n].isalpha() and is_time_word(c.words, n))]  # fmt: skip
    if timely_words and parts:
        return Reading(parts, [], _unread_time(scan, timely_words[0]), c.remarks)
    parts = stated_over_calendar(parts)
    notes = [
        original_word(scan, n)
        for n in unused
        if scan.texts[n] not in LEAD_WORDS and scan.tokens[n].text.isalnum()
    ]
    reading = Reading(parts, notes, None if parts else scan.stuck(), c.remarks, c.cutoff_day)
    reading.timely = bool(timely_words)
    reading.filled = scan.filled
    return reading


def _check_neighbours(scan: Scan, first: _Read, second: _Read) -> None:
    """Two readings side by side that cannot both be right are an error."""
    between = scan.texts[first.end : second.start]
    glue = all(not word.isalnum() or word in LEAD_WORDS for word in between)
    both = scan.text(first.start, first.end), scan.text(second.start, second.end)
    if _dated(first.parts) and _dated(second.parts):
        signs_only = all(not word.isalnum() for word in between) and not {",", ";"} & set(between)
        if (
            signs_only
            or between in (["hoac"], ["hay"])
            or (between == [","] and _bare_year(scan, second))
        ):
            # "Trước ngày 15/01/2024 năm sau", "Tháng 8 quý II/2024", "trước 30/6 - 31/12",
            # "Trước 30/6 hoặc 31/12/2024", "Trước 30/6 [năm sau]": which one?
            scan.fail(second.start, msg("Hai thời hạn viết liền nhau («{first}» và «{second}») "
                                        "mà không rõ nghĩa là gì", first=both[0],
                                        second=both[1]))  # fmt: skip
    elif glue and _dated(first.parts) and _repeats_alone(second.parts):
        # "ngày 15/8 âm lịch hằng năm": a repetition of a date no rule was read for
        scan.fail(second.start, _no_rule(every=both[1], day=both[0]))
    elif glue and _different_repetitions(first.parts, second.parts):
        # "Hằng năm, trước ngày 20 tháng đầu quý sau": each year, or each quarter?
        scan.fail(second.start, msg("«{first}» và «{second}» nói hai cách lặp khác nhau",
                                    first=both[0], second=both[1]))  # fmt: skip
    elif glue and _repeats_alone(first.parts) and _dated_or_open(second.parts):
        # "Hằng năm, trước Tết", "Hằng năm, chậm nhất ngày 20/01 năm 2025": one day, each year?
        scan.fail(second.start, _no_rule(every=both[0], day=both[1]))


def _no_rule(*, every: str, day: str) -> Message:
    """The error of a repetition beside a day whose rule of repetition is not read."""
    return msg("«{every}» lặp lại «{date}», nhưng tthc không đọc được quy tắc lặp của ngày đó",
               every=every, date=day)  # fmt: skip


def _different_repetitions(first: list[Part], second: list[Part]) -> bool:
    """Tell whether a repetition said alone and a rule beside it repeat differently."""
    alone = {f for p in first if isinstance(p, Recurring) and not p.stated for f in p.frequencies}
    stated = {p.stated.every for p in second if isinstance(p, Recurring) and p.stated}
    return bool(alone and stated and alone != stated)


def _bare_year(scan: Scan, read: _Read) -> bool:
    """Tell whether a reading is a year alone ("năm 2024", "2024")."""
    words = [w for w in scan.texts[read.start : read.end] if w != "nam"]
    return len(words) == 1 and words[0].isdigit()


def _dated_or_open(parts: list[Part]) -> bool:
    return _dated(parts) or any(isinstance(p, Ongoing) and p.start for p in parts)


def _dated(parts: list[Part]) -> bool:
    return bool(parts) and all(isinstance(part, Deadline | Window) for part in parts)


def _repeats_alone(parts: list[Part]) -> bool:
    return len(parts) == 1 and isinstance(parts[0], Recurring) and parts[0].stated is None


def stated_over_calendar(parts: list[Part]) -> list[Part]:
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
_ENUMERATOR = re.compile(r"\(?(?:\d{1,2}|[a-zđ]|[IVX]{1,4})[.)]?", re.IGNORECASE)


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
    unread: Stuck | None = None  # a clause nothing of which was read, with words of time
    for start, end in zip(starts, ends, strict=True):
        piece = text[start:end]
        clause = piece.strip(" .,")
        bullet = _BULLET.match(clause)
        offset = start + piece.index(clause) + (bullet.end() if bullet else 0) if clause else 0
        clause = clause[bullet.end() :] if bullet else clause
        if not clause or _ENUMERATOR.fullmatch(clause):
            continue  # "1.", "a)", "II.": a list's numbering
        found = _clause(clause, year, civil)
        reading.parts += found.parts
        reading.unused += found.unused
        reading.remarks += found.remarks
        reading.cutoff_day = found.cutoff_day or reading.cutoff_day
        reading.filled = reading.filled or found.filled
        if found.stuck is not None and (stuck is None or found.stuck.wrong > stuck.wrong):
            where = found.stuck
            stuck = Stuck(offset + where.offset, offset + where.end, where.expected, where.wrong,
                          where.said)  # fmt: skip
        if found.timely and unread is None:
            said = msg("Không hiểu «{clause}», mà trong đó có từ chỉ thời gian", clause=clause)
            unread = Stuck(offset, offset + len(clause), msg(_EXPECT_TIME), True, said)
    if unread is not None and reading.parts and (stuck is None or not stuck.wrong):
        stuck = unread  # "Trước 30/6/2024. Gia hạn đến cuối quý sau": the second is not read
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
    months = [month_label(o.due) for _, p in rules for o in p.dates]
    by_month = len(months) == len(set(months))
    for n, part in rules:
        dates = tuple(
            Occurrence(month_label(o.due) if by_month else o.due.isoformat(), o.due)
            for o in part.dates
        )
        parts[n] = Recurring(part.frequencies, part.year, part.rule, dates, part.stated)
