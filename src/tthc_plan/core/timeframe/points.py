"""Points in time as written, and the one home of lists and ranges of points.

A point is a day ("01/6", "15 tháng 12 năm 2025"), a month ("tháng 6/2026",
"6/2026"), a quarter ("Quý IV/2025", "Quí IV-2025"), a half year or a run of
months ("6 tháng đầu năm 2026"), a year ("năm 2026", "năm sau"), Tết
("Tết Nguyên đán", "Tết Bính Ngọ") or a lunar year ("năm Giáp Thìn"). Its
year may be left to the context: a year written once on the right belongs to
every point on its left ("Tháng 11 - 12/2025"), a relative year ("năm sau")
counts from the plan's year.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from msgspec import Struct

from tthc_plan.core.dates import InvalidDateError, make_date
from tthc_plan.core.problem import Message, msg
from tthc_plan.core.text import fold
from tthc_plan.core.timeframe.civil import (
    CalendarError,
    NoSuchLunarDayError,
    can_chi_year,
    lunar_date,
    tet,
)
from tthc_plan.core.timeframe.lexicon import (
    FALSE_FRIENDS,
    LIST,
    PLAIN_FALSE_FRIENDS,
    RANGE,
    RELATIVE_YEAR_PHRASES,
    RELATIVE_YEARS,
    Token,
    tokens,
)
from tthc_plan.core.timeframe.period import YEARS, Period, Span
from tthc_plan.i18n import N_

_GLOSS = re.compile(r"\([^()]*\)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_DIGITS = 6  # no number of a date is longer; int() of thousands of digits is refused

# What a reader expected where it stopped (shown in the error, translated).
EXPECT_POINT = N_("một ngày, tháng, quý hoặc năm (10/01/2026, tháng 6/2026, quý II/2026, năm 2026)")
EXPECT_MONTH = N_("số tháng từ 1 đến 12")
EXPECT_QUARTER = N_("số quý: I, II, III, IV hoặc 1 đến 4")
EXPECT_YEAR = N_("năm viết đủ bốn chữ số (2026)")
EXPECT_EDGE = N_("tháng hoặc năm (cuối tháng 6/2026, cuối năm 2026)")


class NeedsYearError(Exception):
    """A point without a year, and no plan year to take it from."""


class Point(Struct, frozen=True):
    """A point in time as written, its year possibly left to the context."""

    span: str  # a Span, "tet" (mùng 1 Tết), "lunar" (a lunar year, Tết to Tết), "lunar day"
    year: int | None
    month: int = 1
    day: int = 1
    number: int = 1  # the quarter or half; the last month of a run
    shift: int | None = None  # a relative year: "năm sau" is 1, counted from the plan's year
    written: str = ""  # a day as written ("31/02/2024"), for the error that refuses it
    weekday: int | None = None  # a weekday written beside a day ("(thứ Hai)"): 0 is Monday
    edge: str = ""  # "dau", "giua", "cuoi": that edge of the period (Bộ luật Dân sự Điều 146)

    def with_year(self, year: int | None) -> Point:
        """Return the point with `year` where it has none (a relative year counts from it:
        `year` is then the plan's)."""
        if self.year is not None or year is None:
            return self
        shifted = year + (self.shift or 0)
        return Point(self.span, shifted, self.month, self.day, self.number, self.shift,
                     self.written, self.weekday, self.edge)  # fmt: skip

    def at_edge(self, edge: str) -> Point | None:
        """Return the point's beginning, middle or end, or None if it has no such day."""
        if self.edge or self.span not in _EDGED or (edge == "giua" and self.span == Span.HALF):
            return None
        return Point(self.span, self.year, self.month, self.day, self.number, self.shift,
                     self.written, self.weekday, edge)  # fmt: skip

    def year_or_fail(self) -> int:
        """Return the point's year; raise NeedsYearError if neither it nor the plan has one."""
        if self.year is None:
            raise NeedsYearError
        return self.year

    def period(self) -> Period:
        """Return the calendar period the point names (a day is a period of one day)."""
        year = self.year_or_fail()
        if self.span == Span.DAY:
            written = self.written or f"{self.day}/{self.month}/{year}"
            day = make_date(year, self.month, self.day, written)  # refuse 31/02 as written
            if self.weekday is not None and day.weekday() != self.weekday:
                raise WrongWeekdayError(day, self.weekday)
        return Period(Span(self.span), year, self.month, self.day, self.number)

    def first(self) -> date:
        """Return the point's first day."""
        if self.edge:
            day = self.period().edge(self.edge)
            assert day is not None  # noqa: S101 - at_edge made only edges a period has
            return day
        if self.span in {"tet", "lunar"}:
            return _tet(self.year_or_fail())
        if self.span == "lunar day":
            return _lunar_day(self.year_or_fail(), self.month, self.day, self.written)
        return self.period().first

    def last(self) -> date:
        """Return the point's last day."""
        if self.span in {"tet", "lunar day"} or self.edge:
            return self.first()
        if self.span == "lunar":
            return _tet(self.year_or_fail() + 1) - timedelta(days=1)
        return self.period().last


_EDGED = frozenset((Span.MONTH, Span.QUARTER, Span.HALF, Span.YEAR))
EDGES = ("dau", "giua", "cuoi")


class WrongWeekdayError(Exception):
    """A weekday written beside a day that is not the day's ("10/4/2026 (thứ Hai)")."""

    def __init__(self, day: date, written: int) -> None:
        super().__init__(day, written)
        self.day, self.written = day, written


WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class NoTetError(Exception):
    """A year for which the civil calendar knows no Tết."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year


def _tet(year: int) -> date:
    try:
        return tet(year)
    except CalendarError:
        raise NoTetError(year) from None


def _lunar_day(year: int, month: int, day: int, written: str) -> date:
    try:
        return lunar_date(year, month, day)
    except CalendarError:
        raise NoTetError(year) from None
    except NoSuchLunarDayError:
        raise InvalidDateError(written, well_formed=True) from None


@functools.cache
def words_of(phrase: str) -> list[str]:
    """The words of a keyword phrase ("cham nhat ngay"), split once."""
    return phrase.split()


def _unglossed(found: re.Match[str]) -> str:
    """Blank a gloss in brackets ("(hai mươi)", "(nếu có)"); keep a bracket that holds a
    digit or a word of time ("(trước ngày 31/3/2026)", "(năm sau)"): it is read."""
    inner = found.group()
    if any(c.isdigit() for c in inner) or _TIMELY.search(inner):
        return f" {inner[1:-1]} "
    return " " * len(inner)


# Lunar months said by name; "mùng", "mồng", "rằm" say a lunar day.
_LUNAR_MONTHS = {"gieng": 1, "chap": 12}
_LUNAR_WORDS = ("theo am lich", "theo lich am", "am lich", "lich am", "am - lich", "am . lich",
                "al")  # fmt: skip
_EXPECT_LUNAR = N_("«âm lịch» sau một ngày mùng, rằm (mùng 10 tháng 3 âm lịch)")
# Words a month written as "6/2026" may follow: connectives, lead verbs, list words.
_BEFORE_BARE_MONTH = frozenset(
    ("truoc", "nhat", "den", "toi", "tu", "het", "trong", "vao", "han", "va", "hoac", "hay",
     "thanh", "hien", "khai", "nop", "gui", "ngay", "sau", "la", "cuoi", "dau", "giua", "thang")
)  # fmt: skip
_TY = {"tý": "ty rat", "tỵ": "ti", "tị": "ti"}  # the names of civil._CHI_ALIASES
_WEEKDAYS = {"hai": 0, "ba": 1, "tu": 2, "tu'": 2, "nam": 3, "sau": 4, "sau'": 4, "bay": 5,
             "2": 0, "3": 1, "4": 2, "5": 3, "6": 4, "7": 5}  # fmt: skip
_CONNECTED = frozenset(("ngay", "thang", "quy", "qui", "khi", "tet", "nam"))
_TIMELY = re.compile(
    r"\b(nam|thang|quy|qui|tuan|ngay|ky|hang|sau|truoc|toi|tet|nay|am|lich|al|thu|chu nhat"
    r"|cn|(giap|at|binh|dinh|mau|ky|canh|tan|nham|quy) (ty|suu|dan|mao|meo|thin|ti|ngo|mui|than"
    r"|dau|tuat|hoi))\b"
)


def _as_read(folded: str, word: str, accented: bool) -> str:
    """A word as the readers see it: folded, unless it only folds like a word of time."""
    if word in FALSE_FRIENDS or (accented and word in PLAIN_FALSE_FRIENDS):
        return folded + "'"  # no reader's phrase has it
    return folded


class Stuck(Struct, frozen=True):
    """Where reading stopped: the offset in the phrase, and what was expected there.

    `wrong` is a point written wrong ("tháng 13", "Quý V/2024") or a word of time
    that no reading used: an error even when the rest of the phrase reads;
    otherwise it only explains a phrase nothing of which was read.
    """

    offset: int
    end: int  # the end of the clause it stopped in
    expected: Message
    wrong: bool = False
    said: Message | None = None  # the whole message, where "expected" does not say it


class Scan:
    """The tokens of one clause, the text they come from, and the points read there."""

    def __init__(self, original: str, year: int | None) -> None:
        self.original = original
        self.year = year
        self.folded = _GLOSS.sub(_unglossed, fold(original))
        self.tokens: list[Token] = tokens(self.folded)
        accented = not original.isascii()
        self.texts = [_as_read(t.text, original[t.start : t.end].lower(), accented)
                      for t in self.tokens]  # fmt: skip
        if not accented:  # "thang sau" without accents: the next month, or June?
            for n in range(1, len(self.texts)):
                if self.texts[n] == "sau" and self.texts[n - 1] == "thang":
                    self.texts[n] = "sau'"
        self.furthest: tuple[int, str] | None = None  # token index, what was expected there
        self.wrong: tuple[int, Message] | None = None  # a token that makes the clause wrong
        self.filled = False  # a point without a year took the plan's

    def plan(self, point: Point) -> Point:
        """Return `point` with the plan's year where it has none, and note that it took it."""
        if point.year is None and point.shift is None and self.year is not None:
            self.filled = True
        return point.with_year(self.year)

    def fail(self, i: int, said: Message) -> None:
        """Say the clause is wrong at token `i` (two years for one date, a weekday that
        is not the date's): the first such place is the error, whatever else reads."""
        if self.wrong is None:
            self.wrong = (min(i, len(self.tokens) - 1), said)

    def expect(self, i: int, what: str) -> None:
        """Note that a reader stopped at token `i` for want of `what`; keep the furthest."""
        if self.furthest is None or i >= self.furthest[0]:
            self.furthest = (min(i, len(self.tokens)), what)

    def stuck(self, *, wrong: bool = False) -> Stuck | None:
        """Return where the clause's readers got furthest, as an offset in the clause."""
        if self.furthest is None:
            return None
        i, what = self.furthest
        offset = self.tokens[i].start if i < len(self.tokens) else len(self.original)
        return Stuck(offset, len(self.original), msg(what), wrong)

    def word(self, i: int) -> str | None:
        return self.texts[i] if 0 <= i < len(self.texts) else None

    def words(self, i: int, phrase: str) -> int | None:
        """Return the index after `phrase` (space-separated words) at `i`, or None."""
        wanted = words_of(phrase)
        if i >= len(self.texts) or self.texts[i] != wanted[0]:
            return None  # the common case, decided on the first word
        end = i + len(wanted)
        return end if self.texts[i:end] == wanted else None

    def any_of(self, i: int, *phrases: str) -> int | None:
        for phrase in phrases:
            if (j := self.words(i, phrase)) is not None:
                return j
        return None

    def number(self, i: int, low: int = 0, high: int = 9999) -> int | None:
        text = self.word(i)
        if text is None or len(text) > _DIGITS or not text.isdigit():
            return None
        if not low <= int(text) <= high:
            return None
        return int(text)

    def text(self, i: int, j: int) -> str:
        """Return the original text of tokens i..j-1."""
        if i >= j:
            return ""
        return self.original[self.tokens[i].start : self.tokens[j - 1].end]

    # Years -------------------------------------------------------------------

    def relative_year(self, i: int) -> tuple[int, int] | None:
        """Read "năm sau", "năm tới", "của năm báo cáo"...: (years from the base, index after).

        "năm trước ngày 15/12" is a yearly report before 15/12, not the year before.
        """
        for phrase in RELATIVE_YEAR_PHRASES.get(self.word(i) or "", ()):
            if (j := self.words(i, phrase)) is not None:
                if self.word(j - 1) in {"truoc", "sau"} and (
                    self.word(j) in _CONNECTED or self.number(j) is not None
                ):
                    return None
                return RELATIVE_YEARS[phrase], j
        return None

    def year_after(self, i: int) -> tuple[int | None, int | None, int]:
        """Read an optional year after a day, month or quarter: "/2026", "-2025", "năm
        2026", "năm sau": (year, relative shift, index after)."""
        if self.word(i) in {"/", "-", "–", "—", "."} and (year := self.number(i + 1, *YEARS)):
            return year, None, i + 2  # "Quý IV-2025", "Quý III – 2025"
        if self.word(i) == "nam" and (year := self.number(i + 1, *YEARS)):
            return year, None, i + 2
        if (relative := self.relative_year(i)) is not None:
            return None, relative[0], relative[1]
        if (year := self.number(i, *YEARS)) is not None and self.word(i + 1) != "/":
            return year, None, i + 1  # "Quý IV 2026", "Tháng 6 2026"
        return None, None, i

    def hour(self, i: int) -> tuple[int, bool] | None:
        """Read a time of day ("16h", "16h30", "17 giờ", "10 giờ 30 phút"): the index after,
        and whether it is midnight ("0h ngày 15/3" is the end of 14/3)."""
        hour = self.number(i, 0, 23)
        if hour is None or (j := self.any_of(i + 1, "h", "gio")) is None:
            return None
        minutes = self.number(j, 0, 59)
        if minutes is not None:
            j = self.any_of(j + 1, "phut") or j + 1
        return j, hour == 0 and not minutes

    def day_count(self, i: int) -> tuple[int, bool, int] | None:
        """Read "(trong|chậm nhất|sau) 10 ngày (làm việc)": the count, whether the days
        are working days, and the index after."""
        j = self.any_of(i, "trong vong", "trong thoi han", "trong", "cham nhat", "sau") or i
        count = self.number(j, 1, 366)
        if count is None or (k := self.any_of(j + 1, "ngay")) is None:
            return None
        if (m := self.any_of(k, "lam viec")) is not None:
            return count, True, m
        return count, False, k

    # Points ------------------------------------------------------------------

    def point(self, i: int) -> tuple[Point, int] | None:
        """Read a point at `i`: day, month, quarter, half year, year, Tết or lunar year.

        A relative year ("năm sau") counts from the plan's year at once: in a range
        or a list it is not the year written on the right ("Từ năm nay đến năm 2030").
        """
        for read in (self._edge, self._lunar, self._day, self._month, self._quarter, self._half,
                     self._tet, self._year):  # fmt: skip
            if (found := read(i)) is not None:
                point, k = found
                if point.shift is not None:
                    point = point.with_year(self.year)
                return point, k
        return None

    def _edge(self, i: int) -> tuple[Point, int] | None:
        """Read "đầu tháng 6", "giữa quý III", "cuối năm 2026", "cuối năm" (the plan's):
        a day of Bộ luật Dân sự 2015 Điều 146 (đầu tháng 1, giữa tháng 15, cuối tháng
        its last; giữa năm 30/6; a quarter's middle the 15th of its middle month)."""
        edge = self.word(i)
        if edge not in EDGES or (edge == "dau" and self.word(i - 1) in {"bat", "ban"}):
            return None  # "Bắt đầu tháng 6": when work starts; "ban đầu": at first
        inner = None
        for read in (self._month, self._quarter, self._half, self._year):
            if (inner := read(i + 1)) is not None:
                break
        if inner is None and self.word(i + 1) == "nam" and self.number(i + 2) is None:
            inner = Point(Span.YEAR, None), i + 2  # "cuối năm": the plan's year
        if inner is None:
            if self.word(i + 1) not in LIST:
                self.expect(i + 1, EXPECT_EDGE)
            return None
        point = inner[0] if inner[0].shift is None else inner[0].with_year(self.year)
        edged = point.at_edge(edge)
        return None if edged is None else (edged, inner[1])

    def _lunar(self, i: int) -> tuple[Point, int] | None:
        """Read a lunar day: "rằm tháng Giêng", "mùng 10 tháng 3 âm lịch", "ngày 23 tháng
        Chạp", "15/8 âm lịch", "15/12/2024 (âm lịch)": its year is a lunar year (the one
        that begins in the plan's year, or in the year written)."""
        if (j := self.any_of(i, "ngay ram", "ram")) is not None:
            day = 15
        else:
            j = self.any_of(i, "mung", "mong", "ngay") or i
            if (found := self.number(j, 1, 30)) is None:
                return None
            day, j = found, j + 1
        sign = self.word(j)
        m = self.any_of(j, "thang") if sign == "thang" else j + 1 if sign in {"/", "."} else None
        if m is None:
            return None
        month = _LUNAR_MONTHS.get(self.word(m) or "") or self.number(m, 1, 12)
        if month is None:
            return None
        named = self.word(m) in _LUNAR_MONTHS
        year, shift, k = self.year_after(m + 1)
        if year is None and shift is None and (named_year := self.can_chi(m + 1, m)) is not None:
            year, k = named_year[0].year, named_year[1]  # "Rằm tháng Giêng Ất Tỵ"
        lunar = self.any_of(k, *_LUNAR_WORDS)
        if (
            lunar is None
            and not named
            and self.word(i) not in {"ram", "mung", "mong"}
            and (self.words(i, "ngay ram") is None)
        ):
            return None  # a solar day
        if lunar is None and not named:
            self.expect(k, _EXPECT_LUNAR)
            return None
        written = self.text(i, lunar or k)
        return Point("lunar day", year, month, day, shift=shift, written=written), lunar or k

    def _day(self, i: int) -> tuple[Point, int] | None:
        """Read a day: "10/01/2024", "10.01.2024", "10-01-2024", "2024-01-10", "ngày 15
        tháng 12 năm 2025", "15/12", "20/01 năm sau"; a weekday beside it is checked."""
        if (year := self.number(i, *YEARS)) is not None and self.word(i + 1) == "-":
            month, day = self.number(i + 2, 1, 12), self.number(i + 4, 1, 31)
            if month is not None and day is not None and self.word(i + 3) == "-":
                found = Point(Span.DAY, year, month, day, written=self.text(i, i + 5))
                return self._weekday(found, i + 5)  # ISO 8601
            return None
        j = self.any_of(i, "ngay") or i
        sign = self.word(j + 1)
        year = self.number(j + 4, *YEARS)
        if sign in {"/", ".", "-"} and self.word(j + 3) == sign and year is not None:
            day, month = self.number(j, 0, 99), self.number(j + 2, 0, 99)
            if day is not None and month is not None:
                # "10/13/2024", "00/01/2024": a day's shape, not a day: say so
                found = Point(Span.DAY, year, month, day, written=self.text(j, j + 5))
                found.period()
                return self._weekday(found, j + 5)
        day = self.number(j, 1, 31)
        month = self.number(j + 2, 1, 12)
        # "15 tháng 12" is a day only after "ngày": "Đợt 1 tháng 3" is March.
        said = sign in {"/", "."} or (sign == "thang" and j > i)
        if day is None or month is None or not said:
            return None
        year, shift, k = self.year_after(j + 3)
        if year is None and self.word(j + 3) in {"/", "."} and self.number(j + 4) is not None:
            self.expect(j, EXPECT_YEAR)
            return None  # "10/01/24": a year of two digits is not read as any year
        if self._symbol(k):
            return None  # "01/2024/TT-BNV": a document's number, not a day
        found = Point(Span.DAY, year, month, day, shift=shift, written=self.text(j, k))
        return self._weekday(found, k)

    def _weekday(self, day: Point, k: int) -> tuple[Point, int]:
        """Read a weekday written after a day ("(thứ Hai)", ", thứ Sáu", "(CN)"): the day
        keeps it, and one that is not its date's is an error when the year is known."""
        n = self.any_of(k, "(", ",") or k
        weekday, end = None, k
        if (m := self.any_of(n, "thu")) is not None and self.word(m) in _WEEKDAYS:
            weekday, end = _WEEKDAYS[self.word(m) or ""], m + 1
        elif (m := self.any_of(n, "chu nhat", "cn")) is not None:
            weekday, end = 6, m
        if weekday is None:
            return day, k
        end = self.any_of(end, ")") or end
        marked = Point(day.span, day.year, day.month, day.day, day.number, day.shift,
                       day.written, weekday)  # fmt: skip
        return marked, end

    def _month(self, i: int) -> tuple[Point, int] | None:
        if (j := self.any_of(i, "thang")) is not None:
            month = self.number(j, 1, 12)
            if month is None:
                self.expect(j, EXPECT_MONTH)
                return None
            if self.word(j + 1) == "lan":
                return None  # "Tháng 1 lần": once a month, not January
            year, shift, k = self.year_after(j + 1)
            return Point(Span.MONTH, year, month, shift=shift), k
        month = self.number(i, 1, 12)
        year = self.number(i + 2, *YEARS)
        if month is None or year is None or self.word(i + 1) != "/" or self._symbol(i + 3):
            return None
        if (self.word(i - 1) or "").isalpha() and self.word(i - 1) not in _BEFORE_BARE_MONTH:
            return None  # "Mẫu 02/2025", "đợt 2/2025", "Phụ lục 2/2025": not a month
        return Point(Span.MONTH, year, month), i + 3  # "6/2026"

    def _symbol(self, k: int) -> bool:
        """Tell whether a document's symbol follows, written on: "01/2024/TT-BNV"."""
        if self.word(k) not in {"/", "-"} or not (self.word(k + 1) or "").isalpha():
            return False
        before, sign, after = self.tokens[k - 1], self.tokens[k], self.tokens[k + 1]
        return before.end == sign.start and sign.end == after.start

    def _quarter(self, i: int) -> tuple[Point, int] | None:
        j = self.any_of(i, "quy", "qui")
        if j is None and self.word(i) == "q" and self.number(i + 1, 1, 4) is not None:
            j = i + 1  # "Q2/2025"
        elif j is None and self.words(i, "q .") is not None and self.number(i + 2, 1, 4):
            j = i + 2  # "Q.2/2025"
        if j is None:
            return None
        quarter = _ROMAN.get(self.word(j) or "") or self.number(j, 1, 4)
        if quarter and self.word(j + 1) == "lan":
            return None  # "Quý 1 lần": once a quarter
        if not quarter:
            if can_chi_year("quy", self.word(j) or "", 2000) is None:  # "Quý Mão": a year
                self.expect(j, EXPECT_QUARTER)
            return None
        year, shift, k = self.year_after(j + 1)
        return Point(Span.QUARTER, year, number=quarter, shift=shift), k

    def _half(self, i: int) -> tuple[Point, int] | None:
        """ "6 tháng đầu năm 2026" (a half year), "nửa đầu năm", "9 tháng đầu năm", "3
        tháng cuối năm"."""
        count: int | None = 6
        j = self.any_of(i, "nua dau", "nua cuoi")
        if self.word(i) == "h" and (half := self.number(i + 1, 1, 2)) is not None:
            year, shift, k = self.year_after(i + 2)  # "H1/2025"
            return Point(Span.HALF, year, number=half, shift=shift), k
        if j is None or self.word(j) != "nam":
            count = self.number(i, 1, 11)
            j = None if count is None else self.any_of(i + 1, "thang dau", "thang cuoi")
        if count is None or j is None:
            return None
        early = self.word(j - 1) == "dau"
        k = self.any_of(j, "nam") or j
        year = self.number(k, *YEARS)
        shift = None
        end = k + 1 if year else k
        if year is None and (relative := self.relative_year(j)) is not None:
            shift, end = relative
        if count == 6:
            return Point(Span.HALF, year, number=1 if early else 2, shift=shift), end
        first, last = (1, count) if early else (13 - count, 12)
        return Point(Span.MONTHS, year, month=first, number=last, shift=shift), end

    def _year(self, i: int) -> tuple[Point, int] | None:
        if (relative := self.relative_year(i)) is not None:
            return Point(Span.YEAR, None, shift=relative[0]), relative[1]  # "năm sau"
        j = self.any_of(i, "nam") or i
        if (lunar := self.can_chi(j, i)) is not None:
            return lunar
        if j == i and self.word(i - 1) == "/":
            return None  # "Quý I/II/2024", "10/01//2024": a year after a sign is no year alone
        year = self.number(j, *YEARS)
        return None if year is None else (Point(Span.YEAR, year), j + 1)

    def can_chi(self, j: int, i: int) -> tuple[Point, int] | None:
        """Read "Giáp Thìn", "năm Bính Ngọ (2026)": a lunar year, from Tết to Tết."""
        can, chi = self.word(j), self.word(j + 1)
        if can is None or chi is None or (j == i and can not in {"giap", "binh", "nham"}):
            return None  # alone, only a stem that is no other word starts a year
        chi_word = self.original[self.tokens[j + 1].start : self.tokens[j + 1].end].lower()
        chi = _TY.get(chi_word, chi)  # "tý" (rat) and "tỵ" (snake) fold alike
        year = can_chi_year(can, chi, self.year or 2025)
        if year is None:
            return None
        k = j + 2
        if (written := self.number(k, *YEARS)) is not None and written == year:
            k += 1  # "Giáp Thìn 2024"
        return Point("lunar", year), k

    def _tet(self, i: int) -> tuple[Point, int] | None:
        """Read "Tết Nguyên đán", "Tết Âm lịch", "Tết cổ truyền" with an optional year."""
        if (j := self.any_of(i, "tet duong lich", "tet tay")) is not None:
            year, shift, k = self.year_after(j)
            return Point(Span.DAY, year, 1, 1, shift=shift), k  # New Year's Day
        j = self.any_of(i, "tet nguyen dan", "tet am lich", "tet co truyen", "tet")
        if j is None or (j == i + 1 and self._other_tet(j)):
            return None
        if (lunar := self.can_chi(j, j - 1)) is not None:
            return Point("tet", lunar[0].year), lunar[1]  # "Tết Bính Ngọ"
        year, shift, k = self.year_after(j)
        return Point("tet", year, shift=shift), k

    def _other_tet(self, j: int) -> bool:
        """ "Tết Trung thu", "Tết Thanh minh": a word after "Tết" that is neither a year nor
        a can-chi name names another feast, not the lunar new year."""
        word = self.word(j)
        if word is None or not word.isalpha() or word == "nam":
            return False
        return can_chi_year(word, self.word(j + 1) or "", 2000) is None

    # Lists and ranges: the only place where "-", "đến", "tới", "và" join points ------

    def shared_year(self, first: Point, second: Point) -> tuple[Point, Point]:
        """A year written once on the right belongs to the point on the left too.

        "Từ tháng 11 đến tháng 02/2027", "Từ 15/12 đến 10/01/2024": a start whose
        month comes after the end's belongs to the year before. Otherwise the
        start keeps the end's year, and a start after the end is an error.
        """
        if second.year is None and first.year is not None:
            # "Từ 01/7/2024 đến 31/12": the end takes the start's year, or the next one
            end = second.with_year(first.year)
            if end.last() < first.first():
                end = second.with_year(first.year + 1)
            return first, end
        second = self.plan(second)
        shared = first.with_year(second.year)
        if (
            first.year is None
            and second.year
            and _month_of(first) > _month_of(second)
            and shared.first() > second.last()
        ):
            shared = first.with_year(second.year - 1)
        return shared, second

    def next_point(self, i: int, first: Point, *, listed: bool = False) -> tuple[Point, int] | None:
        """Read a point after a list or range sign, or one of the same kind as `first`
        with its word left out: "Quý I và II năm 2026", "Quý 2-3/2024", "tháng 6 và 12
        năm 2026". In a list (`listed`) an edge is shared: "Cuối tháng 6 và tháng 12"."""
        if first.span == Span.QUARTER and not first.edge:
            quarter = _ROMAN.get(self.word(i) or "") or self.number(i, 1, 4)
            dated = self.word(i + 1) in {"/", "."} and self.number(i + 2, *YEARS) is None
            if quarter and self.word(i + 1) != "lan" and not dated:  # not "01/01/2024"
                year, shift, k = self.year_after(i + 1)
                short = Point(Span.QUARTER, year, number=quarter, shift=shift)
                return (short if shift is None else short.with_year(self.year)), k
        if (found := self.point(i)) is not None:
            point, k = found
            if listed and first.edge and not point.edge and (edged := point.at_edge(first.edge)):
                return edged, k  # "Cuối tháng 6 và tháng 12/2026": both ends
            return found
        if first.span == Span.MONTH and (month := self.number(i, 1, 12)) is not None:
            year, shift, k = self.year_after(i + 1)
            month_point = Point(Span.MONTH, year, month, shift=shift)
            return (month_point if shift is None else month_point.with_year(self.year)), k
        return None

    def range_after(self, k: int, first: Point) -> tuple[Point, Point, int] | None:
        """Read "- Y", "đến Y", "tới Y" after `first`: both points with their years shared."""
        m = self.any_of(k, *RANGE)
        if m is None or (second := self.next_point(m, first)) is None:
            return None
        a, b = self.shared_year(first, second[0])
        return a, b, second[1]

    def points(self, i: int) -> tuple[list[Point], int] | None:
        """Read a point, or a list of points ("15/6 và 15/12/2026"); the year written
        last belongs to the points before it that have none."""
        found = self.point(i)
        if found is None and self.word(i) in EDGES and (m := self.any_of(i + 1, *LIST)):
            # "Giữa và cuối năm", "Đầu và cuối tháng 6": two edges of one period
            second = self.point(m)
            if second is None or not second[0].edge:
                return None
            base = Point(second[0].span, second[0].year, second[0].month, second[0].day,
                         second[0].number, second[0].shift)  # fmt: skip
            first = base.at_edge(self.word(i) or "")
            if first is None:
                return None
            return self.share_years([first, second[0]]), second[1]
        if found is None:
            return None
        points, k = [found[0]], found[1]
        while (m := self.any_of(k, *LIST)) is not None and (
            more := self.next_point(m, points[0], listed=True)
        ) is not None:
            if more[0].span != points[0].span:
                break  # "20/12/2024, năm 2025 trước ...": a year that heads what follows
            points.append(more[0])
            k = more[1]
        return self.share_years(points), k

    def share_years(self, points: list[Point]) -> list[Point]:
        """Share the years of a list (see `_share_years`), noting a plan's year taken."""
        if all(p.year is None and p.shift is None for p in points):
            self.filled = self.filled or self.year is not None
        return _share_years(points, self.year)


def _share_years(points: list[Point], plan_year: int | None) -> list[Point]:
    """A point of a list without a year takes the next year written on its right
    ("15/6 và 15/12/2026"), else the last written on its left ("15/6/2024 và 15/12"),
    else the plan's. A list runs forward: "Tháng 12, 1/2025" is December 2024, "Quý
    IV/2024, quý I" the first quarter of 2025."""
    right: list[Point | None] = [None] * len(points)
    written: Point | None = None
    for n in range(len(points) - 1, -1, -1):
        right[n] = written
        written = points[n] if points[n].year is not None else written
    shared: list[Point] = []
    left: Point | None = None
    for n, point in enumerate(points):
        after, before = right[n], left
        if point.year is not None:
            shared.append(point)
        elif after is not None and after.year is not None:
            taken = point.with_year(after.year)
            if _month_of(taken) > _month_of(after):
                taken = point.with_year(after.year - 1)
            shared.append(taken)
        elif before is not None and before.year is not None:
            taken = point.with_year(before.year)
            if _month_of(taken) < _month_of(before):
                taken = point.with_year(before.year + 1)
            shared.append(taken)
        else:
            shared.append(point.with_year(plan_year))
        left = point if point.year is not None else left
    return shared


def _month_of(point: Point) -> int:
    """Return the month a point starts in, to tell which of two years a start takes."""
    if point.span == Span.QUARTER:
        return point.number * 3 - 2
    if point.span == Span.HALF:
        return point.number * 6 - 5
    return point.month
