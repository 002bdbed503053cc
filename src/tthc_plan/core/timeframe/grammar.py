"""Read a Vietnamese timeframe phrase into typed parts, or say where it stops.

A phrase is normalised (NFC, single spaces) and cut at ";" into pieces, each
read by composition (`compose.py`: points, connectives, recurrence, prose).
A piece nothing of which is read, or with a point written wrong ("tháng 13",
"Quý V/2024"), is an error that says how far the reading got and what it
expected there; words no expression used become the timeframe's note.
"""

from __future__ import annotations

import re

from tthc_plan.core import DATE_YEARS, PLAN_YEARS
from tthc_plan.core.dates import InvalidDateError, format_date
from tthc_plan.core.problem import Message, msg
from tthc_plan.core.text import collapse_spaces, fold
from tthc_plan.core.timeframe.civil import CivilCalendar
from tthc_plan.core.timeframe.compose import read_phrase, stated_over_calendar
from tthc_plan.core.timeframe.context import Reading
from tthc_plan.core.timeframe.lexicon import clean as clean_text
from tthc_plan.core.timeframe.lexicon import lookalike
from tthc_plan.core.timeframe.points import (
    WEEKDAY_NAMES,
    NeedsYearError,
    NoTetError,
    WrongWeekdayError,
)
from tthc_plan.core.timeframe.types import (
    AfterEvent,
    Deadline,
    OnRequest,
    Part,
    PerReference,
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


# One phrase of each common form, shown when a phrase is not understood and
# written (moved to the plan's year) into the template of `tthc init`.
EXAMPLES = (
    "Thường xuyên",
    "Theo yêu cầu",
    "Theo Kế hoạch số 17/KH-UBND, ngày 30/01/2023 của UBND huyện",
    "ngay sau khi UBND tỉnh phê duyệt ...",
    "Trước 10/01/2024",
    "Chậm nhất ngày 15/01/2024",
    "Từ ngày 01/02/2024 đến ngày 15/03/2024",
    "Từ tháng 02/2024 - 6/2024",
    "Cuối tháng 6/2024",
    "Tháng 12/2023",
    "Quý I/2024",
    "6 tháng đầu năm 2024",
    "Cuối năm 2024",
    "Trong năm 2024",
    "Thực hiện trong giai đoạn 2023-2025",
    "Báo cáo quý, BC năm",
)


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


def _not_understood(text: str, piece: str, offset: int, reading: Reading) -> TimeframeError:
    """Say how far the reading of `piece` got and what it expected there."""
    fix = msg(
        "Các cách viết được hiểu: {forms}.", forms="; ".join(f"«{example}»" for example in EXAMPLES)
    )
    stuck = reading.stuck
    if stuck is None:
        message = msg("Không hiểu «{part}» trong thời hạn «{text}».", part=piece, text=text)
        return TimeframeError(message, text=text, part=piece, offset=offset, fix=fix)
    understood, rest = piece[: stuck.offset].strip(), piece[stuck.offset : stuck.end].strip()
    if stuck.said is not None:
        message = msg("{said} (trong «{text}»).", said=stuck.said, text=text)
        fix = msg(
            "Viết lại theo một cách được hiểu, hoặc ghi hạn vào «dates:» của nhiệm vụ. {forms}",
            forms=fix,
        )
    elif not rest:
        message = msg(
            "Hiểu «{understood}», rồi cần {expected} nhưng thời hạn đã hết (trong «{text}»).",
            understood=understood,
            expected=stuck.expected,
            text=text,
        )
    elif understood:
        message = msg(
            "Hiểu «{understood}», rồi cần {expected} nhưng gặp «{rest}» (trong «{text}»).",
            understood=understood,
            expected=stuck.expected,
            rest=rest,
            text=text,
        )
    else:
        message = msg(
            "Cần {expected} nhưng gặp «{rest}» (trong «{text}»).",
            expected=stuck.expected,
            rest=rest,
            text=text,
        )
    part = rest or piece
    return TimeframeError(message, text=text, part=part, offset=offset + stuck.offset, fix=fix)


def parse_timeframe(
    text: str, *, year: int | None = None, civil: CivilCalendar | None = None
) -> Timeframe:
    """Parse a Vietnamese timeframe phrase; `year` fills dates written without one,
    `civil` adds the plan's own days off and working days to Viet Nam's calendar.

    Pure and not memoised: core.plan_time.PlanTimes reads each phrase of a plan once.
    """
    if year is not None and not PLAN_YEARS[0] <= year <= PLAN_YEARS[1]:
        message = msg(
            "Năm {year} nằm ngoài khoảng {first}–{last}: ghi năm của kế hoạch.",
            year=year,
            first=PLAN_YEARS[0],
            last=PLAN_YEARS[1],
        )
        raise TimeframeError(message, text=text, part="", offset=0)
    # Spaces made single, line breaks kept: a cell of bullets, one a line, is a list.
    lines = (collapse_spaces(line) for line in clean_text(text).splitlines())
    clean = "\n".join(line for line in lines if line)
    if (odd := lookalike(clean, fold(clean))) is not None:
        message = msg(
            "«{word}» có ký tự «{char}» (U+{code}) trông giống chữ số hoặc chữ cái nhưng "
            "không phải (trong «{text}»).",
            word=odd.word,
            char=odd.char,
            code=f"{ord(odd.char):04X}",
            text=clean,
        )
        fix = msg("Gõ lại «{word}» bằng chữ số 0-9 và chữ tiếng Việt.", word=odd.word)
        raise TimeframeError(message, text=clean, part=odd.word, offset=odd.start, fix=fix)
    parts: list[Part] = []
    unused: list[str] = []
    remarks: list[Message] = []
    cutoff_day: int | None = None
    filled = False
    pieces = _split(clean.lstrip("-+ ") if clean.startswith(("- ", "+ ")) else clean)
    if not pieces:
        message = msg("Thời gian thực hiện đang để trống.")
        raise TimeframeError(message, text=clean, part="", offset=0)
    for offset, piece in pieces:
        reading = _read(clean, piece, offset, year, civil)
        data_window = reading.cutoff_day is not None and not reading.parts  # no time of its own
        if (not reading.parts and not data_window) or reading.stuck is not None:
            raise _not_understood(clean, piece, offset, reading)
        parts += reading.parts
        unused += reading.unused
        remarks += reading.remarks
        cutoff_day = reading.cutoff_day or cutoff_day
        filled = filled or reading.filled
    if not parts:  # only a data window: when is the work due?
        raise _not_understood(clean, clean, 0, Reading([], []))
    if year is not None and filled and (other := _other_years(clean, parts, year)):
        message = msg(
            "«{text}» ghi năm {years} nhưng có ngày không ghi năm (được hiểu là năm {year} của "
            "kế hoạch): ghi rõ năm cho từng ngày.",
            text=clean,
            years=", ".join(map(str, sorted(other))),
            year=year,
        )
        raise TimeframeError(message, text=clean, part=clean, offset=0)
    note = " ".join(unused) or None
    parts = stated_over_calendar(parts)  # "Báo cáo quý; trước ngày 15 tháng cuối quý"
    return Timeframe(clean, tuple(parts), note, tuple(remarks), cutoff_day)


_WRITTEN_YEAR = re.compile(r"(?<!\d)(19\d\d|2[0-2]\d\d)(?![\d/])")


def _other_years(text: str, parts: list[Part], year: int) -> set[int]:
    """Return the years written in `text` when none is the plan's, yet a deadline fell in
    the plan's year: a day without a year took it ("Quý I/2025; quý II" in a 2024 plan)."""
    for part in parts:  # a document's or an event's own years are not the work's
        said = part.document.text if isinstance(part, PerReference) else (
            part.event if isinstance(part, AfterEvent) else part.requester
            if isinstance(part, OnRequest) else None)  # fmt: skip
        text = text.replace(said, " ") if said else text
    written = {int(found) for found in _WRITTEN_YEAR.findall(text)}
    dated = [p for p in parts if isinstance(p, Deadline | Window)]
    if not written or year in written or not any(p.due.year == year for p in dated):
        return set()
    return written


def _read(
    clean: str, piece: str, offset: int, year: int | None, civil: CivilCalendar | None
) -> Reading:
    """Read one piece by composition; an impossible day or a missing year is an error."""
    try:
        reading = read_phrase(piece, year, civil)
    except InvalidDateError as error:
        message = msg(
            "«{date}» không phải là một ngày có thật (trong «{text}»).", date=error.text, text=clean
        )
        if error.outside:  # a document's date: "Theo Kế hoạch số 17/KH-UBND ngày 30/01/0001"
            message = msg(
                "«{date}» ngoài các năm {first}–{last} (trong «{text}»).",
                date=error.text,
                first=DATE_YEARS[0],
                last=DATE_YEARS[1],
                text=clean,
            )
        raise TimeframeError(message, text=clean, part=piece, offset=offset) from None
    except NeedsYearError:
        message = msg("«{part}» không ghi năm và không có năm của kế hoạch để dùng.", part=piece)
        raise TimeframeError(message, text=clean, part=piece, offset=offset) from None
    except WrongWeekdayError as error:
        message = msg(
            "Ngày {day} là {weekday}, không phải {written} (trong «{text}»).",
            day=format_date(error.day),
            weekday=WEEKDAY_NAMES[error.day.weekday()],
            written=WEEKDAY_NAMES[error.written],
            text=clean,
        )
        fix = msg("Sửa ngày hoặc thứ cho khớp nhau.")
        raise TimeframeError(message, text=clean, part=piece, offset=offset, fix=fix) from None
    except NoTetError as error:
        message = msg(
            "Không biết ngày Tết Nguyên đán năm {year} (lịch có từ 1901 đến 2099).",
            year=error.year,
        )
        raise TimeframeError(message, text=clean, part=piece, offset=offset) from None
    for part in reading.parts:
        if isinstance(part, Window) and part.start > part.due:
            message = msg("Thời hạn «{part}» kết thúc trước khi bắt đầu.", part=piece)
            raise TimeframeError(message, text=clean, part=piece, offset=offset)
    return reading
