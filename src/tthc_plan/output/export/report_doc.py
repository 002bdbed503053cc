"""Lay out the periodic report as a Word document or as Markdown, with the same content.

The report reads as an Office's report (báo cáo định kỳ): the figures in a
summary paragraph; one table row per task and period, where the units that
lead it are counted, with those done late or not done named in a row of the
table's width under it; the tasks of earlier periods still overdue, each with
its late units; a table of each unit's figures, which names no task again;
what runs and what falls due next; and the parts only a person can write
left as marked placeholders. Each late item names its unit once, in part 2,
so that a year when most units record nothing still prints on a few pages.
The Word form is `official.py`'s (Nghị định 30/2020). The document is in
Vietnamese whatever `--lang` says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from msgspec import Struct

from tthc_plan.core.documents import NUMBER_BLANK, Issuer, plan_words
from tthc_plan.core.report import (
    Period,
    ReportData,
    TaskLine,
    UnitLine,
    by_task,
    task_lines,
)
from tthc_plan.core.schedule import Item
from tthc_plan.core.timeframe import Frequency
from tthc_plan.core.timeframe.period import PERIOD_LABEL
from tthc_plan.output.export.form import markdown_closing, markdown_heading
from tthc_plan.output.tables import markdown_table
from tthc_plan.output.values import markdown_text

PLACEHOLDER_PROBLEMS = (
    "[Phần này do đơn vị soạn báo cáo viết: những khó khăn, vướng mắc trong kỳ và nguyên nhân.]"
)
PLACEHOLDER_PROPOSALS = (
    "[Phần này do đơn vị soạn báo cáo viết: đề xuất, kiến nghị với cấp trên, nếu có.]"
)
NOTHING_DUE = "Trong kỳ không có nhiệm vụ nào đến hạn."
TASK_HEADERS = ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Kết quả", "Văn bản minh chứng")
UNIT_HEADERS = ("Đơn vị", "Được giao", "Đúng hạn", "Trễ hạn", "Quá hạn, chưa xong")
CARRIED_HEADING = "Nhiệm vụ của các kỳ trước còn quá hạn, chưa hoàn thành:"
UNITS_HEADING = "3. Kết quả theo đơn vị"
_ROMAN = ("I", "II", "III", "IV")


def period_name(period: Period) -> str:
    """Return a period as a report's title names it: "quý I năm 2024"."""
    match period.kind:
        case Frequency.QUARTERLY:
            return f"quý {_ROMAN[period.number - 1]} năm {period.year}"
        case Frequency.HALF_YEARLY:
            return f"6 tháng {'đầu' if period.number == 1 else 'cuối'} năm {period.year}"
        case Frequency.MONTHLY:
            return f"tháng {period.number} năm {period.year}"
        case Frequency.ANNUAL:
            return f"năm {period.year}"


def period_words(label: str | None) -> str:
    """Return a recurring task's period as a document writes it: " (quý I/2024)"; "" if none."""
    if not label:
        return ""
    match = PERIOD_LABEL.match(label)
    if match is None:
        return f" (kỳ {label})"
    year = match["year"]
    if match["q"]:
        return f" (quý {_ROMAN[int(match['q']) - 1]}/{year})"
    if match["h"]:
        return f" (6 tháng {'đầu' if match['h'] == '1' else 'cuối'} năm {year})"
    if match["m"]:
        return f" (tháng {int(match['m'])}/{year})"
    return f" (năm {year})"


def title(data: ReportData) -> str:
    """Return the report's subject line."""
    return "Tình hình, kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính " + period_name(
        data.period
    )


def _day(item: Item) -> str:
    return f"{item.slot.due:%d/%m/%Y}" if item.slot.due else ""


def _task_name(line: TaskLine) -> str:
    period = period_words(line.period)
    return f"{line.task.id}{period}. {line.task.title.rstrip('.')}"


def _lead(line: TaskLine) -> str:
    only = line.only
    if only is not None:
        return only.unit.name
    lead = line.task.lead
    cell = "; ".join(lead) if isinstance(lead, list) else (lead or "")
    return f"{cell} ({line.units} đơn vị)"


def _names(items: Sequence[Item]) -> str:
    return ", ".join(item.unit.name for item in items)


def _result(line: TaskLine) -> str:
    """Return how a task stands: one unit's state, or its units counted (named apart)."""
    only = line.only
    if only is not None:
        done = only.done
        if done is not None and only.days_late:
            return f"Xong trễ {only.days_late} ngày ({done.date:%d/%m/%Y})"
        if done is not None:
            return f"Xong đúng hạn ({done.date:%d/%m/%Y})"
        if line.overdue:
            return f"Quá hạn {only.days_late} ngày, chưa xong"
        return "Chưa đến hạn"
    parts = [f"Đã xong {line.done}/{line.units}"]
    if line.late:
        parts[0] += f", trong đó trễ hạn {len(line.late)}"
    if line.overdue:
        parts.append(f"Quá hạn, chưa xong: {len(line.overdue)}")
    if line.pending:
        parts.append(f"Chưa đến hạn: {len(line.pending)}")
    return ".\n".join(parts) + "."


def late_names(line: TaskLine) -> str:
    """Return the units of a shared task done late and not done, named; "" if none is."""
    if line.only is not None:
        return ""
    parts = []
    if line.late:
        parts.append(f"Đơn vị xong trễ hạn: {_names(line.late)}.")
    if line.overdue:
        parts.append(f"Đơn vị quá hạn, chưa xong: {_names(line.overdue)}.")
    return " ".join(parts)


def _evidence(line: TaskLine) -> str:
    only = line.only
    if only is not None:
        return (only.done.ref or "") if only.done else ""
    refs = sum(1 for item in (*line.on_time, *line.late) if item.done and item.done.ref)
    return f"{refs}/{line.done} đơn vị đã xong có văn bản" if line.done else ""


def task_rows(lines: Sequence[TaskLine]) -> list[list[str]]:
    """Return the table's rows: STT, task, lead units, due, result, evidence."""
    return [
        [
            str(number),
            _task_name(line),
            _lead(line),
            f"{line.due:%d/%m/%Y}" if line.due else "",
            _result(line),
            _evidence(line),
        ]
        for number, line in enumerate(lines, start=1)
    ]


class Report(Struct, frozen=True):
    """What the report says, in order, before Word or Markdown lays it out."""

    number: str  # "Số: .../BC-UBND"
    subject: str
    opening: str
    summary: list[str]
    rows: list[list[str]]
    named: list[str]  # under each row, the units of a shared task that are late ("" if none)
    carried: list[str]  # one line per task of an earlier period still overdue
    units: list[list[str]]  # one row per unit: assigned, on time, late, overdue
    total: list[str] | None  # the row of their sums, when there are several units
    units_note: str | None  # what "Được giao" counts besides, when some items are not due yet
    running: list[str]
    upcoming_heading: str
    upcoming: list[str]
    closing: str


def _summary(data: ReportData, lines: Sequence[TaskLine], *, own: bool) -> list[str]:
    total, period = data.totals(), data.period
    span = f"Từ ngày {period.first:%d/%m/%Y} đến ngày {period.last:%d/%m/%Y}"
    if not total.due:
        first = f"{span} không có nhiệm vụ nào đến hạn."
    else:
        whom = "" if own else " của các đơn vị chủ trì"
        first = (
            f"{span} có {len(lines)} nhiệm vụ đến hạn ({total.due} lượt việc{whom}). "
            f"Tính đến ngày {data.as_of:%d/%m/%Y}: {total.on_time} lượt hoàn thành đúng hạn, "
            f"{total.late} lượt hoàn thành trễ hạn, {total.overdue} lượt quá hạn chưa hoàn thành"
        )
        first += f", {total.pending} lượt chưa đến hạn." if total.pending else "."
        past = total.on_time + total.late + total.overdue  # those whose last day has come
        if past:
            rate = round(100 * total.on_time / past)
            first += f" Tỷ lệ hoàn thành đúng hạn (trên {past} lượt đã đến hạn): {rate}%."
    summary = [first]
    if data.as_of < period.last:
        summary.append(f"Kỳ báo cáo chưa kết thúc: số liệu tính đến ngày {data.as_of:%d/%m/%Y}.")
    if data.carried:
        summary.append(
            f"Ngoài ra còn {len(data.carried)} lượt việc quá hạn từ các kỳ trước "
            f"chưa hoàn thành ({len(by_task(data.carried))} nhiệm vụ)."
        )
    summary.append(
        f"Số liệu thống kê về hồ sơ thủ tục hành chính tính từ ngày "
        f"{period.data_first:%d/%m/%Y} đến ngày {period.data_last:%d/%m/%Y} "
        "(Nghị định số 09/2019/NĐ-CP)."
    )
    return summary


def _carried(data: ReportData) -> list[str]:
    """Return one line per task of an earlier period still overdue, naming its late units."""
    lines = []
    for line in task_lines(data.carried):
        first = line.overdue[0]
        late = f"quá hạn {first.days_late} ngày"
        if line.only is not None:
            lines.append(f"{_task_name(line)}: hạn {_day(first)}, {late}; {first.unit.name}.")
        else:
            count = len(line.overdue)
            names = _names(line.overdue)
            lines.append(f"{_task_name(line)}: hạn {_day(first)}, {late}; {count} đơn vị: {names}.")
    return lines


def unit_row(line: UnitLine) -> list[str]:
    """Return a unit's row of the table by unit (the total's when it has no name)."""
    counts = (line.due, line.on_time, line.late, line.overdue)
    return [line.unit or "Tổng cộng", *map(str, counts)]


def _units_note(data: ReportData) -> str | None:
    pending = data.totals().pending
    if not pending:
        return None
    return f"Số được giao gồm cả {pending} lượt việc chưa đến hạn."


def _running(data: ReportData, *, own: bool) -> list[str]:
    ongoing = sorted({i.task.id for i in data.running if i.slot.ongoing}, key=_task_order(data))
    lines = []
    if ongoing:
        lines.append(
            f"Các nhiệm vụ thực hiện thường xuyên ({len(ongoing)} nhiệm vụ): "
            f"{', '.join(ongoing)}; {'đơn vị' if own else 'các đơn vị'} tiếp tục triển khai."
        )
    for (task, period), share in by_task(i for i in data.running if not i.slot.ongoing).items():
        first = share[0]
        units = first.unit.name if len(share) == 1 else f"{len(share)} đơn vị"
        when = period_words(period)
        title = first.task.title.rstrip(".")
        lines.append(f"{task}{when}. {title}: đến ngày {_day(first)} ({units}).")
    return lines


def _task_order(data: ReportData) -> Callable[[str], int]:
    order = {task.id: index for index, task in enumerate(data.plan.tasks())}
    return lambda task_id: order.get(task_id, len(order))


def _upcoming(data: ReportData) -> list[str]:
    lines = []
    for line in task_lines(data.upcoming):
        lines.append(f"{_task_name(line)}: hạn {line.due:%d/%m/%Y}; {_lead(line)}.")
    return lines


def build(data: ReportData, issuer: Issuer, *, own: bool = False) -> Report:
    """Return what the report on `data`, issued by `issuer`, says.

    `own`: the report of one unit on its own tasks (`--unit`), worded so.
    """
    lines = task_lines(data.items)
    name = period_name(data.period)
    return Report(
        number=f"Số: {NUMBER_BLANK}/{issuer.report_symbol}",
        subject=title(data),
        opening=(
            f"Thực hiện {plan_words(data.plan)}, "
            f"{issuer.name} báo cáo tình hình, kết quả thực hiện {name} như sau:"
        ),
        summary=_summary(data, lines, own=own),
        rows=task_rows(lines),
        named=[late_names(line) for line in lines],
        carried=_carried(data),
        units=[unit_row(line) for line in data.units],
        total=unit_row(data.totals()) if len(data.units) > 1 else None,
        units_note=_units_note(data),
        running=_running(data, own=own) or ["Không có."],
        upcoming_heading=f"II. NHIỆM VỤ TRỌNG TÂM {period_name(data.following).upper()}",
        upcoming=_upcoming(data) or ["Không có nhiệm vụ đến hạn."],
        closing=(
            f"Trên đây là báo cáo tình hình, kết quả thực hiện Kế hoạch kiểm soát thủ tục "
            f"hành chính {name} của {issuer.name}./."
        ),
    )


def _with_names(report: Report) -> list[list[str]]:
    """Return the task rows with the late units named in the result cell: Markdown has no
    row that spans the table, as the Word document's names have."""
    return [
        [*row[:4], f"{row[4]}\n{named}" if named else row[4], *row[5:]]
        for row, named in zip(report.rows, report.named, strict=True)
    ]


def _with_total(report: Report) -> list[list[str]]:
    return [*report.units, report.total] if report.total else report.units


def report_markdown(
    data: ReportData, issuer: Issuer, to: Sequence[str], *, own: bool = False
) -> str:
    """Return the report as Markdown, with the same content as the Word document."""
    report = build(data, issuer, own=own)

    def text(value: str) -> str:
        return markdown_text(value)

    def items(lines: Sequence[str]) -> list[str]:
        return [*(f"- {text(line)}" for line in lines), ""]

    out = [
        *markdown_heading(issuer, report.number, data.as_of),
        "# BÁO CÁO",
        "",
        f"## {text(report.subject)}",
        "",
        text(report.opening),
        "",
        "### I. KẾT QUẢ THỰC HIỆN",
        "",
        "**1. Tổng quát**",
        "",
        *(f"{text(line)}\n" for line in report.summary),
        "**2. Kết quả theo nhiệm vụ**",
        "",
        markdown_table(TASK_HEADERS, _with_names(report)) if report.rows else NOTHING_DUE,
        "",
        *([text(CARRIED_HEADING), "", *items(report.carried)] if report.carried else []),
        f"**{UNITS_HEADING}**",
        "",
        markdown_table(UNIT_HEADERS, _with_total(report)) if report.units else NOTHING_DUE,
        "",
        *([text(report.units_note), ""] if report.units_note else []),
        "**4. Nhiệm vụ đang thực hiện**",
        "",
        *items(report.running),
        f"### {text(report.upcoming_heading)}",
        "",
        *items(report.upcoming),
        "### III. KHÓ KHĂN, VƯỚNG MẮC",
        "",
        text(PLACEHOLDER_PROBLEMS),
        "",
        "### IV. ĐỀ XUẤT, KIẾN NGHỊ",
        "",
        text(PLACEHOLDER_PROPOSALS),
        "",
        text(report.closing),
        "",
        *markdown_closing(issuer, to),
    ]
    return "\n".join(out)


def report_docx(data: ReportData, issuer: Issuer, to: Sequence[str], *, own: bool = False) -> bytes:
    """Return the report as a Word document (.docx) in the official form."""
    from tthc_plan.output.export.official import OfficialDocument  # noqa: PLC0415 - python-docx

    report = build(data, issuer, own=own)
    document = OfficialDocument()
    document.heading(issuer, report.number, data.as_of)
    # "quý I năm 2024" stays on one line: no year alone at the end of the title.
    name = period_name(data.period)
    document.title("BÁO CÁO", report.subject.replace(name, name.replace(" ", "\u00a0")))
    document.paragraph(report.opening)
    document.section("I. KẾT QUẢ THỰC HIỆN")
    document.section("1. Tổng quát")
    for line in report.summary:
        document.paragraph(line)
    document.section("2. Kết quả theo nhiệm vụ")
    if report.rows:
        document.table(TASK_HEADERS, report.rows, centred=(0, 3), under=report.named)
    else:
        document.paragraph(NOTHING_DUE)
    if report.carried:
        document.paragraph(CARRIED_HEADING, keep=True)
        for line in report.carried:
            document.paragraph(f"- {line}")
    document.section(UNITS_HEADING)
    if report.units:
        total = report.total is not None
        document.table(UNIT_HEADERS, _with_total(report), centred=(1, 2, 3, 4), total=total)
        if report.units_note:
            document.paragraph(report.units_note, italic=True)
    else:
        document.paragraph(NOTHING_DUE)
    for heading, lines in (
        ("4. Nhiệm vụ đang thực hiện", report.running),
        (report.upcoming_heading, report.upcoming),
    ):
        document.section(heading)
        for line in lines:
            document.paragraph(f"- {line}")
    document.section("III. KHÓ KHĂN, VƯỚNG MẮC")
    document.paragraph(PLACEHOLDER_PROBLEMS, italic=True)
    document.section("IV. ĐỀ XUẤT, KIẾN NGHỊ")
    document.paragraph(PLACEHOLDER_PROPOSALS, italic=True)
    document.paragraph(report.closing, keep=True)
    document.closing(issuer, to)
    return document.to_bytes()
