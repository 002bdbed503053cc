"""Read an annex's rows into sections of tasks, with what a person must look at."""

from __future__ import annotations

from msgspec import Struct

from tthc_plan.core.annex.fill import ImportedTask, filled_tasks
from tthc_plan.core.annex.rows import annex_items
from tthc_plan.core.annex.sections import Section, sections_of
from tthc_plan.core.names import as_id, split_bodies
from tthc_plan.core.timeframe import TimeframeError, parse_timeframe
from tthc_plan.core.units import Key, UnitRegistry, name_key


class Annex(Struct):
    """An annex read: its sections and tasks, and what a person must look at."""

    sections: list[Section]
    tasks: list[ImportedTask]  # in the sections' order, blank cells filled
    new_units: dict[str, list[str]]  # id -> the spellings of a body the registry lacks
    unread_timeframes: list[tuple[str, str]]  # task id, why its timeframe is not read
    skipped_rows: list[str]  # rows that hold no task, to review


def read_annex(
    raw: list[list[str]],
    *,
    year: int,
    registry: UnitRegistry,
    word: bool,
    issuer: str | None = None,
) -> Annex:
    """Read annex rows (header first) for a plan of `year`, against a units registry.

    `word` says the rows come from a Word table (see rows.annex_items); `issuer`
    is who issues the plan ("UBND tỉnh Đồng Tháp"): a body named with its area
    ("Ban Quản lý khu Kinh tế tỉnh Đồng Tháp") is the one named without it.
    """
    sections, skipped = sections_of(annex_items(raw, word=word))
    tasks = filled_tasks(sections, year, word=word)
    unread: list[tuple[str, str]] = []
    for task in tasks:
        try:
            parse_timeframe(task.cells.get("timeframe", ""), year=year)
        except TimeframeError as error:
            unread.append((task.id, str(error)))
    area = name_key(issuer or "")
    area = area[1:] if area[:1] == ("ubnd",) else area
    return Annex(sections, tasks, _new_units(tasks, registry, area), unread, skipped)


def _new_units(
    tasks: list[ImportedTask], registry: UnitRegistry, area: Key
) -> dict[str, list[str]]:
    """Return the bodies the registry does not name, by id, each with its spellings.

    Each cell is split into its bodies, each kept whole; a body the registry
    names only in part ("Văn phòng Đăng ký đất đai" beside "Văn phòng") is a
    new unit, not a known one plus leftovers. Two spellings of one body ("UBND
    các tỉnh/ thành phố", "UBND các tỉnh, thành phố") share an id: the first is
    its name, the others its aliases. A body and its People's Committee ("Thành
    phố Hồ Chí Minh", "UBND Thành phố Hồ Chí Minh") are one unit, as the
    registry reads them; so are a body named with the issuer's area and without it.
    Spellings of one id are one body; an id the registry already has is another's:
    "Phòng TC/KH" beside a registry's phong-tc-kh (Phòng Tài chính - Kế hoạch) is
    phong-tc-kh-2, never a second unit with the registry's id.
    """
    new_units: dict[str, list[str]] = {}
    ids: dict[Key, str] = {}  # a body's key, "UBND" left out -> its unit's id
    by_slug: dict[str, str] = {}  # a body's slug -> its new unit's id
    taken = set(registry.units)
    for task in tasks:
        for column in ("lead", "support"):
            for body in split_bodies(task.cells.get(column, "")):
                if not registry.split_cell(body)[1]:
                    continue
                key = name_key(body)
                body_key = key[1:] if key[:1] == ("ubnd",) else key
                if area and len(body_key) > len(area) and body_key[-len(area) :] == area:
                    body_key = body_key[: -len(area)]
                if body_key not in ids:
                    whole = as_id(body, "don-vi")
                    if whole not in by_slug:  # a long name: its id cut short, still unique
                        by_slug[whole] = _unused(body, taken)
                        taken.add(by_slug[whole])
                    ids[body_key] = by_slug[whole]
                unit_id = ids[body_key]
                spellings = new_units.setdefault(unit_id, [])
                if key not in {name_key(known) for known in spellings}:
                    spellings.append(body)
    return new_units


def _unused(name: str, taken: set[str]) -> str:
    """Return the id of a body's `name`, or with "-2", "-3"...: the first no unit has yet,
    always short enough to name a file (core.names.as_id)."""
    candidate, number = as_id(name, "don-vi"), 2
    while candidate in taken:
        candidate, number = as_id(name, "don-vi", suffix=f"-{number}"), number + 1
    return candidate
