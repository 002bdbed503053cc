"""Points of the lunar calendar: lunar days ("rằm tháng Giêng"), Tết, can-chi years.

Each reader takes the clause and an index, and returns (point, index after) or
None, as the readers of `scan.py`; the days come from `civil.py`.
"""

from __future__ import annotations

from tthc_plan.core.timeframe.civil import can_chi_year
from tthc_plan.core.timeframe.clause import Clause
from tthc_plan.core.timeframe.period import YEARS, Span
from tthc_plan.core.timeframe.points import Point
from tthc_plan.i18n import N_

# Lunar months said by name; "mùng", "mồng", "rằm" say a lunar day.
_LUNAR_MONTHS = {"gieng": 1, "chap": 12}
_LUNAR_WORDS = ("theo am lich", "theo lich am", "am lich", "lich am", "am - lich", "am . lich",
                "al")  # fmt: skip
_EXPECT_LUNAR = N_("«âm lịch» sau một ngày mùng, rằm (mùng 10 tháng 3 âm lịch)")
_TY = {"tý": "ty rat", "tỵ": "ti", "tị": "ti"}  # the names of civil._CHI_ALIASES


def lunar_day(s: Clause, i: int) -> tuple[Point, int] | None:
    """Read a lunar day: "rằm tháng Giêng", "mùng 10 tháng 3 âm lịch", "ngày 23 tháng
    Chạp", "15/8 âm lịch", "15/12/2024 (âm lịch)": its year is a lunar year (the one
    that begins in the plan's year, or in the year written)."""
    if (j := s.any_of(i, "ngay ram", "ram")) is not None:
        day = 15
    else:
        j = s.any_of(i, "mung", "mong", "ngay") or i
        if (found := s.number(j, 1, 30)) is None:
            return None
        day, j = found, j + 1
    sign = s.word(j)
    m = s.any_of(j, "thang") if sign == "thang" else j + 1 if sign in {"/", "."} else None
    if m is None:
        return None
    month = _LUNAR_MONTHS.get(s.word(m) or "") or s.number(m, 1, 12)
    if month is None:
        return None
    named = s.word(m) in _LUNAR_MONTHS
    year, shift, k = s.year_after(m + 1)
    if year is None and shift is None and (named_year := can_chi(s, m + 1, m)) is not None:
        year, k = named_year[0].year, named_year[1]  # "Rằm tháng Giêng Ất Tỵ"
    lunar = s.any_of(k, *_LUNAR_WORDS)
    if (
        lunar is None
        and not named
        and s.word(i) not in {"ram", "mung", "mong"}
        and (s.words(i, "ngay ram") is None)
    ):
        return None  # a solar day
    if lunar is None and not named:
        s.expect(k, _EXPECT_LUNAR)
        return None
    written = s.text(i, lunar or k)
    return Point("lunar day", year, month, day, shift=shift, written=written), lunar or k


def can_chi(s: Clause, j: int, i: int) -> tuple[Point, int] | None:
    """Read "Giáp Thìn", "năm Bính Ngọ (2026)": a lunar year, from Tết to Tết."""
    can, chi = s.word(j), s.word(j + 1)
    if can is None or chi is None or (j == i and can not in {"giap", "binh", "nham"}):
        return None  # alone, only a stem that is no other word starts a year
    chi_word = s.original[s.tokens[j + 1].start : s.tokens[j + 1].end].lower()
    chi = _TY.get(chi_word, chi)  # "tý" (rat) and "tỵ" (snake) fold alike
    year = can_chi_year(can, chi, s.year or 2025)
    if year is None:
        return None
    k = j + 2
    if (written := s.number(k, *YEARS)) is not None and written == year:
        k += 1  # "Giáp Thìn 2024"
    return Point("lunar", year), k


def tet(s: Clause, i: int) -> tuple[Point, int] | None:
    """Read "Tết Nguyên đán", "Tết Âm lịch", "Tết cổ truyền" with an optional year."""
    if (j := s.any_of(i, "tet duong lich", "tet tay")) is not None:
        year, shift, k = s.year_after(j)
        return Point(Span.DAY, year, 1, 1, shift=shift), k  # New Year's Day
    j = s.any_of(i, "tet nguyen dan", "tet am lich", "tet co truyen", "tet")
    if j is None or (j == i + 1 and _other_tet(s, j)):
        return None
    if (lunar := can_chi(s, j, j - 1)) is not None:
        return Point("tet", lunar[0].year), lunar[1]  # "Tết Bính Ngọ"
    year, shift, k = s.year_after(j)
    return Point("tet", year, shift=shift), k


def _other_tet(s: Clause, j: int) -> bool:
    """ "Tết Trung thu", "Tết Thanh minh": a word after "Tết" that is neither a year nor
    a can-chi name names another feast, not the lunar new year."""
    word = s.word(j)
    if word is None or not word.isalpha() or word == "nam":
        return False
    return can_chi_year(word, s.word(j + 1) or "", 2000) is None
