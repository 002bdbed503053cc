"""Render the units registry, the changes a write made, and the targets' verdicts."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from tthc_plan.core.record import Change, Recorded, Request
from tthc_plan.core.views import RegistryRow
from tthc_plan.i18n import N_, _
from tthc_plan.output.formats import ViewFormat, dumps
from tthc_plan.output.tables import Column, Table, csv_text, day_text, write_tables

if TYPE_CHECKING:
    from tthc_plan.core.targets import TargetStatus

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


def render_registry(
    rows: Sequence[RegistryRow], today: date, fmt: ViewFormat, *, with_support: bool = True
) -> str:
    """Render the units registry with each unit's counts (support items: if counted)."""
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
        return csv_text(records)
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
    if not with_support:  # the column would only say 0
        headers.pop(4)
        for row in table_rows:
            row.pop(4)
    title = _("Danh mục đơn vị, ngày {today}").format(today=day_text(today))
    plans = len({r.plan for r in rows}) > 1  # then each row says whose unit it is
    if plans:
        headers.insert(0, _("Kế hoạch"))
        for row, r in zip(table_rows, rows, strict=True):
            row.insert(0, r.plan)
    first = 1 if plans else 0  # the plan's column, if any, then the name
    columns = [
        *(Column(h, no_wrap=True) for h in headers[:first]),
        Column(headers[first], ratio=3),  # a name wraps, never cut
        Column(headers[first + 1], no_wrap=True, give_way=2),
        Column(headers[first + 2], ratio=2, give_way=1),
        *(Column(h, justify="right", no_wrap=True) for h in headers[first + 3 :]),
    ]
    return write_tables([Table(title, columns, table_rows)], fmt)


_RECORD_LABELS = {"done": N_("xong"), "start": N_("bắt đầu"), "reopen": N_("mở lại")}


def change_diff(change: Change) -> str:
    """Return a unified diff of a change to a progress file, as `git diff` would show it."""
    old = change.before.decode("utf-8-sig").splitlines(keepends=True)
    new = change.after.decode("utf-8-sig").splitlines(keepends=True)
    name = str(change.path)
    return "".join(difflib.unified_diff(old, new, f"a/{name}", f"b/{name}"))


def render_changes(request: Request, recorded: Recorded, *, dry_run: bool) -> str:
    """Say what a write recorded, or (dry run) show the diff it would make."""
    changes = recorded.changes
    what = _("{id} «{event}» ngày {date}").format(
        id=request.task.id + (f" ({request.period})" if request.period else ""),
        event=_(_RECORD_LABELS[request.event.value]),
        date=day_text(request.date),
    )
    if request.correction:
        what += " " + _("(đính chính lần ghi trước)")
    skipped = ""
    if recorded.skipped:
        names = ", ".join(f"«{unit.name}»" for unit in recorded.skipped)
        skipped = "\n" + _("Bỏ qua {count} đơn vị đã ghi xong từ trước: {names}.").format(
            count=len(recorded.skipped), names=names
        )
    if dry_run:
        diffs = "".join(change_diff(change) for change in changes)
        text = _("Chạy thử: sẽ ghi {what} cho {count} đơn vị; chưa ghi gì.").format(
            what=what, count=len(changes)
        )
        return diffs + text + skipped
    lines = [_("Đã ghi {what} cho {count} đơn vị:").format(what=what, count=len(changes))]
    lines += [f"  {change.path}" for change in changes]
    return "\n".join(lines) + skipped


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
    """Write a number as Vietnamese does: "1.600" (a dot between thousands), "52,5" (a comma)."""
    whole, _dot, fraction = f"{value:,.6f}".rstrip("0").rstrip(".").partition(".")
    number = whole.replace(",", ".") + (f",{fraction}" if fraction else "")
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
        return csv_text(records)
    headers = [_("Chỉ tiêu"), _("Yêu cầu"), _("Hạn"), _("Đo gần nhất"), _("Đánh giá")]
    rows = [
        [
            s.target.metric,
            f"{_COMPARISON_SIGNS[s.target.comparison]} {_amount(s.required, s.target.unit)}",
            day_text(s.by),
            ""
            if s.latest is None
            else f"{_amount(s.latest.value, s.target.unit)} ({s.latest.period})",
            _(VERDICT_LABELS[s.verdict]),
        ]
        for s in statuses
    ]
    title = _("Chỉ tiêu ngày {today}").format(today=day_text(today))
    columns = [Column(headers[0], ratio=3)]  # a target's name wraps, never cut
    columns.append(Column(headers[1]))  # "≥ 1.600 hồ sơ/người/năm" may wrap, not be cut
    columns += [Column(h, no_wrap=True) for h in headers[2:]]
    return write_tables([Table(title, columns, rows)], fmt)
