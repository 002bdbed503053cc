"""Check progress records against their plan: task, unit, period, dates, references."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from msgspec import Struct

from tthc_plan.core.dates import InvalidDateError, format_date
from tthc_plan.core.docref import parse_document_ref
from tthc_plan.core.model import Measurement, Plan, ProgressEvent, Task, UnitKind
from tthc_plan.core.plan_time import task_timeframe
from tthc_plan.core.problem import Problem, Severity
from tthc_plan.core.progress import Entry, ItemKey, ProgressFile, ProgressLog
from tthc_plan.core.schedule import responsible, task_slots
from tthc_plan.core.source_map import Path_, Position, SourceMap
from tthc_plan.core.units import UnitRegistry
from tthc_plan.i18n import _


class _Report(Struct):
    progress_file: ProgressFile
    items: list[Problem]

    def add(
        self, severity: Severity, at: Path_, code: str, message: str, hint: str | None = None
    ) -> None:
        where = self.progress_file.source.value(at) if at else Position(1, 1)
        path = str(self.progress_file.path)
        self.items.append(Problem(path, where.line, where.col, severity, code, message, hint))


def periods_of(plan: Plan, task: Task) -> list[str | None]:
    """Return the occurrence labels of a task (None for a task with one occurrence)."""
    return [slot.period for slot in task_slots(task_timeframe(task, plan.plan.year), plan, task)]


def _check_unit(report: _Report, registry: UnitRegistry) -> bool:
    unit_id = report.progress_file.unit_id
    unit = registry.units.get(unit_id)
    if unit is None:
        close = difflib.get_close_matches(unit_id, list(registry.units), n=3)
        hint = _("Tên tệp tiến độ phải là mã đơn vị (xem «tthc units --format json»).")
        if close:
            hint += " " + _("Gần giống: {names}.").format(names=", ".join(close))
        message = _("Không có đơn vị nào mã «{id}» (tên tệp).").format(id=unit_id)
        report.add(Severity.ERROR, (), "UNKNOWN_UNIT", message, hint)
        return False
    if unit.kind is UnitKind.GROUP:
        message = _("«{unit}» là một nhóm; tiến độ được ghi cho từng đơn vị.").format(
            unit=unit.name
        )
        hint = _("Ghi vào tệp của từng đơn vị thành viên (tthc done ... --unit làm việc này).")
        report.add(Severity.ERROR, (), "GROUP_PROGRESS", message, hint)
        return False
    return True


def _check_entry(  # noqa: PLR0917 - one private step of check_progress
    report: _Report,
    entry: Entry,
    plan: Plan,
    registry: UnitRegistry,
    today: date | None,
    done: set[ItemKey],
) -> None:
    record = entry.record
    at = entry.at
    task = next((t for t in plan.tasks() if t.id == record.task), None)
    if task is None:
        message = _("Kế hoạch không có nhiệm vụ «{id}».").format(id=record.task)
        report.add(Severity.ERROR, (*at, "task"), "UNKNOWN_TASK", message)
        return
    unit = registry.units[entry.unit_id]
    lead, support = responsible(registry, task)
    if unit not in lead and unit not in support:
        message = _("«{unit}» không chủ trì cũng không phối hợp nhiệm vụ {id}.").format(
            unit=unit.name, id=task.id
        )
        hint = _("Kiểm tra mã nhiệm vụ, hoặc ghi vào tệp của đơn vị được giao.")
        report.add(Severity.ERROR, (*at, "task"), "NOT_RESPONSIBLE", message, hint)
    periods = periods_of(plan, task)
    if record.period not in periods:
        choices = ", ".join(p for p in periods if p)
        if record.period is None:
            message = _("{id} có nhiều kỳ; ghi rõ kỳ nào: {choices}.")
            report.add(
                Severity.ERROR,
                (*at, "task"),
                "UNKNOWN_PERIOD",
                message.format(id=task.id, choices=choices),
            )
        else:
            message = _("{id} không có kỳ «{period}»; các kỳ: {choices}.")
            report.add(
                Severity.ERROR,
                (*at, "period"),
                "UNKNOWN_PERIOD",
                message.format(id=task.id, period=record.period, choices=choices or "—"),
            )
    if today is not None and record.date > today:
        message = _("Ngày {date} còn ở tương lai (hôm nay {today}).").format(
            date=format_date(record.date), today=format_date(today)
        )
        report.add(Severity.ERROR, (*at, "date"), "FUTURE_DATE", message)
    issued = plan.plan.decision.date
    if record.event is not ProgressEvent.REOPEN and record.date < issued:
        message = _("Ngày {date} sớm hơn ngày ban hành kế hoạch {issued}.").format(
            date=format_date(record.date), issued=format_date(issued)
        )
        hint = _("Kiểm tra lại năm; việc làm trước khi có kế hoạch (như I.1) thì giữ nguyên.")
        report.add(Severity.WARNING, (*at, "date"), "DONE_BEFORE_ISSUE", message, hint)
    if record.ref is not None:
        try:
            parse_document_ref(record.ref)
        except InvalidDateError as error:
            message = _("Văn bản «{ref}» ghi ngày «{date}» không có thật.").format(
                ref=record.ref, date=error.text
            )
            report.add(Severity.ERROR, (*at, "ref"), "INVALID_VALUE", message)
    key = (record.task, entry.unit_id, record.period)
    if record.event is ProgressEvent.DONE:
        done.add(key)
    elif record.event is ProgressEvent.REOPEN:
        if key not in done:
            message = _("Mở lại {id} nhưng trước đó chưa ghi là xong.").format(id=record.task)
            report.add(Severity.WARNING, (*at, "event"), "NOTHING_TO_REOPEN", message)
        done.discard(key)


def check_progress(
    log: ProgressLog, plan: Plan, registry: UnitRegistry, *, today: date | None
) -> list[Problem]:
    """Return every problem of the records in `log`, located in their files.

    `today` is the real current day, for catching dates in the future; views
    "as of" an earlier day pass None and leave later records out instead.
    """
    problems: list[Problem] = []
    for progress_file in log.files:
        report = _Report(progress_file, problems)
        if not _check_unit(report, registry):
            continue
        done: set[ItemKey] = set()
        for entry in progress_file.entries:
            _check_entry(report, entry, plan, registry, today, done)
    return problems


_PERIOD = re.compile(r"^\d{4}(?:-(?:Q[1-4]|H[12]|0[1-9]|1[0-2]))?$")


def check_measurements(
    values: Sequence[tuple[Path_, Measurement]],
    source: SourceMap,
    path: Path,
    plan: Plan,
    *,
    today: date | None,
) -> list[Problem]:
    """Return the problems of measured target values: unknown target, bad period, future."""
    problems: list[Problem] = []
    known = {target.id for target in plan.targets}

    def add(at: Path_, code: str, message: str) -> None:
        where = source.value(at)
        problems.append(
            Problem(str(path), where.line, where.col, Severity.ERROR, code, message, None)
        )

    for at, value in values:
        if value.target not in known:
            message = _("Kế hoạch không có chỉ tiêu «{id}».").format(id=value.target)
            add((*at, "target"), "UNKNOWN_TARGET", message)
        if not _PERIOD.match(value.period):
            message = _("Kỳ «{period}» không đúng dạng: viết 2024, 2024-Q2, 2024-H1 hoặc 2024-06.")
            add((*at, "period"), "INVALID_VALUE", message.format(period=value.period))
        if today is not None and value.date > today:
            message = _("Ngày {date} còn ở tương lai (hôm nay {today}).").format(
                date=format_date(value.date), today=format_date(today)
            )
            add((*at, "date"), "FUTURE_DATE", message)
    return problems
