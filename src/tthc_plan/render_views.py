"""Render the daily views as a table, JSON, CSV or Markdown."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from tthc_plan.dates import format_date
from tthc_plan.docref import parse_document_ref
from tthc_plan.formats import ViewFormat
from tthc_plan.i18n import N_, _
from tthc_plan.model import Plan, Task
from tthc_plan.plan_time import task_calendar, task_timeframe
from tthc_plan.render import describe_timeframe, dumps, timeframe_json
from tthc_plan.schedule import Item, Role, State
from tthc_plan.views import RegistryRow, UnitCounts, Upcoming

if TYPE_CHECKING:
    from tthc_plan.edit import Change, Request
    from tthc_plan.targets import TargetStatus


STATE_LABELS = {
    State.OVERDUE: N_("Quá hạn"),
    State.DUE_SOON: N_("Sắp đến hạn"),
    State.IN_PROGRESS: N_("Đang thực hiện"),
    State.NOT_STARTED: N_("Chưa bắt đầu"),
    State.ONGOING: N_("Thường xuyên"),
    State.NO_DEADLINE: N_("Không có hạn"),
    State.DONE: N_("Đã xong"),
}
# Two-line headers keep the per-unit summary readable at 80 columns.
_SHORT_STATE_LABELS = {
    State.OVERDUE: N_("Quá\nhạn"),
    State.DUE_SOON: N_("Sắp\nhạn"),
    State.IN_PROGRESS: N_("Đang\nlàm"),
    State.NOT_STARTED: N_("Chưa\nlàm"),
    State.ONGOING: N_("Thường\nxuyên"),
    State.NO_DEADLINE: N_("Không\nhạn"),
    State.DONE: N_("Xong"),
}
_STATE_STYLES = {
    State.OVERDUE: "bold red",
    State.DUE_SOON: "yellow",
    State.IN_PROGRESS: "cyan",
    State.DONE: "green",
}
ROLE_LABELS = {Role.LEAD: N_("chủ trì"), Role.SUPPORT: N_("phối hợp")}
_EVENT_LABELS = {"opens": N_("bắt đầu"), "due": N_("hạn chót")}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(day: date | None) -> str:
    return format_date(day) if day else ""


def docref_json(ref: str | None) -> dict[str, Any] | None:
    """Return a document reference as written and as read ("Số 05/KH-UBND ngày 08/01/2024")."""
    if ref is None:
        return None
    document = parse_document_ref(ref)
    return {
        "text": document.text,
        "type": document.doc_type,
        "number": document.number,
        "symbol": document.symbol,
        "date": _iso(document.issued),
        "issuer": document.issuer,
    }


def _done_json(item: Item) -> dict[str, Any] | None:
    done = item.done
    if done is None:
        return None
    return {
        "date": done.date.isoformat(),
        "ref": docref_json(done.ref),
        "note": done.note,
        "late": item.days_late > 0,
    }


def item_json(item: Item) -> dict[str, Any]:
    """Return the stable JSON form of an item (fields may be added, never removed)."""
    started = item.progress.started if item.progress else None
    return {
        "plan": item.plan,
        "task": item.task.id,
        "title": item.task.title,
        "unit": item.unit.name,
        "unit_id": item.unit.id,
        "role": str(item.role),
        "start": _iso(item.slot.start),
        "due": _iso(item.slot.due),
        "period": item.slot.period,
        "state": str(item.state),
        "days_late": item.days_late,
        "days_left": item.days_left,
        "lead": [unit.name for unit in item.lead],
        "done": _done_json(item),
        "started": _iso(started.date) if started else None,
    }


def _note(item: Item, *, with_late: bool = True) -> str:
    if item.done is not None:
        return _("trễ {days} ngày").format(days=item.days_late) if item.days_late else ""
    if item.state is State.OVERDUE and with_late:
        return _("trễ {days} ngày").format(days=item.days_late)
    if item.days_left is not None and item.state is State.DUE_SOON:
        return _("còn {days} ngày").format(days=item.days_left)
    if item.state is State.IN_PROGRESS and item.slot.start:
        return _("từ {start}").format(start=_day(item.slot.start))
    return ""


@dataclass(frozen=True, slots=True)
class _Column:
    header: str
    ratio: int | None = None
    no_wrap: bool = False
    justify: str = "left"

    def minimum(self) -> int | None:
        """Keep a fixed column's header readable; flexible columns take what is left."""
        return None if self.ratio else max(len(line) for line in self.header.splitlines())


def _table(
    columns: Sequence[_Column],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    styles: Sequence[str | None] = (),
    sections: Sequence[int] = (),
) -> str:
    """Draw a table as plain text, colours only on a terminal (rich honours NO_COLOR)."""
    from rich.console import Console  # noqa: PLC0415 - rich costs ~70 ms: only when drawing
    from rich.table import Table  # noqa: PLC0415

    # expand=True makes rich size the fixed columns to their content and give the
    # rest of the width to the ratio columns (task titles, unit names).
    table = Table(title=title, header_style="bold", title_justify="left", expand=True)
    for column in columns:
        table.add_column(
            column.header,
            # Short columns keep their header readable; the task title gives way first.
            ratio=column.ratio,
            min_width=column.minimum(),
            no_wrap=column.no_wrap,
            overflow="ellipsis" if column.no_wrap else "fold",
            justify=column.justify,  # type: ignore[arg-type]
        )
    for index, row in enumerate(rows):
        if index in sections:
            table.add_section()
        table.add_row(*row, style=styles[index] if index < len(styles) else None)
    console = Console(highlight=False)
    with console.capture() as capture:
        console.print(table)
    return capture.get().rstrip("\n")


def _markdown(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cell(h) for h in headers) + " |"]
    lines.append("|" + "|".join("---" for _ in headers) + "|")
    lines.extend("| " + " | ".join(cell(c) for c in row) + " |" for row in rows)
    return "\n".join(lines)


def _csv(records: Sequence[dict[str, Any]]) -> str:
    """Return CSV with a UTF-8 BOM, so that Excel shows Vietnamese letters."""
    out = io.StringIO()
    if records:
        writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(
                {k: "; ".join(v) if isinstance(v, list) else v for k, v in record.items()}
            )
    return "\ufeff" + out.getvalue().rstrip("\n")


_Getter = Callable[[Item], str]


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
) -> list[tuple[_Column, _Getter]]:
    """Return the columns of an item table and how to fill each; empty columns are left out."""
    fields: list[tuple[_Column, _Getter]] = []
    if late_column:
        column = _Column(_("Trễ\n(ngày)"), no_wrap=True, justify="right")
        fields.append((column, lambda i: str(i.days_late)))
    if with_task:
        fields.append((_Column(_("Mã"), no_wrap=True), lambda i: i.task.id))
        column = _Column(_("Nhiệm vụ"), ratio=2, no_wrap=True)
        fields.append((column, lambda i: i.task.title))
    several = _several_units(items) if several is None else several
    if several:
        column = _Column(_("Đơn vị"), ratio=3, no_wrap=True)
        fields.append((column, lambda i: i.unit.name))
    fields.append((_Column(_("Vai trò"), no_wrap=True), lambda i: _(ROLE_LABELS[i.role])))
    # The lead unit of supported tasks: only for one unit's list, where it fits in 80 columns
    # (JSON and CSV always carry it).
    if with_lead and not several and any(i.role is Role.SUPPORT for i in items):
        column = _Column(_("Chủ trì"), ratio=2, no_wrap=True)
        fields.append((column, _lead_names))
    if any(i.slot.period for i in items):
        fields.append((_Column(_("Kỳ"), no_wrap=True), lambda i: i.slot.period or ""))
    all_done = all(i.done is not None for i in items)
    if with_due and not all_done and any(i.slot.due for i in items):
        fields.append((_Column(_("Hạn"), no_wrap=True), lambda i: _day(i.slot.due)))
    if any(i.done is not None for i in items):
        column = _Column(_("Ngày xong"), no_wrap=True)
        fields.append((column, lambda i: _day(i.done.date) if i.done else ""))

    def note(item: Item) -> str:
        return _note(item, with_late=not late_column)

    if any(note(item) for item in items):
        fields.append((_Column(_("Ghi chú"), no_wrap=True), note))
    if any(item.done is not None and item.done.ref for item in items):
        column = _Column(_("Văn bản"), ratio=3)  # wraps: the reference must show whole
        fields.append((column, lambda i: (i.done.ref or "") if i.done else ""))
    return fields


def _several_units(items: Sequence[Item]) -> bool:
    return len({(item.plan, item.unit.id) for item in items}) > 1


def render_items(
    items: Sequence[Item],
    today: date,
    fmt: ViewFormat,
    *,
    title: str,
    grouped: bool,
    overdue: bool = False,
    with_task: bool = True,
) -> str:
    """Render items; `grouped` gives each state its own titled table, worst first.

    `overdue` adds the days late and, for supporting units, the lead unit.
    """
    if fmt is ViewFormat.JSON:
        return dumps({"today": today.isoformat(), "items": [item_json(i) for i in items]})
    if fmt is ViewFormat.CSV:
        return _csv([item_json(i) for i in items])
    groups: list[tuple[str | None, list[Item]]] = [(None, list(items))]
    if grouped:
        by_state: dict[State, list[Item]] = {}
        for item in items:
            by_state.setdefault(item.state, []).append(item)
        groups = [
            (f"{_(STATE_LABELS[state])} ({len(found)})", found) for state, found in by_state.items()
        ]
    if not items:
        return f"{title}\n" + _("Không có mục nào.")
    parts = [f"**{title}**" if fmt is ViewFormat.MD else title] if grouped else []
    for heading, found in groups:
        # Each table has only the columns its items fill.
        fields = _item_fields(
            found,
            with_task=with_task,
            with_lead=overdue,
            late_column=overdue,
            several=_several_units(items),
        )
        columns = [column for column, _get in fields]
        rows = [[get(item) for _column, get in fields] for item in found]
        if fmt is ViewFormat.MD:
            parts += [f"**{heading or title}**", _markdown([c.header for c in columns], rows)]
        else:
            styles = [_STATE_STYLES.get(item.state) for item in found]
            parts.append(_table(columns, rows, title=heading or title, styles=styles))
    return ("\n\n" if fmt is ViewFormat.MD else "\n").join(parts)


def render_unit_counts(
    rows: Sequence[UnitCounts], items: Sequence[Item], today: date, fmt: ViewFormat, *, title: str
) -> str:
    """Render one row per unit with its counts per state."""
    if fmt is ViewFormat.JSON:
        summary = [
            {"plan": r.plan, "unit": r.unit.name, "unit_id": r.unit.id}
            | {str(state): count for state, count in r.counts.items()}
            for r in rows
        ]
        items_json = [item_json(i) for i in items]
        return dumps({"today": today.isoformat(), "units": summary, "items": items_json})
    if fmt is ViewFormat.CSV:
        return _csv(
            [
                {"plan": r.plan, "unit": r.unit.name, "unit_id": r.unit.id}
                | {str(s): c for s, c in r.counts.items()}
                for r in rows
            ]
        )
    headers = [_("Đơn vị"), *(_(_SHORT_STATE_LABELS[s]) for s in State)]
    flat_headers = [h.replace("\n", " ") for h in headers]
    table_rows = [[r.unit.name, *(str(r.counts[s]) for s in State)] for r in rows]
    totals = [_("Tổng"), *(str(sum(r.counts[s] for r in rows)) for s in State)]
    if fmt is ViewFormat.MD:
        return f"**{title}**\n\n" + _markdown(flat_headers, [*table_rows, totals])
    columns = [_Column(headers[0], ratio=1, no_wrap=True)]
    columns += [_Column(h, justify="right", no_wrap=True) for h in headers[1:]]
    styles = ["bold red" if r.counts[State.OVERDUE] else None for r in rows] + ["bold"]
    return _table(
        columns, [*table_rows, totals], title=title, styles=styles, sections=[len(table_rows)]
    )


def render_upcoming(
    found: Sequence[Upcoming], today: date, within: int, fmt: ViewFormat, *, title: str
) -> str:
    """Render what falls due and what opens in the next days."""
    records = [
        item_json(u.item) | {"event": str(u.event), "date": u.day.isoformat()} for u in found
    ]
    if fmt is ViewFormat.JSON:
        return dumps({"today": today.isoformat(), "within": within, "items": records})
    if fmt is ViewFormat.CSV:
        return _csv(records)
    fields = _item_fields([u.item for u in found], with_due=False)
    columns = [_Column(_("Ngày"), no_wrap=True), _Column(_("Việc"), no_wrap=True)]
    columns += [column for column, _get in fields]
    rows = [
        [_day(u.day), _(_EVENT_LABELS[str(u.event)])] + [get(u.item) for _c, get in fields]
        for u in found
    ]
    if fmt is ViewFormat.MD:
        return f"**{title}**\n\n" + _markdown([c.header for c in columns], rows)
    if not found:
        return f"{title}\n" + _("Không có mục nào.")
    styles = [_STATE_STYLES.get(u.item.state) for u in found]
    return _table(columns, rows, title=title, styles=styles)


def _cell_text(value: str | list[str] | None) -> str:
    if value is None:
        return "—"
    return value if isinstance(value, str) else "\n".join(f"- {v}" for v in value)


def render_task(
    plan: Plan,
    task: Task,
    items: Sequence[Item],
    *,
    today: date,
    fmt: ViewFormat,
) -> str:
    """Render one task in full: its source text, how its timeframe is read, its items."""
    timeframe = task_timeframe(task, plan.plan.year)
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
            "inferred": [i.model_dump(mode="json") for i in task.inferred],
            "today": today.isoformat(),
            "items": [item_json(i) for i in items],
        }
        return dumps(data)
    if fmt is ViewFormat.CSV:
        return _csv([item_json(i) for i in items])
    section = next(s for s in plan.sections if task in s.tasks)
    fields = [
        (_("Kế hoạch"), plan.plan.title),
        (_("Mục"), f"{section.id}. {section.title}"),
        (_("Nhiệm vụ"), task.title),
        (_("Kết quả công việc"), _cell_text(task.deliverable)),
        (_("Đơn vị chủ trì"), _cell_text(task.lead)),
        (_("Đơn vị phối hợp"), _cell_text(task.support)),
        (_("Thời gian thực hiện"), task.timeframe),
        (_("Cách hiểu"), describe_timeframe(timeframe, calendar)),
    ]
    fields += [
        (_("Suy ra ({field})").format(field=i.field.value), f"{i.note} [{i.source}]")
        for i in task.inferred
    ]
    items_title = _("Các phần việc ngày {today}").format(today=_day(today))
    if fmt is ViewFormat.MD:
        head = _markdown([_("Cột"), _("Nội dung")], [list(f) for f in fields])
        body = render_items(items, today, fmt, title=items_title, grouped=True, with_task=False)
        return f"**{task.id}**\n\n{head}\n\n{body}"
    head = _table(
        [_Column(_("Cột"), no_wrap=True), _Column(_("Nội dung"), ratio=1)],
        fields,
        title=task.id,
    )
    body = render_items(items, today, fmt, title=items_title, grouped=True, with_task=False)
    return head + "\n" + body


_KIND_LABELS = {
    "office": N_("văn phòng"),
    "department": N_("phòng"),
    "inspectorate": N_("thanh tra"),
    "one_stop": N_("bộ phận một cửa"),
    "commune": N_("xã"),
    "town": N_("thị trấn"),
    "district": N_("huyện"),
    "province": N_("tỉnh"),
    "other": N_("khác"),
    "group": N_("nhóm"),
}


def render_registry(rows: Sequence[RegistryRow], today: date, fmt: ViewFormat) -> str:
    """Render the units registry with each unit's counts."""
    records = [
        {
            "plan": r.plan,
            "unit_id": r.unit_id,
            "unit": r.name,
            "kind": r.kind,
            "part_of": list(r.part_of),
            "lead": r.lead,
            "support": r.support,
            "overdue": r.overdue,
        }
        for r in rows
    ]
    if fmt is ViewFormat.JSON:
        return dumps({"today": today.isoformat(), "units": records})
    if fmt is ViewFormat.CSV:
        return _csv(records)
    # The ids are in JSON and CSV; the table keeps to what fits in 80 columns.
    headers = [_("Tên"), _("Loại"), _("Thuộc"), _("Chủ trì"), _("Phối hợp"), _("Quá hạn")]
    table_rows = [
        [
            r.name,
            _(_KIND_LABELS[r.kind]),
            ", ".join(r.part_of),
            str(r.lead),
            str(r.support),
            str(r.overdue),
        ]
        for r in rows
    ]
    title = _("Danh mục đơn vị, ngày {today}").format(today=_day(today))
    if fmt is ViewFormat.MD:
        return f"**{title}**\n\n" + _markdown(headers, table_rows)
    columns = [
        _Column(headers[0], ratio=3, no_wrap=True),
        _Column(headers[1], no_wrap=True),
        _Column(headers[2], ratio=2, no_wrap=True),
        *(_Column(h, justify="right", no_wrap=True) for h in headers[3:]),
    ]
    return _table(columns, table_rows, title=title)


_RECORD_LABELS = {"done": N_("xong"), "start": N_("bắt đầu"), "reopen": N_("mở lại")}


def render_changes(request: Request, changes: Sequence[Change], *, dry_run: bool) -> str:
    """Say what a write recorded, or (dry run) show the diff it would make."""
    what = _("{id} «{event}» ngày {date}").format(
        id=request.task.id + (f" ({request.period})" if request.period else ""),
        event=_(_RECORD_LABELS[request.event.value]),
        date=_day(request.date),
    )
    if dry_run:
        diffs = "".join(change.diff() for change in changes)
        return diffs + _("Chạy thử: sẽ ghi {what} cho {count} đơn vị; chưa ghi gì.").format(
            what=what, count=len(changes)
        )
    lines = [_("Đã ghi {what} cho {count} đơn vị:").format(what=what, count=len(changes))]
    lines += [f"  {change.path}" for change in changes]
    return "\n".join(lines)


VERDICT_LABELS = {
    "met": N_("✓ Đạt"),
    "on_track": N_("▶ Đúng tiến độ"),
    "behind": N_("✗ Chậm"),
    "no_data": N_("– Chưa có số liệu"),
}
_COMPARISON_SIGNS = {
    "at_least": "≥",
    "at_most": "≤",
    "exactly": "=",
    "increase_by": "≥",
    "increase_at_least": "≥",
}
_TARGET_UNITS = {
    "percent": "%",
    "percent_per_year": "%",
    "dossiers_per_staff_per_year": N_(" hồ sơ/người/năm"),
}


def _amount(value: float, unit: str) -> str:
    number = f"{value:,.0f}".replace(",", ".") if value == int(value) else f"{value:g}"
    return f"{number}{_(_TARGET_UNITS[unit])}"


def render_targets(statuses: Sequence[TargetStatus], today: date, fmt: ViewFormat) -> str:
    """Render each target: what is required by when, the latest value, the verdict."""
    records = [
        {
            "target": s.target.id,
            "task": s.target.task,
            "metric": s.target.metric,
            "comparison": str(s.target.comparison),
            "required": s.required,
            "unit": str(s.target.unit),
            "by": s.by.isoformat(),
            "latest": None if s.latest is None else s.latest.value,
            "latest_period": None if s.latest is None else s.latest.period,
            "verdict": str(s.verdict),
        }
        for s in statuses
    ]
    if fmt is ViewFormat.JSON:
        return dumps({"today": today.isoformat(), "targets": records})
    if fmt is ViewFormat.CSV:
        return _csv(records)
    headers = [_("Chỉ tiêu"), _("Yêu cầu"), _("Hạn"), _("Đo gần nhất"), _("Đánh giá")]
    rows = [
        [
            s.target.metric,
            f"{_COMPARISON_SIGNS[s.target.comparison]} {_amount(s.required, s.target.unit)}",
            _day(s.by),
            ""
            if s.latest is None
            else f"{_amount(s.latest.value, s.target.unit)} ({s.latest.period})",
            _(VERDICT_LABELS[s.verdict]),
        ]
        for s in statuses
    ]
    title = _("Chỉ tiêu ngày {today}").format(today=_day(today))
    if fmt is ViewFormat.MD:
        return f"**{title}**\n\n" + _markdown(headers, rows)
    columns = [_Column(headers[0], ratio=1, no_wrap=True)]
    columns += [_Column(h, no_wrap=True) for h in headers[1:]]
    return _table(columns, rows, title=title)
