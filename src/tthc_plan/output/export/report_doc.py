"""Lay out the periodic report as a Word document or as Markdown.

The Word layout follows Vietnamese administrative reports (Nghị định
30/2020/NĐ-CP): issuing body and national motto side by side, number and
date, title, numbered parts, and the parts only a person can write left as
marked placeholders. The document is in Vietnamese whatever `--lang` says.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from msgspec.structs import replace

from tthc_plan.core.report import Period, ReportData, UnitLine, by_task
from tthc_plan.core.schedule import Item, Role, State
from tthc_plan.core.timeframe import Frequency
from tthc_plan.i18n import _
from tthc_plan.output.tables import markdown_table
from tthc_plan.output.values import markdown_text
from tthc_plan.output.views import STATE_LABELS

PLACEHOLDER = "[Phần này do đơn vị viết: ...]"
SUMMARY_HEADERS = (
    "Đơn vị",
    "Việc đến hạn trong kỳ",
    "Xong đúng hạn",
    "Xong trễ hạn",
    "Quá hạn",
    "Chưa đến hạn",
)
TASK_HEADERS = ("Mã", "Nhiệm vụ", "Đơn vị", "Hạn", "Tình trạng", "Văn bản minh chứng")


def _date_words(data: ReportData) -> str:
    day = data.as_of
    # Nghị định 30/2020: a leading zero for days below 10 and for months 1 and 2.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def title(data: ReportData) -> str:
    """Return the report's title line."""
    return "Tình hình, kết quả thực hiện Kế hoạch kiểm soát thủ tục hành chính " + period_name(
        data.period
    )


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


def _summary_rows(data: ReportData) -> list[list[str]]:
    def row(line: UnitLine) -> list[str]:
        figures = (line.due, line.on_time, line.late, line.overdue, line.pending)
        return [line.unit, *map(str, figures)]

    total = replace(data.totals(), unit=_("Tổng cộng"))
    return [*(row(line) for line in data.units), row(total)]


def _status(item: Item) -> str:
    if item.state is State.DONE and item.days_late:
        return f"Xong trễ {item.days_late} ngày"
    return STATE_LABELS[item.state]


def _task_rows(items: Sequence[Item]) -> list[list[str]]:
    ordered = sorted(items, key=lambda i: (i.slot.due, i.task.id, i.role is not Role.LEAD))
    return [
        [
            item.task.id + (f" ({item.slot.period})" if item.slot.period else ""),
            item.task.title,
            item.unit.name,
            f"{item.slot.due:%d/%m/%Y}" if item.slot.due else "",
            _status(item),
            (item.done.ref or "") if item.done else "",
        ]
        for item in ordered
    ]


def _intro(data: ReportData) -> str:
    total, period = data.totals(), data.period
    return (
        f"Nhiệm vụ đến hạn từ ngày {period.first:%d/%m/%Y} đến ngày {period.last:%d/%m/%Y}, "
        f"tình hình đến ngày {data.as_of:%d/%m/%Y}. Trong kỳ có {total.due} lượt việc đến hạn: "
        f"{total.on_time} xong đúng hạn, {total.late} xong trễ hạn, {total.overdue} quá hạn, "
        f"{total.pending} chưa đến hạn. "
        f"Số liệu thống kê (hồ sơ thủ tục hành chính) tính từ ngày {period.data_first:%d/%m/%Y} "
        f"đến ngày {period.data_last:%d/%m/%Y} (Nghị định số 09/2019/NĐ-CP)."
    )


def _late_lines(late: Sequence[Item]) -> str:
    return "; ".join(
        f"{i.task.id}{f' ({i.slot.period})' if i.slot.period else ''} "
        f"(hạn {i.slot.due:%d/%m/%Y}, trễ {i.days_late} ngày)"
        for i in late
    )


def _grouped(items: Sequence[Item], *, with_due: bool) -> list[str]:
    """Return one line per task and period: its units, and its last day if asked."""
    lines = []
    for (task, period), share in by_task(items).items():
        first = share[0]
        due = f", hạn {first.slot.due:%d/%m/%Y}" if with_due and first.slot.due else ""
        if first.slot.ongoing:
            due = ", thường xuyên"
        elif not with_due and first.slot.due:
            due = f", đến {first.slot.due:%d/%m/%Y}"
        units = ", ".join(
            i.unit.name + (" (đã xong)" if i.state is State.DONE else "") for i in share
        )
        lines.append(f"{task}{f' ({period})' if period else ''}{due}: {units}")
    return lines


def _parts(data: ReportData) -> list[tuple[str, list[str]]]:
    """Return the report's listed parts after the task table: (heading, lines)."""
    overdue = [f"{unit}: {_late_lines(late)}" for unit, late in data.overdue.items()]
    carried = [f"{i.unit.name}: {_late_lines([i])}" for i in data.carried]
    return [
        ("III. Việc quá hạn trong kỳ theo đơn vị", overdue or ["Không có việc quá hạn."]),
        (
            "IV. Việc quá hạn từ các kỳ trước, chưa hoàn thành",
            carried or ["Không có việc quá hạn từ các kỳ trước."],
        ),
        (
            "V. Nhiệm vụ đang thực hiện trong kỳ (khoảng thời gian, thường xuyên)",
            _grouped(data.running, with_due=False) or ["Không có."],
        ),
        (
            f"VI. Kỳ tới: việc đến hạn {period_name(data.following)}",
            _grouped(data.upcoming, with_due=True) or ["Không có việc đến hạn."],
        ),
    ]


def report_markdown(data: ReportData) -> str:
    """Return the report as Markdown, with the same content as the Word document."""

    def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
        return markdown_table(headers, rows).splitlines()

    plan = data.plan.plan
    out = [
        f"**{markdown_text(plan.issuer.upper())}** — CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, "
        "Độc lập - Tự do - Hạnh phúc",
        "",
        f"Số: /BC-UBND — {plan.decision.place or ''}, {_date_words(data)}",
        "",
        "# BÁO CÁO",
        f"## {markdown_text(title(data))}",
        "",
        _intro(data),
        "",
        "### I. Tổng hợp theo đơn vị",
        "",
        *table(SUMMARY_HEADERS, _summary_rows(data)),
        "",
        "### II. Các nhiệm vụ đến hạn trong kỳ",
        "",
        *table(TASK_HEADERS, _task_rows(data.items)),
        "",
    ]
    for heading, lines in _parts(data):
        out += [f"### {heading}", "", *(f"- {markdown_text(line)}" for line in lines), ""]
    out += ["### VII. Khó khăn, vướng mắc", "", PLACEHOLDER, "", "### VIII. Đề xuất, kiến nghị",
            "", PLACEHOLDER, ""]  # fmt: skip
    return "\n".join(out)


def report_docx(data: ReportData) -> bytes:
    """Return the report as a Word document (.docx)."""
    import docx  # noqa: PLC0415 - python-docx is needed by this command only
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    plan = data.plan.plan
    head = document.add_table(rows=2, cols=2)
    head.cell(0, 0).text = plan.issuer.upper()
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    head.cell(1, 0).text = "Số:      /BC-UBND"
    head.cell(1, 1).text = "Độc lập - Tự do - Hạnh phúc"
    for cell in (head.cell(0, 0), head.cell(0, 1), head.cell(1, 1)):
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in head.rows:
        for cell in row.cells:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    place = document.add_paragraph(f"{plan.decision.place or ''}, {_date_words(data)}")
    place.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    place.runs[0].italic = True
    for text, bold in (("BÁO CÁO", True), (title(data), True)):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = bold
    document.add_paragraph(_intro(data))
    _section(document, "I. Tổng hợp theo đơn vị")
    _table(document, SUMMARY_HEADERS, _summary_rows(data))
    _section(document, "II. Các nhiệm vụ đến hạn trong kỳ")
    _table(document, TASK_HEADERS, _task_rows(data.items))
    for heading, lines in _parts(data):
        _section(document, heading)
        for line in lines:
            document.add_paragraph(line, style="List Bullet")
    _section(document, "VII. Khó khăn, vướng mắc")
    document.add_paragraph(PLACEHOLDER)
    _section(document, "VIII. Đề xuất, kiến nghị")
    document.add_paragraph(PLACEHOLDER)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _section(document: object, text: str) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.add_run(text).bold = True


def _table(document: object, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = text
