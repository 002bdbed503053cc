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
from tthc_plan.core.names import head_of, levels_pattern
from tthc_plan.core.text import fold
from tthc_plan.errors import UsageError
from tthc_plan.i18n import _

PEOPLES_COMMITTEE = "ỦY BAN NHÂN DÂN"
# The decree's dotted space, where a particular nobody wrote down is left for the clerk.
BLANK = "........"
# A draft's number, written by the clerk when the document is issued: "Số: ....../BC-UBND".
NUMBER_BLANK = "......"
# A name that begins with one of these is a People's Committee's ("UBND huyện Đắk R'lấp").
_COMMITTEE = re.compile(r"^(ubnd|uy ban nhan dan)\s+", re.IGNORECASE)
# The administrative levels, in folded text: what follows the last one is the place.
_LEVEL_WORDS = re.compile(rf"\b({levels_pattern(folded=True)})\s+")
# What the head of each kind of body is called, where its name does not say (see
# names.head_of); a deputy signs "KT." for the head.
_HEADS = {
    UnitKind.AGENCY: "Giám đốc",
    UnitKind.CENTER: "Giám đốc",
    UnitKind.BOARD: "Trưởng ban",
    UnitKind.BRANCH: "Chi cục trưởng",
    UnitKind.DEPARTMENT: "Trưởng phòng",
    UnitKind.OFFICE: "Chánh Văn phòng",
    UnitKind.INSPECTORATE: "Chánh Thanh tra",
    UnitKind.ONE_STOP: "Trưởng bộ phận",
    UnitKind.COMMUNE: "Chủ tịch",
    UnitKind.TOWN: "Chủ tịch",
    UnitKind.DISTRICT: "Chủ tịch",
    UnitKind.PROVINCE: "Chủ tịch",
}
_HEAD_OF_ANY = "Thủ trưởng đơn vị"  # police, an enterprise, any other body
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
    signer: str  # the name; "" leaves the line for the author to fill in
    missing: tuple[str, ...] = ()  # the plan's fields a document needs and does not have


def date_line(place: str | None, day: date) -> str:
    """Return "Đắk R'lấp, ngày 05 tháng 4 năm 2024" (leading zeros as Nghị định 30/2020 says).

    With no place, the decree's blank line: "........, ngày ... tháng ... năm ...".
    """
    if not place:
        return f"{BLANK}, ngày ... tháng ... năm ..."
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
        if signer is None or fold(signer.title or "") != fold(title):
            given = None
    elif signer is not None:
        title = signer.title  # None: the plan names a signer but not the title
    else:
        title = head
    signed = name or (given.name if given is not None else None) or ""
    if given is not None and given.on_behalf:
        lines = [part.strip() for part in given.on_behalf.split(",") if part.strip()]
        return (*map(_upper, lines), _upper(given.title or BLANK)), signed
    lines = [f"TM. {PEOPLES_COMMITTEE}"] if committee else []
    folded = fold(title or "")
    if folded.startswith("pho ") and "phu trach" not in folded and title:
        lines.append("KT. " + _upper(title[4:].strip()))
    lines.append(_upper(title or BLANK))
    return tuple(lines), signed


SYMBOL_PLACEHOLDER = "......"


def missing_particulars(
    plan: Plan, unit: Unit | None = None, *, name: str | None = None, title: str | None = None
) -> tuple[str, ...]:
    """Return the fields of `plan` a document needs and that are empty, as a person finds
    them in the file; a signer's `name` or `title` given for this document is not missing."""
    info = plan.plan
    fields: dict[str, object] = {
        "plan.issuer": info.issuer,
        "plan.decision.number": info.decision.number,
        "plan.decision.date": info.decision.date,
    }
    if any(review.code == "NO_DECISION_NUMBER" for review in info.reviewed):
        del fields["plan.decision.number"]  # the signed decision has none: checked
    if unit is None:
        signer = info.documents.signer or info.decision.signer
        fields["plan.decision.signer.name"] = name or signer.name
        fields["plan.decision.signer.title"] = title or signer.title
    else:
        fields[f"units ({unit.id}): signer.name"] = name or (unit.signer and unit.signer.name)
    return tuple(field for field, value in fields.items() if not value)


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
        issuer = info.issuer or ""
        committee = _is_committee(issuer)
        area = _COMMITTEE.sub("", issuer) if committee else issuer
        if committee:
            body = _committee_body(area)
        else:
            shown = _without_area(issuer) if documents.parent else issuer
            body = (_upper(shown or BLANK),)
        lines, name = _signature(
            documents.signer or info.decision.signer,
            committee=committee,
            head="Chủ tịch" if committee else "Thủ trưởng cơ quan",
            name=signer,
            title=signer_title,
        )
        own = "UBND" if committee else SYMBOL_PLACEHOLDER
        return Issuer(
            name=issuer or BLANK,
            parent=_upper(documents.parent) if documents.parent else None,
            body=body,
            place=info.decision.place or (place_of(area) if area else ""),
            report_symbol=documents.report_symbol or f"BC-{own}",
            letter_symbol=documents.letter_symbol or (f"{own}-VP" if committee else own),
            signature=lines,
            signer=name,
            missing=missing_particulars(plan, name=signer, title=signer_title),
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
        head=head_of(unit.name) or _HEADS.get(unit.kind, _HEAD_OF_ANY),
        name=signer,
        title=signer_title,
    )
    symbol = unit.symbol or ("UBND" if committee else SYMBOL_PLACEHOLDER)
    missing = missing_particulars(plan, unit, name=signer, title=signer_title)
    parent = next((u.name for u in plan.units if u.id == unit.parent), info.issuer or BLANK)
    return Issuer(
        name=addressed(unit),
        parent=None if committee else _upper(parent),
        body=_committee_body(unit.name) if committee else (_upper(unit.name),),
        place=place_of(unit.name)
        if committee
        else (info.decision.place or place_of(info.issuer or "")),
        report_symbol=f"BC-{symbol}",
        letter_symbol=symbol,
        signature=lines,
        signer=name,
        missing=missing,
    )


def addressed(unit: Unit) -> str:
    """Return how a letter addresses a unit: a commune by its People's Committee."""
    if unit.kind in _COMMITTEE_KINDS:
        return f"UBND {unit.name[0].lower()}{unit.name[1:]}"
    return unit.name


FILED = "Lưu: VT"


def follow_up_office(plan: Plan) -> str:
    """Return who follows the plan up and receives the units' results: its Office, or issuer."""
    office = next((u.name for u in plan.units if u.kind is UnitKind.OFFICE), plan.plan.issuer)
    return office or BLANK


def recipients(plan: Plan, unit: Unit | None, *, extra: list[str]) -> list[str]:
    """Return the "Nơi nhận" of a document: `extra` first, then whom a unit reports to.

    A unit's document goes up to the plan's issuer and to the office that
    follows the plan up; the issuer's own goes where its metadata says.
    """
    found = list(extra)
    if unit is not None:
        found.append(f"{plan.plan.issuer or BLANK} (b/c)")
        found += [u.name for u in plan.units if u.kind is UnitKind.OFFICE and u.id != unit.id]
    if not found:
        found.append("........")
    return [*found, FILED]


def decision_words(plan: Plan) -> str:
    """Return how a text cites the document that issued the plan: "Quyết định số
    12/QĐ-UBND ngày 29/12/2023 của UBND huyện Đắk R'lấp".

    What the plan does not say is the decree's dotted space, for the clerk; a
    number the signed decision itself leaves blank (reviewed) is left out.
    """
    info = plan.plan
    decision = info.decision
    words = [decision.kind or "Quyết định"]
    number = decision.number
    if number is None and not any(r.code == "NO_DECISION_NUMBER" for r in info.reviewed):
        number = SYMBOL_PLACEHOLDER
    if number:
        if decision.symbol and "/" not in number:
            number = f"{number}/{decision.symbol}"
        words.append(f"số {number}")
    day = decision.date
    words.append(f"ngày {day:%d/%m/%Y}" if day is not None else "ngày ... tháng ... năm ...")
    words.append(f"của {info.issuer or BLANK}")
    return " ".join(words)


def plan_words(plan: Plan) -> str:
    """Return how a report or a letter names the plan it follows up: "Kế hoạch ... (ban hành
    kèm theo Quyết định số ...)", or, for a plan issued as itself, "Kế hoạch ... (Kế hoạch
    số 552/KH-UBND ngày ...)"."""
    kind = plan.plan.decision.kind
    if kind is None or fold(kind).startswith("quyet dinh"):
        return f"{plan.plan.name} (ban hành kèm theo {decision_words(plan)})"
    return f"{plan.plan.name} ({decision_words(plan)})"
