"""What a clause is read against, and what the readers share: the look ahead for a
time that ends a name or an event, the words of time in a stretch, the remarks."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence
from datetime import date

from msgspec import Struct

from tthc_plan.core.dates import format_date
from tthc_plan.core.problem import Message, msg
from tthc_plan.core.timeframe.civil import CivilCalendar
from tthc_plan.core.timeframe.clause import Stuck
from tthc_plan.core.timeframe.lexicon import is_time_word
from tthc_plan.core.timeframe.period import periods_of_year
from tthc_plan.core.timeframe.points import NeedsYearError, Point
from tthc_plan.core.timeframe.recurrence import Rule
from tthc_plan.core.timeframe.scan import Scan
from tthc_plan.core.timeframe.types import Part

# Words a time expression may follow without anything lost: lead verbs and prepositions.
LEAD_WORDS = frozenset(
    ("hoan", "thanh", "thuc", "hien", "trien", "khai", "ban", "hanh", "bat", "trong",
     "vao", "gui", "nop", "thoi", "gian", "han", "va", "la", "tu", "hoac")
)  # fmt: skip


class Reading(Struct):
    """What a clause or a phrase yields: its parts, the words it did not use, where it
    stuck, and remarks for `tthc show` (the days off a count of working days skipped)."""

    parts: list[Part]
    unused: list[str]
    stuck: Stuck | None = None
    remarks: list[Message] = []
    cutoff_day: int | None = None  # "đến ngày 14 tháng 3 thuộc kỳ báo cáo"
    timely: bool = False  # a clause nothing of which was read has words of time
    filled: bool = False  # a point without a year took the plan's


class Context:
    """What a clause is read against: the scan, the plan's year and civil calendar, and
    the expressions that may start a time of their own after a name (`timed`)."""

    def __init__(
        self,
        scan: Scan,
        civil: CivilCalendar,
        timed: Mapping[str, tuple[Expr, ...]],
        led: Mapping[str, tuple[Expr, ...]],
    ) -> None:
        """`timed`: what may follow a name after a join ("Theo yêu cầu, chậm nhất ...");
        `led`: what may follow a lead verb or "trong" ("... hoàn thành trong tháng 3")."""
        self.s = scan
        self.civil = civil
        self.timed_expressions = timed
        self.led_expressions = led
        self.remarks: list[Message] = []
        self.cutoff_day: int | None = None
        self.probing = False  # looking ahead for a time: no reader looks further ahead
        self.timed: dict[int, bool] = {}
        self.led: dict[int, bool] = {}
        self.words = [scan.original[t.start : t.end].lower() for t in scan.tokens]
        self.stops: list[tuple[int, int]] | None = None  # where a name may end
        self.stop_found: dict[int, int] = {}  # a stop's index: the first timed stop from it
        self.next_timely: list[int] | None = None


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
                year=point.year, tet=format_date(tet),
                first=format_date(c.civil.tet_break(point.year))))  # fmt: skip


def remark_days_off(c: Context, rule: Rule, year: int) -> None:
    """Name the weekdays off inside each count of days after a period's end."""
    days: list[date] = []
    for period in periods_of_year(rule.every, year):
        days += c.civil.days_off_between(period.last, rule.due(period, c.civil))
    _say_days_off(c, days)


def remark_off(c: Context, first: date, last: date) -> None:
    """Name the weekdays off from `first` to `last`, skipped by a count of working days."""
    _say_days_off(c, c.civil.days_off_between(first, last))


def _say_days_off(c: Context, days: Sequence[date]) -> None:
    text = ", ".join(format_date(day) for day in days) if days else "—"
    c.remarks.append(msg("Ngày nghỉ đã trừ khi đếm ngày làm việc (ngoài thứ Bảy, Chủ nhật): "
                         "{days}.", days=text))  # fmt: skip


def words_until_time(c: Context, i: int) -> int:
    """Return where the words of a name, an event or a document end: at the end of the
    clause, or before a time that follows as a part of its own: ", chậm nhất ngày
    30/6/2026", "và định kỳ hằng quý", "hoàn thành trước 30/6/2024".

    Each place where a time may start is tried once, without looking further ahead
    from there, and each answer is kept: the reading stays linear in the clause.
    """
    if c.probing:
        return len(c.s.tokens)  # a look ahead only asks whether a time starts here
    if c.stops is None:
        c.stops = _stops(c.s)
    places = c.stops
    index = bisect.bisect_right(places, (i + 1, -1))
    seen = []
    while index < len(places) and index not in c.stop_found:
        seen.append(index)
        if _time_starts(c, *places[index]):
            c.stop_found[index] = index
            break
        index += 1
    found = c.stop_found.get(index, len(places)) if index < len(places) else len(places)
    for visited in seen:
        c.stop_found[visited] = found
    return places[found][1] if found < len(places) else len(c.s.tokens)


def _stops(s: Scan) -> list[tuple[int, int]]:
    """Where a time may start after a name: (the time's first token, the name's end)."""
    stops = []
    for k in range(1, len(s.tokens)):
        if s.texts[k - 1] in _JOINS:
            stops.append((k, k - 1))
        elif s.texts[k] in _STARTS_A_TIME:
            stops.append((k, k))
    return stops


def _time_starts(c: Context, k: int, end: int) -> bool:
    s = c.s
    n = k
    while n < len(s.tokens) and n - k < 3 and s.texts[n] in LEAD_WORDS:
        n += 1  # ", hoàn thành trước ngày 31/3/2024"
    if n >= len(s.tokens):
        return False
    if n != k and _starts(c, n, c.led_expressions, c.led):
        return True  # "hoàn thành trong tháng 3", "trong năm 2024"
    return _timed_at(c, n) or (n != k and end == k - 1 and _timed_at(c, k))


def _timed_at(c: Context, k: int) -> bool:
    return _starts(c, k, c.timed_expressions, c.timed)


def _starts(
    c: Context, k: int, table: Mapping[str, tuple[Expr, ...]], memo: dict[int, bool]
) -> bool:
    """Tell whether an expression of `table` reads at `k` (looking no further ahead)."""
    found = memo.get(k)
    if found is None:
        probing, c.probing = c.probing, True
        word = "#" if c.s.texts[k].isdigit() else c.s.texts[k]
        try:
            found = any(e(c, k) is not None for e in table.get(word, ()))
        except NeedsYearError:
            found = False
        finally:
            c.probing = probing
        memo[k] = found
    return found


_JOINS = frozenset((",", ";", "va", "hoac"))
# Words that may begin a time without a join before it: lead verbs ("hoàn thành
# trước ...") and the connectives themselves ("Theo yêu cầu của Bộ trước ngày ...").
_STARTS_A_TIME = frozenset(("hoan", "thuc", "gui", "nop", "truoc", "cham", "han", "trong"))


def timely(c: Context, i: int, j: int) -> int | None:
    """Return the index of the first number or word of time in tokens i..j-1, or None."""
    if c.probing:
        return None  # a look ahead only asks whether a time starts here
    if c.next_timely is None:
        c.next_timely = _next_timely(c)
    found = c.next_timely[i]
    return found if found < j else None


def _next_timely(c: Context) -> list[int]:
    """For each token, the index of the first number or word of time from there on."""
    s, words = c.s, c.words
    after = [len(s.tokens)] * (len(s.tokens) + 1)
    for n in range(len(s.tokens) - 1, -1, -1):
        timely_word = s.texts[n].isdigit() or (s.texts[n].isalpha() and is_time_word(words, n))
        after[n] = n if timely_word else after[n + 1]
    return after


def original_word(s: Scan, n: int) -> str:
    token = s.tokens[n]
    return s.original[token.start : token.end]
