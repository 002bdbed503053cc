"""Check the meaning of a loaded plan: ids, unit names, timeframes and dates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from tthc_plan.core.address import address_problem
from tthc_plan.core.dates import format_date
from tthc_plan.core.loaded import LoadedPlan
from tthc_plan.core.model import PlanInfo, Task, Unit, UnitKind
from tthc_plan.core.plan_time import PlanTimes
from tthc_plan.core.problem import Message, Problem, ProblemReport, msg, verbatim
from tthc_plan.core.source_map import Path_, Position, SourceMap
from tthc_plan.core.timeframe import (
    Deadline,
    Recurring,
    Timeframe,
    TimeframeError,
    Window,
    render_part,
)
from tthc_plan.core.timeframe.recurrence import RuleError, explicit_days
from tthc_plan.core.units import UnitRegistry, name_key


class _Report(ProblemReport):
    """The problems of one plan file, and where each value of it is."""

    def __init__(self, path: str, source: SourceMap) -> None:
        super().__init__(path)
        self.source = source
        self.reviews_used: set[tuple[str, str]] = set()  # (task id, code)

    def task_warning(
        self, task: Task, where: Position, code: str, what: Message, fix: Message
    ) -> None:
        """Warn about `task`, unless the plan marks this warning on it as reviewed."""
        if any(review.code == code for review in task.reviewed):
            self.reviews_used.add((task.id, code))
            return
        self.warning(where, code, what, fix)


def _inside(where: Position, offset: int) -> Position:
    """Move to `offset` characters into a one-line scalar (after its quote, if any)."""
    return Position(where.line, where.col + offset + (1 if where.quoted else 0), where.quoted)


def _raw_offset(raw: str, part: str, offset: int) -> int:
    """Return where `part` stands in the cell as written, nearest `offset` (an offset in
    the cleaned phrase, which has single spaces and no invisible characters)."""
    found = [i for i in range(len(raw)) if part and raw.startswith(part, i)]
    return min(found, key=lambda i: abs(i - offset)) if found else offset


def _cells(value: str | list[str] | None, path: Path_) -> Iterable[tuple[Path_, str]]:
    if value is None:
        return
    if isinstance(value, str):
        yield path, value
        return
    for index, cell in enumerate(value):
        yield (*path, index), cell


def _check_duplicates(
    report: _Report, entries: Iterable[tuple[Path_, str]], code: str, what: Message
) -> None:
    first: dict[str, Path_] = {}
    for path, ident in entries:
        if ident in first:
            where = report.source.value((*path, "id"))
            line = report.source.value((*first[ident], "id")).line
            report.error(
                where,
                code,
                msg(
                    "{what} «{id}» bị trùng (đã có ở dòng {line}).", what=what, id=ident, line=line
                ),
                msg("Mỗi mã chỉ được dùng một lần: đổi mã này."),
            )
        else:
            first[ident] = path


def _check_email(report: _Report, path: Path_, unit: Unit) -> None:
    seen: set[str] = set()
    for where, address in _cells(unit.email, (*path, "email")):
        reason = address_problem(address)
        if reason is None and address.casefold() in seen:
            report.warning(
                report.source.value(where),
                "DUPLICATE_EMAIL",
                msg("«{address}» đã có trong email của «{unit}».", address=address, unit=unit.name),
                msg("Xóa địa chỉ lặp lại: mỗi hộp thư nhận một thư."),
            )
        seen.add(address.casefold())
        if reason is not None:
            report.error(
                report.source.value(where),
                "INVALID_EMAIL",
                msg(
                    "«{address}» (e-mail của «{unit}») không phải địa chỉ e-mail hợp lệ: {reason}.",
                    address=address,
                    unit=unit.name,
                    reason=reason,
                ),
                msg("Viết mỗi địa chỉ dạng ten@mien.gov.vn; nhiều địa chỉ: một danh sách."),
            )


def _check_registry(report: _Report, units: list[tuple[Path_, Unit]]) -> UnitRegistry:
    registry = UnitRegistry([unit for _path, unit in units])
    _check_duplicates(report, ((p, u.id) for p, u in units), "DUPLICATE_ID", msg("Mã đơn vị"))
    for path, unit in units:
        refs: list[tuple[Path_, str | None]] = [
            (("parent",), unit.parent),
            (("successor",), unit.successor),
        ]
        refs += [(("members", i), m) for i, m in enumerate(unit.members)]
        for sub, ref in refs:
            if ref is not None and ref not in registry.units:
                report.error(
                    report.source.value((*path, *sub)),
                    "UNKNOWN_UNIT",
                    msg(
                        "Đơn vị «{ref}» (ghi ở «{unit}») không có trong danh mục units.",
                        ref=ref,
                        unit=unit.name,
                    ),
                    msg("Thêm đơn vị này vào units, hoặc sửa mã cho đúng."),
                )
        _check_email(report, path, unit)
        if unit.members and unit.kind is not UnitKind.GROUP:
            report.error(
                report.source.value((*path, "members")),
                "INVALID_VALUE",
                msg("Chỉ nhóm (kind: group) mới có thành viên (members)."),
                msg("Đổi kind thành group, hoặc xóa members."),
            )
    for key, clashing in registry.clashes():
        path, unit = next((p, u) for p, u in units if u.id == clashing[-1].id)
        field: Path_ = ("name",)
        name = unit.name
        for index, alias in enumerate(unit.aliases):
            if name_key(alias) == key:
                field, name = ("aliases", index), alias
        report.error(
            report.source.value((*path, *field)),
            "AMBIGUOUS_UNIT",
            msg(
                "Tên «{name}» dùng cho nhiều đơn vị: {units}.",
                name=name,
                units=", ".join(f"«{u.name}»" for u in clashing),
            ),
            msg("Mỗi tên hoặc tên gọi khác (aliases) chỉ được thuộc về một đơn vị."),
        )
    return registry


def _resolve_cells(
    report: _Report, registry: UnitRegistry, path: Path_, value: str | list[str] | None
) -> list[Unit]:
    found: list[Unit] = []
    for cell_path, cell in _cells(value, path):
        where = report.source.value(cell_path)
        matches, unknown = registry.split_cell(cell)
        found.extend(m.unit for m in matches if m.unit not in found)
        for name in unknown:
            place = _inside(where, name.start) if "\n" not in cell else where
            message = msg("Không có đơn vị nào tên «{name}».", name=name.text)
            hint = msg("Thêm tên này vào aliases của đơn vị trong units, hoặc sửa cho đúng tên.")
            if suggestions := registry.suggest(name.text):
                names = ", ".join(f"«{s}»" for s in suggestions)
                hint = msg("Có phải là: {names}? Nếu không, thêm tên vào units.", names=names)
            report.error(place, "UNKNOWN_UNIT", message, hint)
    return found


def _check_units_of_task(report: _Report, registry: UnitRegistry, path: Path_, task: Task) -> None:
    lead = _resolve_cells(report, registry, (*path, "lead"), task.lead)
    support = _resolve_cells(report, registry, (*path, "support"), task.support)
    if task.lead is None:
        report.task_warning(
            task,
            report.source.value((*path, "id")),
            "NO_LEAD",
            msg("Nhiệm vụ {id} không có đơn vị chủ trì.", id=task.id),
            msg("Thêm lead; nếu ô trong bản gốc để trống do gộp ô, ghi rõ trong inferred."),
        )
    for unit in lead:
        if unit in support:
            report.task_warning(
                task,
                report.source.value((*path, "support")),
                "LEAD_IS_SUPPORT",
                msg(
                    "«{unit}» vừa là đơn vị chủ trì vừa là đơn vị phối hợp của {id}.",
                    unit=unit.name,
                    id=task.id,
                ),
                msg("Giữ đơn vị ở một cột, trừ khi bản gốc ghi như vậy."),
            )


def _check_rrule(report: _Report, path: Path_, task: Task, year: int) -> bool:
    if task.dates is None or task.dates.rrule is None:
        return True
    try:
        explicit_days(task.dates.rrule, year)
    except RuleError as error:
        where = _inside(report.source.value((*path, "dates", "rrule")), error.offset)
        report.error(where, "INVALID_RRULE", error.message, error.fix)
        return False
    return True


def _one_deadline(parsed: Timeframe) -> bool:
    """Tell whether a phrase names exactly one dated deadline or window (nothing recurring)."""
    dated = [p for p in parsed.parts if isinstance(p, Deadline | Window | Recurring)]
    return len(dated) == 1 and not isinstance(dated[0], Recurring)


def _check_cutoff(
    report: _Report, path: Path_, task: Task, times: PlanTimes, cutoff_day: int
) -> None:
    """A data window stated in a phrase must close on the plan's cut-off day."""
    try:
        stated = times.phrase(task.timeframe).cutoff_day
    except TimeframeError:
        return  # reported by _check_timeframe
    if stated is None or stated == cutoff_day:
        return
    report.error(
        report.source.value((*path, "timeframe")),
        "CUTOFF_DAY",
        msg(
            "Thời hạn của {id} chốt số liệu ngày {stated}, nhưng lịch báo cáo của kế hoạch "
            "chốt ngày {cutoff} (reporting.cutoff_day).",
            id=task.id,
            stated=stated,
            cutoff=cutoff_day,
        ),
        msg("Ghi reporting: {{cutoff_day: {stated}}} nếu tỉnh chốt ngày {stated}, hoặc sửa "
            "thời hạn cho khớp.", stated=stated),
    )  # fmt: skip


def _check_timeframe(
    report: _Report, path: Path_, task: Task, times: PlanTimes, issued: date | None
) -> None:
    where = report.source.value((*path, "timeframe"))
    try:
        parsed = times.phrase(task.timeframe)
    except TimeframeError as error:
        one_line = "\n" not in task.timeframe
        offset = _raw_offset(task.timeframe, error.part, error.offset)
        place = _inside(where, offset) if one_line else where
        report.error(place, "TIMEFRAME", error.message, error.fix)
        return
    if parsed.note:
        # A cell that is a sentence: its dated clauses are read, the rest is never
        # dropped silently (issue 19).
        report.task_warning(
            task,
            where,
            "TIMEFRAME_NOTE",
            msg(
                "Thời hạn của {id} được hiểu là {reading}; các chữ «{words}» không mang ngày "
                "và không được dùng.",
                id=task.id,
                reading=verbatim("; ".join(render_part(p) for p in parsed.parts)),
                words=parsed.note,
            ),
            msg("Nếu các chữ ấy có hạn, ghi hạn rõ ràng (xem «tthc timeframe»); nếu không, "
                "chuyển chúng sang note hoặc deliverable, hoặc ghi nhận ở reviewed."),
        )  # fmt: skip
    if not _check_rrule(report, path, task, times.year):
        return
    if task.correction is not None and not _one_deadline(parsed):
        report.error(
            report.source.value((*path, "correction")),
            "INVALID_CORRECTION",
            msg(
                "Đính chính của {id} thay một hạn duy nhất, nhưng «{text}» không phải một hạn "
                "(định kỳ, thường xuyên hoặc nhiều hạn).",
                id=task.id,
                text=task.timeframe,
            ),
            msg(
                "Bỏ correction; với việc định kỳ, ghi ngày riêng ở dates.rrule hoặc report_due_day."
            ),
        )
        return
    timeframe = times.of(task)  # the phrase read above, with dates and corrections
    start, due = timeframe.start, timeframe.due
    if start is not None and due is not None and start > due:
        report.error(
            report.source.value((*path, "dates")),
            "WINDOW_ORDER",
            msg(
                "Ngày bắt đầu {start} sau ngày kết thúc {due}.",
                start=format_date(start),
                due=format_date(due),
            ),
            msg("Đổi chỗ hai ngày, hoặc sửa cho đúng."),
        )
    if issued is not None and due is not None and due < issued:
        report.task_warning(
            task,
            where,
            "DEADLINE_BEFORE_ISSUE",
            msg(
                "Hạn {due} của {id} sớm hơn ngày ban hành kế hoạch {issued}.",
                due=format_date(due),
                id=task.id,
                issued=format_date(issued),
            ),
            msg("Kiểm tra lại năm của thời hạn; nếu bản gốc ghi như vậy, giữ nguyên."),
        )


# What a report or a reminder letter needs from `plan:`, by code: where it is written,
# what is missing and how to fill it in.
_PARTICULARS: tuple[tuple[str, Path_, Message, Message], ...] = (
    ("NO_PLAN_TITLE", ("plan", "title"), msg("Kế hoạch chưa có tên (plan.title)."),
     msg("Chép tên kế hoạch từ văn bản gốc, ví dụ «Kế hoạch kiểm soát thủ tục hành chính năm "
         "2026».")),
    ("NO_ISSUER", ("plan", "issuer"), msg("Chưa ghi cơ quan ban hành (plan.issuer): báo cáo và "
                                          "công văn để trống tên cơ quan."),
     msg("Ghi tên cơ quan như văn bản gốc, ví dụ «UBND xã Quảng Tín».")),
    ("NO_DECISION_NUMBER", ("plan", "decision", "number"),
     msg("Chưa ghi số văn bản ban hành kế hoạch (plan.decision.number)."),
     msg("Ghi số như văn bản gốc, ví dụ «12»; nếu bản gốc để trống số, ghi nhận ở "
         "plan.reviewed (code: NO_DECISION_NUMBER, reason: ...).")),
    ("NO_DECISION_DATE", ("plan", "decision", "date"),
     msg("Chưa ghi ngày ban hành (plan.decision.date): báo cáo để trống ngày ấy."),
     msg("Ghi ngày ký văn bản, ví dụ 2025-12-29.")),
    ("NO_SIGNER_NAME", ("plan", "decision", "signer", "name"),
     msg("Chưa ghi họ tên người ký (plan.decision.signer.name): báo cáo và công văn để trống "
         "dòng tên."),
     msg("Ghi họ tên người ký văn bản gốc, hoặc người ký báo cáo ở plan.documents.signer.")),
    ("NO_SIGNER_TITLE", ("plan", "decision", "signer", "title"),
     msg("Chưa ghi chức vụ người ký (plan.decision.signer.title)."),
     msg("Ghi chức vụ, ví dụ «Chủ tịch» hoặc «Phó Chủ tịch».")),
)  # fmt: skip


def _check_particulars(report: _Report, info: PlanInfo) -> None:
    """Warn about each particular of the plan a document needs and that is empty.

    A particular the source itself leaves blank (a decision with no number) is
    recorded in `plan.reviewed`; a review no warning needs is one to remove.
    """
    signer = info.documents.signer or info.decision.signer
    values = {
        "NO_PLAN_TITLE": info.title,
        "NO_ISSUER": info.issuer,
        "NO_DECISION_NUMBER": info.decision.number,
        "NO_DECISION_DATE": info.decision.date,
        "NO_SIGNER_NAME": signer.name,
        "NO_SIGNER_TITLE": signer.title,
    }
    reviewed = {review.code for review in info.reviewed}
    for code, path, what, fix in _PARTICULARS:
        if values[code] is None and code not in reviewed:
            # the key written null, or the block it is missing from
            written = next((path[:end] for end in range(len(path), 0, -1)
                            if path[:end] in report.source.keys), path)  # fmt: skip
            report.warning(report.source.key(written), code, what, fix)
    for index, review in enumerate(info.reviewed):
        if values.get(review.code, "") is not None:
            report.warning(
                report.source.value(("plan", "reviewed", index, "code")),
                "UNUSED_REVIEW",
                msg("plan.reviewed ghi cảnh báo {code} là đã xem xét, nhưng không có cảnh báo đó.",
                    code=review.code),
                msg("Xóa mục này khỏi reviewed (bản gốc hoặc tệp kế hoạch đã sửa)."),
            )  # fmt: skip


def check_plan(loaded: LoadedPlan) -> tuple[list[Problem], UnitRegistry, PlanTimes | None]:
    """Return every problem of meaning in the well-formed parts of `loaded`, and its units.

    The registry has read every lead and support cell of the plan, and the
    timeframes every phrase (None without the plan's year): kept with the plan
    (the store caches them), views look them up instead of reading them again.
    """
    report = _Report(loaded.path, loaded.source)
    parts = loaded.parts
    info = parts.info
    registry = _check_registry(report, parts.units)
    _check_duplicates(report, ((p, s.id) for p, s in parts.sections), "DUPLICATE_ID", msg("Mã mục"))
    _check_duplicates(
        report, ((p, t.id) for p, t in parts.tasks), "DUPLICATE_ID", msg("Mã nhiệm vụ")
    )
    if info is not None:
        _check_particulars(report, info)
    times = None if info is None else PlanTimes(info.year, calendar=parts.calendar)
    for path, task in parts.tasks:
        _check_units_of_task(report, registry, path, task)
        if info is not None and times is not None:  # without the plan's year, no dates
            _check_timeframe(report, path, task, times, info.decision.date)
            _check_cutoff(report, path, task, times, parts.reporting.cutoff_day)
    for path, task in parts.tasks if info is not None else ():
        for index, review in enumerate(task.reviewed):
            if (task.id, review.code) not in report.reviews_used:
                report.warning(
                    report.source.value((*path, "reviewed", index, "code")),
                    "UNUSED_REVIEW",
                    msg(
                        "{id} ghi cảnh báo {code} là đã xem xét, nhưng không có cảnh báo đó.",
                        id=task.id,
                        code=review.code,
                    ),
                    msg("Xóa mục này khỏi reviewed (bản gốc hoặc tệp kế hoạch đã sửa)."),
                )
    task_ids = {task.id for _path, task in parts.tasks}
    for path, target in parts.targets:
        if target.task not in task_ids:
            report.error(
                report.source.value((*path, "task")),
                "UNKNOWN_TASK",
                msg(
                    "Chỉ tiêu «{id}» gắn với nhiệm vụ «{task}» không có trong kế hoạch.",
                    id=target.id,
                    task=target.task,
                ),
                msg("Sửa mã nhiệm vụ cho đúng (ví dụ VII.4)."),
            )
    return report.items, registry, times
