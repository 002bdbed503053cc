"""Lay out the periodic report as a Word document or as Markdown, with the same content.

The report reads as an Office's report (báo cáo định kỳ): the figures in a
summary paragraph; one table row per task and period, where the units that
lead it are counted and those not done named; the late units named; what runs
and what falls due next; and the parts only a person can write left as
marked placeholders. The Word form is `official.py`'s (Nghị định 30/2020).
The document is in Vietnamese whatever `--lang` says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from msgspec import Struct

from tthc_plan.core.documents import Issuer, decision_words
from tthc_plan.core.report import (
    Period,
    ReportData,
    TaskLine,
    by_task,
    task_lines,
)
from tthc_plan.core.schedule import Item
from tthc_plan.core.text import vietnamese_key
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
    """Return how a task stands: one unit's state, or its units counted and named."""
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
        parts[0] += f", trong đó trễ hạn {len(line.late)}: {_names(line.late)}"
    if line.overdue:
        parts.append(f"Quá hạn, chưa xong ({len(line.overdue)}): {_names(line.overdue)}")
    if line.pending:
        parts.append(f"Chưa đến hạn: {len(line.pending)}")
    return ".\n".join(parts) + "."


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
    late: list[str]  # one line per late unit
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


def _late_units(data: ReportData) -> list[str]:
    """Return one line per unit with something overdue, this period's or earlier."""
    owed: dict[str, list[Item]] = {}
    for item in [*data.carried, *(i for late in data.overdue.values() for i in late)]:
        owed.setdefault(item.unit.name, []).append(item)
    lines = []
    for unit in sorted(owed, key=vietnamese_key):
        items = sorted(owed[unit], key=lambda i: (i.slot.due, i.task.id))
        tasks = "; ".join(
            f"{i.task.id}{period_words(i.slot.period)}, hạn {_day(i)}, quá hạn {i.days_late} ngày"
            for i in items
        )
        lines.append(f"{unit}: {tasks}.")
    return lines


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
    plan = data.plan.plan
    name = period_name(data.period)
    return Report(
        number=f"Số:      /{issuer.report_symbol}",
        subject=title(data),
        opening=(
            f"Thực hiện {plan.title} (ban hành kèm theo {decision_words(data.plan)}), "
            f"{issuer.name} báo cáo tình hình, kết quả thực hiện {name} như sau:"
        ),
        summary=_summary(data, lines, own=own),
        rows=task_rows(lines),
        late=_late_units(data) or ["Không có đơn vị nào quá hạn."],
        running=_running(data, own=own) or ["Không có."],
        upcoming_heading=f"II. NHIỆM VỤ TRỌNG TÂM {period_name(data.following).upper()}",
        upcoming=_upcoming(data) or ["Không có nhiệm vụ đến hạn."],
        closing=(
            f"Trên đây là báo cáo tình hình, kết quả thực hiện Kế hoạch kiểm soát thủ tục "
            f"hành chính {name} của {issuer.name}./."
        ),
    )


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
        markdown_table(TASK_HEADERS, report.rows) if report.rows else NOTHING_DUE,
        "",
        "**3. Đơn vị có nhiệm vụ quá hạn, chưa hoàn thành**",
        "",
        *items(report.late),
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
        document.table(TASK_HEADERS, report.rows, centred=(0, 3))
    else:
        document.paragraph(NOTHING_DUE)
    for heading, lines in (
        ("3. Đơn vị có nhiệm vụ quá hạn, chưa hoàn thành", report.late),
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
