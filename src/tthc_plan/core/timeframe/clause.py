"""The words of one clause as the readers of time see them, and what they found there.

`Clause` holds the tokens of the folded text (glosses in brackets blanked,
false friends of time words marked), the small readers every other reader
builds on (words, numbers, years, times of day, counts of days), where reading
got furthest, the first place that makes the clause wrong, and whether a point
took the plan's year.
"""

from __future__ import annotations

import functools
import re

from msgspec import Struct

from tthc_plan.core.problem import Message, msg
from tthc_plan.core.text import fold
from tthc_plan.core.timeframe.lexicon import (
    FALSE_FRIENDS,
    PLAIN_FALSE_FRIENDS,
    RELATIVE_YEAR_PHRASES,
    RELATIVE_YEARS,
    Token,
    tokens,
)
from tthc_plan.core.timeframe.period import YEARS
from tthc_plan.core.timeframe.points import Point

_GLOSS = re.compile(r"\([^()]*\)")
_DIGITS = 6  # no number of a date is longer; int() of thousands of digits is refused


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


class Clause:
    """The tokens of one clause, the text they come from, and what reading found there."""

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
