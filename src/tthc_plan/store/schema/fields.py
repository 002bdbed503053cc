"""The types of the values of a plan or progress file, with their validators.

Dates as people write them, one-line and several-line text (NFC, no control
characters), ids, periods, e-mail addresses; and `FileModel`, the base of every
model of the package. No I/O, no clock.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    StringConstraints,
    WithJsonSchema,
)

from tthc_plan.core import DATE_YEARS
from tthc_plan.core.address import MAX_ADDRESSES
from tthc_plan.core.dates import InvalidDateError, parse_date, within_years
from tthc_plan.core.names import MAX_ID_LENGTH, RESERVED_IDS, SLUG_PATTERN, id_problem
from tthc_plan.core.problem import Message, MessageError, msg, verbatim
from tthc_plan.core.text import ENCODED_WORD, first_control, not_a_character


def _to_date(value: Any) -> Any:  # noqa: ANN401 - a validator sees whatever YAML held
    if isinstance(value, str):
        try:
            return parse_date(value)
        except InvalidDateError as error:
            if error.outside:
                raise MessageError(_outside(value)) from None
            if error.well_formed:
                message = msg("«{value}» không phải là một ngày có thật.", value=value)
            else:
                message = msg(
                    "«{value}» không phải là ngày hợp lệ: viết DD/MM/YYYY hoặc YYYY-MM-DD.",
                    value=value,
                )
            raise MessageError(message) from None
    return value


def _outside(value: str) -> Message:
    return msg(
        "«{value}» ngoài các năm {first}–{last}: kiểm tra lại năm.",
        value=value,
        first=DATE_YEARS[0],
        last=DATE_YEARS[1],
    )


def _in_years(value: date) -> date:
    """Refuse a date YAML read as one (2024-01-09 unquoted) of a year outside DATE_YEARS."""
    if not within_years(value):
        raise MessageError(_outside(value.isoformat()))
    return value


def _to_nfc(value: Any) -> Any:  # noqa: ANN401 - a validator sees whatever YAML held
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


# Dates are written YYYY-MM-DD or DD/MM/YYYY; the schema says so for editors.
_DATE_SCHEMA = {
    "type": "string",
    "pattern": r"^(\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})$",
    "examples": ["2024-01-09", "09/01/2024"],
}
Day = Annotated[
    date, BeforeValidator(_to_date), AfterValidator(_in_years), WithJsonSchema(_DATE_SCHEMA)
]


def _no_control(value: str, *, lines: bool) -> str:
    """Refuse control characters (C0, C1) in a text value; tabs, and line feeds if `lines`.

    Noncharacters and surrogates too: they pass YAML as escapes ("\\uFFFE"), and
    then no Word or Excel file can be written (issue 30).
    """
    char = first_control(value, lines=lines)
    if char is not None and not_a_character(char):
        message = msg(
            "Có mã U+{code} trong trường: đây không phải là một ký tự (noncharacter hay "
            "surrogate), Word và Excel không ghi được. Xóa nó (trong tệp, nó có thể được viết "
            "là «{escape}»).",
            code=f"{ord(char):04X}",
            escape=f"\\u{ord(char):04X}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08X}",
        )
        raise MessageError(message)
    if char is not None:
        where = msg("trường") if lines else msg("một trường chỉ ghi một dòng")
        message = msg(
            "Có ký tự điều khiển U+{code} ({name}) trong {where}.",
            code=f"{ord(char):04X}",
            name=_CONTROL_NAMES.get(char) or msg("ký tự ẩn"),
            where=where,
        )
        raise MessageError(message)
    return value


_CONTROL_NAMES = {
    "\n": msg("xuống dòng"),
    "\r": msg("về đầu dòng"),
    "\u2028": msg("xuống dòng"),
    "\u2029": msg("xuống dòng"),
    "\x1b": verbatim("ESC"),
    "\x00": verbatim("NUL"),
}


def _single_line(value: str) -> str:
    return _no_control(value, lines=False)


def _lines(value: str) -> str:
    return _no_control(value, lines=True)


# One line: names, ids, titles, references. A line break there could forge a
# record in a file tthc writes (issue 20); tabs are harmless text.
Text = Annotated[
    str,
    BeforeValidator(_to_nfc),
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_single_line),
]


def _no_encoded_word(value: str) -> str:
    """Refuse "=?" in a text a mail header holds: readers, and Python's email package,
    decode "=?charset?q?...?=" there, line breaks included (CVE-2024-6923, issue 30)."""
    if ENCODED_WORD in value:
        message = msg(
            "Có «=?» trong trường: thư nhắc việc (tthc remind --email) ghi giá trị này vào "
            "tiêu đề thư, nơi «=?...?=» là một đoạn mã hóa (RFC 2047) có thể giả thêm dòng "
            "tiêu đề (Reply-To:) hay nội dung thư. Bỏ «=?» (viết «= ?» nếu thật cần)."
        )
        raise MessageError(message)
    return value


# One line that the weekly mail writes into a header (Subject, From): a unit's name,
# the plan's title and issuer.
HeaderText = Annotated[Text, AfterValidator(_no_encoded_word)]
# Several lines allowed: deliverables, timeframes, notes, reasons.
LongText = Annotated[
    str,
    BeforeValidator(_to_nfc),
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_lines),
]


def _names_a_file(value: str) -> str:
    """Refuse an id too long for a file name, or that Windows keeps for a device."""
    if (problem := id_problem(value)) is not None:
        raise MessageError(problem)
    return value


# An id naming another (a group's members, a unit's parent): written as one; whether
# it can name a file is said once, where the id itself is given.
SlugRef = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
# An id: a plan's, a unit's, a target's. Ids name files (see names.id_problem).
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN),
    AfterValidator(_names_a_file),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "maxLength": MAX_ID_LENGTH,
            "not": {"enum": sorted(RESERVED_IDS)},
        }
    ),
]


def _year_as_text(value: object) -> object:
    """Take a bare year as people type it (`period: 2024`, which YAML reads as a number)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# A period: "2024", "2024-Q1", "2024-H1", "2024-03"; a bare year may be written unquoted.
PeriodText = Annotated[
    str,
    BeforeValidator(_year_as_text),
    WithJsonSchema({"type": ["string", "integer"], "examples": ["2024-Q1", 2024]}),
    BeforeValidator(_to_nfc),
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_single_line),
]
TaskId = Annotated[str, StringConstraints(pattern=r"^[A-Z0-9]+(?:\.[A-Za-z0-9]+)*$")]
ProblemCode = Annotated[
    str,
    BeforeValidator(lambda v: v.upper() if isinstance(v, str) else v),
    StringConstraints(pattern=r"^[A-Z]+(?:_[A-Z]+)*$"),
]
# A cell of the table as written ("Các phòng chuyên môn, UBND các xã, thị trấn"),
# or a list of such cells; each names one or more units.
UnitCell = Text | list[Text]


def _addresses_shape(value: object) -> object:
    """Refuse an `email:` of the wrong shape in words, before the union's own errors."""
    if value is None:
        return value
    items = value if isinstance(value, list) else [value]
    if not all(isinstance(item, str) for item in items):
        message = msg("«email» là một địa chỉ, hoặc một danh sách địa chỉ [a@mien.vn, b@mien.vn].")
        raise MessageError(message)
    if any(not str(item).strip() for item in items) or not items:
        raise MessageError(msg("«email» có địa chỉ để trống: điền địa chỉ, hoặc xóa dòng email."))
    if len(items) > MAX_ADDRESSES:
        message = msg(
            "«email» có {count} địa chỉ, nhiều quá {limit}: dùng một hộp thư chung của đơn vị.",
            count=len(items),
            limit=MAX_ADDRESSES,
        )
        raise MessageError(message)
    return value


# A unit's `email:`: one address, or a list of them.
Addresses = Annotated[Text | list[Text] | None, BeforeValidator(_addresses_shape)]


class FileModel(BaseModel):
    """A block of a file tthc reads: frozen, no key it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
