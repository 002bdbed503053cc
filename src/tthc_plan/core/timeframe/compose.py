"""A compositional reading of timeframe phrases: points, connectives, recurrence, prose.

Every phrase is read here (`grammar.py` cuts it at ";" and turns failures into
errors); the 2024 plan reads exactly as under the whole-phrase rules this
replaced (its golden outputs are unchanged). The phrase is cut into
clauses (";", sentences, bullets), each clause into tokens over the folded
text (numbers, words, punctuation, each with its offset; bracketed glosses
such as "(hai mươi)" or "(nếu có)" dropped). A clause is scanned left to right
for time expressions, built from:

- points: a day ("01/6", "15 tháng 12 năm 2025"), a month ("tháng 6/2026",
  "6/2026"), a quarter ("Quý IV/2025", "Quí IV-2025"), a half year ("6 tháng
  đầu năm 2026"), a year ("năm 2026", "2026"), an edge ("cuối năm 2026",
  Bộ luật Dân sự Điều 146); a year written once on the right belongs to every
  point on its left ("Tháng 11 - 12/2025");
- connectives over any point: before ("Trước năm 2030" ends 31/12/2029), at
  the latest, from ... to ... (any two points), open-ended from ("Từ
  01/9/2026", "từ sau năm 2027", "năm 2026 và các năm tiếp theo"), until an
  event ("đến khi kết thúc Tổng kiểm kê");
- recurrence: "hằng năm", "định kỳ hằng quý", "Tháng 12 hằng năm", "trước
  ngày 01/6 và 15/11 hằng năm", "trước ngày 20 hằng tháng";
- reports by the plan's calendar ("Báo cáo quý, BC năm");
- ongoing work, work on request, per another document, after an event ("sau
  5 ngày làm việc kể từ ngày nhận hồ sơ").

Every expression found is a part; the words no expression used (lead verbs
apart: "Hoàn thành", "Thực hiện"...) are kept as the timeframe's note, which
`tthc validate` names in a warning. A reader that stops for want of something
("tháng" with no month after it) notes where and what it expected; the
furthest such place is the clause's `stuck`, which the error shows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, timedelta

from msgspec import Struct

from tthc_plan.core.dates import make_date, month_end
from tthc_plan.core.docref import parse_document_ref
from tthc_plan.core.problem import Message, msg
from tthc_plan.core.text import fold
from tthc_plan.core.timeframe.types import (
    AfterEvent,
    Deadline,
    Frequency,
    Ongoing,
    OnRequest,
    Part,
    PerReference,
    Recurring,
    Window,
)
from tthc_plan.i18n import N_

_TOKEN = re.compile(r"[0-9]+|[a-z]+|[^\sa-z0-9]")
_GLOSS = re.compile(r"\([^()]*\)")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
# Words a time expression may follow without anything lost: lead verbs and prepositions.
_LEAD_WORDS = frozenset(
    ("hoan", "thanh", "thuc", "hien", "trien", "khai", "ban", "hanh", "bat", "dau", "trong",
     "vao", "gui", "nop", "thoi", "gian", "han", "va", "la", "tu", "hoac")
)  # fmt: skip


# Words that announce a point: when no point follows, the clause is not understood.
_POINT_WORDS = frozenset(("quy", "qui", "thang", "ngay"))
_DIGITS = 6  # no number of a date is longer; int() of thousands of digits is refused
_YEARS = (1900, 2200)  # the years a plan's dates may name
_ROMAN_LETTERS = frozenset("ivxl")


class Token(Struct, frozen=True):
    """A word, a number or a sign of the folded clause, with its offsets in the clause."""

    text: str
    start: int
    end: int


class Point(Struct, frozen=True):
    """A point in time as written, its year possibly left to the context."""

    unit: str  # "day", "month", "quarter", "half", "months" (month..number), "year"
    year: int | None
    month: int = 1
    day: int = 1
    number: int = 1  # the quarter or half
    written: str = ""  # a day as written ("31/02/2024"), for the error that refuses it

    def with_year(self, year: int | None) -> Point:
        """Return the point with `year` where it has none."""
        if self.year is not None or year is None:
            return self
        return Point(self.unit, year, self.month, self.day, self.number, self.written)

    def first(self) -> date:
        """Return the point's first day."""
        year = self.year_or_fail()
        match self.unit:
            case "day":
                written = self.written or f"{self.day}/{self.month}/{year}"
                return make_date(year, self.month, self.day, written)
            case "month":
                return date(year, self.month, 1)
            case "quarter":
                return date(year, self.number * 3 - 2, 1)
            case "half":
                return date(year, 1 if self.number == 1 else 7, 1)
            case "months":
                return date(year, self.month, 1)
        return date(year, 1, 1)

    def last(self) -> date:
        """Return the point's last day."""
        year = self.year_or_fail()
        match self.unit:
            case "day":
                return self.first()
            case "month":
                return month_end(year, self.month)
            case "quarter":
                return month_end(year, self.number * 3)
            case "half":
                return date(year, 6 if self.number == 1 else 12, 30 if self.number == 1 else 31)
            case "months":
                return month_end(year, self.number)
        return date(year, 12, 31)

    def year_or_fail(self) -> int:
        """Return the point's year; raise NeedsYearError if neither it nor the plan has one."""
        if self.year is None:
            raise NeedsYearError
        return self.year


class NeedsYearError(Exception):
    """A point without a year, and no plan year to take it from."""


class Stuck(Struct, frozen=True):
    """Where reading stopped: the offset in the phrase, and what was expected there.

    `wrong` is a point written wrong ("tháng 13", "Quý V/2024"): an error even
    when the rest of the phrase reads; otherwise it only explains a phrase
    nothing of which was read.
    """

    offset: int
    end: int  # the end of the clause it stopped in
    expected: Message
    wrong: bool = False


class Reading(Struct):
    """What a clause or a phrase yields: its parts, the words it did not use, where it stuck."""

    parts: list[Part]
    unused: list[str]
    stuck: Stuck | None = None


# What a reader expected where it stopped (shown in the error, translated).
_EXPECT_POINT = N_(
    "một ngày, tháng, quý hoặc năm (10/01/2026, tháng 6/2026, quý II/2026, năm 2026)"
)
_EXPECT_MONTH = N_("số tháng từ 1 đến 12")
_EXPECT_QUARTER = N_("số quý: I, II, III, IV hoặc 1 đến 4")
_EXPECT_YEAR = N_("năm viết đủ bốn chữ số (2026)")
_EXPECT_EDGE = N_("tháng hoặc năm (cuối tháng 6/2026, cuối năm 2026)")


@functools.cache
def _words_of(phrase: str) -> list[str]:
    """The words of a keyword phrase ("cham nhat ngay"), split once."""
    return phrase.split()


def _unglossed(found: re.Match[str]) -> str:
    """Blank a gloss in brackets ("(hai mươi)", "(nếu có)"); keep a bracket that holds a
    date ("(trước ngày 31/3/2026)"): it is a time, read as a part of its own."""
    inner = found.group()
    return f" {inner[1:-1]} " if any(c.isdigit() for c in inner) else " " * len(inner)


class _Scan:
    """The tokens of one clause and the original text they come from."""

    def __init__(self, original: str, year: int | None) -> None:
        self.original = original
        self.year = year
        folded = _GLOSS.sub(_unglossed, fold(original))
        self.tokens = [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded)]
        self.texts = [token.text for token in self.tokens]
        self.furthest: tuple[int, str] | None = None  # token index, what was expected there

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
        return self.texts[i] if i < len(self.texts) else None

    def words(self, i: int, phrase: str) -> int | None:
        """Return the index after `phrase` (space-separated words) at `i`, or None."""
        wanted = _words_of(phrase)
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
        if text is None or len(text) > _DIGITS or not (text.isascii() and text.isdigit()):
            return None
        if not low <= int(text) <= high:
            return None
        return int(text)

    def text(self, i: int, j: int) -> str:
        """Return the original text of tokens i..j-1."""
        if i >= j:
            return ""
        return self.original[self.tokens[i].start : self.tokens[j - 1].end]

    # Points ------------------------------------------------------------------

    def year_after(self, i: int) -> tuple[int | None, int]:
        """Read an optional year after a month or quarter: "/2026", "-2025", "năm 2026"."""
        if self.word(i) in {"/", "-", "."} and (year := self.number(i + 1, 1900, 2200)):
            return year, i + 2
        if self.word(i) == "nam" and (year := self.number(i + 1, 1900, 2200)):
            return year, i + 2
        if (year := self.number(i, 1900, 2200)) is not None and self.word(i + 1) != "/":
            return year, i + 1  # "Quý IV 2026", "Tháng 6 2026"
        return None, i

    def point(self, i: int) -> tuple[Point, int] | None:
        """Read a point at `i`: day, month, quarter, half year or year."""
        for read in (self._day, self._month, self._quarter, self._half, self._year):
            if (found := read(i)) is not None:
                return found
        return None

    def _day(self, i: int) -> tuple[Point, int] | None:
        j = self.any_of(i, "ngay") or i
        sign = self.word(j + 1)
        year = self.number(j + 4, *_YEARS)
        if sign in {"/", "."} and self.word(j + 3) == sign and year is not None:
            day, month = self.number(j, 0, 99), self.number(j + 2, 0, 99)
            if day is not None and month is not None:
                # "10/13/2024", "00/01/2024": a day's shape, not a day: say so
                found = Point("day", year, month, day, written=self.text(j, j + 5))
                found.first()
                return found, j + 5
        day = self.number(j, 1, 31)
        month = self.number(j + 2, 1, 12)
        if day is None or month is None or self.word(j + 1) not in {"/", ".", "-", "thang"}:
            return None
        year, k = self.year_after(j + 3)
        if year is None and self.word(j + 3) in {"/", "."} and self.number(j + 4) is not None:
            self.expect(j, _EXPECT_YEAR)
            return None  # "10/01/24": a year of two digits is not read as any year
        return Point("day", year, month, day, written=self.text(j, k)), k

    def _month(self, i: int) -> tuple[Point, int] | None:
        if (j := self.any_of(i, "thang")) is not None:
            month = self.number(j, 1, 12)
            if month is None:
                self.expect(j, _EXPECT_MONTH)
                return None
            year, k = self.year_after(j + 1)
            return Point("month", year, month), k
        month = self.number(i, 1, 12)
        year = self.number(i + 2, 1900, 2200)
        if month is None or year is None or self.word(i + 1) != "/":
            return None
        return Point("month", year, month), i + 3  # "6/2026"

    def _quarter(self, i: int) -> tuple[Point, int] | None:
        j = self.any_of(i, "quy", "qui")
        if j is None:
            return None
        quarter = _ROMAN.get(self.word(j) or "") or self.number(j, 1, 4)
        if not quarter:
            self.expect(j, _EXPECT_QUARTER)
            return None
        year, k = self.year_after(j + 1)
        return Point("quarter", year, number=quarter), k

    def _half(self, i: int) -> tuple[Point, int] | None:
        """ "6 tháng đầu năm 2026" (a half year), "9 tháng đầu năm", "3 tháng cuối năm"."""
        count = self.number(i, 1, 11)
        j = None if count is None else self.any_of(i + 1, "thang dau", "thang cuoi")
        if count is None or j is None:
            return None
        early = self.word(j - 1) == "dau"
        k = self.any_of(j, "nam") or j
        year = self.number(k, 1900, 2200)
        end = k + 1 if year else k
        if count == 6:
            return Point("half", year, number=1 if early else 2), end
        first, last = (1, count) if early else (13 - count, 12)
        return Point("months", year, month=first, number=last), end

    def _year(self, i: int) -> tuple[Point, int] | None:
        j = self.any_of(i, "nam") or i
        year = self.number(j, 1900, 2200)
        return None if year is None else (Point("year", year), j + 1)

    def shared_year(self, first: Point, second: Point) -> tuple[Point, Point]:
        """A year written once on the right belongs to the point on the left too.

        "Từ tháng 11 đến tháng 02/2027": a start that would come after the end
        belongs to the year before.
        """
        second = second.with_year(self.year)
        shared = first.with_year(second.year).with_year(self.year)
        if first.year is None and second.year and shared.first() > second.last():
            shared = first.with_year(second.year - 1)
        return shared, second

    def next_point(self, i: int, first: Point) -> tuple[Point, int] | None:
        """Read a point after a list or range sign, or one of the same kind as `first`
        with its word left out: "Quý I và II năm 2026", "tháng 6 và 12 năm 2026"."""
        if (found := self.point(i)) is not None:
            return found
        if first.unit == "quarter":
            quarter = _ROMAN.get(self.word(i) or "") or self.number(i, 1, 4)
            if quarter:
                year, k = self.year_after(i + 1)
                return Point("quarter", year, number=quarter), k
        if first.unit == "month" and (month := self.number(i, 1, 12)) is not None:
            year, k = self.year_after(i + 1)
            return Point("month", year, month), k
        return None

    def points(self, i: int) -> tuple[list[Point], int] | None:
        """Read a point, or a list of points ("15/6 và 15/12/2026"); the year written
        last belongs to the points before it that have none."""
        found = self.point(i)
        if found is None:
            return None
        points, k = [found[0]], found[1]
        while (m := self.any_of(k, "va", ",")) is not None and (
            more := self.next_point(m, points[0])
        ) is not None:
            points.append(more[0])
            k = more[1]
        year = points[-1].year or self.year
        return [p.with_year(year) for p in points], k


# Expressions: each returns (parts, next index) or None -------------------------

_Expr = Callable[[_Scan, int], tuple[list[Part], int] | None]


def _ongoing(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    j = s.any_of(i, "thuong xuyen", "lien tuc", "hang ngay")
    if j is None:
        return None
    while (k := s.any_of(j, ", lien tuc", "lien tuc", ", hieu qua")) is not None:
        j = k
    return [Ongoing()], j


def _on_request(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    """Read "theo yêu cầu (của X)", "đột xuất", "(kế hoạch) kiểm tra đột xuất theo chỉ đạo"."""
    j = s.any_of(i, "ke hoach kiem tra", "kiem tra", "bao cao", "bc") or i
    if (k := s.any_of(j, "dot xuat", "do xuat")) is not None:  # "độ xuất": the 2024 plan's typo
        j = s.any_of(k, *_REQUEST) or k
    elif (k := s.any_of(j, *_REQUEST)) is not None:
        j = k
    else:
        return None
    j = s.any_of(j, "cua") or j
    end = _words_until_time(s, j)
    return [OnRequest(s.text(j, end) or None)], end


_REQUEST = ("theo yeu cau", "theo chi dao", "khi co yeu cau", "khi co chi dao")


_DOCUMENTS = ("ke hoach", "quyet dinh", "cong van", "thong bao", "chuong trinh", "huong dan",
              "van ban", "nghi quyet", "chi thi", "tien do", "lo trinh")  # fmt: skip


def _per_reference(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    j = s.any_of(i, "theo")
    if j is None or s.any_of(j, *_DOCUMENTS) is None:
        return None
    end = _words_until_time(s, j)
    return [PerReference(parse_document_ref(s.text(j, end)))], end


def _after_event(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    """Read "(ngay) sau khi X", "khi (có) X", "sau 5 ngày (làm việc) kể từ X",
    "trong (vòng|thời hạn) 10 ngày (làm việc) kể từ X"."""
    within = s.any_of(i, "trong vong", "trong thoi han", "trong")
    j = within if within is not None else s.any_of(i, "ngay sau", "sau")
    if j is not None and (days := s.number(j, 1, 366)):
        k = s.any_of(j + 1, "ngay")
        working = k is not None and s.any_of(k, "lam viec") is not None
        k = s.any_of(k, "lam viec") or k if k is not None else None
        event = None if k is None else s.any_of(k, "ke tu", "tu")
        if event is None or event >= len(s.tokens):
            return None
        end = _words_until_time(s, event)
        return [AfterEvent(s.text(event, end), days, working)], end
    if within is not None:
        return None
    j = s.any_of(i, "ngay sau khi", "sau khi", "khi co", "khi")
    if j is None or j >= len(s.tokens):
        return None
    start = j - 1 if s.word(j - 1) == "co" and s.word(j - 2) == "khi" else j
    end = _words_until_time(s, start)
    return [AfterEvent(s.text(start, end))], end


def _words_until_time(s: _Scan, i: int) -> int:
    """Return where the words of a name, an event or a document end: at the end of the
    clause, or before ", chậm nhất ngày 30/6/2026", "và định kỳ hằng quý" (a time that
    follows, which is a part of its own)."""
    for k in range(i + 1, len(s.tokens)):
        if s.texts[k - 1] in _JOINS and any(
            expression(s, k) is not None for expression in _TIMED_AT.get(s.texts[k], ())
        ):
            return k - 1
    return len(s.tokens)


_JOINS = frozenset((",", ";", "va", "hoac"))


_EVERY = {"thang": Frequency.MONTHLY, "quy": Frequency.QUARTERLY, "nam": Frequency.ANNUAL}


def _recurring(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    """Read "hằng năm", "định kỳ hằng quý", "trước ngày 01/6 và 15/11 hằng năm"..."""
    if s.year is None:
        return None
    return _repeated_days(s, i, s.year) or _yearly_month(s, i, s.year) or _every(s, i, s.year)


_DAY_WORDS = ("truoc ngay", "truoc", "cham nhat vao ngay", "cham nhat ngay", "cham nhat", "ngay")
_EACH = {"hang nam": "year", "hang thang": "month", "hang quy": "quarter", "moi nam": "year",
         "moi thang": "month", "moi quy": "quarter"}  # fmt: skip
_LAST_OF_QUARTER = ("cua thang cuoi quy", "thang cuoi quy", "cua thang cuoi moi quy")
_FIRST_OF_NEXT_QUARTER = ("cua thang dau quy sau", "thang dau quy sau",
                          "cua thang dau cua quy sau", "cua thang dau quy tiep theo")  # fmt: skip


def _stated_days(s: _Scan, i: int) -> tuple[list[tuple[int, int | None]], bool, int] | None:
    """Read "trước ngày 01/6 và 15/11", "chậm nhất ngày 15 tháng 12", "ngày 15": the days,
    whether the work must end before them, and the index after."""
    j = s.any_of(i, *_DAY_WORDS)
    if j is None:
        return None
    before = s.word(i) == "truoc"
    days: list[tuple[int, int | None]] = []
    k = j
    while (day := s.number(k, 1, 31)) is not None:
        month = s.number(k + 2, 1, 12) if s.word(k + 1) in {"/", "thang"} else None
        k += 3 if month else 1
        days.append((day, month))
        n = s.any_of(k, "va", ",")
        if n is None or s.number(n, 1, 31) is None:
            break
        k = n
    return (days, before, k) if days else None


def _day_rules(
    days: list[tuple[int, int | None]], unit: str, *, before: bool, year: int
) -> list[str]:
    """RFC 5545 rules for days stated under a repetition ("trước ngày X": X-1 is the last)."""
    rules = []
    for day, month in days:
        if unit == "next quarter" and month is None and day > 1:
            rules.append(f"FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY={day - before}")
        elif unit == "quarter" and month is None:
            rules.append(f"FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY={max(day - before, 1)}")
        elif unit == "month" and month is None:
            rules.append(f"FREQ=MONTHLY;BYMONTHDAY={max(day - before, 1)}")
        elif month is not None:
            last = make_date(year, month, day, f"{day}/{month}") - timedelta(days=before)
            rules.append(f"FREQ=YEARLY;BYMONTH={last.month};BYMONTHDAY={last.day}")
    return rules


def _repeated_days(s: _Scan, i: int, year: int) -> tuple[list[Part], int] | None:
    """Days before or by which work repeats: "trước ngày 01/6 và 15/11 hằng năm",
    "ngày 15 hằng tháng", "chậm nhất ngày 15 của tháng cuối quý"."""
    found = _stated_days(s, i)
    if found is None:
        return None
    days, before, k = found
    if (quarterly := s.any_of(k, *_LAST_OF_QUARTER)) is not None:
        # "chậm nhất ngày 15 của tháng cuối quý": that day of March, June, September, December
        unit, end = "quarter", quarterly
    elif (following := s.any_of(k, *_FIRST_OF_NEXT_QUARTER)) is not None:
        # "trước ngày 10 của tháng đầu quý sau": January, April, July, October
        unit, end = "next quarter", following
    elif (end_ := s.any_of(k, *_EACH)) is not None:
        unit, end = _EACH[" ".join(s.texts[k:end_])], end_
    else:
        return None
    rules = _day_rules(days, unit, before=before, year=year)
    return ([Recurring((), year, rule) for rule in rules], end) if rules else None


def _yearly_month(s: _Scan, i: int, year: int) -> tuple[list[Part], int] | None:
    """ "Tháng 12 hằng năm", "Tháng 6 và tháng 12 hằng năm", "Quý IV hằng năm": the last
    day of each, every year."""
    if s.word(i) not in {"thang", "quy", "qui"} or (found := s.points(i)) is None:
        return None
    points, k = found
    every = s.any_of(k, "hang nam", "moi nam")
    if every is None or any(p.unit not in {"month", "quarter"} for p in points):
        return None
    rules = []
    for point in points:
        last = point.last()
        rules.append(f"FREQ=YEARLY;BYMONTH={last.month};BYMONTHDAY={last.day}")
    return [Recurring((), year, rule) for rule in rules], every


_FREQUENCIES = (("6 thang", Frequency.HALF_YEARLY), ("thang", Frequency.MONTHLY),
                ("quy", Frequency.QUARTERLY), ("nam", Frequency.ANNUAL))  # fmt: skip


def _report(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    """Reports by the plan's calendar: "Báo cáo quý, BC năm", "BC định kỳ 6 tháng, năm"."""
    found: list[Frequency] = []
    j = s.any_of(i, "bao cao", "bc")
    end = i
    while j is not None:
        j = s.any_of(j, "dinh ky hang", "dinh ky", "hang") or j
        if s.point(j) is not None:  # "Báo cáo tháng 6/2024": a point, not a frequency
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
    # "Báo cáo hằng tháng trước ngày 20", "Báo cáo 6 tháng trước ngày 15/6": that day
    stated = _stated_days(s, s.any_of(end, ",") or end) if len(found) == 1 else None
    if stated is not None:
        days, before, after = stated
        unit = _UNIT_OF.get(found[0], "")
        if rules := _day_rules(days, unit, before=before, year=s.year):
            return [Recurring((), s.year, rule) for rule in rules], after
    return [Recurring(tuple(dict.fromkeys(found)), s.year)], end


_EVERY_SPAN = {"6 thang": Frequency.HALF_YEARLY, "06 thang": Frequency.HALF_YEARLY,
               "3 thang": Frequency.QUARTERLY, "03 thang": Frequency.QUARTERLY}  # fmt: skip
_UNIT_OF = {Frequency.MONTHLY: "month", Frequency.QUARTERLY: "quarter", Frequency.ANNUAL: "year"}


def _every(s: _Scan, i: int, year: int) -> tuple[list[Part], int] | None:
    """ "Hằng năm", "định kỳ hằng quý", "định kỳ 6 tháng", "mỗi quý một lần": the plan's
    reporting calendar; with a stated day after it ("Hằng năm, trước ngày 15/12",
    "Định kỳ hằng tháng, trước ngày 25"), that day."""
    j = s.any_of(i, "dinh ky hang", "dinh ky", "hang", "moi")
    if j is None:
        return None
    frequency, k = None, j
    for words, every in _EVERY_SPAN.items():
        if (end := s.words(j, words)) is not None:
            frequency, k = every, end
    if frequency is None and s.word(j) in _EVERY:
        frequency, k = _EVERY[s.word(j) or ""], j + 1
    if frequency is None:
        return None
    k = s.any_of(k, "mot lan") or k
    stated = _stated_days(s, s.any_of(k, ",") or k)
    if stated is not None and frequency in _UNIT_OF:
        days, before, end = stated
        end = s.any_of(end, *_LAST_OF_QUARTER) or end
        rules = _day_rules(days, _UNIT_OF[frequency], before=before, year=year)
        if rules:
            return [Recurring((), year, rule) for rule in rules], end
    return [Recurring((frequency,), year)], k


def _before(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    j = s.any_of(i, "truoc")
    if j is None or (found := s.points(j)) is None:
        if j is not None:
            s.expect(j, _EXPECT_POINT)
        return None
    points, k = found
    return [Deadline(point.first() - timedelta(days=1)) for point in points], k


def _at_latest(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    j = s.any_of(i, "cham nhat la vao", "cham nhat vao", "cham nhat la", "cham nhat",
                 "muon nhat", "tu nay den het", "tu nay den", "den het", "den", "het")  # fmt: skip
    if j is None or (found := s.points(j)) is None:
        if j is not None:
            s.expect(j, _EXPECT_POINT)
        return None
    points, k = found
    return [Deadline(point.last()) for point in points], k


def _edge(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    """Bộ luật Dân sự 2015, Điều 146: đầu tháng 1, giữa tháng 15, cuối tháng; giữa năm 30/6.

    Over a list too ("Cuối tháng 6 và tháng 12/2026"); a quarter's beginning is
    its first day, its end its last, its middle the 15th of its middle month.
    """
    edge = s.word(i)
    if edge not in {"dau", "giua", "cuoi"}:
        return None
    if (found := s.points(i + 1)) is None:
        if s.word(i + 1) != "nam" or s.number(i + 2) is not None:
            s.expect(i + 1, _EXPECT_EDGE)
            return None
        if s.year is None:
            raise NeedsYearError
        found = [Point("year", s.year)], i + 2  # "cuối năm": the plan's year
    points, k = found
    days = [_edge_day(edge, point) for point in points]
    return ([Deadline(day) for day in days if day is not None], k) if all(days) else None


def _edge_day(edge: str, point: Point) -> date | None:
    first, last = point.first(), point.last()
    match point.unit:
        case "month":
            return {"dau": first, "giua": first.replace(day=15)}.get(edge, last)
        case "quarter":
            return {"dau": first, "giua": date(first.year, first.month + 1, 15)}.get(edge, last)
        case "year":
            return {"dau": first, "giua": date(first.year, 6, 30)}.get(edge, last)
    return None


_FOLLOWING_YEARS = ("va cac nam tiep theo", "va nhung nam tiep theo")
_TILL = ("den het", "den", "toi", "-", "–", "—")


def _from(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    """Read "từ X đến Y", "từ X đến khi ...", "từ (sau) X" (open-ended)."""
    j = s.any_of(i, "bat dau trien khai tu", "trien khai tu", "tu sau", "tu")
    if j is None:
        j = s.any_of(i, "sau")
        if j is None or s.word(j) != "nam":
            return None
    after = s.word(j - 1) == "sau"
    found = s.point(j)
    if found is None:
        s.expect(j, _EXPECT_POINT)
        return None
    first, k = found
    if (m := s.any_of(k, *_TILL)) is not None:
        if (event := s.any_of(m, "khi")) is not None and event < len(s.tokens):
            start = first.with_year(s.year).first()
            return [Ongoing(start=start), AfterEvent(s.text(event, len(s.tokens)))], len(s.tokens)
        n = s.any_of(m, "ngay", "het ngay") or m
        if (second := s.next_point(n, first)) is not None:
            a, b = s.shared_year(first, second[0])
            return [Window(a.first(), b.last())], second[1]
        s.expect(n, _EXPECT_POINT)
    first = first.with_year(s.year)
    start = first.last() + timedelta(days=1) if after else first.first()
    k = s.any_of(k, "tro di", "tro ve sau", *_FOLLOWING_YEARS) or k
    return [Ongoing(start=start)], k


def _span(s: _Scan, i: int) -> tuple[list[Part], int] | None:
    """Read a point, a range of two points, a list, or an open end after a point."""
    j = s.any_of(i, "giai doan") or i
    found = s.point(j)
    if found is None:
        return None
    first, k = found
    if (m := s.any_of(k, "-", "–", "—", "den")) is not None and (
        second := s.next_point(m, first)
    ) is not None:
        a, b = s.shared_year(first, second[0])
        parts: list[Part] = [Window(a.first(), b.last())]
        k = second[1]
        if (n := s.any_of(k, *_FOLLOWING_YEARS)) is not None:
            return [Ongoing(start=a.first())], n
        return parts, k
    points, k = s.points(j) or ([first], k)
    if (n := s.any_of(k, *_FOLLOWING_YEARS)) is not None:
        return [Ongoing(start=first.with_year(s.year).first())], n
    return [_deadline(point) for point in points], k


def _deadline(point: Point) -> Part:
    if point.unit == "day":
        return Deadline(point.first())
    return Deadline(point.last(), point.first())


# Each expression with the words it can begin with ("#": a number). A clause is
# mostly prose; trying only the expressions its word can begin keeps reading a
# plan of 3000 tasks as fast as the whole-phrase rules were. The property test
# of every connective over every point fails if a word is missing here.
_STARTS: tuple[tuple[_Expr, str], ...] = (
    (_ongoing, "thuong lien hang"),
    (_on_request, "ke kiem bao bc dot do theo khi"),
    (_per_reference, "theo"),
    (_report, "bao bc"),
    (_recurring, "truoc cham thang quy qui dinh hang moi ngay"),
    (_before, "truoc"),
    (_at_latest, "cham muon den het tu"),
    (_edge, "dau giua cuoi"),
    (_from, "tu bat trien sau"),
    (_after_event, "ngay sau khi trong"),
    (_span, "# ngay thang quy qui nam giai"),
)
_BY_START: dict[str, tuple[_Expr, ...]] = {}
for _expression, _words in _STARTS:
    for _word in _words.split():
        _BY_START[_word] = (*_BY_START.get(_word, ()), _expression)


# What may follow a name or an event as a time of its own: connectives only, not a
# bare point ("Kế hoạch số 17/KH-UBND, ngày 30/01/2023" is the document's date).
_TIMED_AT = {
    word: tuple(e for e in expressions if e not in {_span, _on_request, _per_reference})
    for word, expressions in _BY_START.items()
}


def _expressions_at(word: str) -> tuple[_Expr, ...]:
    return _BY_START.get("#" if word.isdigit() else word, ())


def _clause(original: str, year: int | None) -> Reading:
    scan = _Scan(original, year)
    parts: list[Part] = []
    unused: list[str] = []
    i = 0
    while i < len(scan.tokens):
        best: tuple[list[Part], int] | None = None
        for expression in _expressions_at(scan.texts[i]):
            found = expression(scan, i)
            if found is not None and (best is None or found[1] > best[1]):
                best = found
        if best is None:
            token = scan.tokens[i]
            following = scan.word(i + 1) or ""
            roman_like = bool(following) and set(following) <= _ROMAN_LETTERS
            if token.text in _POINT_WORDS and (following.isdigit() or roman_like):
                # "Quý V/2024", "tháng 13": a date written wrong is not a note to skip.
                if scan.furthest is None or scan.furthest[0] <= i:
                    scan.expect(i + 1, _EXPECT_POINT)
                return Reading(parts, [original[token.start :]], scan.stuck(wrong=True))
            if token.text not in _LEAD_WORDS and token.text.isalnum():
                unused.append(original[token.start : token.end])
            i += 1
            continue
        parts += best[0]
        i = best[1]
    return Reading(parts, unused, None if parts else scan.stuck())


# Clauses end at ";", a line break, or a sentence's full stop; a bullet ("- ", "+ ")
# opens one only at the start of the text or of a sentence (a dash between two
# points is a range: "Tháng 11 - 12/2025").
_CLAUSES = re.compile(r";|\n|\.\s+(?=[-+]?\s*[^\sa-zà-ỹđ])")
_BULLET = re.compile(r"^[-+]\s+")


def read_phrase(text: str, year: int | None) -> Reading:
    """Read every clause of a phrase (sentences, bullets, ";"): parts and unused words.

    Its `stuck` is the first point written wrong, or, when nothing was read,
    where a reader got furthest; offsets are in `text`.
    """
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
        found = _clause(clause, year)
        reading.parts += found.parts
        reading.unused += found.unused
        if found.stuck is not None and (stuck is None or found.stuck.wrong > stuck.wrong):
            where = found.stuck
            stuck = Stuck(offset + where.offset, offset + where.end, where.expected, where.wrong)
    if stuck is not None and (stuck.wrong or not reading.parts):
        reading.stuck = stuck
    return reading
