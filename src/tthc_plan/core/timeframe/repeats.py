"""Repeating times: recurrences, reports by the plan's calendar, the edges of each
period, and the data window of Nghị định 09/2019 that a report states.

Each reader takes the clause's `Context` and an index, and returns (parts, index
after) or None, as the readers of `compose.py`; the typed rules they build are
`recurrence.Rule`.
"""

from __future__ import annotations

from tthc_plan.core.problem import msg
from tthc_plan.core.timeframe import recurrence
from tthc_plan.core.timeframe.context import (
    Context,
    Found,
    remark_days_off,
)
from tthc_plan.core.timeframe.period import Span
from tthc_plan.core.timeframe.points import (
    EDGES,
    NeedsYearError,
    Point,
)
from tthc_plan.core.timeframe.recurrence import Rule
from tthc_plan.core.timeframe.types import (
    Frequency,
    Ongoing,
    Part,
    Recurring,
)

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
            remark_days_off(c, rule, year)
    return parts


def recurring(c: Context, i: int) -> Found:
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
            # "Định kỳ cập nhật...": periodic, no schedule stated; said, not guessed
            if not c.probing:
                c.remarks.append(msg("«{words}» không nói bao lâu một lần: hiểu là việc thường "
                                     "xuyên, không có hạn.", words=s.text(i, j)))  # fmt: skip
            return [Ongoing()], j
        return None
    frequency, k = repeated
    return _after_frequency(c, frequency, k)


def _after_frequency(c: Context, frequency: Frequency, k: int, *, report: bool = False) -> Found:
    """After "hằng tháng" or "Báo cáo quý": a stated day of it ("Hằng năm, tháng 12"),
    or the plan's calendar. A report may state one day of the year ("Báo cáo 6 tháng
    trước ngày 15/6"); a repetition may not ("Hằng quý, chậm nhất ngày 20/01")."""
    s = c.s
    n = s.any_of(k, ",", ":") or k
    n = s.any_of(n, "gui bao cao", "bao cao", "gui", "nop", "vao", "trong") or n
    if (stated := recurrence.stated_rule(s, n, frequency, dated=report)) is not None:
        return _recurring_part(c, stated[0]), stated[1]
    points = s.points(n) if frequency is Frequency.ANNUAL else None
    if points is not None and (rules := _yearly_rules(points[0], s.year)) is not None:
        return _recurring_part(c, rules), points[1]
    if (ended := recurrence.after_period_end(s, n, frequency)) is not None:
        return _recurring_part(c, ended[0]), ended[1]
    assert s.year is not None  # noqa: S101 - checked by the callers
    return [Recurring((frequency,), s.year)], k


def _yearly_point(c: Context, i: int) -> Found:
    """ "Tháng 12 hằng năm", "Tháng 6 và tháng 12 hằng năm", "Quý IV hằng năm", "Cuối
    tháng 6 hằng năm", "Quý I năm sau hằng năm": that day of each year."""
    s = c.s
    if s.word(i) not in {"thang", "quy", "qui", *EDGES} or (found := s.points(i)) is None:
        return None
    points, k = found
    repeated = recurrence.every(s, s.any_of(k, ",") or k)
    if repeated is None or repeated[0] is not Frequency.ANNUAL:
        return None
    rules = _yearly_rules(points, s.year)
    return None if rules is None else (_recurring_part(c, rules), repeated[1])


def _yearly_rules(points: list[Point], year: int | None) -> list[Rule] | None:
    """The rule of each point said of every year, or None if one names a year of its own
    ("Tháng 12/2024 hằng năm") or is no month, quarter or edge."""
    rules = []
    for point in points:
        if year is None or point.span not in {Span.MONTH, Span.QUARTER, Span.YEAR}:
            return None
        if point.year != year + (point.shift or 0):
            return None  # a year written out, not of each year
        if point.span == Span.YEAR and not point.edge:
            return None
        day = point.first() if point.edge else point.last()
        months = day.month - 1 + 12 * (point.shift or 0)
        last = point.edge in {"", "cuoi"}  # the month's last day, whatever its length
        rules.append(Rule(Frequency.ANNUAL, months, None if last else day.day))
    return rules


_EDGE_RULES = {  # (months from the period's first, day; None: the month's last)
    Frequency.MONTHLY: {"dau": (0, 1), "giua": (0, 15), "cuoi": (0, None)},
    Frequency.QUARTERLY: {"dau": (0, 1), "giua": (1, 15), "cuoi": (2, None)},
    Frequency.HALF_YEARLY: {"dau": (0, 1), "cuoi": (5, None)},
    Frequency.ANNUAL: {"dau": (0, 1), "giua": (5, 30), "cuoi": (11, None)},
}


def edge_of_each(c: Context, i: int) -> Found:
    """ "Cuối mỗi tháng", "Đầu hằng quý", "giữa mỗi năm": that edge of each period."""
    s = c.s
    edge = s.word(i)
    if edge not in EDGES or s.year is None or (repeated := recurrence.every(s, i + 1)) is None:
        return None
    frequency, k = repeated
    if (found := _EDGE_RULES[frequency].get(edge)) is None:
        return None
    return _recurring_part(c, [Rule(frequency, found[0], found[1])]), k


_FREQUENCIES = (("6 thang", Frequency.HALF_YEARLY), ("thang", Frequency.MONTHLY),
                ("quy", Frequency.QUARTERLY), ("nam", Frequency.ANNUAL))  # fmt: skip


def report(c: Context, i: int) -> Found:
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
        return _after_frequency(c, found[0], end, report=True)
    return [Recurring(tuple(dict.fromkeys(found)), s.year)], end


# The data cut-off of Nghị định 09/2019/NĐ-CP, Điều 12 ----------------------------

_CUTOFF_LEADS = ("thoi gian chot so lieu bao cao", "thoi gian chot so lieu", "chot so lieu",
                 "so lieu bao cao", "so lieu")  # fmt: skip
_OF_PERIOD = ("thuoc ky bao cao", "cua ky bao cao", "trong ky bao cao", "ky bao cao")


def data_window(c: Context, i: int) -> Found:
    """ "(Thời gian chốt số liệu:) tính từ ngày 15 tháng 12 năm trước kỳ báo cáo đến ngày
    14 tháng 3 thuộc kỳ báo cáo": the statistics a report quotes, not a deadline. Its
    cut-off day is checked against the plan's reporting calendar (`tthc validate`)."""
    s = c.s
    lead = s.any_of(i, *_CUTOFF_LEADS) or i
    j = s.any_of(s.any_of(lead, ":") or lead, "tinh tu ngay", "tu ngay")
    if j is None or (first := s.number(j, 1, 31)) is None:
        return None
    k = s.any_of(j + 1, "cua thang truoc ky bao cao", "thang truoc ky bao cao")
    if k is None:  # "15 tháng 12 năm trước kỳ báo cáo"
        k = s.any_of(j + 1, "thang")
        if k is None or s.number(k, 1, 12) is None:
            return None
        k = s.any_of(k + 1, "cua nam truoc ky bao cao", "nam truoc ky bao cao")
    if k is None or (m := s.any_of(k, "den het ngay", "den ngay")) is None:
        return None
    if (last := s.number(m, 1, 31)) is None:
        return None
    n = s.any_of(m + 1, "thang") or m + 1
    if s.word(n - 1) == "thang" and s.number(n, 1, 12) is not None:
        n += 1
    n = s.any_of(n, "cua thang", "thang") or n
    if (end := s.any_of(n, *_OF_PERIOD)) is None:
        return None
    if first != last + 1:
        s.fail(j, msg("Số liệu tính từ ngày {first} đến ngày {last}: ngày bắt đầu phải là "
                      "ngày sau ngày chốt của kỳ trước ({next})", first=first, last=last,
                      next=last + 1))  # fmt: skip
    c.cutoff_day = last
    c.remarks.append(msg("Số liệu của mỗi kỳ tính từ ngày {first} của tháng trước kỳ đến ngày "
                         "{last} của tháng cuối kỳ (Nghị định 09/2019/NĐ-CP, Điều 12).",
                         first=first, last=last))  # fmt: skip
    return [], end
