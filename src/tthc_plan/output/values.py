"""How core values are written in every output: ISO dates, document references, cells."""

from __future__ import annotations

from datetime import date
from typing import Any

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
