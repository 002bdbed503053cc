"""Shell completion of what people type most: task ids, unit names, periods.

Each function gets what was typed so far and returns the candidates; a unit
matches with or without its accents, in any case ("nhan" offers "Xã Nhân Cơ").
Completion never fails loudly: a plan that cannot be read offers nothing.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tthc_plan.store.plans import CheckedPlan


def _plans() -> list[CheckedPlan]:
    from tthc_plan.store.plans import chosen_plan_files, load_valid  # noqa: PLC0415

    found = []
    with contextlib.suppress(Exception):  # completion must never print a traceback
        for path in chosen_plan_files(None, os.environ.get("TTHC_PLAN")):
            with contextlib.suppress(Exception):
                found.append(load_valid(path))
    return found


def task_ids(incomplete: str) -> list[str]:
    """Return the task ids that begin with what was typed, in any case ("ii." offers "ii.1").

    A shell keeps only candidates that begin with what was typed: the rest of
    the id follows the typed letters; tthc reads ids in any case.
    """
    typed = incomplete.strip()
    ids = [task.id for plan in _plans() for task in plan.plan.tasks()]
    found = [typed + i[len(typed) :] for i in ids if i.casefold().startswith(typed.casefold())]
    return list(dict.fromkeys(found))


def unit_names(incomplete: str) -> list[str]:
    """Return the unit names that complete what was typed, accents and case optional.

    "Xã Nh" offers "Xã Nhân Cơ"; "nhan" (as people type without accents)
    offers "nhan co" and "nhan dao", which tthc reads as Xã Nhân Cơ and Xã Nhân
    Đạo: a shell keeps only the candidates that begin with what was typed, so
    a candidate continues the typed words in the same form. Only names that
    resolve to the unit are offered.
    """
    from tthc_plan.core.model import UnitKind  # noqa: PLC0415
    from tthc_plan.core.text import fold  # noqa: PLC0415
    from tthc_plan.core.units import UnitLookupError  # noqa: PLC0415

    typed = incomplete.strip()
    wanted = fold(typed)
    found: list[str] = []
    for plan in _plans():
        for unit in plan.plan.units:
            for name in (unit.name, *unit.aliases):
                if name.startswith(typed):
                    candidate = name
                else:
                    folded = fold(name)
                    # Inside a name ("nhan" in "Xã Nhân Cơ"), for a unit; a group by its start.
                    inner = unit.kind is not UnitKind.GROUP
                    starts = [0, *(i + 1 for i, c in enumerate(folded) if c == " " and inner)]
                    tails = [folded[i:] for i in starts if folded[i:].startswith(wanted)]
                    if not tails:
                        continue
                    candidate = typed + tails[0][len(wanted) :]
                try:
                    resolved = plan.registry.resolve(candidate)
                except UnitLookupError:
                    continue
                if resolved.id == unit.id and candidate not in found:
                    found.append(candidate)
                    break
    return found


def periods(incomplete: str) -> list[str]:
    """Return the periods of the plans' years: 2024, 2024-Q1 ... 2024-H2, 2024-01 ... 2024-12."""
    wanted = incomplete.strip().upper()
    labels: list[str] = []
    for year in sorted({plan.plan.plan.year for plan in _plans()}):
        labels += [str(year), *(f"{year}-Q{q}" for q in range(1, 5))]
        labels += [f"{year}-H1", f"{year}-H2", *(f"{year}-{m:02d}" for m in range(1, 13))]
    return [label for label in labels if label.startswith(wanted)]
