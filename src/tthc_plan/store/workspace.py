"""Several plans loaded together, and the names a user types resolved across them."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from tthc_plan.core import DEFAULT_WITHIN
from tthc_plan.core.model import Plan, Task
from tthc_plan.core.progress import ProgressLog
from tthc_plan.core.schedule import Item, Role, State, build_items
from tthc_plan.core.units import UnitLookupError, UnitRegistry
from tthc_plan.errors import UsageError
from tthc_plan.i18n import _
from tthc_plan.store import snapshot
from tthc_plan.store.plans import CheckedPlan, load_valid, load_valid_progress

if TYPE_CHECKING:
    from tthc_plan.core.plan_time import PlanTimes


def _closed(checked: CheckedPlan, today: date) -> bool:
    return checked.closed is not None and checked.closed.date <= today


class LoadedView(Struct, frozen=True):
    """A valid plan (with its units registry and timeframes) and its progress."""

    path: Path
    checked: CheckedPlan
    progress: ProgressLog

    @property
    def plan(self) -> Plan:
        """Return the plan."""
        return self.checked.plan

    @property
    def registry(self) -> UnitRegistry:
        """Return the plan's units registry."""
        return self.checked.registry

    @property
    def times(self) -> PlanTimes:
        """Return the plan's timeframes."""
        return self.checked.times


class UnitFilter(Struct, frozen=True):
    """The units a user asked for, in each plan (a group stands for its members)."""

    name: str  # the official name of the unit asked for
    ids: dict[str, frozenset[str]]  # plan id -> unit ids
    names: dict[str, str] = {}  # plan id -> the unit's official name in that plan


class Workspace:
    """The plans a command works on, with their progress, as of one day."""

    def __init__(
        self,
        paths: Sequence[Path],
        today_in: Callable[[str], date],
        *,
        only: str | None = None,
        closed: bool = True,
    ) -> None:
        """Load the plans; `today_in(time zone)` gives "today" in the first plan's zone.

        `only`: keep the plan with that id (--plan-id); an id no plan has is a usage error.
        `closed`: keep the plans closed by today too; when False they step aside, and
        `left_out` names them (the plan asked for by `only` is always kept).
        Several plans come from their snapshot when they are what it was made of
        (store/snapshot.py); loaded one by one, every one kept, they make it anew.
        """
        snapped = snapshot.load(paths)
        if snapped is None:
            plans = [(path, load_valid(path)) for path in paths]
        else:
            plans = [(path, checked) for path, (checked, _log) in zip(paths, snapped, strict=True)]
        logs = {id(checked): log for checked, log in snapped or ()}  # and their progress
        seen: dict[str, Path] = {}
        for path, checked in plans:
            plan_id = checked.info.id
            if plan_id in seen:  # two files, one id: every count would double
                message = _(
                    "Hai tệp kế hoạch cùng mã «{id}»: «{first}» và «{second}»; đổi plan.id "
                    "của một tệp (tthc validate chỉ chỗ)."
                )
                raise UsageError(message.format(id=plan_id, first=seen[plan_id], second=path))
            seen[plan_id] = path
        if only is not None:
            kept = [(path, checked) for path, checked in plans if checked.info.id == only]
            if not kept:
                known = ", ".join(checked.info.id for _path, checked in plans)
                message = _("Không có kế hoạch nào mã «{id}»; các mã: {known}.")
                raise UsageError(message.format(id=only, known=known))
            plans = kept
        self.today = today_in(plans[0][1].info.timezone)
        self.left_out: list[Plan] = []
        if only is None and not closed:
            open_plans = [(p, c) for p, c in plans if not _closed(c, self.today)]
            self.left_out = [c.plan for _p, c in plans if _closed(c, self.today)]
            if not open_plans:
                names = ", ".join(plan.plan.id for plan in self.left_out)
                message = _("Mọi kế hoạch đều đã đóng ({names}): thêm --all-plans hoặc "
                            "--plan-id để xem.")  # fmt: skip
                raise UsageError(message.format(names=names))
            plans = open_plans
        self.views: list[LoadedView] = []
        for path, checked in plans:
            # Views are "as of" a day: later records are left out, not refused.
            found = logs.get(id(checked))
            log = load_valid_progress(path, checked, today=None) if found is None else found
            self.views.append(LoadedView(path, checked, log))
        if snapped is None and len(self.views) == len(paths):
            snapshot.save([(view.path, view.checked, view.progress) for view in self.views])

    def items(
        self,
        *,
        today: date | None = None,
        within: int = DEFAULT_WITHIN,
        unit: UnitFilter | None = None,
        states: Collection[State] | None = None,
        roles: Collection[Role] | None = None,
    ) -> list[Item]:
        """Return the items of every plan on `today` (default: the workspace's day).

        `unit`, `states` and `roles` keep only the items of those units, in those
        states and roles (None: all).
        """
        today = self.today if today is None else today
        found: list[Item] = []
        for view in self.views:
            ids = None if unit is None else unit.ids.get(view.checked.info.id, frozenset())
            if ids is not None and not ids:
                continue
            checked = view.checked
            found.extend(
                build_items(
                    checked.info.id,
                    checked.units,
                    checked.tasks,
                    checked.assigned,
                    today=today,
                    within=within,
                    progress=view.progress.index(as_of=today),
                    states=states,
                    units=ids,
                    roles=roles,
                )
            )
        return found

    def task_items(
        self, view: LoadedView, task: Task, *, within: int, roles: Collection[Role] | None = None
    ) -> list[Item]:
        """Return the items of one task of `view`'s plan on the workspace's day."""
        checked = view.checked
        return build_items(
            checked.info.id,
            checked.units,
            checked.tasks,
            checked.assigned,
            today=self.today,
            within=within,
            task_ids={task.id},
            progress=view.progress.index(as_of=self.today),
            roles=roles,
        )

    def single_view(self) -> LoadedView:
        """Return the one plan an export is about; several plans need --plan to choose."""
        if len(self.views) > 1:
            names = ", ".join(str(view.path) for view in self.views)
            message = _("Có nhiều kế hoạch ({names}); chọn một bằng --plan-id hoặc --plan.")
            raise UsageError(message.format(names=names))
        return self.views[0]

    def plan_items(
        self, unit: str | None = None, roles: Collection[Role] | None = None
    ) -> tuple[LoadedView, list[Item]]:
        """Return the one plan an export is about and its items (of `unit`, if named)."""
        view = self.single_view()
        chosen = self.unit_filter(unit) if unit else None
        items = self.items(unit=chosen, roles=roles)
        return view, [item for item in items if item.plan == view.checked.info.id]

    def unit_filter(self, name: str) -> UnitFilter:
        """Resolve a unit name typed by a user in every plan; fail if no plan knows it."""
        ids: dict[str, frozenset[str]] = {}
        official: list[str] = []
        errors: list[UnitLookupError] = []
        for view in self.views:
            try:
                unit = view.registry.resolve(name)
            except UnitLookupError as error:
                errors.append(error)
                continue
            ids[view.checked.info.id] = frozenset(u.id for u in view.registry.covered(unit))
            official.append(unit.name)
        if not ids:
            raise errors[0]
        return UnitFilter(official[0], ids, dict(zip(ids, official, strict=True)))

    def qualified(self, view: LoadedView, task: Task) -> str:
        """Return the task's id as a command must name it: "plan-id:II.1" when another
        plan has a task with the same id, else "II.1"."""
        shared = sum(
            1
            for other in self.views
            for t in other.plan.tasks()
            if t.id.casefold() == task.id.casefold()
        )
        return f"{view.plan.plan.id}:{task.id}" if shared > 1 else task.id

    def task(self, task_id: str) -> tuple[LoadedView, Task]:
        """Return the task with `task_id` ("II.1", or "plan-id:II.1" when plans share ids)."""
        plan_id, _sep, wanted = task_id.rpartition(":")
        found: list[tuple[LoadedView, Task]] = [
            (view, task)
            for view in self.views
            if not plan_id or view.plan.plan.id == plan_id
            for task in view.plan.tasks()
            if task.id.casefold() == wanted.strip().casefold()
        ]
        if len(found) == 1:
            return found[0]
        if found:
            choices = ", ".join(f"{v.plan.plan.id}:{t.id}" for v, t in found)
            message = _("Mã «{id}» có trong nhiều kế hoạch; ghi rõ một trong: {choices}.")
            raise UsageError(message.format(id=task_id, choices=choices))
        known = [t.id for view in self.views for t in view.plan.tasks()]
        import difflib  # noqa: PLC0415 - only for an id no task has

        close = difflib.get_close_matches(wanted.strip().upper(), known, n=3, cutoff=0.5)
        message = _("Không có nhiệm vụ nào mã «{id}».").format(id=task_id)
        if close:
            message += " " + _("Gần giống: {names}.").format(names=", ".join(close))
        raise UsageError(message)
