"""The weekly reminder mail to one unit: its subject, a plain-text body and an HTML one.

One message per unit (`core.reminders.owed_by_unit`): what it has overdue,
what falls due soon, what it supports with its lead's state, and how to
report completion (to the Office that follows the plan up: units do not run
tthc). Both bodies say the same, in Vietnamese. The HTML is for mail
clients: inline styles only, no image or other remote resource, every text
from the plan escaped.

The message is an RFC 5322 `EmailMessage` (SMTP policy: CRLF, headers in
RFC 2047 when not ASCII), its bodies UTF-8 in base64, so it passes any
server unchanged and opens as a `.eml` file in any mail client.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date, datetime
from email.message import EmailMessage
from html import escape

from msgspec import Struct

from tthc_plan.core.address import addresses
from tthc_plan.core.documents import addressed, follow_up_office
from tthc_plan.core.model import Plan, Unit
from tthc_plan.core.names import slug
from tthc_plan.core.reminders import Owed, Supported
from tthc_plan.core.schedule import Item
from tthc_plan.core.text import ENCODED_WORD, first_control, one_line
from tthc_plan.errors import TthcError
from tthc_plan.i18n import _
from tthc_plan.output.export.letter_doc import item_line, task_words, time_left

# A supported task led by a whole group names its first leads, then counts the rest.
SHOWN_LEADS = 3


class Mail(Struct, frozen=True):
    """One unit's reminder, before it becomes a message."""

    unit: Unit
    to: tuple[str, ...]  # the unit's addresses; empty: it has none
    subject: str
    text: str
    html: str


def _count(number: int, what: str) -> str | None:
    return f"{number} việc {what}" if number else None


def subject(plan: Plan, owed: Owed) -> str:
    """Return "[KSTTHC 2024] Xã Nhân Cơ: 2 việc quá hạn, 1 việc sắp đến hạn" (no zero part)."""
    parts = [
        _count(len(owed.overdue), "quá hạn"),
        _count(len(owed.upcoming), "sắp đến hạn"),
        _count(len(owed.supported), "phối hợp"),
    ]
    counts = ", ".join(part for part in parts if part)
    return f"[KSTTHC {plan.plan.year}] {owed.unit.name}: {counts}"


def lead_words(line: Supported) -> str:
    """Return the lead's state: "Chủ trì: Phòng Nội vụ — quá hạn 6 ngày" (the first few leads)."""
    shown = [f"{lead.unit.name} — {time_left(lead)}" for lead in line.leads[:SHOWN_LEADS]]
    more = len(line.leads) - SHOWN_LEADS
    if more > 0:
        shown.append(f"và {more} đơn vị chủ trì khác chưa xong")
    return "Chủ trì: " + "; ".join(shown)


class _Content(Struct, frozen=True):
    """What both bodies say, in order."""

    greeting: str
    opening: str
    sections: list[tuple[str, list[tuple[str, str | None]]]]  # heading, [(line, lead line)]
    how_to_report: list[str]
    footer: str


def _content(plan: Plan, owed: Owed, *, today: date, within: int, by: date | None) -> _Content:
    office = follow_up_office(plan)
    sections: list[tuple[str, list[tuple[str, str | None]]]] = []
    lines: list[tuple[str, str | None]]
    if owed.overdue:
        lines = [(item_line(item), None) for item in owed.overdue]
        sections.append((f"Việc đã quá hạn, chưa hoàn thành ({len(lines)})", lines))
    if owed.upcoming:
        lines = [(item_line(item), None) for item in owed.upcoming]
        sections.append((f"Việc đến hạn trong {within} ngày tới ({len(lines)})", lines))
    if owed.supported:
        lines = [(_supported_line(s.item), lead_words(s)) for s in owed.supported]
        heading = f"Việc đơn vị phối hợp, đơn vị chủ trì chịu trách nhiệm về hạn ({len(lines)})"
        sections.append((heading, lines))
    deadline = f" chậm nhất ngày {by:%d/%m/%Y}" if by else ""
    report = [
        f"Khi hoàn thành một việc, đề nghị đơn vị gửi văn bản, báo cáo kết quả (ghi rõ số, "
        f"ngày của văn bản) về {office}{deadline} để cập nhật tiến độ thực hiện Kế hoạch.",
    ]
    if owed.unit.name == office:  # the Office follows the plan up: it records its own work
        report = [
            "Khi hoàn thành một việc, ghi nhận vào Kế hoạch (tthc done, kèm số, ngày của văn "
            "bản) để các báo cáo và thư nhắc sau tính đúng."
        ]
    if owed.supported:
        report.append(
            "Với việc phối hợp: gửi phần việc của đơn vị cho đơn vị chủ trì theo đề nghị "
            "của đơn vị chủ trì."
        )
    report.append(f"Trường hợp có khó khăn, vướng mắc, đề nghị liên hệ {office}.")
    return _Content(
        greeting=f"Kính gửi: {addressed(owed.unit)}",
        opening=(
            f"{office} nhắc việc thực hiện {plan.plan.name}; "
            f"tình hình của đơn vị đến ngày {today:%d/%m/%Y}:"
        ),
        sections=sections,
        how_to_report=report,
        footer=(
            f"Thư nhắc việc hằng tuần của {office}, lập tự động từ Kế hoạch ngày "
            f"{today:%d/%m/%Y}. Đơn vị không có việc quá hạn hay sắp đến hạn thì không nhận thư."
        ),
    )


def _supported_line(item: Item) -> str:
    due = f": hạn {item.slot.due:%d/%m/%Y}" if item.slot.due else ""
    return f"{task_words(item)}{due}."


def _text(content: _Content) -> str:
    out = [content.greeting, "", content.opening, ""]
    for heading, lines in content.sections:
        out.append(heading.upper())
        for line, lead in lines:
            out.append(f"- {line}")
            if lead:
                out.append(f"  {lead}")
        out.append("")
    out += ["CÁCH BÁO HOÀN THÀNH", *content.how_to_report, "", "-- ", content.footer]
    return "\n".join(out) + "\n"


_STYLE = {
    "body": "font-family: Arial, 'Noto Sans', sans-serif; font-size: 15px; color: #1b2631; "
    "line-height: 1.45; max-width: 720px; margin: 0; padding: 12px;",
    "h2": "font-size: 16px; margin: 18px 0 6px; color: #1b2631;",
    "late": "color: #a93226;",
    "li": "margin: 0 0 6px;",
    "lead": "color: #566573; font-size: 14px;",
    "footer": "color: #566573; font-size: 13px; border-top: 1px solid #d5d8dc; "
    "padding-top: 8px; margin-top: 20px;",
}


def _html(subject_line: str, content: _Content) -> str:
    def text(value: str) -> str:
        return escape(value, quote=True)

    out = [
        "<!DOCTYPE html>",
        '<html lang="vi">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{text(subject_line)}</title></head>",
        f'<body style="{_STYLE["body"]}">',
        f"<p><strong>{text(content.greeting)}</strong></p>",
        f"<p>{text(content.opening)}</p>",
    ]
    for index, (heading, lines) in enumerate(content.sections):
        late = _STYLE["late"] if index == 0 and heading.startswith("Việc đã quá hạn") else ""
        out.append(f'<h2 style="{_STYLE["h2"]}{late}">{text(heading)}</h2>')
        out.append("<ul>")
        for line, lead in lines:
            more = f'<br><span style="{_STYLE["lead"]}">{text(lead)}</span>' if lead else ""
            out.append(f'<li style="{_STYLE["li"]}">{text(line)}{more}</li>')
        out.append("</ul>")
    out.append(f'<h2 style="{_STYLE["h2"]}">Cách báo hoàn thành</h2>')
    out += [f"<p>{text(line)}</p>" for line in content.how_to_report]
    out += [f'<p style="{_STYLE["footer"]}">{text(content.footer)}</p>', "</body>", "</html>"]
    return "\n".join(out) + "\n"


def compose(plan: Plan, owed: Owed, *, today: date, within: int, by: date | None = None) -> Mail:
    """Return the reminder to one unit on `today` (`by`: the day to report back, if set)."""
    content = _content(plan, owed, today=today, within=within, by=by)
    title = subject(plan, owed)
    to = tuple(addresses(owed.unit))
    return Mail(owed.unit, to, title, _text(content), _html(title, content))


def fingerprint(mail: Mail) -> str:
    """Return the SHA-256 of what a mail says and to whom (not its date or id): a resend test."""
    digest = hashlib.sha256()
    for part in (*mail.to, "", mail.subject, mail.text, mail.html):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


class MailHeaderError(TthcError):
    """A text that would forge a header or the body if written into a header."""


def _check_header(mail: Mail, header: str, text: str) -> None:
    """Refuse a header text that holds "=?" or a control character (a line break).

    Python's email package decodes an encoded word it is given ("=?us-ascii?q?=0D=0A?="
    is a line break) and, before 3.11.10 and 3.12.5, writes the line break out as it is
    (CVE-2024-6923): a unit's name could add a Reply-To: and the start of the body.
    `tthc validate` refuses such names; this holds whatever the interpreter's version,
    whatever reached the mail by another way.
    """
    char = first_control(text)
    if ENCODED_WORD in text:
        what = "«=?»"
    elif char is not None:
        what = f"U+{ord(char):04X}"
    else:
        return
    message = _(
        "Không soạn thư cho «{unit}»: dòng {header}: của thư sẽ có {what}, có thể giả thêm "
        "dòng tiêu đề hay nội dung thư. Sửa giá trị ấy trong kế hoạch hoặc trong cấu hình "
        "gửi thư (tthc validate chỉ ra chỗ)."
    )
    raise MailHeaderError(message.format(unit=one_line(mail.unit.name), header=header, what=what))


def mail_message(mail: Mail, *, sender: str, now: datetime, timezone: str) -> EmailMessage:
    """Return the RFC 5322 message of `mail` from `sender`, dated `now` in `timezone`.

    Raise MailHeaderError if a text would not stay within its header.
    """
    import email.policy  # noqa: PLC0415 - only --email needs them
    from email.utils import format_datetime, make_msgid, parseaddr  # noqa: PLC0415
    from zoneinfo import ZoneInfo  # noqa: PLC0415

    for header, text in (("Subject", mail.subject), ("From", sender), ("To", ", ".join(mail.to))):
        _check_header(mail, header, text)
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = mail.subject
    message["From"] = sender
    if mail.to:
        message["To"] = ", ".join(mail.to)
    message["Date"] = format_datetime(now.astimezone(ZoneInfo(timezone)))
    # The sender's domain, not the machine's name (make_msgid would ask the network).
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    # RFC 3834: an automatic message; out-of-office replies are not sent back to it.
    message["Auto-Submitted"] = "auto-generated"
    # Base64: 7-bit safe through any server, and shorter than quoted-printable for
    # Vietnamese, where most letters carry a diacritic.
    message.set_content(mail.text, cte="base64")
    message.add_alternative(mail.html, subtype="html", cte="base64")
    message["Content-Language"] = "vi"  # after set_content, which clears Content-* headers
    # The bodies are encoded (base64 lines of 76); from here on, headers are folded only at
    # RFC 5322's hard limit (998; 78 is its SHOULD): Python before 3.13 folds a long
    # encoded subject with the space between two encoded words, where readers drop it
    # ("quáhạn"; CPython gh-144156).
    message.policy = email.policy.SMTP.clone(max_line_length=998)
    for header, value in message.items():  # as decoded: a line break here is one on the wire
        _check_header(mail, header, str(value))
    return message


def eml_name(index: int, unit: Unit) -> str:
    """Return a file name safe on every system: "03-xa-nhan-co.eml"."""
    name = slug(unit.name)[:60].rstrip("-") or "don-vi"
    return f"{index:02d}-{name}.eml"


def mails(
    plan: Plan, owed: Sequence[Owed], *, today: date, within: int, by: date | None = None
) -> list[Mail]:
    """Return one reminder per unit of `owed`, in its order."""
    return [compose(plan, line, today=today, within=within, by=by) for line in owed]
