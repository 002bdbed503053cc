"""`tthc remind --email`: the weekly mail to each unit, previewed as .eml files or sent."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tthc_plan.cli.plain import _now, echo_error, echo_line
from tthc_plan.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from tthc_plan.i18n import _

if TYPE_CHECKING:
    from tthc_plan.output.export.mail import Mail
    from tthc_plan.store.mail_settings import MailSettings
    from tthc_plan.store.mailer import Outcome
    from tthc_plan.store.workspace import Workspace


def remind_by_email(
    space: Workspace,
    unit: str | None,
    *,
    within: int,
    by: date | None,
    dry_run: bool,
    outbox: Path | None,
    settings_file: Path | None,
) -> int:
    """Write to each unit that owes something (or preview it); return the exit code."""
    from tthc_plan.core.reminders import owed_by_unit  # noqa: PLC0415
    from tthc_plan.output.export.mail import mails  # noqa: PLC0415
    from tthc_plan.store.mail_settings import load_settings, settings_path  # noqa: PLC0415

    if outbox is not None and not dry_run:
        raise UsageError(_("--outbox chỉ dùng với --dry-run (xem trước, không gửi)."))
    settings = load_settings(settings_path(settings_file, os.environ), os.environ)
    view, items = space.plan_items()
    owed = owed_by_unit(items, within=within)
    if unit:
        wanted = space.unit_filter(unit).ids.get(view.plan.plan.id, frozenset())
        owed = [line for line in owed if line.unit.id in wanted]
    day = f"{space.today:%d/%m/%Y}"
    if not owed:
        message = _("Ngày {day} không đơn vị nào có việc quá hạn hay sắp đến hạn: không gửi thư.")
        echo_line(message.format(day=day))
        return EXIT_OK
    letters = mails(view.plan, owed, today=space.today, within=within, by=by)
    if dry_run:
        return _preview(space, letters, settings, outbox)
    return _send(space, letters, settings)


def _no_address(letters: list[Mail]) -> None:
    """Name the units that owe something and have no address: the Office phones them."""
    names = [letter.unit.name for letter in letters if not letter.to]
    if names:
        message = _(
            "Cảnh báo: {count} đơn vị không có địa chỉ e-mail (thêm email: cho đơn vị trong "
            "danh mục units, hoặc gọi điện, gửi công văn): {names}."
        )
        echo_error(message.format(count=len(names), names=", ".join(names)))


def _preview(
    space: Workspace, letters: list[Mail], settings: MailSettings, outbox: Path | None
) -> int:
    from email.headerregistry import Address  # noqa: PLC0415

    from tthc_plan.core.documents import follow_up_office  # noqa: PLC0415
    from tthc_plan.output.export.mail import eml_name, mail_message  # noqa: PLC0415
    from tthc_plan.store.files import write_output_file  # noqa: PLC0415

    view = space.single_view()
    sender = settings.sender
    if sender is None:
        office = follow_up_office(view.plan)
        sender = str(Address(display_name=office, addr_spec="chua-cau-hinh@example.invalid"))
        message = _("Chưa cấu hình người gửi (TTHC_SMTP_FROM): thư xem trước ghi From: {sender}")
        echo_error(message.format(sender=sender))
    now = _now()
    timezone = view.plan.plan.timezone
    # Every message is made (and its headers checked) before anything is written.
    built = [mail_message(letter, sender=sender, now=now, timezone=timezone) for letter in letters]
    if outbox is not None:
        try:
            outbox.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            message = _("Không tạo được thư mục «{path}»: {reason}.")
            raise UsageError(message.format(path=outbox, reason=error.strerror or error)) from None
    for index, (letter, made) in enumerate(zip(letters, built, strict=True), start=1):
        to = ", ".join(letter.to) or _("(không có địa chỉ)")
        line = f"{to}: {letter.subject}"
        if outbox is not None:
            path = outbox / eml_name(index, letter.unit)
            # Files of this preview: a second preview of the day refreshes them.
            write_output_file(path, made.as_bytes(), replace=True)
            line = f"{path}  {line}"
        echo_line(line)
    if outbox is not None:
        written = {eml_name(index, letter.unit) for index, letter in enumerate(letters, start=1)}
        older = sorted(p.name for p in outbox.glob("*.eml") if p.name not in written)
        if older:  # never deleted: they are the user's; said, so previews do not mix
            message = _("Trong «{path}» còn {count} thư xem trước của lần trước: {names}.")
            echo_error(message.format(path=outbox, count=len(older), names=", ".join(older)))
    _no_address(letters)
    message = _("Xem trước {count} thư: không gửi, không ghi nhật ký thư đã gửi.")
    echo_line(message.format(count=len(letters)))
    return EXIT_OK


def _send(space: Workspace, letters: list[Mail], settings: MailSettings) -> int:
    from tthc_plan.output.export.mail import fingerprint, mail_message  # noqa: PLC0415
    from tthc_plan.store.mail_settings import password, require_server  # noqa: PLC0415
    from tthc_plan.store.mailer import Outgoing, send_all  # noqa: PLC0415
    from tthc_plan.store.sent_log import SentLog, state_dir  # noqa: PLC0415

    host, sender = require_server(settings)
    secret = password(settings, os.environ)
    view = space.single_view()
    plan = view.plan.plan
    log = SentLog(state_dir(os.environ), today=space.today, warn=echo_error)
    now = _now()
    outgoing = [
        Outgoing(
            letter.unit.name,
            (space.today.isoformat(), plan.id, letter.unit.id, fingerprint(letter)),
            mail_message(letter, sender=sender, now=now, timezone=plan.timezone),
        )
        for letter in letters
        if letter.to
    ]
    with log.locked():
        outcomes = send_all(
            outgoing, settings, host=host, password=secret, log=log, now=_now, warn=echo_error
        )
    _report_failures(outcomes, letters)
    _no_address(letters)
    sent, skipped, failed = (
        sum(1 for outcome in outcomes if outcome.status == status)
        for status in ("sent", "skipped", "failed")
    )
    message = _("Đã gửi {sent} thư, bỏ qua {skipped} (đã gửi hôm nay), lỗi {failed}.")
    echo_line(message.format(sent=sent, skipped=skipped, failed=failed))
    return EXIT_PROBLEMS if failed else EXIT_OK


def _report_failures(outcomes: list[Outcome], letters: list[Mail]) -> None:
    addresses = {letter.unit.name: ", ".join(letter.to) for letter in letters}
    for outcome in outcomes:
        if outcome.status != "failed":
            continue
        message = _("Không gửi được thư cho «{unit}» ({to}) sau {attempts} lần thử: {reason}.")
        if not outcome.attempts:  # the run stopped before this one
            message = _("Chưa gửi thư cho «{unit}» ({to}): {reason}.")
        if outcome.delivered:
            message = _("Thư cho «{unit}» ({to}) đã gửi, nhưng máy chủ từ chối địa chỉ: {reason}.")
        echo_error(
            message.format(
                unit=outcome.unit,
                to=addresses.get(outcome.unit, ""),
                attempts=outcome.attempts,
                reason=outcome.reason,
            )
        )
