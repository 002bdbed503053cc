"""Shell completion of what people type most: task ids, unit names, periods.

Each function gets what was typed so far and returns the candidates; a unit
matches with or without its accents, in any case ("nhan" offers "Xã Nhân Cơ").
Completion never fails loudly: a plan that cannot be read offers nothing.
"""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from tthc_plan.store.plans import CheckedPlan


def _plans() -> list[CheckedPlan]:
    from tthc_plan.store.locate import chosen_plan_files  # noqa: PLC0415
    from tthc_plan.store.plans import load_valid  # noqa: PLC0415

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
    lower = typed != typed.upper()  # "ii." goes on as "ii.1", "II." as "II.1"
    found = [
        typed + (i[len(typed) :].lower() if lower else i[len(typed) :])
        for i in ids
        if i.casefold().startswith(typed.casefold())
    ]
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
            for name in (unit.name, *(a for a in unit.aliases if "(" not in a)):
                if name.startswith(typed):
                    candidate = name
                else:
                    folded = fold(name)
                    # After a unit's kind word ("nhan" in "Xã Nhân Cơ"); a group by its start.
                    second = folded.find(" ") + 1
                    inner = unit.kind is not UnitKind.GROUP and second > 0
                    starts = [0, second] if inner else [0]
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
    if os.environ.get("_TTHC_COMPLETE", "").endswith("bash"):
        # bash puts a candidate on the line as it is: a space would end the value.
        return [name.replace(" ", "\\ ") for name in found]
    return found


def periods(ctx: typer.Context, incomplete: str) -> list[str]:
    """Return the periods: of the task named before (`done XI.1 --period`), else of the year.

    Without a task: 2024, 2024-Q1 ... 2024-H2, 2024-01 ... 2024-12 for each plan's year.
    """
    from tthc_plan.core.assign import periods_of  # noqa: PLC0415

    wanted = incomplete.strip().upper()
    plans = _plans()
    # click leaves the arguments out of the context while completing: read the words.
    words = [w.casefold() for w in os.environ.get("COMP_WORDS", "").split()[2:]]
    named = str((ctx.params or {}).get("task_id") or "").casefold()
    for plan in plans:
        for task in plan.plan.tasks():
            if task.id.casefold() == named or (not named and task.id.casefold() in words):
                own = [p for p in periods_of(plan.plan, task, plan.times) if p]
                return [p for p in own if p.startswith(wanted)]
    labels: list[str] = []
    for year in sorted({plan.plan.plan.year for plan in plans}):
        labels += [str(year), *(f"{year}-Q{q}" for q in range(1, 5))]
        labels += [f"{year}-H1", f"{year}-H2", *(f"{year}-{m:02d}" for m in range(1, 13))]
    return [label for label in labels if label.startswith(wanted)]
