"""Lay out the reminder letter (công văn đôn đốc) as a Word document or as Markdown.

The Office sends it to the units that are late: "Kính gửi" them, one part per
unit listing its overdue tasks (due, days late) and what it must finish in
the next days, and a day by which to report back (or a dotted place for the
author to fill in). The Office that drafts it is never among "Kính gửi": its
own late tasks, if any, are listed apart ("Việc của Văn phòng ..."). The Word
form is `official.py`'s (Nghị định 30/2020).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec import Struct

from tthc_plan.core.documents import NUMBER_BLANK, Issuer, addressed, follow_up_office, plan_words
from tthc_plan.core.model import Plan
from tthc_plan.core.reminders import Owed
from tthc_plan.core.schedule import Item
from tthc_plan.output.export.form import listed, markdown_closing, markdown_heading
from tthc_plan.output.export.report_doc import period_words
from tthc_plan.output.values import markdown_text

BY_PLACEHOLDER = "ngày ...../...../........"  # the Office writes the day by hand


class Letter(Struct, frozen=True):
    """What the letter says, in order, before Word or Markdown lays it out."""

    number: str  # "Số: ....../UBND-VP"
    subject: str  # "V/v đôn đốc thực hiện Kế hoạch kiểm soát TTHC năm 2024"
    to: list[str]
    opening: list[str]
    parts: list[tuple[str, list[tuple[str, list[str]]]]]  # unit, [(heading, lines)]
    own: tuple[str, list[tuple[str, list[str]]]] | None  # the drafting office's, apart
    closing: str


def task_words(item: Item) -> str:
    """Return a task as a reminder names it: "XI.1 (quý I/2024). Báo cáo thường kỳ ..."."""
    period = period_words(item.slot.period)
    return f"{item.task.id}{period}. {item.task.title.rstrip('.')}"


def time_left(item: Item) -> str:
    """Return how an item not done stands: "quá hạn 6 ngày", "còn 3 ngày", "đến hạn hôm nay"."""
    if item.days_late > 0:
        return f"quá hạn {item.days_late} ngày"
    return "đến hạn hôm nay" if item.days_left == 0 else f"còn {item.days_left} ngày"


def item_line(item: Item) -> str:
    """Return an overdue or upcoming item as a reminder lists it: task, due, time left."""
    return f"{task_words(item)}: hạn {item.slot.due:%d/%m/%Y}, {time_left(item)}."


def _sections(line: Owed, within: int) -> list[tuple[str, list[str]]]:
    """Return a unit's overdue items and, if any, those due within `within` days."""
    sections = [("a) Nhiệm vụ đã quá hạn, chưa hoàn thành:", [item_line(i) for i in line.overdue])]
    if line.upcoming:
        heading = f"b) Nhiệm vụ đến hạn trong {within} ngày tới:"
        sections.append((heading, [item_line(i) for i in line.upcoming]))
    return sections


def build(
    plan: Plan,
    owed: Sequence[Owed],
    issuer: Issuer,
    *,
    today: date,
    by: date | None,
    within: int,
    own: Owed | None = None,
) -> Letter:
    """Return what the letter to the `owed` units says on `today`.

    One unit is written to as one ("đơn vị", no numbered parts); a commune is
    addressed through its People's Committee ("UBND xã Đắk Ru"). `own`: the
    late work of the office that drafts the letter, listed apart (see
    `core.reminders.addressees`).
    """
    office = follow_up_office(plan)
    # "Chậm nhất": the day itself included ("trước ngày X" would end the day before).
    deadline = f"ngày {by:%d/%m/%Y}" if by else BY_PLACEHOLDER
    single = len(owed) == 1
    units = "đơn vị" if single else "các đơn vị"
    parts = [(addressed(line.unit), _sections(line, within)) for line in owed]
    late = sum(len(line.overdue) for line in owed)
    count = "" if single else f"{len(owed)} đơn vị "
    return Letter(
        number=f"Số: {NUMBER_BLANK}/{issuer.letter_symbol}",
        subject=f"V/v đôn đốc thực hiện Kế hoạch kiểm soát TTHC năm {plan.plan.year}",
        to=[addressed(line.unit) for line in owed],
        opening=[
            f"Thực hiện {plan_words(plan)}; qua "
            f"theo dõi, đến ngày {today:%d/%m/%Y}, {count}còn {late} lượt nhiệm vụ "
            "đã quá hạn nhưng chưa hoàn thành.",
            f"Để bảo đảm tiến độ thực hiện Kế hoạch, {issuer.name} đề nghị {units} khẩn "
            f"trương hoàn thành các nhiệm vụ dưới đây và gửi kết quả (văn bản) về {office} "
            f"chậm nhất {deadline}{':' if single else ', cụ thể:'}",
        ],
        parts=parts,
        own=(f"Việc của {own.unit.name}", _sections(own, within)) if own else None,
        closing=(
            f"Đề nghị Thủ trưởng {units} quan tâm, chỉ đạo thực hiện; trường hợp có khó "
            f"khăn, vướng mắc, kịp thời báo cáo về {office} để tổng hợp, báo cáo "
            f"{issuer.name} xem xét, giải quyết./."
        ),
    )


def _to_lines(names: Sequence[str]) -> list[str]:
    """Return "Kính gửi" as written: one name on the line, or one "- name;" per line."""
    if len(names) == 1:
        return [f"Kính gửi: {names[0]}."]
    return ["Kính gửi:", *(f"- {name}" for name in listed(names))]


def _parts(letter: Letter) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """Return the letter's parts under their headings: "1. Phòng Tư pháp" (none when it
    writes to one unit), then the drafting office's own, apart."""
    single = len(letter.parts) == 1
    parts = [
        ("" if single else f"{number}. {unit}", sections)
        for number, (unit, sections) in enumerate(letter.parts, start=1)
    ]
    return [*parts, letter.own] if letter.own else parts


def letter_markdown(letter: Letter, issuer: Issuer, to: Sequence[str], today: date) -> str:
    """Return the letter as Markdown, with the same content as the Word document."""

    def text(value: str) -> str:
        return markdown_text(value)

    out = [
        *markdown_heading(issuer, letter.number, today),
        text(letter.subject),
        "",
        *(f"{text(line)}  " for line in _to_lines(letter.to)),
        "",
        *(f"{text(line)}\n" for line in letter.opening),
    ]
    for heading, sections in _parts(letter):
        if heading:
            out += [f"**{text(heading)}**", ""]
        for title, lines in sections:
            out += [text(title), "", *(f"- {text(line)}" for line in lines), ""]
    out += [text(letter.closing), "", *markdown_closing(issuer, to)]
    return "\n".join(out)


def letter_docx(letter: Letter, issuer: Issuer, to: Sequence[str], today: date) -> bytes:
    """Return the letter as a Word document (.docx) in the official form."""
    from tthc_plan.output.export.official import OfficialDocument  # noqa: PLC0415 - python-docx

    document = OfficialDocument()
    document.heading(issuer, letter.number, today, subject=letter.subject)
    document.recipients(_to_lines(letter.to))
    for line in letter.opening:
        document.paragraph(line)
    for part, sections in _parts(letter):
        if part:
            document.section(part)
        for heading, lines in sections:
            document.paragraph(heading, italic=True)
            for line in lines:
                document.paragraph(f"- {line}")
    document.paragraph(letter.closing, keep=True)
    document.closing(issuer, to)
    return document.to_bytes()
