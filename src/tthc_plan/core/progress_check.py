"""Check progress records against their plan: task, unit, period, dates, references."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from tthc_plan.core import DATE_YEARS
from tthc_plan.core.dates import InvalidDateError, format_date
from tthc_plan.core.model import (
    Measurement,
    Plan,
    PlanInfo,
    ProgressEvent,
    Target,
    Unit,
    UnitKind,
)
from tthc_plan.core.problem import Message, Problem, ProblemReport, Severity, msg
from tthc_plan.core.progress import Entry, ItemKey, ProgressFile, ProgressLog
from tthc_plan.core.schedule import Assignment, Assignments, Slot
from tthc_plan.core.source_map import Path_, Position, SourceMap
from tthc_plan.core.targets import value_range
from tthc_plan.core.timeframe.period import PERIOD_LABEL, label_problem, parse_label


class _Report(ProblemReport):
    """The problems of one progress file, placed at the values they are about."""

    def __init__(self, progress_file: ProgressFile) -> None:
        super().__init__(str(progress_file.path))
        self.progress_file = progress_file

    def at(
        self, severity: Severity, at: Path_, code: str, what: Message, fix: Message | None = None
    ) -> None:
        """Record a problem at the value `at` (the file's start for ())."""
        where = self.progress_file.source.value(at) if at else Position(1, 1)
        self.add(severity, where, code, what, fix)


def opening(slots: Sequence[Slot], period: str | None) -> date | None:
    """Return the first day of the period of the occurrence `period` among a task's
    `slots`, before which it cannot be done (core.assign.period_start)."""
    if period is None or (found := parse_label(period)) is None:
        return None
    first = found[1].first
    slots = [slot for slot in slots if slot.period == period]
    if not slots or slots[0].due is None or slots[0].due < first:
        return None
    return first


def _check_unit(report: _Report, units: Mapping[str, Unit]) -> bool:
    unit_id = report.progress_file.unit_id
    unit = units.get(unit_id)
    if unit is None:
        close = difflib.get_close_matches(unit_id, list(units), n=3)
        hint = msg("Tên tệp tiến độ phải là mã đơn vị (xem «tthc units --format json»).")
        if close:
            hint = hint.then(msg("Gần giống: {names}.", names=", ".join(close)))
        message = msg("Không có đơn vị nào mã «{id}» (tên tệp).", id=unit_id)
        report.at(Severity.ERROR, (), "UNKNOWN_UNIT", message, hint)
        return False
    if unit.kind is UnitKind.GROUP:
        message = msg("«{unit}» là một nhóm; tiến độ được ghi cho từng đơn vị.", unit=unit.name)
        hint = msg("Ghi vào tệp của từng đơn vị thành viên (tthc done ... --unit làm việc này).")
        report.at(Severity.ERROR, (), "GROUP_PROGRESS", message, hint)
        return False
    return True


def _check_entry(  # noqa: PLR0917 - one private step of check_progress
    report: _Report,
    entry: Entry,
    info: PlanInfo,
    assigned: Assignments,
    tasks: Mapping[str, Assignment],
    units: Mapping[str, Unit],
    today: date | None,
    done: set[ItemKey],
) -> None:
    record = entry.record
    at = entry.at
    task = tasks.get(record.task)  # its assignment
    if task is None:
        message = msg("Kế hoạch không có nhiệm vụ «{id}».", id=record.task)
        report.at(Severity.ERROR, (*at, "task"), "UNKNOWN_TASK", message)
        return
    unit = units[entry.unit_id]
    if unit.id not in assigned.units[task.lead] and unit.id not in assigned.units[task.support]:
        message = msg(
            "«{unit}» không chủ trì cũng không phối hợp nhiệm vụ {id}.",
            unit=unit.name,
            id=task.task,
        )
        hint = msg("Kiểm tra mã nhiệm vụ, hoặc ghi vào tệp của đơn vị được giao.")
        report.at(Severity.ERROR, (*at, "task"), "NOT_RESPONSIBLE", message, hint)
    slots = assigned.slots[task.slots]
    periods = [slot.period for slot in slots]
    if record.period not in periods:
        choices = ", ".join(p for p in periods if p)
        if record.period is None:
            message = msg(
                "{id} có nhiều kỳ; ghi rõ kỳ nào: {choices}.", id=task.task, choices=choices
            )
            report.at(Severity.ERROR, (*at, "task"), "UNKNOWN_PERIOD", message)
        else:
            message = msg(
                "{id} không có kỳ «{period}»; các kỳ: {choices}.",
                id=task.task,
                period=record.period,
                choices=choices or "—",
            )
            report.at(Severity.ERROR, (*at, "period"), "UNKNOWN_PERIOD", message)
    if today is not None and record.date > today:
        message = msg(
            "Ngày {date} còn ở tương lai (hôm nay {today}).",
            date=format_date(record.date),
            today=format_date(today),
        )
        report.at(Severity.ERROR, (*at, "date"), "FUTURE_DATE", message)
    opens = opening(slots, record.period) if record.period in periods else None
    if record.event is ProgressEvent.DONE and opens is not None and record.date < opens:
        message = msg(
            "{id} kỳ {period} ghi xong ngày {date}, trước khi kỳ bắt đầu ({opens}).",
            id=task.task,
            period=record.period or "",
            date=format_date(record.date),
            opens=format_date(opens),
        )
        hint = msg("Sửa ngày (tthc done --correct) hoặc ghi vào đúng kỳ.")
        report.at(Severity.ERROR, (*at, "date"), "DONE_BEFORE_PERIOD", message, hint)
    issued = info.decision.date
    if issued is not None and record.event is not ProgressEvent.REOPEN and record.date < issued:
        message = msg(
            "Ngày {date} sớm hơn ngày ban hành kế hoạch {issued}.",
            date=format_date(record.date),
            issued=format_date(issued),
        )
        hint = msg("Kiểm tra lại năm; việc làm trước khi có kế hoạch (như I.1) thì giữ nguyên.")
        report.at(Severity.WARNING, (*at, "date"), "DONE_BEFORE_ISSUE", message, hint)
    if record.ref is not None:
        from tthc_plan.core.docref import parse_document_ref  # noqa: PLC0415 - its patterns

        try:
            parse_document_ref(record.ref)
        except InvalidDateError as error:
            message = msg(
                "Văn bản «{ref}» ghi ngày «{date}» không có thật.", ref=record.ref, date=error.text
            )
            if error.outside:
                message = msg(
                    "Văn bản «{ref}» ghi ngày «{date}», ngoài các năm {first}–{last}.",
                    ref=record.ref,
                    date=error.text,
                    first=DATE_YEARS[0],
                    last=DATE_YEARS[1],
                )
            report.at(Severity.ERROR, (*at, "ref"), "INVALID_VALUE", message)
    _follow_done(report, entry, done)


def _follow_done(report: _Report, entry: Entry, done: set[ItemKey]) -> None:
    """Track which items are done as the log goes; warn of a second done or a vain reopen."""
    record, at = entry.record, entry.at
    key = (record.task, entry.unit_id, record.period)
    if record.event is ProgressEvent.DONE:
        if key in done and not record.correction:
            what = record.task + (f" ({record.period})" if record.period else "")
            message = msg(
                "{what} đã được ghi là xong ở một mục trước; mục này ghi thêm lần nữa.", what=what
            )
            hint = msg(
                "Xóa mục thừa; nếu mục này sửa lần ghi trước, thêm «correction: true» "
                "(tthc done --correct)."
            )
            report.at(Severity.WARNING, (*at, "event"), "DUPLICATE_RECORD", message, hint)
        done.add(key)
    elif record.event is ProgressEvent.REOPEN:
        if key not in done:
            message = msg("Mở lại {id} nhưng trước đó chưa ghi là xong.", id=record.task)
            report.at(Severity.WARNING, (*at, "event"), "NOTHING_TO_REOPEN", message)
        done.discard(key)


def check_progress(
    log: ProgressLog,
    info: PlanInfo,
    plan_units: Sequence[Unit],
    assigned: Assignments,
    *,
    today: date | None,
) -> list[Problem]:
    """Return every problem of the records in `log`, located in their files.

    `info`, `plan_units`, `assigned`: the plan's particulars, its units and its
    assignments (core.assign.assign): who answers for each task, and its
    occurrences. `today` is the real current day, for catching dates in the
    future; views "as of" an earlier day pass None and leave later records out
    instead.
    """
    problems: list[Problem] = []
    replaced = log.replaced()
    units = {unit.id: unit for unit in plan_units}
    tasks: dict[str, Assignment] = {}
    for assignment in assigned.tasks:
        tasks.setdefault(assignment.task, assignment)  # the first task of an id, as written
    for progress_file in log.files:
        report = _Report(progress_file)
        if _check_unit(report, units):
            done: set[ItemKey] = set()
            for entry in progress_file.entries:
                if id(entry) in replaced:
                    continue  # a completion corrected since: the correction stands for it
                _check_entry(report, entry, info, assigned, tasks, units, today, done)
        problems.extend(report.items)
    return problems


def _out_of_range(target: Target, value: float) -> Message | None:
    """Say why `value` cannot be a measure of `target`, if it cannot (its unit's range)."""
    low, high = value_range(target.unit)
    if low <= value and (high is None or value <= high):
        return None
    shown = f"{value:g}"
    if high is None:
        return msg(
            "Giá trị {value} của chỉ tiêu «{id}» không được nhỏ hơn {low}.",
            value=shown,
            id=target.id,
            low=f"{low:g}",
        )
    return msg(
        "Giá trị {value} của chỉ tiêu «{id}» phải từ {low} đến {high}.",
        value=shown,
        id=target.id,
        low=f"{low:g}",
        high=f"{high:g}",
    )


def check_measurements(
    values: Sequence[tuple[Path_, Measurement]],
    source: SourceMap,
    path: Path,
    plan: Plan,
    *,
    today: date | None,
) -> list[Problem]:
    """Return the problems of measured target values: unknown target, bad period, future."""
    known = {target.id: target for target in plan.targets}
    report = ProblemReport(str(path))

    def add(at: Path_, code: str, message: Message) -> None:
        report.error(source.value(at), code, message)

    for at, value in values:
        target = known.get(value.target)
        if target is None:
            message = msg("Kế hoạch không có chỉ tiêu «{id}».", id=value.target)
            add((*at, "target"), "UNKNOWN_TARGET", message)
        elif (outside := _out_of_range(target, value.value)) is not None:
            add((*at, "value"), "VALUE_OUT_OF_RANGE", outside)
        if not PERIOD_LABEL.match(value.period):
            message = msg(
                "Kỳ «{period}» không đúng dạng: viết 2024, 2024-Q2, 2024-H1 hoặc 2024-06.",
                period=value.period,
            )
            add((*at, "period"), "INVALID_VALUE", message)
        elif (wrong := label_problem(value.period)) is not None:  # 9999-Q4: out of the years
            add((*at, "period"), "INVALID_VALUE", wrong)
        if today is not None and value.date > today:
            message = msg(
                "Ngày {date} còn ở tương lai (hôm nay {today}).",
                date=format_date(value.date),
                today=format_date(today),
            )
            add((*at, "date"), "FUTURE_DATE", message)
    return report.items
