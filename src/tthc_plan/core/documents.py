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
from tthc_plan.core.names import levels_pattern
from tthc_plan.core.text import fold
from tthc_plan.errors import UsageError
from tthc_plan.i18n import _

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
NAME_PLACEHOLDER = "[Họ và tên người ký]"
# A name that begins with one of these is a People's Committee's ("UBND huyện Đắk R'lấp").
_COMMITTEE = re.compile(r"^(ubnd|uy ban nhan dan)\s+", re.IGNORECASE)
# The administrative levels, in folded text: what follows the last one is the place.
_LEVEL_WORDS = re.compile(rf"\b({levels_pattern(folded=True)})\s+")
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


def _last_level(name: str) -> re.Match[str] | None:
    """Return the last administrative level ("tỉnh", "huyện", "xã"...) in `name` that a
    proper name follows ("tỉnh Lâm Đồng"; not the "xã" of "Văn hóa - Xã hội").
    """
    found = [
        match
        for match in _LEVEL_WORDS.finditer(fold(name))
        if match.end() < len(name) and (name[match.end()].isupper() or name[match.end()].isdigit())
    ]
    return found[-1] if found else None


def place_of(name: str) -> str:
    """Return the place a body sits in: "Xã Nhân Cơ" -> "Nhân Cơ", "Sở Tư pháp tỉnh Lâm Đồng"
    -> "Lâm Đồng"; a name without a level is its own place.
    """
    found = _last_level(name)
    rest = name[found.end() :] if found else name
    return name if rest.isdigit() else rest  # "Quận 1" is named with its level


def _without_area(name: str) -> str:
    """Return a body's name without its area, shown by the parent above it: "Sở Tư pháp"."""
    found = _last_level(name)
    if found is None or found.start() == 0 or found.end() >= len(name):
        return name
    return name[: found.start()].rstrip(" ,-")


def _signature(
    signer: Signer | None,
    *,
    committee: bool,
    head: str,
    name: str | None,
    title: str | None,
) -> tuple[tuple[str, ...], str]:
    """Return the signature lines and the signer's name.

    A signer's `on_behalf` lines ("TM. Ủy ban nhân dân, KT. Chủ tịch") are
    taken as written; otherwise they follow the rule: a People's Committee
    signs "TM. ỦY BAN NHÂN DÂN", a deputy ("Phó ...") signs "KT." for the
    head, and one "phụ trách" signs in his own name. Options win over the
    metadata; a title given by option keeps the metadata's name only if it
    is that signer's title.
    """
    given = signer
    if title is not None:
        if signer is None or fold(signer.title) != fold(title):
            given = None
    else:
        title = signer.title if signer is not None else head
    if given is not None and given.on_behalf:
        lines = [part.strip() for part in given.on_behalf.split(",") if part.strip()]
        return (*map(_upper, lines), _upper(given.title)), name or given.name
    lines = [f"TM. {PEOPLES_COMMITTEE}"] if committee else []
    folded = fold(title)
    if folded.startswith("pho ") and "phu trach" not in folded:
        lines.append("KT. " + _upper(title[4:].strip()))
    lines.append(_upper(title))
    return tuple(lines), name or (given.name if given is not None else NAME_PLACEHOLDER)


SYMBOL_PLACEHOLDER = "......"


def issuer_of(
    plan: Plan,
    unit: Unit | None = None,
    *,
    signer: str | None = None,
    signer_title: str | None = None,
) -> Issuer:
    """Return who issues a document of `plan`: the plan's issuer, or `unit`.

    Raise UsageError if `unit` is a group: a group issues nothing. A symbol
    nobody wrote down is left as dots for the clerk, never guessed.
    """
    info = plan.plan
    documents = info.documents
    if unit is None:
        committee = _is_committee(info.issuer)
        area = _COMMITTEE.sub("", info.issuer) if committee else info.issuer
        if committee:
            body = _committee_body(area)
        else:
            shown = _without_area(info.issuer) if documents.parent else info.issuer
            body = (_upper(shown),)
        lines, name = _signature(
            documents.signer or info.decision.signer,
            committee=committee,
            head="Chủ tịch" if committee else "Thủ trưởng cơ quan",
            name=signer,
            title=signer_title,
        )
        own = "UBND" if committee else SYMBOL_PLACEHOLDER
        return Issuer(
            name=info.issuer,
            parent=_upper(documents.parent) if documents.parent else None,
            body=body,
            place=info.decision.place or place_of(area),
            report_symbol=documents.report_symbol or f"BC-{own}",
            letter_symbol=documents.letter_symbol or (f"{own}-VP" if committee else own),
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
    symbol = unit.symbol or ("UBND" if committee else SYMBOL_PLACEHOLDER)
    parent = next((u.name for u in plan.units if u.id == unit.parent), info.issuer)
    return Issuer(
        name=addressed(unit),
        parent=None if committee else _upper(parent),
        body=_committee_body(unit.name) if committee else (_upper(unit.name),),
        place=place_of(unit.name) if committee else (info.decision.place or place_of(info.issuer)),
        report_symbol=f"BC-{symbol}",
        letter_symbol=symbol,
        signature=lines,
        signer=name,
    )


def addressed(unit: Unit) -> str:
    """Return how a letter addresses a unit: a commune by its People's Committee."""
    if unit.kind in _COMMITTEE_KINDS:
        return f"UBND {unit.name[0].lower()}{unit.name[1:]}"
    return unit.name


FILED = "Lưu: VT"


def follow_up_office(plan: Plan) -> str:
    """Return who follows the plan up and receives the units' results: its Office, or issuer."""
    return next((u.name for u in plan.units if u.kind is UnitKind.OFFICE), plan.plan.issuer)


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
