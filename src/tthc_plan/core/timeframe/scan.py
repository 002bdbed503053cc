"""Reading points in a clause, and the one home of lists and ranges of points.

`Scan.point` tries each kind of point at a place: an edge of a period, a lunar
day, a day, a month, a quarter, a half year or a run of months, Tết, a year.
Only `Scan.points` and `Scan.range_after` join points, with the words of
`lexicon.LIST` and `lexicon.RANGE`, and share the year written once.
"""

from __future__ import annotations

from tthc_plan.core.timeframe.civil import can_chi_year
from tthc_plan.core.timeframe.clause import Clause
from tthc_plan.core.timeframe.lexicon import LIST, RANGE
from tthc_plan.core.timeframe.lunar import can_chi, lunar_day, tet
from tthc_plan.core.timeframe.period import YEARS, Span
from tthc_plan.core.timeframe.points import EDGES, Point, month_of, with_years
from tthc_plan.i18n import N_

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

# What a reader expected where it stopped (shown in the error, translated).
EXPECT_POINT = N_("một ngày, tháng, quý hoặc năm (10/01/2026, tháng 6/2026, quý II/2026, năm 2026)")
EXPECT_MONTH = N_("số tháng từ 1 đến 12")
EXPECT_QUARTER = N_("số quý: I, II, III, IV hoặc 1 đến 4")
EXPECT_YEAR = N_("năm viết đủ bốn chữ số (2026)")
EXPECT_EDGE = N_("tháng hoặc năm (cuối tháng 6/2026, cuối năm 2026)")
# Words a month written as "6/2026" may follow: connectives, lead verbs, list words.
_BEFORE_BARE_MONTH = frozenset(
    ("truoc", "nhat", "den", "toi", "tu", "het", "trong", "vao", "han", "va", "hoac", "hay",
     "thanh", "hien", "khai", "nop", "gui", "ngay", "sau", "la", "cuoi", "dau", "giua", "thang")
)  # fmt: skip
_WEEKDAYS = {"hai": 0, "ba": 1, "tu": 2, "tu'": 2, "nam": 3, "sau": 4, "sau'": 4, "bay": 5,
             "2": 0, "3": 1, "4": 2, "5": 3, "6": 4, "7": 5}  # fmt: skip


class Scan(Clause):
    """A clause and the points read there."""

    # The readers of the lunar calendar (lunar.py), called as methods.
    _lunar = lunar_day
    _tet = tet

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
        if (lunar := can_chi(self, j, i)) is not None:
            return lunar
        if j == i and self.word(i - 1) == "/":
            return None  # "Quý I/II/2024", "10/01//2024": a year after a sign is no year alone
        year = self.number(j, *YEARS)
        return None if year is None else (Point(Span.YEAR, year), j + 1)

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
            and month_of(first) > month_of(second)
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
        """Share the years of a list (see `points.with_years`), noting a plan's year taken."""
        if all(p.year is None and p.shift is None for p in points):
            self.filled = self.filled or self.year is not None
        return with_years(points, self.year)
