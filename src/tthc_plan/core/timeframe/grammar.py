"""Grammar of Vietnamese timeframe phrases.

A phrase is normalised (NFC, single spaces), then folded (lower case, no
diacritics, đ -> d) so that "Trước", "trước" and "Truoc" read alike. Each rule
of ``RULES`` is a regular expression over the folded text that must consume a
whole part of the phrase, and a builder that turns the match into a typed
part. Builders read names and document numbers from the original text at the
same span, so nothing the user wrote is lost. Adding a phrase is adding a rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from datetime import date, timedelta

from msgspec import Struct

from tthc_plan.core.dates import InvalidDateError, make_date, month_end
from tthc_plan.core.docref import parse_document_ref
from tthc_plan.core.problem import Message, msg
from tthc_plan.core.text import collapse_spaces, fold, nfc
from tthc_plan.core.timeframe.compose import NeedsYearError, Reading, read_phrase
from tthc_plan.core.timeframe.types import (
    AfterEvent,
    Deadline,
    Frequency,
    Ongoing,
    OnRequest,
    Part,
    PerReference,
    Recurring,
    Timeframe,
    Window,
)
from tthc_plan.errors import TthcError


class TimeframeError(TthcError):
    """A phrase, or a part of it, that the grammar does not understand."""

    def __init__(
        self, message: Message, *, text: str, part: str, offset: int, fix: Message | None = None
    ) -> None:
        super().__init__(str(message))
        self.message = message  # kept untranslated for problems, which are translated when shown
        self.fix = fix
        self.hint = None if fix is None else str(fix)
        self.text = text
        self.part = part
        self.offset = offset


class _Context(Struct, frozen=True):
    """A match with the original text of the same span and the default year."""

    match: re.Match[str]
    original: str
    year: int | None

    def text(self, group: str) -> str:
        """Return the original (unfolded) text of a group."""
        start, end = self.match.span(group)
        return self.original[start:end]

    def has(self, group: str) -> bool:
        return self.match.group(group) is not None

    def number(self, group: str) -> int:
        return int(self.match.group(group))

    def year_of(self, group: str) -> int:
        """Return the year in `group`, or the plan's year when it is absent."""
        if self.has(group):
            return self.number(group)
        if self.year is None:
            raise _NeedsYearError
        return self.year


class _NeedsYearError(Exception):
    """A date without a year, and no plan year to take it from."""


# Building blocks, over folded text.
_DATE = (
    r"(?P<{n}>\d{{1,2}}\s*[/.-]\s*\d{{1,2}}(?:\s*[/.-]\s*\d{{4}})?"
    r"|\d{{1,2}} thang \d{{1,2}}(?: nam \d{{4}})?)"
)
_MONTH_YEAR = r"(?P<{m}>\d{{1,2}})(?:\s*(?:/|-|\s+nam\s+)\s*(?P<{y}>\d{{4}}))?"
_DASH = r"\s*(?:-|–|den|toi)\s*"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
# Patterns are compiled when first used (re keeps them), not at import: a view
# whose timeframes come from the cache parses nothing (7 ms saved per run).
_DATE_PARTS = r"(\d{1,2})\s*(?:[/.-]|thang)\s*(\d{1,2})(?:\s*(?:[/.-]|nam)\s*(\d{4}))?"
_PREFIX = r"(?:(?:hoan thanh|gui|nop|thuc hien|thoi gian|thoi han|han)\s*:?\s+)+(?=\S)"


def _date(ctx: _Context, group: str, *, default_year: int | None = None) -> date:
    raw = ctx.match.group(group)
    parts = re.fullmatch(_DATE_PARTS, raw)
    assert parts is not None  # noqa: S101 - the rule's pattern only admits these forms
    day, month = int(parts.group(1)), int(parts.group(2))
    if parts.group(3) is not None:
        year = int(parts.group(3))
    elif default_year is not None:
        year = default_year
    elif ctx.year is not None:
        year = ctx.year
    else:
        raise _NeedsYearError
    return make_date(year, month, day, ctx.text(group))


def _month(ctx: _Context, m: str, y: str) -> tuple[int, int]:
    month = ctx.number(m)
    if not 1 <= month <= 12:
        raise InvalidDateError(ctx.original)
    return ctx.year_of(y), month


def _ongoing(_ctx: _Context) -> Part:
    return Ongoing()


def _on_request(ctx: _Context) -> Part:
    return OnRequest(ctx.text("by") if ctx.has("by") else None)


def _per_reference(ctx: _Context) -> Part:
    return PerReference(parse_document_ref(ctx.text("doc")))


def _after_event(ctx: _Context) -> Part:
    days = ctx.number("days") if ctx.has("days") else None
    return AfterEvent(ctx.text("event"), days, ctx.has("wd"))


def _before(ctx: _Context) -> Part:
    # "Trước ngày X": the work must be finished before X, so X-1 is the last day.
    return Deadline(_date(ctx, "d") - timedelta(days=1))


def _at_latest(ctx: _Context) -> Part:
    return Deadline(_date(ctx, "d"))


def _day_window(ctx: _Context) -> Part:
    due = _date(ctx, "d2")
    start = _date(ctx, "d1", default_year=due.year)
    return Window(start, due)


def _month_deadline(ctx: _Context) -> Part:
    year, month = _month(ctx, "m", "y")
    return Deadline(month_end(year, month), date(year, month, 1))


_FIXED_DAY = {"dau": 1, "giua": 15}


def _month_point(ctx: _Context) -> Part:
    # Bộ luật Dân sự 2015, Điều 146: đầu tháng = 1, giữa tháng = 15, cuối tháng = last day.
    year, month = _month(ctx, "m", "y")
    point = ctx.match.group("point")
    if point in _FIXED_DAY:
        return Deadline(date(year, month, _FIXED_DAY[point]))
    return Deadline(month_end(year, month))


def _month_window(ctx: _Context) -> Part:
    end_year, end_month = _month(ctx, "m2", "y2")
    start_month = ctx.number("m1")
    if not 1 <= start_month <= 12:
        raise InvalidDateError(ctx.original)
    start_year = ctx.number("y1") if ctx.has("y1") else end_year
    return Window(date(start_year, start_month, 1), month_end(end_year, end_month))


def _quarter(ctx: _Context) -> Part:
    year = ctx.year_of("y")
    quarter = _ROMAN[ctx.match.group("q")]
    return Deadline(month_end(year, quarter * 3), date(year, quarter * 3 - 2, 1))


def _half_year(ctx: _Context) -> Part:
    year = ctx.year_of("y")
    if ctx.match.group("half") == "dau":
        return Deadline(date(year, 6, 30), date(year, 1, 1))
    return Deadline(date(year, 12, 31), date(year, 7, 1))


def _year(ctx: _Context) -> Part:
    year = ctx.number("y")
    return Deadline(date(year, 12, 31), date(year, 1, 1))


def _year_point(ctx: _Context) -> Part:
    # Điều 146: giữa năm = 30/6, cuối năm = 31/12.
    year = ctx.year_of("y")
    if ctx.match.group("point") == "giua":
        return Deadline(date(year, 6, 30))
    return Deadline(date(year, 12, 31))


def _stage(ctx: _Context) -> Part:
    return Window(date(ctx.number("y1"), 1, 1), date(ctx.number("y2"), 12, 31))


_FREQUENCY_WORDS = {
    "thang": Frequency.MONTHLY,
    "quy": Frequency.QUARTERLY,
    "6 thang": Frequency.HALF_YEARLY,
    "nam": Frequency.ANNUAL,
}
_REPORT = r"(?:(?:bao cao|bc)\s+)"
_EVERY = r"(?:(?:dinh ky|hang)\s+)"
_FREQ = r"(?:6 thang|thang|quy|nam)"
_FREQ_WORD = rf"(?P<f>{_FREQ})"


def _recurring(ctx: _Context) -> Part:
    if ctx.year is None:
        raise _NeedsYearError
    found = [_FREQUENCY_WORDS[m.group("f")] for m in re.finditer(_FREQ_WORD, ctx.match.group(0))]
    return Recurring(tuple(dict.fromkeys(found)), ctx.year)


_SEP = r"\s*(?:,|;|va)\s*"
_Builder = Callable[[_Context], Part]

# (name, pattern over folded text, builder, example). Order matters only where
# two patterns could match the same text; the first match wins.
RULES: tuple[tuple[str, str, _Builder, str], ...] = (
    ("ongoing", r"thuong xuyen(?:\s*,\s*lien tuc)?|lien tuc|hang ngay", _ongoing, "Thường xuyên"),
    (
        "on_request",
        r"(?:(?:bao cao|bc|ke hoach kiem tra|kiem tra)\s+)?"
        r"(?:(?:dot|do) xuat(?:\s+(?:theo|khi co)\s+(?:yeu cau|chi dao))?"
        r"|(?:theo|khi co)\s+(?:yeu cau|chi dao))"
        r"(?:\s+cua\s+(?P<by>.+))?",
        _on_request,
        "Theo yêu cầu",
    ),
    (
        "per_reference",
        r"theo\s+(?P<doc>(?P<dtype>ke hoach|quyet dinh|cong van|thong bao|chuong trinh"
        r"|huong dan|van ban|nghi quyet|chi thi)\b.+)",
        _per_reference,
        "Theo Kế hoạch số 17/KH-UBND, ngày 30/01/2023 của UBND huyện",
    ),
    (
        "after_event",
        r"(?:ngay\s+)?sau\s+"
        r"(?:(?P<days>\d+)\s+ngay(?P<wd>\s+lam viec)?\s+ke tu\s+|khi\s+)(?P<event>.+)",
        _after_event,
        "ngay sau khi UBND tỉnh phê duyệt ...",
    ),
    ("before", r"truoc\s*(?:ngay\s*)?" + _DATE.format(n="d"), _before, "Trước 10/01/2024"),
    (
        "at_latest",
        r"(?:(?:cham|muon) nhat\s*(?:la\s+)?(?:vao\s+)?(?:ngay\s*)?|(?:den het|den|trong)\s+ngay\s*"
        r"|ngay\s*)?" + _DATE.format(n="d"),
        _at_latest,
        "Chậm nhất ngày 15/01/2024",
    ),
    (
        "day_window",
        r"tu\s*(?:ngay\s*)?"
        + _DATE.format(n="d1")
        + _DASH
        + r"(?:het\s+)?(?:ngay\s*)?"
        + _DATE.format(n="d2"),
        _day_window,
        "Từ ngày 01/02/2024 đến ngày 15/03/2024",
    ),
    (
        "month_window",
        r"tu\s*thang\s*(?P<m1>\d{1,2})(?:\s*/\s*(?P<y1>\d{4}))?"
        + _DASH
        + r"(?:het\s+)?(?:thang\s*)?"
        + _MONTH_YEAR.format(m="m2", y="y2"),
        _month_window,
        "Từ tháng 02/2024 - 6/2024",
    ),
    (
        "month_point",
        r"(?P<point>dau|giua|cuoi)\s+thang\s*" + _MONTH_YEAR.format(m="m", y="y"),
        _month_point,
        "Cuối tháng 6/2024",
    ),
    (
        "month",
        r"(?:trong\s+)?thang\s*" + _MONTH_YEAR.format(m="m", y="y"),
        _month_deadline,
        "Tháng 12/2023",
    ),
    (
        "quarter",
        r"(?:trong\s+)?quy\s*(?P<q>iv|iii|ii|i|[1-4])(?:\s*(?:/|-|\s+nam\s+)\s*(?P<y>\d{4}))?",
        _quarter,
        "Quý I/2024",
    ),
    (
        "half_year",
        r"(?:trong\s+)?6 thang (?P<half>dau|cuoi)(?: nam)?(?:\s*(?P<y>\d{4}))?",
        _half_year,
        "6 tháng đầu năm 2024",
    ),
    ("year_point", r"(?P<point>giua|cuoi)\s+nam(?:\s*(?P<y>\d{4}))?", _year_point, "Cuối năm 2024"),
    ("year", r"(?:trong\s+)?nam\s*(?P<y>\d{4})", _year, "Trong năm 2024"),
    (
        "stage",
        r"(?:trong\s+)?giai doan\s*(?P<y1>\d{4})" + _DASH + r"(?P<y2>\d{4})",
        _stage,
        "Thực hiện trong giai đoạn 2023-2025",
    ),
    (
        "recurring",
        rf"(?:{_REPORT}{_EVERY}?|{_EVERY}){_FREQ}(?:{_SEP}(?:{_REPORT}?{_EVERY}?){_FREQ})*",
        _recurring,
        "Báo cáo quý, BC năm",
    ),
)


@functools.cache
def _compiled() -> tuple[tuple[str, re.Pattern[str], Callable[[_Context], Part]], ...]:
    return tuple((name, re.compile(pattern), build) for name, pattern, build, _ in RULES)


EXAMPLES = tuple(example for *_, example in RULES)


def _split(text: str) -> list[tuple[int, str]]:
    """Split on ";" into (offset, part) pairs, keeping each part's offset."""
    parts: list[tuple[int, str]] = []
    offset = 0
    for piece in text.split(";"):
        stripped = piece.strip(" ,.")
        if stripped:
            parts.append((offset + piece.index(stripped), stripped))
        offset += len(piece) + 1
    return parts


def _without_prefix(part: str) -> tuple[str, str]:
    """Return the folded and original part without "Hoàn thành", "Gửi"... in front."""
    folded = fold(part)
    prefix = re.match(_PREFIX, folded)
    skip = prefix.end() if prefix else 0
    return folded[skip:], part[skip:]


def _parse_part(part: str, year: int | None) -> Part | None:
    folded, original = _without_prefix(part)
    for _name, pattern, build in _compiled():
        if match := pattern.fullmatch(folded):
            return build(_Context(match, original, year))
    return None


def _understood_prefix(part: str) -> tuple[str, str] | None:
    """Return (understood, rest) when a rule reads only the start of `part`."""
    folded, original = _without_prefix(part)
    ends = [m.end() for _n, pattern, _b in _compiled() if (m := pattern.match(folded))]
    if not ends:
        return None
    end = max(ends)
    understood = part[: len(part) - len(original) + end].strip()
    return understood, original[end:].strip()


def _not_understood(text: str, part: str, offset: int) -> TimeframeError:
    fix = msg(
        "Các cách viết được hiểu: {forms}.", forms="; ".join(f"«{example}»" for example in EXAMPLES)
    )
    if (split := _understood_prefix(part)) is not None:
        understood, rest = split
        message = msg(
            "Hiểu «{understood}» nhưng không hiểu phần còn lại «{rest}» trong «{text}».",
            understood=understood,
            rest=rest,
            text=text,
        )
        offset += part.rindex(rest)
        return TimeframeError(message, text=text, part=rest, offset=offset, fix=fix)
    message = msg("Không hiểu «{part}» trong thời hạn «{text}».", part=part, text=text)
    return TimeframeError(message, text=text, part=part, offset=offset, fix=fix)


def parse_timeframe(text: str, *, year: int | None = None) -> Timeframe:
    """Parse a Vietnamese timeframe phrase; `year` fills dates written without one.

    Pure and not memoised: core.plan_time.PlanTimes reads each phrase of a plan once.
    """
    clean = collapse_spaces(nfc(text))
    parts: list[Part] = []
    unused: list[str] = []
    pieces = _split(clean.lstrip("-+ ") if clean.startswith(("- ", "+ ")) else clean)
    if not pieces:
        message = msg("Thời gian thực hiện đang để trống.")
        raise TimeframeError(message, text=clean, part="", offset=0)
    for offset, piece in pieces:
        try:
            parsed = _parse_part(piece, year)
        except InvalidDateError as error:
            message = msg(
                "«{date}» không phải là một ngày có thật (trong «{text}»).",
                date=error.text,
                text=clean,
            )
            raise TimeframeError(message, text=clean, part=piece, offset=offset) from None
        except (_NeedsYearError, NeedsYearError):
            message = msg(
                "«{part}» không ghi năm và không có năm của kế hoạch để dùng.", part=piece
            )
            raise TimeframeError(message, text=clean, part=piece, offset=offset) from None
        if parsed is None:  # not a whole-phrase form: read it by composition
            reading = _composed(clean, piece, offset, year)
            if not reading.parts:
                raise _not_understood(clean, piece, offset)
            parts += reading.parts
            unused += reading.unused
            continue
        if isinstance(parsed, Window) and parsed.start > parsed.due:
            message = msg("Thời hạn «{part}» kết thúc trước khi bắt đầu.", part=piece)
            raise TimeframeError(message, text=clean, part=piece, offset=offset)
        parts.append(parsed)
    return Timeframe(clean, tuple(parts), " ".join(unused) or None)


def _composed(clean: str, piece: str, offset: int, year: int | None) -> Reading:
    """Read a piece the whole-phrase rules do not, by composition (compose.py)."""
    try:
        reading = read_phrase(piece, year)
    except InvalidDateError as error:
        message = msg(
            "«{date}» không phải là một ngày có thật (trong «{text}»).", date=error.text, text=clean
        )
        raise TimeframeError(message, text=clean, part=piece, offset=offset) from None
    except NeedsYearError:
        message = msg("«{part}» không ghi năm và không có năm của kế hoạch để dùng.", part=piece)
        raise TimeframeError(message, text=clean, part=piece, offset=offset) from None
    for part in reading.parts:
        if isinstance(part, Window) and part.start > part.due:
            message = msg("Thời hạn «{part}» kết thúc trước khi bắt đầu.", part=piece)
            raise TimeframeError(message, text=clean, part=piece, offset=offset)
    return reading
