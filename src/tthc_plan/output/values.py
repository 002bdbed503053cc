"""How core values are written in every output: ISO dates, document references, cells."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tthc_plan.core.docref import DocumentRef


def iso_date(day: date | None) -> str | None:
    """Return an ISO date for JSON, or None."""
    return day.isoformat() if day else None


def document_json(document: DocumentRef) -> dict[str, Any]:
    """Return a document reference as written and as read ("Số 05/KH-UBND ngày 08/01/2024")."""
    return {
        "text": document.text,
        "type": document.doc_type,
        "number": document.number,
        "symbol": document.symbol,
        "date": iso_date(document.issued),
        "issuer": document.issuer,
    }


def cell_text(value: str | list[str] | None, *, joiner: str = "\n", empty: str = "") -> str:
    """Return a plan cell (one text, or a list shown as "- " lines) as one text."""
    if value is None:
        return empty
    return value if isinstance(value, str) else joiner.join(f"- {v}" for v in value)


# A spreadsheet reads a cell that begins with one of these as a formula
# (=HYPERLINK(...), =cmd|...): the OWASP rule for CSV injection.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: object) -> object:
    """Return a text cell for CSV with a leading ' if a spreadsheet would run it; others as is."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
# What CommonMark reads as markup inside a line, backslash first.
_INLINE_MARKUP = re.compile(r"[\\|`*_~\[\]]")
# What starts a heading, a list or a setext underline at the start of a line
# (">" needs nothing: it is written &gt;, which never starts a quote).
_BLOCK_MARKERS = set("#+-*=")


def markdown_text(text: str, *, line_break: str = " ", cell: bool = False) -> str:
    """Return text that stays text in Markdown (CommonMark): a table cell or a list line.

    No raw HTML (<script> shows as written), no table break (|), no
    emphasis, link or image (*, _, ~, [, ] escaped: "[bấm](https://...)" and
    "![](http://...)" show as written and fetch nothing), no line break that
    could start a heading or a quote; a line that begins with a block marker
    (#, >, -, +, *, =) keeps it as a character, except in a table `cell`,
    where no block can start. Lines are joined with `line_break` (a space, or
    <br> in a table cell that lists items).
    """
    text = _INLINE_MARKUP.sub(r"\\\g<0>", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    lines = _LINE_BREAKS.split(text)
    if not cell:
        lines = ["\\" + line if line.lstrip()[:1] in _BLOCK_MARKERS else line for line in lines]
    return line_break.join(lines)
