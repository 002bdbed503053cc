"""Render the daily views (items of tasks and units) as a table, JSON, CSV or Markdown.

Each view builds its tables (tables.Table) once; tables.write_tables writes
them drawn for the screen or as Markdown. The item columns are defined once
(_item_column), for lists of items and for lists grouped by task.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal

from tthc_plan.core.model import Plan, Task, to_json_data
from tthc_plan.core.schedule import LEAD_STATES, SUPPORT_STATES, Item, Role, State
from tthc_plan.core.views import UnitCounts, Upcoming, group_by_task
from tthc_plan.i18n import _
from tthc_plan.output.formats import Output, ViewFormat, dumps, json_pieces
from tthc_plan.output.item_json import item_csv, item_json, items_json
from tthc_plan.output.labels import (
    EVENT_LABELS,
    ROLE_LABELS,
    SHORT_STATE_LABELS,
    STATE_LABELS,
    STATE_STYLES,
)
from tthc_plan.output.tables import Column, Table, csv_text, day_text, write_tables
from tthc_plan.output.values import cell_text

if TYPE_CHECKING:
    from tthc_plan.core.timeframe import Timeframe


def _note(item: Item, *, with_late: bool = True) -> str:
    if item.done is not None:
        late = _("trễ {days} ngày").format(days=item.days_late) if item.days_late else ""
        if item.done.correction:  # recorded again to correct an earlier record
            return ", ".join(filter(None, (late, _("đã đính chính"))))
        return late
    if item.state is State.OVERDUE and with_late:
        return _("trễ {days} ngày").format(days=item.days_late)
    if item.days_left is not None and item.state is State.DUE_SOON:
        return _("còn {days} ngày").format(days=item.days_left)
    if item.state is State.IN_PROGRESS and item.slot.start:
        return _("từ {start}").format(start=day_text(item.slot.start))
    return ""


_Getter = Callable[[Item], str]
_ItemColumn = Literal["plan", "late", "id", "title", "unit", "period", "due"]


def _item_column(name: _ItemColumn) -> Column:
    """Return a column that lists of items and lists grouped by task both show."""
    match name:
        case "plan":
            return Column(_("Kế hoạch"), no_wrap=True)
        case "late":
            return Column(_("Trễ\n(ngày)"), no_wrap=True, justify="right")
        case "id":
            return Column(_("Mã"), no_wrap=True)
        case "title":
            # The title is cut to its first words (the id says which task); on a
            # narrow screen it gives way before the unit (`tthc show ID` has it whole).
            return Column(_("Nhiệm vụ"), ratio=2, no_wrap=True, give_way=2)
        case "unit":
            return Column(_("Đơn vị"), ratio=3)  # a name wraps, never cut
        case "period":
            return Column(_("Kỳ"), no_wrap=True)
        case "due":
            return Column(_("Hạn"), no_wrap=True)


def _lead_names(item: Item) -> str:
    return ", ".join(unit.name for unit in item.lead)


def _item_fields(
    items: Sequence[Item],
    *,
    with_task: bool = True,
    with_due: bool = True,
    with_lead: bool = False,
    late_column: bool = False,
    several: bool | None = None,
    several_plans: bool | None = None,
) -> list[tuple[Column, _Getter]]:
    """Return the columns of an item table and how to fill each; empty columns are left out.

    Items of more than one plan (another year, a commune's own) show their plan's id.
    """
    fields: list[tuple[Column, _Getter]] = []
    if several_plans if several_plans is not None else len({i.plan for i in items}) > 1:
        fields.append((_item_column("plan"), lambda i: i.plan))
    if late_column:
        fields.append((_item_column("late"), lambda i: str(i.days_late)))
    if with_task:
        fields.append((_item_column("id"), lambda i: i.task.id))
        fields.append((_item_column("title"), lambda i: i.task.title))
    several = _several_units(items) if several is None else several
    if several:
        fields.append((_item_column("unit"), lambda i: i.unit.name))
    column = Column(_("Vai trò"), no_wrap=True, give_way=5)
    fields.append((column, lambda i: _(ROLE_LABELS[i.role])))
    # The lead unit of supported tasks: only for one unit's list, where it fits in 80 columns
    # (JSON and CSV always carry it).
    if with_lead and not several and any(i.role is Role.SUPPORT for i in items):
        column = Column(_("Chủ trì"), ratio=2, give_way=4)
        fields.append((column, _lead_names))
    if any(i.slot.period for i in items):
        fields.append((_item_column("period"), lambda i: i.slot.period or ""))
    all_done = all(i.done is not None for i in items)
    if with_due and not all_done and any(i.slot.due for i in items):
        fields.append((_item_column("due"), lambda i: day_text(i.slot.due)))
    if any(i.done is not None for i in items):
        column = Column(_("Ngày xong"), no_wrap=True)
        fields.append((column, lambda i: day_text(i.done.date) if i.done else ""))

    def note(item: Item) -> str:
        return _note(item, with_late=not late_column)

    if any(note(item) for item in items):
        # "trễ 3 ngày" is kept on any screen; "còn 5 ngày" gives way to the title
        late = any(item.state is State.OVERDUE for item in items)
        fields.append((Column(_("Ghi chú"), no_wrap=True, give_way=0 if late else 3), note))
    if any(item.done is not None and item.done.ref for item in items):
        column = Column(_("Văn bản"), ratio=3, give_way=1)  # wraps: shown whole
        fields.append((column, lambda i: (i.done.ref or "") if i.done else ""))
    return fields


def _several_units(items: Sequence[Item]) -> bool:
    return len({(item.plan, item.unit.id) for item in items}) > 1


def sole_unit(items: Sequence[Item]) -> str | None:
    """Return the name of the one unit all `items` belong to, if they belong to one.

    A list without a unit column must say whose items they are: in its heading.
    """
    units = {(item.plan, item.unit.id): item.unit.name for item in items}
    return next(iter(units.values())) if len(units) == 1 else None


def render_items(
    items: Sequence[Item],
    today: date,
    fmt: ViewFormat,
    *,
    title: str,
    grouped: bool,
    overdue: bool = False,
    with_task: bool = True,
    by_task: bool = False,
) -> Output:
    """Render items; `grouped` gives each state its own titled table, worst first.

    `overdue` adds the days late and, for supporting units, the lead unit.
    `by_task`: one row per task and period, its units listed (tables and
    Markdown; JSON and CSV keep one record per item).
    """
    if fmt is ViewFormat.JSON:
        return json_pieces({"today": today.isoformat()}, "items", items_json(items))
    if fmt is ViewFormat.CSV:
        return csv_text([item_csv(i) for i in items])
    return _item_tables(
        items, fmt, title=title, grouped=grouped, overdue=overdue, with_task=with_task,
        by_task=by_task,
    )  # fmt: skip


def _empty(title: str) -> str:
    return f"{title}\n" + _("Không có mục nào.")


def _item_tables(
    items: Sequence[Item],
    fmt: ViewFormat,
    *,
    title: str,
    grouped: bool,
    overdue: bool = False,
    with_task: bool = True,
    by_task: bool = False,
) -> str:
    """Render items as tables (Markdown with `fmt` MD); see render_items."""
    if not items:
        return _empty(title)
    groups: list[tuple[str, list[Item]]] = [(title, list(items))]
    if grouped:
        by_state: dict[State, list[Item]] = {}
        for item in items:
            by_state.setdefault(item.state, []).append(item)
        groups = [
            (f"{_(STATE_LABELS[state])} ({len(found)})", found) for state, found in by_state.items()
        ]
    plans = len({i.plan for i in items})
    tables: list[Table] = []
    for group_title, found in groups:
        if by_task:
            columns, rows = _task_rows(found, overdue=overdue, plans=plans)
            tables.append(Table(group_title, columns, rows))
            continue
        # Each table has only the columns its items fill.
        fields = _item_fields(
            found,
            with_task=with_task,
            with_lead=overdue,
            late_column=overdue,
            several=_several_units(items),
            several_plans=plans > 1,
        )
        columns = [column for column, _get in fields]
        rows = [[get(item) for _column, get in fields] for item in found]
        styles = [STATE_STYLES.get(item.state) for item in found]
        tables.append(Table(group_title, columns, rows, styles))
    return write_tables(tables, fmt, top=title if grouped else None)


def _task_rows(
    items: Sequence[Item], *, overdue: bool, plans: int
) -> tuple[list[Column], list[list[str]]]:
    """Return the columns and rows of a list grouped by task: its units in one cell."""
    groups = group_by_task(items)
    columns: list[Column] = []
    if plans > 1:
        columns.append(_item_column("plan"))
    if overdue:
        columns.append(_item_column("late"))
    columns += [_item_column("id"), _item_column("title")]
    with_period = any(g.period for g in groups)
    if with_period:
        columns.append(_item_column("period"))
    columns.append(_item_column("due"))
    columns.append(Column(_("Số\nđơn vị"), no_wrap=True, justify="right"))
    columns.append(Column(_("Đơn vị"), ratio=4))  # the names wrap, never cut
    rows = []
    for group in groups:
        row = [group.plan] if plans > 1 else []
        if overdue:
            row.append(str(group.days_late))
        row += [group.task.id, group.task.title]
        if with_period:
            row.append(group.period or "")
        row += [day_text(group.due), str(len(group.items))]
        row.append(", ".join(i.unit.name for i in group.items))
        rows.append(row)
    return columns, rows


def render_unit_counts(
    rows: Sequence[UnitCounts], items: Sequence[Item], today: date, fmt: ViewFormat, *, title: str
) -> Output:
    """Render one row per unit with its counts per state."""
    if fmt is ViewFormat.JSON:
        summary = [
            {"plan": r.plan, "unit": r.unit.name, "unit_id": r.unit.id}
            | {str(state): count for state, count in r.counts.items()}
            for r in rows
        ]
        head = {"today": today.isoformat(), "units": summary}
        return json_pieces(head, "items", items_json(items))
    if fmt is ViewFormat.CSV:
        return csv_text(
            [
                {"plan": r.plan, "unit": r.unit.name, "unit_id": r.unit.id}
                | {str(s): c for s, c in r.counts.items()}
                for r in rows
            ]
        )
    # Support states get a column only when support items are counted.
    shown = [*LEAD_STATES, *(s for s in SUPPORT_STATES[:2] if any(r.counts[s] for r in rows))]
    by_plan: dict[str, list[UnitCounts]] = {}
    for row in rows:
        by_plan.setdefault(row.plan, []).append(row)
    if len(by_plan) < 2:
        return write_tables([_unit_counts_table(rows, shown, title=title)], fmt)
    tables = [
        _unit_counts_table(found, shown, title=f"{title} — {plan}")
        for plan, found in by_plan.items()
    ]
    return write_tables(tables, fmt)


_COUNT_GIVES_WAY = {State.NO_DEADLINE: 4, State.ONGOING: 3, State.AWAITING_LEAD: 2,
                    State.LEAD_DONE: 1}  # fmt: skip


def _unit_counts_table(rows: Sequence[UnitCounts], shown: Sequence[State], *, title: str) -> Table:
    table_rows = [[r.unit.name, *(str(r.counts[s]) for s in shown)] for r in rows]
    totals = [_("Tổng"), *(str(sum(r.counts[s] for r in rows)) for s in shown)]
    columns = [Column(_("Đơn vị"), ratio=1)]  # a unit's name wraps at words, never cut
    # On a narrow screen the counts that say least give way before a name is crushed
    # to a word a line: work with no deadline, then ongoing work, then support states.
    columns += [
        Column(
            _(SHORT_STATE_LABELS[s]), justify="right", no_wrap=True,
            give_way=_COUNT_GIVES_WAY.get(s, 0),
        )
        for s in shown
    ]  # fmt: skip
    styles = ["bold red" if r.counts[State.OVERDUE] else None for r in rows] + ["bold"]
    return Table(title, columns, [*table_rows, totals], styles, sections=[len(table_rows)])


def render_upcoming(
    found: Sequence[Upcoming], today: date, within: int, fmt: ViewFormat, *, title: str
) -> Output:
    """Render what falls due and what opens in the next days."""
    if fmt is ViewFormat.CSV:
        return csv_text(
            [item_csv(u.item) | {"event": str(u.event), "date": u.day.isoformat()} for u in found]
        )
    if fmt is ViewFormat.JSON:
        records = (
            record | {"event": str(u.event), "date": u.day.isoformat()}
            for u, record in zip(found, items_json(u.item for u in found), strict=True)
        )
        return json_pieces({"today": today.isoformat(), "within": within}, "items", records)
    if not found and fmt is not ViewFormat.MD:  # Markdown keeps the table's header row
        return _empty(title)
    fields = _item_fields([u.item for u in found], with_due=False)
    columns = [Column(_("Ngày"), no_wrap=True), Column(_("Việc"), no_wrap=True)]
    columns += [column for column, _get in fields]
    rows = [
        [day_text(u.day), _(EVENT_LABELS[str(u.event)])] + [get(u.item) for _c, get in fields]
        for u in found
    ]
    styles = [STATE_STYLES.get(u.item.state) for u in found]
    return write_tables([Table(title, columns, rows, styles)], fmt)


def render_task(
    plan: Plan,
    task: Task,
    timeframe: Timeframe,
    items: Sequence[Item],
    *,
    today: date,
    fmt: ViewFormat,
) -> str:
    """Render one task in full: its source text, how its `timeframe` is read, its items."""
    # The timeframes' words: only `tthc show` needs them.
    from tthc_plan.core.plan_time import task_calendar  # noqa: PLC0415
    from tthc_plan.output.timeframe import describe_timeframe, timeframe_json  # noqa: PLC0415

    calendar = task_calendar(plan.reporting, task)
    if fmt is ViewFormat.JSON:
        data = {
            "plan": plan.plan.id,
            "id": task.id,
            "title": task.title,
            "deliverable": task.deliverable,
            "lead": task.lead,
            "support": task.support,
            "timeframe": timeframe_json(timeframe, calendar),
            "inferred": to_json_data(task.inferred),
            "correction": to_json_data(task.correction),
            "reviewed": to_json_data(task.reviewed),
            "today": today.isoformat(),
            "items": [item_json(i) for i in items],
        }
        return dumps(data)
    if fmt is ViewFormat.CSV:
        return csv_text([item_csv(i) for i in items])
    section = next(s for s in plan.sections if task in s.tasks)
    fields = [
        (_("Kế hoạch"), f"{plan.plan.title} ({plan.plan.id})" if plan.plan.title else plan.plan.id),
        (_("Mục"), f"{section.id}. {section.title}"),
        (_("Nhiệm vụ"), task.title),
        (_("Kết quả công việc"), cell_text(task.deliverable, empty="—")),
        (_("Đơn vị chủ trì"), cell_text(task.lead, empty="—")),
        (_("Đơn vị phối hợp"), cell_text(task.support, empty="—")),
        (_("Thời gian thực hiện"), task.timeframe),
    ]
    if task.correction is not None:
        fixed = task.correction
        when = day_text(fixed.due)
        if fixed.start is not None:
            when = f"{day_text(fixed.start)} – {when}"
        fields.append(
            (
                _("Đính chính"),
                _("áp dụng {when} thay cho chữ bản gốc. Lý do: {note} Quyết định: {by}.").format(
                    when=when,
                    note=fixed.note if fixed.note.endswith((".", "!", "?")) else fixed.note + ".",
                    by=fixed.by,
                ),
            )
        )
    fields.append((_("Cách hiểu"), describe_timeframe(timeframe, calendar)))
    fields += [(_("Ghi chú về ngày"), str(remark)) for remark in timeframe.remarks]
    fields += [
        (_("Đã xem xét ({code})").format(code=review.code), review.reason)
        for review in task.reviewed
    ]
    fields += [
        (_("Suy ra ({field})").format(field=i.field.value), f"{i.note} [{i.source}]")
        for i in task.inferred
    ]
    items_title = _("Các phần việc ngày {today}").format(today=day_text(today))
    columns = [Column(_("Cột"), no_wrap=True), Column(_("Nội dung"), ratio=1)]
    head = write_tables([Table(task.id, columns, [list(f) for f in fields])], fmt)
    body = _item_tables(items, fmt, title=items_title, grouped=True, with_task=False)
    return head + ("\n\n" if fmt is ViewFormat.MD else "\n") + body
