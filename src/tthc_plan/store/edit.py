"""Record progress: append records to unit progress files, safely.

Every write appends to the end of a unit's file, so the bytes already there
(comments, quotes, CRLF line endings, a UTF-8 BOM) are kept as they are. A
write runs under a lock on the plan's progress folder, computes the new text
from what is on disk at that moment, checks the whole progress log with the
new records, and refuses to write if that finds an error. The file is written
to a temporary file in the same folder, flushed to disk, then renamed over the
old one, so a crash leaves either the old file or the new one.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta
from msgspec.structs import replace
from ruamel.yaml.comments import CommentedMap

from tthc_plan.core.assign import period_start, periods_of, responsible
from tthc_plan.core.dates import format_date
from tthc_plan.core.model import Measurement, Plan, ProgressEvent, ProgressRecord, Task, Unit
from tthc_plan.core.problem import Problem, Severity
from tthc_plan.core.progress import ItemKey, ProgressLog
from tthc_plan.core.progress_check import check_progress
from tthc_plan.core.record import Change, Recorded, Request
from tthc_plan.core.text import one_line
from tthc_plan.core.units import UnitRegistry
from tthc_plan.errors import FileError, TthcError, UsageError
from tthc_plan.i18n import _
from tthc_plan.store.files import (
    FileTooLargeError,
    NotRegularFileError,
    read_bounded,
    read_error,
    write_atomically,
    write_error,
)
from tthc_plan.store.plans import CheckedPlan
from tthc_plan.store.progress import load_progress, progress_dir, progress_files
from tthc_plan.store.yamlio import DateText, block_list

LOCK_NAME = ".tthc.lock"
LOCK_TIMEOUT_SECONDS = 15.0
_BOM = b"\xef\xbb\xbf"
# Written once into a new progress folder: git keeps both sides of two appends
# to one file (the same unit recording on two branches), and ignores the lock.
_GITATTRIBUTES = "*.yaml merge=union\n"
_GITIGNORE = f"{LOCK_NAME}\n"


class WriteRefusedError(TthcError):
    """The records would make the progress log invalid; nothing was written."""


def _task_units(
    registry: UnitRegistry, task: Task, unit: Unit | None, *, every_lead: bool
) -> tuple[Unit, ...]:
    """Return the units a record is for: those `unit` (a unit or group) covers, else the leads.

    Without a unit, a task's one lead is meant; a task with several leads needs
    --unit, or --all for every lead. Supporters are never recorded for unasked.
    """
    lead, support = responsible(registry, task)
    if unit is None:
        if len(lead) == 1 or (every_lead and lead):
            return tuple(lead)
        if not lead:
            message = _("{id} không có đơn vị chủ trì; chọn đơn vị bằng --unit.")
            raise UsageError(message.format(id=task.id))
        message = _(
            "{id} có {count} đơn vị chủ trì: chọn một bằng --unit, hoặc ghi cho tất cả "
            "bằng --all. Các đơn vị chủ trì: {names}."
        )
        names = ", ".join(f"«{u.name}»" for u in lead)
        raise UsageError(message.format(id=task.id, count=len(lead), names=names))
    everyone = lead + support
    wanted = registry.members(unit)
    chosen = tuple(u for u in everyone if u in wanted)
    if not chosen:
        message = _("«{unit}» không chủ trì cũng không phối hợp nhiệm vụ {id}.")
        raise UsageError(message.format(unit=unit.name, id=task.id))
    return chosen


def _check_period(checked: CheckedPlan, task: Task, period: str | None) -> None:
    periods = periods_of(checked.plan, task, checked.times)
    if period in periods:
        return
    choices = ", ".join(p for p in periods if p) or "—"
    if period is None:
        message = _("{id} có nhiều kỳ; chọn một bằng --period: {choices}.")
        raise UsageError(message.format(id=task.id, choices=choices))
    message = _("{id} không có kỳ «{period}»; các kỳ: {choices}.")
    raise UsageError(message.format(id=task.id, period=period, choices=choices))


def make_request(
    checked: CheckedPlan,
    task: Task,
    *,
    unit: Unit | None,
    period: str | None,
    event: ProgressEvent,
    on: date,
    ref: str | None = None,
    note: str | None = None,
    every_lead: bool = False,
    correction: bool = False,
    today: date | None = None,
) -> Request:
    """Check a request against the plan: responsible units, an existing period, a sane date.

    `unit` None means the task's one lead (`every_lead`: all its leads);
    `correction` replaces a completion recorded before instead of being refused.
    """
    _check_period(checked, task, period)
    _check_date(checked, on, today)
    warnings: tuple[str, ...] = ()
    if event is ProgressEvent.DONE:
        opens = period_start(checked.plan, task, checked.times, period)
        if opens is not None and on < opens:
            message = _("{id} kỳ {period} chưa bắt đầu ngày {date} (kỳ bắt đầu {opens}): "
                        "kiểm tra lại --date hoặc --period.")  # fmt: skip
            raise UsageError(message.format(
                id=task.id, period=period, date=format_date(on), opens=format_date(opens)
            ))  # fmt: skip
        decided = checked.plan.plan.decision.date
        if period is None and decided is not None and on < decided:
            warnings = (_("Cảnh báo: ngày {date} sớm hơn ngày ban hành kế hoạch ({issued}); "
                          "vẫn ghi (việc làm trước khi có kế hoạch, như I.1, là đúng).").format(
                date=format_date(on), issued=format_date(decided)),)  # fmt: skip
    units = _task_units(checked.registry, task, unit, every_lead=every_lead)
    return Request(task, units, period, event, on, ref, note, correction, warnings)


def _check_date(checked: CheckedPlan, on: date, today: date | None) -> None:
    """Refuse a date after today, or more than a year before the plan was decided."""
    if today is not None and on > today:
        message = _("Ngày {date} còn ở tương lai (hôm nay {today}): kiểm tra lại --date.")
        raise UsageError(message.format(date=format_date(on), today=format_date(today)))
    info = checked.plan.plan
    if info.decision.date is None and on < info.earliest:
        message = _(
            "Ngày {date} sớm hơn năm trước năm kế hoạch {year}: kiểm tra lại năm của --date."
        )
        raise UsageError(message.format(date=format_date(on), year=info.year))
    decided = info.decision.date
    if decided is not None and on < decided - relativedelta(years=1):
        message = _(
            "Ngày {date} sớm hơn ngày ban hành kế hoạch ({issued}) hơn một năm: "
            "kiểm tra lại năm của --date."
        )
        raise UsageError(message.format(date=format_date(on), issued=format_date(decided)))


def _record_map(request: Request) -> CommentedMap:
    data = CommentedMap()
    data["task"] = request.task.id
    data["event"] = request.event.value
    data["date"] = DateText(request.date.isoformat())
    if request.period is not None:
        data["period"] = request.period
    if request.ref is not None:
        data["ref"] = request.ref
    if request.note is not None:
        data["note"] = request.note
    if request.correction:
        data["correction"] = True
    if request.source is not None:
        data["source"] = CommentedMap(file=request.source.file, sha256=request.source.sha256)
    return data


def _block(request: Request) -> str:
    out = io.StringIO()
    block_list().dump([_record_map(request)], out)
    return out.getvalue()


def _header(unit: Unit, plan: Plan) -> str:
    # File content, shared by everyone who edits the plan: always Vietnamese. The
    # names are checked single-line; the header is made safe whatever it is given.
    return (
        f"# Tiến độ của «{one_line(unit.name)}» trong kế hoạch {one_line(plan.plan.id)}.\n"
        "# Ghi bằng «tthc done / start / reopen», hoặc sửa tay rồi chạy «tthc validate».\n"
        "# Mỗi mục «- task: ...» là một lần ghi. Không xóa mục cũ: muốn rút lại\n"
        "# việc đã ghi là xong, thêm mục «event: reopen» (tthc reopen).\n"
    )


def _append(before: bytes, block: str) -> bytes:
    """Append `block` to a file's bytes, in the file's own line endings, keeping its BOM."""
    bom = before.startswith(_BOM)
    text = before[len(_BOM) :].decode("utf-8") if bom else before.decode("utf-8")
    newline = "\r\n" if "\r\n" in text else "\n"
    if text and not text.endswith("\n"):
        text += newline
    text += block.replace("\n", newline)
    return (_BOM if bom else b"") + text.encode("utf-8")


def _current(log: ProgressLog) -> dict[ItemKey, bool]:
    return {key: item.done is not None for key, item in log.index().items()}


def _reopenable(request: Request, log: ProgressLog) -> tuple[Unit, ...]:
    done = _current(log)
    chosen = tuple(
        u for u in request.units if done.get((request.task.id, u.id, request.period), False)
    )
    if not chosen:
        message = _("Không có gì để mở lại: {id} chưa được ghi là xong cho đơn vị nào đã chọn.")
        raise UsageError(message.format(id=request.task.id))
    return chosen


def plan_changes(plan_path: Path, plan: Plan, request: Request, log: ProgressLog) -> list[Change]:
    """Return the file changes that record `request`, given the log on disk."""
    folder = progress_dir(plan_path, plan.plan.id)
    units = request.units
    if request.event is ProgressEvent.REOPEN:
        units = _reopenable(request, log)
    changes: list[Change] = []
    block = _block(request)
    for unit in units:
        path = folder / f"{unit.id}.yaml"
        before = _read_bytes(path)
        base = before if before else _header(unit, plan).encode("utf-8")
        changes.append(Change(path, before, _append(base, block)))
    return changes


def _read_bytes(path: Path) -> bytes:
    try:
        return read_bounded(path)
    except FileNotFoundError:
        return b""
    except NotRegularFileError as error:
        raise error.refusal() from None
    except FileTooLargeError:
        raise read_error(path, _("quá lớn")) from None
    except OSError as error:
        raise read_error(path, error.strerror) from None


def _check_after(
    checked: CheckedPlan, changes: Sequence[Change], folder: Path, today: date
) -> list[Problem]:
    """Check the whole log as it would be after the changes, in a scratch folder."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for path in progress_files(folder):
            (root / path.name).write_bytes(_read_bytes(path))
        for change in changes:
            (root / change.path.name).write_bytes(change.after)
        log = load_progress(root)
        check = check_progress(log, checked.info, checked.units, checked.assigned, today=today)
        problems = log.problems + check
        names = {change.path.name for change in changes}
        return [
            replace(problem, path=str(folder / Path(problem.path).name))
            for problem in problems
            if Path(problem.path).name in names
        ]


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    from filelock import FileLock, Timeout  # noqa: PLC0415 - only writes need it

    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in ((".gitattributes", _GITATTRIBUTES), (".gitignore", _GITIGNORE)):
            if not (folder / name).exists():
                write_atomically(folder / name, content.encode("utf-8"))
        lock = FileLock(folder / LOCK_NAME, timeout=LOCK_TIMEOUT_SECONDS)
        with lock:
            yield
    except Timeout:
        message = _(
            "Đang có người khác ghi tiến độ vào «{folder}» (khóa {lock}). "
            "Thử lại sau ít phút; nếu chắc không ai đang ghi, xóa tệp khóa."
        )
        raise FileError(message.format(folder=folder, lock=LOCK_NAME)) from None
    except PermissionError as error:
        raise write_error(Path(error.filename or folder), error) from None
    except OSError as error:
        raise write_error(folder, error) from None


def record(
    plan_path: Path,
    checked: CheckedPlan,
    request: Request,
    *,
    today: date,
    dry_run: bool = False,
) -> Recorded:
    """Record `request` in the unit progress files; return what changed (or would)."""
    folder = progress_dir(plan_path, checked.plan.plan.id)
    if dry_run:
        return _prepare(plan_path, checked, request, folder, today)
    with _locked(folder):
        recorded = _prepare(plan_path, checked, request, folder, today)
        for change in recorded.changes:
            write_atomically(change.path, change.after)
    return recorded


def _prepare(
    plan_path: Path, checked: CheckedPlan, request: Request, folder: Path, today: date
) -> Recorded:
    log = load_progress(folder)
    skipped: tuple[Unit, ...] = ()
    if request.event is ProgressEvent.DONE:
        request, skipped = _not_done_yet(request, log)
    changes = plan_changes(plan_path, checked.plan, request, log)
    _refuse_errors(_check_after(checked, changes, folder, today))
    return Recorded(changes, skipped)


class AlreadyDoneError(TthcError):
    """The item is recorded as done already: a second record would change the figures."""


def _not_done_yet(request: Request, log: ProgressLog) -> tuple[Request, tuple[Unit, ...]]:
    """Keep a `done` from recording an item twice; return the request and the units left out.

    A unit asked for on its own, or every unit of a group already done, is
    refused with what is recorded; the members of a group or --all that are
    done already are left out and named. `--correct` is only for items done.
    """
    recorded = log.index()

    def done(unit: Unit) -> ProgressRecord | None:
        found = recorded.get((request.task.id, unit.id, request.period))
        return None if found is None else found.done

    if request.correction:
        never = [u.name for u in request.units if done(u) is None]
        if never:
            message = _("--correct chỉ dùng cho việc đã ghi xong; chưa ghi xong: {names}.")
            raise UsageError(message.format(names=", ".join(f"«{n}»" for n in never)))
        return request, ()
    already = tuple(u for u in request.units if done(u) is not None)
    if not already:
        return request, ()
    if len(already) < len(request.units):
        rest = tuple(u for u in request.units if u not in already)
        return replace(request, units=rest), already
    unit = already[0]
    first = done(unit)
    assert first is not None  # noqa: S101 - `already` holds units done
    raise _already_done(request, unit, first)


def _already_done(request: Request, unit: Unit, done: ProgressRecord) -> AlreadyDoneError:
    """Return the refusal of `done` for an item already done: say what is there, what to do."""
    named = request.named or request.task.id  # "plan-id:II.1" when two plans have II.1
    task = named + (f" --period {request.period}" if request.period else "")
    what = request.task.id + (f" ({request.period})" if request.period else "")
    message = _(
        "{what} đã được ghi là xong cho «{unit}» ngày {date}{ref}; không ghi thêm lần nữa. "
        'Nếu lần ghi đó sai: chạy «tthc reopen {task} --unit "{unit}"» rồi ghi lại, '
        "hoặc thêm --correct để ghi một lần đính chính thay cho lần trước."
    )
    ref = f" ({done.ref})" if done.ref else ""
    return AlreadyDoneError(
        message.format(what=what, unit=unit.name, date=format_date(done.date), ref=ref, task=task)
    )


def _refuse_errors(problems: Sequence[Problem]) -> None:
    """Refuse a write whose result would have errors, naming each."""
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        lines = "\n".join(f"{p.path}:{p.line}:{p.col}: {p.code} {p.message}" for p in errors)
        raise WriteRefusedError(_("Không ghi vì kết quả sẽ có lỗi:\n{lines}").format(lines=lines))


def record_measurement(
    plan_path: Path, plan: Plan, value: Measurement, *, today: date, dry_run: bool = False
) -> Change:
    """Append a measured target value to the plan's _targets.yaml, safely (see above)."""
    from tthc_plan.core.progress_check import check_measurements  # noqa: PLC0415
    from tthc_plan.store.progress import MEASUREMENTS_FILE, read_measurements  # noqa: PLC0415

    folder = progress_dir(plan_path, plan.plan.id)
    path = folder / MEASUREMENTS_FILE

    def prepare() -> Change:
        data = CommentedMap(target=value.target, period=value.period, value=value.value)
        data["date"] = DateText(value.date.isoformat())
        for key in ("ref", "note"):
            if getattr(value, key) is not None:
                data[key] = getattr(value, key)
        out = io.StringIO()
        block_list().dump([data], out)
        before = _read_bytes(path)
        header = (
            "# Giá trị đo được của các chỉ tiêu (tthc target record, hoặc sửa tay).\n"
            "# Mỗi mục là một lần đo: chỉ tiêu, kỳ, giá trị, ngày có số liệu.\n"
        )
        change = Change(path, before, _append(before or header.encode("utf-8"), out.getvalue()))
        with tempfile.TemporaryDirectory() as scratch:
            (Path(scratch) / MEASUREMENTS_FILE).write_bytes(change.after)
            values, source, problems = read_measurements(Path(scratch))
            # Said of the file as it will be, not of the scratch copy.
            problems = [replace(problem, path=str(path)) for problem in problems]
            problems += check_measurements(values, source, path, plan, today=today)
        _refuse_errors(problems)
        return change

    if dry_run:
        return prepare()
    with _locked(folder):
        change = prepare()
        write_atomically(change.path, change.after)
    return change
