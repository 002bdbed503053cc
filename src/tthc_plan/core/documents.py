"""Who issues and signs a document tthc drafts, and how its heading reads (pure).

The form is that of Nghị định 30/2020/NĐ-CP, Phụ lục I: the issuing body in
capitals, under its direct parent where it has one ("UBND HUYỆN ĐẮK R'LẤP"
over "PHÒNG TƯ PHÁP"; a People's Committee has none); the place named after
the administrative unit the body sits in; "Số: .../BC-UBND"; and a signature
block whose lines say in whose name the signer signs ("TM. ỦY BAN NHÂN DÂN",
"KT. CHỦ TỊCH") above the signer's title and name.

A document is issued by the plan's issuer, or by one unit of its registry
(`tthc report --unit`); the plan's `documents:` metadata and the unit's
`symbol:` and `signer:` fill it in, options override the signer.
"""

from __future__ import annotations

import re
from datetime import date

from msgspec import Struct

from tthc_plan.core.model import Plan, Signer, Unit, UnitKind
from tthc_plan.core.text import fold
from tthc_plan.errors import UsageError
from tthc_plan.i18n import _

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
NAME_PLACEHOLDER = "[Họ và tên người ký]"
# A name that begins with one of these is a People's Committee's ("UBND huyện Đắk R'lấp").
_COMMITTEE = re.compile(r"^(ubnd|uy ban nhan dan)\s+", re.IGNORECASE)
# The administrative unit's kind, dropped from the place name ("Xã Nhân Cơ" -> "Nhân Cơ").
_LEVELS = re.compile(
    r"^(xa|phuong|thi tran|dac khu|huyen|quan|thi xa|thanh pho|tinh)\s+", re.IGNORECASE
)
# What the head of each kind of body is called; a deputy signs "KT." for the head.
_HEADS = {
    UnitKind.DEPARTMENT: "Trưởng phòng",
    UnitKind.OFFICE: "Chánh Văn phòng",
    UnitKind.INSPECTORATE: "Chánh Thanh tra",
    UnitKind.ONE_STOP: "Trưởng bộ phận",
    UnitKind.OTHER: "Thủ trưởng đơn vị",
    UnitKind.COMMUNE: "Chủ tịch",
    UnitKind.TOWN: "Chủ tịch",
    UnitKind.DISTRICT: "Chủ tịch",
    UnitKind.PROVINCE: "Chủ tịch",
}
_COMMITTEE_KINDS = {UnitKind.COMMUNE, UnitKind.TOWN, UnitKind.DISTRICT, UnitKind.PROVINCE}


class Issuer(Struct, frozen=True):
    """The body a document comes from, as its heading and signature show it."""

    name: str  # as the text names it: "UBND huyện Đắk R'lấp", "Phòng Tư pháp"
    parent: str | None  # upper case, the line above the body; None for a People's Committee
    body: tuple[str, ...]  # upper case, one or two lines: ("ỦY BAN NHÂN DÂN", "HUYỆN ĐẮK R'LẤP")
    place: str  # "Đắk R'lấp"
    report_symbol: str  # "BC-UBND"
    letter_symbol: str  # "UBND-VP"
    signature: tuple[
        str, ...
    ]  # upper case: ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
    signer: str  # the name, or a placeholder for the author to fill in


def date_line(place: str, day: date) -> str:
    """Return "Đắk R'lấp, ngày 05 tháng 4 năm 2024" (leading zeros as Nghị định 30/2020 says)."""
    # A leading zero for days below 10 and for months 1 and 2 only.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def _upper(text: str) -> str:
    return text.upper()


def _is_committee(name: str) -> bool:
    return _COMMITTEE.match(fold(name)) is not None


def _committee_body(area: str) -> tuple[str, ...]:
    """Return the heading of a People's Committee of `area` ("huyện Đắk R'lấp")."""
    return (PEOPLES_COMMITTEE, _upper(area))


def _place_of(area: str) -> str:
    """Return the place name of an administrative unit: "Xã Nhân Cơ" -> "Nhân Cơ"."""
    match = _LEVELS.match(fold(area))
    return area[match.end() :] if match else area


def _signature(
    signer: Signer | None,
    *,
    committee: bool,
    head: str,
    name: str | None,
    title: str | None,
) -> tuple[tuple[str, ...], str]:
    """Return the signature lines and the signer's name.

    Options win over the metadata; a title given without its "TM."/"KT." lines
    gets them from the rule: a People's Committee signs "TM. ỦY BAN NHÂN DÂN",
    a deputy ("Phó ...") signs "KT." for the head.
    """
    if title is None and signer is not None:
        lines = [part.strip() for part in (signer.on_behalf or "").split(",") if part.strip()]
        return (*map(_upper, lines), _upper(signer.title)), name or signer.name
    title = title or head
    lines = [f"TM. {PEOPLES_COMMITTEE}"] if committee else []
    if fold(title).startswith("pho "):
        lines.append("KT. " + _upper(title[4:].strip()))
    lines.append(_upper(title))
    fallback = signer.name if signer is not None else NAME_PLACEHOLDER
    return tuple(lines), name or fallback


def issuer_of(
    plan: Plan,
    unit: Unit | None = None,
    *,
    signer: str | None = None,
    signer_title: str | None = None,
) -> Issuer:
    """Return who issues a document of `plan`: the plan's issuer, or `unit`.

    Raise UsageError if `unit` is a group: a group issues nothing.
    """
    info = plan.plan
    documents = info.documents
    if unit is None:
        committee = _is_committee(info.issuer)
        area = _COMMITTEE.sub("", info.issuer) if committee else info.issuer
        body = _committee_body(area) if committee else (_upper(info.issuer),)
        lines, name = _signature(
            documents.signer or info.decision.signer,
            committee=committee,
            head="Chủ tịch" if committee else "Thủ trưởng cơ quan",
            name=signer,
            title=signer_title,
        )
        return Issuer(
            name=info.issuer,
            parent=_upper(documents.parent) if documents.parent else None,
            body=body,
            place=info.decision.place or _place_of(area),
            report_symbol=documents.report_symbol,
            letter_symbol=documents.letter_symbol,
            signature=lines,
            signer=name,
        )
    if unit.kind is UnitKind.GROUP:
        message = _(
            "«{name}» là một nhóm đơn vị, không ban hành văn bản: "
            "chọn một đơn vị trong nhóm, hoặc bỏ --unit để lập văn bản của {issuer}."
        )
        raise UsageError(message.format(name=unit.name, issuer=info.issuer))
    committee = unit.kind in _COMMITTEE_KINDS
    lines, name = _signature(
        unit.signer,
        committee=committee,
        head=_HEADS[unit.kind],
        name=signer,
        title=signer_title,
    )
    symbol = unit.symbol or ("UBND" if committee else _initials(unit.name))
    return Issuer(
        name=f"UBND {unit.name[0].lower()}{unit.name[1:]}" if committee else unit.name,
        parent=None if committee else _upper(info.issuer),
        body=_committee_body(unit.name) if committee else (_upper(unit.name),),
        place=_place_of(unit.name) if committee else (info.decision.place or info.issuer),
        report_symbol=f"BC-{symbol}",
        letter_symbol=symbol,
        signature=lines,
        signer=name,
    )


def _initials(name: str) -> str:
    """Return a unit's abbreviation from its name: "Phòng Tư pháp" -> "PTP"."""
    words = [word for word in re.split(r"[\s\-&,]+", name) if word and fold(word) != "va"]
    return "".join(word[0].upper() for word in words)


FILED = "Lưu: VT"


def recipients(plan: Plan, unit: Unit | None, *, extra: list[str]) -> list[str]:
    """Return the "Nơi nhận" of a document: `extra` first, then whom a unit reports to.

    A unit's document goes up to the plan's issuer and to the office that
    follows the plan up; the issuer's own goes where its metadata says.
    """
    found = list(extra)
    if unit is not None:
        found.append(f"{plan.plan.issuer} (b/c)")
        found += [u.name for u in plan.units if u.kind is UnitKind.OFFICE and u.id != unit.id]
    if not found:
        found.append("........")
    return [*found, FILED]


def decision_words(plan: Plan) -> str:
    """Return how a text cites the plan's decision: "Quyết định số 12/QĐ-UBND ngày ..."."""
    decision = plan.plan.decision
    day = f"ngày {decision.date:%d/%m/%Y}"
    if decision.number:
        number = decision.number
        if decision.symbol and "/" not in number:
            number = f"{number}/{decision.symbol}"
        return f"Quyết định số {number} {day} của {plan.plan.issuer}"
    return f"Quyết định {day} của {plan.plan.issuer}"
