"""The decision's first page: number, date, plan year, signer, issuer and title."""

from __future__ import annotations

import re

from msgspec import Struct

from tthc_plan.core.dates import WRITTEN_DATE
from tthc_plan.core.names import levels_pattern
from tthc_plan.core.text import fold, nfc


class Header(Struct):
    """What the decision's first page says, where it says it."""

    year: int | None = None
    number: str | None = None
    symbol: str | None = None  # "QĐ-UBND", "KH-UBND": as the "Số:" line writes it
    issued: str | None = None  # ISO date
    signer: str | None = None
    signer_title: str | None = None
    issuer: str | None = None  # "UBND huyện Đắk R'lấp", from "ỦY BAN NHÂN DÂN HUYỆN ĐẮK R'LẤP"
    title: str | None = None  # "Kế hoạch ... năm 2024 trên địa bàn ...", from "Về việc ban hành"


_DECISION_NUMBER = re.compile(
    r"^Số:\s*(?P<num>\d*)\s*/\s*(?P<symbol>[A-ZĐ]+-[A-ZĐ]+)", re.MULTILINE
)
# The place and date line ("Quảng Ngãi, ngày 08 tháng 01 năm 2026"): a comma before
# "ngày", so a deadline in the text ("trước ngày 30 tháng 9 năm 2026") is never taken.
_FULL_DATE = re.compile(r",\s*" + WRITTEN_DATE)  # on folded text
_PLAN_YEAR = re.compile(r"kiểm soát thủ tục hành chính\s+năm (\d{4})", re.IGNORECASE)
_SIGNER_TITLES = ("PHÓ CHỦ TỊCH", "CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")


def read_header(text: str) -> Header:
    """Read the decision number, date, plan year and signer from the text before the annex."""
    text = nfc(text)
    header = Header()
    if match := _DECISION_NUMBER.search(text):
        header.number = match.group("num") or None
        header.symbol = match.group("symbol")
    if match := _FULL_DATE.search(fold(text)):
        day, month, year = (int(match.group(g)) for g in ("d", "m", "y"))
        header.issued = f"{year:04d}-{month:02d}-{day:02d}"
    if match := _PLAN_YEAR.search(text):
        header.year = int(match.group(1))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        if line in _SIGNER_TITLES and index + 1 < len(lines):
            header.signer_title = line.capitalize()
            header.signer = lines[index + 1]
            break
    # "ỦY BAN NHÂN DÂN" over "TỈNH QUẢNG NGÃI", as the heading table lays it out
    pairs = zip(lines, [*lines[1:], ""], strict=True)
    joined = [f"{a} {b}" if a.strip("* ") in _COMMITTEE else a for a, b in pairs]
    for line in joined:
        if match := _COMMITTEE_LINE.match(line.strip("* ")):
            level, place = match.group("level"), match.group("place")
            header.issuer = f"UBND {level.lower()} {place.title()}"
            break
    if match := _PLAN_TITLE.search(text):
        header.title = " ".join(match.group(1).replace("*", " ").split())
    return header


_COMMITTEE = frozenset(("ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"))
_COMMITTEE_LINE = re.compile(
    r"^(?:ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UBND)\s+"
    rf"(?P<level>{levels_pattern(folded=False)})\s+(?P<place>[^\n]+)$"
)
_PLAN_TITLE = re.compile(r"ban hành\s+(Kế hoạch[^\n*]*(?:\n[^\n*]+)?)", re.IGNORECASE)
