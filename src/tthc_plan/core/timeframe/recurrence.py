"""Recurrence: a typed rule read from the words, its occurrences and its RRULE text.

Every repeating phrase is read here, in whichever order people write it:
"trước ngày 20 hằng tháng", "Hằng năm, chậm nhất ngày 20/01 năm sau",
"Trước ngày 15 tháng đầu quý sau", "ngày 31 hằng tháng", "Tháng 12 hằng
năm", "Trong 10 ngày làm việc sau khi kết thúc quý", "định kỳ 6 tháng".
Each becomes a `Rule`: which periods of the plan's year repeat, and where
each one's due day falls from the period. The rule works out the
occurrences (named by their period: 2024-01, 2024-Q1, 2024-H1, 2024) and
writes the RRULE text once, where RFC 5545 can say it.

A plan may also give a task's dates as an RFC 5545 rule (`dates: {rrule: ...}`):
`explicit_days` works out its days in the plan's year, within bounds (see there).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from dateutil import parser as date_parser
from dateutil.rrule import rrule, rrulestr
from msgspec import Struct

from tthc_plan.core.dates import month_end
from tthc_plan.core.problem import Message, msg, verbatim
from tthc_plan.core.timeframe.civil import CivilCalendar
from tthc_plan.core.timeframe.period import (
    MONTHS_IN,
    Frequency,
    Occurrence,
    Period,
    add_months,
    periods_of_year,
)
from tthc_plan.core.timeframe.scan import Scan
from tthc_plan.errors import TthcError

_DAY_WORDS = ("truoc ngay", "truoc", "cham nhat vao ngay", "cham nhat la ngay", "cham nhat ngay",
              "cham nhat", "han cuoi ngay", "ngay")  # fmt: skip
# "hằng tháng", "mỗi quý", "định kỳ hằng năm", "định kỳ 6 tháng": the periods that repeat.
EVERY_WORDS = ("dinh ky hang", "dinh ky", "hang", "moi")
EVERY_SPAN = {"6 thang": Frequency.HALF_YEARLY, "06 thang": Frequency.HALF_YEARLY,
              "3 thang": Frequency.QUARTERLY, "03 thang": Frequency.QUARTERLY,
              "thang": Frequency.MONTHLY, "quy": Frequency.QUARTERLY,
              "nam": Frequency.ANNUAL}  # fmt: skip

# Where in (or after) a period a stated day falls: a month counted from the
# period's first month. `None` as frequency: the period the rest of the phrase names.
_LENGTH = -1  # stands for the period's length in months: "tháng sau", "kỳ sau"
_LAST = -2  # the period's last month: "tháng báo cáo", "tháng cuối kỳ báo cáo"
RELATIVE_MONTHS: dict[str, tuple[Frequency | None, int]] = {
    "thang dau quy sau": (Frequency.QUARTERLY, 3),
    "thang dau cua quy sau": (Frequency.QUARTERLY, 3),
    "thang dau quy tiep theo": (Frequency.QUARTERLY, 3),
    "thang dau cua quy tiep theo": (Frequency.QUARTERLY, 3),
    "thang dau quy ke tiep": (Frequency.QUARTERLY, 3),
    "thang cuoi quy": (Frequency.QUARTERLY, 2),
    "thang cuoi cua quy": (Frequency.QUARTERLY, 2),
    "thang cuoi moi quy": (Frequency.QUARTERLY, 2),
    "thang cuoi cua moi quy": (Frequency.QUARTERLY, 2),
    "thang giua quy": (Frequency.QUARTERLY, 1),
    "thang thu nhat quy sau": (Frequency.QUARTERLY, 3),
    "thang thu hai quy sau": (Frequency.QUARTERLY, 4),
    "thang thu ba quy sau": (Frequency.QUARTERLY, 5),
    "thang thu nhat cua quy sau": (Frequency.QUARTERLY, 3),
    "thang thu hai cua quy sau": (Frequency.QUARTERLY, 4),
    "thang thu ba cua quy sau": (Frequency.QUARTERLY, 5),
    "thang thu hai cua quy": (Frequency.QUARTERLY, 1),
    "thang thu ba cua quy": (Frequency.QUARTERLY, 2),
    "thang dau quy": (Frequency.QUARTERLY, 0),
    "thang dau cua quy": (Frequency.QUARTERLY, 0),
    "thang dau moi quy": (Frequency.QUARTERLY, 0),
    "thang dau nam sau": (Frequency.ANNUAL, 12),
    "thang cuoi nam": (Frequency.ANNUAL, 11),
    "thang sau": (None, _LENGTH),
    "thang tiep theo": (None, _LENGTH),
    "thang ke tiep": (None, _LENGTH),
    "thang lien ke": (None, _LENGTH),
    "thang dau ky sau": (None, _LENGTH),
    "thang dau cua ky sau": (None, _LENGTH),
    "thang dau ky bao cao tiep theo": (None, _LENGTH),
    "thang dau cua ky bao cao tiep theo": (None, _LENGTH),
    "thang cuoi ky bao cao": (None, _LAST),
    "thang cuoi cua ky bao cao": (None, _LAST),
    "thang bao cao": (None, _LAST),
    "cua thang bao cao": (None, _LAST),
}
RELATIVE_MONTH_PHRASES = tuple(sorted(RELATIVE_MONTHS, key=lambda p: -len(p.split())))


class Rule(Struct, frozen=True):
    """When each period of a repeating task is due.

    The due day is day `day` (the month's last when None, or when the month is
    shorter) of the month `months` after the period's first month, less one day
    if `before` ("trước ngày X" ends on X-1). Or, when `after_end` is set, that
    many days after the period's last day: working days if `working`, else
    calendar days, moved to the next working day when the last one is a day off
    (Bộ luật Dân sự 2015, Điều 148).
    """

    every: Frequency
    months: int = 0
    day: int | None = None
    before: bool = False
    after_end: int | None = None
    working: bool = False

    def due(self, period: Period, civil: CivilCalendar) -> date:
        """Return the due day of one period."""
        if self.after_end is not None:
            if self.working:
                return civil.working_day_after(period.last, self.after_end)
            end = period.last + timedelta(days=self.after_end)
            return end if civil.is_working_day(end) else civil.working_day_after(end, 1)
        year, month = add_months(period.year, period.first.month, self.months)
        last = month_end(year, month).day
        day = last if self.day is None else min(self.day, last)
        return date(year, month, day) - timedelta(days=self.before)

    def occurrences(self, year: int, civil: CivilCalendar) -> tuple[Occurrence, ...]:
        """Return one occurrence for each period of `year`, named by its period."""
        return tuple(
            Occurrence(period.label, self.due(period, civil))
            for period in periods_of_year(self.every, year)
        )

    @property
    def needs_calendar(self) -> bool:
        """Tell whether the due days depend on days off (and so on the holidays package)."""
        return self.after_end is not None

    def rrule(self) -> str | None:
        """Return the rule as RFC 5545 RRULE text, or None where it cannot say it exactly."""
        if self.after_end is not None or (self.before and self.day is not None and self.day > 28):
            return None
        step = MONTHS_IN[self.every]
        months = sorted({(m - 1 + self.months) % 12 + 1 for m in range(1, 13, step)})
        day = self.day
        if self.before and day == 1:
            months = sorted({(m - 2) % 12 + 1 for m in months})
            day = None
        elif self.before and day is not None:
            day -= 1
        if day is None:
            by_day = "BYMONTHDAY=-1"
        elif day > 28:
            by_day = "BYMONTHDAY=" + ",".join(str(d) for d in range(28, day + 1)) + ";BYSETPOS=-1"
        else:
            by_day = f"BYMONTHDAY={day}"
        by_month = "" if len(months) == 12 else "BYMONTH=" + ",".join(map(str, months)) + ";"
        return f"FREQ=MONTHLY;{by_month}{by_day}"


# An explicit rule (`dates: {rrule: ...}`) is bounded: a day at finest, an interval of
# one at least, its days counted in the plan's year only and never more than one a day.
# FREQ=YEARLY;INTERVAL=0 once hung every view; FREQ=SECONDLY filled 1.6 GB in a minute.
RULE_FREQUENCIES = ("YEARLY", "MONTHLY", "WEEKLY", "DAILY")
_FINER_FREQUENCIES = ("HOURLY", "MINUTELY", "SECONDLY")
MAX_RULE_DAYS = 366
_RULE_EXAMPLE = "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=16"
# Parts that would make a rule finer than a day, or that RFC 5545 does not have.
_REFUSED_PARTS = ("BYHOUR", "BYMINUTE", "BYSECOND", "BYEASTER")
MAX_INTERVAL = 999_999
_INTERVAL = re.compile(r"\+?[0-9]{1,6}")


class RuleError(TthcError):
    """An explicit rule that is not RFC 5545, or that goes beyond tthc's bounds."""

    def __init__(self, message: Message, fix: Message, offset: int = 0) -> None:
        """Refuse a rule, saying what is wrong (`message`), how to fix it (`fix`) and
        where in its text (`offset`: the part at fault, or 0)."""
        super().__init__(str(message))
        self.message = message  # kept untranslated for problems, translated when shown
        self.fix = fix
        self.hint = str(fix)
        self.offset = offset


def explicit_days(text: str, year: int) -> tuple[date, ...]:
    """Return the days an RFC 5545 RRULE gives in `year`, starting 1 January.

    Raise RuleError for a rule dateutil cannot read; for more than one RRULE or
    other properties (DTSTART, RDATE, EXDATE); for a rule finer than a day
    (FREQ=HOURLY..SECONDLY, BYHOUR, BYMINUTE, BYSECOND), with INTERVAL below 1
    or above MAX_INTERVAL, with BYEASTER (dateutil's own, not RFC 5545's); or
    that gives no day, or more than MAX_RULE_DAYS, in the year.
    """
    body = text.strip()
    if body[:6].upper() == "RRULE:":
        body = body[6:]
    parts = _rule_parts(body, text.index(body))
    try:
        # With no start, dateutil would take the clock's now.
        rule = rrulestr(body, dtstart=datetime(year, 1, 1))
    except (ValueError, TypeError, OverflowError) as error:
        raise _invalid(verbatim(str(error))) from None
    if not isinstance(rule, rrule):  # pragma: no cover - one line, no property: a single rule
        raise _invalid(msg("không phải một quy tắc"))
    # Read as dateutil read it; a default, or the parser would ask the clock for one.
    first = datetime(year, 1, 1)
    until = date_parser.parse(parts["UNTIL"], default=first) if "UNTIL" in parts else None
    days = _days_in_year(rule, year, until)
    if not days:
        raise RuleError(
            msg("Quy tắc lặp không cho ngày nào trong năm {year} của kế hoạch.", year=year),
            msg("Quy tắc bắt đầu từ 01/01/{year}: kiểm tra UNTIL, COUNT và các BY..., ví dụ "
                "{example}.", year=year, example=_RULE_EXAMPLE),
        )  # fmt: skip
    return days


def _rule_parts(body: str, start: int) -> dict[str, str]:
    """Return the NAME=VALUE parts of one RRULE, refusing what tthc cannot bound at the
    part at fault (`body` begins at `start` in the text as written)."""
    if not body or any(char in body for char in ":\r\n"):
        raise RuleError(
            msg("dates.rrule chỉ ghi một quy tắc RRULE trên một dòng, không kèm DTSTART, RDATE, "
                "EXDATE hay quy tắc thứ hai."),
            msg("Ví dụ {example}; quy tắc bắt đầu từ 01/01 của năm kế hoạch.",
                example=_RULE_EXAMPLE),
        )  # fmt: skip
    if any(char.isspace() for char in body):
        raise _invalid(msg("có dấu cách"))
    parts: dict[str, str] = {}
    at: dict[str, int] = {}
    for pair in body.upper().split(";"):
        name, equals, value = pair.partition("=")
        if not equals:
            raise _invalid(msg("«{pair}» không có dạng TÊN=GIÁ TRỊ", pair=pair), start)
        parts[name], at[name] = value, start
        start += len(pair) + 1
    if "FREQ" not in parts:
        raise _invalid(msg("thiếu FREQ"))
    if "COUNT" in parts and "UNTIL" in parts:
        raise _invalid(msg("COUNT và UNTIL không được ghi cùng nhau"))
    if parts["FREQ"] not in (*RULE_FREQUENCIES, *_FINER_FREQUENCIES):
        raise _invalid(msg("FREQ={freq} không có trong RFC 5545", freq=parts["FREQ"]), at["FREQ"])
    refused = [name for name in _REFUSED_PARTS if name in parts]
    if refused or parts["FREQ"] in _FINER_FREQUENCIES:
        name = refused[0] if refused else "FREQ"
        said = f"{name}={parts[name]}"
        raise RuleError(
            msg("{part} trong quy tắc lặp: hạn của một việc là một ngày; tthc chỉ nhận FREQ "
                "YEARLY, MONTHLY, WEEKLY hoặc DAILY, không giờ, phút, giây hay BYEASTER.",
                part=said),
            msg("Bỏ {part}; ví dụ {example}.", part=said, example=_RULE_EXAMPLE),
            at[name],
        )  # fmt: skip
    interval = parts.get("INTERVAL", "1")
    if _INTERVAL.fullmatch(interval) is None or int(interval) < 1:
        raise RuleError(
            msg("INTERVAL={interval} trong quy tắc lặp: khoảng lặp phải là số từ 1 đến "
                "{limit}.", interval=interval, limit=MAX_INTERVAL),
            msg("Ghi INTERVAL=1 (mỗi kỳ), 2 (cách một kỳ)..., hoặc bỏ INTERVAL."),
            at["INTERVAL"],
        )  # fmt: skip
    return parts


def _days_in_year(rule: rrule, year: int, until: datetime | None) -> tuple[date, ...]:
    """Walk the rule over a year with `year`'s calendar near 9999, where dateutil stops.

    dateutil walks a rule period by period until one gives a day past the end; a
    rule whose filters never match again (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30)
    walks on to the year 9999, three seconds for a daily rule. A year that
    begins on the same weekday, has the same length and is followed by a year
    of the same length has every day of the rule in the same place (weekdays,
    week numbers, days of the year, positions in a set), so the walk is made
    there and ends within 28 years; its days are moved back to `year`.
    """
    twin = _twin_year(year)
    walked = rule.replace(dtstart=datetime(twin, 1, 1), until=None)
    end = datetime(twin, 12, 31, 23, 59, 59)
    days: list[date] = []
    try:
        for moment in walked:
            if moment > end or (until is not None and moment.replace(year=year) > until):
                break
            if len(days) == MAX_RULE_DAYS:
                raise RuleError(
                    msg("Quy tắc lặp cho hơn {limit} ngày trong năm {year}.",
                        limit=MAX_RULE_DAYS, year=year),
                    msg("Một việc có nhiều nhất một hạn mỗi ngày; ví dụ {example}.",
                        example=_RULE_EXAMPLE),
                )  # fmt: skip
            days.append(moment.date().replace(year=year))
    except (ValueError, OverflowError) as error:
        raise _invalid(verbatim(str(error))) from None
    return tuple(days)


@functools.cache
def _twin_year(year: int) -> int:
    """Return the last year before 9999 whose calendar is `year`'s (see `_days_in_year`)."""

    def kind(y: int) -> tuple[int, bool, bool]:
        return date(y, 1, 1).weekday(), calendar.isleap(y), calendar.isleap(y + 1)

    return next(y for y in range(date.max.year - 1, 0, -1) if kind(y) == kind(year))


def _invalid(reason: Message, offset: int = 0) -> RuleError:
    return RuleError(
        msg("Quy tắc lặp RRULE không hợp lệ: {reason}.", reason=reason),
        msg("Viết theo RFC 5545, ví dụ {example}.", example=_RULE_EXAMPLE),
        offset,
    )


def rule_months(frequency: Frequency, offset: int) -> int:
    """Resolve a relative month (`_LENGTH`, `_LAST`, or a count) for periods of `frequency`."""
    length = MONTHS_IN[frequency]
    if offset == _LENGTH:
        return length
    if offset == _LAST:
        return length - 1
    return offset


# Readers: each takes the scan and an index, and returns (rules, index after) or None.


class StatedDay(NamedTuple):
    """A day stated under a repetition: "20" (of each month), "20/01 năm sau"."""

    day: int
    month: int | None
    shift: int  # "năm sau": 1


def stated_days(s: Scan, i: int) -> tuple[list[StatedDay], bool, int] | None:
    """Read "trước ngày 01/6 và 15/11", "chậm nhất ngày 20/01 năm sau", "ngày 15": the
    days, whether the work must end before them, and the index after."""
    j = s.any_of(i, *_DAY_WORDS)
    if j is None:
        return None
    before = s.word(i) == "truoc"
    if s.word(j - 1) != "ngay" and s.word(j + 1) not in {"/", ".", "hang", "moi", ","}:
        return None  # "Chậm nhất 6 tháng đầu năm": a half year, not a day 6
    days: list[StatedDay] = []
    k = j
    while (day := s.number(k, 1, 31)) is not None:
        if (months := _months_of_day(s, k + 1)) is not None:
            # "ngày 15 tháng 6 và tháng 12", "ngày 15 các tháng 3, 6, 9, 12": each month
            listed, k = months
            days += [StatedDay(day, month, 0) for month in listed]
            break
        month = s.number(k + 2, 1, 12) if s.word(k + 1) in {"/", "thang", "."} else None
        k += 3 if month else 1
        if month is not None and s.word(k) in {"/", "."} and s.number(k + 1) is not None:
            return None  # a whole date "20/01/2025": a day of its own, not of each year
        if month is not None and s.word(k) == "nam" and s.number(k + 1) is not None:
            return None
        shift = 0
        if (relative := s.relative_year(k)) is not None:
            shift, k = relative
        days.append(StatedDay(day, month, shift))
        n = s.any_of(k, "va", ",")
        if n is None or s.number(n, 1, 31) is None:
            break
        k = n
    return (days, before, k) if days else None


def _months_of_day(s: Scan, i: int) -> tuple[list[int], int] | None:
    """Read the months a day is of, when there are several: "tháng 6 và tháng 12", "các
    tháng 3, 6, 9, 12", "tháng 6 và 12"."""
    k = s.any_of(i, "cac thang", "thang")
    months: list[int] = []
    while k is not None and (month := s.number(k, 1, 12)) is not None:
        months.append(month)
        n = s.any_of(k + 1, "va thang", "va", ",")
        if n is None or s.number(n, 1, 12) is None or s.word(n + 1) in {"/", "."}:
            k += 1
            break
        k = n
    if len(months) < 2 or k is None:
        return None
    return months, k


def every(s: Scan, i: int) -> tuple[Frequency, int] | None:
    """Read "hằng tháng", "mỗi quý", "định kỳ hằng năm", "định kỳ 6 tháng", "hàng năm"."""
    j = s.any_of(i, *EVERY_WORDS)
    if j is None:
        return None
    for words, frequency in EVERY_SPAN.items():  # "6 thang" before "thang"
        if (end := s.words(j, words)) is not None:
            return frequency, s.any_of(end, "mot lan") or end
    return None


def relative_month(s: Scan, i: int) -> tuple[Frequency | None, int, int] | None:
    """Read "(của) tháng đầu quý sau", "tháng cuối quý", "tháng sau", "tháng báo cáo"."""
    j = s.any_of(i, "cua") or i
    for phrase in RELATIVE_MONTH_PHRASES:
        if (end := s.words(j, phrase)) is not None:
            frequency, offset = RELATIVE_MONTHS[phrase]
            return frequency, offset, end
    return None


def _rules(days: list[StatedDay], frequency: Frequency, offset: int | None, *, before: bool,
           dated: bool) -> list[Rule] | None:  # fmt: skip
    """Build a rule for each stated day, or None if a day does not fit the repetition.

    `dated`: a day and month may stand for a report of another period ("Báo cáo 6
    tháng trước ngày 15/6"): that day each year.
    """
    rules = []
    each = [d.month for d in days if d.month is not None and not d.shift]
    if len(each) == len(days) == 12 // MONTHS_IN[frequency] and len(
        {(m - 1) // MONTHS_IN[frequency] for m in each}
    ) == len(each):
        dated = True  # "Định kỳ 6 tháng, chậm nhất ngày 20/6 và 20/12": one day in each half
    for stated in days:
        annual = frequency is Frequency.ANNUAL
        if stated.month is not None and offset is None and (dated or annual):
            # "ngày 15/12 hằng năm", "Báo cáo 6 tháng trước ngày 15/6": that day each year
            months = stated.month - 1 + 12 * stated.shift
            frequency = Frequency.ANNUAL
        elif frequency is not Frequency.MONTHLY and offset is None:
            return None  # "ngày 15 hằng năm", "trước ngày 15 hằng quý": of which month?
        elif stated.month is not None or stated.shift:
            return None  # "ngày 20/01 hằng tháng" names no day of each month
        else:
            months = 0 if offset is None else rule_months(frequency, offset)
        rules.append(Rule(frequency, months, stated.day, before))
    return rules


class _ClashError(Exception):
    """Two words name different repetitions ("hằng tháng ... tháng đầu quý sau")."""


_Read = tuple[list[Rule], int] | None


def _refused_on_clash(read: Callable[..., _Read]) -> Callable[..., _Read]:
    """A reading whose words name two repetitions reads nothing: its words stay unread,
    and a word of time unread is an error."""

    @functools.wraps(read)
    def reader(s: Scan, i: int, frequency: Frequency | None, **options: bool) -> _Read:
        try:
            return read(s, i, frequency, **options)
        except _ClashError:
            return None

    return reader


def _agreed(said: Frequency | None, named: Frequency | None) -> Frequency | None:
    """Return the repetition both say (or the one said); raise _ClashError if they differ."""
    if said is not None and named is not None and said is not named:
        raise _ClashError
    return said or named


def _repeated_after(s: Scan, k: int, frequency: Frequency | None) -> tuple[Frequency | None, int]:
    """Read an optional repetition after a rule ("trước ngày 20 hằng tháng")."""
    if (repeated := every(s, s.any_of(k, ",") or k)) is None:
        return frequency, k
    return _agreed(frequency, repeated[0]), repeated[1]


@_refused_on_clash
def month_rule(s: Scan, i: int, frequency: Frequency | None) -> _Read:
    """Read "trong tháng cuối quý" (its last day), "trong 05 ngày đầu của tháng sau" (its
    5th day), under a repetition said before them or named by the month."""
    j = s.any_of(i, "trong", "vao") or i
    day = None
    if (count := s.number(j, 1, 31)) is not None and (m := s.any_of(j + 1, "ngay dau")) is not None:
        day, j = count, m
    if (relative := relative_month(s, j)) is None:
        return None
    named, offset, k = relative
    said = _agreed(frequency, named)
    if said is None or (day is None and j == i and named is None):
        return None  # "tháng sau" alone is no due day; "tháng cuối quý" is the quarter's
    frequency = said
    return [Rule(frequency, rule_months(frequency, offset), day)], k


@_refused_on_clash
def stated_rule(s: Scan, i: int, frequency: Frequency | None, *, dated: bool = False) -> _Read:
    """Read stated days, a relative month and a repetition after them, in that order:
    "trước ngày 20 hằng tháng", "Trước ngày 15 tháng đầu quý sau", "chậm nhất ngày 15
    của tháng cuối quý", "ngày 31 hằng tháng"; `frequency`: one said before them."""
    found = stated_days(s, i)
    if found is None:
        return month_rule(s, i, frequency) if frequency is not None else None
    days, before, k = found
    offset = None
    if (relative := relative_month(s, k)) is not None:
        named, offset, k = relative
        frequency = _agreed(frequency, named)
    frequency, k = _repeated_after(s, k, frequency)
    if frequency is None:
        return None
    rules = _rules(days, frequency, offset, before=before, dated=dated)
    return (rules, k) if rules else None


_PERIOD_ENDS = {"thang": Frequency.MONTHLY, "quy": Frequency.QUARTERLY, "qui": Frequency.QUARTERLY,
                "nam": Frequency.ANNUAL, "6 thang": Frequency.HALF_YEARLY,
                "ky bao cao": None, "ky": None}  # fmt: skip


@_refused_on_clash
def after_period_end(s: Scan, i: int, frequency: Frequency | None) -> _Read:
    """Read "Trong 10 ngày làm việc sau khi kết thúc quý", "chậm nhất 05 ngày sau khi
    hết tháng", "trong 15 ngày kể từ ngày kết thúc kỳ báo cáo": days after each period."""
    if (counted := s.day_count(i)) is None:
        return None
    count, working, after = counted
    since = s.any_of(after, "sau khi", "ke tu ngay", "ke tu", "tinh tu ngay", "tinh tu", "sau")
    if since is None or (k := s.any_of(since, "ket thuc", "het")) is None:
        return None
    for words, named in _PERIOD_ENDS.items():
        if (end := s.words(k, words)) is not None:
            if s.number(end) is not None or s.word(end) in {"i", "ii", "iii", "iv"}:
                return None  # "sau khi kết thúc quý I/2025": one quarter, not each
            frequency, end = _repeated_after(s, end, _agreed(frequency, named))
            if frequency is None:
                return None
            return [Rule(frequency, after_end=count, working=working)], end
    return None
