"""Official document references: "Số 12/BC-UBND ngày 05/01/2024 của UBND huyện"."""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct

from tthc_plan.core.dates import WRITTEN_DATE, make_date
from tthc_plan.core.text import collapse_spaces, fold, nfc

# Patterns run on folded text (lower case, no diacritics): spans map back 1:1.
_NUMBER = re.compile(
    r"(?:^|\s|so\s*:?\s*)(?P<num>\d+)(?:\s*/\s*(?P<year>\d{4}))?\s*/\s*(?P<sym>[a-z][a-z0-9-]*)"
)
_DATE = re.compile(WRITTEN_DATE)
_ISSUER = re.compile(r"\s+cua\s+(?P<by>.+)$")
_TYPE = re.compile(
    r"(?:theo\s+)?(?P<t>ke hoach|quyet dinh|cong van|bao cao|thong bao|chuong trinh"
    r"|huong dan|van ban|nghi quyet|nghi dinh|thong tu|chi thi|to trinh|bien ban|giay moi)\b"
)


class DocumentRef(Struct, frozen=True):
    """A reference to an official document, as written and as far as it could be read."""

    text: str
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issued: date | None = None
    issuer: str | None = None


def parse_document_ref(text: str) -> DocumentRef:
    """Read type, number, symbol, date and issuer from `text`; keep the text verbatim.

    Raises InvalidDateError when the date it names does not exist.
    """
    original = collapse_spaces(nfc(text))
    folded = fold(original)
    doc_type = number = symbol = issuer = None
    issued = None
    if found := _TYPE.match(folded):
        doc_type = original[found.start("t") : found.end("t")]
    if found := _NUMBER.search(folded):
        number = original[found.start("num") : found.end("num")]
        if found.group("year"):
            number += "/" + found.group("year")
        symbol = original[found.start("sym") : found.end("sym")]
    if found := _DATE.search(folded):
        day, month, year = (int(found.group(g)) for g in ("d", "m", "y"))
        issued = make_date(year, month, day, original[found.start("d") : found.end("y")])
    if found := _ISSUER.search(folded):
        issuer = original[found.start("by") : found.end("by")]
    return DocumentRef(original, doc_type, number, symbol, issued, issuer)
